"""`deal history <ref>`: a deal's audit trail — every change, who made it and when, undos included."""
from __future__ import annotations

from handlers.crm_wording import day_time
from handlers.i18n import _
from handlers import crm_wording as say
from handlers.audit_text import describe
from handlers.call import Call
from handlers.permissions import require_deal_read
from handlers.lookup import find_deal
from handlers.paging import more_actions, page_of
from handlers.reply import Reply, Table


def deal_history(call: Call) -> Reply:
    call.reject_unknown_options(("page",))
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    call.reject_extra_args(1)
    require_deal_read(call, deal)
    page = page_of(call)
    total = call.ws.audit.count_for_entity("deal", deal.id)
    page.check(total, "change")
    entries = call.ws.audit.for_entity("deal", deal.id, page.size, page.offset)
    if not entries:
        return Reply(text=say.NO_HISTORY.format(number=deal.number, name=deal.name),
                     title=f"#{deal.number} {deal.name}")
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((day_time(e.at.astimezone(call.zone)), names.get(e.actor_id, "—"), describe(call.ws, e))
                 for e in entries)
    head = say.HISTORY_HEAD.format(count=total, changes=say.noun(total, "change"), number=deal.number,
                                   name=deal.name, showing=page.showing(len(entries), total))
    return Reply(text=head, title=f"#{deal.number} {deal.name}", table=Table((_("When"), _("Who"), _("What")), rows),
                 actions=more_actions(call, page, len(entries), total))
