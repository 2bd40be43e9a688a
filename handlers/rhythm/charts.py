"""PNG charts of the rhythm area (a CSAT trend; a person against the team median), on the shared `handlers.drawing`."""
from __future__ import annotations

from collections.abc import Sequence

from handlers import drawing
from handlers.i18n import _
from handlers.reply import Chart


def trend_chart(title: str, points: Sequence[tuple[str, float]], ceiling: float, stem: str) -> Chart:
    """A line over labelled points (months), on a fixed 0..ceiling scale so trends compare across charts."""
    figure, axes = drawing.figure(3.2)
    labels = [label for label, _ in points]
    values = [value for _, value in points]
    axes.plot(labels, values, color=drawing.BAR, marker="o", linewidth=2)
    for label, value in points:
        axes.annotate(f"{value:.1f}", (label, value), textcoords="offset points", xytext=(0, 7), ha="center",
                      fontsize=9)
    axes.set_ylim(0, ceiling + 0.5)
    drawing.plain(axes)
    return drawing.png(figure, title, stem)


def versus_chart(title: str, rows: Sequence[tuple[str, float, float]], stem: str) -> Chart:
    """Per item, the person's value as a bar and the team median as a tick, both as % of the larger."""
    figure, axes = drawing.figure(1.2 + 0.5 * len(rows))
    names = [name for name, _, _ in rows]
    scale = [max(abs(mine), abs(median), 1e-9) for _, mine, median in rows]
    mine = [value / top * 100 for (_, value, _), top in zip(rows, scale)]
    median = [value / top * 100 for (_, _, value), top in zip(rows, scale)]
    colors = [drawing.DONE if m >= t else drawing.BAR for m, t in zip(mine, median)]
    axes.barh(range(len(rows)), mine, color=colors, label=_("person"))
    axes.scatter(median, range(len(rows)), color=drawing.PACE, marker="|", s=400, linewidths=3, label=_("team median"),
                 zorder=3)
    axes.set_yticks(range(len(rows)), names)
    axes.invert_yaxis()
    axes.set_xlim(0, 115)
    axes.set_xticks([])
    axes.legend(loc="lower right", fontsize=8, frameon=False, labelcolor=drawing.MUTED)
    drawing.plain(axes)
    return drawing.png(figure, title, stem)
