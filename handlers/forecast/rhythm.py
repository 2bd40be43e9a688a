"""The forecast in the team's rhythm: a forecast call's agenda (`meeting add … agenda=forecast`) and the one
forecast line of a manager's digest."""
from __future__ import annotations

from datetime import datetime

from handlers.call import Call
from handlers.forecast import wording
from handlers.forecast.args import current_period
from handlers.forecast.figures import ScopeFigures, scope_figures
from handlers.forecast.movement import move_line, movement_view
from handlers.forecast.view import short_money
from handlers.reply import Fact
from handlers.scope import Scope

MAX_SLIPPED = 5


def agenda_lines(call: Call, scope: Scope, since: datetime) -> list[str]:
    """The team roll-up, who has not submitted, commit deals pushed out since the last call, and the movement."""
    figures = scope_figures(call, scope, current_period(call))
    view = movement_view(call, scope, figures.period, since)
    lines = [_rollup(call, figures), _missing(figures)]
    slipped = [m for m in view.moves if m.kind == "pushed_out" and m.from_category == "commit"]
    lines += [wording.COMMIT_SLIPPED.format(move=move_line(call, move)) for move in slipped[:MAX_SLIPPED]]
    moves = ", ".join(f"{wording.KIND_NAMES[kind]} {wording.signed(amount, call.workspace.currency)}"
                      for kind, amount, _ in view.total.steps) or str(wording.NO_MOVES)
    lines.append(wording.AGENDA_MOVEMENT.format(start=short_money(call, view.total.start),
                                                end=short_money(call, view.total.end), moves=moves))
    return [line for line in lines if line]


def digest_fact(call: Call, scope: Scope) -> Fact:
    """`Forecast 2026-Q4: commit $120k, best case $180k of $300k target; 2 not submitted this week`."""
    figures = scope_figures(call, scope, current_period(call))
    missing = (wording.DIGEST_MISSING.format(count=len(figures.missing)) if figures.missing
               else str(wording.EVERYONE_SUBMITTED_DIGEST))
    return Fact(wording.TITLE_FORECAST, _digest_text(call, figures, missing))


def _digest_text(call: Call, figures: ScopeFigures, missing: str) -> str:
    return wording.DIGEST_LINE.format(period=figures.period.label, commit=short_money(call, figures.total.commit),
                                      best=short_money(call, figures.total.best_case),
                                      target=short_money(call, figures.target), missing=missing)


def _rollup(call: Call, figures: ScopeFigures) -> str:
    return wording.AGENDA_ROLLUP.format(period=figures.period.label, commit=short_money(call, figures.total.commit),
                                        best=short_money(call, figures.total.best_case),
                                        target=short_money(call, figures.target))


def _missing(figures: ScopeFigures) -> str:
    return wording.AGENDA_MISSING.format(names=", ".join(p.display_name for p in figures.missing)) \
        if figures.missing else ""
