"""`forecast deals [commit|best_case|pipeline|omitted|closed] [mine|team|@person|all] [period]`: the deals
behind a number, largest first, overrides marked."""
from __future__ import annotations

from handlers.i18n.dates import local_day
from handlers.call import Call
from handlers.errors import UserError
from handlers.forecast import wording
from handlers.forecast.args import parse_category, read_scope_and_period
from handlers.forecast.results import CATEGORIES, ForecastDeal
from handlers.parsing.money import Money, format_money
from handlers.reply import Reply, Table

WORDS = CATEGORIES + ("closed", "best", "omit")


def show_deals(call: Call) -> Reply:
    call.reject_unknown_options(())
    reading = read_scope_and_period(call, keep=WORDS)
    if len(reading.rest) > 1:
        raise UserError(wording.TWICE.format(what=wording.CATEGORY_WORD, first=reading.rest[0].text,
                                             second=reading.rest[1].text), call.usage)
    category = parse_category(call, reading.rest[0].text, CATEGORIES + ("closed",)) if reading.rest else None
    ids = None if reading.scope.owner_ids is None else set(reading.scope.owner_ids)
    deals = call.ws.forecast.deals(ids, reading.period, category)
    what = wording.category_name(category) if category else wording.THE_FORECAST
    if not deals:
        return Reply(text=wording.DEALS_EMPTY.format(what=what, scope=reading.scope.label,
                                                     period=reading.period.label))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((f"#{d.number}", d.name, names.get(d.owner_id, "?"), _amount(call, d),
                  d.stage, local_day(d.expected_close, "%b %d", "MMMd") if d.expected_close else "—",
                  wording.category_name(d.category) + (wording.OVERRIDE_MARK if d.overridden else "")) for d in deals)
    return Reply(text=wording.DEALS_TEXT.format(scope=reading.scope.label, period=reading.period.label,
                                                what=wording.DEALS_WHAT.format(what=what) if category else ""),
                 title=wording.TITLE_DEALS, table=Table(wording.DEALS_HEADERS, rows, "lllrlll"))


def _amount(call: Call, deal: ForecastDeal) -> str:
    """The deal's own amount; in another currency, what it counts as in the workspace's (or "no rate")."""
    own = format_money(Money(deal.amount_minor, deal.currency))
    if deal.currency == call.workspace.currency:
        return own
    home = wording.NO_RATE if deal.home_minor is None else format_money(Money(deal.home_minor,
                                                                              call.workspace.currency))
    return f"{own} ({home})"
