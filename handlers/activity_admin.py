"""`activity list`, `activity edit` and `activity delete`: finding and fixing logged activities."""
from __future__ import annotations

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
    table = Table(("Id", "When", "Kind", "On", "By", "Notes"),
                  tuple((str(a.id), f"{a.occurred_at.astimezone(call.zone):%Y-%m-%d %H:%M}", a.kind,
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
            raise UserError(f"'{token.text}' was not expected here", call.usage)
    typed_period = call.option("period") or (period.text if period else None)
    window = read_period(call, typed_period) if typed_period else None
    bounds = {"start": window.start, "end": window.end} if window else {}
    period_text = "" if window is None else (f" in the last {window.days} days" if window.kind == "days"
                                             else f" in {window.label}")
    if target is not None and target.text.startswith("#"):
        deal = find_deal(call, target)
        require_deal_read(call, deal)
        return ActivityFilter(deal_id=deal.id, **bounds), f"#{deal.number} {deal.name}", period_text
    scope = resolve_scope(call, target)
    require_read(call, scope.owner_ids, DEALS)
    return ActivityFilter(person_ids=scope.owner_ids, **bounds), scope.label, period_text


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
    activity = find_activity(call, call.arg(0, "the activity id"))
    notes = " ".join(call.arg(1, "the new text").text.split())
    call.reject_extra_args(2)
    if not notes:
        raise UserError("the notes are empty — put the new notes in quotes", call.usage)
    if len(notes) > MAX_NOTES:
        raise UserError(f"the notes are longer than {MAX_NOTES} characters", call.usage)
    require_activity_access(call, activity)
    before = activity.notes
    call.ws.activities.set_notes(activity, notes)
    call.ws.audit.record(call.me.id, "activity.edit", "activity", activity.id, call.now, deal_id=activity.deal_id,
                         before={"notes": before}, after={"notes": notes})
    return Reply(text=say.ACTIVITY_EDITED.format(id=activity.id, notes=notes))


def delete_activity(call: Call) -> Reply:
    """`activity delete <id>`: gone from lists and counts; `undo` brings it back."""
    call.reject_unknown_options(())
    activity = find_activity(call, call.arg(0, "the activity id"))
    call.reject_extra_args(1)
    require_activity_access(call, activity)
    call.ws.activities.soft_delete(activity, call.now)
    call.ws.audit.record(call.me.id, "activity.delete", "activity", activity.id, call.now, kind=activity.kind,
                         deal_id=activity.deal_id)
    where = _where(call, activity)
    return Reply(text=say.ACTIVITY_DELETED.format(id=activity.id, kind=activity.kind, where=where),
                 actions=(Action("Undo", "undo"),))
