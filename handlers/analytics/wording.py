"""Every user-facing string of the analytics commands, and how their numbers are written."""
from __future__ import annotations

from datetime import date

from handlers.analytics.periods import Period
from handlers.parsing.money import Money, format_money

NO_DATA = "no data"
DASH = "—"

METRIC_NAMES = {"won_value": "won value", "won_count": "deals won", "activities": "activities",
                "new_pipeline": "new pipeline", "kudos": "kudos"}
METRIC_ALIASES = {"won": "won_value", "revenue": "won_value", "wins": "won_count", "deals": "won_count",
                  "activity": "activities", "new": "new_pipeline"}

NOT_AN_ARGUMENT = "'{word}' is not {what} — try {choices}"
NOT_EXPECTED = "'{word}' was not expected here"
SCOPE_WHAT = "a scope, a period or `chart`"
SCOPE_EXTRA_CHOICES = ("@person", "a team's name")
TWICE = "{what} given twice ('{first}' and '{second}') — keep just one"
NOT_METRIC = "'{word}' is not a metric — metrics: won_value, won_count, activities, new_pipeline"

FUNNEL_EMPTY = "No deals entered the pipeline of {scope} in {period} — no data to show yet."
FUNNEL_TEXT = "Funnel of {scope}, {period}: deals that entered each stage, and where they went next."
FUNNEL_HEADERS = ("Stage", "Entered", "Moved on", "→ next", "→ won", "Median days")
BOTTLENECK_PREVIOUS = ("Bottleneck: {stage} → {next}. {moved} of {entered} deals that reached {stage} moved on "
                       "({rate}), down from {before} in the previous {span}.")
BOTTLENECK_HISTORY = ("Bottleneck: {stage} → {next}. {moved} of {entered} deals that reached {stage} moved on "
                      "({rate}), below the {before} of the whole workspace over the last {history_days} days.")
BOTTLENECK_LOWEST = ("Weakest step: {stage} → {next}, where {moved} of {entered} deals moved on ({rate}); "
                     "no step converts worse than before.")
BOTTLENECK_STUCK = " {count} open {deals} in {stage} now — go through {them} with `{command}`."
BOTTLENECK_NONE = "Too few deals went through any one step to name a bottleneck yet."
CHART_FUNNEL = "Funnel — {scope}, {period}"
CHART_FUNNEL_NOTE = "→ {rate} moved on"

KPI_TEXT = "KPIs of {scope}, {period}."
KPI_LABELS = ("Won", "Win rate", "Average deal", "Median sales cycle", "Open pipeline", "Coverage", "New pipeline",
              "Activities")
KPI_WIN_RATE = "{rate} — {won} won, {lost} lost"
KPI_WIN_RATE_NONE = NO_DATA + " — nothing won or lost yet"
KPI_DAYS = "{days} days"
KPI_OPEN = "{value} in {count} {deals}, weighted {weighted}"
KPI_NEW = "{value} in {count} {deals}"
KPI_COVERAGE = "{times:.1f}× the {left} still to win"
KPI_COVERAGE_NO_TARGET = "no won-value target for this period"
KPI_COVERAGE_DONE = "target reached"
KPI_NO_ACTIVITIES = "none"
KPI_ON_PACE = "on pace"
KPI_AHEAD = "{gap} ahead"
KPI_BEHIND = "{gap} behind"
KPI_TARGET_HEADERS = ("Target", "Actual", "Goal", "Attained", "Pace today", "vs pace")
KPI_NO_TARGETS = "No targets for {period} — set one with `target set`."
KPI_ROLLING_TARGETS = "Targets are set per month or quarter — try `kpi {scope} month` to see attainment."
KPI_WON_OTHER = " ({count} in other currencies, not in the sum)"
KPI_OTHER_CURRENCY = ("{count} won or open {deals} in another currency: counted, but money totals are in "
                      "{currency} only.")
CHART_KPI = "Attainment — {scope}, {period}"
CHART_NO_TARGETS = "No chart: there are no targets to chart for {period}."

