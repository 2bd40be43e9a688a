"""`scorecard @person [period] [chart]`: the facts for a 1:1 — one person against their team's median.

Every number comes from the definition the rest of the product uses (`kpi`, `funnel`, `risks`, `training`,
`task overdue`, `forecast accuracy`, `kudos`, `csat`), computed for each member of the person's team, so a line
reads the same as those commands.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from handlers.analytics.args import read_arguments, workspace_today
from handlers.analytics.periods import Period
from handlers.analytics.wording import describe_period, money, percent
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.forecast.accuracy import own_accuracy, past_periods
from handlers.i18n import _, pgettext
from handlers.permissions import may_act_for
from handlers.records import Person
from handlers.reply import Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.text import one_decimal
from handlers.scope import Scope


@dataclass(frozen=True)
class Line:
    """One scorecard item: the person's value, the team median, and which way is better."""

    label: str
    value: float | None
    team: float | None
    kind: str = "count"  # count, money, percent, times, score
    higher_is_better: bool = True


def show_scorecard(call: Call) -> Reply:
    reading = read_arguments(call, "quarter", reads=None)  # its own, stricter rule follows (may_act_for)
    person = call.ws.people.get(reading.scope.person_id) if reading.scope.person_id else None
    if person is None:
        raise UserError(_("name the person, like `scorecard @ana`"), call.usage)
    if not may_act_for(call, person.id):
        raise PermissionDenied(wording.SCORECARD_NOT_ALLOWED.format(person=person.display_name))
    return scorecard_reply(call, person, reading.period, reading.chart)


def scorecard_reply(call: Call, person: Person, period: Period, chart: bool = False) -> Reply:
    """The scorecard table (and chart) for `person`, read by `call.me` (who may see it: checked by the caller)."""
    teams = call.ws.teams.teams_of(person)
    if not teams:
        raise UserError(wording.SCORECARD_NO_TEAM.format(person=person.display_name))
    members = sorted(call.ws.teams.member_ids(teams[:1]) | {person.id})
    lines = scorecard_lines(call, person.id, members, period)
    period_text = describe_period(period, workspace_today(call))
    currency = call.workspace.currency
    rows = tuple((line.label, _shown(line, line.value, currency), _shown(line, line.team, currency), _verdict(line))
                 for line in lines)
    reply = Reply(text=wording.SCORECARD_TEXT.format(person=person.display_name, team=teams[0].name,
                                                     members=len(members)),
                  title=wording.SCORECARD_TITLE.format(person=person.display_name, period=period_text),
                  table=Table(_headers(), rows, "lrrl"))
    return replace(reply, chart=_chart(person.display_name, period_text, lines)) if chart else reply


def _headers() -> tuple[str, ...]:
    """The table's headers; "Value" has its own context: elsewhere the catalog reads it as an amount."""
    item, _value, team, verdict = wording.SCORECARD_HEADERS
    return item, pgettext("scorecard", "Value"), team, verdict


def scorecard_lines(call: Call, person_id: int, members: list[int], period: Period) -> list[Line]:
    """Every item for `person_id` and the median of the same item over `members`."""
    figures = {member: _figures(call, member, period) for member in members}
    _add_forecast_accuracy(call, figures)
    labels = list(dict.fromkeys(label for values in figures.values() for label in values))
    spec = {label: (kind, better) for values in figures.values() for label, (_, kind, better) in values.items()}
    lines = []
    for label in labels:
        kind, better = spec[label]
        missing = 0 if kind == "count" else None  # no activities of a kind logged is zero of them
        values = [member.get(label, (missing,))[0] for member in figures.values()]
        team = [value for value in values if value is not None]
        mine = figures[person_id].get(label, (missing,))[0]
        lines.append(Line(label, mine, median(team) if team else None, kind, better))
    return lines


