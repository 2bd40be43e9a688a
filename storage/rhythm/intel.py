"""Market and competitor intel notes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.models import Deal

from storage.rhythm_models import IntelNote
from storage.scoped import ScopedRepo, name_key


class IntelRepo(ScopedRepo):
    """Intel of one workspace."""

    def add(self, person_id: int, note: str, competitor: str | None, account_id: int | None,
            now: datetime) -> IntelNote:
        key = name_key(competitor) if competitor else None
        row = IntelNote(workspace_id=self.workspace_id, person_id=person_id, note=note,
                        competitor=self._spelling(key) or competitor, competitor_key=key, account_id=account_id,
                        noted_at=now)
        self.session.add(row)
        self.session.flush()
        return row

    def _spelling(self, key: str | None) -> str | None:
        """How the competitor was first written, so `globex` and `Globex` group and read as one."""
        if key is None:
            return None
        query = (select(IntelNote.competitor).where(IntelNote.workspace_id == self.workspace_id,
                                                    IntelNote.competitor_key == key).order_by(IntelNote.id).limit(1))
        return self.session.exec(query).first()

    def listing(self, person_ids: set[int] | None, start: datetime, end: datetime, competitor: str | None = None,
                limit: int = 200) -> list[IntelNote]:
        """Notes by any of `person_ids` (None: anyone) in [start, end), grouped by competitor, newest first."""
        query = select(IntelNote).where(IntelNote.workspace_id == self.workspace_id, IntelNote.noted_at >= start,
                                        IntelNote.noted_at < end)
        if person_ids is not None:
            query = query.where(col(IntelNote.person_id).in_(person_ids))
        if competitor is not None:
            query = query.where(IntelNote.competitor_key == name_key(competitor))
        order = (col(IntelNote.competitor_key).is_(None), IntelNote.competitor_key, col(IntelNote.noted_at).desc())
        return list(self.session.exec(query.order_by(*order).limit(limit)))

    def lost_reasons(self, person_ids: set[int] | None, start: datetime, end: datetime) -> list[tuple[str, int]]:
        """Reasons of deals lost in [start, end), most frequent first (case-insensitive grouping)."""
        reason = func.lower(func.trim(Deal.lost_reason))
        query = (select(func.min(Deal.lost_reason), func.count())
                 .where(Deal.workspace_id == self.workspace_id, Deal.status == "lost", Deal.closed_at >= start,
                        Deal.closed_at < end, col(Deal.lost_reason).is_not(None), func.trim(Deal.lost_reason) != "")
                 .group_by(reason).order_by(func.count().desc(), reason))
        if person_ids is not None:
            query = query.where(col(Deal.owner_id).in_(person_ids))
        return [(text, count) for text, count in self.session.exec(query)]
