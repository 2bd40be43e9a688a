"""Every user-facing string of the analytics commands, and how their numbers are written."""
from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton

from handlers.analytics.periods import Period
from handlers.i18n import L_, _, active_locale, ngettext
from handlers.parsing.money import Money, format_money

NO_DATA = L_("no data")
QUARTER_NAME = L_("Q{number} {year}")
DASH = "—"

METRIC_NAMES = {"won_value": L_("won value"), "won_count": L_("deals won"), "activities": L_("activities"),
                "new_pipeline": L_("new pipeline"), "kudos": L_("kudos")}
METRIC_ALIASES = {"won": "won_value", "revenue": "won_value", "wins": "won_count", "deals": "won_count",
                  "activity": "activities", "new": "new_pipeline"}

NOT_AN_ARGUMENT = L_("'{word}' is not {what} — try {choices}")
NOT_EXPECTED = L_("'{word}' was not expected here")
SCOPE_WHAT = L_("a scope, a period or `chart`")
SCOPE_EXTRA_CHOICES = (L_("@person"), L_("a team's name"))
KIND_WORDS = {"period": L_("Period"), "scope": L_("Scope"), "metric": L_("Metric"), "chart": L_("Chart")}
TWICE = L_("{what} given twice ('{first}' and '{second}') — keep just one")
NOT_METRIC = L_("'{word}' is not a metric — metrics: won_value, won_count, activities, new_pipeline")

FUNNEL_EMPTY = L_("No deals entered the pipeline of {scope} in {period} — no data to show yet.")
FUNNEL_TEXT = L_("Funnel of {scope}, {period}: deals that entered each stage, and where they went next.")
FUNNEL_HEADERS = (L_("Stage"), L_("Entered"), L_("Moved on"), L_("→ next"), L_("→ won"), L_("Median days"))
BOTTLENECK_PREVIOUS = (L_("Bottleneck: {stage} → {next}. {moved} of {entered} deals that reached {stage} moved on "
                       "({rate}), down from {before} in the previous {span}."))
BOTTLENECK_HISTORY = (L_("Bottleneck: {stage} → {next}. {moved} of {entered} deals that reached {stage} moved on "
                      "({rate}), below the {before} of the whole workspace over the last {history_days} days."))
BOTTLENECK_LOWEST = (L_("Weakest step: {stage} → {next}, where {moved} of {entered} deals moved on ({rate}); "
                     "no step converts worse than before."))
BOTTLENECK_STUCK = L_(" {count} open {deals} in {stage} now — go through {them} with `{command}`.")
BOTTLENECK_NONE = L_("Too few deals went through any one step to name a bottleneck yet.")
CHART_FUNNEL = L_("Funnel — {scope}, {period}")
CHART_FUNNEL_NOTE = L_("→ {rate} moved on")

KPI_TEXT = L_("KPIs of {scope}, {period}.")
KPI_LABELS = (L_("Won"), L_("Win rate"), L_("Average deal"), L_("Median sales cycle"), L_("Open pipeline"),
              L_("Coverage"), L_("New pipeline"),
              L_("Activities"))
KPI_WIN_RATE = L_("{rate} — {won} won, {lost} lost")
KPI_WIN_RATE_NONE = L_("no data — nothing won or lost yet")
KPI_DAYS = L_("{days} days")
KPI_OPEN = L_("{value} in {count} {deals}, weighted {weighted}")
KPI_NEW = L_("{value} in {count} {deals}")
KPI_COVERAGE = L_("{times:.1f}× the {left} still to win")
KPI_COVERAGE_NO_TARGET = L_("no won-value target for this period")
KPI_COVERAGE_DONE = L_("target reached")
KPI_NO_ACTIVITIES = L_("none")
KPI_ON_PACE = L_("on pace")
KPI_AHEAD = L_("{gap} ahead")
KPI_BEHIND = L_("{gap} behind")
KPI_TARGET_HEADERS = (L_("Target"), L_("Actual"), L_("Goal"), L_("Attained"), L_("Pace today"), L_("vs pace"))
KPI_NO_TARGETS = L_("No targets for {period} — set one with `target set`.")
KPI_ROLLING_TARGETS = L_("Targets are set per month or quarter — try `kpi {scope} month` to see attainment.")
KPI_WON_OTHER = L_(" ({count} without an exchange rate, not in the sum)")
CHART_KPI = L_("Attainment — {scope}, {period}")
CHART_NO_TARGETS = L_("No chart: there are no targets to chart for {period}.")

LEADERBOARD_TEXT = L_("Leaderboard of {scope} by {metric}, {period}.")
LEADERBOARD_EMPTY = L_("Nobody in {scope} has any {metric} in {period} yet.")
LEADERBOARD_HEADERS = ("#", L_("Person"), L_("{metric}"), L_("Target"), L_("Attained"))
LEADERBOARD_MORE = L_("Showing the top {shown} of {count}.")
CHART_LEADERBOARD = L_("{metric} — {scope}, {period}")

