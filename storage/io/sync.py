"""A sync's memory: its state (cursors, pause), the outbox of local changes to push, and what changed locally."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import col, select

from storage.io.imports import ImportRepo
from storage.forecast_models import DealVersion
from storage.io.models import ExternalRef, SyncOutbox, SyncState
from storage.models import Account, Activity, Contact, Deal
from storage.task_models import Task


class SyncRepo(ImportRepo):
    """The sync of one workspace with one `source` (zoho)."""

    def __init__(self, session, workspace_id: int, source: str) -> None:
        super().__init__(session, workspace_id)
        self.source = source

    def state(self) -> SyncState:
        state = self.session.get(SyncState, (self.workspace_id, self.source))
        if state is None:
            state = SyncState(workspace_id=self.workspace_id, source=self.source)
            self.session.add(state)
            self.session.flush()
        return state

    def cursor(self, name: str) -> dict:
        return json.loads(self.state().cursors).get(name, {})

    def set_cursor(self, name: str, value: dict) -> None:
        state = self.state()
        cursors = json.loads(state.cursors)
        cursors[name] = value
        state.cursors = json.dumps(cursors, sort_keys=True)

    def enqueue_changes(self, now: datetime) -> int:
        """Outbox rows, in the order they must reach the remote (an account before its deals and contacts):
        accounts and contacts new here, deals changed since last synced, activities logged since, and tasks
        new here or finished since."""
        last = self.cursor("activities").get("last_id", 0)
        activity_ids = list(self.session.exec(select(Activity.id).where(
            Activity.workspace_id == self.workspace_id, Activity.id > last).order_by(Activity.id)))
        queued = (("account", self._unlinked(Account, "account")), ("contact", self._unlinked(Contact, "contact")),
                  ("deal", self._changed_deals()), ("activity", activity_ids), ("task", self._changed_tasks()))
        for entity, ids in queued:
            for entity_id in ids:
                self.session.add(SyncOutbox(workspace_id=self.workspace_id, source=self.source, entity=entity,
                                            entity_id=entity_id, created_at=now))
        if activity_ids:
            self.set_cursor("activities", {"last_id": activity_ids[-1]})
        return sum(len(ids) for _, ids in queued)

    def _waiting(self, entity: str):
        return select(SyncOutbox.entity_id).where(SyncOutbox.workspace_id == self.workspace_id,
                                                  SyncOutbox.source == self.source, SyncOutbox.entity == entity,
                                                  col(SyncOutbox.pushed_at).is_(None))

    def _joined(self, model, entity: str):
        ref = ExternalRef
        return (select(model.id).outerjoin(ref, and_(ref.workspace_id == model.workspace_id, ref.source == self.source,
                                                     ref.entity == entity, ref.entity_id == model.id))
                .where(model.workspace_id == self.workspace_id, col(model.id).not_in(self._waiting(entity))))

    def _unlinked(self, model, entity: str) -> list[int]:
        """Rows the remote has never had (a row it sent us is linked as it arrives)."""
        return list(self.session.exec(self._joined(model, entity).where(col(ExternalRef.id).is_(None))
                                      .order_by(model.id)))

    def _changed_deals(self) -> list[int]:
        query = self._joined(Deal, "deal").where(col(Deal.deleted_at).is_(None), or_(
            col(ExternalRef.id).is_(None), Deal.updated_at > ExternalRef.local_synced_at))
        return list(self.session.exec(query.order_by(Deal.id)))

    def _changed_tasks(self) -> list[int]:
        query = self._joined(Task, "task").where(or_(col(ExternalRef.id).is_(None), and_(
            col(Task.done_at).is_not(None), Task.done_at > ExternalRef.local_synced_at)))
        return list(self.session.exec(query.order_by(Task.id)))

    def pending(self, limit: int = 100, retried_only: bool = False) -> list[SyncOutbox]:
        """Rows not pushed yet, oldest first; `retried_only`: those a stopped sync had started sending."""
        query = (select(SyncOutbox).where(SyncOutbox.workspace_id == self.workspace_id,
                                          SyncOutbox.source == self.source, col(SyncOutbox.pushed_at).is_(None))
                 .order_by(SyncOutbox.id).limit(limit))
        if retried_only:
            query = query.where(SyncOutbox.attempts > 0)
        return list(self.session.exec(query))

    def outbox_row(self, row_id: int) -> SyncOutbox | None:
        return self._mine(self.session.get(SyncOutbox, row_id))

    def deal_version_at(self, deal_id: int, at: datetime) -> DealVersion | None:
        """The deal as it stood at `at` (its last version from then or before)."""
        query = (select(DealVersion).where(DealVersion.workspace_id == self.workspace_id,
                                           DealVersion.deal_id == deal_id, DealVersion.valid_from <= at)
                 .order_by(col(DealVersion.valid_from).desc(), col(DealVersion.id).desc()).limit(1))
        return self.session.exec(query).first()

    def zoho_ref(self, entity: str, entity_id: int) -> ExternalRef | None:
        return self.of(self.source, entity, entity_id)
