"""Full-text search over deals, accounts, contacts and activity notes, kept in step with every ORM write."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import bindparam, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from storage.models import Account, Activity, Contact, Deal

KINDS = {"deal": 1, "account": 2, "contact": 3, "activity": 4}
KIND_OF_MODEL = {Deal: "deal", Account: "account", Contact: "contact", Activity: "activity"}
_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8


# Chinese and Japanese write no spaces between words: each such character is stored as a word of its own,
# and a typed run of them is searched as a phrase (`北京` finds `北京华能电力`, not `京北`). This works the
# same on both databases (FTS5 unicode61, PostgreSQL `simple`); a trigram index cannot find two-character
# words, and most Chinese words have two characters.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f])")


def _words(value: str | None) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", value or "")
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)).casefold())


def _spaced(word: str) -> str:
    return " ".join(_CJK.sub(r" \1 ", word).split())


def fold(value: str | None) -> str:
    """Lower case without accents (`Café Nörd` -> `cafe nord`), CJK one character per word: what is stored."""
    return " ".join(_spaced(word) for word in _words(value))


def terms(query: str) -> list[str]:
    """The words of a search, folded; each matches as a word prefix (a CJK run as a phrase: `北 京`)."""
    return [_spaced(word) for word in _words(query)][:MAX_TERMS]


def document(name: str | None, parts) -> tuple[str, str]:
    """A document's folded name and body (the rest of what it shows, e.g. a deal's account and partner)."""
    return fold(name), fold(" ".join(str(part) for part in parts if part))


def doc_id(kind: str, ref_id: int) -> int:
    return ref_id * 8 + KINDS[kind]


@dataclass(frozen=True)
class Hit:
    """One match: what it is (deal, account, contact, activity) and its row id, best first."""

    kind: str
    ref_id: int


# What each kind's document holds: (id, name, body parts...) per row; deleted rows have no document.
_SOURCES = {
    "deal": """SELECT d.id, d.name, a.name, p.name, c.name FROM deal d
               LEFT JOIN account a ON a.id = d.account_id LEFT JOIN partner p ON p.id = d.partner_id
               LEFT JOIN contact c ON c.id = d.contact_id
               WHERE d.workspace_id = :ws AND d.deleted_at IS NULL""",
    "account": "SELECT a.id, a.name, a.industry FROM account a WHERE a.workspace_id = :ws",
    "contact": """SELECT c.id, c.name, c.title, c.email, a.name FROM contact c JOIN account a ON a.id = c.account_id
                  WHERE c.workspace_id = :ws""",
    "activity": """SELECT t.id, '', t.kind, t.notes FROM activity t
                   WHERE t.workspace_id = :ws AND t.deleted_at IS NULL""",
}
_ALIAS = {"deal": "d", "account": "a", "contact": "c", "activity": "t"}


class SearchIndex:
    """The search documents of one workspace, on one connection (the unit of work's)."""

    def __init__(self, connection: Connection, workspace_id: int) -> None:
        self.connection, self.workspace_id = connection, workspace_id
        self.sqlite = connection.dialect.name == "sqlite"

    def refresh(self, kind: str, ids: Iterable[int]) -> None:
        """Rewrite the documents of these rows (dropping those of rows that are gone or deleted)."""
        ids = sorted(set(ids))
        if not ids:
            return
        statement = text(f"{_SOURCES[kind]} AND {_ALIAS[kind]}.id IN :ids").bindparams(
            bindparam("ids", expanding=True))
        rows = self.connection.execute(statement, {"ws": self.workspace_id, "ids": ids}).all()
        present = {row[0] for row in rows}
        # PostgreSQL replaces a document in place (two writers of one document never collide on its key);
        # SQLite has one writer at a time, and FTS5 rows are replaced by deleting them first.
        self.remove(kind, [ref for ref in ids if ref not in present] if not self.sqlite else ids)
        self._insert(kind, rows)

    def remove(self, kind: str, ids: Iterable[int]) -> None:
        key = "rowid" if self.sqlite else "doc_id"
        statement = text(f"DELETE FROM search_doc WHERE {key} IN :docs").bindparams(bindparam("docs", expanding=True))
        docs = [doc_id(kind, ref) for ref in ids]
        if docs:
            self.connection.execute(statement, {"docs": docs})

    def rebuild(self) -> None:
        """Every document of the workspace from scratch (after a bulk load that bypassed the ORM)."""
        self.connection.execute(text("DELETE FROM search_doc WHERE workspace_id = :ws"), {"ws": self.workspace_id})
        for kind, source in _SOURCES.items():
            self._insert(kind, self.connection.execute(text(source), {"ws": self.workspace_id}).all())

    def _insert(self, kind: str, rows) -> None:
        values = [{"doc": doc_id(kind, row[0]), "ws": self.workspace_id, "kind": kind, "ref": row[0],
                   **dict(zip(("name", "body"), document(row[1], row[2:])))} for row in rows]
        if not values:
            return
        key = "rowid" if self.sqlite else "doc_id"
        upsert = "" if self.sqlite else " ON CONFLICT (doc_id) DO UPDATE SET name = excluded.name, body = excluded.body"
        self.connection.execute(text(f"INSERT INTO search_doc ({key}, workspace_id, kind, ref_id, name, body) "
                                     f"VALUES (:doc, :ws, :kind, :ref, :name, :body){upsert}"), values)

    def search(self, query: str, limit: int, offset: int = 0) -> tuple[int, list[Hit]]:
        """How many documents match every word of `query` as a prefix, and one page of them, best first."""
        words = terms(query)
        if not words:
            return 0, []
        if self.sqlite:
            match = " ".join(f'"{word}"*' for word in words)
            where = "search_doc MATCH :q AND workspace_id = :ws"
            score = "bm25(search_doc, 10.0, 1.0)"
            source = "search_doc"
        else:
            match = " & ".join("(" + " <-> ".join(word.split()) + ":*)" for word in words)
            where = "document @@ q AND workspace_id = :ws"
            score = "-ts_rank(document, q)"
            source = "search_doc, to_tsquery('simple', :q) AS q"
        params = {"q": match, "ws": self.workspace_id, "limit": limit, "offset": offset}
        total = self.connection.execute(text(f"SELECT count(*) FROM {source} WHERE {where}"), params).scalar_one()
        rows = self.connection.execute(text(
            f"SELECT kind, ref_id FROM {source} WHERE {where} "
            f"ORDER BY {score}, CASE kind WHEN 'deal' THEN 1 WHEN 'account' THEN 2 WHEN 'contact' THEN 3 "
            "ELSE 4 END, ref_id DESC LIMIT :limit OFFSET :offset"), params).all()
        return int(total), [Hit(kind, int(ref)) for kind, ref in rows]


KEPT = "salesbot_search_workspaces"  # session.info: the workspaces whose documents the session keeps in step


def keep_in_step(session: Session, workspace_id: int) -> None:
    """After each flush of this session, rewrite the documents of the deals, accounts, contacts and activities
    it wrote; an account renamed or a contact changed rewrites the documents that show its name too."""
    # Recorded on the session for the one listener below: a listener per unit of work was costly to register.
    session.info.setdefault(KEPT, set()).add(workspace_id)


@event.listens_for(OrmSession, "after_flush")
def _refresh_documents(flushed: Session, _context) -> None:
    for workspace_id in flushed.info.get(KEPT, ()):
        _refresh_workspace(flushed, workspace_id)


def _refresh_workspace(flushed: Session, workspace_id: int) -> None:
    touched: dict[str, set[int]] = {kind: set() for kind in KINDS}
    for row in list(flushed.new) + list(flushed.dirty) + list(flushed.deleted):
        kind = KIND_OF_MODEL.get(type(row))
        if kind and row.id is not None and getattr(row, "workspace_id", None) == workspace_id:
            touched[kind].add(row.id)
    if not any(touched.values()):
        return
    index = SearchIndex(flushed.connection(), workspace_id)
    for kind, ids in _showing(flushed.connection(), touched).items():
        touched[kind] |= ids
    for kind, ids in touched.items():
        index.refresh(kind, ids)


# Documents that show another row's name: deals show their account and contact, contacts their account.
_SHOWS = (("deal", "account_id", "account"), ("deal", "contact_id", "contact"), ("contact", "account_id", "account"))


def _showing(connection: Connection, touched: dict[str, set[int]]) -> dict[str, set[int]]:
    """The deals and contacts whose documents name one of the touched accounts or contacts."""
    found: dict[str, set[int]] = {"deal": set(), "contact": set()}
    for table, column, kind in _SHOWS:
        if touched[kind]:
            statement = text(f"SELECT id FROM {table} WHERE {column} IN :ids").bindparams(
                bindparam("ids", expanding=True))
            found[table] |= {row[0] for row in connection.execute(statement, {"ids": sorted(touched[kind])})}
    return found