RISKS_NONE = (L_("No open deals at risk for {scope}. (Rules: no activity for {idle} days, close date passed, "
              "close date pushed twice, or stuck in a stage.)"))
RISKS_TEXT = L_("{count} open {deals} at risk for {scope}, largest first.")
RISKS_MORE = L_("Showing the {shown} largest of {count}.")
RISKS_HEADERS = ("#", L_("Deal"), L_("Owner"), L_("Amount"), L_("Stage"), L_("Why"))
RISK_IDLE = L_("no activity for {days} days")
RISK_FOLLOW_UP = L_("follow-up overdue since {since}")
RISK_OVERDUE = L_("close date passed {days} {day_word} ago")
RISK_PUSHED = L_("close date pushed {count} times")
RISK_SLOW = L_("{days} days in {stage} (usually {median})")

PARTNERS_TEXT = L_("Deals by partner for {scope}: won and lost in {period}, open pipeline today.")
PARTNERS_EMPTY = L_("No partner deals for {scope} in {period}.")
PARTNERS_FOOTER = L_("Money in {currency}.")
PARTNERS_HEADERS = (L_("Partner"), L_("Won"), L_("Deals won"), L_("Win rate"), L_("Open pipeline"), L_("Open deals"))
DIRECT = L_("(no partner)")
PARTNERS_REGISTRATIONS = L_("\nPartner registrations: {counts} (`approval list team`).")

TARGET_SET = L_("Target set: {who}, {metric} {value} for {period}{was}.")
TARGET_REPLACED = L_(" (was {old})")
TARGET_LIST_TEXT = L_("Targets for {what}.")
TARGET_LIST_RUNNING = L_("the periods running today")
TARGET_LIST_TEAM = L_("team {name}")
TARGET_VALUE_MISSING = L_("the target value is missing")
TARGET_LIST_EMPTY = L_("No targets for {what} yet — set one with `target set @person won_value 50k`.")
TARGET_LIST_HEADERS = (L_("Who"), L_("Metric"), L_("Period"), L_("Target"))
TARGET_NOT_COUNT = L_("'{word}' is not a count — use a whole number like 40")
TARGET_WRONG_CURRENCY = L_("targets are in the workspace currency, {currency} — write the value without {other}")
TARGET_ROLLING = L_("targets are set per month or quarter — use period=month, quarter, 2026-11 or 2026-Q4")
TARGET_DENIED = L_("only {team}'s manager or an admin can set targets for {who}")
TARGET_WHO = L_("who the target is for (@person or a team)")
TARGET_METRIC = L_("the metric")
TARGET_THEIR_TEAM = L_("their team")
TEAM_AMBIGUOUS = L_("'team' is ambiguous: you are in {names} — name the team")
TEAM_NONE = L_("you are not in a team yet — an admin can run `team add <team> @you`")
REGISTRATION_STATUSES = {"approved": L_("approved"), "pending": L_("pending"), "rejected": L_("rejected")}
TARGET_DENIED_REP = L_("only managers (for their teams) and admins can set targets")


def deals_word(count: int) -> str:
    """deal / deals, as the count asks (one form in Chinese)."""
    return ngettext("deal", "deals", count)


def day_word(count: int) -> str:
    return ngettext("day", "days", count)



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
    span = f"{month_day(period.first_day)} – {month_day(period.last_day)}"
    if period.kind == "days":
        return _("the last {days} days ({span})").format(days=period.days, span=span)
    name = month_name(period) if period.kind == "month" else quarter_name(period)
    if period.first_day <= today <= period.last_day:
        return _("{name} (day {day} of {days})").format(name=name, day=(today - period.first_day).days + 1,
                                                         days=period.days)
    return f"{name} ({span})"


def month_day(day: date) -> str:
    """`Oct 29` in English, `10月29日` in zh: Babel's month-and-day skeleton for the locale."""
    if active_locale().startswith("en"):
        return f"{day:%b %-d}"
    return format_skeleton("MMMd", day, locale=active_locale())


def month_name(period: Period) -> str:
    if active_locale().startswith("en"):
        return f"{period.first_day:%B %Y}"
    return format_skeleton("yMMMM", period.first_day, locale=active_locale())


def quarter_name(period: Period) -> str:
    """`Q4 2026` in English, `2026年第4季度` in zh."""
    return QUARTER_NAME.format(number=period.label[-1], year=period.first_day.year)


def span_name(period: Period) -> str:
    """The length of a period in a comparison: '30 days', 'month', 'quarter'."""
    if period.kind == "days":
        return _("{days} days").format(days=period.days)
    return {"month": _("month"), "quarter": _("quarter")}.get(period.kind, period.kind)


def metric_name(metric: str) -> str:
    return METRIC_NAMES.get(metric, metric)


def sentence_case(text: str) -> str:
    """First letter up, the rest as written (names stay capitalised); a message is translated first."""
    text = str(text)
    return text[:1].upper() + text[1:]
