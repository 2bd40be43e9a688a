"""`deal delete`, `deal restore` and `deal list deleted`: a mistaken deal goes to the bin for 30 days."""
from __future__ import annotations

from datetime import timedelta

from handlers.i18n import _
from handlers.i18n.dates import format_day
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_card import deal_money, deal_reply
from handlers.errors import UserError
from handlers.lookup import find_deal, find_deleted_deal
from handlers.paging import Page, more_actions
from handlers.permissions import require_deal_access
from handlers.records import DealFilter
from handlers.reply import Action, Reply, Table
from handlers.scope import Scope

RESTORE_DAYS = 30


def delete_deal(call: Call) -> Reply:
    """`deal delete <ref>` (owner, their manager, an admin): gone from every list and number, restorable."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    call.reject_extra_args(1)
    require_deal_access(call, deal)
    call.ws.deals.soft_delete(deal, call.now)
    call.ws.audit.record(call.me.id, "deal.delete", "deal", deal.id, call.now, number=deal.number, name=deal.name)
    return Reply(text=say.DELETED.format(number=deal.number, name=deal.name, days=RESTORE_DAYS),
                 actions=(Action(_("Restore"), f"deal restore #{deal.number}"),))


def restore_deal(call: Call) -> Reply:
    """`deal restore <#ref>` within 30 days of its deletion."""
    call.reject_unknown_options(())
    deal = find_deleted_deal(call, call.arg(0, _("the deal (#12)")))
    call.reject_extra_args(1)
    require_deal_access(call, deal)
    if deal.deleted_at < call.now - timedelta(days=RESTORE_DAYS):
        day = format_day(deal.deleted_at.astimezone(call.zone).date())
        raise UserError(say.TOO_OLD.format(number=deal.number, day=day, days=RESTORE_DAYS))
    call.ws.deals.restore(deal, call.now)
    call.ws.audit.record(call.me.id, "deal.restore", "deal", deal.id, call.now, number=deal.number)
    return deal_reply(call, deal, say.RESTORED.format(number=deal.number, name=deal.name))


def list_deleted(call: Call, scope: Scope, page: Page) -> Reply:
    """The bin of the scope, most recently deleted first, with a Restore button per deal shown (a few)."""
    wanted = DealFilter(owner_ids=scope.owner_ids, open_only=False, deleted=True)
    total = call.ws.deals.count_matching(wanted)
    page.check(total, "deleted deal")
    deals = call.ws.deals.matching(wanted, page.size, page.offset)
    if not deals:
        return Reply(text=say.BIN_EMPTY.format(scope=scope.label))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((f"#{d.number}", d.name, deal_money(d), d.stage, names.get(d.owner_id, "?"),
                  format_day(d.deleted_at.astimezone(call.zone).date())) for d in deals)
    restorable = [d for d in deals if d.deleted_at >= call.now - timedelta(days=RESTORE_DAYS)][:5]
    actions = tuple(Action(_("Restore #{number}").format(number=d.number), f"deal restore #{d.number}")
                    for d in restorable)
    head = say.BIN_HEAD.format(scope=scope.label, showing=page.showing(len(deals), total), days=RESTORE_DAYS)
    headers = ("#", _("Deal"), _("Amount"), _("Stage"), _("Owner"), _("Deleted"))
    return Reply(text=head, table=Table(headers, rows, "llrlll"),
                 actions=actions + more_actions(call, page, len(deals), total))
