"""Every digest of a workspace at once: the statements of `kpi`, `funnel` and `risks`, grouped per owner or scope.

Sums and counts are read per owner and added up per scope (an owner's deals are counted once in a scope, so
the sum is the scope's own), the funnel's flow too except for deals handed between owners (batch_flows.py);
medians do not add up, so those statements join a `scope_map` and group by scope. Scopes of the whole
workspace (no owner set) are read one at a time. The same statements (storage/analytics/kpi.py, funnel.py,
risks.py), so a digest's numbers are `kpi`'s. A digest reads only what it shows (`full=False`,
`stays=False`: the won and open numbers, the funnel's flow), so no median is read per scope for it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache

from sqlmodel import Session

from handlers.analytics.results import METRICS, Funnel, FunnelReport, Kpi, KpiReport, ReportScope, RiskDeal, Window
from storage.analytics.activities import activity_counts
from storage.analytics.batch_flows import scope_flow_rows
from storage.analytics.funnel import assemble, flows_of, funnel_params, funnel_stages, positions, stays_statement
from storage.analytics.bottleneck import find_bottleneck
from storage.analytics.kpi import (SHOWN_IN_DIGESTS, closed_statement, cycle_statement, kpi_of, new_statement,
                                   open_statement)
from storage.analytics.reports import DigestReport, funnel_report, kpi_report, with_progress
from storage.analytics.risks import risks
from storage.analytics.sql import scope_map, scope_map_param, scope_params
from storage.analytics.targets import targets_for_period


def digest_reports(session: Session, workspace, scopes: Sequence[ReportScope], kpi_window: Window,
                   funnel_window: Window, previous_window: Window, history: Funnel, now: datetime,
                   today: date) -> list[DigestReport]:
    """`digest_report` of each scope, in order, from one set of grouped statements."""
    kpis = kpi_reports(session, workspace.id, workspace.currency, scopes, kpi_window, today, full=False)
    flows = funnel_reports(session, workspace.id, scopes, funnel_window, previous_window, history, stays=False)
    at_risk = risks_of(session, workspace.id, scopes, now, today, workspace.risk_idle_days,
                       history.typical_stay_days())
    return [DigestReport(*parts) for parts in zip(kpis, flows, at_risk)]


def _each(scopes: Sequence[ReportScope], grouped, one) -> list:
    """`grouped(scopes)` for the scopes of some owners, `one(scope)` for the whole workspace's; in order."""
    some = [scope for scope in scopes if scope.owner_ids is not None]
    results = iter(grouped(some) if some else ())
    return [next(results) if scope.owner_ids is not None else one(scope) for scope in scopes]


def _everyone(scopes: Sequence[ReportScope]) -> frozenset[int]:
    return frozenset().union(*(scope.owner_ids for scope in scopes))


def kpis(session: Session, workspace_id: int, currency: str, scopes: Sequence[ReportScope], start: datetime,
         end: datetime, full: bool = True) -> list[Kpi]:
    """`kpi` of each scope over [start, end) (`full` as there): the statements per owner, added up per
    scope; the median cycle per scope."""
    connection, owners = session.connection(), _everyone(scopes)
    params = scope_params(owners, workspace=workspace_id, start=start, end=end, currency=currency,
                          scope_map=scope_map_param([scope.owner_ids for scope in scopes]))
    statements = (closed_statement, open_statement, new_statement) if full else (closed_statement, open_statement)
    rows = [{row[-1]: row for row in connection.execute(statement(True, True), params)} for statement in statements]
    if not full:
        return [kpi_of(currency, *(_added(per_owner, scope.owner_ids) for per_owner in rows), (0, 0), None, ())
                for scope in scopes]
    cycles = {row[0]: row[1] for row in connection.execute(_cycles(connection.dialect.name), params)}
    by_kind = _indexed_by(activity_counts(session, workspace_id, owners, start, end, by=("person_id", "kind")),
                  lambda row: row.person_id)
    result = []
    for index, scope in enumerate(scopes):
        closed, still_open, new = (_added(per_owner, scope.owner_ids) for per_owner in rows)
        result.append(kpi_of(currency, closed, still_open, new, cycles.get(index),
                             _kinds(by_kind, scope.owner_ids)))
    return result


def _added(per_owner: dict, owners: frozenset[int]) -> list[int]:
    """The aggregates of the owners' rows added up (an owner without rows adds nothing)."""
    total = [0] * 4
    for owner in owners:
        row = per_owner.get(owner)
        if row is not None:
            for position, value in enumerate(row[:-1]):
                total[position] += int(value or 0)
    return total


def _kinds(counts: dict, owners: frozenset[int]) -> tuple[tuple[str, int], ...]:
    """Activities per kind of the owners, most first, ties by kind (as `activity_counts` orders them)."""
    per_kind: dict[str, int] = defaultdict(int)
    for row in _picked((counts, owners)):
        per_kind[row.kind] += row.count
    return tuple(sorted(per_kind.items(), key=lambda item: (-item[1], item[0])))


