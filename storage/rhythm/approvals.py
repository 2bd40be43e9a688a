"""Approval requests on deals and their one decision."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select

from storage.models import Deal
from storage.rhythm_models import Approval
from storage.scoped import ScopedRepo


class ApprovalRepo(ScopedRepo):
    """Approvals of one workspace."""

    def ask(self, deal_id: int, requester_id: int, approver_id: int, kind: str, what: str,
            discount_percent: int | None, why: str | None, now: datetime) -> Approval:
        row = Approval(workspace_id=self.workspace_id, deal_id=deal_id, requester_id=requester_id,
                       approver_id=approver_id, kind=kind, what=what, discount_percent=discount_percent, why=why,
                       asked_at=now)
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, approval_id: int) -> Approval | None:
        return self._mine(self.session.get(Approval, approval_id))

    def decide(self, approval: Approval, status: str, decided_by: int, reason: str | None, now: datetime) -> bool:
        """Record the decision unless someone decided first (two clicks at once: exactly one wins)."""
        result = self.session.execute(
            update(Approval).where(Approval.id == approval.id, Approval.status == "pending")
            .values(status=status, decided_by=decided_by, decided_at=now, reason=reason))
        self.session.refresh(approval)
        return result.rowcount == 1

    def listing(self, status: str | None, person_ids: set[int] | None = None, approver_id: int | None = None,
                limit: int = 50) -> list[Approval]:
        """Requests by any of `person_ids` (None: anyone) or awaiting `approver_id`, newest first."""
        query = select(Approval).where(Approval.workspace_id == self.workspace_id)
        if status is not None:
            query = query.where(Approval.status == status)
        if person_ids is not None and approver_id is not None:
            query = query.where(col(Approval.requester_id).in_(person_ids) | (Approval.approver_id == approver_id))
        elif person_ids is not None:
            query = query.where(col(Approval.requester_id).in_(person_ids))
        elif approver_id is not None:
            query = query.where(Approval.approver_id == approver_id)
        return list(self.session.exec(query.order_by(col(Approval.asked_at).desc(), col(Approval.id).desc())
                                      .limit(limit)))

    def for_deals(self, deal_ids: set[int], kind: str) -> dict[int, Approval]:
        """The latest request of `kind` for each of `deal_ids`."""
        if not deal_ids:
            return {}
        query = (select(Approval).where(Approval.workspace_id == self.workspace_id, Approval.kind == kind,
                                        col(Approval.deal_id).in_(deal_ids)).order_by(Approval.id))
        return {row.deal_id: row for row in self.session.exec(query)}

    def status_counts(self, kind: str, owner_ids: set[int] | None) -> dict[str, int]:
        """Requests of `kind` on deals owned by any of `owner_ids` (None: anyone), counted by status."""
        query = (select(Approval.status, func.count()).join(Deal, Deal.id == Approval.deal_id)
                 .where(Approval.workspace_id == self.workspace_id, Approval.kind == kind)
                 .group_by(Approval.status))
        if owner_ids is not None:
            query = query.where(col(Deal.owner_id).in_(owner_ids))
        return {status: count for status, count in self.session.exec(query)}

    def pending_for(self, approver_id: int, asked_before: datetime) -> list[Approval]:
        """Requests still waiting on `approver_id` that were asked before `asked_before`."""
        query = select(Approval).where(Approval.workspace_id == self.workspace_id, Approval.status == "pending",
                                       Approval.approver_id == approver_id, Approval.asked_at < asked_before)
        return list(self.session.exec(query.order_by(Approval.asked_at)))
