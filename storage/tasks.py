"""Follow-up tasks: add, find, finish, move; open and overdue ones by assignee, counted by the database."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.models import Deal
from storage.scoped import ScopedRepo
from storage.task_models import Task


class TaskRepo(ScopedRepo):
    """Reads and writes the tasks of one workspace."""

    def add(self, *, title: str, assignee_id: int, created_by_id: int | None, due_at: datetime,
            overdue_at: datetime, has_time: bool, now: datetime, deal_id: int | None = None,
            account_id: int | None = None) -> Task:
        task = Task(workspace_id=self.workspace_id, title=title, assignee_id=assignee_id,
                    created_by_id=created_by_id, due_at=due_at, overdue_at=overdue_at, has_time=has_time,
                    deal_id=deal_id, account_id=account_id, created_at=now)
        self.session.add(task)
        self.session.flush()
        return task

    def get(self, task_id: int) -> Task | None:
        return self._mine(self.session.get(Task, task_id))

    def open_for(self, assignee_ids: Iterable[int] | None, overdue_before: datetime | None = None,
                 limit: int = 50) -> list[Task]:
        """Open tasks of `assignee_ids` (None: everyone), soonest first; only overdue ones when asked."""
        query = self._open(assignee_ids)
        if overdue_before is not None:
            query = query.where(col(Task.overdue_at) <= overdue_before)
        return list(self.session.exec(query.order_by(col(Task.due_at), col(Task.id)).limit(limit)))

    def open_for_account(self, account_id: int, limit: int = 5) -> list[Task]:
        """Open tasks on the account or on one of its deals, soonest first."""
        on_deals = select(Deal.id).where(Deal.workspace_id == self.workspace_id, Deal.account_id == account_id)
        query = self._open(None).where((Task.account_id == account_id) | col(Task.deal_id).in_(on_deals))
        return list(self.session.exec(query.order_by(col(Task.due_at), col(Task.id)).limit(limit)))

    def overdue_counts(self, assignee_ids: Iterable[int] | None, now: datetime) -> dict[int, int]:
        """How many open tasks each assignee has past their due time."""
        query = (select(Task.assignee_id, func.count()).where(Task.workspace_id == self.workspace_id,
                                                              Task.status == "open", col(Task.overdue_at) <= now))
        if assignee_ids is not None:
            query = query.where(col(Task.assignee_id).in_(list(assignee_ids)))
        return {person: int(count) for person, count in self.session.exec(query.group_by(Task.assignee_id))}

    def overdue_deal_ids(self, assignee_ids: Iterable[int] | None, now: datetime) -> dict[int, datetime]:
        """Deals with an overdue open follow-up, with the oldest overdue time (assignees in scope)."""
        query = (select(Task.deal_id, func.min(Task.overdue_at))
                 .where(Task.workspace_id == self.workspace_id, Task.status == "open",
                        col(Task.overdue_at) <= now, col(Task.deal_id).is_not(None)))
        if assignee_ids is not None:
            query = query.where(col(Task.assignee_id).in_(list(assignee_ids)))
        return {deal_id: since for deal_id, since in self.session.exec(query.group_by(Task.deal_id))}

    def finish(self, task: Task, now: datetime) -> None:
        task.status, task.done_at = "done", now
        self.session.flush()

    def move(self, task: Task, due_at: datetime, overdue_at: datetime, has_time: bool) -> None:
        task.due_at, task.overdue_at, task.has_time = due_at, overdue_at, has_time
        self.session.flush()

    def _open(self, assignee_ids: Iterable[int] | None):
        query = select(Task).where(Task.workspace_id == self.workspace_id, Task.status == "open")
        if assignee_ids is not None:
            query = query.where(col(Task.assignee_id).in_(list(assignee_ids)))
        return query
