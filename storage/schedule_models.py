"""Tables of the schedules area: schedules, feedback rounds and answers, the delivery ledger, the leader lease."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Float, Index, Integer, LargeBinary, Table, Text, Unicode, UniqueConstraint
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


def _when(**kwargs) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)


class Schedule(SQLModel, table=True):
    """A recurring thing the bot posts: a digest subscription, a meeting reminder, a feedback prompt, nudges.

    `rule` is once|daily|weekdays|weekly|monthly with `rule_day` (weekday 0-6 or day of month 1-31);
    `at_time` is local HH:MM; `timezone` is fixed for channel posts and None when each recipient's zone applies.
    """

    __table_args__ = (Index("ix_schedule_ws_kind", "workspace_id", "kind", "active"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    kind: str = Field(max_length=16)
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    title: str = Field(default="", max_length=300)
    rule: str = Field(default="weekdays", max_length=16)
    rule_day: int | None = None
    at_time: str = Field(default="08:00", max_length=5)
    timezone: str | None = Field(default=None, max_length=64)
    target: str = Field(default="dm", max_length=8)
    channel_id: str | None = Field(default=None, max_length=128)
    team_id: int | None = Field(default=None, foreign_key="sales_team.id")
    remind_minutes: int | None = None
    answer_kind: str | None = Field(default=None, max_length=8)
    choices: str | None = Field(default=None, max_length=500)
    anonymous: bool = Field(default=False)
    close_minutes: int | None = None
    template: str | None = Field(default=None, max_length=16)
    subject_id: int | None = Field(default=None, foreign_key="person.id")  # a 1:1 meeting: whose scorecard
    skip_date: date | None = None
    active: bool = Field(default=True)
    created_at: datetime = _when(default_factory=utc_now)
    ended_at: datetime | None = _when(default=None)


class FeedbackRound(SQLModel, table=True):
    """One occurrence of a feedback prompt (a local date, or a deal for win/loss); answers belong to it."""

    __tablename__ = "feedback_round"
    __table_args__ = (UniqueConstraint("schedule_id", "occurrence"),
                      Index("ix_feedback_round_open", "workspace_id", "closed_at"))
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    schedule_id: int = Field(foreign_key="schedule.id")
    occurrence: str = Field(max_length=40)
    opened_at: datetime = _when(default_factory=utc_now)
    closes_at: datetime = _when(default_factory=utc_now)
    closed_at: datetime | None = _when(default=None)
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    recipient_id: int | None = Field(default=None, foreign_key="person.id")


class FeedbackVoter(SQLModel, table=True):
    """Who has answered which round, only to allow one answer per person: it names no answer and no time."""

    __tablename__ = "feedback_voter"
    round_id: int = Field(foreign_key="feedback_round.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)


class FeedbackAnswer(SQLModel, table=True):
    """An answer to a round. Anonymous ones carry no person and no time, and a random id (rows of a round
    are rewritten in random order on every answer), so neither a column nor the row order says whose it is."""

    __tablename__ = "feedback_answer"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)
    # INTEGER on SQLite so the id is the rowid itself (any other type adds a hidden rowid in insert order).
    id: int = Field(primary_key=True, sa_type=BigInteger().with_variant(Integer(), "sqlite"),
                    sa_column_kwargs={"autoincrement": False})
    workspace_id: int = Field(foreign_key="workspace.id")
    round_id: int = Field(foreign_key="feedback_round.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")  # named prompts only
    value: str = Field(max_length=200)
    comment: str = Field(default="", sa_type=Text)
    answered_at: datetime | None = _when(default=None)  # named prompts only


class QuietHours(SQLModel, table=True):
    """A person's own window for proactive messages (default 08:00-19:00 on working days)."""

    __tablename__ = "quiet_hours"
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    window_start: str = Field(default="08:00", max_length=5)
    window_end: str = Field(default="19:00", max_length=5)
    weekends: bool = Field(default=False)
    off: bool = Field(default=False)


class Outbox(SQLModel, table=True):
    """A one-off message a command asked the scheduler to post (the win/loss question to a deal's owner)."""

    __table_args__ = (Index("ix_outbox_pending", "sent", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    person_id: int = Field(foreign_key="person.id")
    kind: str = Field(max_length=16)
    ref_id: int
    sent: bool = Field(default=False)
    created_at: datetime = _when(default_factory=utc_now)


class Delivery(SQLModel, table=True):
    """The exactly-once ledger: one row per occurrence key, claimed before sending and marked after."""

    __tablename__ = "schedule_delivery"
    __table_args__ = (Index("ix_schedule_delivery_status", "status", "claimed_at"),)
    key: str = Field(primary_key=True, max_length=255)
    workspace_id: int | None = Field(default=None, foreign_key="workspace.id")
    status: str = Field(max_length=8)  # claimed, sent, skipped, retry, failed
    due_at: datetime = _when()
    holder: str = Field(default="", max_length=80)
    attempts: int = Field(default=0)
    claimed_at: datetime | None = _when(default=None)
    finished_at: datetime | None = _when(default=None)
    retry_at: datetime | None = _when(default=None)
    detail: str = Field(default="", max_length=300)


class SchedulerLease(SQLModel, table=True):
    """The leader lease (used on SQLite; PostgreSQL uses an advisory lock) and the last tick time."""

    __tablename__ = "scheduler_lease"
    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(default="", max_length=80)
    expires_at: datetime | None = _when(default=None)
    last_tick_at: datetime | None = _when(default=None)


# APScheduler's own job table, declared here so migrations create it and autogenerate leaves it alone.
APSCHEDULER_JOBS = Table(
    "apscheduler_jobs", SQLModel.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
