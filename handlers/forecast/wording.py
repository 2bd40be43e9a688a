"""Every user-facing string of the forecast commands, and how their numbers are written."""
from __future__ import annotations

from handlers.i18n import L_, pgettext
from handlers.parsing.money import Money, format_money

CATEGORY_NAMES = {"closed": L_("closed"), "commit": L_("commit"), "best_case": L_("best case"),
                  "pipeline": L_("pipeline"), "omitted": L_("omitted")}
KIND_NAMES = {"created": L_("created"), "pulled_in": L_("pulled in"), "reopened": L_("reopened"),
              "restored": L_("restored"), "reassigned_in": L_("reassigned in"), "included": L_("no longer omitted"),
              "increased": L_("increased"), "decreased": L_("decreased"), "pushed_out": L_("pushed out"),
              "lost": L_("lost"), "won": L_("won"), "deleted": L_("deleted"), "reassigned_out": L_("reassigned out"),
              "omitted": L_("omitted"), "rated": L_("from a currency without a rate"),
              "unrated": L_("to a currency without a rate"), "recategorised_in": L_("from another category"),
              "recategorised_out": L_("to another category")}

NOT_CATEGORY = L_("'{word}' is not a forecast category — try commit, best_case, pipeline or omitted")
NOT_PERIOD_KIND = L_("'{word}' is not a forecast period — try month or quarter")
ROLLING = L_("'{word}' is a rolling period — forecasts are per month or quarter (month, quarter, 2026-11, 2026-Q4)")
NO_SUCH_STAGE = L_("'{word}' is not an open stage — `stages` lists them")
MAP_USAGE = L_("say which stage goes where, like negotiation=commit")
TWICE = L_("{what} given twice ('{first}' and '{second}') — keep just one")
NOT_EXPECTED = L_("'{word}' was not expected here")

MAP_SET = L_("Stage {stage} now counts as {category} in every forecast (deals with an override keep it).")
MAP_SHOWN = L_("Forecast categories by stage (override one deal with `deal forecast <#12> <category>`).")
OVERRIDE_SET = L_("#{number} {name} now counts as {category} in the forecast (override; the stage says {default}).")
OVERRIDE_CLEARED = L_("#{number} {name} counts as its stage says again: {category}.")
OVERRIDE_CLOSED = L_("#{number} is {status} — only open deals have a forecast category")
PERIOD_SET = L_("Forecasts are now per {kind}: this one runs {first} – {last}.")

VIEW_TEXT = L_("Forecast of {scope}, {period}.")
VIEW_EMPTY = L_("Nothing in the forecast of {scope} for {period} yet — deals count once they have a close date in it.")
VIEW_HEADERS = (L_("Person"), "Closed", L_("Commit"), L_("Best case"), L_("Pipeline"), L_("Target"), L_("Gap"),
                L_("Submitted"), L_("Adjusted"))
TOTAL = L_("Total")
NOT_SUBMITTED = L_("Not submitted this week")
EVERYONE_SUBMITTED = L_("everyone has")
TEAM_CALL = L_("Team call")
TEAM_CALL_OF = L_("Team call ({name})")
NO_RATE = L_("no rate: not counted")
RATES = L_("Rates")
RATES_USED = L_("{base} totals: {rates}")
RATE_USED = L_("{code} at {rate}, set {day}")
RATES_BOTH_ENDS = L_("{rates}, at both ends (a rate change is not a movement)")
OTHER_CURRENCY = L_("{count} deal(s) in currencies without an exchange rate are not in these numbers "
                    "(`fx set <ISO> <rate>`).")
ROLLUPS_NOTE = L_("Commit = closed + commit; best case = commit + best case; pipeline = open deals not omitted.")

SUBMIT_DONE = L_("Forecast for {period} submitted{whose}: commit {commit}, best case {best}{computed}.")
SUBMIT_COMPUTED = L_(" (the computed roll-up)")
SUBMIT_ADMIN = L_("admins review forecasts — reps submit their own and managers their team's")
SUBMIT_BEST_BELOW = L_("best case {best} is below commit {commit} — best case includes commit")
NOTE_TOO_LONG = L_("keep the note under {limit} characters")
ADJUST_DONE = L_("Your number for {who}, {period}: commit {commit}{best}. Their submission stays as they made it.")
ADJUST_REP = L_("only managers and admins adjust forecasts")
ADJUST_DENIED = L_("{who} is not in a team you manage")
ADJUST_NEEDS_COMMIT = L_("say the commit you expect, like commit=120k")
AMOUNT_CURRENCY = L_("forecasts are in {currency} — '{word}' is in {other}")

DEALS_TEXT = L_("Deals behind the forecast of {scope}, {period}{what}.")
DEALS_WHAT = L_(": {what}")
DEALS_EMPTY = L_("No deals in {what} for {scope}, {period}.")
DEALS_HEADERS = ("#", L_("Deal"), L_("Owner"), L_("Amount"), L_("Stage"), L_("Close"), L_("Category"))

ACCURACY_TEXT = L_("Forecast accuracy of {scope}, the last {count} closed {kind}s: the commit that stood at each "
                   "checkpoint against what was won.")
ACCURACY_EMPTY = L_("No closed {kind} of {scope} has a submission yet — accuracy needs a past period.")
ACCURACY_HEADERS = (L_("Who"), L_("Period"), L_("At start"), L_("Midpoint"), L_("Week before end"), L_("Actual"),
                    L_("Accuracy"), L_("Bias"))
TREND = L_("Trend")
BIAS = {1: L_("over"), -1: L_("under"), 0: L_("exact")}

