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
    locale: str | None


class Person(Protocol):
    id: int
    platform_user_id: str
    display_name: str
    handle: str
    timezone: str | None
    role: str  # rep, manager or admin
    locale: str | None  # the person's own choice
    platform_locale: str | None  # what their chat platform last said they speak


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


class DealLine(Protocol):
    """What a deal listing shows of a deal."""

    number: int
    name: str
    owner_id: int
    amount_minor: int
    currency: str
    stage: str
    expected_close: date | None


@dataclass(frozen=True)
class DealFilter:
    """Which deals a listing shows: owners (None: everyone), a stage or open only, and `deal list`'s filters.

    Amount bounds are minor units in `currency` (deals in other currencies are left out when one is set).
    `deleted` lists the bin instead of the live deals.
    """

    owner_ids: frozenset[int] | None = None
    stage: str | None = None
    open_only: bool = True
    account_id: int | None = None
    partner_id: int | None = None
    close_from: date | None = None
    close_to: date | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    currency: str | None = None
    deleted: bool = False


class StageChange(Protocol):
    """One move of a deal between stages."""

    id: int
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
    deleted_at: datetime | None


class Account(Protocol):
    """A customer company, with the rep who looks after it."""

    id: int
    name: str
    industry: str | None
    owner_id: int | None


class Contact(Protocol):
    id: int
    account_id: int
    name: str
    title: str | None
    email: str | None
    phone: str | None
    created_by: int | None


class AuditEntry(Protocol):
    """One change in the audit trail; `detail` is its JSON, read with `details()`."""

    id: int
    actor_id: int | None
    action: str
    entity: str
    entity_id: int | None
    at: datetime

    def details(self) -> dict: ...


class SearchHit(Protocol):
    """One `find` match: what it is (deal, account, contact, activity) and its row id."""

    kind: str
    ref_id: int


@dataclass(frozen=True)
class ActivityFilter:
    """Which activities `activity list` shows: on one deal, by some people, in [start, end)."""

    deal_id: int | None = None
    person_ids: frozenset[int] | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class AccountRow:
    """An account in a listing, with its live deals counted."""

    id: int
    name: str
    industry: str | None
    owner_id: int | None
    open_deals: int
    won_deals: int
    last_activity_at: datetime | None


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
    subject_id: int | None
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
