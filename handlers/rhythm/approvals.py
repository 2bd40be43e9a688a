"""`approval ask|approve|reject|list`: a deal desk in chat — one decision per request, recorded on the deal."""
from __future__ import annotations

from datetime import datetime

from handlers.analytics.wording import money
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _, ngettext
from handlers.i18n.dates import shown_day
from handlers.lookup import find_deal, find_person
from handlers.parsing.values import parse_percent
from handlers.permissions import is_admin, managed_ids, require_deal_access
from handlers.ports import WorkspacePort
from handlers.reply import Action, Form, FormField, Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.text import clean_text

FORM_ID = "approval_reject"
MAX_TEXT = 300
LIST_WHICH = ("pending", "mine", "team")


def ask(call: Call) -> Reply:
    """`approval ask <ref> discount=<n>%|registration|"<what>" ["why"] [approver=@person]`."""
    call.reject_unknown_options(("discount", "approver"))
    deal = find_deal(call, call.arg(0, _("the deal")))
    require_deal_access(call, deal)
    kind, what, percent, rest = _request(call, deal)
    why = clean_text(" ".join(t.text for t in rest), MAX_TEXT, _("the reason"), call.usage) or None
    approver = _approver(call)
    request = call.ws.rhythm.approvals.ask(deal.id, call.me.id, approver.id, kind, what, percent, why, call.now)
    call.ws.audit.record(call.me.id, "approval asked", "deal", deal.id, call.now, approval=request.id, what=what,
                         approver=approver.id)
    call.ws.schedules.post_later(approver.id, "approval", request.id, call.now)
    return Reply(text=wording.APPROVAL_ASKED.format(id=request.id, what=shown_what(request), number=deal.number,
                                                    deal=deal.name,
                                                    approver=approver.display_name))


def _request(call: Call, deal) -> tuple[str, str, int | None, list]:
    """What is asked: a discount (option), a partner registration (the word) or anything quoted."""
    rest = call.args[1:]
    if call.option("discount") is not None:
        try:
            percent = parse_percent(call.option("discount"))
        except UserError as error:
            raise error.with_usage(call.usage) from None
        return "discount", wording.APPROVAL_KINDS["discount"].format(percent=f"{percent}%"), percent, rest
    if not rest:
        raise UserError(wording.APPROVAL_WHAT_MISSING, call.usage)
    first = rest[0]
    if first.text.casefold() == "registration" and not first.quoted:
        if deal.partner_id is None:
            raise UserError(wording.APPROVAL_NO_PARTNER.format(number=deal.number), call.usage)
        return "registration", wording.APPROVAL_KINDS["registration"], None, rest[1:]
    what = clean_text(first.text, MAX_TEXT, _("what to approve"), call.usage)
    if not what:
        raise UserError(wording.APPROVAL_WHAT_MISSING, call.usage)
    return "other", what, None, rest[1:]


def _approver(call: Call):
    """The named approver, else the requester's manager, else an admin — never the requester."""
    if call.options.get("approver") is not None:
        person = find_person(call, call.options["approver"])
        if person.id == call.me.id:
            raise UserError(wording.APPROVAL_SELF, call.usage)
        return person
    managers = [call.ws.people.get(t.manager_id) for t in call.ws.teams.teams_of(call.me) if t.manager_id]
    managers += [p for p in call.ws.people.all() if p.role == "admin"]
    for person in managers:
        if person is not None and person.id != call.me.id:
            return person
    raise UserError(wording.APPROVAL_NO_APPROVER, call.usage)


def approve(call: Call) -> Reply:
    """`approval approve <id>` (the approver or an admin)."""
    call.reject_unknown_options(())
    call.reject_extra_args(1)
    return decide(call, _find(call), "approved", None)


