"""`deal show` and `deal list`: reading deals."""
from __future__ import annotations

from handlers.crm_wording import kind_name, short_day
from handlers.i18n import _, ngettext
from handlers.i18n.dates import format_day
from handlers.call import Call
from handlers.deal_bin import list_deleted
from handlers.deal_card import deal_money, deal_reply
from handlers.deal_filters import read_listing
from handlers.lookup import find_deal
from handlers.paging import more_actions, page_of
from handlers.permissions import DEALS, require_deal_read, require_read
from handlers.reply import Action, Fact, Reply, Table


def show_deal(call: Call) -> Reply:
    """`deal show <ref>`: the card, plus recent activity and stage history."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    call.reject_extra_args(1)
    require_deal_read(call, deal)
    reply = deal_reply(call, deal, _("Deal #{number}, opened {day}.").format(
        number=deal.number, day=format_day(deal.created_at.astimezone(call.zone).date())))
    history = " → ".join(change.to_stage for change in call.ws.deals.history(deal))
    recent = call.ws.activities.for_deal(deal, limit=3)
    extra = [Fact(_("History"), history)]
    if recent:
        extra.append(Fact(_("Recent"), "; ".join(_activity_line(call, a) for a in recent)))
    history = Action(_("History"), f"deal history #{deal.number}")  # the audit trail: who changed what
    return Reply(text=reply.text, title=reply.title, facts=reply.facts + tuple(extra),
                 actions=reply.actions + (history,))


def _activity_line(call: Call, activity) -> str:
    when = short_day(activity.occurred_at.astimezone(call.zone).date())
    return f"{when} {kind_name(activity.kind)}" + (f": {activity.notes}" if activity.notes else "")


def list_deals(call: Call) -> Reply:
    """`deal list [mine|team|@person|all|deleted] [filters] [page=<n>]`: newest first, open deals unless a
    stage is named; the bin with `deleted`."""
    listing = read_listing(call)
    require_read(call, listing.scope.owner_ids, DEALS)
    page = page_of(call)
    if listing.deleted:
        return list_deleted(call, listing.scope, page)
    wanted = listing.wanted
    what = f"{wanted.stage} deal" if wanted.stage else "open deal"
    total, deals = call.ws.deals.page_matching(wanted, page.size, page.offset)
    page.check(total, what, _counted(wanted.stage))
    matching = _(" matching {filters}").format(filters=", ".join(listing.described)) if listing.described else ""
    if not deals:
        empty = _("No {stage} deals for {scope}{matching}.") if wanted.stage else \
            _("No open deals for {scope}{matching}.")
        return Reply(text=empty.format(stage=wanted.stage, scope=listing.scope.label, matching=matching))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((f"#{d.number}", d.name, deal_money(d), d.stage, names.get(d.owner_id, "?"),
                  format_day(d.expected_close) if d.expected_close else "—") for d in deals)
    head = _("{deals} for {scope}{matching} ({showing}).").format(
        deals=_counted(wanted.stage)(total), scope=listing.scope.label, matching=matching,
        showing=page.showing(len(deals), total))
    return Reply(text=head, table=Table(("#", _("Deal"), _("Amount"), _("Stage"), _("Owner"), _("Close")), rows,
                                        "llrlll"),
                 actions=more_actions(call, page, len(deals), total))


def _counted(stage: str | None):
    """`3 open deals`, `3 proposal deals`, in the catalog's plural forms."""
    if stage:
        return lambda n: ngettext("{count} {stage} deal", "{count} {stage} deals", n).format(count=n, stage=stage)
    return lambda n: ngettext("{count} open deal", "{count} open deals", n).format(count=n)
