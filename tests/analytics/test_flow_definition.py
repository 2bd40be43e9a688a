"""The funnel's flow equals its definition worked out row by row, and every scope's flow read at once (per
owner, added up) equals each scope's own, on random histories whose deals change hands within and between
periods, with moves at the same instant — on SQLite and on PostgreSQL."""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from handlers.scope import Scope
from storage.analytics import funnel_report, history
from storage.analytics.batch import funnel_reports
from storage.analytics.funnel import funnels
from storage.analytics.sql import CHANGE, STAGE
from tests.analytics.test_properties import MINUTES, OUTCOME, PROPERTY_SETTINGS, STAGES, START

_workspaces = itertools.count()

gaps = st.one_of(st.just(0), st.integers(0, 4 * MINUTES))  # 0: two moves at the same instant
moves = st.lists(st.tuples(st.sampled_from(STAGES), gaps, st.integers(0, 2)), max_size=6)  # (stage, gap, owner)
deals = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 20 * MINUTES), st.sampled_from(STAGES), moves),
                 min_size=1, max_size=8)
owner_sets = st.lists(st.frozensets(st.integers(0, 2)), min_size=1, max_size=5)
MORE_EXAMPLES = settings(PROPERTY_SETTINGS, max_examples=60)  # the definition has corners: deals entering mid-period


@dataclass(frozen=True)
class _Period:
    start: datetime
    end: datetime

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(microseconds=1)).date()


def _seed(ws, generated) -> list[int]:
    """The deals and their moves, each move made by the deal's owner at the time (hand-overs between moves)."""
    people = [ws.people.ensure(f"p{i}", f"Person {i}").id for i in range(3)]
    for number, (owner, offset, first, path) in enumerate(generated):
        when = START + timedelta(minutes=offset)
        deal = ws.deals.add(name=f"deal {number}", owner_id=people[owner], amount_minor=1000, currency="USD",
                            stage=first, status=OUTCOME.get(first, "open"), now=when, actor_id=None)
        for stage, gap, next_owner in path:
            when += timedelta(minutes=gap)
            deal.owner_id = people[next_owner]
            if stage != deal.stage:
                ws.deals.move(deal, stage, OUTCOME.get(stage, "open"), None, when)
    ws.session.flush()
    return people


def _by_definition(ws, owners, bounds) -> list[list[tuple]]:
    """Per period, each funnel stage's (entered, moved on, won) from the history rows, one deal at a time: a
    deal entered p when a move's range of positions (lower, upper] held p, moved on when it entered a stage
    after p at or after its first entry into p, was won when it entered the won stage then."""
    stages = {name: (position, outcome) for name, position, outcome in ws.session.connection().execute(
        select(STAGE.c.name, STAGE.c.position, STAGE.c.outcome).where(STAGE.c.workspace_id == ws.workspace.id))}
    funnel = sorted((position, name, outcome) for name, (position, outcome) in stages.items() if outcome != "lost")
    won = next(position for position, _, outcome in funnel if outcome == "won")
    groups = defaultdict(list)
    for row in ws.session.connection().execute(select(CHANGE).where(CHANGE.c.workspace_id == ws.workspace.id)):
        to = stages.get(row.to_stage)
        if (row.deleted_at is not None or to is None or to[1] == "lost" or not bounds[0] <= row.changed_at < bounds[-1]
                or (owners is not None and row.owner_id not in owners)):
            continue
        came = stages.get(row.from_stage)
        lower = -1 if came is None or came[1] != "open" else came[0] if came[0] < to[0] else to[0] - 1
        part = max(index for index, bound in enumerate(bounds[:-1]) if row.changed_at >= bound)
        groups[(part, row.deal_id)].append((row.changed_at, lower, to[0]))
    result = []
    for part in range(len(bounds) - 1):
        rows = [group for (of, _), group in groups.items() if of == part]
        result.append([_stage_counts(rows, position, won) for position, _, _ in funnel])
    return result


def _stage_counts(groups, position: int, won: int) -> tuple:
    entered = moved = wins = 0
    for moves_of_deal in groups:
        firsts = [at for at, lower, upper in moves_of_deal if lower < position <= upper]
        if not firsts:
            continue
        entered += 1
        moved += any(upper > position and at >= min(firsts) for at, _, upper in moves_of_deal)
        wins += any(upper == won and at >= min(firsts) for at, _, upper in moves_of_deal)
    return (entered, None, None) if position == won else (entered, moved, wins)


@MORE_EXAMPLES
@given(deals, st.integers(0, 20), st.integers(1, 15), st.sampled_from((None, 0, 1, 2)))
def test_the_flow_is_its_definition(store, generated, first, length, owner):
    start = START + timedelta(days=first, hours=5)
    bounds = (start, start + timedelta(days=length), start + timedelta(days=2 * length))
    with store.workspace("console", f"flow-{next(_workspaces)}") as ws:
        people = _seed(ws, generated)
        owners = None if owner is None else frozenset({people[owner]})
        read = funnels(ws.session, ws.workspace.id, owners, bounds, stays_from=2)
        expected = _by_definition(ws, owners, bounds)
    assert [[(flow.entered, flow.moved_on, flow.won) for flow in period.stages] for period in read] == expected


@MORE_EXAMPLES
@given(deals, owner_sets, st.integers(0, 20), st.integers(1, 15))
def test_every_scopes_flow_read_at_once_is_its_own(store, generated, sets, first, length):
    start = START + timedelta(days=first, hours=5)
    previous = _Period(start, start + timedelta(days=length))
    window = _Period(previous.end, previous.end + timedelta(days=length))
    with store.workspace("console", f"scopes-{next(_workspaces)}") as ws:
        people = _seed(ws, generated)
        scopes = [Scope(f"s{index}", frozenset(people[i] for i in chosen)) for index, chosen in enumerate(sets)]
        scopes.append(Scope("all", None))
        shared = history(ws.session, ws.workspace.id, window.end, length)
        batched = funnel_reports(ws.session, ws.workspace.id, scopes, window, previous, shared, stays=False)
        alone = [funnel_report(ws.session, ws.workspace.id, scope, window, previous, shared, stays=False)
                 for scope in scopes]
    assert batched == alone
