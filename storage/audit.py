"""The audit trail: who changed what, when."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.models import AuditEntry
from storage.scoped import ScopedRepo


def audit_detail(**detail) -> str:
    """An entry's detail as stored (JSON, keys sorted)."""
    return json.dumps(detail, default=str, sort_keys=True)


class AuditRepo(ScopedRepo):
    """Appends to and reads the audit trail of one workspace."""

    def record(self, actor_id: int | None, action: str, entity: str, entity_id: int | None,
               at: datetime, **detail) -> AuditEntry:
        entry = AuditEntry(workspace_id=self.workspace_id, actor_id=actor_id, action=action, entity=entity,
                           entity_id=entity_id, at=at, detail=audit_detail(**detail))
        self.session.add(entry)
        self.session.flush()
        return entry

    def recent(self, limit: int = 20) -> list[AuditEntry]:
        query = (select(AuditEntry).where(AuditEntry.workspace_id == self.workspace_id)
                 .order_by(col(AuditEntry.id).desc()).limit(limit))
        return list(self.session.exec(query))

    def get(self, entry_id: int) -> AuditEntry | None:
        return self._mine(self.session.get(AuditEntry, entry_id))

    def by_actor_since(self, actor_id: int, since: datetime, limit: int = 50) -> list[AuditEntry]:
        """The actor's entries from `since` on, newest first."""
        query = (select(AuditEntry).where(AuditEntry.workspace_id == self.workspace_id,
                                          AuditEntry.actor_id == actor_id, AuditEntry.at >= since)
                 .order_by(col(AuditEntry.id).desc()).limit(limit))
        return list(self.session.exec(query))

    def for_entity(self, entity: str, entity_id: int, limit: int = 50, offset: int = 0) -> list[AuditEntry]:
        """One thing's entries, oldest first."""
        query = (select(AuditEntry).where(AuditEntry.workspace_id == self.workspace_id,
                                          AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                 .order_by(col(AuditEntry.id)).offset(offset).limit(limit))
        return list(self.session.exec(query))

    def count_for_entity(self, entity: str, entity_id: int) -> int:
        query = (select(func.count()).select_from(AuditEntry)
                 .where(AuditEntry.workspace_id == self.workspace_id, AuditEntry.entity == entity,
                        AuditEntry.entity_id == entity_id))
        return self.session.exec(query).one()
