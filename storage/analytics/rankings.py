"""Numbers per person (the leaderboard) and per partner (the channel view), grouped by the database."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlmodel import Session

from handlers.analytics.results import METRICS, OpenTotal, PartnerRow
from storage.analytics.activities import activity_counts
from storage.analytics.fx import convertible, converted, with_rates
from storage.analytics.kpi import closed_in_period
from storage.analytics.sql import DEAL, PARTNER, in_period, live, owned_by, scope_params


def per_person(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, metric: str,
               start: datetime, end: datetime, currency: str) -> list[tuple[int, int]]:
    """(person id, value of `metric`) for everyone in scope with a non-zero value, highest first.

    Each person's value is measured exactly as `kpi` measures it for a scope, so they add up to the total.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    if metric == "activities":
        counted = activity_counts(session, workspace_id, owner_ids, start, end, by=("person_id",))
        return [(row.person_id, row.count) for row in counted]
    params = scope_params(owner_ids, workspace=workspace_id, start=start, end=end, currency=currency)
    rows = session.connection().execute(_per_person_statement(owner_ids is not None, metric), params)
    return [(person, int(total)) for person, total in rows]


def open_per_person(session: Session, workspace_id: int, owner_ids: Iterable[int] | None,
                    currency: str) -> tuple[OpenTotal, ...]:
    """Each owner's open deals now in the workspace currency (as `kpi` counts its open pipeline), largest first."""
    params = scope_params(owner_ids, workspace=workspace_id, currency=currency)
    rows = session.connection().execute(_open_statement(owner_ids is not None), params)
    return tuple(OpenTotal(person, int(count), int(total or 0)) for person, count, total in rows)


@cache
def _open_statement(scoped: bool):
    total = func.sum(converted())
    return (select(DEAL.c.owner_id, func.count(), total).select_from(with_rates())
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.status == "open", convertible(), live(DEAL))
            .group_by(DEAL.c.owner_id).order_by(total.desc(), DEAL.c.owner_id))


@cache
def _per_person_statement(scoped: bool, metric: str):
    who, value, where = _metric_parts(scoped, metric)
    return (select(who, value).select_from(with_rates()).where(where).group_by(who).having(value > 0)
            .order_by(value.desc(), who))


def _metric_parts(scoped: bool, metric: str):
    """The person column, the aggregate and the filter for one deal metric (as `kpi` counts it)."""
    won, home = DEAL.c.status == "won", convertible()
    if metric == "won_count":
        return DEAL.c.owner_id, func.count().filter(won), closed_in_period(scoped)
    if metric == "won_value":
        won_value = func.coalesce(func.sum(converted()).filter(won & home), 0)
        return DEAL.c.owner_id, won_value, closed_in_period(scoped)
    return DEAL.c.owner_id, func.sum(converted()), and_(
        DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
        in_period(DEAL.c.created_at), home, live(DEAL))


def partners(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime,
             end: datetime, currency: str) -> tuple[PartnerRow, ...]:
    """Per partner (and deals without one): won value, won and lost counts in the period, open pipeline now;
    highest won value first, then largest open pipeline."""
    params = scope_params(owner_ids, workspace=workspace_id, start=start, end=end, currency=currency)
    rows = session.connection().execute(_partner_statement(owner_ids is not None), params)
    return tuple(PartnerRow(pid, name, *(int(value or 0) for value in values)) for pid, name, *values in rows)


@cache
def _partner_statement(scoped: bool):
    home, period = convertible(), in_period(DEAL.c.closed_at)
    won, lost = (DEAL.c.status == "won") & period, (DEAL.c.status == "lost") & period
    still_open = DEAL.c.status == "open"
    won_value, open_value = _sum(won & home, converted()), _sum(still_open & home, converted())
    return (select(DEAL.c.partner_id, PARTNER.c.name, won_value, _sum(won, 1), _sum(lost, 1), open_value,
                   _sum(still_open, 1))
            .select_from(with_rates(DEAL.outerjoin(PARTNER, PARTNER.c.id == DEAL.c.partner_id)))
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   live(DEAL), or_(still_open, won, lost))
            .group_by(DEAL.c.partner_id, PARTNER.c.name)
            .order_by(won_value.desc(), open_value.desc(), DEAL.c.partner_id.is_(None), PARTNER.c.name))


def _sum(condition, value):
    return func.sum(case((condition, value), else_=0))
