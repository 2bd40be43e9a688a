"""The rhythm port: what kudos, training, intel, CSAT, approvals and key accounts need from storage/rhythm."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class Kudos(Protocol):
    id: int
    giver_id: int
    receiver_id: int
    why: str
    given_at: datetime


class TrainingItem(Protocol):
    id: int
    title: str
    url: str | None
    due: date | None


class TrainingAssignment(Protocol):
    id: int
    item_id: int
    person_id: int
    done_at: datetime | None


class IntelNote(Protocol):
    person_id: int
    note: str
    competitor: str | None
    account_id: int | None
    noted_at: datetime


class CsatScore(Protocol):
    id: int
    account_id: int
    score: int
    comment: str | None
    logged_by: int | None
    scored_at: datetime


class CsatLink(Protocol):
    token: str
    account_id: int
    expires_at: datetime
    score_id: int | None


class Approval(Protocol):
    id: int
    deal_id: int
    requester_id: int
    approver_id: int
    kind: str
    what: str
    discount_percent: int | None
    why: str | None
    status: str
    decided_by: int | None
    decided_at: datetime | None
    reason: str | None
    asked_at: datetime


class KudosPort(Protocol):
    def give(self, giver_id: int, receiver_id: int, why: str, now: datetime) -> Kudos: ...
    def listing(self, person_ids: set[int] | None, start: datetime, end: datetime, limit: int = 50) -> list[Kudos]: ...
    def received_counts(self, person_ids: set[int] | None, start: datetime, end: datetime) -> dict[int, int]: ...


class TrainingPort(Protocol):
    def add(self, title: str, url: str | None, due: date | None, created_by: int, assignee_ids: list[int],
            now: datetime) -> tuple[TrainingItem, list[TrainingAssignment]]: ...
    def item(self, item_id: int) -> TrainingItem | None: ...
    def assignment(self, item_id: int, person_id: int) -> TrainingAssignment | None: ...
    def assignment_by_id(self, assignment_id: int) -> tuple[TrainingItem, TrainingAssignment] | None: ...
    def mark_done(self, assignment: TrainingAssignment, now: datetime) -> None: ...
    def assigned(self, person_ids: set[int] | None, open_only: bool = False,
                 limit: int = 100) -> list[tuple[TrainingItem, TrainingAssignment]]: ...
    def overdue_counts(self, person_ids: set[int] | None, today: date) -> dict[int, int]: ...


class IntelPort(Protocol):
    def add(self, person_id: int, note: str, competitor: str | None, account_id: int | None,
            now: datetime) -> IntelNote: ...
    def listing(self, person_ids: set[int] | None, start: datetime, end: datetime, competitor: str | None = None,
                limit: int = 200) -> list[IntelNote]: ...
    def lost_reasons(self, person_ids: set[int] | None, start: datetime, end: datetime) -> list[tuple[str, int]]: ...


class CsatPort(Protocol):
    def add(self, account_id: int, score: int, comment: str | None, logged_by: int | None,
            now: datetime) -> CsatScore: ...
    def get(self, score_id: int) -> CsatScore | None: ...
    def distribution(self, account_ids: set[int] | None, start: datetime, end: datetime) -> dict[int, int]: ...
    def monthly(self, account_ids: set[int] | None, start: datetime, end: datetime) -> list[tuple[str, int, int]]: ...
    def recent(self, account_ids: set[int] | None, limit: int = 5) -> list[CsatScore]: ...
    def accounts_of_owners(self, owner_ids: set[int]) -> set[int]: ...
    def account_owner(self, account_id: int) -> int | None: ...
    def new_link(self, account_id: int, created_by: int, now: datetime, expires_at: datetime) -> CsatLink: ...
    def answer_link(self, link: CsatLink, score: int, comment: str | None, now: datetime) -> CsatScore | None: ...


class ApprovalsPort(Protocol):
    def ask(self, deal_id: int, requester_id: int, approver_id: int, kind: str, what: str,
            discount_percent: int | None, why: str | None, now: datetime) -> Approval: ...
    def get(self, approval_id: int) -> Approval | None: ...
    def decide(self, approval: Approval, status: str, decided_by: int, reason: str | None, now: datetime) -> bool: ...
    def listing(self, status: str | None, person_ids: set[int] | None = None, approver_id: int | None = None,
                limit: int = 50) -> list[Approval]: ...
    def for_deals(self, deal_ids: set[int], kind: str) -> dict[int, Approval]: ...
    def status_counts(self, kind: str, owner_ids: set[int] | None) -> dict[str, int]: ...
    def pending_for(self, approver_id: int, asked_before: datetime) -> list[Approval]: ...


class RhythmPort(Protocol):
    kudos: KudosPort
    training: TrainingPort
    intel: IntelPort
    csat: CsatPort
    approvals: ApprovalsPort
    key_accounts: KeyAccountsPort


@dataclass(frozen=True)
class KeyAccountState:
    """A key account as the care rules read it: its cadence, who looks after it, when it was last touched."""

    account_id: int
    name: str
    owner_id: int | None
    every_days: int
    marked_at: datetime
    last_activity_at: datetime | None
    followed_up_anchor: datetime | None


class KeyAccountsPort(Protocol):
    def mark(self, account_id: int, every_days: int, marked_by: int, now: datetime) -> bool: ...
    def unmark(self, account_id: int) -> bool: ...
    def states(self, owner_ids: set[int] | None = None,
               account_id: int | None = None) -> list[KeyAccountState]: ...
    def claim_lapse(self, account_id: int, anchor: datetime) -> bool: ...
    def record_follow_up(self, account_id: int, task_id: int) -> None: ...
