"""The salesbot data model: every row belongs to exactly one workspace."""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import BigInteger, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


def _when(**kwargs) -> object:
    """A UTC timestamp column (the SQLAlchemy type must be given per field)."""
    return Field(sa_type=UTCDateTime, **kwargs)


class Workspace(SQLModel, table=True):
    """One Slack team, one Teams tenant, or one console workspace."""

    __table_args__ = (UniqueConstraint("platform", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=16)
    external_id: str = Field(max_length=128)
    name: str = Field(max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    currency: str = Field(default="USD", max_length=3)
    big_deal_minor: int | None = Field(default=None, sa_type=BigInteger)
    risk_idle_days: int = Field(default=14)
    visibility: str = Field(default="team", max_length=8)  # what reps may read: open, team or own
    locale: str | None = Field(default=None, max_length=16)  # Babel id (zh_CN); None: English
    next_deal_number: int = Field(default=1)
    # Bumped by every change to the workspace's settings, stages or people: per-process caches compare it.
    cache_version: int = Field(default=0)
    # Bumped by every change to its stage history (database triggers): the cached workspace history compares it.
    history_version: int = Field(default=0)
    created_at: datetime = _when(default_factory=utc_now)


class Stage(SQLModel, table=True):
    """A pipeline stage of a workspace; `outcome` is open, won or lost."""

    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=40)
    position: int
    probability: int
    outcome: str = Field(default="open", max_length=8)


class Person(SQLModel, table=True):
    """Somebody the bot has seen: a rep, a manager or an admin."""

    __table_args__ = (
        UniqueConstraint("workspace_id", "platform_user_id"),
        Index("ix_person_handle", "workspace_id", "handle"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    platform_user_id: str = Field(max_length=128)
    display_name: str = Field(max_length=200)
    handle: str = Field(max_length=200)
    timezone: str | None = Field(default=None, max_length=64)
    role: str = Field(default="rep", max_length=16)
    locale: str | None = Field(default=None, max_length=16)  # chosen with `settings language <tag> me`
    platform_locale: str | None = Field(default=None, max_length=16)  # what Slack or Teams last reported
    created_at: datetime = _when(default_factory=utc_now)


class SalesTeam(SQLModel, table=True):
    """A named group of reps with a manager and a home channel for announcements."""

    __tablename__ = "sales_team"
    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    name: str = Field(max_length=120)
    name_key: str = Field(max_length=120)
    manager_id: int | None = Field(default=None, foreign_key="person.id")
    home_channel: str | None = Field(default=None, max_length=128)
    timezone: str | None = Field(default=None, max_length=64)


class TeamMember(SQLModel, table=True):
    """Membership of a person in a sales team."""

    __tablename__ = "team_member"
    __table_args__ = (Index("ix_team_member_person", "person_id"),)
    team_id: int = Field(foreign_key="sales_team.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)


class Account(SQLModel, table=True):
    """A customer company; `owner_id` is the rep who looks after it (optional)."""

    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    industry: str | None = Field(default=None, max_length=100)
    owner_id: int | None = Field(default=None, foreign_key="person.id")


class Contact(SQLModel, table=True):
    """A person at a customer account; email and phone are kept for reference, never used to send."""

    __table_args__ = (Index("ix_contact_name_key", "workspace_id", "name_key"),
                      Index("ix_contact_account", "workspace_id", "account_id"))
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    account_id: int = Field(foreign_key="account.id")
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    title: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    created_by: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = _when(default_factory=utc_now)


class Partner(SQLModel, table=True):
    """A distributor or reseller a deal comes through."""

    __table_args__ = (UniqueConstraint("workspace_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    kind: str = Field(default="reseller", max_length=16)


class Deal(SQLModel, table=True):
    """An opportunity; `number` is the `#12` a user types, unique within the workspace."""

    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_deal_owner_status", "workspace_id", "owner_id", "status"),
        Index("ix_deal_status_stage", "workspace_id", "status", "stage"),
        # A scope's live deals in one stage (the funnel's "N deals are in <stage>"), read from the index alone.
        Index("ix_deal_owner_stage", "workspace_id", "owner_id", "stage", sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        Index("ix_deal_name_key", "workspace_id", "name_key"),
        # Analytics: deals an owner closed (won or lost) in a period, and deals an owner opened in a period.
        Index("ix_deal_owner_closed", "workspace_id", "owner_id", "closed_at"),
        Index("ix_deal_owner_created", "workspace_id", "owner_id", "created_at"),
        Index("ix_deal_deleted", "workspace_id", "deleted_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    number: int
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    partner_id: int | None = Field(default=None, foreign_key="partner.id")
    owner_id: int = Field(foreign_key="person.id")
    amount_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    stage: str = Field(max_length=40)
    status: str = Field(default="open", max_length=8)
    expected_close: date | None = None
    close_pushes: int = Field(default=0)
    lost_reason: str | None = Field(default=None, sa_type=Text)
    last_activity_at: datetime | None = _when(default=None)
    created_at: datetime = _when(default_factory=utc_now)
    updated_at: datetime = _when(default_factory=utc_now)
    stage_entered_at: datetime = _when(default_factory=utc_now)
    closed_at: datetime | None = _when(default=None)
    # The owner's forecast category for this deal (commit, best_case, pipeline, omitted); None: the stage's.
    forecast_category: str | None = Field(default=None, max_length=16)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    # Soft delete: a deleted deal is left out of every list and number, and can be restored for 30 days.
    deleted_at: datetime | None = _when(default=None)


class StageChange(SQLModel, table=True):
    """One move of a deal between stages; the funnel is computed from these rows."""

    __tablename__ = "stage_change"
    __table_args__ = (
        Index("ix_stage_change_deal", "deal_id", "changed_at"),
        Index("ix_stage_change_ws_time", "workspace_id", "changed_at"),
        # Analytics: moves in a period, of some owners or of the whole workspace, read from the index alone.
        # Partial (live rows only), so the funnel's `deleted_at IS NULL` still reads the index alone.
        Index("ix_stage_change_owner_time", "workspace_id", "owner_id", "changed_at", "deal_id", "to_stage",
              "from_stage", "from_entered_at", sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        Index("ix_stage_change_ws_moves", "workspace_id", "changed_at", "deal_id", "to_stage", "from_stage",
              "from_entered_at", sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    from_stage: str | None = Field(default=None, max_length=40)
    to_stage: str = Field(max_length=40)
    changed_at: datetime = _when(default_factory=utc_now)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    # The deal's owner when it moved (copied from the deal; a trigger fills it for rows written without it),
    # so funnels per person need no join.
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    # When the deal entered `from_stage`, so the stay this move ends is known without a look-up.
    from_entered_at: datetime | None = _when(default=None)
    # Set with the deal's `deleted_at` (the history of a deleted deal counts nowhere), cleared on restore.
    deleted_at: datetime | None = _when(default=None)


class Activity(SQLModel, table=True):
    """A call, email, meeting, demo, visit or note, on a deal or an account."""

    __table_args__ = (
        Index("ix_activity_person_time", "workspace_id", "person_id", "occurred_at"),
        Index("ix_activity_deal", "deal_id"),
        # Analytics: activities by kind of some people in a period, read from the index alone.
        Index("ix_activity_person_time_kind", "workspace_id", "person_id", "occurred_at", "kind",
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    kind: str = Field(max_length=16)
    notes: str = Field(default="", sa_type=Text)
    person_id: int = Field(foreign_key="person.id")
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    account_id: int | None = Field(default=None, foreign_key="account.id")
    occurred_at: datetime = _when(default_factory=utc_now)
    # `activity delete`, or deleted with its deal (same timestamp, so a restore brings exactly those back).
    deleted_at: datetime | None = _when(default=None)


class Target(SQLModel, table=True):
    """A goal for a person or a team: `value` of `metric` over [period_start, period_end]."""

    __table_args__ = (
        Index("ix_target_lookup", "workspace_id", "metric", "period_start"),
        # Analytics: the targets of one person, or of one team, for a period.
        Index("ix_target_person", "workspace_id", "person_id", "period_start"),
        Index("ix_target_team", "workspace_id", "team_id", "period_start"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    person_id: int | None = Field(default=None, foreign_key="person.id")
    team_id: int | None = Field(default=None, foreign_key="sales_team.id")
    metric: str = Field(max_length=32)
    period_label: str = Field(max_length=16)
    period_start: date
    period_end: date
    value: int = Field(sa_type=BigInteger)  # minor units for won_value: 64-bit like every amount


class AuditEntry(SQLModel, table=True):
    """Who changed what, and when."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_ws_time", "workspace_id", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    detail: str = Field(default="", sa_type=Text)
    at: datetime = _when(default_factory=utc_now)

    def details(self) -> dict:
        """The detail as a dict (older rows may hold text that is not JSON)."""
        try:
            value = json.loads(self.detail or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


class ConversationRef(SQLModel, table=True):
    """Where the bot can post later: a platform's serialised conversation reference."""

    __tablename__ = "conversation_ref"
    __table_args__ = (UniqueConstraint("workspace_id", "platform", "conversation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    platform: str = Field(max_length=16)
    conversation_id: str = Field(max_length=256)
    kind: str = Field(default="channel", max_length=16)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    reference: str = Field(default="{}", sa_type=Text)
    updated_at: datetime = _when(default_factory=utc_now)


class ProcessedKey(SQLModel, table=True):
    """An idempotency key: a platform retry or a double click is processed once."""

    __tablename__ = "processed_key"
    key: str = Field(primary_key=True, max_length=255)
    at: datetime = _when(default_factory=utc_now)
