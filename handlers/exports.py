"""`export deals [mine|team|all] [period]`: the deals a person may see, as a CSV or XLSX file in the chat."""
from __future__ import annotations

from handlers.analytics.periods import is_period_word, parse_period
from handlers.call import Call
from handlers.dataio.exports import export_table
from handlers.dataio.writers import MIME, table_bytes
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import L_, _, ngettext
from handlers.permissions import may_act_for
from handlers.reply import Attachment, Reply
from handlers.scope import resolve_scope

SCOPES_BY_ROLE = {"rep": ("mine",), "manager": ("mine", "team"), "admin": ("mine", "team", "all")}
FORMATS = ("csv", "xlsx")
ROLES = {"rep": L_("rep"), "manager": L_("manager"), "admin": L_("admin")}
MAX_ROWS = 50_000  # a chat file stays small enough to upload; larger exports belong to `salesbot export`


def export_deals(call: Call) -> Reply:
    """Reps export their own deals, managers their team's, admins everyone's."""
    call.reject_unknown_options(("format",))
    fmt = (call.option("format") or "csv").casefold()
    if fmt not in FORMATS:
        raise UserError(_("'{format}' is not a format — try csv or xlsx").format(format=fmt), call.usage)
    scope_token, period_token = _scope_and_period(call)
    scope = _allowed_scope(call, scope_token)
    period = parse_period(period_token.text, call.now.astimezone(call.zone).date(), call.zone) \
        if period_token else None
    headers, rows = export_table(call.ws.exports, "deals", set(scope.owner_ids) if scope.owner_ids else None,
                                 period.start if period else None, period.end if period else None)
    rows = list(_capped(rows))
    label = f"{scope.label}" + (f", {period.label}" if period else "")
    name = f"deals-{_slug(scope.label)}" + (f"-{period.label}" if period else "") + f".{fmt}"
    # The headers stay the machine columns of docs/data.md in every language: the file imports back as it is.
    file = Attachment(table_bytes(fmt, headers, rows, "deals"), name, _("Deals ({label})").format(label=label),
                      MIME[fmt])
    text = ngettext("Exported {count} deal ({label}) to {name}.", "Exported {count} deals ({label}) to {name}.",
                    len(rows)).format(count=len(rows), label=label, name=name)
    return Reply(text=text, attachment=file)


def _scope_and_period(call: Call):
    scope = period = None
    for token in call.args:
        if is_period_word(token.text) and period is None:
            period = token
        elif scope is None:
            scope = token
        else:
            raise UserError(_("'{token}' is not a scope or a period").format(token=token.text), call.usage)
    return scope, period


def _allowed_scope(call: Call, token):
    allowed = SCOPES_BY_ROLE.get(call.me.role, ("mine",))
    word = token.text.casefold() if token else None
    if word in ("mine", "team", "all") and word not in allowed:
        raise PermissionDenied(_("a {role} can export {allowed} deals, not {word}").format(
            role=ROLES.get(call.me.role, call.me.role), allowed=_(" or ").join(allowed), word=word))
    scope = resolve_scope(call, token, allowed)  # no token: the role's own default, always allowed
    if scope.person_id is not None and not may_act_for(call, scope.person_id):
        raise PermissionDenied(_("you can export your own deals, or those of people you manage"))
    return scope


def _capped(rows):
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            raise UserError(_("that is more than {count} deals — narrow it with a period, or run "
                              "`salesbot export deals` on the server").format(count=f"{MAX_ROWS:,}"))
        yield row


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-")[:40] or "deals"
