"""Activities logged in a period, counted by the database per person, per kind, or both: the one count
behind `kpi`, the leaderboard, digests and the dashboard."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from handlers.analytics.results import ActivityCount
from storage.analytics.indexed import indexed_by
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
    # Some people's: through the partial (workspace, person, time, kind) index alone (see `indexed_by`).
    activity = indexed_by(ACTIVITY, "ix_activity_person_time_kind") if scoped else ACTIVITY
    groups = [activity.c[name] for name in by]
    count = func.count().label("total")
    return (select(*groups, count)
            .where(activity.c.workspace_id == bindparam("workspace"), owned_by(activity.c.person_id, scoped),
                   in_period(activity.c.occurred_at), live(activity))
            .group_by(*groups).order_by(count.desc(), *groups))
