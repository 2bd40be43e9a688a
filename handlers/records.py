"""The records handlers read from storage, as the attributes they use (storage's rows and values have them)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple, Protocol


class Workspace(Protocol):
    id: int
    platform: str
    external_id: str
    name: str
    timezone: str
    currency: str
    big_deal_minor: int | None
    risk_idle_days: int
    visibility: str


class Person(Protocol):
    id: int
    platform_user_id: str
    display_name: str
    handle: str
    timezone: str | None
    role: str  # rep, manager or admin


class Team(Protocol):
    id: int
    name: str
    manager_id: int | None
    home_channel: str | None
    timezone: str | None


class Named(Protocol):
    """An account (a customer company) or a partner (a distributor or reseller)."""

    id: int
    name: str


class Stage(Protocol):
    name: str
    position: int
    probability: int
    outcome: str  # open, won or lost


class Deal(Protocol):
    id: int
    number: int
    name: str
    account_id: int | None
    partner_id: int | None
    owner_id: int
    amount_minor: int
    currency: str
    stage: str
    status: str  # open, won or lost
    expected_close: date | None
    close_pushes: int
    lost_reason: str | None
    last_activity_at: datetime | None
    created_at: datetime
    updated_at: datetime
    stage_entered_at: datetime
    closed_at: datetime | None
    forecast_category: str | None  # the owner's override of the stage's forecast category


class StageChange(Protocol):
    """One move of a deal between stages."""

    deal_id: int
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    actor_id: int | None


class StageTotal(Protocol):
    """Open deals in one stage and one currency."""

    stage: str
    currency: str
    count: int
    amount_minor: int


class Activity(Protocol):
    id: int
    kind: str
    notes: str
    person_id: int
    deal_id: int | None
    account_id: int | None
    occurred_at: datetime


class Schedule(Protocol):
    """A digest subscription, meeting, feedback prompt, nudge setting or area switch (see storage's table)."""

    id: int
    kind: str
    owner_id: int | None
    title: str
    rule: str
    rule_day: int | None
    at_time: str
    timezone: str | None
    target: str
    channel_id: str | None
    team_id: int | None
    remind_minutes: int | None
    answer_kind: str | None
    choices: str | None
    anonymous: bool
    close_minutes: int | None
    template: str | None
    skip_date: date | None
    active: bool
    created_at: datetime
    ended_at: datetime | None


class QuietHours(Protocol):
    person_id: int
    window_start: str
    window_end: str
    weekends: bool
    off: bool


class FeedbackRound(Protocol):
    id: int
    schedule_id: int
    occurrence: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    deal_id: int | None
    recipient_id: int | None


@dataclass(frozen=True)
class MoveTotal:
    """Deals that moved in a window: how many, and their summed amount in one currency."""

    kind: str  # created, advanced, won, lost
    currency: str
    count: int
    amount_minor: int


class StageMove(NamedTuple):
    """A deal's move between two stages, for an agenda (unpacks as number, name, from, to)."""

    number: int
    name: str
    from_stage: str
    to_stage: str
