"""The demo's forecasting: deal versions behind its history, some amount and close-date edits this month,
three past months of submissions (each rep's habit: the star sandbags, the struggler hopes), this week's
submissions from some reps, one manager adjustment, the weekly prompt switched on, and Maria's weekly forecast
call (`agenda=forecast`: its agenda is East's forecast; those who have not submitted are reminded before it)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update

from handlers.analytics.periods import parse_period
from storage.analytics.forecast import won_per_person
from storage.deal_versions import backfill_versions
from storage.forecast_models import DealVersion, ForecastAdjustment, ForecastSetting, ForecastSubmission
from storage.models import Deal, Person, SalesTeam
from storage.store import WorkspaceStore

VERSION = DealVersion.__table__
# How each rep's commit compares with what they end up winning (1.0: spot on), by platform id.
HABITS = {"olivia": 0.8, "ethan": 1.5, "noah": 1.25, "isla": 0.9}
SUBMITTED_THIS_WEEK = ("olivia", "james", "lucas", "emma", "oliver")
EDITS = 40


def seed_forecast(ws: WorkspaceStore, people: dict[str, Person], teams: dict[str, SalesTeam], now: datetime,
                  zone: str) -> None:
    """Everything the forecast commands show in the demo; `people` by platform id."""
    ws.session.add(ForecastSetting(workspace_id=ws.workspace.id, period_kind="month"))
    backfill_versions(ws.session, ws.workspace.id)
    _edits_this_month(ws, now)
    today = now.astimezone(ZoneInfo(zone)).date()
    month = parse_period("month", today, ZoneInfo(zone))
    for period in (month.previous(), month.previous().previous(), month.previous().previous().previous()):
        _past_submissions(ws, people, teams, period)
    _this_week(ws, people, teams, month, now)
    _since_last_call(ws, teams["East"], month, now)
    ws.schedules.add("forecast", owner_id=people["admin"].id, title="forecast prompt", rule="weekly", rule_day=3,
                     at_time="15:00", created_at=now)
    ws.schedules.add("meeting", owner_id=people["maria"].id, title="Forecast call", rule="weekly", rule_day=4,
                     at_time="10:00", timezone=teams["East"].timezone or zone, target="here", channel_id="console",
                     team_id=teams["East"].id, remind_minutes=30, template="forecast",
                     created_at=now - timedelta(days=14))  # held before: its agenda has a last call to compare


def _edits_this_month(ws: WorkspaceStore, now: datetime) -> None:
    """Open deals whose amount or close date changed in the last four weeks: their earlier versions get the
    earlier values, and a version at the edit carries today's (so movement has real moves to show)."""
    rng = random.Random(12)
    query = select(Deal).where(Deal.workspace_id == ws.workspace.id, Deal.status == "open",
                               Deal.expected_close.is_not(None), Deal.stage_entered_at < now - timedelta(days=28))
    deals = list(ws.session.scalars(query.order_by(Deal.number)))
    for deal in rng.sample(deals, min(EDITS, len(deals))):
        at = now - timedelta(days=rng.randint(2, 26), hours=rng.randint(0, 8))
        before = _earlier_values(rng, deal)
        ws.session.execute(update(VERSION).where(VERSION.c.deal_id == deal.id, VERSION.c.valid_from < at)
                           .values(**before))
        ws.session.execute(insert(VERSION).values(
            workspace_id=deal.workspace_id, deal_id=deal.id, valid_from=at, owner_id=deal.owner_id,
            amount_minor=deal.amount_minor, currency=deal.currency, expected_close=deal.expected_close,
            stage=deal.stage, status=deal.status, closed_at=None, forecast_category=None, deleted=False))


