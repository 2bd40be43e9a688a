"""`risks`: open deals going quiet, overdue, pushed again and again, or stuck in a stage — each with why —
and key accounts past their touch cadence."""
from __future__ import annotations

from handlers.i18n.dates import local_day
from handlers.i18n import _
from handlers.analytics import wording
from handlers.analytics.args import read_arguments, workspace_today
from handlers.analytics.results import RiskDeal
from handlers.call import Call
from handlers.parsing.money import Money, format_money
from handlers.permissions import DEALS
from handlers.reply import Reply, Table
from handlers.rhythm.key_care import lapsed_fact

MAX_ROWS = 25


def show_risks(call: Call) -> Reply:
    """`risks [mine|team|@person|all|<team>]`."""
    reading = read_arguments(call, default_period=None, reads=DEALS)
    deals = call.ws.analytics.risks(reading.scope.owner_ids, call.now, workspace_today(call),
                                    call.ws.analytics.typical_stays(call.now))
    owners = set(reading.scope.owner_ids) if reading.scope.owner_ids is not None else None
    key = lapsed_fact(call.ws, owners, call.now)  # key accounts gone quiet past their cadence
    facts = (key,) if key else ()
    if not deals:
        return Reply(text=wording.RISKS_NONE.format(scope=reading.scope.label, idle=call.workspace.risk_idle_days),
                     facts=facts)
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((f"#{d.number}", d.name, names.get(d.owner_id, "?"), format_money(Money(d.amount_minor, d.currency)),
                  d.stage, "; ".join(reasons(d))) for d in deals[:MAX_ROWS])
    more = wording.RISKS_MORE.format(shown=MAX_ROWS, count=len(deals)) if len(deals) > MAX_ROWS else None
    return Reply(text=wording.RISKS_TEXT.format(count=len(deals), deals=wording.deals_word(len(deals)),
                                                scope=reading.scope.label),
                 title=_("Deals at risk"), table=Table(wording.RISKS_HEADERS, rows, "lllrll"), footer=more, facts=facts)


def reasons(deal: RiskDeal) -> list[str]:
    """Why a deal is at risk, in words, most urgent first."""
    found = []
    if deal.follow_up_since is not None:
        found.append(wording.RISK_FOLLOW_UP.format(since=local_day(deal.follow_up_since, "%a %-d %b")))
    if deal.overdue_days is not None:
        found.append(wording.RISK_OVERDUE.format(days=deal.overdue_days,
                                                 day_word=wording.day_word(deal.overdue_days)))
    if deal.idle_days is not None:
        found.append(wording.RISK_IDLE.format(days=deal.idle_days))
    if deal.close_pushes is not None:
        found.append(wording.RISK_PUSHED.format(count=deal.close_pushes))
    if deal.stage_days is not None:
        found.append(wording.RISK_SLOW.format(days=int(deal.stage_days), stage=deal.stage,
                                              median=wording.KPI_DAYS.format(days=wording.days(deal.stage_median))))
    return found
