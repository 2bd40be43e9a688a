"""`forecast chart [movement|people] …`: the movement waterfall, or per-person commit / best case / target
bars, as PNGs drawn with matplotlib's Agg backend like the other charts (imported only when drawn)."""
from __future__ import annotations

from handlers import drawing
from handlers.call import Call
from handlers.forecast import wording
from handlers.forecast.args import read_scope_and_period
from handlers.forecast.figures import scope_figures
from handlers.forecast.movement import check_line, read_movement
from handlers.forecast.view import short_money
from handlers.forecast.waterfall import Waterfall
from handlers.parsing.money import currency_exponent
from handlers.reply import Chart, Reply, Table

LOSS = "#c0504d"
WHICH = ("movement", "people")


def show_chart(call: Call) -> Reply:
    which = call.args[0].text.casefold() if call.args and call.args[0].text.casefold() in WHICH else None
    if which:
        call.args = call.args[1:]
    return _people(call) if which == "people" else _movement(call)


def _movement(call: Call) -> Reply:
    view = read_movement(call)
    title = wording.CHART_WATERFALL.format(scope=view.scope.label, period=view.period.label)
    chart = waterfall_chart(title, view.total, currency_exponent(call.workspace.currency), "forecast-movement")
    return Reply(text=check_line(call, view.total), title=wording.TITLE_MOVEMENT, chart=chart)


def _people(call: Call) -> Reply:
    call.reject_unknown_options(())
    reading = read_scope_and_period(call)
    figures = scope_figures(call, reading.scope, reading.period)
    scale = 10 ** currency_exponent(call.workspace.currency)
    bars = [(f.person.display_name, f.rollup.commit / scale, f.rollup.best_case / scale,
             None if f.target is None else f.target / scale) for f in figures.people]
    title = wording.CHART_BARS.format(scope=reading.scope.label, period=reading.period.label)
    # The bars' numbers beside the picture: what a text-only reader (and a screen reader) gets.
    rows = tuple((f.person.display_name, short_money(call, f.rollup.commit), short_money(call, f.rollup.best_case),
                  short_money(call, f.target)) for f in figures.people)
    return Reply(text=title, title=wording.TITLE_FORECAST, chart=people_chart(title, bars, "forecast-people"),
                 table=Table(wording.BARS_HEADERS, rows, "lrrr"))


def waterfall_chart(title: str, total: Waterfall, exponent: int, stem: str) -> Chart:
    """Start and end as full bars; each move floats from the running total, green up and red down."""
    scale = 10 ** exponent
    labels, bottoms, heights, colors = [str(wording.CHART_START)], [0.0], [total.start / scale], [drawing.BAR]
    running = total.start
    for kind, amount, _ in total.steps:
        low = min(running, running + amount)
        labels.append(str(wording.KIND_NAMES[kind]))
        bottoms.append(low / scale)
        heights.append(abs(amount) / scale)
        colors.append(drawing.DONE if amount >= 0 else LOSS)
        running += amount
    labels.append(str(wording.CHART_END))
    bottoms.append(0.0)
    heights.append(total.end / scale)
    colors.append(drawing.BAR)
    figure, axes = drawing.figure(4.2)
    axes.bar(range(len(labels)), heights, bottom=bottoms, color=colors)
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=8)
    drawing.plain(axes)
    return drawing.png(figure, title, stem)


def people_chart(title: str, bars: list[tuple[str, float, float, float | None]], stem: str) -> Chart:
    """Per person: best case (light) behind commit (dark), and a tick at the target."""
    figure, axes = drawing.figure(1.2 + 0.45 * max(len(bars), 1))
    names = [name for name, *_ in bars]
    axes.barh(names, [best for _, _, best, _ in bars], color=drawing.MUTED, label=str(wording.LEGEND_BEST))
    axes.barh(names, [commit for _, commit, _, _ in bars], color=drawing.BAR, label=str(wording.LEGEND_COMMIT))
    targets = [(i, target) for i, (*_, target) in enumerate(bars) if target is not None]
    if targets:
        axes.scatter([t for _, t in targets], [i for i, _ in targets], marker="|", s=300, color=drawing.PACE,
                     label=str(wording.LEGEND_TARGET), zorder=3)
    axes.invert_yaxis()
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    drawing.plain(axes)
    return drawing.png(figure, title, stem)
