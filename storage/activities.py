"""Activities: the calls, emails, meetings, demos, visits and notes reps log."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from handlers.records import ActivityFilter
from storage.models import Activity, Deal
from storage.scoped import ScopedRepo

ACTIVITY_KINDS = ("call", "email", "meeting", "demo", "visit", "note")
LIVE = col(Activity.deleted_at).is_(None)


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

    def get(self, activity_id: int, deleted: bool = False) -> Activity | None:
        """The live activity (or, with `deleted`, the deleted one) with this id."""
        activity = self._mine(self.session.get(Activity, activity_id))
        if activity is None or (activity.deleted_at is not None) != deleted:
            return None
        return activity

    def for_deal(self, deal: Deal, limit: int = 5) -> list[Activity]:
        query = (select(Activity).where(Activity.workspace_id == self.workspace_id, Activity.deal_id == deal.id,
                                        LIVE)
                 .order_by(col(Activity.occurred_at).desc()).limit(limit))
        return list(self.session.exec(query))

    def for_account(self, account_id: int, limit: int = 5) -> list[Activity]:
        query = (select(Activity).where(Activity.workspace_id == self.workspace_id,
                                        Activity.account_id == account_id, LIVE)
                 .order_by(col(Activity.occurred_at).desc()).limit(limit))
        return list(self.session.exec(query))

    def matching(self, wanted: ActivityFilter, limit: int = 50, offset: int = 0) -> list[Activity]:
        """One page of live activities as `wanted` says, newest first."""
        query = self._filtered(select(Activity), wanted)
        query = query.order_by(col(Activity.occurred_at).desc(), col(Activity.id).desc())
        return list(self.session.exec(query.offset(offset).limit(limit)))

    def count_matching(self, wanted: ActivityFilter) -> int:
        return self.session.exec(self._filtered(select(func.count()).select_from(Activity), wanted)).one()

    def _filtered(self, query, wanted: ActivityFilter):
        query = query.where(Activity.workspace_id == self.workspace_id, LIVE)
        if wanted.deal_id is not None:
            query = query.where(Activity.deal_id == wanted.deal_id)
        if wanted.person_ids is not None:
            query = query.where(col(Activity.person_id).in_(wanted.person_ids))
        if wanted.start is not None:
            query = query.where(Activity.occurred_at >= wanted.start)
        if wanted.end is not None:
            query = query.where(Activity.occurred_at < wanted.end)
        return query

    def set_notes(self, activity: Activity, notes: str) -> None:
        activity.notes = notes

    def soft_delete(self, activity: Activity, now: datetime) -> None:
        activity.deleted_at = now

    def restore(self, activity: Activity) -> None:
        activity.deleted_at = None
