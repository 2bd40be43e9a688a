"""Reading the forecast commands' arguments: a scope and a forecast period (month or quarter) in any order,
the categories, amounts in the workspace currency, and the forecast week."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from handlers.analytics.args import read_period, read_scope, workspace_today, workspace_zone
from handlers.analytics.periods import Period, is_period_word
from handlers.call import Call
from handlers.errors import UserError
from handlers.forecast import wording
from handlers.forecast.results import CATEGORIES
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_amount_tokens
from handlers.permissions import require_read
from handlers.scope import Scope

SCOPE_WORDS = ("mine", "team", "all")
PERIOD_KINDS = ("month", "quarter")


@dataclass(frozen=True)
class Reading:
    scope: Scope
    period: Period
    rest: tuple[Token, ...]  # what was neither a scope nor a period, for the command to read


def current_period(call: Call) -> Period:
    """The workspace's forecast period (month or quarter) that today is in."""
    return read_period(call, call.ws.forecast.period_kind(), calendar_only=True)


def forecast_period(call: Call, text: str | None) -> Period:
    """A typed month or quarter (month, quarter, 2026-11, 2026-Q4), else the current forecast period."""
    if text is None:
        return current_period(call)
    if text.casefold().endswith("d") and is_period_word(text):
        raise UserError(wording.ROLLING.format(word=text), call.usage)
    return read_period(call, text, calendar_only=True)


def read_scope_and_period(call: Call, keep: tuple[str, ...] = (), default_scope: str | None = None) -> Reading:
    """Sort positional words into a scope and a period; words in `keep` (and `key=` options) are left to the
    command. A kind given twice is an error naming both."""
    scope_token = period_token = None
    rest = []
    for token in call.args:
        if token.text.casefold() in keep:
            rest.append(token)
            continue
        is_period = is_period_word(token.text)
        seen = period_token if is_period else scope_token
        if seen is not None:
            what = wording.PERIOD_WORD if is_period else wording.SCOPE_WORD
            raise UserError(wording.TWICE.format(what=what, first=seen.text, second=token.text), call.usage)
        period_token, scope_token = (token, scope_token) if is_period else (period_token, token)
    scope, _ = read_scope(call, scope_token, SCOPE_WORDS, default_scope)
    require_read(call, scope.owner_ids)
    return Reading(scope, forecast_period(call, period_token.text if period_token else None), tuple(rest))


def parse_category(call: Call, text: str, allowed: tuple[str, ...] = CATEGORIES) -> str:
    word = text.casefold().replace("-", "_").replace(" ", "_")
    word = {"best": "best_case", "bestcase": "best_case", "omit": "omitted"}.get(word, word)
    if word not in allowed:
        raise UserError(wording.NOT_CATEGORY.format(word=text), call.usage)
    return word


def parse_home_amount(call: Call, text: str) -> int:
    """An amount in the workspace currency (forecasts are in one currency)."""
    try:
        money, _ = parse_amount_tokens([text], call.workspace.currency)
    except UserError as error:
        raise error.with_usage(call.usage) from None
    if money.currency != call.workspace.currency:
        raise UserError(wording.AMOUNT_CURRENCY.format(currency=call.workspace.currency, word=text,
                                                       other=money.currency), call.usage)
    return money.minor


def week_start(call: Call) -> datetime:
    """Monday 00:00 of this week in the workspace's timezone: "submitted this week" counts from there."""
    today = workspace_today(call)
    monday = today - timedelta(days=today.weekday())
    return datetime.combine(monday, time(0), workspace_zone(call)).astimezone(timezone.utc)
