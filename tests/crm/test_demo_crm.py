"""The demo gives every CRM command something true to show: contacts, owners, a deal in the bin, search."""
from __future__ import annotations

import pytest

from bot.demo import DEMO_PLATFORM, DEMO_WORKSPACE, seed_demo
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from tests.crm.support import column, rows
from tests.support.chat import Chat, reply_text


@pytest.fixture
def maria(store) -> Chat:
    """Maria, the East manager of the seeded demo, on every configured database."""
    assert seed_demo(store)
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    return Chat(processor, store, user="maria", workspace=DEMO_WORKSPACE, platform=DEMO_PLATFORM)


async def test_the_seed_has_contacts_owners_a_bin_and_an_index(maria):
    binned = await maria.say("deal list deleted")
    assert len(rows(binned)) == 1 and column(binned)[0].endswith("(duplicate)")
    number = rows(binned)[0][0]
    accounts = await maria.say("account list")
    assert all(row[1] != "—" and row[2] != "—" for row in rows(accounts))
    shown = reply_text(await maria.say('account show "Keystone Manufacturing"'))
    assert "Contacts: " in shown and "none yet" not in shown.split("Contacts: ")[1].split("\n")[0]
    contact = column(await maria.say('contact list "Keystone Manufacturing"'), 0)[0]
    found = await maria.say(f'find "{contact.split()[0].lower()[:4]}"')
    assert contact in column(found, 2)
    assert (await maria.say(f"deal restore {number}")).text.endswith("is restored.")
    history = await maria.say(f"deal history {number}")
    assert column(history, 1) == ["Olivia Bennett", "Olivia Bennett", "Maria Lopez"]
    what = column(history, 2)
    assert what[0].startswith("added in ") and what[1:] == ["deleted", "restored"]
