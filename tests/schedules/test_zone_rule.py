"""One zone rule everywhere: a person without their own zone lives in their team's (Tokyo here, the workspace is
UTC), for a digest, a meeting reminder and a date typed in a command alike."""
from types import SimpleNamespace

from hypothesis import given, strategies as st
from sqlmodel import Session, select

from handlers.zones import zone_name
from storage.models import SalesTeam
from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.chat import reply_text

MONDAY = utc("2026-11-02 10:00")
TOKYO_TUESDAY_0800 = utc("2026-11-02 23:00")  # Tuesday 08:00 in Tokyo, still Monday in UTC


async def _eve_in_tokyo_team(chat, store):
    """Eve has no zone of her own; her team APAC is in Asia/Tokyo; the workspace stays on UTC."""
    await chat.say("whoami", at=MONDAY)  # ana: the workspace's first person and admin
    eve = chat.as_("eve")
    await eve.say("whoami", at=MONDAY)
    await chat.say('team create "APAC"', at=MONDAY)
    await chat.say('team add "APAC" @eve', at=MONDAY)
    with Session(store.engine) as session:  # no command sets a team's zone yet; the model has it
        team = session.exec(select(SalesTeam).where(SalesTeam.name == "APAC")).one()
        team.timezone = "Asia/Tokyo"
        session.add(team)
        session.commit()
    return eve


async def test_whoami_names_the_zone_and_where_it_comes_from(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    assert "Timezone: Asia/Tokyo (team APAC)" in reply_text(await eve.say("whoami", at=MONDAY))
    assert "Timezone: UTC (workspace default)" in reply_text(await chat.say("whoami", at=MONDAY))


async def test_digest_comes_at_eight_in_the_teams_zone(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    subscribed = reply_text(await eve.say("digest subscribe daily 08:00", at=MONDAY))
    assert "(Asia/Tokyo)" in subscribed
    assert "next Tue 03 Nov 08:00" in reply_text(await eve.say("digest list", at=MONDAY))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 22:59"))
    assert messenger.to("eve") == []
    await ticker.tick(TOKYO_TUESDAY_0800)
    assert len(messenger.to("eve")) == 1
    await ticker.tick(utc("2026-11-03 08:00"))  # 08:00 UTC: nothing more for Eve that day
    assert len(messenger.to("eve")) == 1


async def test_meeting_reminder_runs_in_the_teams_zone(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    added = reply_text(await eve.say('meeting add "APAC sync" weekly tue 09:00 remind=30m', at=MONDAY))
    assert "(Asia/Tokyo)" in added and "next Tue 03 Nov 09:00" in added
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 23:29"))
    assert messenger.to("C-general") == []
    await ticker.tick(utc("2026-11-02 23:30"))  # Tuesday 08:30 in Tokyo
    [text] = messenger.to("C-general")
    assert "“APAC sync” starts at 09:00 (Asia/Tokyo)" in text


async def test_typed_weekday_is_read_in_the_teams_zone(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    # Thursday 20:00 UTC is already Friday 05:00 in Tokyo, so Eve's next Friday is a week on.
    await eve.say('deal add "Kyoto expansion" 5k close=fri', at=utc("2026-11-05 20:00"))
    listed = reply_text(await eve.say("deal list mine", at=utc("2026-11-05 20:01")))
    assert "Kyoto expansion" in listed and "2026-11-13" in listed


async def test_own_zone_wins_over_the_teams(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    await eve.say("settings timezone Europe/Lisbon me", at=MONDAY)
    await eve.say('deal add "Porto pilot" 5k close=fri', at=utc("2026-11-05 20:00"))
    listed = reply_text(await eve.say("deal list mine", at=utc("2026-11-05 20:01")))
    assert "2026-11-06" in listed
    assert "(Europe/Lisbon)" in reply_text(await eve.say("digest subscribe daily 08:00", at=MONDAY))


async def test_in_two_zoned_teams_the_older_team_decides_for_commands_and_scheduler(chat, store):
    eve = await _eve_in_tokyo_team(chat, store)
    await chat.say('team create "Americas"', at=MONDAY)
    await chat.say('team add "Americas" @eve', at=MONDAY)
    with Session(store.engine) as session:
        team = session.exec(select(SalesTeam).where(SalesTeam.name == "Americas")).one()
        team.timezone = "America/New_York"
        session.add(team)
        session.commit()
    assert "(Asia/Tokyo)" in reply_text(await eve.say("digest subscribe daily 08:00", at=MONDAY))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(TOKYO_TUESDAY_0800)
    assert len(messenger.to("eve")) == 1
    await ticker.tick(utc("2026-11-03 13:00"))  # 08:00 in New York: not Eve's digest time
    assert len(messenger.to("eve")) == 1


ZONES = st.one_of(st.none(), st.sampled_from(["Asia/Tokyo", "America/New_York", "Europe/Lisbon"]))


@given(own=ZONES, team_zones=st.lists(ZONES, max_size=5), workspace_zone=ZONES, data=st.data())
def test_the_zone_rule_does_not_depend_on_the_order_teams_are_read(own, team_zones, workspace_zone, data):
    teams = [SimpleNamespace(id=n, timezone=zone) for n, zone in enumerate(team_zones)]
    person, workspace = SimpleNamespace(timezone=own), SimpleNamespace(timezone=workspace_zone)
    shuffled = data.draw(st.permutations(teams))
    chosen = zone_name(person, shuffled, workspace)
    assert chosen == zone_name(person, teams, workspace)
    first_team_zone = next((zone for zone in team_zones if zone), None)
    assert chosen == (own or first_team_zone or workspace_zone or "UTC")
