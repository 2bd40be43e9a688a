"""Numbers per person (the leaderboard) and per partner (the channel view), grouped by the database."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import Session

from storage.analytics.kpi import closed_filter
from storage.analytics.results import METRICS, PartnerRow
from storage.analytics.sql import ACTIVITY, DEAL, PARTNER, between, owned_by


def per_person(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, metric: str,
               start: datetime, end: datetime, currency: str) -> list[tuple[int, int]]:
    """(person id, value of `metric`) for everyone in scope with a non-zero value, highest first.

    Each person's value is measured exactly as `kpi` measures it for a scope, so they add up to the total.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    who, value, where = _metric_parts(workspace_id, owner_ids, metric, start, end, currency)
    query = (select(who, value.label("value")).where(where).group_by(who)
             .order_by(value.desc(), who))
    return [(person, int(total)) for person, total in session.connection().execute(query)]


def _metric_parts(workspace_id: int, owner_ids, metric: str, start, end, currency: str):
    """The person column, the aggregate and the filter for one metric."""
    if metric == "activities":
        return ACTIVITY.c.person_id, func.count(), and_(
            ACTIVITY.c.workspace_id == workspace_id, owned_by(ACTIVITY.c.person_id, owner_ids),
            between(ACTIVITY.c.occurred_at, start, end))
    if metric == "won_count":
        return DEAL.c.owner_id, func.count(), closed_filter(workspace_id, owner_ids, start, end, "won")
    if metric == "won_value":
        return DEAL.c.owner_id, func.sum(DEAL.c.amount_minor), and_(
            closed_filter(workspace_id, owner_ids, start, end, "won"), DEAL.c.currency == currency)
    return DEAL.c.owner_id, func.sum(DEAL.c.amount_minor), and_(
        DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
        between(DEAL.c.created_at, start, end), DEAL.c.currency == currency)


def partners(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime,
             end: datetime, currency: str) -> tuple[PartnerRow, ...]:
    """Per partner (and deals without one): won value, won and lost counts in the period, open pipeline now."""
    in_period = between(DEAL.c.closed_at, start, end)
    home = DEAL.c.currency == currency
    won, lost = (DEAL.c.status == "won") & in_period, (DEAL.c.status == "lost") & in_period
    open_ = DEAL.c.status == "open"
    query = (select(DEAL.c.partner_id, PARTNER.c.name,
                    _sum(won & home, DEAL.c.amount_minor), _sum(won, 1), _sum(lost, 1),
                    _sum(open_ & home, DEAL.c.amount_minor), _sum(open_, 1))
             .select_from(DEAL.outerjoin(PARTNER, PARTNER.c.id == DEAL.c.partner_id))
             .where(DEAL.c.workspace_id == workspace_id, owned_by(DEAL.c.owner_id, owner_ids),
                    or_(open_, won, lost))
             .group_by(DEAL.c.partner_id, PARTNER.c.name))
    rows = [PartnerRow(pid, name, *(int(v or 0) for v in values))
            for pid, name, *values in session.connection().execute(query)]
    return tuple(sorted(rows, key=lambda r: (-r.won_value, -r.open_pipeline, r.partner_id is None, r.name or "")))


def _sum(condition, value):
    return func.sum(case((condition, value), else_=0))
