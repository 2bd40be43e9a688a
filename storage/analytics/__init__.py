"""Analytics computed by the database: funnel, KPI, targets, rankings, activity counts and risks.

Every query function takes (session, workspace id, owner ids or None for everyone, period bounds, ...) and
returns the frozen values of handlers/analytics/results.py; `AnalyticsRepo` binds them to one workspace for
handlers (`ws.analytics`). Digests: `digest_report`.
"""
from storage.analytics.activities import activity_counts
from storage.analytics.bottleneck import find_bottleneck
from storage.analytics.funnel import funnel, history
from storage.analytics.kpi import kpi
from storage.analytics.rankings import open_per_person, partners, per_person
from storage.analytics.repo import AnalyticsRepo
from storage.analytics.reports import DigestReport, digest_report, funnel_report, kpi_report
from storage.analytics.risks import risks
from storage.analytics.targets import scope_target, set_target, target_progress, targets_for_period, targets_on

__all__ = [
    "AnalyticsRepo", "DigestReport", "activity_counts", "digest_report", "find_bottleneck",
    "funnel", "funnel_report", "history", "kpi", "kpi_report", "open_per_person", "partners", "per_person", "risks",
    "scope_target", "set_target", "target_progress", "targets_for_period", "targets_on",
]
