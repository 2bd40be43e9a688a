"""A sync's memory: its state (cursors, pause), the outbox of local changes to push, and what changed locally."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import col, select

from storage.io.imports import ImportRepo
from storage.io.models import ExternalRef, SyncOutbox, SyncState
from storage.models import Activity, Deal


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
        """Outbox rows for deals changed here since they were last synced and for activities logged since."""
        ref = ExternalRef
        waiting = select(SyncOutbox.entity_id).where(SyncOutbox.workspace_id == self.workspace_id,
                                                     SyncOutbox.source == self.source, SyncOutbox.entity == "deal",
                                                     col(SyncOutbox.pushed_at).is_(None))
        query = (select(Deal.id).outerjoin(ref, and_(ref.workspace_id == Deal.workspace_id, ref.source == self.source,
                                                    ref.entity == "deal", ref.entity_id == Deal.id))
                 .where(Deal.workspace_id == self.workspace_id, col(Deal.id).not_in(waiting),
                        or_(col(ref.id).is_(None), Deal.updated_at > ref.local_synced_at)).order_by(Deal.id))
        deal_ids = list(self.session.exec(query))
        last = self.cursor("activities").get("last_id", 0)
        activity_ids = list(self.session.exec(select(Activity.id).where(
            Activity.workspace_id == self.workspace_id, Activity.id > last).order_by(Activity.id)))
        for entity, ids in (("deal", deal_ids), ("activity", activity_ids)):
            for entity_id in ids:
                self.session.add(SyncOutbox(workspace_id=self.workspace_id, source=self.source, entity=entity,
                                            entity_id=entity_id, created_at=now))
        if activity_ids:
            self.set_cursor("activities", {"last_id": activity_ids[-1]})
        return len(deal_ids) + len(activity_ids)

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

    def zoho_ref(self, entity: str, entity_id: int) -> ExternalRef | None:
        return self.of(self.source, entity, entity_id)
