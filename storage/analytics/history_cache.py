"""The workspace history (its pooled funnel and median stays) cached per process, trusted only while it holds.

The history is read over windows that end now, so it is the same as the one computed a moment ago as long as
(1) no stage history was written, deleted or restored since (`workspace.history_version`, bumped by database
triggers in the writer's own transaction, so another process's change is seen), (2) no stage, setting or
person changed (`workspace.cache_version`), and (3) no row of stage history has crossed one of the windows'
bounds as they moved on with the clock (the first row at or after each bound, found when it was computed,
says until when that holds). Both counters are read in the unit's own transaction before the rows.

Only read-only units store what they computed: a writer may have changed stage history in its uncommitted
transaction, and what it read must not be handed to others. Any unit may use what is stored.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from functools import cache
from typing import TypeVar

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from storage.analytics.sql import CHANGE
from storage.cache import view_for
from storage.database import READ_ONLY
from storage.held_history import Held
from storage.models import Workspace

T = TypeVar("T")
WORKSPACE = Workspace.__table__
VERSIONS = select(WORKSPACE.c.cache_version, WORKSPACE.c.history_version).where(
    WORKSPACE.c.id == bindparam("workspace"))


def cached(session: Session, workspace_id: int, what: tuple, as_of: datetime, bounds: Sequence[datetime],
           compute: Callable[[], T]) -> T:
    """`compute()` (a value read over windows between `bounds`, which move on with `as_of`; none: windows
    that stay put), or what an earlier unit computed that is still the same."""
    view = view_for(session, workspace_id)
    if view is None:  # no per-process cache here (a script's own session), or this unit changed the workspace
        return compute()
    histories = view.cache.histories
    cache_version, history_version = session.connection().execute(VERSIONS, {"workspace": workspace_id}).one()
    view.seen_version(cache_version)  # stale cached stages run the whole unit again, as elsewhere
    key, versions = (workspace_id, *what), (cache_version, history_version)
    held = histories.get(key)
    if held is not None and held.serves(versions, as_of):
        return held.value
    value = compute()
    if session.get_bind().get_execution_options().get(READ_ONLY):
        histories.put(key, Held(versions, as_of, _holds_until(session, workspace_id, as_of, bounds), value))
    return value


def _holds_until(session: Session, workspace_id: int, as_of: datetime, bounds: Sequence[datetime]):
    """The latest `as_of` for which every row of stage history still falls between the same bounds: each
    bound may move on until it reaches the first row at or after it (deleted rows too, to be safe)."""
    if not bounds:  # bounds that do not move with the clock
        return None
    params = {"workspace": workspace_id, **{f"bound_{i}": bound for i, bound in enumerate(bounds)}}
    firsts = session.connection().execute(_firsts_statement(len(bounds)), params).one()
    slack = [_aware(first) - bound for first, bound in zip(firsts, bounds) if first is not None]
    return as_of + min(slack) if slack else None


@cache
def _firsts_statement(count: int):
    """The first changed_at at or after each :bound_N (index seeks on (workspace, changed_at))."""
    firsts = [select(func.min(CHANGE.c.changed_at)).where(CHANGE.c.workspace_id == bindparam("workspace"),
                                                         CHANGE.c.changed_at >= bindparam(f"bound_{i}"))
              .scalar_subquery() for i in range(count)]
    return select(*firsts)


def _aware(value) -> datetime:
    """A timestamp from an aggregate comes back as the driver gives it (SQLite: text)."""
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)

