"""Tables of tasks and currencies: follow-up tasks with their due times, and exchange rates to the base currency."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


def _when(**kwargs) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)


class Task(SQLModel, table=True):
    """Something a person has to do by a time, optionally on a deal or an account; people type its `id`.

    `due_at` is when the reminder is due (the given time, or 09:00 in the assignee's zone for a bare date);
    `overdue_at` is when it counts as overdue (the due time, or the end of the due day).
    """

    __table_args__ = (
        Index("ix_task_assignee_open", "workspace_id", "assignee_id", "status", "overdue_at"),
        Index("ix_task_open_due", "status", "due_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    title: str = Field(max_length=300)
    assignee_id: int = Field(foreign_key="person.id")
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    account_id: int | None = Field(default=None, foreign_key="account.id")
    status: str = Field(default="open", max_length=8)  # open or done
    due_at: datetime = _when()
    overdue_at: datetime = _when()
    has_time: bool = Field(default=False)
    created_at: datetime = _when(default_factory=utc_now)
    done_at: datetime | None = _when(default=None)


class FxRate(SQLModel, table=True):
    """How many units of the workspace's base currency one unit of `currency` is worth.

    `factor_micro` is the same rate in minor units, times a million (it folds in the two currencies' decimal
    places), so a total in the base currency is amount_minor × factor_micro / 1,000,000 inside the query.
    A rate belongs to the base currency it was set against: after `settings currency` it no longer applies.
    """

    __tablename__ = "fx_rate"
    __table_args__ = (UniqueConstraint("workspace_id", "base", "currency"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    base: str = Field(max_length=3)
    currency: str = Field(max_length=3)
    rate: str = Field(max_length=32)
    factor_micro: int = Field(sa_column=Column(BigInteger, nullable=False))
    set_by_id: int | None = Field(default=None, foreign_key="person.id")
    set_at: datetime = _when(default_factory=utc_now)
