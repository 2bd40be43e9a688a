"""`target set` and `target list`: goals per person or team, per month or quarter."""
from __future__ import annotations

from handlers.i18n import _
from handlers.analytics import wording
from handlers.analytics.args import normalise_metric, read_arguments, read_period, workspace_today
from handlers.analytics.kpi import MONEY_METRICS, value_text
from handlers.analytics.results import METRICS
from handlers.analytics.periods import Period, is_period_word
from handlers.analytics.results import TargetValue
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_person, find_team
from handlers.parsing.tokens import Token
from handlers.parsing.values import parse_amount_tokens
from handlers.permissions import is_admin, managed_ids
from handlers.records import Person, Team
from handlers.reply import Reply, Table
from handlers.scope import Scope

MAX_COUNT = 1_000_000


def set_target(call: Call) -> Reply:
    """`target set <@person|team> <metric> <value> [period]` — managers for their teams, admins for all."""
    call.reject_unknown_options(("period",))
    person, team = _who(call, call.arg(0, str(wording.TARGET_WHO)))
    metric = _metric(call, call.arg(1, str(wording.TARGET_METRIC)).text)
    value, used = _value(call, metric, [token.text for token in call.args[2:4]])
    period = _target_period(call, 2 + used)
    _require_access(call, person, team)
    target, old = call.ws.analytics.set_target(person_id=person.id if person else None,
                                               team_id=team.id if team else None, metric=metric,
                                               label=period.label, window=period, value=value)
    call.ws.audit.record(call.me.id, "target.set", "target", target.id, call.now, metric=metric, value=value,
                         period=period.label, person_id=target.person_id, team_id=target.team_id)
    currency = call.workspace.currency
    was = wording.TARGET_REPLACED.format(old=value_text(metric, old, currency)) if old not in (None, value) else ""
    return Reply(text=wording.TARGET_SET.format(who=person.display_name if person else team.name,
                                                metric=wording.metric_name(metric), period=period.label,
                                                value=value_text(metric, value, currency), was=was))


def _who(call: Call, token: Token) -> tuple[Person | None, Team | None]:
    if token.text.startswith("@"):
        return find_person(call, token), None
    if token.text.casefold() == "team" and call.ws.teams.by_name(token.text) is None:
        return None, _own_team(call)
    return None, find_team(call, token)


def _own_team(call: Call) -> Team:
    """`team`: the team the sender manages (a rep's: the team they are in), as in every other command."""
    teams = call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me)
    if len(teams) != 1:
        names = ", ".join(t.name for t in teams)
        raise UserError(wording.TEAM_AMBIGUOUS.format(names=names) if teams else wording.TEAM_NONE, call.usage)
    return teams[0]


def _metric(call: Call, text: str) -> str:
    metric = normalise_metric(text)
    if metric not in METRICS:  # kudos rank people but are no target
        raise UserError(wording.NOT_METRIC.format(word=text), call.usage)
    return metric


def _value(call: Call, metric: str, words: list[str]) -> tuple[int, int]:
    """Money metrics in the workspace currency (12k, $12,000, 12000 USD); counts as whole numbers.
    Returns the value and how many words it took."""
    if not words:
        raise UserError(wording.TARGET_VALUE_MISSING, call.usage)
    if metric in MONEY_METRICS:
        money, used = parse_amount_tokens(words, call.workspace.currency)
        if money.currency != call.workspace.currency:
            raise UserError(wording.TARGET_WRONG_CURRENCY.format(currency=call.workspace.currency,
                                                                 other=money.currency), call.usage)
        return money.minor, used
    digits = words[0].replace(",", "")
    if not digits.isdigit() or not 0 < int(digits) <= MAX_COUNT:
        raise UserError(wording.TARGET_NOT_COUNT.format(word=words[0]), call.usage)
    return int(digits), 1


def _target_period(call: Call, position: int) -> Period:
    """period=… or the word after the value; the current month by default. Rolling periods have no target."""
    positional = call.args[position].text if len(call.args) > position else None
    call.reject_extra_args(position + 1)
    if positional and call.option("period"):
        raise UserError(wording.TWICE.format(what=wording.KIND_WORDS["period"], first=positional,
                                             second=call.option("period")), call.usage)
    text = call.option("period") or positional or "month"
    if is_period_word(text) and text.casefold().endswith("d"):
        raise UserError(wording.TARGET_ROLLING, call.usage)
    return read_period(call, text, calendar_only=True)


def _require_access(call: Call, person: Person | None, team: Team | None) -> None:
    me = call.me
    if is_admin(me):
        return
    if me.role != "manager":
        raise PermissionDenied(wording.TARGET_DENIED_REP)
    if (team is not None and team.manager_id == me.id) or (person is not None and person.id in managed_ids(call, me)):
        return
    raise PermissionDenied(wording.TARGET_DENIED.format(team=wording.TARGET_THEIR_TEAM if person else team.name,
                                                        who=person.display_name if person else team.name))


def list_targets(call: Call) -> Reply:
    """`target list [mine|team|@person|all|<team>] [period]` — the targets running today, or a period's."""
    reading = read_arguments(call, default_period="month")
    targets = (call.ws.analytics.targets_for_period(reading.period) if reading.period_given
               else call.ws.analytics.targets_on(workspace_today(call)))
    what = reading.period.label if reading.period_given else wording.TARGET_LIST_RUNNING
    shown = _visible(call, reading.scope, targets)
    if not shown:
        return Reply(text=wording.TARGET_LIST_EMPTY.format(what=what))
    names = {("person", p.id): p.display_name for p in call.ws.people.all()}
    names |= {("team", t.id): wording.TARGET_LIST_TEAM.format(name=t.name) for t in call.ws.teams.all()}
    currency = call.workspace.currency
    rows = tuple((names.get(("person", t.person_id) if t.person_id else ("team", t.team_id), "?"),
                  wording.metric_name(t.metric), t.period_label, value_text(t.metric, t.value, currency))
                 for t in shown)
    return Reply(text=wording.TARGET_LIST_TEXT.format(what=what), title=_("Targets"),
                 table=Table(wording.TARGET_LIST_HEADERS, rows, "lllr"))


def _visible(call: Call, scope: Scope, targets: tuple[TargetValue, ...]) -> list[TargetValue]:
    """A scope shows its people's targets and its teams' (a person's scope: the teams they are in)."""
    if scope.owner_ids is None:
        return list(targets)
    team_ids = set(scope.team_ids)
    if scope.person_id is not None:
        person = call.ws.people.get(scope.person_id)
        team_ids |= {team.id for team in call.ws.teams.teams_of(person)}
    return [t for t in targets if (t.person_id in scope.owner_ids if t.person_id is not None
                                   else t.team_id in team_ids)]