MOVEMENT_TEXT = L_("Pipeline movement of {scope}, {period}, {since} → now.")
MOVEMENT_START, MOVEMENT_END = L_("Start"), L_("End")
MOVEMENT_CHECK = L_("start + moves = end: {start} {moves} = {end} ✓")
MOVEMENT_HEADERS = (L_("Move"), L_("Deals"), L_("Amount"))
MOVE_LINE = L_("#{number} {name} {kind}{to}: {delta}")
BY_CATEGORY = L_("By category")

REMIND_SET = L_("Forecast prompts: {when}, in each rep's timezone, within their quiet hours, with their "
                "roll-up and buttons to submit.")
REMIND_WHEN = L_("every {weekday} at {at}")
REMIND_OFF = L_("Forecast prompts are off.")
REMIND_DENIED = L_("only a manager or an admin can change the forecast prompt")
PROMPT_TEXT = L_("Time for your forecast for {period}: commit {commit}, best case {best}, pipeline {pipeline}.")
PROMPT_TITLE = L_("Your forecast")
PROMPT_SUBMIT, PROMPT_ADJUST = L_("Submit as is"), L_("Adjust")
CALL_REMINDER = L_("{title} starts at {start}: you have not submitted your forecast for {period} this week.")
FORM_TITLE, FORM_SUBMIT = L_("Forecast"), L_("Submit")

AGENDA_ROLLUP = L_("Forecast {period}: commit {commit}, best case {best} against target {target}")
AGENDA_MISSING = L_("Not submitted this week: {names}")
AGENDA_SLIPPED = L_("Commit slipped: #{number} {name} {how}")
AGENDA_MOVEMENT = L_("Movement since the last call: {start} → {end} ({moves})")
DIGEST_LINE = L_("{period}: commit {commit}, best case {best} of {target} target; {missing}")
DIGEST_MISSING = L_("{count} not submitted this week")

CHART_WATERFALL = L_("Pipeline movement — {scope}, {period}")
CHART_BARS = L_("Forecast — {scope}, {period}")
BARS_HEADERS = (L_("Person"), L_("Commit"), L_("Best case"), L_("Target"))
PERIOD_WORD, SCOPE_WORD, CATEGORY_WORD, SINCE_WORD = L_("Period"), L_("Scope"), L_("Category"), L_("Since")
KIND_WORDS = {"month": L_("month"), "quarter": L_("quarter")}
TEAM_OF = L_("{name} (team)")
TEAM_OF_PERSON = L_("{name}'s team")
FOR_YOUR_TEAM = L_(" for your team")
ADJUSTED_BEST = L_(", best case {best}")
ADJUSTED = L_("; adjusted {number}")
NOT_PERIODS = L_("'{text}' is not a number of periods — 1 to {limit}")
NOT_PAST = L_("'{text}' is not in the past — movement runs from then to now")
NOT_WEEKDAY = L_("'{word}' is not a weekday — try mon, tue, ... sun")
NO_TEAM_TO_ADJUST = L_("you do not manage a team — name the person, like @ana")
PUSHED_TO = L_(" to {month}")
THE_FORECAST = L_("the forecast")
OVERRIDE_MARK = L_(" (override)")
COMMIT_SLIPPED = L_("Commit slipped: {move}")
NO_MOVES = L_("no moves")
EVERYONE_SUBMITTED_DIGEST = L_("everyone submitted")
OTHER_CURRENCIES = L_("Other currencies")
TITLE_FORECAST, TITLE_DEALS, TITLE_ACCURACY = L_("Forecast"), L_("Forecast deals"), L_("Forecast accuracy")
TITLE_MOVEMENT, TITLE_MAP = L_("Forecast movement"), L_("Forecast map")
MAP_HEADERS = (L_("Stage"), L_("Category"))
CHART_START, CHART_END = L_("start"), L_("end")
LEGEND_BEST, LEGEND_COMMIT, LEGEND_TARGET = L_("best case"), L_("commit"), L_("target")
FORM_LABELS = {"period": L_("Period"), "commit": L_("Commit"), "best": L_("Best case"), "note": L_("Note (optional)")}
STATUS_NAMES = {"won": L_("won"), "lost": L_("lost")}
ARG_DEAL, ARG_CATEGORY = L_("the deal (#12 or a name)"), L_("the category")
ARG_PERIOD_KIND, ARG_WHOSE = L_("month or quarter"), L_("whose forecast (@person or team)")
ADMIN_MAP, ADMIN_PERIOD = L_("change the forecast map"), L_("change the forecast period")
CHART_WHICH = L_("'{word}' is not a chart — try `forecast chart movement` or `forecast chart people`")


def money(minor: int | None, currency: str) -> str:
    return "—" if minor is None else format_money(Money(minor, currency))


def signed(minor: int, currency: str) -> str:
    """+$1,200 or −$85,200 (a true minus sign), as a move is read."""
    return ("−" if minor < 0 else "+") + format_money(Money(abs(minor), currency))


def status_name(status: str) -> str:
    return str(STATUS_NAMES.get(status, status))


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category)


def view_headers() -> tuple[str, ...]:
    """The forecast table's headers; `Closed` here is the won amount (the deal card's `Closed` is a date)."""
    return (VIEW_HEADERS[0], pgettext("forecast", "Closed"), *VIEW_HEADERS[2:])


def kind_name(kind: str) -> str:
    """month / quarter in the reader's language (the English is the word itself)."""
    return str(KIND_WORDS.get(kind, kind))

