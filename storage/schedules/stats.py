"""Yesterday's activity and deal moves, and stage changes since a date: aggregated by the database."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import col, select

from handlers.records import MoveTotal, StageMove
from storage.analytics.activities import activity_counts
from storage.models import Deal, Stage, StageChange
from storage.scoped import ScopedRepo


class ScheduleStats(ScopedRepo):
    """Read-only aggregates over deals, activities and targets for one workspace."""

    def _owned(self, query, column, owner_ids: set[int] | None):
        return query if owner_ids is None else query.where(col(column).in_(owner_ids))

    def activity_counts(self, owner_ids: set[int] | None, start: datetime, end: datetime) -> dict[int, int]:
        """Activities per person in [start, end), counted as `kpi` counts them."""
        self.session.flush()
        counted = activity_counts(self.session, self.workspace_id, owner_ids, start, end, by=("person_id",))
        return {row.person_id: row.count for row in counted}

    def created(self, owner_ids: set[int] | None, start: datetime, end: datetime) -> list[MoveTotal]:
        query = (select(Deal.currency, func.count(), func.sum(Deal.amount_minor))
                 .where(Deal.workspace_id == self.workspace_id, Deal.created_at >= start, Deal.created_at < end,
                        col(Deal.deleted_at).is_(None))
                 .group_by(Deal.currency))
        rows = self.session.exec(self._owned(query, Deal.owner_id, owner_ids))
        return [MoveTotal("created", cur, n, int(total or 0)) for cur, n, total in rows]

    def moved(self, owner_ids: set[int] | None, start: datetime, end: datetime) -> list[MoveTotal]:
        """Stage changes in the window: into won, into lost, or forward between open stages."""
        to_stage = Stage.__table__.alias("to_stage")
        from_stage = Stage.__table__.alias("from_stage")
        kind = func.coalesce(func.nullif(to_stage.c.outcome, "open"), "advanced")
        query = (select(kind, Deal.currency, func.count(), func.sum(Deal.amount_minor))
                 .select_from(StageChange)
                 .join(Deal, Deal.id == StageChange.deal_id)
                 .join(to_stage, (to_stage.c.workspace_id == StageChange.workspace_id)
                       & (to_stage.c.name == StageChange.to_stage))
                 .outerjoin(from_stage, (from_stage.c.workspace_id == StageChange.workspace_id)
                            & (from_stage.c.name == StageChange.from_stage))
                 .where(StageChange.workspace_id == self.workspace_id, StageChange.changed_at >= start,
                        StageChange.changed_at < end, col(StageChange.from_stage).is_not(None),
                        col(StageChange.deleted_at).is_(None),
                        or_(to_stage.c.outcome != "open", to_stage.c.position > from_stage.c.position))
                 .group_by(kind, Deal.currency))
        rows = self.session.exec(self._owned(query, Deal.owner_id, owner_ids))
        return [MoveTotal(k, cur, n, int(total or 0)) for k, cur, n, total in rows]

    def stage_changes_since(self, owner_ids: set[int] | None, since: datetime, limit: int = 10) -> list[StageMove]:
        """Moves since `since`, newest first."""
        query = (select(Deal.number, Deal.name, StageChange.from_stage, StageChange.to_stage)
                 .join(Deal, Deal.id == StageChange.deal_id)
                 .where(StageChange.workspace_id == self.workspace_id, StageChange.changed_at >= since,
                        col(StageChange.from_stage).is_not(None), col(StageChange.deleted_at).is_(None))
                 .order_by(col(StageChange.changed_at).desc()).limit(limit))
        return [StageMove(*row) for row in self.session.exec(self._owned(query, Deal.owner_id, owner_ids))]
