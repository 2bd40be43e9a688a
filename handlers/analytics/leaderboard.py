"""`leaderboard`: people ranked by a metric, with each one's attainment where they have a target."""
from __future__ import annotations

from handlers.i18n import _
from handlers.analytics import charts, wording
from handlers.analytics.args import Reading, read_arguments, workspace_today
from handlers.analytics.kpi import value_text
from handlers.analytics.results import MONEY_METRICS
from handlers.call import Call
from handlers.fx import conversion_note, join_footer
from handlers.reply import Reply, Table

DEFAULT_METRIC = "won_value"
MAX_ROWS = 50
MAX_CHART_BARS = 20


def show_leaderboard(call: Call) -> Reply:
    """`leaderboard [metric] [team|all|<team>] [period] [chart]`."""
    reading = read_arguments(call, default_period="month", metrics=True, default_scope="team", reads=None)
    metric = reading.metric or DEFAULT_METRIC
    targets = {t.person_id: t.value for t in call.ws.analytics.targets_for_period(reading.period)
               if t.metric == metric and t.person_id is not None}
    ranked = _ranked(call, reading, metric, targets)
    names = {"scope": reading.scope.label, "metric": wording.metric_name(metric),
             "period": wording.describe_period(reading.period, workspace_today(call))}
    if not any(value for value, _, _ in ranked):
        return Reply(text=wording.LEADERBOARD_EMPTY.format(**names))
    currency = call.workspace.currency
    rows = tuple(_row(rank, value, name, targets.get(pid), metric, currency)
                 for rank, (value, name, pid) in zip(_ranks([v for v, _, _ in ranked]), ranked))[:MAX_ROWS]
    headers = tuple(h.format(metric=wording.sentence_case(names["metric"])) for h in wording.LEADERBOARD_HEADERS)
    more = wording.LEADERBOARD_MORE.format(shown=MAX_ROWS, count=len(ranked)) if len(ranked) > MAX_ROWS else None
    return Reply(text=wording.LEADERBOARD_TEXT.format(**names), title=_("Leaderboard"),
                 table=Table(headers, rows, "rlrrr"), footer=join_footer(more, _note(call, reading, metric)),
                 chart=_chart(names, ranked, metric, currency, reading) if reading.chart else None)


def _ranked(call: Call, reading: Reading, metric: str, targets: dict[int, int]) -> list[tuple[int, str, int]]:
    """(value, name, person id), highest first. Reps always count; managers and admins only when they have
    something to show or a target of their own."""
    values = _values(call, reading, metric)
    return sorted(((values.get(p.id, 0), p.display_name, p.id) for p in _people(call, reading)
                   if p.id in values or p.id in targets or p.role == "rep"), key=lambda r: (-r[0], r[1]))


def _values(call: Call, reading: Reading, metric: str) -> dict[int, int]:
    if metric == "kudos":
        owners = reading.scope.owner_ids
        return call.ws.rhythm.kudos.received_counts(set(owners) if owners is not None else None,
                                                    reading.period.start, reading.period.end)
    return dict(call.ws.analytics.per_person(reading.scope.owner_ids, metric, reading.period))


def _chart(names: dict, ranked, metric: str, currency: str, reading: Reading):
    bars = [(name, value, value_text(metric, value, currency)) for value, name, _ in ranked[:MAX_CHART_BARS]]
    return charts.ranking_chart(wording.sentence_case(wording.CHART_LEADERBOARD.format(**names)), bars,
                                f"leaderboard-{metric}-{_scope_name(reading)}-{reading.period.label}")


def _scope_name(reading: Reading) -> str:
    """Part of the chart's file name, so team and workspace charts of one period do not overwrite each other."""
    return reading.scope.label if reading.scope.team_ids else reading.scope_word.lstrip("@")


def _note(call: Call, reading: Reading, metric: str) -> str | None:
    if metric not in MONEY_METRICS:
        return None
    return conversion_note(call, call.ws.analytics.currency_mix(reading.scope.owner_ids, reading.period))


def _people(call: Call, reading: Reading) -> list:
    """Everyone the scope covers (the whole workspace for `all`)."""
    everyone = call.ws.people.all()
    owners = reading.scope.owner_ids
    return everyone if owners is None else [p for p in everyone if p.id in owners]


def _ranks(values: list[int]) -> list[int]:
    """Competition ranking of values sorted high to low: equal values share a rank, the next skips (1, 2, 2, 4)."""
    ranks: list[int] = []
    for position, value in enumerate(values):
        ranks.append(ranks[-1] if position and value == values[position - 1] else position + 1)
    return ranks


def _row(rank: int, value: int, name: str, target: int | None, metric: str, currency: str) -> tuple[str, ...]:
    if target is None:
        return (str(rank), name, value_text(metric, value, currency), wording.DASH, wording.DASH)
    attained = wording.percent(value / target if target else None)
    return (str(rank), name, value_text(metric, value, currency), value_text(metric, target, currency), attained)
