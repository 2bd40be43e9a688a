"""The funnel's flow statement: history rows as ranges of positions entered, per deal and period, counted.

Every row of history in the periods costs one aggregate step per time the counts read (a deal's first entry
into a stage, its last entry past it, its last win), so only those are aggregated: the won stage, when last,
is entered exactly when won, and the stage before it is moved on from exactly then (`_entry`, `_later`).
"""
from __future__ import annotations

from sqlalchemy import and_, bindparam, case, func, literal, select

from storage.analytics.indexed import indexed_by
from storage.analytics.sql import CHANGE, STAGE, in_period, live, owned_by


def period_index(parts: int, changes=CHANGE):
    """Which of `parts` back-to-back periods a history row falls in (0 = the first), by the :split_N bounds."""
    if parts == 1:
        return literal(0).label("part")
    whens = [(changes.c.changed_at >= bindparam(f"split_{index}"), index) for index in range(parts - 1, 0, -1)]
    return case(*whens, else_=0).label("part")


def _moves(scoped: bool, parts: int, scopes=None, deals=None, owner: bool = False):
    """History rows in the period as a range of funnel positions entered: (lower, upper].

    A forward move enters every stage after the one it left, up to the one it reached (skipped stages
    included); a first row, or a move out of won/lost (a reopened deal), enters everything up to its
    stage; a move backwards enters only the stage it went to; a move to lost enters nothing.
    """
    to_stage, from_stage = STAGE.alias("to_stage"), STAGE.alias("from_stage")
    changes = stage_history(scoped or scopes is not None)
    from_open = from_stage.c.outcome == "open"
    lower = case((and_(from_open, from_stage.c.position < to_stage.c.position), from_stage.c.position),
                 (from_open, to_stage.c.position - 1), else_=-1)
    moves = select(period_index(parts, changes), changes.c.deal_id, changes.c.changed_at,
                   to_stage.c.position.label("upper"), lower.label("lower"))
    if scopes is not None:  # every scope's rows at once, each tagged with its scope
        moves = moves.add_columns(scopes.c.scope).join_from(changes, scopes, scopes.c.owner == changes.c.owner_id)
    if owner:
        moves = moves.add_columns(changes.c.owner_id.label("owner"))
    if deals is not None:  # only (or all but) some deals: `deals(deal_id)` says which
        moves = moves.where(deals(changes.c.deal_id))
    return (moves
            .join(to_stage, and_(to_stage.c.workspace_id == changes.c.workspace_id,
                                 to_stage.c.name == changes.c.to_stage, to_stage.c.outcome != "lost"))
            .outerjoin(from_stage, and_(from_stage.c.workspace_id == changes.c.workspace_id,
                                        from_stage.c.name == changes.c.from_stage))
            .where(changes.c.workspace_id == bindparam("workspace"), in_period(changes.c.changed_at),
                   owned_by(changes.c.owner_id, scoped), live(changes))
            .cte("moves"))


def stage_history(of_owners: bool):
    """Stage history as a statement reads it: of some owners through the (workspace, owner, time) index as
    the planner picks it; of the whole workspace through the partial (workspace, time) one (`indexed_by`)."""
    return CHANGE if of_owners else indexed_by(CHANGE, "ix_stage_change_ws_moves")


def _per_deal(scoped: bool, parts: int, positions: tuple[int, ...], won: int, scopes=None, deals=None,
              per_owner: bool = False):
    """One row per (period, deal) with, for each funnel position p: when the deal first entered p in the
    period (`first_p`, NULL if it did not), the last time it entered a stage after p (`later_p`); the last
    time it was won (`won_at`); `per_owner`: also the least and the greatest of its owners then (`owner`,
    `other`: the same unless the deal was handed between owners within the period).

    Only the times the counts read are aggregated (each is one aggregate per history row): `_entry` and
    `_later` say which position reads `won_at` instead of a time of its own. Each under a FILTER, not a CASE:
    a row a time does not count skips that aggregate's step."""
    moves = _moves(scoped, parts, scopes, deals, per_owner)
    keys = [moves.c.part] if scopes is None else [moves.c.scope, moves.c.part]
    columns = []
    for pos in positions:
        if _entry(pos, positions, won) != "won_at":
            # Every row enters at least the first position (it reaches one of the funnel's): `lower` decides.
            enters = moves.c.lower < pos if pos == positions[0] else and_(moves.c.lower < pos, moves.c.upper >= pos)
            columns.append(func.min(moves.c.changed_at).filter(enters).label(f"first_{pos}"))
        if pos != won and _later(pos, positions, won) == f"later_{pos}":
            columns.append(func.max(moves.c.changed_at).filter(moves.c.upper > pos).label(f"later_{pos}"))
    columns.append(func.max(moves.c.changed_at).filter(moves.c.upper == won).label("won_at"))
    if per_owner:
        columns += [func.min(moves.c.owner).label("owner"), func.max(moves.c.owner).label("other")]
    return select(*keys, *columns).group_by(*keys, moves.c.deal_id).subquery("per_deal")


def _entry(pos: int, positions: tuple[int, ...], won: int) -> str:
    """The per-deal time whose presence says the deal entered `pos`: `won_at` for the won stage when it is the
    last position (every move there enters it), else `first_pos`."""
    return "won_at" if pos == won == max(positions) and won >= 0 else f"first_{pos}"


def _later(pos: int, positions: tuple[int, ...], won: int) -> str | None:
    """The per-deal time of the last entry past `pos`: None when no position lies past it, `won_at` when only
    the won stage does, else `later_pos`."""
    past = [other for other in positions if other > pos]
    return None if not past else "won_at" if past == [won] else f"later_{pos}"


def flow_statement(scoped: bool, parts: int, pooled: bool, layout: tuple[tuple[int, ...], int], scopes=None,
                   deals=None, per_owner: bool = False):
    """The flow statement; with a `scope_map`, per (scope, period) with the scope first; `per_owner`: per
    (owner, period), the owner first, each deal counted under the least of its owners in the period, and last
    how many of those deals moved under another owner too (`batch_flows` adds the owners' counts up)."""
    positions, won = layout
    per_deal = _per_deal(scoped, parts, positions, won, scopes, deals, per_owner)
    counts = []
    for pos in positions:
        first, later = per_deal.c[_entry(pos, positions, won)], _later(pos, positions, won)
        counts.append(func.count(first))
        if pos == won:  # the won stage has no moving on: only its entries are shown
            counts += [literal(0), literal(0)]
            continue
        moved = literal(0) if later is None else func.count().filter(per_deal.c[later] >= first)
        counts += [moved, func.count().filter(per_deal.c.won_at >= first)]
    if pooled:
        return select(literal(0), *counts)
    if per_owner:
        counts.append(func.count().filter(per_deal.c.other != per_deal.c.owner))
    leading = per_deal.c.owner if per_owner else None if scopes is None else per_deal.c.scope
    keys = [per_deal.c.part] if leading is None else [leading, per_deal.c.part]
    return select(*keys, *counts).group_by(*keys)