def _earlier_values(rng: random.Random, deal: Deal) -> dict:
    kind = rng.choice(("pushed", "pulled", "up", "down"))
    if kind == "pushed":  # it was due earlier and slipped to today's date
        return {"expected_close": deal.expected_close - timedelta(days=rng.randint(20, 45))}
    if kind == "pulled":
        return {"expected_close": deal.expected_close + timedelta(days=rng.randint(20, 45))}
    factor = rng.choice((0.7, 0.8, 0.9)) if kind == "up" else rng.choice((1.1, 1.25, 1.5))
    return {"amount_minor": int(deal.amount_minor * factor) // 100 * 100}


def _since_last_call(ws: WorkspaceStore, team: SalesTeam, month, now: datetime) -> None:
    """Since East's last forecast call: its biggest commit deal of the month slipped to next month and its
    biggest best-case deal grew by a quarter, so the call's agenda has a slipped commit deal and moves."""
    at = now - timedelta(days=3)
    members = ws.teams.member_ids([team])
    slipped = _biggest(ws, members, month, "negotiation", at)
    grown = _biggest(ws, members, month, "proposal", at)
    if slipped is not None:
        slipped.expected_close = month.last_day + timedelta(days=10)
        slipped.updated_at = at  # the flush writes its version, valid from then
        ws.session.flush()
    if grown is not None:
        ws.session.execute(update(VERSION).where(VERSION.c.deal_id == grown.id, VERSION.c.valid_from < at)
                           .values(amount_minor=grown.amount_minor * 4 // 5))
        ws.session.execute(insert(VERSION).values(
            workspace_id=grown.workspace_id, deal_id=grown.id, valid_from=at, owner_id=grown.owner_id,
            amount_minor=grown.amount_minor, currency=grown.currency, expected_close=grown.expected_close,
            stage=grown.stage, status=grown.status, closed_at=None, forecast_category=None, deleted=False))


def _biggest(ws: WorkspaceStore, owner_ids, month, stage: str, before: datetime) -> Deal | None:
    """The largest open deal of `stage` closing in the month, last changed before `before` (a later edit would
    come after the one made here)."""
    query = select(Deal).where(Deal.updated_at < before, Deal.workspace_id == ws.workspace.id, Deal.status == "open", Deal.stage == stage,
                               Deal.owner_id.in_(owner_ids), Deal.expected_close >= month.first_day,
                               Deal.expected_close <= month.last_day, Deal.deleted_at.is_(None))
    return ws.session.scalars(query.order_by(Deal.amount_minor.desc(), Deal.number)).first()


def _past_submissions(ws: WorkspaceStore, people: dict[str, Person], teams: dict[str, SalesTeam], period) -> None:
    """Each rep submits three times (early, mid, late), nearer the truth each time; managers once, late."""
    rng = random.Random(period.first_day.toordinal())
    won = won_per_person(ws.session, ws.workspace.id, ws.workspace.currency, None, period.start, period.end)
    reps = [p for p in people.values() if p.role == "rep"]
    commits: dict[int, int] = {}
    for rep in reps:
        habit = HABITS.get(rep.platform_user_id, 1.0)
        actual = won.get(rep.id, 0) or 10_000_00
        for step, share in enumerate((-0.05, 0.45, 0.7)):  # before the start, before the middle, the last weeks
            at = period.start + (period.end - period.start) * share + timedelta(hours=rng.randint(1, 6))
            lean = habit + (rng.uniform(-0.3, 0.3) * (1 - step / 3))
            commit = max(0, int(actual * lean) // 100_00 * 100_00)
            _submit(ws, rep.id, "own", period, commit, int(commit * 1.35), rep.id, at)
            commits[rep.id] = commit
    for team in teams.values():
        members = ws.teams.member_ids([team])
        total = sum(commits.get(pid, 0) for pid in members)
        late = period.end - timedelta(days=8)
        _submit(ws, team.manager_id, "team", period, int(total * 0.95) // 100_00 * 100_00,
                int(total * 1.3) // 100_00 * 100_00, team.manager_id, late)


def _this_week(ws: WorkspaceStore, people: dict[str, Person], teams: dict[str, SalesTeam], month,
               now: datetime) -> None:
    """Some reps already submitted this week (the others show as missing); Maria adjusted Ethan."""
    from storage.analytics.forecast import category_sums

    sums = category_sums(ws.session, ws.workspace.id, ws.workspace.currency, None, month.first_day,
                         month.last_day, month.start, month.end)
    for user_id in SUBMITTED_THIS_WEEK:
        person = people[user_id]
        mine = [s for s in sums if s.owner_id == person.id]
        closed_commit = sum(s.amount_minor for s in mine if s.category in ("closed", "commit"))
        best = closed_commit + sum(s.amount_minor for s in mine if s.category == "best_case")
        _submit(ws, person.id, "own", month, closed_commit, best, person.id, now - timedelta(minutes=30),
                as_computed=True)
    ethan = people["ethan"]
    ws.session.add(ForecastAdjustment(workspace_id=ws.workspace.id, person_id=ethan.id, scope="own",
                                      period_start=month.first_day, period_end=month.last_day, commit_minor=0,
                                      best_minor=None, currency=ws.workspace.currency,
                                      note="nothing of his is past legal yet", adjusted_by=people["maria"].id,
                                      adjusted_at=now - timedelta(minutes=20)))


def _submit(ws: WorkspaceStore, person_id: int, scope: str, period, commit: int, best: int, by_id: int,
            at: datetime, as_computed: bool = False) -> None:
    ws.session.add(ForecastSubmission(workspace_id=ws.workspace.id, person_id=person_id, scope=scope,
                                      period_start=period.first_day, period_end=period.last_day,
                                      commit_minor=commit, best_minor=max(best, commit),
                                      currency=ws.workspace.currency, as_computed=as_computed, submitted_by=by_id,
                                      submitted_at=at))
