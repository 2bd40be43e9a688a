"""Key numbers of a scope in a period: won, lost, pipeline, new pipeline, sales cycle, activities."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import BigInteger, and_, bindparam, case, cast, func, select
from sqlmodel import Session

from handlers.analytics.results import Kpi
from storage.analytics.activities import activity_counts
from storage.analytics.fx import convertible, converted, with_rates
from storage.analytics.sql import DEAL, STAGE, days_between, in_period, live, medians, owned_by, scope_params


def kpi(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime, end: datetime,
        currency: str) -> Kpi:
    """The KPI numbers of deals owned (and activities logged) by `owner_ids` over [start, end)."""
    connection, scoped = session.connection(), owner_ids is not None
    params = scope_params(owner_ids, workspace=workspace_id, start=start, end=end, currency=currency)
    won_home, won_value, won_other, lost = connection.execute(_closed_statement(scoped), params).one()
    open_count, open_value, weighted, open_other = connection.execute(_open_statement(scoped), params).one()
    new_count, new_value = connection.execute(_new_statement(scoped), params).one()
    cycle = connection.execute(_cycle_statement(scoped), params).scalar()
    by_kind = activity_counts(session, workspace_id, owner_ids, start, end, by=("kind",))
    activities = tuple((row.kind, row.count) for row in by_kind)
    return Kpi(currency=currency, won_count=won_home + won_other, won_value=int(won_value or 0),
               won_count_home=won_home, lost_count=lost, open_count=int(open_count or 0),
               open_pipeline=int(open_value or 0), weighted_pipeline=int(weighted or 0),
               new_count=int(new_count or 0), new_pipeline=int(new_value or 0),
               median_cycle_days=None if cycle is None else float(cycle), activities=activities,
               other_currency_deals=won_other + int(open_other or 0))


def closed_in_period(scoped: bool):
    """Deals of the scope closed (won or lost) in the period and still closed: only closed deals have a
    `closed_at`, and the status is tested in the aggregates, so the (owner, closed_at) index serves it."""
    return and_(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                in_period(DEAL.c.closed_at), live(DEAL))


@cache
def _closed_statement(scoped: bool):
    """Won deals countable in the base currency (count, converted value), won without a rate, lost (any currency).

    Filtered aggregates rather than GROUP BY status: grouping tempts SQLite into the (status, stage) index."""
    won, home = DEAL.c.status == "won", convertible()
    return (select(func.count().filter(won & home), func.sum(converted()).filter(won & home),
                   func.count().filter(won & ~home), func.count().filter(DEAL.c.status == "lost"))
            .select_from(with_rates()).where(closed_in_period(scoped)))


@cache
def _open_statement(scoped: bool):
    """Open deals now: count, value, probability-weighted value (converted to the base), and those without a rate.

    Each deal's weighted value is rounded down to a minor unit, so people's values add up to their team's.
    """
    weighted = cast(converted(), BigInteger) * STAGE.c.probability // 100
    home = convertible()
    return (select(func.count().filter(home), func.sum(converted()).filter(home),
                   func.sum(weighted).filter(home), func.count().filter(~home))
            .select_from(with_rates(DEAL.outerjoin(STAGE, and_(STAGE.c.workspace_id == DEAL.c.workspace_id,
                                                               STAGE.c.name == DEAL.c.stage))))
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.status == "open", live(DEAL)))


@cache
def _new_statement(scoped: bool):
    """Deals opened in the period (whatever happened to them since), converted to the base currency."""
    return (select(func.count(), func.sum(converted()))
            .select_from(with_rates())
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   in_period(DEAL.c.created_at), convertible(), live(DEAL)))


@cache
def _cycle_statement(scoped: bool):
    """Median days from opening to winning, over the deals won in the period."""
    won_days = case((DEAL.c.status == "won", days_between(DEAL.c.closed_at, DEAL.c.created_at)))
    cycles = select(won_days.label("days")).where(closed_in_period(scoped)).subquery("cycles")
    return medians(cycles, (), "days")
