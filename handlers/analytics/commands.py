"""The analytics command table, appended to the core commands by handlers/commands.py."""
from __future__ import annotations

from handlers.analytics import funnel, kpi, leaderboard, partners, risks, targets
from handlers.registry import CommandSpec

ANALYTICS_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("funnel", funnel.show_funnel, "funnel [team|@person|all] [period=30d|90d|month|quarter|YYYY-Qn] "
                "[chart]", "Stage by stage: deals entered, moved on, conversion, days — and the bottleneck",
                "funnel team 90d chart"),
    CommandSpec("kpi", kpi.show_kpi, "kpi [@person|team|all] [period] [chart]",
                "Won, win rate, deal size, cycle, pipeline, coverage, activities, attainment and pace",
                "kpi team quarter"),
    CommandSpec("target set", targets.set_target,
                "target set <@person|team> <won_value|won_count|activities|new_pipeline> <value> "
                "[period=month|quarter|YYYY-MM|YYYY-Qn]",
                "Set a target (managers for their team, admins for all)", "target set @ana won_value 50k quarter"),
    CommandSpec("target list", targets.list_targets, "target list [team|@person|all] [period]",
                "The targets running now, or those of a period", "target list team 2026-Q4"),
    CommandSpec("leaderboard", leaderboard.show_leaderboard,
                "leaderboard [won_value|won_count|activities|new_pipeline|kudos] [team|all] [period] [chart]",
                "People ranked by a metric, with attainment where there is a target", "leaderboard activities 30d"),
    CommandSpec("risks", risks.show_risks, "risks [team|@person|mine|all]",
                "Open deals at risk, and why: idle, overdue, pushed, stuck", "risks team"),
    CommandSpec("partners", partners.show_partners, "partners [team|@person|all] [period]",
                "Won value, win rate and open pipeline per partner", "partners 2026-Q3"),
)
