"""The issue's "done" checks: digest numbers match `kpi team` and `risks team`; meetings and prompts fire on time."""
from datetime import timedelta

from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.support.chat import reply_text

OCT = utc("2026-10-01 10:00")
NOW = utc("2026-11-10 08:30")


async def _org(chat):
    """Maria manages East: Bob and Dan with won, open, idle and overdue deals, and a monthly target."""
    for user in ("ana", "maria", "bob", "dan"):
        await chat.as_(user, timezone="Europe/Lisbon").say("whoami", at=OCT)
    await chat.say('team create "East"', at=OCT)
    await chat.say('team manager "East" @maria', at=OCT)
    await chat.say('team add "East" @bob @dan', at=OCT)
    bob, dan = chat.as_("bob"), chat.as_("dan")
    await bob.say('deal add "Bobco" 20k stage=proposal', at=OCT)
    await bob.say('deal add "Old idle" 7k', at=OCT)
    await dan.say('deal add "Overdue" 11k stage=negotiation close=2026-11-01', at=utc("2026-10-20 10:00"))
    for name, amount, day in (("Won one", "9k", "2026-11-03"), ("Won two", "4k", "2026-11-09")):
        await dan.say(f'deal add "{name}" {amount} stage=qualified', at=utc(f"{day} 09:00"))
    await dan.say("deal won #4", at=utc("2026-11-03 11:00"))
    await dan.say("deal won #5", at=utc("2026-11-09 11:00"))
    await bob.say('log call #1 "pricing"', at=utc("2026-11-09 15:00"))
    maria = chat.as_("maria")
    reply = await maria.say("target set East won_value 40k period=month", at=utc("2026-11-01 09:00"))
    assert not reply.is_error, reply.text
    return maria


def _fact(reply, label):
    return next(f.value for f in reply.facts if f.label == label)


async def test_digest_numbers_match_kpi_team_and_risks_team(chat):
    maria = await _org(chat)
    digest = await maria.say("digest preview", at=NOW)
    kpi = await maria.say("kpi team", at=NOW)
    risks = await maria.say("risks team", at=NOW)
    open_value, _, weighted = _fact(kpi, "Open pipeline").partition(", weighted ")
    assert open_value.startswith(_fact(digest, "Open pipeline") + " in ")
    assert _fact(digest, "Weighted pipeline") == weighted
    won_row = next(row for row in kpi.table.rows if row[0].lower().startswith("won value"))
    assert _fact(digest, "Month to date").startswith(f"{won_row[1]} of {won_row[2]} ({won_row[3]})")
    assert [row[:2] for row in digest.table.rows] == [row[:2] for row in risks.table.rows[:5]]
    assert "Activities: Bob 1" in reply_text(digest) and "Won: 1 ($4,000)" in reply_text(digest)


async def test_meeting_and_pulse_listed_and_fired_on_time(chat, store):
    maria = await _org(chat)
    added = await maria.say('meeting add "Pipeline review" weekly mon 09:00 remind=30m', at=NOW)
    asked = await maria.say('feedback ask "Confidence?" scale=1-5 anonymous weekly fri at=16:00', at=NOW)
    assert not added.is_error and not asked.is_error
    assert "Pipeline review" in reply_text(await maria.say("meeting list", at=NOW))
    assert "Confidence?" in reply_text(await maria.say("feedback list", at=NOW))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-13 15:30"), utc("2026-11-13 16:00"), timedelta(minutes=15))
    [prompt] = [r for _, r in messenger.posts if r.title.startswith("Feedback #")]  # Friday 16:00 Lisbon (UTC+0)
    assert prompt.text == "Confidence?" and len(prompt.actions) == 6
    await run_until(ticker, utc("2026-11-16 08:15"), utc("2026-11-16 08:30"), timedelta(minutes=15))
    [reminder] = [r for _, r in messenger.posts if r.title == "Coming up: Pipeline review"]
    assert "starts at 09:00" in reminder.text


def test_in_the_demo_the_digest_matches_kpi_team_and_risks_team(tmp_path):
    """`salesbot demo`'s seeded org: Maria's digest preview against her `kpi team` and `risks team`."""
    from adapters.console.session import ConsoleSession
    from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo
    from handlers.commands import FORM_HANDLERS, build_registry
    from handlers.processor import CommandProcessor
    from storage.database import make_engine
    from storage.migrate import upgrade
    from storage.store import Store

    engine = make_engine(f"sqlite:///{tmp_path}/demo.db")
    upgrade(engine)
    store = Store(engine)
    seed_demo(store, NOW)
    maria = ConsoleSession(CommandProcessor(store, build_registry(), FORM_HANDLERS, clock=lambda: NOW),
                           DEMO_MANAGER, DEMO_WORKSPACE)
    digest, kpi, risks = (maria.ask(line) for line in ("digest preview", "kpi team", "risks team"))
    assert digest.title == "Manager digest — East"
    open_value, _, weighted = _fact(kpi, "Open pipeline").partition(", weighted ")
    assert open_value.startswith(_fact(digest, "Open pipeline") + " in ")
    assert _fact(digest, "Weighted pipeline") == weighted
    won_row = next(row for row in kpi.table.rows if row[0].lower().startswith("won value"))
    assert _fact(digest, "Month to date").startswith(f"{won_row[1]} of {won_row[2]} ({won_row[3]})")
    assert [row[:2] for row in digest.table.rows] == [row[:2] for row in risks.table.rows[:5]]
    engine.dispose()
