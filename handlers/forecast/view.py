"""`forecast [mine|team|@person|all] [period]`: each person's closed, commit, best case, pipeline, target,
gap, latest submission and the manager's adjustment; the team's totals; who has not submitted this week."""
from __future__ import annotations

from handlers.i18n.dates import local_day
from handlers.call import Call
from handlers.forecast import wording
from handlers.forecast.args import read_scope_and_period
from handlers.forecast.figures import ScopeFigures, scope_figures
from handlers.forecast.rates import rates_fact
from handlers.forecast.results import Rollup, Submission
from handlers.parsing.money import Money, format_compact
from handlers.reply import Fact, Reply, Table


def show_forecast(call: Call) -> Reply:
    call.reject_unknown_options(())
    reading = read_scope_and_period(call)
    figures = scope_figures(call, reading.scope, reading.period)
    label = reading.period.label
    if not figures.people and not figures.total.best_case and not figures.total.open_pipeline:
        return Reply(text=wording.VIEW_EMPTY.format(scope=reading.scope.label, period=label))
    return Reply(text=wording.VIEW_TEXT.format(scope=reading.scope.label, period=label), title=wording.TITLE_FORECAST,
                 table=forecast_table(call, figures), facts=_facts(call, figures), footer=wording.ROLLUPS_NOTE)


def forecast_table(call: Call, figures: ScopeFigures) -> Table:
    rows = tuple(_row(call, f.person.display_name, f.rollup, f.target, f.submission, f.adjustment)
                 for f in figures.people)
    if len(figures.people) != 1:
        rows += (_row(call, wording.TOTAL, figures.total, figures.target, None, None),)
    return Table(wording.view_headers(), rows, "lrrrrrrll")


def _row(call: Call, name: str, numbers: Rollup, target: int | None, submission: Submission | None,
         adjustment: Submission | None) -> tuple[str, ...]:
    short = lambda minor: short_money(call, minor)  # noqa: E731
    gap = "—" if target is None else short(target - numbers.commit)
    return (name, short(numbers.closed), short(numbers.commit), short(numbers.best_case),
            short(numbers.open_pipeline), "—" if target is None else short(target), gap,
            submitted_text(call, submission), submitted_text(call, adjustment, when=False))


def short_money(call: Call, minor: int | None) -> str:
    if minor is None:
        return "—"
    shown = format_compact(Money(abs(minor), call.workspace.currency))
    return f"−{shown}" if minor < 0 else shown


def submitted_text(call: Call, submission: Submission | None, when: bool = True) -> str:
    """`$120k / $180k, Thu 26 Nov` (commit / best case, and when in the reader's zone)."""
    if submission is None:
        return "—"
    best = "" if submission.best_minor is None else f" / {short_money(call, submission.best_minor)}"
    at = f", {local_day(submission.at.astimezone(call.zone), '%a %d %b', 'MMMEd')}" if when else ""
    return f"{short_money(call, submission.commit_minor)}{best}{at}"


def _facts(call: Call, figures: ScopeFigures) -> tuple[Fact, ...]:
    facts = []
    for manager, submission, adjustment in figures.team_calls:
        text = submitted_text(call, submission)
        if adjustment is not None:
            text += wording.ADJUSTED.format(number=submitted_text(call, adjustment, when=False))
        facts.append(Fact(wording.TEAM_CALL_OF.format(name=manager.display_name), text))
    names = ", ".join(p.display_name for p in figures.missing) or wording.EVERYONE_SUBMITTED
    facts.append(Fact(wording.NOT_SUBMITTED, names))
    rates = rates_fact(call)
    facts += [rates] if rates else []
    if figures.total.other_currency:
        facts.append(Fact(wording.OTHER_CURRENCIES, wording.OTHER_CURRENCY.format(count=figures.total.other_currency)))
    return tuple(facts)

