"""`deal show` and `deal list`: reading deals."""
from __future__ import annotations

from handlers.call import Call
from handlers.deal_card import deal_money, deal_reply
from handlers.lookup import find_deal, find_stage
from handlers.permissions import DEALS, require_deal_read, require_read
from handlers.reply import Fact, Reply, Table
from handlers.scope import resolve_scope

LIST_LIMIT = 50


def show_deal(call: Call) -> Reply:
    """`deal show <ref>`: the card, plus recent activity and stage history."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, "the deal (#12 or a name)"))
    call.reject_extra_args(1)
    require_deal_read(call, deal)
    reply = deal_reply(call, deal, f"Deal #{deal.number}, opened {deal.created_at.astimezone(call.zone):%Y-%m-%d}.")
    history = " → ".join(change.to_stage for change in call.ws.deals.history(deal))
    recent = call.ws.activities.for_deal(deal, limit=3)
    extra = [Fact("History", history)]
    if recent:
        extra.append(Fact("Recent", "; ".join(_activity_line(call, a) for a in recent)))
    return Reply(text=reply.text, title=reply.title, facts=reply.facts + tuple(extra), actions=reply.actions)


def _activity_line(call: Call, activity) -> str:
    when = activity.occurred_at.astimezone(call.zone).strftime("%b %d")
    return f"{when} {activity.kind}" + (f": {activity.notes}" if activity.notes else "")


def list_deals(call: Call) -> Reply:
    """`deal list [mine|team|@person|all] [stage=<stage>]`: newest first, open deals unless a stage is named."""
    call.reject_unknown_options(("stage",))
    scope = resolve_scope(call, call.args[0] if call.args else None)
    call.reject_extra_args(1)
    require_read(call, scope.owner_ids, DEALS)
    stage = find_stage(call, call.option("stage")).name if call.option("stage") else None
    owners = set(scope.owner_ids) if scope.owner_ids is not None else None
    deals = call.ws.deals.listing(owners, stage, limit=LIST_LIMIT)
    what = f"{stage} deals" if stage else "open deals"
    if not deals:
        return Reply(text=f"No {what} for {scope.label}.")
    total = call.ws.deals.count(owners, stage)
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((f"#{d.number}", d.name, deal_money(d), d.stage, names.get(d.owner_id, "?"),
                  d.expected_close.isoformat() if d.expected_close else "—") for d in deals)
    more = f" (showing the newest {LIST_LIMIT})" if total > len(deals) else ""
    counted = what.removesuffix("s") if total == 1 else what
    return Reply(text=f"{total} {counted} for {scope.label}{more}.",
                 table=Table(("#", "Deal", "Amount", "Stage", "Owner", "Close"), rows, "llrlll"))
