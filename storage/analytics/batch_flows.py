"""Every scope's funnel flow at once: each deal's flow counted per owner and added up per scope, the few deals
handed between owners within a period counted per scope.

A deal's flow in a period depends only on its own moves there, and a deal that moved under one owner in a
period has the same moves in every scope holding that owner, so its counts add up over a scope's owners like
the KPI sums (a deal handed over between two periods counts under each period's owner). One statement reads
every owner's counts and says whether any deal moved under two of the owners within a period; only then are
the deals handed between the owners found, taken out of the owners' counts and counted per scope from the
moves its owners there made, as `funnel` counts them. So each row of stage history is read once, not once per
scope.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from sqlalchemy import bindparam, func, select

from storage.analytics.flow_sql import flow_statement
from storage.analytics.sql import CHANGE, in_period, live, scope_map

_HANDED = bindparam("handed", expanding=True)  # the deals `_handed` found, bound per run
MAX_HANDED = 5_000  # more are bound as no list (SQLite takes at most 32,766 parameters)


def scope_flow_rows(connection, layout, params: dict, owner_sets: Sequence[frozenset[int]]) -> list[list]:
    """The flow statement's rows (period, counts...) of each owner set, in order; `params` as for the flow
    statement of all the owners with the sets' :scope_map."""
    every = connection.execute(_by_owner(layout), params).all()
    per_owner, per_scope = _owners_rows(every), defaultdict(list)
    if any(row[-1] for row in every):  # some deal moved under two of the owners within a period
        handed = [deal for deal, in connection.execute(_handed(), params)]
        if len(handed) > MAX_HANDED:  # a mass hand-over: every deal per scope, as one statement
            return _per_scope(connection.execute(_per_scope_only(connection.dialect.name, layout), params),
                              owner_sets)
        params = {**params, "handed": handed}
        # The handed deals' counts, as the owners' counts hold them, come out again: counted per scope instead.
        for owner, rows in _owners_rows(connection.execute(_by_owner_of_handed(layout), params)).items():
            per_owner[owner] += [[part, *(-int(value or 0) for value in counts)] for part, *counts in rows]
        for scope, *row in connection.execute(_handed_over(connection.dialect.name, layout), params):
            per_scope[scope].append(row)
    return [_added(per_scope[index] + [row for owner in owners for row in per_owner.get(owner, ())])
            for index, owners in enumerate(owner_sets)]


def _owners_rows(rows) -> dict:
    """The per-owner statement's rows as owner -> [(period, counts...)], without the handed-over column."""
    per_owner = defaultdict(list)
    for owner, *row, _ in rows:
        per_owner[owner].append(row)
    return per_owner


def _per_scope(rows, owner_sets) -> list[list]:
    per_scope = defaultdict(list)
    for scope, *row in rows:
        per_scope[scope].append(row)
    return [per_scope[index] for index in range(len(owner_sets))]


def _added(rows: list) -> list:
    """Rows of the same period added up, count by count."""
    totals: dict = {}
    for part, *counts in rows:
        total = totals.setdefault(part, [0] * len(counts))
        for position, value in enumerate(counts):
            total[position] += int(value or 0)
    return [[part, *counts] for part, counts in sorted(totals.items())]


@cache
def _handed():
    """Deals that moved under more than one of the owners in the periods."""
    handed = CHANGE.alias("handed")
    return (select(handed.c.deal_id)
            .where(handed.c.workspace_id == bindparam("workspace"), in_period(handed.c.changed_at),
                   handed.c.owner_id.in_(bindparam("owners", expanding=True)), live(handed))
            .group_by(handed.c.deal_id).having(func.min(handed.c.owner_id) != func.max(handed.c.owner_id)))


@cache
def _by_owner(layout):
    return flow_statement(True, 2, False, layout, per_owner=True)


@cache
def _by_owner_of_handed(layout):
    return flow_statement(True, 2, False, layout, deals=lambda deal: deal.in_(_HANDED), per_owner=True)


@cache
def _handed_over(dialect: str, layout):
    return flow_statement(False, 2, False, layout, scope_map(dialect), deals=lambda deal: deal.in_(_HANDED))


@cache
def _per_scope_only(dialect: str, layout):
    return flow_statement(False, 2, False, layout, scope_map(dialect))
