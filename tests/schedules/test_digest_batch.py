"""The morning batch: digests read for every recipient at once say exactly what each one-at-a-time digest
(`digest preview`) says, on a hand-built org of two overlapping teams, a rep in none, and an admin."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from handlers.analytics.periods import parse_period
from handlers.scope import Scope
from storage.analytics import digest_report, funnel_report, history
from storage.analytics import batch_flows
from storage.analytics import kpi_report
from storage.analytics.batch import digest_reports, funnel_reports, kpi_reports
from tests.schedules.support import RecordingMessenger, make_ticker, utc

OCT = utc("2026-10-01 10:00")
NOW = utc("2026-11-10 08:00")  # a Tuesday: every weekday digest at 08:00 UTC is due
PEOPLE = ("ana", "maria", "bob", "dan", "wes", "eve", "fay", "gus")


async def _org(chat):
    """East (Maria: Bob, Dan) and West (Wes: Eve, Fay, Dan); Gus in no team. Deals won, lost, moved back and
    forth, one handed from Bob to Dan mid-month, one in euros, idle and overdue ones, targets on people and teams."""
    for user in PEOPLE:
        await chat.as_(user, timezone="UTC").say("whoami", at=OCT)
    for team, manager, members in (("East", "maria", "@bob @dan"), ("West", "wes", "@eve @fay @dan")):
        await chat.say(f'team create "{team}"', at=OCT)
        await chat.say(f'team manager "{team}" @{manager}', at=OCT)
        await chat.say(f'team add "{team}" {members}', at=OCT)
    script = (
        ("bob", 'deal add "Bobco" 20k stage=lead', "2026-10-02 09:00"),
        ("bob", 'deal add "Old idle" 7k', "2026-10-03 09:00"),
        ("dan", 'deal add "Overdue" 11k stage=negotiation close=2026-11-01', "2026-10-20 10:00"),
        ("eve", 'deal add "Euro" 5000 EUR stage=qualified', "2026-10-21 10:00"),
        ("fay", 'deal add "Fayco" 30k stage=lead', "2026-10-22 10:00"),
        ("gus", 'deal add "Solo" 9k stage=proposal', "2026-10-23 10:00"),
        ("bob", "deal stage #1 qualified", "2026-10-25 10:00"),
        ("fay", "deal stage #5 proposal", "2026-10-28 10:00"),
        ("bob", "deal stage #1 proposal", "2026-11-02 10:00"),
        ("ana", "deal update #1 owner=@dan", "2026-11-03 09:00"),
        ("dan", "deal stage #1 negotiation", "2026-11-04 10:00"),
        ("fay", "deal stage #5 qualified", "2026-11-05 10:00"),
        ("dan", "deal won #1", "2026-11-06 11:00"),
        ("eve", "deal won #4", "2026-11-07 11:00"),
        ("gus", "deal lost #6", "2026-11-08 11:00"),
        ("fay", 'deal add "Late" 12k stage=lead', "2026-11-09 09:00"),
        ("fay", "deal stage #7 proposal", "2026-11-09 12:00"),
        ("bob", 'log call #2 "pricing"', "2026-11-09 15:00"),
        ("eve", 'log email #4 "thanks"', "2026-11-09 16:00"),
        ("dan", 'log meeting #3 "exec"', "2026-11-08 16:00"),
        ("maria", "target set East won_value 40k period=month", "2026-11-01 09:00"),
        ("ana", "target set @fay won_value 15k period=month", "2026-11-01 09:00"),
        ("ana", "fx set EUR 1.1", "2026-11-01 09:00"),
    )
    for user, line, when in script:
        reply = await chat.as_(user).say(line, at=utc(when))
        assert not reply.is_error, f"{line}: {reply.text}"


def _digest(reply) -> tuple:
    return reply.text, reply.title, reply.facts, reply.table, reply.footer


async def test_every_batched_digest_is_the_one_at_a_time_digest(chat, store):
    await _org(chat)
    for user in PEOPLE:
        assert not (await chat.as_(user).say("digest subscribe weekdays 08:00", at=OCT)).is_error
    previews = {user: _digest(await chat.as_(user).say("digest preview", at=NOW)) for user in PEOPLE}
    messenger = RecordingMessenger()
    grouped = []  # statements that read many scopes at once, through the (scope, owner) map

    def record(_conn, _cursor, statement, *_):
        if "json_each" in statement or "jsonb_array_elements" in statement:
            grouped.append(statement)
    event.listen(store.engine, "before_cursor_execute", record)
    try:
        await make_ticker(store, messenger).tick(NOW)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    # One batch for the tick: the flow of the deal handed from Bob to Dan (the other deals' flow is read per
    # owner, without the map); no median cycles or stays, which a digest does not show.
    assert len(grouped) == 1
    sent = {destination.user_id: _digest(reply) for destination, reply in messenger.posts}
    assert len(sent) == len(PEOPLE)
    with store.workspace("console", chat.workspace) as ws:
        ids = {person.platform_user_id: person.display_name for person in ws.people.all()}
    assert {ids[user_id]: digest for user_id, digest in sent.items()} == {
        _name(ids, user): digest for user, digest in previews.items()}
    month = next(fact.value for fact in previews["maria"][2] if fact.label == "Month to date")
    assert month.startswith("$20,000 of $40,000")  # the numbers compared are not all zero


def _shown(report) -> tuple:
    kpi = report.kpi
    return (kpi.won_value, kpi.won_count, kpi.lost_count, kpi.open_count, kpi.open_pipeline, kpi.weighted_pipeline,
            report.attainment("won_value"))


def _flow(report) -> tuple:
    return report.previous, report.bottleneck, [(f.entered, f.moved_on, f.won) for f in report.current.stages]


def _name(ids: dict[str, str], user: str) -> str:
    return next(name for name in ids.values() if name.casefold().startswith(user))


async def test_batched_reports_equal_each_scope_read_alone(chat, store):
    await _assert_batched_reports_equal_each_scope_read_alone(chat, store)


async def test_after_a_mass_hand_over_batched_reports_still_equal_each_scope_read_alone(chat, store, monkeypatch):
    # More deals handed between owners than the batch binds as a list: every deal is counted per scope.
    monkeypatch.setattr(batch_flows, "MAX_HANDED", 0)
    await _assert_batched_reports_equal_each_scope_read_alone(chat, store)


async def _assert_batched_reports_equal_each_scope_read_alone(chat, store):
    await _org(chat)
    today, zone = NOW.date(), ZoneInfo("UTC")
    kpi_window, funnel_window = parse_period("month", today, zone), parse_period("30d", today, zone)
    with store.workspace("console", chat.workspace) as ws:
        people = {person.display_name.split()[0].casefold(): person.id for person in ws.people.all()}
        teams = {team.name: team.id for team in ws.teams.all()}
        east, west = (frozenset(people[name] for name in names) for names in (("bob", "dan"), ("eve", "fay", "dan")))
        scopes = [Scope(name, frozenset({pid}), person_id=pid) for name, pid in people.items()]
        scopes += [Scope("East", east, team_ids=(teams["East"],)), Scope("West", west, team_ids=(teams["West"],)),
                   Scope("both", east | west, team_ids=(teams["East"], teams["West"])), Scope("all", None),
                   Scope("nobody", frozenset())]
        session, workspace = ws.session, ws.workspace
        shared = history(session, workspace.id, NOW, funnel_window.days)
        batched = digest_reports(session, workspace, scopes, kpi_window, funnel_window, funnel_window.previous(),
                                 shared, NOW, today)
        alone = [digest_report(session, workspace, scope, kpi_window, funnel_window, funnel_window.previous(),
                               shared, NOW, today) for scope in scopes]
        # The full KPI and the funnel with its median stays (as `kpi` and `funnel` show them), batched and alone.
        full = kpi_reports(session, workspace.id, workspace.currency, scopes, kpi_window, today)
        full_alone = [kpi_report(session, workspace.id, workspace.currency, scope, kpi_window, today)
                      for scope in scopes]
        with_stays = funnel_reports(session, workspace.id, scopes, funnel_window, funnel_window.previous(), shared)
        with_stays_alone = [funnel_report(session, workspace.id, scope, funnel_window, funnel_window.previous(),
                                          shared) for scope in scopes]
    assert with_stays == with_stays_alone and full == full_alone
    assert any(report.kpi.median_cycle_days is not None and report.kpi.activities for report in full)
    # A digest's KPI is what it shows: the won and open numbers and the won-value target, as `kpi` has them.
    assert [_shown(report.kpi) for report in batched] == [_shown(report) for report in full]
    assert any(flow.median_days is not None for report in with_stays for flow in report.current.stages)
    # A digest's funnel is its flow: the same conversions and bottleneck, no stays read.
    assert [_flow(report.funnel) for report in batched] == [_flow(report) for report in with_stays]
    assert all(flow.median_days is None for report in batched for flow in report.funnel.current.stages)
    assert dict(zip((s.label for s in scopes), batched)) == dict(zip((s.label for s in scopes), alone))
    by_label = dict(zip((s.label for s in scopes), batched))
    assert by_label["East"].kpi.kpi.won_count == 1 and by_label["West"].kpi.kpi.won_count == 2
    assert by_label["nobody"].kpi.kpi.open_count == 0 and by_label["all"].kpi.kpi.won_count == 2
    assert any(report.risks for report in batched) and by_label["East"].kpi.attainment("won_value") is not None
    assert timedelta(0) < NOW - funnel_window.start  # the funnel periods touch, as every digest's do
