"""Reading the arguments the analytics commands share: a scope, a period, a metric and `chart`, in any order."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from handlers.analytics import wording
from handlers.analytics.periods import Period, is_period_word, parse_period
from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.tokens import Token
from handlers.permissions import NUMBERS, require_read
from handlers.scope import Scope, default_scope_word, resolve_scope

SCOPE_WORDS = ("mine", "team", "all")


@dataclass(frozen=True)
class Reading:
    """What an analytics command was asked for."""

    scope: Scope
    scope_word: str  # how to name the scope again in a command: mine, team, all or @handle
    period: Period
    metric: str | None
    chart: bool
    period_given: bool = False


def workspace_zone(call: Call) -> ZoneInfo:
    """Periods follow the workspace's timezone, so a team's month is the same month for everyone in it."""
    return ZoneInfo(call.workspace.timezone or "UTC")


def workspace_today(call: Call) -> date:
    return call.now.astimezone(workspace_zone(call)).date()


def read_arguments(call: Call, default_period: str | None, metrics: bool = False,
                   default_scope: str | None = None, reads: str | None = NUMBERS) -> Reading:
    """Sort the positional words into scope / period / metric / chart; `period=` works too.

    Without a `default_period` the command takes no period and no chart (the period is then a dummy 1d).
    `reads` is what the command shows of its scope (numbers or deals), checked against the workspace's
    visibility; None for what everyone may see (leaderboards).
    """
    call.reject_unknown_options(("period",) if default_period else ())
    found = _sort_words(call, metrics, takes_period=bool(default_period))
    typed_period = call.option("period") or (found["period"].text if "period" in found else None)
    scope, word = read_scope(call, found.get("scope"), SCOPE_WORDS, default_scope)
    if reads is not None:
        require_read(call, scope.owner_ids, reads)
    metric = normalise_metric(found["metric"].text) if "metric" in found else None
    period = read_period(call, typed_period or default_period or "1d")
    return Reading(scope, word, period, metric, "chart" in found, typed_period is not None)


def _sort_words(call: Call, metrics: bool, takes_period: bool) -> dict[str, Token]:
    """Each positional word by what it is; a kind given twice (or a period both ways) is an error."""
    found: dict[str, Token] = {}
    for token in call.args:
        kind = _kind_of(token.text, metrics)
        if kind in ("period", "chart") and not takes_period:
            raise UserError(wording.NOT_EXPECTED.format(word=token.text), call.usage)
        if kind in found:
            raise UserError(wording.TWICE.format(what=wording.KIND_WORDS[kind], first=found[kind].text,
                                                 second=token.text), call.usage)
        found[kind] = token
    if "period" in found and call.option("period"):
        raise UserError(wording.TWICE.format(what=wording.KIND_WORDS["period"], first=found["period"].text,
                                             second=call.option("period")), call.usage)
    return found


def read_period(call: Call, text: str, calendar_only: bool = False) -> Period:
    try:
        return parse_period(text, workspace_today(call), workspace_zone(call), calendar_only)
    except UserError as error:
        raise error.with_usage(call.usage) from None


def _kind_of(text: str, metrics: bool) -> str:
    if text.casefold() == "chart":
        return "chart"
    if is_period_word(text):
        return "period"
    if metrics and normalise_metric(text):
        return "metric"
    return "scope"


def normalise_metric(text: str) -> str | None:
    """won_value, won-value, wonvalue or an alias like `won` -> won_value; None when it is no metric."""
    word = text.casefold().replace("-", "_")
    for metric in wording.METRIC_NAMES:
        if word in (metric, metric.replace("_", "")):
            return metric
    return wording.METRIC_ALIASES.get(word)


def read_scope(call: Call, token: Token | None, scopes: tuple[str, ...],
               default: str | None = None) -> tuple[Scope, str]:
    """A typed scope (mine, team, all, @person or a team's name), else `default` or the sender's usual one."""
    if token is None:
        return _default_scope(call, scopes, default)
    word = token.text.casefold()
    if token.text.startswith("@") or word in scopes:
        scope = resolve_scope(call, token, scopes)
        return scope, f"@{call.ws.people.get(scope.person_id).handle}" if token.text.startswith("@") else word
    team = call.ws.teams.by_name(token.text)
    if team is None:
        choices = " | ".join(list(scopes) + [str(choice) for choice in wording.SCOPE_EXTRA_CHOICES])
        raise UserError(wording.NOT_AN_ARGUMENT.format(word=token.text, what=wording.SCOPE_WHAT, choices=choices),
                        call.usage)
    return Scope(team.name, frozenset(call.ws.teams.member_ids([team])), team_ids=(team.id,)), "all"


def _default_scope(call: Call, scopes: tuple[str, ...], default: str | None) -> tuple[Scope, str]:
    """Reps see their own numbers, managers their team's, admins everyone's. Without a team, a team-wide
    default becomes the whole workspace (when offered) and a personal one stays personal."""
    word = default or default_scope_word(call)
    if word == "team" and not _has_team(call):
        word = "all" if default == "team" else "mine"
    if word not in scopes:
        word = "mine"
    return resolve_scope(call, Token(word), scopes), word


def _has_team(call: Call) -> bool:
    return bool(call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me))
