"""The command table of the shared language: one row per command, in the order `help` lists them."""
from __future__ import annotations

from handlers import activities, deal_add, deal_edit, deal_moves, deal_views, help as help_cmd, org, pipeline
from handlers import workspace_settings as ws_settings
from dataclasses import replace

from handlers import dashboard, exports, language
from handlers.analytics.commands import ANALYTICS_COMMANDS
from handlers.forecast.commands import FORECAST_COMMANDS, FORECAST_FORMS
from handlers.crm_commands import CRM_COMMANDS, CRM_FORMS, with_pages
from handlers.registry import CommandSpec, Registry
from handlers.rhythm.commands import RHYTHM_COMMANDS, RHYTHM_FORMS
from handlers.schedules.commands import SCHEDULE_COMMANDS, SCHEDULE_FORMS
from handlers.tasks.commands import TASK_COMMANDS

CORE_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("help", help_cmd.show_help, "help [command]", "List commands, or explain one", "help deal add"),
    CommandSpec("deal add", deal_add.add_deal,
                'deal add "<name>" <amount> [stage=<stage>] [close=<date>] [account=<name>] [partner=<name>] '
                '[contact=<name>]',
                "Open a deal you own (no arguments opens a form)",
                'deal add "Acme renewal" 12k stage=proposal close=+30d account="Acme Corp"'),
    CommandSpec("deal show", deal_views.show_deal, "deal show <#12|name>", "Show a deal with its history",
                "deal show #12"),
    CommandSpec("deal list", deal_views.list_deals,
                "deal list [mine|team|@person|all|deleted] [stage=] [owner=@person] [account=] [partner=] "
                "[close<=<date>] [amount>=<amount>] [page=<n>]",
                "List open deals (or one stage's, or the deleted ones), filtered", "deal list team amount>=10k"),
    CommandSpec("deal update", deal_edit.update_deal,
                "deal update <#12|name> [amount=] [close=] [name=] [account=] [partner=] [contact=] [owner=@person]",
                "Change a deal's details or hand it to someone", "deal update #12 amount=15k close=+2w"),
    CommandSpec("deal stage", deal_moves.move_stage, "deal stage <#12|name> <stage>", "Move a deal to a stage",
                "deal stage #12 negotiation"),
    CommandSpec("deal won", deal_moves.mark_won, "deal won <#12|name>", "Mark a deal won", "deal won #12"),
    CommandSpec("deal lost", deal_moves.mark_lost, 'deal lost <#12|name> [reason="..."]',
                "Mark a deal lost, with the reason", 'deal lost #12 reason="went with a competitor"'),
    CommandSpec("log", activities.log_activity, 'log <call|email|meeting|demo|visit|note> <#12|account> "<notes>" '
                '[next="<what>" due=<when>]',
                "Record an activity on a deal or an account", 'log call #12 "pricing agreed"'),
    CommandSpec("export deals", exports.export_deals, "export deals [mine|team|all] [period] [format=csv|xlsx]",
                "Your deals (managers: the team's; admins: all) as a spreadsheet file",
                "export deals team quarter"),
    CommandSpec("pipeline", pipeline.show_pipeline, "pipeline [mine|team|@person|all]",
                "Open deals by stage: count, value, weighted value", "pipeline team"),
    CommandSpec("dashboard", dashboard.show_dashboard, "dashboard [mine|team]",
                "Your open deals, this week's activity and targets; or your team's", "dashboard team"),
    CommandSpec("team create", org.create_team, 'team create "<name>"', "Create a sales team",
                'team create "East"'),
    CommandSpec("team add", org.add_members, "team add <team> @person...", "Add people to a team",
                'team add "East" @ana @bob'),
    CommandSpec("team manager", org.set_manager, "team manager <team> @person", "Choose a team's manager",
                'team manager "East" @carla'),
    CommandSpec("team channel", org.set_channel, "team channel <team> here|off",
                "Announce the team's wins, losses and big deals in this channel", 'team channel "East" here'),
    CommandSpec("role", org.set_role, "role @person rep|manager|admin", "Change someone's role",
                "role @carla manager"),
    CommandSpec("whoami", org.whoami, "whoami", "Your role, teams and timezone", "whoami"),
    CommandSpec("settings timezone", ws_settings.set_timezone, "settings timezone <IANA zone> [me]",
                "Set the workspace timezone, or only yours with `me`", "settings timezone Europe/Lisbon me"),
    CommandSpec("settings language", language.set_language, "settings language <tag> [me]",
                "Set the workspace language, or only yours with `me` (en, zh-CN, de...)",
                "settings language zh-CN"),
    CommandSpec("settings currency", ws_settings.set_currency, "settings currency <ISO code>",
                "Default currency for new deals", "settings currency EUR"),
    CommandSpec("settings bigdeal", ws_settings.set_big_deal, "settings bigdeal <amount>|off",
                "Announce new deals, celebrate wins, of at least this amount", "settings bigdeal 100k"),
    CommandSpec("settings riskdays", ws_settings.set_risk_days, "settings riskdays <days>",
                "Days without activity before a deal is at risk", "settings riskdays 14"),
    CommandSpec("settings visibility", ws_settings.set_visibility, "settings visibility open|team|own",
                "Who sees whose numbers and deals (admins; default team)", "settings visibility own"),
    CommandSpec("stages", ws_settings.list_stages, "stages", "List the pipeline stages", "stages"),
    CommandSpec("stages set", ws_settings.replace_stages, "stages set <name>:<win %>...",
                "Replace the open stages (admins)", "stages set lead:10 qualified:25 proposal:50 negotiation:75"),
)

FORM_HANDLERS = {
    deal_add.FORM_ID: ("deal add", deal_add.submit_deal_form),
    activities.FORM_ID: ("log", activities.submit_activity_form),
    **CRM_FORMS,
    **SCHEDULE_FORMS,
    **FORECAST_FORMS,
    **RHYTHM_FORMS,
}


# Commands that only read: they take no write lock, so a burst of them never queues behind writers. A
# first-seen sender makes one write after all; the database refuses it and the command runs again as a writer.
READ_ONLY_COMMANDS = frozenset({
    "help", "deal show", "deal list", "pipeline", "dashboard", "whoami", "stages", "funnel", "kpi", "target list",
    "leaderboard", "risks", "partners", "digest list", "meeting list", "feedback list", "feedback results",
})


def build_registry(*extra: tuple[CommandSpec, ...]) -> Registry:
    """The registry of the core commands plus the tables of later areas (analytics, schedules)."""
    specs = CORE_COMMANDS + CRM_COMMANDS
    specs += ANALYTICS_COMMANDS
    specs += SCHEDULE_COMMANDS
    specs += TASK_COMMANDS
    specs += FORECAST_COMMANDS
    specs += RHYTHM_COMMANDS
    for table in extra:
        specs = specs + table
    return Registry(with_pages(tuple(replace(spec, read_only=spec.read_only or spec.name in READ_ONLY_COMMANDS)
                                     for spec in specs)))
