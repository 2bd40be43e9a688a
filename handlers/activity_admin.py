"""`activity list`, `activity edit` and `activity delete`: finding and fixing logged activities."""
from __future__ import annotations

from handlers.i18n import _
from handlers import crm_wording as say
from handlers.activities import MAX_NOTES
from handlers.analytics.args import read_period
from handlers.analytics.periods import is_period_word
from handlers.call import Call
from handlers.errors import UserError
from handlers.lookup import find_activity, find_deal
from handlers.paging import more_actions, page_of
from handlers.permissions import DEALS, require_activity_access, require_deal_read, require_read
from handlers.records import ActivityFilter
from handlers.reply import Action, Reply, Table
from handlers.scope import resolve_scope


def list_activities(call: Call) -> Reply:
    """`activity list [#ref|mine|team|@person|all] [period] [page=<n>]`: newest first, with ids to edit."""
    call.reject_unknown_options(("page", "period"))
    wanted, label, period_text = _read(call)
    page = page_of(call)
    total = call.ws.activities.count_matching(wanted)
    page.check(total, "activity")
    rows = call.ws.activities.matching(wanted, page.size, page.offset)
    if not rows:
        return Reply(text=say.NO_ACTIVITIES.format(scope=label, period=period_text))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    table = Table((_("Id"), _("When"), _("Kind"), _("On"), _("By"), _("Notes")),
                  tuple((str(a.id), say.day_time(a.occurred_at.astimezone(call.zone)), say.kind_name(a.kind),
                         _where(call, a), names.get(a.person_id, "?"), _short(a.notes)) for a in rows), "rlllll")
    head = say.ACTIVITIES_HEAD.format(scope=label, period=period_text, showing=page.showing(len(rows), total))
    return Reply(text=head, table=table, actions=more_actions(call, page, len(rows), total))


def _read(call: Call) -> tuple[ActivityFilter, str, str]:
    """The deal or the people, and the period, in any order."""
    target = period = None
    for token in call.args:
        if is_period_word(token.text) and period is None:
            period = token
        elif target is None:
            target = token
        else:
            raise UserError(_("'{token}' was not expected here").format(token=token.text), call.usage)
    typed_period = call.option("period") or (period.text if period else None)
    window = read_period(call, typed_period) if typed_period else None
    bounds = {"start": window.start, "end": window.end} if window else {}
    period_text = "" if window is None else _period_text(window)
    if target is not None and target.text.startswith("#"):
        deal = find_deal(call, target)
        require_deal_read(call, deal)
        return ActivityFilter(deal_id=deal.id, **bounds), f"#{deal.number} {deal.name}", period_text
    scope = resolve_scope(call, target)
    require_read(call, scope.owner_ids, DEALS)
    return ActivityFilter(person_ids=scope.owner_ids, **bounds), scope.label, period_text


def _period_text(window) -> str:
    if window.kind == "days":
        return _(" in the last {days} days").format(days=window.days)
    return _(" in {period}").format(period=window.label)


def _where(call: Call, activity) -> str:
    if activity.deal_id:
        deal = call.ws.deals.by_id(activity.deal_id)
        return f"#{deal.number}" if deal else "—"
    account = call.ws.accounts.get(activity.account_id)
    return account.name if account else "—"


def _short(notes: str, limit: int = 60) -> str:
    notes = " ".join(notes.split())
    return notes if len(notes) <= limit else notes[:limit - 1] + "…"


def edit_activity(call: Call) -> Reply:
    """`activity edit <id> "<notes>"`: new notes for an activity you may change."""
    call.reject_unknown_options(())
    activity = find_activity(call, call.arg(0, _("the activity id")))
    notes = " ".join(call.arg(1, _("the new text")).text.split())
    call.reject_extra_args(2)
    if not notes:
        raise UserError(_("the notes are empty — put the new notes in quotes"), call.usage)
    if len(notes) > MAX_NOTES:
        raise UserError(_("the notes are longer than {limit} characters").format(limit=MAX_NOTES), call.usage)
    require_activity_access(call, activity)
    before = activity.notes
    call.ws.activities.set_notes(activity, notes)
    call.ws.audit.record(call.me.id, "activity.edit", "activity", activity.id, call.now, deal_id=activity.deal_id,
                         before={"notes": before}, after={"notes": notes})
    return Reply(text=say.ACTIVITY_EDITED.format(id=activity.id, notes=notes))


def delete_activity(call: Call) -> Reply:
    """`activity delete <id>`: gone from lists and counts; `undo` brings it back."""
    call.reject_unknown_options(())
    activity = find_activity(call, call.arg(0, _("the activity id")))
    call.reject_extra_args(1)
    require_activity_access(call, activity)
    call.ws.activities.soft_delete(activity, call.now)
    call.ws.audit.record(call.me.id, "activity.delete", "activity", activity.id, call.now, kind=activity.kind,
                         deal_id=activity.deal_id)
    where = _where(call, activity)
    return Reply(text=say.ACTIVITY_DELETED.format(id=activity.id, kind=say.kind_name(activity.kind), where=where),
                 actions=(Action(_("Undo"), "undo"),))
