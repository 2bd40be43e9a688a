"""At-risk nudges: at most one a day per rep, only with at-risk deals, with buttons to act."""
from datetime import timedelta

from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc


async def test_one_nudge_a_day_lists_at_risk_deals_with_buttons(chat, store):
    await chat.say("whoami", at=utc("2026-10-01 09:00"))
    bob = chat.as_("bob", timezone="UTC")
    await bob.say('deal add "Stale" 9k close=2026-10-20', at=utc("2026-10-01 09:00"))
    await chat.as_("cy", timezone="UTC").say('deal add "Fresh" 1k', at=utc("2026-11-02 08:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-02 08:00"), utc("2026-11-02 12:00"), timedelta(minutes=30))
    [(destination, reply)] = [(d, r) for d, r in messenger.posts if r.title == "Deals at risk"]
    assert destination.user_id == "bob"
    assert reply.table.rows[0][1] == "Stale"
    assert {a.command for a in reply.actions} == {"log #1", "deal update #1 close=+2w", "deal lost #1"}


async def test_admin_turns_nudges_off(chat, store):
    await chat.say('deal add "Stale" 9k', at=utc("2026-10-01 09:00"))
    await chat.say("nudges off", at=utc("2026-10-01 09:00"))
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-02 09:00"))
    assert messenger.posts == []