LEADERBOARD_TEXT = "Leaderboard of {scope} by {metric}, {period}."
LEADERBOARD_EMPTY = "Nobody in {scope} has any {metric} in {period} yet."
LEADERBOARD_HEADERS = ("#", "Person", "{metric}", "Target", "Attained")
LEADERBOARD_MORE = "Showing the top {shown} of {count}."
CHART_LEADERBOARD = "{metric} — {scope}, {period}"

RISKS_NONE = "No open deals at risk for {scope}. (Rules: no activity for {idle} days, close date passed, " \
             "close date pushed twice, or stuck in a stage.)"
RISKS_TEXT = "{count} open {deals} at risk for {scope}, largest first."
RISKS_MORE = "Showing the {shown} largest of {count}."
RISKS_HEADERS = ("#", "Deal", "Owner", "Amount", "Stage", "Why")
RISK_IDLE = "no activity for {days} days"
RISK_OVERDUE = "close date passed {days} {day_word} ago"
RISK_PUSHED = "close date pushed {count} times"
RISK_SLOW = "{days} days in {stage} (usually {median})"

PARTNERS_TEXT = "Deals by partner for {scope}: won and lost in {period}, open pipeline today."
PARTNERS_EMPTY = "No partner deals for {scope} in {period}."
PARTNERS_FOOTER = "Money in {currency} only; deals in other currencies count in deals and win rate."
PARTNERS_HEADERS = ("Partner", "Won", "Deals won", "Win rate", "Open pipeline", "Open deals")
DIRECT = "(no partner)"
PARTNERS_REGISTRATIONS = "\nPartner registrations: {counts} (`approval list team`)."

TARGET_SET = "Target set: {who}, {metric} {value} for {period}{was}."
TARGET_REPLACED = " (was {old})"
TARGET_LIST_TEXT = "Targets for {what}."
TARGET_LIST_RUNNING = "the periods running today"
TARGET_LIST_TEAM = "team {name}"
TARGET_VALUE_MISSING = "the target value is missing"
TARGET_LIST_EMPTY = "No targets for {what} yet — set one with `target set @person won_value 50k`."
TARGET_LIST_HEADERS = ("Who", "Metric", "Period", "Target")
TARGET_NOT_COUNT = "'{word}' is not a count — use a whole number like 40"
TARGET_WRONG_CURRENCY = "targets are in the workspace currency, {currency} — write the value without {other}"
TARGET_ROLLING = "targets are set per month or quarter — use period=month, quarter, 2026-11 or 2026-Q4"
TARGET_DENIED = "only {team}'s manager or an admin can set targets for {who}"
TARGET_DENIED_REP = "only managers (for their teams) and admins can set targets"


def percent(value: float | None) -> str:
    """0.456 -> 46%; None -> no data (a period without deals is not 0%)."""
    return NO_DATA if value is None else f"{round(value * 100)}%"


def days(value: float | None) -> str:
    """Days to one decimal, whole numbers without it: 12, 3.5; None -> —."""
    if value is None:
        return DASH
    shown = f"{value:.1f}"
    return shown[:-2] if shown.endswith(".0") else shown


def money(minor: int | None, currency: str) -> str:
    return NO_DATA if minor is None else format_money(Money(minor, currency))


def plural(count: int, word: str, many: str | None = None) -> str:
    return word if count == 1 else (many or word + "s")


def describe_period(period: Period, today: date) -> str:
    """How a period reads in a sentence: 'the last 30 days (Oct 29 – Nov 27)', 'November 2026 (day 27 of 30)'."""
    span = f"{period.first_day:%b %-d} – {period.last_day:%b %-d}"
    if period.kind == "days":
        return f"the last {period.days} days ({span})"
    name = f"{period.first_day:%B %Y}" if period.kind == "month" else f"{period.label[-2:]} {period.first_day.year}"
    if period.first_day <= today <= period.last_day:
        return f"{name} (day {(today - period.first_day).days + 1} of {period.days})"
    return f"{name} ({span})"


def span_name(period: Period) -> str:
    """The length of a period in a comparison: '30 days', 'month', 'quarter'."""
    return f"{period.days} days" if period.kind == "days" else period.kind


def metric_name(metric: str) -> str:
    return METRIC_NAMES.get(metric, metric)


def sentence_case(text: str) -> str:
    """First letter up, the rest as written (names stay capitalised)."""
    return text[:1].upper() + text[1:]
