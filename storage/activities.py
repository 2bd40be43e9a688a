"""Activities: the calls, emails, meetings, demos, visits and notes reps log."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from storage.models import Activity, Deal
from storage.scoped import ScopedRepo

ACTIVITY_KINDS = ("call", "email", "meeting", "demo", "visit", "note")


class ActivityRepo(ScopedRepo):
    """Reads and writes the activities of one workspace."""

    def add(self, kind: str, notes: str, person_id: int, occurred_at: datetime,
            deal: Deal | None = None, account_id: int | None = None) -> Activity:
        """Record an activity; on a deal it also refreshes the deal's last-touched time."""
        activity = Activity(workspace_id=self.workspace_id, kind=kind, notes=notes, person_id=person_id,
                            deal_id=deal.id if deal else None,
                            account_id=account_id if account_id else (deal.account_id if deal else None),
                            occurred_at=occurred_at)
        self.session.add(activity)
        if deal is not None and (deal.last_activity_at is None or deal.last_activity_at < occurred_at):
            deal.last_activity_at = occurred_at
        self.session.flush()
        return activity

    def for_deal(self, deal: Deal, limit: int = 5) -> list[Activity]:
        query = (select(Activity).where(Activity.workspace_id == self.workspace_id, Activity.deal_id == deal.id)
                 .order_by(col(Activity.occurred_at).desc()).limit(limit))
        return list(self.session.exec(query))

