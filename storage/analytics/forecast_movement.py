"""Pipeline movement between two moments, rebuilt from deal versions: each deal's state at the start and at
the end, classified by how it entered, left or changed in the period's open pipeline, summed by the database.

Every deal contributes exactly (its amount in the pipeline at the end) − (at the start), so
start + Σ movements = end holds to the cent by construction, whatever happened in between.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from sqlalchemy import and_, bindparam, case, func, literal, select, true
from sqlmodel import Session

from handlers.forecast.results import OPEN_CATEGORIES, Move, MovementGroup
from storage.analytics.forecast import category_of, map_join
from storage.analytics.forecast_money import home_amount
from storage.analytics.sql import DEAL, owned_by, scope_params
from storage.forecast_models import DealVersion

VERSION = DealVersion.__table__
PER_KIND = 5


def movement(session: Session, workspace_id: int, currency: str, owner_ids: Iterable[int] | None, first: date,
             last: date, since: datetime, until: datetime) -> tuple[MovementGroup, ...]:
    """The movement of the open pipeline of [first, last] between `since` and `until`, per kind and category."""
    params = scope_params(owner_ids, workspace=workspace_id, currency=currency, first=first, last=last,
                          t0=since, t1=until)
    rows = session.connection().execute(_groups_statement(owner_ids is not None), params)
    return tuple(MovementGroup(r.kind, r.cat0, r.cat1, int(r.start_part or 0), int(r.end_part or 0), r.deals)
                 for r in rows)


def biggest_moves(session: Session, workspace_id: int, currency: str, owner_ids: Iterable[int] | None,
                  first: date, last: date, since: datetime, until: datetime) -> tuple[Move, ...]:
    """The five biggest moves of each kind (by size of the change), each with the deal's close date now."""
    params = scope_params(owner_ids, workspace=workspace_id, currency=currency, first=first, last=last,
                          t0=since, t1=until, per_kind=PER_KIND)
    rows = session.connection().execute(_moves_statement(owner_ids is not None), params)
    return tuple(Move(r.kind, r.number, r.name, int(r.delta), r.close1, r.cat0) for r in rows)


def _state(at: str):
    """Each deal's latest version at the instant :<at>: owner, close date, status, deletion, amount (workspace
    currency) and forecast category (today's stage map: a map change is not a movement)."""
    order = (VERSION.c.valid_from.desc(), VERSION.c.id.desc())
    ranked = (select(VERSION, func.row_number().over(partition_by=VERSION.c.deal_id, order_by=order).label("rn"))
              .where(VERSION.c.workspace_id == bindparam("workspace"), VERSION.c.valid_from <= bindparam(at))
              .subquery(f"ranked_{at}"))
    latest = select(ranked).where(ranked.c.rn == 1).subquery(f"latest_{at}")
    joined, stage_map = map_join(latest)
    return (select(latest.c.deal_id, latest.c.owner_id, latest.c.expected_close, latest.c.status,
                   latest.c.deleted, home_amount(latest.c.amount_minor, latest.c.currency).label("amount"),
                   category_of(latest, stage_map).label("category"))
            .select_from(joined).subquery(f"state_{at}"))


def _flag(condition):
    return case((condition, 1), else_=0)


def _in_pipeline(state, scoped: bool):
    """In the period's open pipeline of the scope: open, not deleted, closing in the period, not omitted."""
    return and_(state.c.status == "open", state.c.deleted == literal(False), state.c.amount.is_not(None),
                state.c.expected_close >= bindparam("first"), state.c.expected_close <= bindparam("last"),
                state.c.category.in_(OPEN_CATEGORIES), owned_by(state.c.owner_id, scoped))


