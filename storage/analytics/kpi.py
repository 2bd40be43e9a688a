"""Key numbers of a scope in a period: won, lost, pipeline, new pipeline, sales cycle, activities."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import BigInteger, and_, cast, func, select
from sqlmodel import Session

from storage.analytics.results import Kpi
from storage.analytics.sql import ACTIVITY, DEAL, STAGE, between, days_between, medians, owned_by


def kpi(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime, end: datetime,
        currency: str) -> Kpi:
    """The KPI numbers of deals owned (and activities logged) by `owner_ids` over [start, end)."""
    connection = session.connection()
    closed = _closed(connection, workspace_id, owner_ids, start, end, currency)
    pipeline = _open_pipeline(connection, workspace_id, owner_ids, currency)
    new_count, new_value = _new_pipeline(connection, workspace_id, owner_ids, start, end, currency)
    return Kpi(currency=currency, won_count=closed["won"][0] + closed["won_other"][0], won_value=closed["won"][1],
               won_count_home=closed["won"][0], lost_count=closed["lost"][0] + closed["lost_other"][0],
               open_count=pipeline[0], open_pipeline=pipeline[1], weighted_pipeline=pipeline[2],
               new_count=new_count, new_pipeline=new_value,
               median_cycle_days=_median_cycle(connection, workspace_id, owner_ids, start, end),
               activities=_activities(connection, workspace_id, owner_ids, start, end),
               other_currency_deals=closed["won_other"][0] + pipeline[3])


def closed_filter(workspace_id: int, owner_ids, start: datetime, end: datetime, *statuses: str):
    """Deals of the scope that reached one of `statuses` (won, lost) in the period and still have it."""
    return and_(DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
                DEAL.c.status.in_(statuses), between(DEAL.c.closed_at, start, end))


def _closed(connection, workspace_id: int, owner_ids, start, end, currency: str) -> dict[str, tuple[int, int]]:
    """(count, value) of won and lost deals, split into the workspace currency and the others."""
    totals = {key: (0, 0) for key in ("won", "won_other", "lost", "lost_other")}
    query = (select(DEAL.c.status, DEAL.c.currency, func.count(), func.sum(DEAL.c.amount_minor))
             .where(closed_filter(workspace_id, owner_ids, start, end, "won", "lost"))
             .group_by(DEAL.c.status, DEAL.c.currency))
    for status, code, count, value in connection.execute(query):
        key = status if code == currency else f"{status}_other"
        totals[key] = (totals[key][0] + count, totals[key][1] + int(value or 0))
    return totals


def _open_pipeline(connection, workspace_id: int, owner_ids, currency: str) -> tuple[int, int, int, int]:
    """Open deals now: (count, value, probability-weighted value) in the workspace currency, other count.

    Each deal's weighted value is rounded down to a minor unit, so people's values add up to their team's.
    """
    weighted = cast(DEAL.c.amount_minor, BigInteger) * STAGE.c.probability // 100
    home = DEAL.c.currency == currency
    query = (select(func.count().filter(home), func.sum(DEAL.c.amount_minor).filter(home),
                    func.sum(weighted).filter(home), func.count().filter(~home))
             .select_from(DEAL.outerjoin(STAGE, and_(STAGE.c.workspace_id == DEAL.c.workspace_id,
                                                     STAGE.c.name == DEAL.c.stage)))
             .where(DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
                    DEAL.c.status == "open"))
    return tuple(int(value or 0) for value in connection.execute(query).one())


def _new_pipeline(connection, workspace_id: int, owner_ids, start, end, currency: str) -> tuple[int, int]:
    """Deals opened in the period (whatever happened to them since), in the workspace currency."""
    query = (select(func.count(), func.sum(DEAL.c.amount_minor))
             .where(DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
                    between(DEAL.c.created_at, start, end), DEAL.c.currency == currency))
    count, value = connection.execute(query).one()
    return int(count or 0), int(value or 0)


def _median_cycle(connection, workspace_id: int, owner_ids, start, end) -> float | None:
    """Median days from opening to winning, over the deals won in the period."""
    cycles = (select(days_between(DEAL.c.closed_at, DEAL.c.created_at).label("days"))
              .where(closed_filter(workspace_id, owner_ids, start, end, "won")).subquery("cycles"))
    value = connection.execute(medians(cycles, None, "days")).scalar()  # the median; the count is not needed
    return None if value is None else float(value)


def _activities(connection, workspace_id: int, person_ids, start, end) -> tuple[tuple[str, int], ...]:
    """Activities logged by the people in scope in the period, per kind, most frequent first."""
    query = (select(ACTIVITY.c.kind, func.count().label("n"))
             .where(ACTIVITY.c.workspace_id == workspace_id, owned_by(ACTIVITY.c.person_id, person_ids),
                    between(ACTIVITY.c.occurred_at, start, end))
             .group_by(ACTIVITY.c.kind).order_by(func.count().desc(), ACTIVITY.c.kind))
    return tuple((kind, int(count)) for kind, count in connection.execute(query))
