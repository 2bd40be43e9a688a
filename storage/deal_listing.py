"""The statements of deal listings (`deal list`, account pages), built once per shape of filter and bound per use."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Integer, bindparam, func
from sqlmodel import col, select

from handlers.records import DealFilter
from storage.analytics.sql import in_list
from storage.models import Deal

LIVE = col(Deal.deleted_at).is_(None)
# A deal listing's columns (handlers/records.py DealLine).
LINE = (Deal.number, Deal.name, Deal.owner_id, Deal.amount_minor, Deal.currency, Deal.stage, Deal.expected_close)
# Each filter a DealFilter may set, as a condition on its bound value (untyped binds take the column's type).
CONDITIONS = {
    "owners": in_list(col(Deal.owner_id), bindparam("owners")),
    "account_id": col(Deal.account_id) == bindparam("account_id"),
    "partner_id": col(Deal.partner_id) == bindparam("partner_id"),
    "currency": col(Deal.currency) == bindparam("currency"),
    "close_from": col(Deal.expected_close) >= bindparam("close_from"),
    "close_to": col(Deal.expected_close) <= bindparam("close_to"),
    "amount_min": col(Deal.amount_minor) >= bindparam("amount_min"),
    "amount_max": col(Deal.amount_minor) <= bindparam("amount_max"),
    "stage": col(Deal.stage) == bindparam("stage"),
}
PAGE = {"limit": bindparam("limit", type_=Integer()), "offset": bindparam("offset", type_=Integer())}

Shape = tuple[bool, bool, tuple[str, ...]]  # the bin or live deals, open only, the filters set


def shape_of(wanted: DealFilter, workspace_id: int) -> tuple[Shape, dict]:
    """Which conditions `wanted` sets (what its statements are built and cached for) and their values."""
    values = {"owners": sorted(wanted.owner_ids) if wanted.owner_ids is not None else None,
              "account_id": wanted.account_id, "partner_id": wanted.partner_id, "currency": wanted.currency,
              "close_from": wanted.close_from, "close_to": wanted.close_to, "amount_min": wanted.amount_min,
              "amount_max": wanted.amount_max, "stage": wanted.stage or None}
    params = {name: value for name, value in values.items() if value is not None}
    # A named stage lists that stage whatever its outcome; otherwise open deals only, if asked (never in the bin).
    open_only = wanted.open_only and not wanted.deleted and not wanted.stage
    shape = (wanted.deleted, open_only, tuple(params))
    params["workspace"] = workspace_id
    return shape, params


def _where(shape: Shape) -> list:
    deleted, open_only, names = shape
    clauses = [col(Deal.workspace_id) == bindparam("workspace"), col(Deal.deleted_at).is_not(None) if deleted else LIVE]
    clauses += [CONDITIONS[name] for name in names]
    return clauses + [col(Deal.status) == "open"] if open_only else clauses


def _order(shape: Shape) -> tuple:
    """Newest first; the bin most recently deleted first."""
    return (col(Deal.deleted_at).desc() if shape[0] else col(Deal.number).desc()), col(Deal.number).desc()


@cache
def count_statement(shape: Shape):
    return select(func.count()).select_from(Deal).where(*_where(shape))


@cache
def rows_statement(shape: Shape):
    """One page of whole deal rows."""
    return select(Deal).where(*_where(shape)).order_by(*_order(shape)).offset(PAGE["offset"]).limit(PAGE["limit"])


@cache
def lines_statement(shape: Shape):
    """One page of listing lines, with the count of all matching deals as an uncorrelated subquery: run once,
    on its own plan (index only), rather than a window over every matching row."""
    total = count_statement(shape).correlate(None).scalar_subquery().label("total")
    return (select(*LINE, total).where(*_where(shape)).order_by(*_order(shape))
            .offset(PAGE["offset"]).limit(PAGE["limit"]))
