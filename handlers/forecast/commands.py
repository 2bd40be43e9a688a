"""The forecast command table, appended to the core commands by handlers/commands.py."""
from __future__ import annotations

from handlers.forecast import accuracy, chart, deals, movement, settings, submit, view
from handlers.registry import CommandSpec

FORECAST_COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("forecast", view.show_forecast, "forecast [mine|team|@person|all] [period]",
                "Per person: closed, commit, best case, pipeline, target, gap and submissions", "forecast team"),
    CommandSpec("forecast submit", submit.submit_forecast,
                'forecast submit [commit=<amount>] [best=<amount>] [period] ["note"]',
                "Submit your forecast (managers: their team's); no amounts submits the roll-up",
                'forecast submit commit=120k best=180k "two deals at legal"'),
    CommandSpec("forecast form", submit.show_form, "forecast form [period]",
                "The submission form with your roll-up filled in (what Adjust opens)", "forecast form"),
    CommandSpec("forecast adjust", submit.adjust_forecast,
                'forecast adjust @person|team commit=<amount> [best=<amount>] [period] ["why"]',
                "A manager's own number beside what was submitted", 'forecast adjust @ana commit=90k "legal slow"'),
    CommandSpec("forecast deals", deals.show_deals,
                "forecast deals [commit|best_case|pipeline|omitted|closed] [mine|team|@person|all] [period]",
                "The deals behind a forecast number", "forecast deals commit team"),
    CommandSpec("forecast accuracy", accuracy.show_accuracy, "forecast accuracy [team|@person|mine|all] [periods=4]",
                "Forecast at each checkpoint against actual, accuracy, bias and trend", "forecast accuracy team"),
    CommandSpec("forecast movement", movement.show_movement,
                "forecast movement [mine|team|@person|all] [since=<date>|week|month] [period=<period>]",
                "How the open pipeline moved: created, pulled in, changed, pushed out, lost, won",
                "forecast movement team since=month"),
    CommandSpec("forecast chart", chart.show_chart,
                "forecast chart [movement|people] [mine|team|@person|all] [since=<date>|week|month] [period]",
                "The movement waterfall, or commit / best case / target bars per person", "forecast chart people"),
    CommandSpec("forecast map", settings.map_stages, "forecast map [<stage>=<category>...]",
                "Which stage counts as which forecast category (admins change it)", "forecast map proposal=commit"),
    CommandSpec("forecast remind", settings.set_remind, "forecast remind [<weekday> <HH:MM>]|off",
                "The weekly forecast prompt to every rep (default Thursday 15:00, their zone)",
                "forecast remind thu 15:00"),
    CommandSpec("deal forecast", settings.override_deal,
                "deal forecast <#12|name> commit|best_case|pipeline|omitted|stage",
                "Override one deal's forecast category (`stage` goes back to the stage's)", "deal forecast #12 commit"),
    CommandSpec("settings forecast", settings.set_period_kind, "settings forecast month|quarter",
                "The forecast period (admins)", "settings forecast quarter"),
)

FORECAST_FORMS = {submit.FORM_ID: ("forecast submit", submit.submit_form)}
