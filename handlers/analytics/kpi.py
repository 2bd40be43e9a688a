"""`kpi`: won, win rate, deal size, cycle, pipeline and coverage, activities, and attainment against targets."""
from __future__ import annotations

from handlers.analytics import charts, wording
from handlers.analytics.args import Reading, read_arguments, workspace_today
from handlers.call import Call
from handlers.ports import Record
from handlers.reply import Fact, Reply, Table

MONEY_METRICS = ("won_value", "new_pipeline")


def show_kpi(call: Call) -> Reply:
    """`kpi [mine|team|@person|all|<team>] [period] [chart]`."""
    reading = read_arguments(call, default_period="month")
    today = workspace_today(call)
    report = call.ws.analytics.kpi_report(reading.scope, reading.period, today)
    period_text = wording.describe_period(reading.period, today)
    table = Table(wording.KPI_TARGET_HEADERS, tuple(_target_row(a, report.kpi.currency) for a in report.attainments),
                  "lrrrrr") if report.attainments else None
    chart = _chart(reading, report, period_text) if reading.chart and report.attainments else None
    return Reply(text=wording.KPI_TEXT.format(scope=reading.scope.label, period=period_text), title="KPIs",
                 facts=kpi_facts(report), table=table, chart=chart, footer=_footer(reading, report, period_text))


def kpi_facts(report: Record) -> tuple[Fact, ...]:
    """The KPI numbers as labelled facts, in the order a manager reads them."""
    kpi, money = report.kpi, (lambda minor: wording.money(minor, report.kpi.currency))
    return (
        Fact("Won", _won(kpi)),
        Fact("Win rate", _win_rate(kpi)),
        Fact("Average deal", money(kpi.average_deal)),
        Fact("Median sales cycle", _days(kpi.median_cycle_days)),
        Fact("Open pipeline", f"{money(kpi.open_pipeline)} in {kpi.open_count} "
                              f"{wording.plural(kpi.open_count, 'deal')}, weighted {money(kpi.weighted_pipeline)}"),
        Fact("Coverage", _coverage(kpi, report.attainment("won_value"))),
        Fact("New pipeline", f"{money(kpi.new_pipeline)} in {kpi.new_count} {wording.plural(kpi.new_count, 'deal')}"),
        Fact("Activities", _activities(kpi)),
    )


def _won(kpi: Record) -> str:
    text = f"{wording.money(kpi.won_value, kpi.currency)} — {kpi.won_count} {wording.plural(kpi.won_count, 'deal')}"
    other = kpi.won_count - kpi.won_count_home
    return text + (wording.KPI_WON_OTHER.format(count=other) if other else "")


def _win_rate(kpi: Record) -> str:
    if kpi.win_rate is None:
        return f"{wording.NO_DATA} — nothing won or lost yet"
    return f"{wording.percent(kpi.win_rate)} — {kpi.won_count} won, {kpi.lost_count} lost"


def _days(value: float | None) -> str:
    return wording.NO_DATA if value is None else f"{wording.days(value)} days"


def _coverage(kpi: Record, target: Record | None) -> str:
    """Open pipeline ÷ what is still to win this period; a met target needs no coverage."""
    if target is None:
        return "no won-value target for this period"
    if target.remaining == 0:
        return "target reached"
    left = wording.money(target.remaining, kpi.currency)
    return f"{kpi.open_pipeline / target.remaining:.1f}× the {left} still to win"


def _activities(kpi: Record) -> str:
    if not kpi.activities:
        return "none"
    kinds = ", ".join(f"{count} {kind}" for kind, count in kpi.activities)
    return f"{kpi.activity_total} — {kinds}"


def value_text(metric: str, value: int, currency: str) -> str:
    return wording.money(value, currency) if metric in MONEY_METRICS else f"{value:,}"


def _target_row(attained: Record, currency: str) -> tuple[str, ...]:
    metric = attained.metric
    gap = attained.actual - attained.pace
    versus = "on pace" if gap == 0 else f"{value_text(metric, abs(gap), currency)} {'ahead' if gap > 0 else 'behind'}"
    return (wording.metric_name(metric), value_text(metric, attained.actual, currency),
            value_text(metric, attained.target, currency), wording.percent(attained.ratio),
            value_text(metric, attained.pace, currency), versus)


def _footer(reading: Reading, report: Record, period_text: str) -> str | None:
    notes = []
    if not report.attainments:
        notes.append(wording.KPI_ROLLING_TARGETS.format(scope=reading.scope_word) if reading.period.kind == "days"
                     else wording.KPI_NO_TARGETS.format(period=reading.period.label))
        if reading.chart:
            notes.append(wording.CHART_NO_TARGETS.format(period=reading.period.label))
    other = report.kpi.other_currency_deals
    if other:
        notes.append(wording.KPI_OTHER_CURRENCY.format(count=other, deals=wording.plural(other, "deal is", "deals are"),
                                                       currency=report.kpi.currency))
    return " ".join(notes) or None


def _chart(reading: Reading, report: Record, period_text: str):
    bars = [(wording.metric_name(a.metric), a.ratio or 0.0) for a in report.attainments]
    title = wording.CHART_KPI.format(scope=reading.scope.label, period=period_text)
    return charts.attainment_chart(title, bars, report.attainments[0].elapsed,
                                   f"kpi-{reading.scope.label}-{reading.period.label}")
