"""A scope's owner filter is a comparison the database can serve from an index, on every backend."""
from __future__ import annotations

from sqlalchemy import and_, bindparam, event, select

from storage.analytics.sql import DEAL, owned_by

SCOPED = select(DEAL.c.id).where(and_(DEAL.c.workspace_id == bindparam("workspace"), owned_by(DEAL.c.owner_id, True)))


def _sqlite_plan(engine, statement, params) -> str:
    """SQLite's plan for `statement` as it is really sent (SQL and parameters after expansion)."""
    sent = []
    with engine.connect() as connection:
        def capture(conn, cursor, sql, parameters, context, executemany):
            sent.append((sql, parameters))
        event.listen(connection, "before_cursor_execute", capture)
        connection.execute(statement, params).all()
        sql, parameters = sent[-1]
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters).all()
    return " ".join(str(row[-1]) for row in rows)


def test_a_scoped_statement_compares_owners_rather_than_testing_a_boolean(engine):
    # `owner_id IN (...) = 1` (how SQLite is given a boolean value) is a filter no index serves: at
    # 1,000,000 activities `pipeline team` read every open deal of the workspace.
    assert "= 1" not in str(SCOPED.compile(dialect=engine.dialect))
    if engine.dialect.name == "sqlite":  # PostgreSQL's planner may scan a table this small, which is right
        assert "owner" in _sqlite_plan(engine, SCOPED, {"workspace": 1, "owners": [1, 2, 3]}).lower()
