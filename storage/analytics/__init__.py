"""Analytics computed by the database: funnel, KPI, targets, rankings and risks, as small frozen values.

Every query function takes (session, workspace id, owner ids or None for everyone, period bounds, ...);
`AnalyticsRepo` binds them to one workspace for handlers (`ws.analytics`). Digests: `digest_numbers`.
"""
from storage.analytics.bottleneck import find_bottleneck
from storage.analytics.funnel import funnel, history
from storage.analytics.kpi import kpi
from storage.analytics.rankings import partners, per_person
from storage.analytics.reports import digest_numbers, funnel_report, kpi_report
from storage.analytics.repo import AnalyticsRepo
from storage.analytics.results import (METRICS, MONEY_METRICS, Attainment, Bottleneck, DigestNumbers, Funnel,
                                       FunnelReport, Kpi, KpiReport, PartnerRow, RiskDeal, Scope, StageFlow,
                                       TargetValue, Window)
from storage.analytics.risks import risks
from storage.analytics.targets import attainment, scope_target, set_target, targets_for_period, targets_on

__all__ = [
    "METRICS", "MONEY_METRICS", "AnalyticsRepo", "Attainment", "Bottleneck", "DigestNumbers", "Funnel",
    "FunnelReport", "Kpi", "KpiReport", "PartnerRow", "RiskDeal", "Scope", "StageFlow", "TargetValue", "Window",
    "attainment", "digest_numbers", "find_bottleneck", "funnel", "funnel_report", "history", "kpi", "kpi_report",
    "partners", "per_person", "risks", "scope_target", "set_target", "targets_for_period", "targets_on",
]
