"""Every user-facing string of the forecast commands, and how their numbers are written."""
from __future__ import annotations

from handlers.parsing.money import Money, format_money

CATEGORY_NAMES = {"closed": "closed", "commit": "commit", "best_case": "best case", "pipeline": "pipeline",
                  "omitted": "omitted"}
KIND_NAMES = {"created": "created", "pulled_in": "pulled in", "reopened": "reopened", "restored": "restored",
              "reassigned_in": "reassigned in", "included": "no longer omitted", "increased": "increased",
              "decreased": "decreased", "pushed_out": "pushed out", "lost": "lost", "won": "won",
              "deleted": "deleted", "reassigned_out": "reassigned out", "omitted": "omitted",
              "rated": "from a currency without a rate", "unrated": "to a currency without a rate",
              "recategorised_in": "from another category", "recategorised_out": "to another category"}

NOT_CATEGORY = "'{word}' is not a forecast category — try commit, best_case, pipeline or omitted"
NOT_PERIOD_KIND = "'{word}' is not a forecast period — try month or quarter"
ROLLING = "'{word}' is a rolling period — forecasts are per month or quarter (month, quarter, 2026-11, 2026-Q4)"
NO_SUCH_STAGE = "'{word}' is not an open stage — `stages` lists them"
MAP_USAGE = "say which stage goes where, like negotiation=commit"
TWICE = "{what} given twice ('{first}' and '{second}') — keep just one"
NOT_EXPECTED = "'{word}' was not expected here"

MAP_SET = "Stage {stage} now counts as {category} in every forecast (deals with an override keep it)."
MAP_SHOWN = "Forecast categories by stage (override one deal with `deal forecast <#12> <category>`)."
OVERRIDE_SET = "#{number} {name} now counts as {category} in the forecast (override; the stage says {default})."
OVERRIDE_CLEARED = "#{number} {name} counts as its stage says again: {category}."
OVERRIDE_CLOSED = "#{number} is {status} — only open deals have a forecast category"
PERIOD_SET = "Forecasts are now per {kind}: this one runs {first} – {last}."

VIEW_TEXT = "Forecast of {scope}, {period}."
VIEW_EMPTY = "Nothing in the forecast of {scope} for {period} yet — deals count once they have a close date in it."
VIEW_HEADERS = ("Person", "Closed", "Commit", "Best case", "Pipeline", "Target", "Gap", "Submitted", "Adjusted")
TOTAL = "Total"
NOT_SUBMITTED = "Not submitted this week"
EVERYONE_SUBMITTED = "everyone has"
TEAM_CALL = "Team call"
NO_RATE = "no rate: not counted"
RATES = "Rates"
RATES_USED = "{base} totals: {rates}"
RATE_USED = "{code} at {rate}, set {day}"
RATES_BOTH_ENDS = "{rates}, at both ends (a rate change is not a movement)"
OTHER_CURRENCY = ("{count} deal(s) in currencies without an exchange rate are not in these numbers "
                  "(`fx set <ISO> <rate>`).")
ROLLUPS_NOTE = "Commit = closed + commit; best case = commit + best case; pipeline = open deals not omitted."

SUBMIT_DONE = "Forecast for {period} submitted{whose}: commit {commit}, best case {best}{computed}."
SUBMIT_COMPUTED = " (the computed roll-up)"
SUBMIT_ADMIN = "admins review forecasts — reps submit their own and managers their team's"
SUBMIT_BEST_BELOW = "best case {best} is below commit {commit} — best case includes commit"
NOTE_TOO_LONG = "keep the note under {limit} characters"
ADJUST_DONE = "Your number for {who}, {period}: commit {commit}{best}. Their submission stays as they made it."
ADJUST_REP = "only managers and admins adjust forecasts"
ADJUST_DENIED = "{who} is not in a team you manage"
ADJUST_NEEDS_COMMIT = "say the commit you expect, like commit=120k"
AMOUNT_CURRENCY = "forecasts are in {currency} — '{word}' is in {other}"

DEALS_TEXT = "Deals behind the forecast of {scope}, {period}{what}."
DEALS_EMPTY = "No deals in {what} for {scope}, {period}."
DEALS_HEADERS = ("#", "Deal", "Owner", "Amount", "Stage", "Close", "Category")

ACCURACY_TEXT = ("Forecast accuracy of {scope}, the last {count} closed {kind}s: the commit that stood at each "
                 "checkpoint against what was won.")
ACCURACY_EMPTY = "No closed {kind} of {scope} has a submission yet — accuracy needs a past period."
ACCURACY_HEADERS = ("Who", "Period", "At start", "Midpoint", "Week before end", "Actual", "Accuracy", "Bias")
TREND = "Trend"
BIAS = {1: "over", -1: "under", 0: "exact"}

MOVEMENT_TEXT = "Pipeline movement of {scope}, {period}, {since} → now."
MOVEMENT_START, MOVEMENT_END = "Start", "End"
MOVEMENT_CHECK = "start + moves = end: {start} {moves} = {end} ✓"
MOVEMENT_HEADERS = ("Move", "Deals", "Amount")
MOVE_LINE = "#{number} {name} {kind}{to}: {delta}"
BY_CATEGORY = "By category"

REMIND_SET = ("Forecast prompts: {when}, in each rep's timezone, within their quiet hours, with their "
              "roll-up and buttons to submit.")
REMIND_OFF = "Forecast prompts are off."
REMIND_DENIED = "only a manager or an admin can change the forecast prompt"
PROMPT_TEXT = "Time for your forecast for {period}: commit {commit}, best case {best}, pipeline {pipeline}."
PROMPT_TITLE = "Your forecast"
PROMPT_SUBMIT, PROMPT_ADJUST = "Submit as is", "Adjust"
CALL_REMINDER = "{title} starts at {start}: you have not submitted your forecast for {period} this week."
FORM_TITLE, FORM_SUBMIT = "Forecast", "Submit"

AGENDA_ROLLUP = "Forecast {period}: commit {commit}, best case {best} against target {target}"
AGENDA_MISSING = "Not submitted this week: {names}"
AGENDA_SLIPPED = "Commit slipped: #{number} {name} {how}"
AGENDA_MOVEMENT = "Movement since the last call: {start} → {end} ({moves})"
DIGEST_LINE = "{period}: commit {commit}, best case {best} of {target} target; {missing}"
DIGEST_MISSING = "{count} not submitted this week"

CHART_WATERFALL = "Pipeline movement — {scope}, {period}"
CHART_BARS = "Forecast — {scope}, {period}"
BARS_HEADERS = ("Person", "Commit", "Best case", "Target")
CHART_WHICH = "'{word}' is not a chart — try `forecast chart movement` or `forecast chart people`"


def money(minor: int | None, currency: str) -> str:
    return "—" if minor is None else format_money(Money(minor, currency))


def signed(minor: int, currency: str) -> str:
    """+$1,200 or −$85,200 (a true minus sign), as a move is read."""
    return ("−" if minor < 0 else "+") + format_money(Money(abs(minor), currency))


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category)
