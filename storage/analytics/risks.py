"""Open deals at risk: idle too long, close date passed, close date pushed again and again, stuck in a stage."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import and_, false, func, or_, select
from sqlmodel import Session

from storage.analytics.results import RiskDeal
from storage.analytics.sql import DEAL, owned_by

PUSHES_AT_RISK = 2
SLOW_FACTOR = 2  # "stuck": in the current stage more than twice the workspace's median stay there
MIN_SLOW_DAYS = 1  # ...and at least a day, so a stage usually left within hours does not flag everything


def risks(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, now: datetime, today: date,
          idle_days: int, stage_medians: Mapping[str, float | None]) -> tuple[RiskDeal, ...]:
    """Open deals of `owner_ids` with at least one risk, largest first.

    `stage_medians`: the workspace's median stay per stage in days (`history(...).typical_stay_days()`);
    stages without one are never "stuck".
    """
    touched = func.coalesce(DEAL.c.last_activity_at, DEAL.c.created_at)
    flags = {
        "idle": touched < now - timedelta(days=idle_days),
        "overdue": DEAL.c.expected_close < today,
        "pushed": DEAL.c.close_pushes >= PUSHES_AT_RISK,
        "slow": _slow(now, stage_medians),
    }
    query = (select(DEAL.c.id, DEAL.c.number, DEAL.c.name, DEAL.c.owner_id, DEAL.c.stage, DEAL.c.amount_minor,
                    DEAL.c.currency, DEAL.c.expected_close, DEAL.c.close_pushes, touched.label("touched"),
                    DEAL.c.stage_entered_at, *(flag.label(name) for name, flag in flags.items()))
             .where(DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
                    DEAL.c.status == "open", or_(*flags.values()))
             .order_by(DEAL.c.amount_minor.desc(), DEAL.c.number))
    return tuple(_risk(row, now, today, stage_medians) for row in session.connection().execute(query))


def _slow(now: datetime, stage_medians: Mapping[str, float | None]):
    """True for deals in their stage longer than SLOW_FACTOR × that stage's median (stages without one: never)."""
    limits = [and_(DEAL.c.stage == stage, DEAL.c.stage_entered_at < now - slow_after(days))
              for stage, days in sorted(stage_medians.items()) if days is not None]
    return or_(*limits) if limits else false()


def slow_after(median_days: float) -> timedelta:
    """How long in a stage makes a deal "stuck", given the stage's median stay."""
    return timedelta(days=max(SLOW_FACTOR * median_days, MIN_SLOW_DAYS))


def _risk(row, now: datetime, today: date, stage_medians: Mapping[str, float | None]) -> RiskDeal:
    days_in_stage = (now - row.stage_entered_at).total_seconds() / 86400
    return RiskDeal(
        deal_id=row.id, number=row.number, name=row.name, owner_id=row.owner_id, stage=row.stage,
        amount_minor=row.amount_minor, currency=row.currency,
        idle_days=(now - row.touched).days if row.idle else None,
        overdue_days=(today - row.expected_close).days if row.overdue else None,
        close_pushes=row.close_pushes if row.pushed else None,
        stage_days=days_in_stage if row.slow else None,
        stage_median=stage_medians.get(row.stage) if row.slow else None,
    )
