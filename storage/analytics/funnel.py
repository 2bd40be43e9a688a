"""The funnel from stage history: entries per stage (skipped stages included), moves on, wins, stays."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from functools import cache, lru_cache

from sqlalchemy import bindparam, func, or_, select
from sqlmodel import Session

from handlers.analytics.results import MIN_STAYS, Funnel, StageFlow
from storage.analytics.history_cache import cached
from storage.analytics.flow_sql import flow_statement, period_index, stage_history
from storage.analytics.order_medians import group_counts, group_medians_postgresql, group_middles, medians_by_group
from storage.analytics.sql import CHANGE, STAGE, days_between, in_period, live, medians, owned_by, scope_params

# The workspace's own history: the last few periods as long as the one judged, each measured on its own
# (a deal entering late in a period has as little time to move on as in the period judged), pooled.
HISTORY_PERIODS = 3
HISTORY_MAX_DAYS = 365
HISTORY_PERIOD_DAYS = 30  # for `risks`, which has no period: its stage medians cover 90 days


@cache
def _stages_statement():
    return (select(STAGE.c.name, STAGE.c.position, STAGE.c.outcome)
            .where(STAGE.c.workspace_id == bindparam("workspace"), STAGE.c.outcome != "lost")
            .order_by(STAGE.c.position))


def funnel_stages(session: Session, workspace_id: int) -> list[tuple[str, int, str]]:
    """(name, position, outcome) of the open stages and the won stage, in pipeline order."""
    return [tuple(row) for row in session.connection().execute(_stages_statement(), {"workspace": workspace_id})]


def funnel(session: Session, workspace_id: int, owner_ids: Iterable[int] | None,
           start: datetime, end: datetime) -> Funnel:
    """Each stage's flow over [start, end) for deals owned by `owner_ids` (None = everyone)."""
    return funnels(session, workspace_id, owner_ids, (start, end))[0]


def funnels(session: Session, workspace_id: int, owner_ids: Iterable[int] | None,
            bounds: Sequence[datetime], stays_from: int = 0) -> tuple[Funnel, ...]:
    """The funnels of back-to-back periods [bounds[0], bounds[1]), [bounds[1], bounds[2]), ... in one pass;
    median stays only from the period `stays_from` on (earlier ones, and all from past the last: flow only)."""
    # Fixed bounds: the same until stage history or the stages change (no window moving with the clock).
    owners = None if owner_ids is None else tuple(sorted(owner_ids))
    return cached(session, workspace_id, ("funnels", owners, tuple(bounds), stays_from), bounds[0], (),
                  lambda: _funnels(session, workspace_id, owners, bounds, stays_from))


def _funnels(session: Session, workspace_id: int, owner_ids, bounds: Sequence[datetime],
             stays_from: int) -> tuple[Funnel, ...]:
    parts = len(bounds) - 1
    stages = funnel_stages(session, workspace_id)
    params = _params(owner_ids, workspace_id, bounds, stages)
    connection, scoped = session.connection(), owner_ids is not None
    flows = _flows(connection.execute(_flow_statement(scoped, parts, False, _positions(stages)), params), stages)
    stays = {} if stays_from >= parts else {
        (part, stage): (median, count) for part, stage, median, count in
        connection.execute(_stays_statement(scoped, parts), {**params, "start": bounds[stays_from]})}
    return assemble(stages, bounds, flows, stays)


def assemble(stages, bounds: Sequence[datetime], flows: dict, stays: dict) -> tuple[Funnel, ...]:
    """The funnels of the periods between `bounds` from the flow and stay rows (by (period, position/stage))."""
    return tuple(Funnel(start, end, tuple(_stage_flow(name, outcome, flows.get((part, pos)), stays.get((part, name)))
                                          for name, pos, outcome in stages))
                 for part, (start, end) in enumerate(zip(bounds, bounds[1:])))


def funnel_params(owner_ids, workspace_id: int, bounds: Sequence[datetime], stages) -> dict:
    return _params(owner_ids, workspace_id, bounds, stages)


def positions(stages) -> tuple[tuple[int, ...], int]:
    return _positions(stages)


def history(session: Session, workspace_id: int, as_of: datetime, period_days: int = HISTORY_PERIOD_DAYS) -> Funnel:
    """The whole workspace's yardstick for bottlenecks and risks: its funnel over the HISTORY_PERIODS periods
    of `period_days` before `as_of` (at most a year), each period's flow measured on its own and added up;
    stays are those that ended anywhere in that span."""
    bounds = _history_bounds(as_of, period_days)
    stages = funnel_stages(session, workspace_id)
    flows = cached(session, workspace_id, ("flows", period_days), as_of, bounds,
                   lambda: _pooled_flows(session, workspace_id, bounds, stages))
    stays = _history_stays(session, workspace_id, as_of, bounds)
    return Funnel(bounds[0], as_of, tuple(_stage_flow(name, outcome, flows.get((0, pos)), stays.get(name))
                                          for name, pos, outcome in stages))


def typical_stays(session: Session, workspace_id: int, as_of: datetime,
                  period_days: int = HISTORY_PERIOD_DAYS) -> dict[str, float]:
    """`history(...).typical_stay_days()` without the flow: what `risks` alone needs."""
    stays = _history_stays(session, workspace_id, as_of, _history_bounds(as_of, period_days))
    open_stages = {name for name, _, outcome in funnel_stages(session, workspace_id) if outcome == "open"}
    return {stage: float(median) for stage, (median, count) in stays.items()
            if count >= MIN_STAYS and stage in open_stages}


