"""Forecast roll-ups: each open deal's category (override, else the stage map, else the default), and the
amounts per person and category in a period, summed by the database."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from sqlalchemy import and_, bindparam, case, func, literal, or_, select, true
from sqlmodel import Session

from handlers.forecast.results import DEFAULT_MAP, CategorySum, ForecastDeal
from storage.analytics.forecast_money import home_amount
from storage.analytics.sql import DEAL, owned_by, scope_params
from storage.forecast_models import ForecastStageMap

MAP = ForecastStageMap.__table__


def default_category(stage):
    return case(*((stage == name, literal(category)) for name, category in DEFAULT_MAP.items()),
                else_=literal("pipeline"))


def category_of(rows, stage_map) -> object:
    """closed for won deals; else the deal's override, the workspace's map, or the default for its stage."""
    return case((rows.c.status == "won", literal("closed")),
                else_=func.coalesce(rows.c.forecast_category, stage_map.c.category, default_category(rows.c.stage)))


def map_join(rows):
    """`rows` with the workspace's stage map beside them (rows need workspace_id and stage)."""
    stage_map = MAP.alias("stage_map")
    joined = rows.outerjoin(stage_map, and_(stage_map.c.workspace_id == rows.c.workspace_id,
                                            stage_map.c.stage == rows.c.stage))
    return joined, stage_map


def not_deleted(rows):
    """Soft-deleted deals are out of every forecast (the test is there as soon as deals have `deleted_at`)."""
    return rows.c.deleted_at.is_(None) if "deleted_at" in rows.c else true()


def in_period(rows):
    """Open deals closing in the period's days, won deals closed in its instants; lost deals never."""
    open_in = and_(rows.c.status == "open", rows.c.expected_close >= bindparam("first"),
                   rows.c.expected_close <= bindparam("last"))
    won_in = and_(rows.c.status == "won", rows.c.closed_at >= bindparam("start"), rows.c.closed_at < bindparam("end"))
    return or_(open_in, won_in)


def period_params(owner_ids: Iterable[int] | None, workspace_id: int, currency: str, first: date, last: date,
                  start: datetime, end: datetime, **more) -> dict:
    return scope_params(owner_ids, workspace=workspace_id, currency=currency, first=first, last=last, start=start,
                        end=end, **more)


def category_sums(session: Session, workspace_id: int, currency: str, owner_ids: Iterable[int] | None,
                  first: date, last: date, start: datetime, end: datetime) -> tuple[CategorySum, ...]:
    """Per person and category: the summed amounts (workspace currency), deals, deals in other currencies."""
    params = period_params(owner_ids, workspace_id, currency, first, last, start, end)
    rows = session.connection().execute(_sums_statement(owner_ids is not None), params)
    return tuple(CategorySum(owner, category, int(amount or 0), count, other)
                 for owner, category, amount, count, other in rows)


@cache
def _sums_statement(scoped: bool):
    joined, stage_map = map_join(DEAL)
    category = category_of(DEAL, stage_map).label("category")
    amount = home_amount(DEAL.c.amount_minor, DEAL.c.currency)
    return (select(DEAL.c.owner_id, category, func.sum(amount), func.count(amount),
                   func.count().filter(amount.is_(None)))
            .select_from(joined)
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   in_period(DEAL), not_deleted(DEAL))
            .group_by(DEAL.c.owner_id, category))


def forecast_deals(session: Session, workspace_id: int, currency: str, owner_ids: Iterable[int] | None,
                   first: date, last: date, start: datetime, end: datetime, category: str | None,
                   limit: int = 50) -> tuple[ForecastDeal, ...]:
    """The deals behind the numbers (one category, or all of them), largest first."""
    params = period_params(owner_ids, workspace_id, currency, first, last, start, end, category=category or "",
                           limit=limit)
    rows = session.connection().execute(_deals_statement(owner_ids is not None, category is not None), params)
    return tuple(ForecastDeal(r.number, r.name, r.owner_id, r.amount_minor, r.currency, r.stage, r.expected_close,
                              r.category, r.forecast_category is not None and r.status == "open",
                              None if r.home is None else int(r.home)) for r in rows)


@cache
def _deals_statement(scoped: bool, one_category: bool):
    joined, stage_map = map_join(DEAL)
    category = category_of(DEAL, stage_map)
    home = home_amount(DEAL.c.amount_minor, DEAL.c.currency)
    query = (select(DEAL.c.number, DEAL.c.name, DEAL.c.owner_id, DEAL.c.amount_minor, DEAL.c.currency,
                    DEAL.c.stage, DEAL.c.expected_close, DEAL.c.status, DEAL.c.forecast_category,
                    category.label("category"), home.label("home"))
             .select_from(joined)
             .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                    in_period(DEAL), not_deleted(DEAL)))
    if one_category:
        query = query.where(category == bindparam("category"))
    # Largest in the workspace currency first; deals without a rate last.
    return query.order_by(home.is_(None), home.desc(), DEAL.c.number).limit(bindparam("limit"))


def won_per_person(session: Session, workspace_id: int, currency: str, owner_ids: Iterable[int] | None,
                   start: datetime, end: datetime) -> dict[int, int]:
    """The actual: won amount per person, of deals closed in [start, end), in the workspace currency."""
    params = scope_params(owner_ids, workspace=workspace_id, currency=currency, start=start, end=end)
    return {owner: int(total or 0) for owner, total in
            session.connection().execute(_won_statement(owner_ids is not None), params)}


@cache
def _won_statement(scoped: bool):
    amount = home_amount(DEAL.c.amount_minor, DEAL.c.currency)
    return (select(DEAL.c.owner_id, func.sum(amount))
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.status == "won", DEAL.c.closed_at >= bindparam("start"),
                   DEAL.c.closed_at < bindparam("end"), not_deleted(DEAL))
            .group_by(DEAL.c.owner_id))

