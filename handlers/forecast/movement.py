"""`forecast movement [mine|team|@person] [since=<date>|week|month]`: how the period's open pipeline got from
then to now — created, pulled in, increased, decreased, pushed out, lost, won — with the biggest moves."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from handlers.i18n.dates import local_time
from handlers.i18n.dates import local_day
from handlers.analytics.args import workspace_today, workspace_zone
from handlers.analytics.periods import Period
from handlers.call import Call
from handlers.errors import UserError
from handlers.forecast import wording
from handlers.forecast.args import forecast_period, read_scope_and_period
from handlers.forecast.rates import rates_fact
from handlers.forecast.results import Move
from handlers.forecast.waterfall import Waterfall, by_category, total_waterfall
from handlers.parsing.values import parse_date
from handlers.reply import Fact, Reply, Table
from handlers.scope import Scope

SINCE_WORDS = {"week": 7, "month": 30}


@dataclass(frozen=True)
class MovementView:
    scope: Scope
    period: Period
    since: datetime
    total: Waterfall
    categories: dict[str, Waterfall]
    moves: tuple[Move, ...]


def read_movement(call: Call, keep: tuple[str, ...] = ()) -> MovementView:
    call.reject_unknown_options(("since", "period"))
    reading = read_scope_and_period(call, keep=tuple(SINCE_WORDS) + keep, default_scope="team")
    typed = [t.text.casefold() for t in reading.rest if t.text.casefold() in SINCE_WORDS]
    if typed and call.option("since"):
        raise UserError(wording.TWICE.format(what=wording.SINCE_WORD, first=typed[0], second=call.option("since")),
                        call.usage)
    since = parse_since(call, call.option("since") or (typed[0] if typed else "week"))
    period = forecast_period(call, call.option("period")) if call.option("period") else reading.period
    return movement_view(call, reading.scope, period, since)


def movement_view(call: Call, scope: Scope, period: Period, since: datetime) -> MovementView:
    ids = None if scope.owner_ids is None else set(scope.owner_ids)
    groups = call.ws.forecast.movement(ids, period, since, call.now)
    moves = call.ws.forecast.biggest_moves(ids, period, since, call.now)
    return MovementView(scope, period, since, total_waterfall(groups), by_category(groups), moves)


def parse_since(call: Call, text: str) -> datetime:
    """week (the last 7 days), month (the last 30) or a date (from its midnight, workspace timezone)."""
    if text.casefold() in SINCE_WORDS:
        return call.now - timedelta(days=SINCE_WORDS[text.casefold()])
    try:
        day = parse_date(text, workspace_today(call))
    except UserError as error:
        raise error.with_usage(call.usage) from None
    since = datetime.combine(day, time(0), workspace_zone(call)).astimezone(timezone.utc)
    if since >= call.now:
        raise UserError(wording.NOT_PAST.format(text=text), call.usage)
    return since


def show_movement(call: Call) -> Reply:
    view = read_movement(call)
    currency = call.workspace.currency
    when = local_time(view.since.astimezone(call.zone), "%b %d %H:%M", "MMMd")
    rows = ((wording.MOVEMENT_START, "", wording.money(view.total.start, currency)),)
    rows += tuple((wording.KIND_NAMES[kind], str(deals), wording.signed(amount, currency))
                  for kind, amount, deals in view.total.steps)
    rows += ((wording.MOVEMENT_END, "", wording.money(view.total.end, currency)),)
    return Reply(text=wording.MOVEMENT_TEXT.format(scope=view.scope.label, period=view.period.label, since=when),
                 title=wording.TITLE_MOVEMENT, table=Table(wording.MOVEMENT_HEADERS, rows, "lrr"),
                 facts=movement_facts(call, view), footer=check_line(call, view.total))


def check_line(call: Call, total: Waterfall) -> str:
    currency = call.workspace.currency
    moves = " ".join(wording.signed(amount, currency) for _, amount, _ in total.steps) or "+0"
    return wording.MOVEMENT_CHECK.format(start=wording.money(total.start, currency), moves=moves,
                                         end=wording.money(total.end, currency))


def movement_facts(call: Call, view: MovementView) -> tuple[Fact, ...]:
    currency = call.workspace.currency
    facts = [Fact(wording.category_name(category), f"{wording.money(w.start, currency)} → "
                  f"{wording.money(w.end, currency)}") for category, w in view.categories.items() if w.start or w.end]
    kinds = dict.fromkeys(move.kind for move in view.moves)
    for kind in kinds:
        lines = [move_line(call, move) for move in view.moves if move.kind == kind]
        facts.append(Fact(str(wording.KIND_NAMES[kind]).capitalize(), "; ".join(lines)))
    rates = rates_fact(call, movement=True)
    return tuple(facts + ([rates] if rates else []))


def move_line(call: Call, move: Move) -> str:
    """`#128 Acme pushed out to March: −$85,200`."""
    to = (wording.PUSHED_TO.format(month=local_day(move.expected_close, "%B", "MMMM"))
          if move.kind == "pushed_out" and move.expected_close else "")
    return wording.MOVE_LINE.format(number=move.number, name=move.name, kind=wording.KIND_NAMES[move.kind], to=to,
                                    delta=wording.signed(move.delta, call.workspace.currency))
