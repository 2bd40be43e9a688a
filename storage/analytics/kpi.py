"""Key numbers of a scope in a period: won, lost, pipeline, new pipeline, sales cycle, activities."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import BigInteger, and_, bindparam, case, cast, func, select, true
from sqlmodel import Session

from handlers.analytics.results import Kpi
from storage.analytics.activities import activity_counts
from storage.analytics.fx import convertible, converted, with_rates
from storage.analytics.sql import DEAL, STAGE, days_between, in_period, live, medians, owned_by, scope_params

# What a digest shows of the KPI (won against the won-value target, the open pipeline): the closed and open
# statements measure it, so digests read only those (`full=False`) and judge only the targets they measure.
SHOWN_IN_DIGESTS = ("won_value", "won_count")


def kpi(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime, end: datetime,
        currency: str, full: bool = True) -> Kpi:
    """The KPI numbers of deals owned (and activities logged) by `owner_ids` over [start, end); without
    `full`, the won, lost and open numbers only (`SHOWN_IN_DIGESTS`: no new pipeline, cycle or activities)."""
    connection, scoped = session.connection(), owner_ids is not None
    params = scope_params(owner_ids, workspace=workspace_id, start=start, end=end, currency=currency)
    row = connection.execute(_kpi_statement(scoped, full), params).one()
    if not full:
        return kpi_of(currency, row[:4], row[4:8], (0, 0), None, ())
    closed, still_open, new, cycle = row[:4], row[4:8], row[8:10], row[10]
    by_kind = activity_counts(session, workspace_id, owner_ids, start, end, by=("kind",))
    return kpi_of(currency, closed, still_open, new, cycle, tuple((row.kind, row.count) for row in by_kind))


def kpi_of(currency: str, closed, still_open, new, cycle, activities: tuple[tuple[str, int], ...]) -> Kpi:
    """The Kpi value from the rows of the closed, open and new statements (their aggregates, in order)."""
    won_home, won_value, won_other, lost = (int(value or 0) for value in closed[:4])
    open_count, open_value, weighted, open_other = (int(value or 0) for value in still_open[:4])
    new_count, new_value = (int(value or 0) for value in new[:2])
    return Kpi(currency=currency, won_count=won_home + won_other, won_value=won_value,
               won_count_home=won_home, lost_count=lost, open_count=open_count,
               open_pipeline=open_value, weighted_pipeline=weighted,
               new_count=new_count, new_pipeline=new_value,
               median_cycle_days=None if cycle is None else float(cycle), activities=activities,
               other_currency_deals=won_other + open_other)


def closed_in_period(scoped: bool):
    """Deals of the scope closed (won or lost) in the period and still closed: only closed deals have a
    `closed_at`, and the status is tested in the aggregates, so the (owner, closed_at) index serves it."""
    return and_(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                in_period(DEAL.c.closed_at), live(DEAL))


def _per_owner(statement, per_owner: bool):
    """The statement as is, or one row per deal owner (the batch adds the owners of a scope up)."""
    return statement.add_columns(DEAL.c.owner_id).group_by(DEAL.c.owner_id) if per_owner else statement


@cache
def closed_statement(scoped: bool, per_owner: bool = False):
    """Won deals countable in the base currency (count, converted value), won without a rate, lost (any currency).

    Filtered aggregates rather than GROUP BY status: grouping tempts SQLite into the (status, stage) index."""
    won, home = DEAL.c.status == "won", convertible()
    return _per_owner(select(func.count().filter(won & home), func.sum(converted()).filter(won & home),
                             func.count().filter(won & ~home), func.count().filter(DEAL.c.status == "lost"))
                      .select_from(with_rates()).where(closed_in_period(scoped)), per_owner)


@cache
def open_statement(scoped: bool, per_owner: bool = False):
    """Open deals now: count, value, probability-weighted value (converted to the base), and those without a rate.

    Each deal's weighted value is rounded down to a minor unit, so people's values add up to their team's.
    """
    weighted = cast(converted(), BigInteger) * STAGE.c.probability // 100
    home = convertible()
    return _per_owner(select(func.count().filter(home), func.sum(converted()).filter(home),
                             func.sum(weighted).filter(home), func.count().filter(~home))
                      .select_from(with_rates(DEAL.outerjoin(STAGE, and_(STAGE.c.workspace_id == DEAL.c.workspace_id,
                                                                         STAGE.c.name == DEAL.c.stage))))
                      .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                             DEAL.c.status == "open", live(DEAL)), per_owner)


@cache
def new_statement(scoped: bool, per_owner: bool = False):
    """Deals opened in the period (whatever happened to them since), converted to the base currency."""
    return _per_owner(select(func.count(), func.sum(converted()))
                      .select_from(with_rates())
                      .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                             in_period(DEAL.c.created_at), convertible(), live(DEAL)), per_owner)


@cache
def _kpi_statement(scoped: bool, full: bool = True):
    """The closed, open, new and median-cycle aggregates (one row each) side by side: one round trip; without
    `full`, the closed and open ones."""
    parts = (closed_statement(scoped), open_statement(scoped))
    if full:
        parts += (new_statement(scoped), cycle_statement(scoped))
    first, *others = (part.subquery(f"k{n}") for n, part in enumerate(parts))
    joined = first
    for other in others:
        joined = joined.join(other, true())
    return select(*first.c, *(column for other in others for column in other.c)).select_from(joined)


def cycle_statement(scoped: bool, scopes=None):
    """The median cycle, of one scope, or per scope of a `scope_map` (a median does not add up per owner)."""
    won_days = case((DEAL.c.status == "won", days_between(DEAL.c.closed_at, DEAL.c.created_at)))
    cycles = select(won_days.label("days")).where(closed_in_period(scoped))
    if scopes is None:
        return medians(cycles.subquery("cycles"), (), "days")
    cycles = cycles.add_columns(scopes.c.scope).join_from(DEAL, scopes, scopes.c.owner == DEAL.c.owner_id)
    return medians(cycles.subquery("cycles"), ("scope",), "days")
