"""`forecast accuracy [team|@person|mine] [periods=4]`: for each closed period, the commit that stood at its
start, midpoint and one week before its end, against what was won; accuracy, bias and the trend."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.analytics.args import read_scope
from handlers.analytics.periods import Period
from handlers.call import Call
from handlers.errors import UserError
from handlers.forecast import wording
from handlers.forecast.args import SCOPE_WORDS, current_period
from handlers.forecast.figures import scope_people
from handlers.forecast.view import short_money
from handlers.permissions import require_read
from handlers.reply import Fact, Reply, Table
from handlers.scope import Scope

DEFAULT_PERIODS, MAX_PERIODS = 4, 12


def checkpoints(period: Period) -> tuple[datetime, datetime, datetime]:
    """The period's start, its midpoint, and one week before its end (UTC instants)."""
    return period.start, period.start + (period.end - period.start) / 2, period.end - timedelta(days=7)


def accuracy(forecast: int, actual: int) -> float:
    """1 − |forecast − actual| ÷ max(actual, forecast); a forecast of 0 with nothing won is exact (1)."""
    largest = max(actual, forecast)
    return 1.0 if largest == 0 else 1 - abs(forecast - actual) / largest


def bias(forecast: int, actual: int) -> int:
    return (forecast > actual) - (forecast < actual)


@dataclass(frozen=True)
class AccuracyRow:
    who: str
    period: Period
    standing: tuple[int | None, int | None, int | None]  # commit at each checkpoint
    actual: int
    person_id: int = 0
    own: bool = True  # False: a manager's call for their team

    @property
    def last(self) -> int | None:
        """The latest checkpoint that has a submission: what accuracy and bias are judged on."""
        return next((value for value in reversed(self.standing) if value is not None), None)


def show_accuracy(call: Call) -> Reply:
    call.reject_unknown_options(("periods",))
    count = _count(call)
    scope, _ = read_scope(call, call.args[0] if call.args else None, SCOPE_WORDS, "team")
    call.reject_extra_args(1)
    require_read(call, scope.owner_ids)
    periods = past_periods(call, count)
    rows = [row for period in periods for row in accuracy_rows(call, scope, period)]
    kind = periods[0].kind
    if not any(row.last is not None for row in rows):
        return Reply(text=wording.ACCURACY_EMPTY.format(kind=wording.kind_name(kind), scope=scope.label))
    table = tuple(_cells(call, row) for row in rows if row.last is not None)
    return Reply(text=wording.ACCURACY_TEXT.format(scope=scope.label, count=len(periods), kind=wording.kind_name(kind)),
                 title=wording.TITLE_ACCURACY, table=Table(wording.ACCURACY_HEADERS, table, "llrrrrrl"),
                 facts=_trends(rows, periods))


def _count(call: Call) -> int:
    text = call.option("periods") or str(DEFAULT_PERIODS)
    if not text.isdigit() or not 1 <= int(text) <= MAX_PERIODS:
        raise UserError(wording.NOT_PERIODS.format(text=text, limit=MAX_PERIODS), call.usage)
    return int(text)


def past_periods(call: Call, count: int) -> list[Period]:
    """The `count` closed forecast periods before the current one, oldest first."""
    periods, period = [], current_period(call)
    for _ in range(count):
        period = period.previous()
        periods.insert(0, period)
    return periods


def accuracy_rows(call: Call, scope, period: Period) -> list[AccuracyRow]:
    """One row per rep in scope, and one per manager's team call (their team's total won)."""
    people = scope_people(call, scope)
    ids = {p.id for p in people}
    won = call.ws.forecast.won_per_person(ids, period)
    stood = [{(s.person_id, s.scope): s.commit_minor
              for s in call.ws.forecast.submissions(ids, period.first_day, at)} for at in checkpoints(period)]
    rows = [AccuracyRow(p.display_name, period, tuple(c.get((p.id, "own")) for c in stood), won.get(p.id, 0), p.id)
            for p in people if p.role == "rep"]
    for manager in (p for p in people if p.role == "manager"):
        members = call.ws.teams.member_ids(call.ws.teams.managed_by(manager))
        if members and any((manager.id, "team") in c for c in stood):
            actual = sum(call.ws.forecast.won_per_person(members, period).values())
            rows.append(AccuracyRow(wording.TEAM_OF.format(name=manager.display_name), period,
                                    tuple(c.get((manager.id, "team")) for c in stood), actual, manager.id, False))
    return rows


def own_accuracy(call: Call, person_ids: set[int], period: Period) -> dict[int, float]:
    """Each rep's own accuracy in `period` (as the table shows it); reps who submitted nothing are left out."""
    rows = accuracy_rows(call, Scope("", frozenset(person_ids)), period)
    return {row.person_id: accuracy(row.last, row.actual) for row in rows if row.own and row.last is not None}


def _cells(call: Call, row: AccuracyRow) -> tuple[str, ...]:
    standing = tuple(short_money(call, value) for value in row.standing)
    judged = row.last
    shown = "—" if judged is None else f"{accuracy(judged, row.actual):.0%}"
    leaning = "—" if judged is None else wording.BIAS[bias(judged, row.actual)]
    return (row.who, row.period.label, *standing, short_money(call, row.actual), shown, leaning)


def _trends(rows: list[AccuracyRow], periods: list[Period]) -> tuple[Fact, ...]:
    """Each person's accuracy period by period, oldest first (— where they submitted nothing)."""
    facts = []
    for who in dict.fromkeys(row.who for row in rows):
        points = []
        for period in periods:
            row = next((r for r in rows if r.who == who and r.period == period), None)
            points.append("—" if row is None or row.last is None else f"{accuracy(row.last, row.actual):.0%}")
        if any(point != "—" for point in points):
            facts.append(Fact(f"{wording.TREND}: {who}", " → ".join(points)))
    return tuple(facts)
