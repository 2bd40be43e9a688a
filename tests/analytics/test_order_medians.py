"""The workspace history's median stays read as order statistics (count, then the middle rows) equal the
ranked medians of every stay, on random histories with ties, bulk rows without `from_entered_at` and
deleted deals — on SQLite and on PostgreSQL."""
from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from storage.analytics.funnel import _span_stays, _stays_statement
from storage.analytics.sql import CHANGE, DEAL, scope_params
from tests.analytics.test_properties import MINUTES, PROPERTY_SETTINGS, STAGES, START, seed

_workspaces = itertools.count()


def _ranked(ws, start, end) -> dict:
    """Every stay ranked by the window statement (`sql.medians`), as the history read them before."""
    params = scope_params(None, workspace=ws.workspace.id, start=start, end=end)
    return {stage: (float(median), count) for _, stage, median, count in
            ws.session.connection().execute(_stays_statement(False, 1), params)}


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(st.integers(0, 2), st.just(1000), st.just("USD"), st.integers(0, 5 * MINUTES),
                          st.sampled_from(STAGES), st.lists(st.tuples(st.sampled_from(STAGES),
                                                                      st.integers(0, 2 * MINUTES)),
                                                            min_size=2, max_size=6)), min_size=4, max_size=10),
       st.integers(0, 3), st.integers(1, 12), st.sets(st.integers(0, 9), max_size=3),
       st.sets(st.integers(0, 9), max_size=2))
def test_order_statistic_medians_equal_the_ranked_medians(store, generated_deals, first, length, bulk, deleted):
    start = START + timedelta(days=first)
    end = start + timedelta(days=length, hours=7)
    with store.workspace("console", f"medians-{next(_workspaces)}") as ws:
        seed(ws, generated_deals, [])
        ids = _deal_ids(ws)
        connection = ws.session.connection()
        # Rows as a bulk import writes them (the stay found from the deal's previous row), and deals in the bin.
        picked = [ids[i] for i in bulk if i < len(ids)]
        connection.execute(update(CHANGE).where(CHANGE.c.deal_id.in_(picked)).values(from_entered_at=None))
        binned = [ids[i] for i in deleted if i < len(ids)]
        for table in (CHANGE, DEAL):
            key = table.c.deal_id if table is CHANGE else table.c.id
            connection.execute(update(table).where(key.in_(binned)).values(deleted_at=end))
        ranked = _ranked(ws, start, end)
        ordered = {stage: (float(median), count) for stage, (median, count) in
                   _span_stays(ws.session, ws.workspace.id, start, end).items()}
    assert ordered == ranked


def _deal_ids(ws) -> list[int]:
    return [row.id for row in ws.session.connection().execute(
        DEAL.select().where(DEAL.c.workspace_id == ws.workspace.id).order_by(DEAL.c.id))]