def reject(call: Call) -> Reply:
    """`approval reject <id> "reason"`; without a reason, a form asks for one."""
    call.reject_unknown_options(())
    request = _find(call)
    reason = clean_text(" ".join(t.text for t in call.args[1:]), MAX_TEXT, _("the reason"), call.usage)
    if not reason:
        _require_decider(call, request)
        if request.status != "pending":
            return _already(call, request)
        return reject_form(request.id)
    return decide(call, request, "rejected", reason)


def reject_form(approval_id: int, values: dict | None = None, errors: dict | None = None) -> Reply:
    values, errors = values or {}, errors or {}
    form = Form(FORM_ID, str(wording.APPROVAL_FORM_TITLE), str(wording.APPROVAL_REJECT), (
        FormField("approval", str(wording.APPROVAL_FORM_NUMBER), value=str(approval_id), required=True,
                  error=errors.get("approval")),
        FormField("reason", str(wording.APPROVAL_REASON), value=values.get("reason", ""), required=True,
                  error=errors.get("reason"))))
    return Reply(text=wording.APPROVAL_REASON, form=form, is_error=bool(errors))


def submit_reject_form(call: Call, raw: dict[str, str]) -> Reply:
    number = (raw.get("approval") or "").strip()
    reason = clean_text(raw.get("reason") or "", MAX_TEXT, _("the reason"), call.usage)
    if not number.isdecimal():
        return reject_form(0, raw, {"approval": wording.APPROVAL_FORM_NOT_NUMBER.format(token=number[:20])})
    if not reason:
        return reject_form(int(number), raw, {"reason": str(wording.APPROVAL_REASON_MISSING)})
    request = call.ws.rhythm.approvals.get(int(number))
    if request is None:
        return reject_form(int(number), raw, {"approval": wording.APPROVAL_NO_SUCH.format(id=number)})
    return decide(call, request, "rejected", reason)


def _find(call: Call):
    token = call.arg(0, _("the request number"))
    text = token.text.lstrip("#")
    if not text.isdecimal() or len(text) > 12:
        raise UserError(wording.APPROVAL_NOT_NUMBER.format(token=token.text), call.usage)
    request = call.ws.rhythm.approvals.get(int(text))
    if request is None:
        raise UserError(wording.APPROVAL_NO_SUCH.format(id=text), call.usage)
    return request


def _require_decider(call: Call, request) -> None:
    if call.me.id != request.approver_id and not is_admin(call.me):
        approver = call.ws.people.get(request.approver_id)
        raise PermissionDenied(wording.APPROVAL_NOT_APPROVER.format(approver=approver.display_name, id=request.id))


def decide(call: Call, request, status: str, reason: str | None) -> Reply:
    """The one decision: a second click (or a second approver) is told who decided first, and when."""
    _require_decider(call, request)
    if request.status != "pending" or not call.ws.rhythm.approvals.decide(request, status, call.me.id, reason,
                                                                         call.now):
        return _already(call, request)
    deal = call.ws.deals.by_id(request.deal_id)
    call.ws.audit.record(call.me.id, f"approval {status}", "deal", deal.id, call.now, approval=request.id,
                         what=request.what, reason=reason)
    if request.requester_id != call.me.id:
        call.ws.schedules.post_later(request.requester_id, "approval-done", request.id, call.now)
    return Reply(text=wording.APPROVAL_DECIDED.format(id=request.id, status=shown_status(status),
                                                      what=shown_what(request),
                                                      number=deal.number, deal=deal.name))


def _already(call: Call, request) -> Reply:
    who = call.ws.people.get(request.decided_by)
    when = shown_day(request.decided_at.astimezone(call.zone), "%a %d %b %H:%M", weekday=True, clock=True)
    return Reply(text=wording.APPROVAL_DECIDED_ALREADY.format(
        id=request.id, status=shown_status(request.status),
        who=who.display_name if who else wording.APPROVAL_SOMEONE, when=when))


