"""Training items and each assignee's progress on them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.rhythm_models import TrainingAssignment, TrainingItem
from storage.scoped import ScopedRepo


class TrainingRepo(ScopedRepo):
    """Training of one workspace."""

    def add(self, title: str, url: str | None, due: date | None, created_by: int, assignee_ids: list[int],
            now: datetime) -> tuple[TrainingItem, list[TrainingAssignment]]:
        item = TrainingItem(workspace_id=self.workspace_id, title=title, url=url, due=due, created_by=created_by,
                            created_at=now)
        self.session.add(item)
        self.session.flush()
        assignments = [TrainingAssignment(workspace_id=self.workspace_id, item_id=item.id, person_id=person_id)
                       for person_id in dict.fromkeys(assignee_ids)]
        self.session.add_all(assignments)
        self.session.flush()
        return item, assignments

    def item(self, item_id: int) -> TrainingItem | None:
        return self._mine(self.session.get(TrainingItem, item_id))

    def assignment(self, item_id: int, person_id: int) -> TrainingAssignment | None:
        query = select(TrainingAssignment).where(TrainingAssignment.workspace_id == self.workspace_id,
                                                 TrainingAssignment.item_id == item_id,
                                                 TrainingAssignment.person_id == person_id)
        return self.session.exec(query).first()

    def assignment_by_id(self, assignment_id: int) -> tuple[TrainingItem, TrainingAssignment] | None:
        assignment = self._mine(self.session.get(TrainingAssignment, assignment_id))
        return (self.session.get(TrainingItem, assignment.item_id), assignment) if assignment else None

    def mark_done(self, assignment: TrainingAssignment, now: datetime) -> None:
        assignment.done_at = now
        self.session.add(assignment)
        self.session.flush()

    def assigned(self, person_ids: set[int] | None, open_only: bool = False,
                 limit: int = 100) -> list[tuple[TrainingItem, TrainingAssignment]]:
        """(item, assignment) pairs for `person_ids` (None: everyone), open ones first, soonest due first."""
        query = (select(TrainingItem, TrainingAssignment)
                 .join(TrainingAssignment, TrainingAssignment.item_id == TrainingItem.id)
                 .where(TrainingAssignment.workspace_id == self.workspace_id))
        if person_ids is not None:
            query = query.where(col(TrainingAssignment.person_id).in_(person_ids))
        if open_only:
            query = query.where(col(TrainingAssignment.done_at).is_(None))
        order = (col(TrainingAssignment.done_at).is_not(None), col(TrainingItem.due).is_(None), TrainingItem.due,
                 TrainingItem.id, TrainingAssignment.person_id)
        return [tuple(row) for row in self.session.exec(query.order_by(*order).limit(limit))]

    def overdue_counts(self, person_ids: set[int] | None, today: date) -> dict[int, int]:
        """Open items past their due date, per person."""
        query = (select(TrainingAssignment.person_id, func.count())
                 .join(TrainingItem, TrainingAssignment.item_id == TrainingItem.id)
                 .where(TrainingAssignment.workspace_id == self.workspace_id,
                        col(TrainingAssignment.done_at).is_(None), col(TrainingItem.due).is_not(None),
                        TrainingItem.due < today)
                 .group_by(TrainingAssignment.person_id))
        if person_ids is not None:
            query = query.where(col(TrainingAssignment.person_id).in_(person_ids))
        return {person_id: count for person_id, count in self.session.exec(query)}
