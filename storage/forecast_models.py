"""Tables of the forecast area: deal versions (the history movement is rebuilt from), settings, the stage
map, submissions and manager adjustments."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Index, Text
from sqlmodel import Field, SQLModel

from handlers.clock import utc_now
from storage.types import UTCDateTime


def _when(**kwargs) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)


class DealVersion(SQLModel, table=True):
    """A deal's forecast-relevant state from `valid_from` until its next version: written on every change."""

    __tablename__ = "deal_version"
    __table_args__ = (Index("ix_deal_version_deal", "workspace_id", "deal_id", "valid_from"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    deal_id: int = Field(foreign_key="deal.id")
    valid_from: datetime = _when(default_factory=utc_now)
    owner_id: int = Field(foreign_key="person.id")
    amount_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    expected_close: date | None = None
    stage: str = Field(max_length=40)
    status: str = Field(max_length=8)
    closed_at: datetime | None = _when(default=None)
    forecast_category: str | None = Field(default=None, max_length=16)
    deleted: bool = Field(default=False)


class ForecastSetting(SQLModel, table=True):
    """A workspace's forecast period (month or quarter)."""

    __tablename__ = "forecast_setting"
    workspace_id: int = Field(foreign_key="workspace.id", primary_key=True)
    period_kind: str = Field(default="quarter", max_length=8)


class ForecastStageMap(SQLModel, table=True):
    """A stage's forecast category where the workspace changed the default."""

    __tablename__ = "forecast_stage_map"
    workspace_id: int = Field(foreign_key="workspace.id", primary_key=True)
    stage: str = Field(max_length=40, primary_key=True)
    category: str = Field(max_length=16)


class ForecastSubmission(SQLModel, table=True):
    """A person's forecast for a period at a moment, kept forever; `scope` is own (a rep's) or team (a
    manager's for the teams they manage). The latest counts, all are history."""

    __tablename__ = "forecast_submission"
    __table_args__ = (Index("ix_forecast_submission_period", "workspace_id", "period_start", "person_id",
                            "submitted_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    person_id: int = Field(foreign_key="person.id")
    scope: str = Field(default="own", max_length=8)
    period_start: date
    period_end: date
    commit_minor: int = Field(sa_type=BigInteger)
    best_minor: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    note: str = Field(default="", sa_type=Text)
    as_computed: bool = Field(default=False)
    submitted_by: int = Field(foreign_key="person.id")
    submitted_at: datetime = _when(default_factory=utc_now)


class ForecastAdjustment(SQLModel, table=True):
    """A manager's own number for a rep or a team, beside (never replacing) what was submitted."""

    __tablename__ = "forecast_adjustment"
    __table_args__ = (Index("ix_forecast_adjustment_period", "workspace_id", "period_start", "person_id",
                            "adjusted_at"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    person_id: int = Field(foreign_key="person.id")
    scope: str = Field(default="own", max_length=8)
    period_start: date
    period_end: date
    commit_minor: int = Field(sa_type=BigInteger)
    best_minor: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(max_length=3)
    note: str = Field(default="", sa_type=Text)
    adjusted_by: int = Field(foreign_key="person.id")
    adjusted_at: datetime = _when(default_factory=utc_now)
