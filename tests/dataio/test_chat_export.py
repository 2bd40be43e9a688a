"""`export deals` in chat: who gets which deals, and the file each platform hands over."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.support.chat import reply_text


def rows(reply) -> list[dict]:
    text = reply.attachment.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
async def org(chat):
    """Ana (admin), Carla managing team East with Bob; Dan outside it. Each owns one deal."""
    await chat.say("whoami")
    for name in ("bob", "carla", "dan"):
        await chat.as_(name).say(f'deal add "{name} deal" 10k')
    await chat.say('deal add "ana deal" 20k')
    await chat.say('team create "East"')
    await chat.say('team add "East" @bob @carla')
    await chat.say('team manager "East" @carla')
    await chat.say("role @carla manager")
    return chat


async def test_a_rep_exports_only_their_own_deals(org):
    reply = await org.as_("bob").say("export deals")
    assert not reply.is_error and [r["name"] for r in rows(reply)] == ["bob deal"]
    assert reply.attachment.filename.endswith(".csv") and "Exported 1 deal" in reply.text


async def test_a_rep_may_not_export_the_team_or_everything(org):
    for scope in ("team", "all"):
        reply = await org.as_("bob").say(f"export deals {scope}")
        assert reply.is_error and reply.attachment is None and "rep can export mine" in reply_text(reply)
    reply = await org.as_("bob").say("export deals @dan")
    assert reply.is_error and reply.attachment is None


async def test_a_manager_exports_the_team_and_an_admin_everything(org):
    team = await org.as_("carla").say("export deals")
    assert sorted(r["name"] for r in rows(team)) == ["bob deal", "carla deal"]
    assert (await org.as_("carla").say("export deals all")).is_error
    everything = await org.say("export deals all")
    assert sorted(r["name"] for r in rows(everything)) == ["ana deal", "bob deal", "carla deal", "dan deal"]
    assert rows(everything)[0]["owner"] == "bob" and rows(everything)[0]["amount"] == "10000.00"


async def test_period_and_xlsx(org):
    reply = await org.say("export deals all 30d format=xlsx")
    assert reply.attachment.filename.endswith("-30d.xlsx")
    sheet = load_workbook(io.BytesIO(reply.attachment.content), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("number", "name", "account") and len(values) == 5
    old = await org.say("export deals all 2020-01")
    assert rows(old) == [] and "Exported 0 deals" in old.text


async def test_bad_tokens_are_named_with_the_usage(org):
    reply = await org.say("export deals all format=pdf")
    assert reply.is_error and "'pdf' is not a format" in reply.text and "Usage: export deals" in reply_text(reply)
    reply = await org.say("export deals 2026-13")
    assert reply.is_error and "2026-13" in reply.text


def test_the_console_writes_the_file_and_says_where(processor, tmp_path):
    from adapters.console.session import ConsoleSession

    session = ConsoleSession(processor, "ana", "acme-sales", str(tmp_path))
    session.answer('deal add "Acme renewal" 12k')
    printed = session.answer("export deals format=xlsx")
    assert "Exported 1 deal" in printed and f"File saved to {tmp_path}/deals-" in printed
    saved = list(tmp_path.glob("deals-*.xlsx"))
    assert len(saved) == 1
    rows = list(load_workbook(saved[0], read_only=True).active.iter_rows(values_only=True))
    assert rows[1][1] == "Acme renewal"
