"""Targets: set and read them, and measure progress against them (attainment and pace)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache

from sqlalchemy import bindparam, select, union_all
from sqlmodel import Session

from handlers.analytics.results import TargetProgress, TargetValue
from storage.analytics.sql import in_list
from storage.models import Target

TARGET = Target.__table__


def set_target(session: Session, workspace_id: int, *, person_id: int | None, team_id: int | None, metric: str,
               label: str, first_day: date, last_day: date, value: int) -> tuple[TargetValue, int | None]:
    """Create or replace the target of a person or a team for one metric and period; returns it and the
    value it replaced (None when new)."""
    query = select(Target).where(Target.workspace_id == workspace_id, Target.person_id == person_id,
                                 Target.team_id == team_id, Target.metric == metric,
                                 Target.period_start == first_day, Target.period_end == last_day)
    target = session.scalars(query).first()
    replaced = target.value if target else None
    if target is None:
        target = Target(workspace_id=workspace_id, person_id=person_id, team_id=team_id, metric=metric,
                        period_label=label, period_start=first_day, period_end=last_day, value=value)
        session.add(target)
    target.value = value
    session.flush()
    return _value(target), replaced


def targets_for_period(session: Session, workspace_id: int, first_day: date, last_day: date,
                       person_ids: Iterable[int] | None = None,
                       team_ids: Iterable[int] | None = None) -> tuple[TargetValue, ...]:
    """Targets set for exactly this period, of these people or teams (both None: every target)."""
    everyone = person_ids is None and team_ids is None
    params = {"workspace": workspace_id, "first": first_day, "last": last_day}
    if not everyone:
        params.update(people=sorted(person_ids or ()), teams=sorted(team_ids or ()))
    rows = session.connection().execute(_period_statement(everyone), params)
    return tuple(_value(row) for row in rows)


@cache
def _period_statement(everyone: bool):
    """Targets of one period: all of them, or those of some people and some teams (one index each)."""
    def of_period(*conditions):
        return select(TARGET).where(TARGET.c.workspace_id == bindparam("workspace"),
                                    TARGET.c.period_start == bindparam("first"),
                                    TARGET.c.period_end == bindparam("last"), *conditions)
    if everyone:
        return of_period().order_by(TARGET.c.id)
    people = of_period(in_list(TARGET.c.person_id, bindparam("people")))
    teams = of_period(in_list(TARGET.c.team_id, bindparam("teams")))
    return union_all(people, teams).order_by("id")


def targets_on(session: Session, workspace_id: int, day: date) -> tuple[TargetValue, ...]:
    """Every target whose period contains `day`, shortest period first."""
    query = (select(TARGET).where(TARGET.c.workspace_id == workspace_id, TARGET.c.period_start <= day,
                                  TARGET.c.period_end >= day)
             .order_by(TARGET.c.period_end, TARGET.c.period_start.desc(), TARGET.c.id))
    return tuple(_value(row) for row in session.connection().execute(query))


def scope_target(targets: Iterable[TargetValue], metric: str, person_id: int | None,
                 team_ids: Iterable[int] | None, member_ids: Iterable[int] | None) -> int | None:
    """The target a scope is measured against: a person's own; a team's own (summed over several teams),
    else the sum of its members' targets; for the whole workspace, all team targets, else all personal ones."""
    rows = [t for t in targets if t.metric == metric]
    if person_id is not None:
        return _total(t for t in rows if t.person_id == person_id)
    teams = set(team_ids) if team_ids else None
    members = set(member_ids) if member_ids is not None else None
    team_total = _total(t for t in rows if t.team_id is not None and (teams is None or t.team_id in teams))
    if team_total is not None:
        return team_total
    return _total(t for t in rows if t.person_id is not None and (members is None or t.person_id in members))


def target_progress(metric: str, actual: int, target: int, first_day: date, last_day: date,
                    today: date) -> TargetProgress:
    """Progress on a target; the pace assumes the period's target accrues evenly by day, today included."""
    total_days = (last_day - first_day).days + 1
    elapsed_days = min(max((today - first_day).days + 1, 0), total_days)
    return TargetProgress(metric, actual, target, elapsed_days / total_days)


def _total(targets: Iterable[TargetValue]) -> int | None:
    values = [t.value for t in targets]
    return sum(values) if values else None


def _value(row) -> TargetValue:
    return TargetValue(row.id, row.person_id, row.team_id, row.metric, row.period_label, row.period_start,
                       row.period_end, row.value)
