"""The analytics of one workspace inside one transaction: what handlers reach as `ws.analytics`."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlmodel import Session

from handlers.analytics.results import (ActivityCount, CurrencyMix, Funnel, FunnelReport, KpiReport, OpenTotal,
                                        PartnerRow, StagePipeline,
                                        ReportScope, RiskDeal, TargetValue, Window)
from storage.analytics import batch, fx, rankings, reports, targets
from storage.analytics.activities import activity_counts
from storage.analytics.funnel import HISTORY_PERIOD_DAYS, history, typical_stays
from storage.analytics.risks import risks
from storage.models import Workspace


class AnalyticsRepo:
    """Query functions of storage.analytics bound to one session and workspace (read at call time, so a
    currency or risk setting changed earlier in the same command is honoured)."""

    def __init__(self, session: Session, workspace: Workspace) -> None:
        self.session = session
        self.workspace = workspace

    def _ready(self) -> Session:
        # The queries run on the session's connection, below the ORM: push pending writes first.
        self.session.flush()
        return self.session

    def history(self, as_of: datetime, period_days: int = HISTORY_PERIOD_DAYS) -> Funnel:
        return history(self._ready(), self.workspace.id, as_of, period_days)

    def typical_stays(self, as_of: datetime) -> dict[str, float]:
        return typical_stays(self._ready(), self.workspace.id, as_of)

    def funnel_report(self, scope: ReportScope, window: Window, previous: Window, history: Funnel,
                      stays: bool = True) -> FunnelReport:
        return reports.funnel_report(self._ready(), self.workspace.id, scope, window, previous, history, stays)

    def kpi_report(self, scope: ReportScope, window: Window, today: date, full: bool = True) -> KpiReport:
        return reports.kpi_report(self._ready(), self.workspace.id, self.workspace.currency, scope, window, today,
                                  full)

    def kpi_reports(self, scopes: Sequence[ReportScope], window: Window, today: date,
                    full: bool = True) -> list[KpiReport]:
        return batch.kpi_reports(self._ready(), self.workspace.id, self.workspace.currency, scopes, window, today,
                                 full)

    def funnel_reports(self, scopes: Sequence[ReportScope], window: Window, previous: Window,
                       history: Funnel, stays: bool = True) -> list[FunnelReport]:
        return batch.funnel_reports(self._ready(), self.workspace.id, scopes, window, previous, history, stays)

    def risks_of(self, scopes: Sequence[ReportScope], now: datetime, today: date,
                 stage_medians: dict[str, float | None]) -> list[tuple[RiskDeal, ...]]:
        return batch.risks_of(self._ready(), self.workspace.id, scopes, now, today, self.workspace.risk_idle_days,
                              stage_medians)

    def risks(self, owner_ids: Iterable[int] | None, now: datetime, today: date,
              stage_medians: dict[str, float | None]) -> tuple[RiskDeal, ...]:
        return risks(self._ready(), self.workspace.id, owner_ids, now, today, self.workspace.risk_idle_days,
                     stage_medians)

    def per_person(self, owner_ids: Iterable[int] | None, metric: str, window: Window) -> list[tuple[int, int]]:
        return rankings.per_person(self._ready(), self.workspace.id, owner_ids, metric, window.start, window.end,
                                   self.workspace.currency)

    def activity_counts(self, owner_ids: Iterable[int] | None, window: Window,
                        by: tuple[str, ...]) -> tuple[ActivityCount, ...]:
        return activity_counts(self._ready(), self.workspace.id, owner_ids, window.start, window.end, by)

    def open_per_person(self, owner_ids: Iterable[int] | None) -> tuple[OpenTotal, ...]:
        return rankings.open_per_person(self._ready(), self.workspace.id, owner_ids, self.workspace.currency)

    def partners(self, owner_ids: Iterable[int] | None, window: Window) -> tuple[PartnerRow, ...]:
        return rankings.partners(self._ready(), self.workspace.id, owner_ids, window.start, window.end,
                                 self.workspace.currency)

    def set_target(self, *, person_id: int | None, team_id: int | None, metric: str, label: str,
                   window: Window, value: int) -> tuple[TargetValue, int | None]:
        return targets.set_target(self._ready(), self.workspace.id, person_id=person_id, team_id=team_id,
                                  metric=metric, label=label, first_day=window.first_day,
                                  last_day=window.last_day, value=value)

    def targets_for_period(self, window: Window) -> tuple[TargetValue, ...]:
        return targets.targets_for_period(self._ready(), self.workspace.id, window.first_day, window.last_day)

    def targets_on(self, day: date) -> tuple[TargetValue, ...]:
        return targets.targets_on(self._ready(), self.workspace.id, day)

    def currency_mix(self, owner_ids: Iterable[int] | None,
                     window: Window | None = None) -> tuple[CurrencyMix, ...]:
        start, end = (window.start, window.end) if window is not None else (None, None)
        return fx.currency_mix(self._ready(), self.workspace.id, owner_ids, self.workspace.currency, start, end)

    def pipeline(self, owner_ids: Iterable[int] | None) -> tuple[StagePipeline, ...]:
        return fx.pipeline(self._ready(), self.workspace.id, owner_ids, self.workspace.currency)
