"""What `account list key` and `account show` say about key accounts: cadence, last activity, next follow-up,
and the account's CSAT trend."""
from __future__ import annotations

from datetime import datetime

from handlers.call import Call
from handlers.i18n import _
from handlers.i18n.dates import shown_day
from handlers.permissions import DEALS, require_read
from handlers.records import Account
from handlers.reply import Fact, Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.csat import monthly_trend
from handlers.rhythm.key_care import idle_days, is_lapsed, next_due
from handlers.rhythm.text import one_decimal
from handlers.scope import resolve_scope


def list_key_accounts(call: Call) -> Reply:
    """`account list key [mine|team|@person|all]`: key accounts with their cadence and when each is due."""
    call.reject_unknown_options(())
    scope = resolve_scope(call, call.args[0] if call.args else None)
    call.reject_extra_args(1)
    require_read(call, scope.owner_ids, DEALS)
    owners = set(scope.owner_ids) if scope.owner_ids is not None else None
    states = call.ws.rhythm.key_accounts.states(owners)
    if not states:
        return Reply(text=wording.KEY_LIST_EMPTY.format(scope=scope.label))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((s.name, names.get(s.owner_id, "—"), _("{days}d").format(days=s.every_days),
                  day(call, s.last_activity_at) if s.last_activity_at else "—", day(call, next_due(s)),
                  wording.KEY_STATUS_LAPSED.format(days=(call.now - next_due(s)).days)
                  if is_lapsed(s, call.now) else wording.KEY_STATUS_OK) for s in states)
    lapsed = sum(1 for s in states if is_lapsed(s, call.now))
    return Reply(text=wording.KEY_LIST_TEXT.format(scope=scope.label, count=len(states), lapsed=lapsed),
                 title=_("Key accounts"), table=Table(wording.KEY_HEADERS, rows, "llrlll"))


def key_facts(call: Call, account: Account) -> list[Fact]:
    """For a key account: its cadence and owner, its last activity and when the next follow-up is due."""
    states = call.ws.rhythm.key_accounts.states(account_id=account.id)
    if not states:
        return []
    state = states[0]
    owner = call.ws.people.get(state.owner_id) if state.owner_id else None
    due = day(call, next_due(state))
    upcoming = (wording.KEY_LAPSED_VALUE.format(due=due, idle=idle_days(state, call.now))
                if is_lapsed(state, call.now) else wording.KEY_NEXT_VALUE.format(due=due))
    return [Fact(wording.KEY_FACT, wording.KEY_FACT_VALUE.format(days=state.every_days,
                                                                owner=owner.display_name if owner else "—")),
            Fact(wording.KEY_LAST_FACT, day(call, state.last_activity_at) if state.last_activity_at
                 else wording.KEY_NONE_YET),
            Fact(wording.KEY_NEXT_FACT, upcoming)]


def csat_trend_fact(call: Call, account: Account) -> Fact:
    """The account's monthly CSAT averages, oldest first: `2026-09 4.0 → 2026-11 2.5`."""
    trend = monthly_trend(call, {account.id})
    shown = " → ".join(f"{month} {one_decimal(total / n)}" for month, n, total in trend)
    return Fact(wording.CSAT_TREND_FACT, shown or wording.CSAT_TREND_NONE)


def day(call: Call, when: datetime) -> str:
    return shown_day(when.astimezone(call.zone), "%a %-d %b %Y", weekday=True, with_year=True)
