"""Per-process caches of a workspace's row, stages and people, trusted only at the workspace's cache_version.

Every change to a cached thing (a workspace setting, a stage, a person, a team or its members) bumps
`workspace.cache_version` in the same transaction (a flush hook, so no writer can forget). A unit of work
that used cached rows reads that counter once in its own transaction — piggybacked on a statement it runs
anyway, or just before it ends — and, if another process moved it on, the unit is rolled back and run again
on fresh rows (`StaleCache`). Units of work run again whole anyway (storage/transactions.py).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import chain
from typing import Callable

from sqlalchemy import bindparam, event, inspect, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from storage.held_history import HistoryCache
from storage.models import Person, SalesTeam, Stage, TeamMember, Workspace
from storage.scoped import loaded_row, row_values

VIEW = "salesbot_cache_view"  # the session.info key of the unit's CacheView
UNCACHED_WORKSPACE_COLUMNS = frozenset({"next_deal_number", "cache_version", "history_version"})
VERSION = select(Workspace.cache_version).where(col(Workspace.id) == bindparam("workspace"))


class StaleCache(Exception):
    """Cached rows were older than the database's: the unit of work is rolled back and run again."""


@dataclass
class Entry:
    """One workspace as last read at `version`; rows are detached and never handed out to be changed."""

    workspace: Workspace
    version: int
    stages: list[Stage] | None = None
    by_platform: dict[str, Person] = field(default_factory=dict)
    by_id: dict[int, Person] = field(default_factory=dict)
    memo: dict[tuple, object] = field(default_factory=dict)  # other small reads: everyone, teams, members


class WorkspaceCache:
    """The entries of one store, by (platform, external id); replaced whole, dropped on any change."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}
        self._lock = threading.Lock()
        self.histories = HistoryCache()  # the workspace history (storage/analytics/history_cache.py)

    def get(self, key: tuple[str, str]) -> Entry | None:
        return self._entries.get(key)

    def put(self, key: tuple[str, str], entry: Entry) -> None:
        self._entries[key] = entry

    def drop(self, workspace_ids: set[int]) -> None:
        with self._lock:
            for key in [k for k, e in self._entries.items() if e.workspace.id in workspace_ids]:
                del self._entries[key]


class CacheView:
    """What one unit of work uses of the cache: rows merged into its session, its one version check."""

    def __init__(self, cache: WorkspaceCache, session: Session, key: tuple[str, str] | None) -> None:
        self.cache, self.session, self.key = cache, session, key
        self.entry = cache.get(key) if key else None
        self.checked = self.entry is None  # a cold entry is read in this very transaction
        # This unit changed cached things (or may not use the cache at all): it reads the database.
        self.changed = key is None
        session.info[VIEW] = self

    def workspace(self, load: Callable[[], Workspace]) -> Workspace:
        """The workspace row, merged into the session (changes to it are flushed like any other)."""
        if self.entry is None:
            row = load()
            self.entry = Entry(_detached_copy(row), row.cache_version)
            # A workspace this unit has just created (its stages flushed, so `changed`) is not committed yet:
            # other units must not find it, and cache its empty stage list, before it is.
            if not self.changed:
                self.cache.put(self.key, self.entry)
            return row
        return self._attach(Workspace, self.entry.workspace)

    def stages(self, load: Callable[[], list[Stage]]) -> list[Stage]:
        """The stages in order (shared, read-only rows)."""
        if self.changed:
            return load()
        if self.entry.stages is None:
            self.entry.stages = [_detached_copy(stage) for stage in load()]
        return list(self.entry.stages)

    def person(self, index: str, value, load: Callable[[], Person | None]) -> Person | None:
        """A person by platform id or by id, merged into the session; misses go to the database."""
        if self.changed:
            return load()
        cached = getattr(self.entry, index).get(value)
        if cached is None:
            row = load()
            if row is not None and row.id is not None:
                copy = _detached_copy(row)
                self.entry.by_platform[copy.platform_user_id], self.entry.by_id[copy.id] = copy, copy
            return row
        return self._attach(Person, cached)

    def memo(self, key: tuple, load: Callable[[], list]) -> list:
        """A small list read (rows come back detached and shared: read them, never change them)."""
        cached = self.entry.memo.get(key)
        if cached is None:
            cached = [_detached_copy(item) if hasattr(item, "__table__") else item for item in load()]
            self.entry.memo[key] = cached
        return list(cached)

    def _attach(self, model: type, cached):
        """The session's copy of a cached row (what `merge(load=False)` makes, built the way loads build rows)."""
        # The session's own row wins: it may carry changes of this unit not flushed yet.
        present = self.session.identity_map.get(identity_key(model, cached.id))
        if present is not None:
            return present
        row = loaded_row(model, row_values(cached))
        self.session.add(row)
        return row

    def seen_version(self, version: int) -> None:
        """The workspace's cache_version as this transaction read it: stale cached rows run the unit again."""
        if not self.checked and not self.changed and version != self.entry.version:
            self.cache.drop({self.entry.workspace.id})
            raise StaleCache(f"workspace {self.entry.workspace.id} changed to version {version}")
        self.checked = True

    def check(self) -> None:
        """Read the version if no statement of the unit did (before it commits, or before its refusal)."""
        if not self.checked:
            if self.session.new or self.session.dirty or self.session.deleted:
                self.session.flush()  # its own changes bump the version first (and end the check)
            if not self.checked:
                version = self.session.connection().execute(VERSION, {"workspace": self.entry.workspace.id})
                self.seen_version(version.scalar_one())

    def mark_changed(self, workspace_ids: set[int]) -> None:
        self.changed = self.checked = True
        self.cache.drop(workspace_ids)


def view_for(session: Session, workspace_id: int) -> CacheView | None:
    """The unit's cache view, when it serves this workspace and this unit may use it."""
    view = session.info.get(VIEW)
    if view is None or view.changed or view.entry is None or view.entry.workspace.id != workspace_id:
        return None
    return view


def seen_version(session: Session, version: int) -> None:
    """For statements that return the version on their way (the deal counter)."""
    view = session.info.get(VIEW)
    if view is not None:
        view.seen_version(version)


def _detached_copy(row):
    """A copy of `row` owned by no session, fully loaded: a rollback elsewhere cannot expire it."""
    return loaded_row(type(row), row_values(row))


CACHED_ROWS = (Stage, Person, SalesTeam, TeamMember)


def _changed_workspaces(session: Session) -> set[int]:
    """Workspaces whose cached rows this flush changes."""
    ids = set()
    for row in chain(session.new, session.dirty, session.deleted):
        if isinstance(row, CACHED_ROWS):
            if row in session.new or row in session.deleted or session.is_modified(row):
                ids.add(row.workspace_id)
        elif isinstance(row, Workspace) and row not in session.new and _settings_changed(row):
            ids.add(row.id)
    return ids


def _settings_changed(workspace: Workspace) -> bool:
    state = inspect(workspace)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in UNCACHED_WORKSPACE_COLUMNS)


@event.listens_for(OrmSession, "before_flush")
def _bump_versions(session, _flush_context, _instances) -> None:
    ids = _changed_workspaces(session)
    if not ids:
        return
    session.connection().execute(update(Workspace).where(col(Workspace.id).in_(ids))
                                 .values(cache_version=Workspace.cache_version + 1)
                                 .execution_options(synchronize_session=False))
    view = session.info.get(VIEW)
    if view is not None:
        view.mark_changed(ids)
