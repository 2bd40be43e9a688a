"""`log`: record a call, email, meeting, demo, visit or note on a deal or an account."""
from __future__ import annotations

from handlers.crm_wording import kind_name
from handlers.i18n import _
from handlers.call import Call
from handlers.errors import UserError
from handlers.lookup import find_deal
from handlers.parsing.tokens import Token
from handlers.permissions import require_deal_access
from handlers.reply import Form, FormField, Reply
from handlers.tasks.follow_up import read_follow_up, with_follow_up

ACTIVITY_KINDS = ("call", "email", "meeting", "demo", "visit", "note")
MAX_NOTES = 2000
FORM_ID = "log_activity"
FOLLOW_UP_OPTIONS = ("next", "due")


def log_activity(call: Call) -> Reply:
    """`log <kind> <deal-ref or account> "<notes>"`; `log #12` alone opens the activity form."""
    call.reject_unknown_options(FOLLOW_UP_OPTIONS)
    first = call.arg(0, _("the kind of activity"))
    if first.text.startswith("#") and len(call.args) == 1:
        return activity_form(call, first.text)
    kind = _kind(first.text, call.usage)
    target = call.arg(1, _("the deal (#12 or a name) or the account"))
    notes = " ".join(t.text for t in call.args[2:])
    follow_up = read_follow_up(call)
    reply = record(call, kind, target, notes)
    return with_follow_up(call, reply, target, follow_up) if follow_up else reply


def _kind(text: str, usage: str) -> str:
    kind = text.casefold()
    if kind not in ACTIVITY_KINDS:
        kinds = ", ".join(ACTIVITY_KINDS)
        raise UserError(_("'{text}' is not an activity — try {kinds}").format(text=text, kinds=kinds), usage)
    return kind


def record(call: Call, kind: str, target, notes: str) -> Reply:
    """Write the activity on the deal (or the account, when no deal matches the account's name)."""
    if len(notes) > MAX_NOTES:
        raise UserError(_("the notes are longer than {limit} characters").format(limit=MAX_NOTES), call.usage)
    account = call.ws.accounts.by_name(target.text) if not target.text.startswith("#") else None
    if account is not None:
        activity = call.ws.activities.add(kind, notes, call.me.id, call.now, account_id=account.id)
        _audit(call, activity, account=account.name)
        return Reply(text=_logged(kind, account.name, notes, _("Logged {article} {kind} with {where}.")))
    deal = find_deal(call, target)
    require_deal_access(call, deal)
    activity = call.ws.activities.add(kind, notes, call.me.id, call.now, deal=deal)
    _audit(call, activity, number=deal.number)
    where = f"#{deal.number} {deal.name}"
    return Reply(text=_logged(kind, where, notes, _("Logged {article} {kind} on {where}.")))


def _logged(kind: str, where: str, notes: str, sentence: str) -> str:
    return sentence.format(article=_article(kind), kind=kind_name(kind), where=where) + (
        " " + _("“{notes}”").format(notes=notes) if notes else "")


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _audit(call: Call, activity, **where) -> None:
    call.ws.audit.record(call.me.id, "activity.add", "activity", activity.id, call.now, kind=activity.kind,
                         deal_id=activity.deal_id, **where)


def activity_form(call: Call, ref: str, values: dict[str, str] | None = None,
                  errors: dict[str, str] | None = None) -> Reply:
    """A small form: which kind of activity, and notes, for the deal `ref`."""
    values, errors = values or {}, errors or {}
    form = Form(FORM_ID, _("Log activity"), _("Log"), (
        FormField("target", _("Deal"), value=values.get("target", ref), required=True, error=errors.get("target")),
        FormField("kind", _("Activity"), "choice", True, ACTIVITY_KINDS, values.get("kind", "call"),
                  error=errors.get("kind"), choice_labels=tuple(kind_name(kind) for kind in ACTIVITY_KINDS)),
        FormField("notes", _("Notes"), value=values.get("notes", ""), placeholder=_("What happened?"),
                  error=errors.get("notes"))))
    return Reply(text=_("What did you do?"), title=_("Log activity"), form=form, is_error=bool(errors))


def submit_activity_form(call: Call, raw: dict[str, str]) -> Reply:
    raw = {key: (raw.get(key) or "").strip() for key in ("target", "kind", "notes")}
    try:
        kind = _kind(raw["kind"] or "?", call.usage)
    except UserError as error:
        return activity_form(call, raw["target"], raw, {"kind": error.message})
    try:
        return record(call, kind, Token(raw["target"], quoted=True, key=None), raw["notes"])
    except UserError as error:
        return activity_form(call, raw["target"], raw, {"target": error.message})
