"""`funnel`: how deals flow through the stages in a period, and the one step to fix first."""
from __future__ import annotations

from handlers.analytics import charts, wording
from handlers.analytics.args import Reading, read_arguments, workspace_today
from handlers.analytics.periods import Period
from handlers.analytics.results import Bottleneck, Funnel, FunnelReport, StageFlow
from handlers.call import Call
from handlers.i18n import _, ngettext
from handlers.reply import Reply, Table


def show_funnel(call: Call) -> Reply:
    """`funnel [mine|team|@person|all|<team>] [period] [chart]`."""
    reading = read_arguments(call, default_period="30d")
    analytics = call.ws.analytics
    report = analytics.funnel_report(reading.scope, reading.period, reading.period.previous(),
                                     analytics.history(call.now, reading.period.days))
    period_text = wording.describe_period(reading.period, workspace_today(call))
    if not report.current.has_data:
        return Reply(text=wording.FUNNEL_EMPTY.format(scope=reading.scope.label, period=period_text))
    rows = tuple(_row(flow) for flow in report.current.stages)
    chart = _chart(reading, report.current, period_text) if reading.chart else None
    return Reply(text=wording.FUNNEL_TEXT.format(scope=reading.scope.label, period=period_text), title=_("Funnel"),
                 table=Table(wording.FUNNEL_HEADERS, rows, "lrrrrr"), chart=chart,
                 footer=bottleneck_sentence(call, reading, report))


def _row(flow: StageFlow) -> tuple[str, ...]:
    if flow.moved_on is None:  # the won stage: the end of the funnel
        return (flow.stage, str(flow.entered), wording.DASH, wording.DASH, wording.DASH, wording.DASH)
    return (flow.stage, str(flow.entered), str(flow.moved_on), wording.percent(flow.to_next),
            wording.percent(flow.to_won), wording.days(flow.median_days))


def bottleneck_sentence(call: Call, reading: Reading, report: FunnelReport) -> str:
    """The bottleneck of the funnel shown, with the open deals of the scope sitting in that stage now."""
    bottleneck = report.bottleneck
    if bottleneck is None:
        return bottleneck_text(None, reading.period, report.history)
    owners = set(reading.scope.owner_ids) if reading.scope.owner_ids is not None else None
    return bottleneck_text(bottleneck, reading.period, report.history, call.ws.deals.count(owners, bottleneck.stage),
                           f"deal list {reading.scope_word} stage={bottleneck.stage}")


def bottleneck_text(bottleneck: Bottleneck | None, period: Period, history: Funnel, stuck: int = 0,
                    list_command: str = "") -> str:
    """One sentence a manager can act on: which step, how it compares, and the `stuck` deals there now
    (with the command that lists them). Digests reuse it."""
    if bottleneck is None:
        return wording.BOTTLENECK_NONE
    template = {"previous": wording.BOTTLENECK_PREVIOUS, "history": wording.BOTTLENECK_HISTORY,
                "lowest": wording.BOTTLENECK_LOWEST}[bottleneck.kind]
    sentence = template.format(stage=bottleneck.stage, next=bottleneck.next_stage, moved=bottleneck.moved_on,
                               entered=bottleneck.entered, rate=wording.percent(bottleneck.conversion),
                               before=wording.percent(bottleneck.reference), span=wording.span_name(period),
                               history_days=(history.end - history.start).days)
    if not stuck:
        return sentence
    return sentence + wording.BOTTLENECK_STUCK.format(
        count=stuck, deals=ngettext("deal is", "deals are", stuck), stage=bottleneck.stage,
        them=ngettext("it", "them", stuck), command=list_command)


def _chart(reading: Reading, funnel: Funnel, period_text: str):
    stages = [(flow.stage, flow.entered,
               "" if flow.to_next is None else wording.CHART_FUNNEL_NOTE.format(rate=wording.percent(flow.to_next)))
              for flow in funnel.stages]
    title = wording.CHART_FUNNEL.format(scope=reading.scope.label, period=period_text)
    return charts.funnel_chart(title, stages, f"funnel-{reading.scope.label}-{reading.period.label}")
