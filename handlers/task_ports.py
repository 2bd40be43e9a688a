"""The ports and records of tasks and exchange rates, as handlers use them (storage/tasks.py, storage/fx.py)."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol


class Task(Protocol):
    id: int
    workspace_id: int
    title: str
    assignee_id: int
    created_by_id: int | None
    deal_id: int | None
    account_id: int | None
    status: str  # open or done
    due_at: datetime
    overdue_at: datetime
    has_time: bool


class FxRate(Protocol):
    base: str
    currency: str
    rate: str
    factor_micro: int
    set_at: datetime


class TasksPort(Protocol):
    def add(self, *, title: str, assignee_id: int, created_by_id: int | None, due_at: datetime,
            overdue_at: datetime, has_time: bool, now: datetime, deal_id: int | None = None,
            account_id: int | None = None) -> Task: ...
    def get(self, task_id: int) -> Task | None: ...
    def open_for(self, assignee_ids: Iterable[int] | None, overdue_before: datetime | None = None,
                 limit: int = 50) -> list[Task]: ...
    def open_for_account(self, account_id: int, limit: int = 5) -> list[Task]: ...
    def overdue_counts(self, assignee_ids: Iterable[int] | None, now: datetime) -> dict[int, int]: ...
    def overdue_deal_ids(self, assignee_ids: Iterable[int] | None, now: datetime) -> dict[int, datetime]: ...
    def finish(self, task: Task, now: datetime) -> None: ...
    def move(self, task: Task, due_at: datetime, overdue_at: datetime, has_time: bool) -> None: ...


class FxPort(Protocol):
    def set(self, *, base: str, currency: str, rate: str, factor_micro: int, actor_id: int | None,
            now: datetime) -> FxRate: ...
    def get(self, base: str, currency: str) -> FxRate | None: ...
    def all(self, base: str) -> list[FxRate]: ...
