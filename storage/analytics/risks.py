"""Open deals at risk: idle too long, close date passed, close date pushed again and again, stuck in a stage."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

from sqlalchemy import and_, bindparam, case, false, func, or_, select
from sqlmodel import Session

from handlers.analytics.results import RiskDeal
from storage.analytics.sql import DEAL, days_between, live, owned_by, scope_params
from storage.task_models import Task
from storage.types import UTCDateTime

PUSHES_AT_RISK = 2
SLOW_FACTOR = 2  # "stuck": in the current stage more than twice the workspace's median stay there
MIN_SLOW_DAYS = 1  # ...and at least a day, so a stage usually left within hours does not flag everything


def risks(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, now: datetime, today: date,
          idle_days: int, stage_medians: Mapping[str, float | None]) -> tuple[RiskDeal, ...]:
    """Open deals of `owner_ids` with at least one risk, largest first.

    `stage_medians`: the workspace's median stay per stage in days (`history(...).typical_stay_days()`);
    stages without one are never "stuck".
    """
    slow = tuple(sorted((stage, days) for stage, days in stage_medians.items() if days is not None))
    params = scope_params(owner_ids, workspace=workspace_id, now=now, idle_before=now - timedelta(days=idle_days),
                          today=today, today_start=datetime.combine(today, time(0), timezone.utc),
                          **{f"slow_{i}": now - slow_after(days) for i, (_, days) in enumerate(slow)})
    statement = _statement(owner_ids is not None, tuple(stage for stage, _ in slow))
    return tuple(_risk(row, stage_medians) for row in session.connection().execute(statement, params))


@cache
def _statement(scoped: bool, slow_stages: tuple[str, ...]):
    """Open deals with any risk flag; each flag's figure (days idle, overdue, in stage; pushes) or NULL."""
    touched = func.coalesce(DEAL.c.last_activity_at, DEAL.c.created_at)
    now = bindparam("now", type_=UTCDateTime)
    follow_up = _overdue_follow_up(now)
    slow = [and_(DEAL.c.stage == stage, DEAL.c.stage_entered_at < bindparam(f"slow_{i}"))
            for i, stage in enumerate(slow_stages)]
    flags = {
        "idle_days": (touched < bindparam("idle_before"), days_between(now, touched)),
        "overdue_days": (DEAL.c.expected_close < bindparam("today"),
                         days_between(bindparam("today_start", type_=UTCDateTime), DEAL.c.expected_close)),
        "close_pushes": (DEAL.c.close_pushes >= PUSHES_AT_RISK, DEAL.c.close_pushes),
        "stage_days": (or_(*slow) if slow else false(), days_between(now, DEAL.c.stage_entered_at)),
        "follow_up_since": (follow_up.is_not(None), follow_up),
    }
    return (select(DEAL.c.id, DEAL.c.number, DEAL.c.name, DEAL.c.owner_id, DEAL.c.stage, DEAL.c.amount_minor,
                   DEAL.c.currency, *(case((flag, figure)).label(name) for name, (flag, figure) in flags.items()))
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.status == "open", live(DEAL), or_(*(flag for flag, _ in flags.values())))
            .order_by(DEAL.c.amount_minor.desc(), DEAL.c.number))


def _overdue_follow_up(now):
    """When the deal's oldest overdue open follow-up was due (NULL: none is overdue)."""
    task = Task.__table__
    return (select(func.min(task.c.due_at)).where(task.c.deal_id == DEAL.c.id, task.c.status == "open",
                                                      task.c.overdue_at <= now)
            .correlate(DEAL).scalar_subquery())


def slow_after(median_days: float) -> timedelta:
    """How long in a stage makes a deal "stuck", given the stage's median stay."""
    return timedelta(days=max(SLOW_FACTOR * median_days, MIN_SLOW_DAYS))


def _risk(row, stage_medians: Mapping[str, float | None]) -> RiskDeal:
    return RiskDeal(
        deal_id=row.id, number=row.number, name=row.name, owner_id=row.owner_id, stage=row.stage,
        amount_minor=row.amount_minor, currency=row.currency,
        idle_days=None if row.idle_days is None else int(row.idle_days),
        overdue_days=None if row.overdue_days is None else round(row.overdue_days),
        close_pushes=row.close_pushes,
        stage_days=row.stage_days,
        stage_median=stage_medians.get(row.stage) if row.stage_days is not None else None,
        follow_up_since=_aware(row.follow_up_since),
    )


def _aware(value):
    """A timestamp read through Core from a subquery comes back as the driver gives it (SQLite: text)."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.fromisoformat(str(value)).replace(tzinfo=timezone.utc)
