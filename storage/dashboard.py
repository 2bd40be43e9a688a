"""Read-only totals for dashboards (App Home): activity counts, open and won deals per owner, current targets."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_
from sqlmodel import col, select

from storage.models import Activity, Deal, Target
from storage.scoped import ScopedRepo


@dataclass(frozen=True)
class OwnerTotal:
    """Deals of one owner in one currency: how many, and their summed amount."""

    owner_id: int
    currency: str
    count: int
    amount_minor: int


class DashboardRepo(ScopedRepo):
    """Aggregates computed by the database for one workspace."""

    def activity_counts(self, person_ids: set[int], since: datetime, kind: str | None = None) -> dict[int, dict]:
        """person id -> {kind: count} of activities logged since `since`."""
        query = (select(Activity.person_id, Activity.kind, func.count())
                 .where(Activity.workspace_id == self.workspace_id, col(Activity.person_id).in_(person_ids),
                        Activity.occurred_at >= since))
        if kind:
            query = query.where(Activity.kind == kind)
        counts: dict[int, dict] = {}
        for person_id, activity_kind, count in self.session.exec(query.group_by(Activity.person_id, Activity.kind)):
            counts.setdefault(person_id, {})[activity_kind] = count
        return counts

    def open_by_owner(self, owner_ids: set[int]) -> list[OwnerTotal]:
        query = (select(Deal.owner_id, Deal.currency, func.count(), func.sum(Deal.amount_minor))
                 .where(Deal.workspace_id == self.workspace_id, Deal.status == "open",
                        col(Deal.owner_id).in_(owner_ids))
                 .group_by(Deal.owner_id, Deal.currency))
        return [OwnerTotal(o, c, n, int(a or 0)) for o, c, n, a in self.session.exec(query)]

    def won_by_owner(self, owner_ids: set[int], since: datetime, until: datetime) -> list[OwnerTotal]:
        """Deals won (closed) in [since, until), per owner and currency."""
        query = (select(Deal.owner_id, Deal.currency, func.count(), func.sum(Deal.amount_minor))
                 .where(Deal.workspace_id == self.workspace_id, Deal.status == "won",
                        col(Deal.owner_id).in_(owner_ids), Deal.closed_at >= since, Deal.closed_at < until)
                 .group_by(Deal.owner_id, Deal.currency))
        return [OwnerTotal(o, c, n, int(a or 0)) for o, c, n, a in self.session.exec(query)]

    def targets_on(self, day: date, person_id: int, team_ids: list[int]) -> list[Target]:
        """Targets whose period contains `day`, set for the person or for one of their teams."""
        owner = Target.person_id == person_id
        if team_ids:
            owner = or_(owner, col(Target.team_id).in_(team_ids))
        query = (select(Target).where(Target.workspace_id == self.workspace_id, Target.period_start <= day,
                                      Target.period_end >= day, owner)
                 .order_by(Target.period_start, Target.id))
        return list(self.session.exec(query))