def list_approvals(call: Call) -> Reply:
    """`approval list [pending|mine|team]`: pending ones waiting on you by default."""
    call.reject_unknown_options(())
    call.reject_extra_args(1)
    which = call.args[0].text.casefold() if call.args else "pending"
    if which not in LIST_WHICH:
        raise UserError(wording.APPROVAL_NOT_WHICH.format(token=call.args[0].text), call.usage)
    rows = _listing(call, which)
    if not rows:
        return Reply(text=wording.APPROVAL_LIST_EMPTY.format(which=shown_status(which)))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    table = tuple((str(a.id), _deal_label(call, a.deal_id), shown_what(a), names.get(a.requester_id, "?"),
                   names.get(a.approver_id, "?"), shown_status(a.status)) for a in rows)
    return Reply(text=wording.APPROVAL_LIST_TEXT.format(
        count=len(rows), approvals=ngettext("request", "requests", len(rows)), which=shown_status(which)),
        table=Table(wording.APPROVAL_HEADERS, table))


def shown_what(request) -> str:
    """What was asked, in the reader's language: a discount or a registration is re-worded from its kind (the
    stored `what` is the English of the asker's time); anything else reads as the asker typed it."""
    if request.kind == "discount" and request.discount_percent is not None:
        return wording.APPROVAL_KINDS["discount"].format(percent=f"{request.discount_percent}%")
    if request.kind == "registration":
        return str(wording.APPROVAL_KINDS["registration"])
    return request.what


def shown_status(word: str) -> str:
    return str(wording.APPROVAL_STATUS.get(word, word))


def _listing(call: Call, which: str):
    approvals = call.ws.rhythm.approvals
    if which == "pending":
        return approvals.listing("pending") if is_admin(call.me) else \
            approvals.listing("pending", {call.me.id}, approver_id=call.me.id)
    if which == "mine":
        return approvals.listing(None, {call.me.id})
    if is_admin(call.me):
        return approvals.listing(None)
    return approvals.listing(None, managed_ids(call, call.me) | {call.me.id}, approver_id=call.me.id)


def _deal_label(call: Call, deal_id: int) -> str:
    deal = call.ws.deals.by_id(deal_id)
    return f"#{deal.number} {deal.name}" if deal else "—"


def compose_request(ws: WorkspacePort, approval_id: int, now: datetime) -> Reply | None:
    """The approver's card, with Approve and Reject; nothing when it was decided before it could go out."""
    request = ws.rhythm.approvals.get(approval_id)
    deal = ws.deals.by_id(request.deal_id) if request else None
    if deal is None or request.status != "pending":
        return None
    requester = ws.people.get(request.requester_id)
    why = wording.APPROVAL_WHY.format(why=request.why) if request.why else ""
    text = wording.APPROVAL_CARD_TEXT.format(requester=requester.display_name, what=shown_what(request),
                                             number=deal.number,
                                             deal=deal.name, amount=money(deal.amount_minor, deal.currency), why=why)
    actions = (Action(wording.APPROVAL_APPROVE, f"approval approve {request.id}", "primary"),
               Action(wording.APPROVAL_REJECT, f"approval reject {request.id}", "danger"))
    return Reply(text=text, title=wording.APPROVAL_CARD_TITLE.format(id=request.id, what=shown_what(request)),
                 actions=actions)


def compose_decision(ws: WorkspacePort, approval_id: int, now: datetime) -> Reply | None:
    """The requester is told the decision."""
    request = ws.rhythm.approvals.get(approval_id)
    deal = ws.deals.by_id(request.deal_id) if request else None
    if deal is None or request.status == "pending":
        return None
    who = ws.people.get(request.decided_by)
    reason = wording.APPROVAL_BECAUSE.format(reason=request.reason) if request.reason else ""
    return Reply(text=wording.APPROVAL_TOLD.format(id=request.id, what=shown_what(request), number=deal.number,
                                                   deal=deal.name, status=shown_status(request.status),
                                                   who=who.display_name if who else wording.APPROVAL_SOMEONE,
                                                   reason=reason))
