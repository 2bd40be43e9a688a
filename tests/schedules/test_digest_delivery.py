"""Digests arrive at 08:00 in each person's own zone, once a day, across DST, respecting quiet hours."""
from datetime import timedelta

from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc


async def test_digest_fires_at_0800_in_two_zones(chat, store):
    ana = chat.as_("ana", timezone="Europe/Lisbon")
    kenji = chat.as_("kenji", timezone="Asia/Tokyo")
    await ana.say("digest subscribe daily 08:00", at=utc("2026-06-01 00:00"))
    await kenji.say("digest subscribe daily 08:00", at=utc("2026-06-01 00:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-06-01 22:59"))  # 07:59 in Tokyo (UTC+9)
    assert messenger.to("kenji") == []
    report = await ticker.tick(utc("2026-06-01 23:00"))  # 08:00 in Tokyo on 2 June
    assert report.sent == [f"digest:2:{_person(store, 'kenji')}:2026-06-02"]
    await ticker.tick(utc("2026-06-02 06:59"))  # 07:59 in Lisbon (UTC+1)
    assert messenger.to("ana") == []
    await ticker.tick(utc("2026-06-02 07:00"))
    assert len(messenger.to("ana")) == 1 and len(messenger.to("kenji")) == 1
    await ticker.tick(utc("2026-06-02 07:01"))
    assert len(messenger.posts) == 2


def _person(store, user_id):
    with store.workspace("console", "acme-sales") as ws:
        return ws.people.by_platform_id(user_id).id


async def test_dst_days_neither_skip_nor_double(chat, store):
    ana = chat.as_("ana", timezone="America/New_York")
    await ana.say("digest subscribe daily 08:00 here", at=utc("2026-03-06 00:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    # Spring forward (8 March) and fall back (1 November), ticking every two hours around each change.
    await run_until(ticker, utc("2026-03-07 00:00"), utc("2026-03-10 00:00"), timedelta(hours=2))
    await run_until(ticker, utc("2026-10-31 00:00"), utc("2026-11-03 00:00"), timedelta(hours=2))
    sent = _sent_keys(store)
    assert [key.rsplit(":", 1)[1] for key in sent] == [
        "2026-03-07", "2026-03-08", "2026-03-09", "2026-10-31", "2026-11-01", "2026-11-02"]
    assert len(messenger.posts) == 6


def _sent_keys(store):
    from sqlmodel import Session, select
    from storage.schedule_models import Delivery

    with Session(store.engine) as session:
        rows = session.exec(select(Delivery).where(Delivery.status == "sent").order_by(Delivery.due_at))
        return [row.key for row in rows]


async def test_quiet_hours_hold_a_dm_but_not_a_channel_post(chat, store):
    ana = chat.as_("ana", timezone="Europe/Lisbon")
    await ana.say("digest subscribe weekdays 06:00 dm", at=utc("2026-11-01 00:00"))
    bob = chat.as_("bob", timezone="Europe/Lisbon")
    await bob.say("digest subscribe weekdays 06:00 here", at=utc("2026-11-01 00:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 06:00"))  # Monday 06:00 in Lisbon (UTC+0)
    assert messenger.to("ana") == [] and len(messenger.to("C-general")) == 1
    await ticker.tick(utc("2026-11-02 07:59"))
    assert messenger.to("ana") == []
    await ticker.tick(utc("2026-11-02 08:00"))
    assert len(messenger.to("ana")) == 1


async def test_a_person_who_turns_quiet_hours_off_gets_it_on_time(chat, store):
    ana = chat.as_("ana", timezone="Europe/Lisbon")
    await ana.say("digest subscribe daily 06:00", at=utc("2026-11-01 00:00"))
    reply = await ana.say("quiet off", at=utc("2026-11-01 00:00"))
    assert "any time" in reply.text
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-07 06:00"))  # a Saturday
    assert len(messenger.to("ana")) == 1


async def test_weekend_dm_is_not_piled_onto_monday(chat, store):
    ana = chat.as_("ana", timezone="Europe/Lisbon")
    await ana.say("digest subscribe daily 08:00", at=utc("2026-11-01 00:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-06 23:00"), utc("2026-11-09 09:00"), timedelta(hours=2))
    assert len(messenger.to("ana")) == 1  # Saturday's and Sunday's waited, then Monday's replaced them


async def test_missed_occurrence_sent_once_within_grace_else_skipped(chat, store):
    ana = chat.as_("ana", timezone="UTC")
    await ana.say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 07:00"))  # the last tick before the outage
    report = await ticker.tick(utc("2026-11-02 09:30"))  # back up 90 minutes late: within the 2h grace
    assert len(report.sent) == 1
    report = await ticker.tick(utc("2026-11-04 12:00"))  # down for two days: Tuesday's and Wednesday's missed
    assert report.sent == [] and len([k for k in report.skipped if k.startswith("digest")]) == 2
    assert len(messenger.posts) == 1