@cache
def _pairs(scoped: bool):
    """One row per deal that existed at the end: its two states side by side, with how it moved."""
    start, end = _state("t0"), _state("t1")
    flags = (select(end.c.deal_id, _flag(_in_pipeline(start, scoped)).label("in0"),
                    _flag(_in_pipeline(end, scoped)).label("in1"),
                    func.coalesce(start.c.amount, 0).label("a0"), func.coalesce(end.c.amount, 0).label("a1"),
                    start.c.category.label("cat0"), end.c.category.label("cat1"),
                    _flag(start.c.deal_id.is_not(None)).label("had0"), start.c.status.label("status0"),
                    end.c.status.label("status1"), start.c.deleted.label("deleted0"),
                    end.c.deleted.label("deleted1"), _flag(owned_by(start.c.owner_id, scoped)).label("mine0"),
                    _flag(owned_by(end.c.owner_id, scoped)).label("mine1"), end.c.expected_close.label("close1"),
                    _flag(start.c.amount.is_(None)).label("unrated0"), _flag(end.c.amount.is_(None)).label("unrated1"))
             .select_from(end.outerjoin(start, start.c.deal_id == end.c.deal_id)).subquery("flags"))
    kind = case(
        (and_(flags.c.in0 == 1, flags.c.in1 == 1),
         case((flags.c.a1 > flags.c.a0, "increased"), (flags.c.a1 < flags.c.a0, "decreased"), else_="unchanged")),
        (flags.c.in0 == 1,
         case((flags.c.deleted1 == true(), "deleted"), (flags.c.status1 == "won", "won"),
              (flags.c.status1 == "lost", "lost"), (flags.c.mine1 == 0, "reassigned_out"),
              (flags.c.cat1 == "omitted", "omitted"), (flags.c.unrated1 == 1, "unrated"), else_="pushed_out")),
        (flags.c.in1 == 1,
         case((flags.c.had0 == 0, "created"), (flags.c.deleted0 == true(), "restored"),
              (flags.c.status0 != "open", "reopened"), (flags.c.mine0 == 0, "reassigned_in"),
              (flags.c.cat0 == "omitted", "included"), (flags.c.unrated0 == 1, "rated"), else_="pulled_in")))
    start_part = case((flags.c.in0 == 1, flags.c.a0), else_=0)
    end_part = case((flags.c.in1 == 1, flags.c.a1), else_=0)
    return (select(flags.c.deal_id, kind.label("kind"), flags.c.cat0, flags.c.cat1, start_part.label("start_part"),
                   end_part.label("end_part"), flags.c.close1)
            .where((flags.c.in0 == 1) | (flags.c.in1 == 1)).subquery("pairs"))


@cache
def _groups_statement(scoped: bool):
    pairs = _pairs(scoped)
    return (select(pairs.c.kind, pairs.c.cat0, pairs.c.cat1, func.sum(pairs.c.start_part).label("start_part"),
                   func.sum(pairs.c.end_part).label("end_part"), func.count().label("deals"))
            .group_by(pairs.c.kind, pairs.c.cat0, pairs.c.cat1)
            .order_by(pairs.c.kind, pairs.c.cat0, pairs.c.cat1))


@cache
def _moves_statement(scoped: bool):
    pairs = _pairs(scoped)
    delta = pairs.c.end_part - pairs.c.start_part
    ranked = (select(pairs.c.kind, pairs.c.deal_id, pairs.c.close1, pairs.c.cat0, delta.label("delta"),
                     func.row_number().over(partition_by=pairs.c.kind,
                                            order_by=(func.abs(delta).desc(), pairs.c.deal_id)).label("rn"))
              .where(pairs.c.kind != "unchanged").subquery("ranked_moves"))
    return (select(ranked.c.kind, DEAL.c.number, DEAL.c.name, ranked.c.delta, ranked.c.close1, ranked.c.cat0)
            .select_from(ranked.join(DEAL, DEAL.c.id == ranked.c.deal_id))
            .where(ranked.c.rn <= bindparam("per_kind"))
            .order_by(ranked.c.kind, func.abs(ranked.c.delta).desc(), DEAL.c.number))
