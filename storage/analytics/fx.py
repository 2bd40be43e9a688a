"""Conversion to the base currency inside the queries: deals joined to their rate, converted amounts, and
the mix of currencies behind a total (what was converted at which rate, what was left out for want of one).

Every statement that converts binds `currency` to the workspace's base currency.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import BigInteger, Numeric, and_, bindparam, case, cast, func, or_, select, type_coerce
from sqlmodel import Session

from handlers.analytics.results import CurrencyMix, StagePipeline
from storage.analytics.sql import DEAL, in_period, live, owned_by, scope_params
from storage.task_models import FxRate

FX = FxRate.__table__
MICRO = 1_000_000


def with_rates(source=DEAL):
    """`source` (the deal table or a join on it) left-joined to each deal's rate to the base currency."""
    return source.outerjoin(FX, and_(FX.c.workspace_id == DEAL.c.workspace_id, FX.c.currency == DEAL.c.currency,
                                     FX.c.base == bindparam("currency")))


def is_base():
    return DEAL.c.currency == bindparam("currency")


def convertible():
    """The deal's amount can be counted in the base currency: it is in it, or its currency has a rate."""
    return or_(is_base(), FX.c.factor_micro.is_not(None))


def converted():
    """The deal's amount in base minor units, truncated; exact numeric on PostgreSQL, so no overflow."""
    return case((is_base(), DEAL.c.amount_minor), else_=scaled(DEAL.c.amount_minor, FX.c.factor_micro))


def scaled(amount, factor_micro):
    """`amount` (minor units) × `factor_micro` ÷ 1,000,000, truncated toward zero, as a whole number."""
    product = cast(amount, Numeric(38, 0)) * factor_micro
    # Integer division on both: SQLite's `/` of integers, PostgreSQL's exact numeric of a multiple of MICRO.
    return cast(type_coerce(product - product % MICRO, BigInteger) // MICRO, BigInteger)


def rate_of(currency):
    """The present factor from `currency` to the base in the statement's :workspace (a scalar subquery, NULL
    without a rate): for rows that are not the deal table joined to its rate (deal versions, grouped sums)."""
    return (select(FX.c.factor_micro)
            .where(FX.c.workspace_id == bindparam("workspace"), FX.c.base == bindparam("currency"),
                   FX.c.currency == currency)
            .scalar_subquery())


def in_base(amount, currency):
    """`amount` in `currency` as base minor units at the present rate; NULL when the currency has no rate."""
    return case((currency == bindparam("currency"), amount), else_=scaled(amount, rate_of(currency)))


def currency_mix(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, base: str,
                 start: datetime | None = None, end: datetime | None = None) -> tuple[CurrencyMix, ...]:
    """Per currency other than the base: the deals open now (and, with a period, won in it) of the scope,
    their summed amount in that currency, and its rate (None: left out of converted totals)."""
    period = start is not None
    params = scope_params(owner_ids, workspace=workspace_id, currency=base,
                          **({"start": start, "end": end} if period else {}))
    rows = session.connection().execute(_mix_statement(owner_ids is not None, period), params)
    return tuple(CurrencyMix(code, int(count), int(total or 0), rate, set_at)
                 for code, count, total, rate, set_at in rows)


@cache
def _mix_statement(scoped: bool, period: bool):
    counted = DEAL.c.status == "open"
    if period:
        counted = or_(counted, and_(DEAL.c.status == "won", in_period(DEAL.c.closed_at)))
    return (select(DEAL.c.currency, func.count(), func.sum(DEAL.c.amount_minor), func.max(FX.c.rate),
                   func.max(FX.c.set_at))
            .select_from(with_rates())
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.currency != bindparam("currency"), counted, live(DEAL))
            .group_by(DEAL.c.currency).order_by(DEAL.c.currency))


def pipeline(session: Session, workspace_id: int, owner_ids: Iterable[int] | None,
             base: str) -> tuple[StagePipeline, ...]:
    """Open deals per stage, converted to the base currency (deals without a rate are left out)."""
    params = scope_params(owner_ids, workspace=workspace_id, currency=base)
    rows = session.connection().execute(_pipeline_statement(owner_ids is not None), params)
    return tuple(StagePipeline(stage, int(count), int(total or 0)) for stage, count, total in rows)


@cache
def _pipeline_statement(scoped: bool):
    return (select(DEAL.c.stage, func.count(), func.sum(converted())).select_from(with_rates())
            .where(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, scoped),
                   DEAL.c.status == "open", convertible(), live(DEAL))
            .group_by(DEAL.c.stage))