def _indexed_by(items, key) -> dict:
    """`items` by `key(item)`, each with its position, so `_picked` can hand a scope its share in the same order
    without a pass over every item per scope."""
    grouped = defaultdict(list)
    for position, item in enumerate(items):
        grouped[key(item)].append((position, item))
    return grouped


def _picked(*pairs) -> tuple:
    """The items under the keys of each (grouped, keys) pair, once each, in their original order."""
    chosen = {position: item for grouped, keys in pairs for key in keys for position, item in grouped.get(key, ())}
    return tuple(chosen[position] for position in sorted(chosen))


def kpi_reports(session: Session, workspace_id: int, currency: str, scopes: Sequence[ReportScope],
                window: Window, today: date, full: bool = True) -> list[KpiReport]:
    """`kpi_report` of each scope (`full` as there): its KPI and progress on the targets set for exactly the
    window."""
    return _each(scopes, lambda some: _kpi_reports(session, workspace_id, currency, some, window, today, full),
                 lambda scope: kpi_report(session, workspace_id, currency, scope, window, today, full))


def _kpi_reports(session: Session, workspace_id: int, currency: str, scopes: Sequence[ReportScope],
                 window: Window, today: date, full: bool) -> list[KpiReport]:
    numbers = kpis(session, workspace_id, currency, scopes, window.start, window.end, full)
    teams = {team for scope in scopes for team in scope.team_ids}
    every = targets_for_period(session, workspace_id, window.first_day, window.last_day, _everyone(scopes), teams)
    # Each scope's targets (those of its people or its teams), from the period's targets indexed once.
    of_person = _indexed_by(every, lambda target: target.person_id)
    of_team = _indexed_by(every, lambda target: target.team_id)
    metrics = METRICS if full else SHOWN_IN_DIGESTS
    return [with_progress(kpi, _picked((of_person, scope.owner_ids), (of_team, scope.team_ids)), scope, window, today,
                          metrics) for scope, kpi in zip(scopes, numbers)]


def funnel_reports(session: Session, workspace_id: int, scopes: Sequence[ReportScope], window: Window,
                   previous: Window, history: Funnel, stays: bool = True) -> list[FunnelReport]:
    """`funnel_report` of each scope over `previous` and `window`: flow and stays per scope when the two
    periods are back to back (as every digest's are); without `stays`, flow only (as `funnel_report`)."""
    def one(scope):
        return funnel_report(session, workspace_id, scope, window, previous, history, stays)
    if previous.end != window.start:
        return [one(scope) for scope in scopes]
    return _each(scopes, lambda some: _funnel_reports(session, workspace_id, some, window, previous, history, stays),
                 one)


def _funnel_reports(session: Session, workspace_id: int, scopes: Sequence[ReportScope], window: Window,
                    previous: Window, history: Funnel, stays: bool) -> list[FunnelReport]:
    bounds = (previous.start, window.start, window.end)
    stages = funnel_stages(session, workspace_id)
    owner_sets = [scope.owner_ids for scope in scopes]
    params = {**funnel_params(_everyone(scopes), workspace_id, bounds, stages),
              "scope_map": scope_map_param(owner_sets)}
    connection = session.connection()
    dialect, layout = connection.dialect.name, positions(stages)
    flow_rows, stay_rows = scope_flow_rows(connection, layout, params, owner_sets), defaultdict(dict)
    # The stays are the one median per scope left here (a window sort of every stay): read only when shown.
    for scope, part, stage, median, count in (connection.execute(_stays(dialect), {**params, "start": bounds[1]})
                                              if stays else ()):
        stay_rows[scope][(part, stage)] = (median, count)
    reports = []
    for index in range(len(scopes)):
        before, current = assemble(stages, bounds, flows_of(flow_rows[index], stages),
                                           stay_rows[index])
        reports.append(FunnelReport(current, before, history, find_bottleneck(current, before, history)))
    return reports


@cache
def _cycles(dialect: str):
    return cycle_statement(False, scope_map(dialect))


@cache
def _stays(dialect: str):
    return stays_statement(False, 2, scope_map(dialect))


def risks_of(session: Session, workspace_id: int, scopes: Sequence[ReportScope], now: datetime, today: date,
             idle_days: int, stage_medians: dict) -> list[tuple[RiskDeal, ...]]:
    """`risks` of each scope: the deals at risk of all their owners once, each scope keeping its owners'."""
    def grouped(some):
        every = _indexed_by(risks(session, workspace_id, _everyone(some), now, today, idle_days, stage_medians),
                    lambda deal: deal.owner_id)
        return [_picked((every, scope.owner_ids)) for scope in some]
    return _each(scopes, grouped, lambda scope: risks(session, workspace_id, None, now, today, idle_days,
                                                       stage_medians))