def _pooled_flows(session: Session, workspace_id: int, bounds: list[datetime], stages) -> dict:
    params = _params(None, workspace_id, bounds, stages)
    statement = _flow_statement(False, len(bounds) - 1, True, _positions(stages))
    return _flows(session.connection().execute(statement, params), stages)


def _history_stays(session: Session, workspace_id: int, as_of: datetime, bounds: list[datetime]) -> dict:
    # Keyed by the span's length: `risks` (30-day periods) and a 30-day `funnel` share one.
    return cached(session, workspace_id, ("stays", (as_of - bounds[0]).days), as_of, (bounds[0], as_of),
                  lambda: _span_stays(session, workspace_id, bounds[0], as_of))


def _history_bounds(as_of: datetime, period_days: int) -> list[datetime]:
    count = max(1, min(HISTORY_PERIODS, HISTORY_MAX_DAYS // max(period_days, 1)))
    return [as_of - timedelta(days=period_days * (count - index)) for index in range(count + 1)]


def _span_stays(session: Session, workspace_id: int, start: datetime, end: datetime) -> dict:
    # A few stages of thousands of stays each: order statistics per stage, not a rank for every stay.
    params = scope_params(None, workspace=workspace_id, start=start, end=end)
    return medians_by_group(session.connection(), _span_counts(), _span_middles, params, _span_medians_postgresql())


@cache
def _span_rows():
    return stay_rows(False, 1)


@cache
def _span_counts():
    return group_counts(_span_rows(), "stage", "days")


@cache
def _span_middles(stages: int):
    return group_middles(_span_rows(), "stage", "days", stages)


@cache
def _span_medians_postgresql():
    return group_medians_postgresql(_span_rows(), "stage", "days")


def _params(owner_ids, workspace_id: int, bounds: Sequence[datetime], stages) -> dict:
    splits = {f"split_{index}": bound for index, bound in enumerate(bounds[1:-1], 1)}
    return scope_params(owner_ids, workspace=workspace_id, start=bounds[0], end=bounds[-1], **splits)


def _positions(stages) -> tuple[tuple[int, ...], int]:
    """The funnel positions in order, and the won stage's (statements are built per stage layout)."""
    won = next((pos for _, pos, outcome in stages if outcome == "won"), -1)
    return tuple(pos for _, pos, _ in stages), won


def _flows(rows, stages) -> dict[tuple[int, int], tuple[int, int, int]]:
    """(period, position) -> (entered, moved on, won) from the flow statement's one row per period."""
    return flows_of(rows, stages)


def flows_of(rows, stages) -> dict:
    """Rows of (period, counts...) as (period, position) -> (entered, moved on, won)."""
    flows = {}
    for part, *counts in rows:
        for index, (_, pos, _) in enumerate(stages):
            flows[(part, pos)] = tuple(counts[3 * index:3 * index + 3])
    return flows


@lru_cache(maxsize=4096)  # a batch builds thousands, mostly alike (small scopes' few deals); they are frozen
def _stage_flow(name: str, outcome: str, row, stays) -> StageFlow:
    entered, moved, won = row if row else (0, 0, 0)
    median, count = stays if stays else (None, 0)
    last = outcome == "won"
    return StageFlow(name, int(entered), None if last else int(moved or 0), None if last else int(won or 0),
                     None if median is None else float(median), int(count))


@cache
def _flow_statement(scoped: bool, parts: int, pooled: bool, layout: tuple[tuple[int, ...], int]):
    """One row per period (one in all when `pooled`): for each funnel position, the deals that entered it,
    of those how many entered a later stage afterwards in the same period, and how many were won after."""
    return flow_statement(scoped, parts, pooled, layout)


@cache
def _stays_statement(scoped: bool, parts: int):
    """Median days of the stays that ended in each period, per stage left (and how many stays); callers keep
    the open stages (a stay in won or lost belongs to a reopened deal)."""
    return stays_statement(scoped, parts)


def stays_statement(scoped: bool, parts: int, scopes=None):
    """The stays statement; with a `scope_map`, per (scope, period, stage) with the scope first."""
    stays = stay_rows(scoped, parts, scopes)
    return medians(stays, ("part", "stage") if scopes is None else ("scope", "part", "stage"), "days")


def stay_rows(scoped: bool, parts: int, scopes=None):
    """The stays that ended in the periods, as a subquery (part, stage left, days[, scope])."""
    before, changes = CHANGE.alias("before"), stage_history(scoped or scopes is not None)
    # Rows written without `from_entered_at` (bulk inserts) find it from the deal's previous row instead.
    previous_row = (select(func.max(before.c.changed_at))
                    .where(before.c.deal_id == changes.c.deal_id, before.c.changed_at <= changes.c.changed_at,
                           before.c.deleted_at.is_(None),
                           or_(before.c.changed_at < changes.c.changed_at, before.c.id < changes.c.id))
                    .scalar_subquery())
    entered_at = func.coalesce(changes.c.from_entered_at, previous_row)
    stays = select(period_index(parts, changes), changes.c.from_stage.label("stage"),
                   days_between(changes.c.changed_at, entered_at).label("days"))
    if scopes is not None:
        stays = stays.add_columns(scopes.c.scope).join_from(changes, scopes, scopes.c.owner == changes.c.owner_id)
    return (stays
            .where(changes.c.workspace_id == bindparam("workspace"), in_period(changes.c.changed_at),
                   owned_by(changes.c.owner_id, scoped), changes.c.from_stage.is_not(None), live(changes))
            .subquery("stays"))
