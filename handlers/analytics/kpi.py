"""`kpi`: won, win rate, deal size, cycle, pipeline and coverage, activities, and attainment against targets."""
from __future__ import annotations

from functools import partial

from handlers.i18n import _
from handlers.analytics import charts, wording
from handlers.analytics.args import Reading, read_arguments, workspace_today
from handlers.analytics.results import MONEY_METRICS, Kpi, KpiReport, TargetProgress
from handlers.call import Call
from handlers.fx import conversion_note
from handlers.parsing.money import whole_units
from handlers.reply import Fact, Reply, Table


def show_kpi(call: Call) -> Reply:
    """`kpi [mine|team|@person|all|<team>] [period] [chart]`."""
    reading = read_arguments(call, default_period="month")
    today = workspace_today(call)
    report = call.ws.analytics.kpi_report(reading.scope, reading.period, today)
    period_text = wording.describe_period(reading.period, today)
    table = Table(wording.KPI_TARGET_HEADERS, tuple(_target_row(a, report.kpi.currency) for a in report.attainments),
                  "lrrrrr") if report.attainments else None
    chart = _chart(reading, report, period_text) if reading.chart and report.attainments else None
    return Reply(text=wording.KPI_TEXT.format(scope=reading.scope.label, period=period_text), title=_("KPIs"),
                 facts=kpi_facts(report), table=table, chart=chart, footer=_footer(call, reading, report))


def kpi_facts(report: KpiReport) -> tuple[Fact, ...]:
    """The KPI numbers as labelled facts, in the order a manager reads them."""
    kpi = report.kpi
    money = partial(wording.money, currency=kpi.currency)
    values = (
        _won(kpi), _win_rate(kpi), money(kpi.average_deal), _days(kpi.median_cycle_days),
        wording.KPI_OPEN.format(value=money(kpi.open_pipeline), count=kpi.open_count, weighted=money(
            kpi.weighted_pipeline), deals=wording.deals_word(kpi.open_count)),
        _coverage(kpi, report.attainment("won_value")),
        wording.KPI_NEW.format(value=money(kpi.new_pipeline), count=kpi.new_count,
                               deals=wording.deals_word(kpi.new_count)),
        _activities(kpi),
    )
    return tuple(Fact(label, value) for label, value in zip(wording.KPI_LABELS, values))


def _won(kpi: Kpi) -> str:
    text = f"{wording.money(kpi.won_value, kpi.currency)} — {kpi.won_count} {wording.deals_word(kpi.won_count)}"
    other = kpi.won_count - kpi.won_count_home
    return text + (wording.KPI_WON_OTHER.format(count=other) if other else "")


def _win_rate(kpi: Kpi) -> str:
    if kpi.win_rate is None:
        return wording.KPI_WIN_RATE_NONE
    return wording.KPI_WIN_RATE.format(rate=wording.percent(kpi.win_rate), won=kpi.won_count, lost=kpi.lost_count)


def _days(value: float | None) -> str:
    return wording.NO_DATA if value is None else wording.KPI_DAYS.format(days=wording.days(value))


def _coverage(kpi: Kpi, target: TargetProgress | None) -> str:
    """Open pipeline ÷ what is still to win this period; a met target needs no coverage."""
    if target is None:
        return wording.KPI_COVERAGE_NO_TARGET
    if target.remaining == 0:
        return wording.KPI_COVERAGE_DONE
    return wording.KPI_COVERAGE.format(times=kpi.open_pipeline / target.remaining,
                                       left=wording.money(target.remaining, kpi.currency))


def _activities(kpi: Kpi) -> str:
    if not kpi.activities:
        return wording.KPI_NO_ACTIVITIES
    kinds = ", ".join(f"{count} {kind}" for kind, count in kpi.activities)
    return f"{kpi.activity_total} — {kinds}"


def value_text(metric: str, value: int, currency: str) -> str:
    return wording.money(value, currency) if metric in MONEY_METRICS else f"{value:,}"


def _target_row(attained: TargetProgress, currency: str) -> tuple[str, ...]:
    metric = attained.metric
    gap = attained.actual - attained.pace
    shown_gap = value_text(metric, whole_units(abs(gap), currency) if metric in MONEY_METRICS else abs(gap), currency)
    versus = wording.KPI_ON_PACE if gap == 0 else (wording.KPI_AHEAD if gap > 0 else wording.KPI_BEHIND).format(
        gap=shown_gap)
    return (wording.metric_name(metric), value_text(metric, attained.actual, currency),
            value_text(metric, attained.target, currency), wording.percent(attained.ratio),
            value_text(metric, whole_units(attained.pace, currency) if metric in MONEY_METRICS else attained.pace,
                       currency), versus)


def _footer(call: Call, reading: Reading, report: KpiReport) -> str | None:
    notes = []
    if not report.attainments:
        notes.append(wording.KPI_ROLLING_TARGETS.format(scope=reading.scope_word) if reading.period.kind == "days"
                     else wording.KPI_NO_TARGETS.format(period=reading.period.label))
        if reading.chart:
            notes.append(wording.CHART_NO_TARGETS.format(period=reading.period.label))
    notes.append(conversion_note(call, call.ws.analytics.currency_mix(reading.scope.owner_ids, reading.period)))
    return " ".join(note for note in notes if note) or None


def _chart(reading: Reading, report: KpiReport, period_text: str):
    bars = [(wording.metric_name(a.metric), a.ratio or 0.0) for a in report.attainments]
    title = wording.CHART_KPI.format(scope=reading.scope.label, period=period_text)
    return charts.attainment_chart(title, bars, report.attainments[0].elapsed,
                                   f"kpi-{reading.scope.label}-{reading.period.label}")