def _figures(call: Call, member: int, period: Period) -> dict[str, tuple[float | None, str, bool]]:
    """label -> (value, kind, higher is better) for one person."""
    today = workspace_today(call)
    scope = Scope("", frozenset({member}), person_id=member)
    kpi_report = call.ws.analytics.kpi_report(scope, period, today)
    kpi = kpi_report.kpi
    target = kpi_report.attainment("won_value")
    out: dict[str, tuple[float | None, str, bool]] = {
        _("Attainment (won value)"): (target.ratio if target else None, "percent", True),
        _("Pace gap"): ((target.actual - target.pace) if target else None, "money", True),
        _("Won"): (kpi.won_value, "money", True),
        _("Open pipeline"): (kpi.open_pipeline, "money", True),
        _("Coverage"): (kpi.open_pipeline / target.remaining if target and target.remaining else None, "times",
                        True),
        _("Win rate"): (kpi.win_rate, "percent", True),
    }
    for kind, count in kpi.activities or ():
        out[_("Activities: {kind}").format(kind=kind)] = (count, "count", True)
    out.update(_conversions(call, scope, period))
    risks = call.ws.analytics.risks({member}, call.now, today, call.ws.analytics.typical_stays(call.now))
    out[_("Deals at risk")] = (len(risks), "count", False)
    out[_("Overdue training")] = (call.ws.rhythm.training.overdue_counts({member}, today).get(member, 0), "count",
                                  False)
    out[_("Overdue follow-ups")] = (call.ws.tasks.overdue_counts({member}, call.now).get(member, 0), "count", False)
    out[_("Kudos received")] = (call.ws.rhythm.kudos.received_counts({member}, period.start, period.end)
                                .get(member, 0), "count", True)
    out[_("CSAT of their accounts")] = (_csat(call, member, period), "score", True)
    return out


def _add_forecast_accuracy(call: Call, figures: dict[int, dict]) -> None:
    """Each rep's accuracy in the last closed forecast period, exactly as `forecast accuracy` judges it
    (the latest checkpoint commit against what was won); people who submitted nothing have none."""
    period = past_periods(call, 1)[0]
    judged = own_accuracy(call, set(figures), period)
    for member, values in figures.items():
        values[wording.SCORECARD_ACCURACY.format(period=period.label)] = (judged.get(member), "percent", True)


def _conversions(call: Call, scope: Scope, period: Period) -> dict[str, tuple[float | None, str, bool]]:
    """Stage-to-next-stage conversion in the period, as `funnel` counts it."""
    history = call.ws.analytics.history(call.now, period.days)
    funnel = call.ws.analytics.funnel_report(scope, period, period.previous(), history).current
    stages = funnel.stages
    out = {}
    for flow, following in zip(stages, stages[1:]):
        if flow.moved_on is not None:
            value = flow.moved_on / flow.entered if flow.entered else None
            out[_("Conversion {stage} → {next}").format(stage=flow.stage, next=following.stage)] = (value, "percent",
                                                                                                   True)
    return out


def _csat(call: Call, member: int, period: Period) -> float | None:
    accounts = call.ws.rhythm.csat.accounts_of_owners({member})
    if not accounts:
        return None
    counts = call.ws.rhythm.csat.distribution(accounts, period.start, period.end)
    total = sum(counts.values())
    return sum(score * n for score, n in counts.items()) / total if total else None


def _shown(line: Line, value: float | None, currency: str) -> str:
    if value is None:
        return "—"
    if line.kind == "money":
        return money(round(value), currency)
    if line.kind == "percent":
        return percent(value)
    if line.kind == "times":
        return f"{value:.1f}×"
    if line.kind == "score":
        return f"{one_decimal(value)}/5"
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def _verdict(line: Line) -> str:
    """Above or below the team median, where above means better for this item."""
    if line.value is None or line.team is None:
        return ""
    if abs(line.value - line.team) < 1e-9:
        return wording.SCORECARD_AT
    above = line.value > line.team
    better = above == line.higher_is_better
    return (wording.SCORECARD_ABOVE if above else wording.SCORECARD_BELOW) + \
        (wording.SCORECARD_BETTER if better else wording.SCORECARD_WORSE)


def _chart(name: str, period_text: str, lines: list[Line]):
    from handlers.rhythm.charts import versus_chart  # matplotlib loads only for charts

    rows = [(line.label, line.value, line.team) for line in lines
            if line.value is not None and line.team is not None and line.value >= 0 and line.team >= 0]
    return versus_chart(wording.SCORECARD_CHART.format(person=name, period=period_text), rows,
                        f"scorecard-{name}-{period_text}")
