"""The audit trail: who changed what, when."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import col, select

from storage.models import AuditEntry
from storage.scoped import ScopedRepo, insert_row


class AuditRepo(ScopedRepo):
    """Appends to and reads the audit trail of one workspace."""

    def record(self, actor_id: int | None, action: str, entity: str, entity_id: int | None,
               at: datetime, **detail) -> None:
        # Written at once as one plain INSERT: every write command records one, nothing reads it back.
        insert_row(self.session, AuditEntry, dict(workspace_id=self.workspace_id, actor_id=actor_id, action=action,
                                                  entity=entity, entity_id=entity_id, at=at,
                                                  detail=json.dumps(detail, default=str, sort_keys=True)),
                   returning_id=False)

    def recent(self, limit: int = 20) -> list[AuditEntry]:
        query = (select(AuditEntry).where(AuditEntry.workspace_id == self.workspace_id)
                 .order_by(col(AuditEntry.id).desc()).limit(limit))
        return list(self.session.exec(query))
