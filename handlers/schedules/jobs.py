"""What the scheduler hands to the handlers: one occurrence to compose, identified by its delivery key."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Job:
    """One occurrence for one recipient. `channel_id` set: a channel post; otherwise a DM to `person_id`."""

    key: str
    kind: str  # digest, meeting, feedback, feedback-remind, feedback-results, nudge, outbox
    workspace_id: int
    due_at: datetime
    schedule_id: int | None = None
    person_id: int | None = None
    round_id: int | None = None
    ref_id: int | None = None
    local_date: date | None = None
    channel_id: str | None = None
    topic: str | None = None  # an outbox item's kind: what the one-off message is about

    @property
    def is_direct(self) -> bool:
        return self.channel_id is None
