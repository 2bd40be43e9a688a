"""`salesbot demo` has forecasts to show: every rep's numbers and who has not submitted, a rep's submission
reaching the manager, three past months of accuracy and a movement waterfall that balances to the cent."""
from __future__ import annotations

import asyncio
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.database import make_engine
from storage.migrate import upgrade
from storage.store import Store
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.chat import Chat, reply_text

EAST = {"Olivia Bennett", "James Carter", "Sophia Turner", "Ethan Brooks"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo')}/d.db")
    upgrade(engine)
    store = Store(engine)
    seed_demo(store)
    yield Chat(CommandProcessor(store, build_registry(), FORM_HANDLERS), store, DEMO_MANAGER, DEMO_WORKSPACE)
    engine.dispose()


def test_the_team_forecast_shows_every_rep_and_who_has_not_submitted(demo):
    reply = demo.say_sync("forecast team")
    assert {row[0] for row in reply.table.rows} == EAST | {"Total"}
    missing = next(f.value for f in reply.facts if f.label == "Not submitted this week")
    assert missing == "Ethan Brooks, Sophia Turner"


def test_a_reps_submission_reaches_the_managers_view(demo):
    done = demo.as_("sophia").say_sync('forecast submit commit=120k best=180k "two deals at legal"')
    assert done.text.startswith("Forecast for ") and "commit $120k, best case $180k" in done.text
    sophia = next(row for row in demo.say_sync("forecast team").table.rows if row[0] == "Sophia Turner")
    assert sophia[7].startswith("$120k / $180k, ")


def test_accuracy_covers_three_past_months(demo):
    reply = demo.say_sync("forecast accuracy team")
    assert len({row[1] for row in reply.table.rows}) == 3
    assert all(re.fullmatch(r"\d+%", row[6]) for row in reply.table.rows)


def test_movement_since_a_month_balances_to_the_cent(demo):
    reply = demo.say_sync("forecast movement team since=month")
    amounts = [row[2] for row in reply.table.rows]
    cents = [int(re.sub(r"[^\d]", "", a)) * (-1 if a.startswith("−") else 1) * (1 if "." in a else 100)
             for a in amounts]
    assert cents[0] + sum(cents[1:-1]) == cents[-1] and len(amounts) > 3
    assert reply.footer.endswith("✓") and "lost" in reply_text(reply)


def test_the_forecast_call_reminds_who_has_not_submitted_and_posts_the_forecast_agenda(demo):
    """Maria's Friday 10:00 forecast call (New York): at 08:00 the one reminder to those of East who have not
    submitted this week, at 09:30 the agenda in the channel — the roll-up, who is missing and the movement."""
    zone = ZoneInfo("America/New_York")
    today = datetime.now(zone).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7)
    messenger = RecordingMessenger()
    ticker = make_ticker(demo.store, messenger, grace=timedelta(minutes=20))
    for at in (time(8, 0), time(8, 5), time(9, 30)):
        asyncio.run(ticker.tick(datetime.combine(friday, at, zone)))
    reminded = [d.user_id for d, r in messenger.posts if r.text.startswith("Forecast call starts at Fri 10:00")]
    assert "ethan" in reminded and len(reminded) == len(set(reminded))  # once each
    assert "olivia" not in reminded and "james" not in reminded  # they submitted this week
    assert set(reminded) <= {"ethan", "sophia"}
    (agenda,) = messenger.to("console")
    assert "Forecast 20" in agenda and "Not submitted this week: Ethan Brooks" in agenda
    assert "Commit slipped: #" in agenda and " pushed out to " in agenda
    assert "Movement since the last call: " in agenda and "pushed out −$" in agenda
