"""A new deal and its side rows (history, forecast version, search document, audit): one or two statements."""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import Boolean, Integer, Text, bindparam, text
from sqlalchemy.engine import Connection

from storage.models import Deal
from storage.prepared import Prepared
from storage.search import KINDS

DEAL = Deal.__table__
DEAL_COLUMNS = [column.key for column in DEAL.columns if column.key != "id"]
# Everything the side rows take beyond the deal's own columns.
SIDE = {"actor_id": Integer(), "doc_name": Text(), "doc_body": Text(), "audit_detail": Text(),
        "audited": Boolean()}
DEAL_KIND = KINDS["deal"]  # search_doc ids are ref_id * 8 + kind (storage/search.py doc_id)


@dataclass(frozen=True)
class Extras:
    """What the side rows need that the deal row does not hold."""

    actor_id: int | None
    doc_name: str
    doc_body: str
    audit_detail: str | None  # the audit entry's JSON detail; None: no audit entry


def _typed(statement: str, **more):
    """`statement` with every deal column and side value it names bound with its type (UTC times, dates)."""
    types = {**{name: DEAL.c[name].type for name in DEAL_COLUMNS}, **SIDE, **more}
    named = set(re.findall(r"(?<![:\w]):(\w+)", statement))
    return text(statement).bindparams(*(bindparam(name, type_=types[name]) for name in named))


_VALUES = ", ".join(f":{name}" for name in DEAL_COLUMNS)
_CHANGE = ("INSERT INTO stage_change (workspace_id, deal_id, from_stage, to_stage, changed_at, actor_id, owner_id, "
           "from_entered_at) {select} {ws}, {id}, NULL, {p}stage, {p}created_at, {p}actor_id, {p}owner_id, NULL")
# Versions are valid from the deal's updated_at (storage/deal_versions.py).
_VERSION = ("INSERT INTO deal_version (workspace_id, deal_id, valid_from, owner_id, amount_minor, currency, "
            "expected_close, stage, status, closed_at, forecast_category, deleted) {select} {ws}, {id}, "
            "{p}updated_at, {p}owner_id, {p}amount_minor, {p}currency, {p}expected_close, {p}stage, {p}status, "
            "{p}closed_at, {p}forecast_category, FALSE")
_AUDIT = ("INSERT INTO audit_entry (workspace_id, actor_id, action, entity, entity_id, detail, at) "
          "{select} {ws}, {p}actor_id, 'deal.add', 'deal', {id}, {p}audit_detail, {p}created_at")

# PostgreSQL: data-modifying CTEs, all on the deal's new id; a document left by a reused id is replaced.
POSTGRES = Prepared(_typed(
    f"WITH d AS (INSERT INTO deal ({', '.join(DEAL_COLUMNS)}) VALUES ({_VALUES}) RETURNING id), "
    f"c AS ({_CHANGE.format(select='SELECT', ws=':workspace_id', id='d.id', p=':')} FROM d), "
    f"v AS ({_VERSION.format(select='SELECT', ws=':workspace_id', id='d.id', p=':')} FROM d), "
    f"s AS (INSERT INTO search_doc (doc_id, workspace_id, kind, ref_id, name, body) SELECT d.id * 8 + {DEAL_KIND}, "
    ":workspace_id, 'deal', d.id, :doc_name, :doc_body FROM d "
    "ON CONFLICT (doc_id) DO UPDATE SET name = excluded.name, body = excluded.body), "
    f"a AS ({_AUDIT.format(select='SELECT', ws=':workspace_id', id='d.id', p=':')} FROM d WHERE :audited) "
    "SELECT id FROM d"))

# SQLite has no DML in CTEs: the deal goes in with RETURNING, its side rows through one INSERT into a
# per-connection TEMP view whose INSTEAD OF trigger writes them (prepare_sqlite).
SQLITE_DEAL = Prepared(_typed(f"INSERT INTO deal ({', '.join(DEAL_COLUMNS)}) VALUES ({_VALUES}) RETURNING id"))
_TRIGGER_BODY = "; ".join((
    _CHANGE.format(select="SELECT", ws="NEW.workspace_id", id="NEW.id", p="NEW."),
    _VERSION.format(select="SELECT", ws="NEW.workspace_id", id="NEW.id", p="NEW."),
    # FTS5 replaces a row by deleting it first (a reused id may have left one).
    f"DELETE FROM search_doc WHERE rowid = NEW.id * 8 + {DEAL_KIND}",
    "INSERT INTO search_doc (rowid, workspace_id, kind, ref_id, name, body) "
    f"SELECT NEW.id * 8 + {DEAL_KIND}, NEW.workspace_id, 'deal', NEW.id, NEW.doc_name, NEW.doc_body",
    _AUDIT.format(select="SELECT", ws="NEW.workspace_id", id="NEW.id", p="NEW.") + " WHERE NEW.audited",
))
# The view holds only what the trigger reads (fewer values to bind per deal); `id` is the new deal's.
_SIDE_COLUMNS = sorted(set(re.findall(r"NEW\.(\w+)", _TRIGGER_BODY)))
SQLITE_SIDE = Prepared(_typed(f"INSERT INTO new_deal_rows ({', '.join(_SIDE_COLUMNS)}) "
                              f"VALUES ({', '.join(':' + name for name in _SIDE_COLUMNS)})", id=Integer()))
SQLITE_SETUP = (
    f"CREATE TEMP VIEW IF NOT EXISTS new_deal_rows AS SELECT {', '.join(f'NULL AS {c}' for c in _SIDE_COLUMNS)}",
    f"CREATE TEMP TRIGGER IF NOT EXISTS new_deal_rows_write INSTEAD OF INSERT ON new_deal_rows "
    f"BEGIN {_TRIGGER_BODY}; END",
)


def prepare_sqlite(dbapi_connection) -> None:
    """Create the TEMP view and trigger on a new SQLite connection (outside any transaction)."""
    cursor = dbapi_connection.cursor()
    for statement in SQLITE_SETUP:
        cursor.execute(statement)
    cursor.close()


@contextmanager
def set_aside(connection: Connection) -> Iterator[None]:
    """Around a migration: SQLite refuses to rename a table (batch migrations do) while a trigger names
    one that is missing for a moment, so the TEMP trigger is dropped and put back in the same transaction."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS temp.new_deal_rows_write")
    yield
    for statement in SQLITE_SETUP if sqlite else ():
        connection.exec_driver_sql(statement)


def insert_deal(connection: Connection, values: dict, extras: Extras) -> int:
    """Insert the deal of `values` (every column but the id) with its side rows; its new id."""
    params = {**values, "actor_id": extras.actor_id, "doc_name": extras.doc_name, "doc_body": extras.doc_body,
              "audit_detail": extras.audit_detail, "audited": extras.audit_detail is not None}
    if connection.dialect.name != "sqlite":
        return POSTGRES.run(connection, params).scalar_one()
    deal_id = SQLITE_DEAL.run(connection, params).scalar_one()
    params["id"] = deal_id
    SQLITE_SIDE.run(connection, params)
    return deal_id
