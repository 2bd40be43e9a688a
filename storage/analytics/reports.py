"""Reports built from several queries: KPI with targets, funnel with its bottleneck, a digest's three reports."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from handlers.analytics.results import METRICS, Funnel, FunnelReport, KpiReport, ReportScope, RiskDeal, Window
from storage.analytics.bottleneck import find_bottleneck
from storage.analytics.funnel import funnel, funnels
from storage.analytics.kpi import SHOWN_IN_DIGESTS, kpi
from storage.analytics.risks import risks
from storage.analytics.targets import scope_target, target_progress, targets_for_period


@dataclass(frozen=True)
class DigestReport:
    """The three reports a daily digest is computed from, for one person or one team."""

    kpi: KpiReport
    funnel: FunnelReport
    risks: tuple[RiskDeal, ...]


def kpi_report(session: Session, workspace_id: int, currency: str, scope: ReportScope, window: Window,
               today: date, full: bool = True) -> KpiReport:
    """The scope's KPI over `window`, with attainment and pace on each target set for exactly that period;
    without `full`, what a digest shows (`kpi.SHOWN_IN_DIGESTS`)."""
    numbers = kpi(session, workspace_id, scope.owner_ids, window.start, window.end, currency, full)
    everyone = scope.owner_ids is None
    targets = targets_for_period(session, workspace_id, window.first_day, window.last_day,
                                 None if everyone else scope.owner_ids, None if everyone else scope.team_ids)
    return with_progress(numbers, targets, scope, window, today, METRICS if full else SHOWN_IN_DIGESTS)


def with_progress(numbers, targets, scope: ReportScope, window: Window, today: date,
                  metrics: tuple[str, ...] = METRICS) -> KpiReport:
    """The KPI with attainment and pace on each of `targets` of `metrics` that applies to the scope."""
    progress = []
    for metric in metrics:
        target = scope_target(targets, metric, scope.person_id, scope.team_ids, scope.owner_ids)
        if target is not None:
            progress.append(target_progress(metric, numbers.actual(metric), target, window.first_day,
                                            window.last_day, today))
    return KpiReport(numbers, tuple(progress))


def funnel_report(session: Session, workspace_id: int, scope: ReportScope, window: Window, previous: Window,
                  history: Funnel, stays: bool = True) -> FunnelReport:
    """The scope's funnel over `window` and over `previous` (its flow only: the bottleneck compares
    conversions), and the bottleneck judged against both and against `history` (`funnel.history`);
    without `stays`, the current funnel's flow only too (a digest shows the bottleneck, not the stays)."""
    if previous.end == window.start:
        before, current = funnels(session, workspace_id, scope.owner_ids, (previous.start, window.start, window.end),
                                  stays_from=1 if stays else 2)
    else:  # periods that do not touch are read separately
        before = funnel(session, workspace_id, scope.owner_ids, previous.start, previous.end)
        current, = funnels(session, workspace_id, scope.owner_ids, (window.start, window.end),
                           stays_from=0 if stays else 1)
    return FunnelReport(current, before, history, find_bottleneck(current, before, history))


def digest_report(session: Session, workspace, scope: ReportScope, kpi_window: Window, funnel_window: Window,
                   previous_window: Window, history: Funnel, now: datetime, today: date) -> DigestReport:
    """A daily digest's numbers, what it shows: KPI (won and open) against won targets, funnel with
    bottleneck (flow only), deals at risk.

    `workspace` needs `id`, `currency` and `risk_idle_days`. Compute `history` once per workspace and
    run (it covers the whole workspace), not once per digest.
    """
    return DigestReport(
        kpi=kpi_report(session, workspace.id, workspace.currency, scope, kpi_window, today, full=False),
        funnel=funnel_report(session, workspace.id, scope, funnel_window, previous_window, history, stays=False),
        risks=risks(session, workspace.id, scope.owner_ids, now, today, workspace.risk_idle_days,
                    history.typical_stay_days()),
    )
