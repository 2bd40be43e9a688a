"""PNG charts for `funnel chart`, `kpi chart` and `leaderboard chart`, drawn with the shared `handlers.drawing`."""
from __future__ import annotations

from collections.abc import Sequence

from handlers import drawing
from handlers.i18n import _
from handlers.reply import Chart

def funnel_chart(title: str, stages: Sequence[tuple[str, int, str]], stem: str) -> Chart:
    """Horizontal bars, first stage on top: deals that entered each stage, labelled with the conversion."""
    figure, axes = drawing.figure(1.2 + 0.55 * len(stages))
    names = [name for name, _, _ in stages]
    counts = [count for _, count, _ in stages]
    colors = [drawing.DONE if i == len(stages) - 1 else drawing.BAR for i in range(len(stages))]
    bars = axes.barh(names, counts, color=colors)
    axes.invert_yaxis()
    for bar, (_stage, count, note) in zip(bars, stages):
        axes.annotate(f" {count}  {note}".rstrip(), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                      va="center", fontsize=9)
    axes.set_xlim(0, max(counts + [1]) * 1.45)
    axes.set_xlabel(_("deals that entered the stage"))
    drawing.plain(axes)
    return drawing.png(figure, title, stem)


def attainment_chart(title: str, bars: Sequence[tuple[str, float]], pace: float, stem: str) -> Chart:
    """One bar per target (percent attained) and a line where the pace says they should be today."""
    figure, axes = drawing.figure(1.4 + 0.6 * len(bars))
    names = [name for name, _ in bars]
    values = [value * 100 for _, value in bars]
    colors = [drawing.DONE if value >= pace * 100 else drawing.BAR for value in values]
    drawn = axes.barh(names, values, color=colors)
    axes.invert_yaxis()
    label = _("pace today: {percent}%").format(percent=f"{pace * 100:.0f}")
    axes.axvline(pace * 100, color=drawing.PACE, linestyle="--", linewidth=2, label=label)
    axes.axvline(100, color="#555555", linewidth=1)
    for bar, value in zip(drawn, values):
        axes.annotate(f" {value:.0f}%", (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center",
                      fontsize=9)
    axes.set_xlim(0, max(values + [100, pace * 100]) * 1.2)
    axes.set_xlabel(_("percent of target"))
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    drawing.plain(axes)
    return drawing.png(figure, title, stem)


def ranking_chart(title: str, rows: Sequence[tuple[str, float, str]], stem: str) -> Chart:
    """Ranked horizontal bars, leader on top, each labelled with its value as shown in the table."""
    figure, axes = drawing.figure(1.2 + 0.4 * len(rows))
    names = [name for name, _, _ in rows]
    values = [value for _, value, _ in rows]
    drawn = axes.barh(range(len(rows)), values, color=[drawing.BAR if i else drawing.DONE for i in range(len(rows))])
    axes.set_yticks(range(len(rows)), names)
    axes.invert_yaxis()
    for bar, (_name, _value, shown) in zip(drawn, rows):
        axes.annotate(f" {shown}", (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=9)
    axes.set_xlim(0, max(values + [1]) * 1.3)
    axes.set_xticks([])
    drawing.plain(axes)
    return drawing.png(figure, title, stem)

