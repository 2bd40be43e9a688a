"""Exchange rates to the workspace's base currency: set, list, and the join every converted total uses."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from storage.scoped import ScopedRepo
from storage.task_models import FxRate


class FxRepo(ScopedRepo):
    """The rates of one workspace."""

    def set(self, *, base: str, currency: str, rate: str, factor_micro: int, actor_id: int | None,
            now: datetime) -> FxRate:
        row = self.get(base, currency)
        if row is None:
            row = FxRate(workspace_id=self.workspace_id, base=base, currency=currency, rate=rate,
                         factor_micro=factor_micro, set_by_id=actor_id, set_at=now)
            self.session.add(row)
        else:
            row.rate, row.factor_micro, row.set_by_id, row.set_at = rate, factor_micro, actor_id, now
        self.session.flush()
        return row

    def get(self, base: str, currency: str) -> FxRate | None:
        query = select(FxRate).where(FxRate.workspace_id == self.workspace_id, FxRate.base == base,
                                     FxRate.currency == currency)
        return self.session.exec(query).first()

    def all(self, base: str) -> list[FxRate]:
        query = (select(FxRate).where(FxRate.workspace_id == self.workspace_id, FxRate.base == base)
                 .order_by(col(FxRate.currency)))
        return list(self.session.exec(query))
