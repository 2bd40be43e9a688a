"""`salesbot demo` has a scorecard to show on every line, and Maria's weekly 1:1 with Olivia, whose reminder
carries Olivia's scorecard to the two of them only."""
from __future__ import annotations

from datetime import timedelta

import pytest

from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.database import make_engine
from storage.migrate import upgrade
from storage.store import Store
from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.support.chat import Chat, reply_text

NOW = utc("2026-12-02 15:00")  # a Wednesday: the 1:1 is Thursdays 10:00 New York (15:00 UTC), reminded 30m before


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo')}/d.db")
    upgrade(engine)
    store = Store(engine)
    seed_demo(store, NOW)
    yield Chat(CommandProcessor(store, build_registry(), FORM_HANDLERS), store, DEMO_MANAGER, DEMO_WORKSPACE), store
    engine.dispose()


def test_every_item_of_a_reps_scorecard_has_a_number(demo):
    chat, _ = demo
    card = chat.say_sync("scorecard @ethan", at=NOW)
    rows = {row[0]: row[1:] for row in card.table.rows}
    for item in ("Attainment (won value)", "Pace gap", "Won", "Open pipeline", "Coverage", "Win rate",
                 "Deals at risk", "Overdue training", "Overdue follow-ups", "Forecast accuracy (2026-11)",
                 "Kudos received", "CSAT of their accounts", "Activities: call"):
        assert item in rows and rows[item][0] != "—" and rows[item][1] != "—", (item, rows.get(item))
    assert rows["Overdue follow-ups"][0] == "1"  # "Chase the signed order form", three days overdue
    assert rows["Kudos received"][0] == "1"  # from Maria, six days ago
    assert any(label.startswith("Conversion ") for label in rows)


async def test_the_demo_1_1_reaches_maria_and_olivia_only(demo):
    chat, store = demo
    assert "1:1 with @olivia.bennett" in reply_text(chat.say_sync("meeting list", at=NOW))
    messenger = RecordingMessenger()
    thursday = utc("2026-12-03 14:30")
    await run_until(make_ticker(store, messenger), thursday - timedelta(minutes=15), thursday + timedelta(minutes=15),
                    timedelta(minutes=15))
    carrying = [(d.user_id, d.channel_id, reply_text(r)) for d, r in messenger.posts if "1:1 with" in reply_text(r)]
    assert sorted((user, channel) for user, channel, _ in carrying) == [("maria", None), ("olivia", None)]
    assert all("Scorecard — Olivia Bennett" in text for _, _, text in carrying)
