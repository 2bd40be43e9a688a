"""Tables of data in and out: external ids of our rows, the outbox of changes to push, and sync cursors."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


class ExternalRef(SQLModel, table=True):
    """Our row `entity`/`entity_id` is `external_id` in `source` (an import file's id column, Zoho, an email).

    `remote_modified_at` is the other side's modification time when we last took or gave the row, and
    `local_synced_at` our `updated_at` then: a row changed since on either side is a change to carry across.
    """

    __tablename__ = "external_ref"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source", "entity", "external_id"),
        Index("ix_external_ref_local", "workspace_id", "source", "entity", "entity_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    source: str = Field(max_length=16)
    entity: str = Field(max_length=16)
    external_id: str = Field(max_length=320)
    entity_id: int
    remote_modified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    local_synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SyncOutbox(SQLModel, table=True):
    """A change waiting to be pushed to a remote CRM; `pushed_at` is set in the transaction that records
    the remote's answer, so a row is pushed once."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_pending", "workspace_id", "source", "pushed_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    source: str = Field(max_length=16)
    entity: str = Field(max_length=16)
    entity_id: int
    payload: str = Field(default="{}", sa_type=Text)
    attempts: int = Field(default=0)
    last_error: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    pushed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SyncState(SQLModel, table=True):
    """Where a sync of one workspace with one source stands: per-module cursors, and a pause after failures."""

    __tablename__ = "sync_state"
    workspace_id: int = Field(foreign_key="workspace.id", primary_key=True)
    source: str = Field(max_length=16, primary_key=True)
    cursors: str = Field(default="{}", sa_type=Text)  # JSON: module -> {"since": iso, "page": n}
    paused_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failures: int = Field(default=0)
    last_error: str = Field(default="", max_length=300)
    admins_told: bool = Field(default=False)
    last_sync_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ExportFile(SQLModel, table=True):
    """An export waiting to be downloaded through a signed link (Teams), deleted once it expires."""

    __tablename__ = "export_file"
    token: str = Field(primary_key=True, max_length=64)
    workspace_id: int = Field(foreign_key="workspace.id")
    filename: str = Field(max_length=200)
    mime: str = Field(max_length=100)
    content: bytes = Field(sa_type=LargeBinary)
    expires_at: datetime = Field(sa_type=UTCDateTime)
