"""Activities logged in a period, counted by the database per person, per kind, or both: the one count
behind `kpi`, the leaderboard, digests and the dashboard."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from handlers.analytics.results import ActivityCount
from storage.analytics.sql import ACTIVITY, in_period, live, owned_by, scope_params

GROUPINGS = frozenset({("person_id",), ("kind",), ("person_id", "kind")})


def activity_counts(session: Session, workspace_id: int, owner_ids: Iterable[int] | None, start: datetime,
                    end: datetime, by: tuple[str, ...]) -> tuple[ActivityCount, ...]:
    """Activities logged by `owner_ids` (None: everyone) in [start, end), grouped `by` person_id and/or kind,
    most first (ties by person, then kind)."""
    if by not in GROUPINGS:
        raise ValueError(f"cannot group activities by {by!r}")
    params = scope_params(owner_ids, workspace=workspace_id, start=start, end=end)
    rows = session.connection().execute(_statement(owner_ids is not None, by), params)
    return tuple(ActivityCount(count=int(row.total), person_id=getattr(row, "person_id", None),
                               kind=getattr(row, "kind", None)) for row in rows)


@cache
def _statement(scoped: bool, by: tuple[str, ...]):
    groups = [ACTIVITY.c[name] for name in by]
    count = func.count().label("total")
    return (select(*groups, count)
            .where(ACTIVITY.c.workspace_id == bindparam("workspace"), owned_by(ACTIVITY.c.person_id, scoped),
                   in_period(ACTIVITY.c.occurred_at), live(ACTIVITY))
            .group_by(*groups).order_by(count.desc(), *groups))
