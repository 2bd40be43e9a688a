"""Kudos: who recognised whom, and counts per person for leaderboards and digests."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from storage.rhythm_models import Kudos
from storage.scoped import ScopedRepo


class KudosRepo(ScopedRepo):
    """Kudos of one workspace."""

    def give(self, giver_id: int, receiver_id: int, why: str, now: datetime) -> Kudos:
        row = Kudos(workspace_id=self.workspace_id, giver_id=giver_id, receiver_id=receiver_id, why=why,
                    given_at=now)
        self.session.add(row)
        self.session.flush()
        return row

    def listing(self, person_ids: set[int] | None, start: datetime, end: datetime, limit: int = 50) -> list[Kudos]:
        """Kudos given to any of `person_ids` (None: anyone) in [start, end), newest first."""
        query = self._in_period(select(Kudos), start, end)
        if person_ids is not None:
            query = query.where(col(Kudos.receiver_id).in_(person_ids))
        return list(self.session.exec(query.order_by(col(Kudos.given_at).desc(), col(Kudos.id).desc()).limit(limit)))

    def received_counts(self, person_ids: set[int] | None, start: datetime, end: datetime) -> dict[int, int]:
        """How many kudos each person received in [start, end)."""
        query = self._in_period(select(Kudos.receiver_id, func.count()), start, end).group_by(Kudos.receiver_id)
        if person_ids is not None:
            query = query.where(col(Kudos.receiver_id).in_(person_ids))
        return {person_id: count for person_id, count in self.session.exec(query)}

    def _in_period(self, query, start: datetime, end: datetime):
        return query.where(Kudos.workspace_id == self.workspace_id, Kudos.given_at >= start, Kudos.given_at < end)
