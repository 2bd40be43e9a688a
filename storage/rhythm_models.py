"""Tables of the team-rhythm area: kudos, training, market intel, customer satisfaction, approvals, key accounts."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


def _when(**kwargs) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)


class Kudos(SQLModel, table=True):
    """One person's public recognition of another."""

    __table_args__ = (Index("ix_kudos_ws_at", "workspace_id", "given_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    giver_id: int = Field(foreign_key="person.id")
    receiver_id: int = Field(foreign_key="person.id")
    why: str = Field(sa_type=Text)
    given_at: datetime = _when(default_factory=utc_now)


class TrainingItem(SQLModel, table=True):
    """Something to learn: a course, a video, a playbook chapter."""

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    title: str = Field(max_length=300)
    url: str | None = Field(default=None, max_length=1000)
    due: date | None = None
    created_by: int = Field(foreign_key="person.id")
    created_at: datetime = _when(default_factory=utc_now)


class TrainingAssignment(SQLModel, table=True):
    """One person's copy of a training item: open until they mark it done."""

    __table_args__ = (UniqueConstraint("item_id", "person_id"),
                      Index("ix_training_person", "workspace_id", "person_id", "done_at"))
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    item_id: int = Field(foreign_key="trainingitem.id")
    person_id: int = Field(foreign_key="person.id")
    done_at: datetime | None = _when(default=None)


class IntelNote(SQLModel, table=True):
    """What a rep heard in the field about the market or a competitor."""

    __table_args__ = (Index("ix_intel_ws_at", "workspace_id", "noted_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    person_id: int = Field(foreign_key="person.id")
    note: str = Field(sa_type=Text)
    competitor: str | None = Field(default=None, max_length=200)
    competitor_key: str | None = Field(default=None, max_length=200)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    noted_at: datetime = _when(default_factory=utc_now)


class CsatScore(SQLModel, table=True):
    """A customer's satisfaction score (1-5) for an account, logged by a rep or given through a link."""

    __table_args__ = (Index("ix_csat_ws_account_at", "workspace_id", "account_id", "scored_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id")
    score: int
    comment: str | None = Field(default=None, sa_type=Text)
    logged_by: int | None = Field(default=None, foreign_key="person.id")  # None: the customer, via a link
    scored_at: datetime = _when(default_factory=utc_now)


class CsatLink(SQLModel, table=True):
    """A one-question page a customer may answer once, until it expires; `token` is the unguessable URL part."""

    token: str = Field(primary_key=True, max_length=64)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id")
    created_by: int = Field(foreign_key="person.id")
    created_at: datetime = _when(default_factory=utc_now)
    expires_at: datetime = _when()
    score_id: int | None = Field(default=None, foreign_key="csatscore.id")


class Approval(SQLModel, table=True):
    """A request on a deal (a discount, a partner registration, anything) and its one decision."""

    __table_args__ = (Index("ix_approval_ws_status", "workspace_id", "status", "approver_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    requester_id: int = Field(foreign_key="person.id")
    approver_id: int = Field(foreign_key="person.id")
    kind: str = Field(max_length=16)  # discount, registration or other
    what: str = Field(max_length=300)
    discount_percent: int | None = None
    why: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="pending", max_length=10)  # pending, approved, rejected
    decided_by: int | None = Field(default=None, foreign_key="person.id")
    decided_at: datetime | None = _when(default=None)
    reason: str | None = Field(default=None, sa_type=Text)
    asked_at: datetime = _when(default_factory=utc_now)


class KeyAccount(SQLModel, table=True):
    """An account marked key: it must be touched every `every_days`.

    `followed_up_anchor` is the start of the quiet spell (the last activity, or the marking when there was none)
    that already has its follow-up task, so a lapse opens one task however many ticks see it.
    """

    __tablename__ = "key_account"
    __table_args__ = (UniqueConstraint("workspace_id", "account_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id")
    every_days: int
    marked_by: int | None = Field(default=None, foreign_key="person.id")
    marked_at: datetime = _when(default_factory=utc_now)
    followed_up_anchor: datetime | None = _when(default=None)
    follow_up_task_id: int | None = None  # the task that lapse opened
