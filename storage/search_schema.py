"""The full-text search table on each database (SQLite FTS5, PostgreSQL tsvector + GIN), and its backfill."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# One row per searchable thing; `doc_id` (the FTS5 rowid) encodes kind and id, so a row is replaced by key.
# Text is stored folded (storage/search.py: lower case, no accents) so both databases match alike.
SEARCH_DDL = {
    "sqlite": ["""
        CREATE VIRTUAL TABLE search_doc USING fts5(
            name, body, workspace_id UNINDEXED, kind UNINDEXED, ref_id UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2')"""],
    "postgresql": ["""
        CREATE TABLE search_doc (
            doc_id BIGINT PRIMARY KEY,
            workspace_id INTEGER NOT NULL REFERENCES workspace (id),
            kind VARCHAR(16) NOT NULL,
            ref_id INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            document TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', name), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED
        )""", "CREATE INDEX ix_search_doc_document ON search_doc USING GIN (document)",
        "CREATE INDEX ix_search_doc_workspace ON search_doc (workspace_id)"],
}
SEARCH_DROP = {
    "sqlite": ["DROP TABLE IF EXISTS search_doc"],
    "postgresql": ["DROP TABLE IF EXISTS search_doc"],
}


def backfill_search(connection: Connection) -> None:
    """Index what the database already holds, workspace by workspace."""
    from storage.search import SearchIndex  # the one place that knows what a document holds

    for (workspace_id,) in connection.execute(text("SELECT id FROM workspace")).all():
        SearchIndex(connection, workspace_id).rebuild()
