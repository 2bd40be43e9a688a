"""PNG charts for `funnel chart`, `kpi chart` and `leaderboard chart`, drawn with matplotlib's Agg backend.

matplotlib takes a second or more to import, so it is imported inside each function, only when a chart
is asked for; the figure is drawn on its own canvas (no pyplot state), so threads do not share anything.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence

from handlers.i18n import _
from handlers.i18n.fonts import use_cjk_fallback
from handlers.reply import Chart

BAR = "#3b6ea8"
MUTED = "#9db7d5"
PACE = "#d9822b"
DONE = "#3f9a5b"
WIDTH, DPI = 8.0, 110
PALETTE = 64


def _figure(height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_cjk_fallback()  # before any text is drawn: labels may be Chinese (names, or the zh-CN catalog)
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _png(figure, title: str, stem: str) -> Chart:
    figure.suptitle(title, fontsize=12, x=0.02, ha="left")
    figure.tight_layout()
    drawn = io.BytesIO()
    figure.savefig(drawn, format="png")
    return Chart(png=_small(drawn), filename=f"{_slug(stem)}.png", title=title)


def _small(drawn: io.BytesIO) -> bytes:
    """The PNG with a 64-colour palette: a third of the size, the same look, and under the ~20 KB Teams
    shows inline in a card (Pillow comes with matplotlib)."""
    from PIL import Image

    drawn.seek(0)
    packed = io.BytesIO()
    Image.open(drawn).convert("RGB").quantize(colors=PALETTE).save(packed, format="PNG", optimize=True)
    return packed.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "chart"


def funnel_chart(title: str, stages: Sequence[tuple[str, int, str]], stem: str) -> Chart:
    """Horizontal bars, first stage on top: deals that entered each stage, labelled with the conversion."""
    figure, axes = _figure(1.2 + 0.55 * len(stages))
    names = [name for name, _, _ in stages]
    counts = [count for _, count, _ in stages]
    bars = axes.barh(names, counts, color=[DONE if i == len(stages) - 1 else BAR for i in range(len(stages))])
    axes.invert_yaxis()
    for bar, (_stage, count, note) in zip(bars, stages):
        axes.annotate(f" {count}  {note}".rstrip(), (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                      va="center", fontsize=9)
    axes.set_xlim(0, max(counts + [1]) * 1.45)
    axes.set_xlabel(_("deals that entered the stage"))
    _plain(axes)
    return _png(figure, title, stem)


def attainment_chart(title: str, bars: Sequence[tuple[str, float]], pace: float, stem: str) -> Chart:
    """One bar per target (percent attained) and a line where the pace says they should be today."""
    figure, axes = _figure(1.4 + 0.6 * len(bars))
    names = [name for name, _ in bars]
    values = [value * 100 for _, value in bars]
    colors = [DONE if value >= pace * 100 else BAR for value in values]
    drawn = axes.barh(names, values, color=colors)
    axes.invert_yaxis()
    axes.axvline(pace * 100, color=PACE, linestyle="--", linewidth=2, label=_("pace today: {percent}%").format(percent=f"{pace * 100:.0f}"))
    axes.axvline(100, color="#555555", linewidth=1)
    for bar, value in zip(drawn, values):
        axes.annotate(f" {value:.0f}%", (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center",
                      fontsize=9)
    axes.set_xlim(0, max(values + [100, pace * 100]) * 1.2)
    axes.set_xlabel(_("% of target"))
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    _plain(axes)
    return _png(figure, title, stem)


def ranking_chart(title: str, rows: Sequence[tuple[str, float, str]], stem: str) -> Chart:
    """Ranked horizontal bars, leader on top, each labelled with its value as shown in the table."""
    figure, axes = _figure(1.2 + 0.4 * len(rows))
    names = [name for name, _, _ in rows]
    values = [value for _, value, _ in rows]
    drawn = axes.barh(range(len(rows)), values, color=[BAR if i else DONE for i in range(len(rows))])
    axes.set_yticks(range(len(rows)), names)
    axes.invert_yaxis()
    for bar, (_name, _value, shown) in zip(drawn, rows):
        axes.annotate(f" {shown}", (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=9)
    axes.set_xlim(0, max(values + [1]) * 1.3)
    axes.set_xticks([])
    _plain(axes)
    return _png(figure, title, stem)


def _plain(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
