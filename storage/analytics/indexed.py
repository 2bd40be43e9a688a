"""`indexed_by(table, index)`: a table read through one named index on SQLite (`INDEXED BY`), as it is elsewhere.

SQLite's planner does not count a partial index as covering when the query names the column of the index's
own WHERE (`deleted_at IS NULL`), so it picks the plain (workspace, changed_at) index and reads every row of
the table besides; read through the partial one, the same statement touches the index alone (half the time
on the workspace history at 1,000,000 activities). PostgreSQL's planner sees it: nothing is added there.
"""
from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.visitors import InternalTraversal


class IndexedAlias(Alias):
    """The table under its own name, with the index SQLite is to read it through."""

    inherit_cache = True
    _traverse_internals = Alias._traverse_internals + [("index", InternalTraversal.dp_string)]
    index: str


def indexed_by(table: Table, index: str) -> IndexedAlias:
    alias = IndexedAlias._construct(table, name=table.name)
    alias.index = index
    return alias


@compiles(IndexedAlias)
def _plain(element, compiler, **kw) -> str:
    return compiler.visit_alias(element, **kw)


@compiles(IndexedAlias, "sqlite")
def _sqlite(element, compiler, **kw) -> str:
    text = compiler.visit_alias(element, **kw)
    return f"{text} INDEXED BY {element.index}" if kw.get("asfrom") and not kw.get("ashint") else text
