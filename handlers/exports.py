"""`export deals [mine|team|all] [period]`: the deals a person may see, as a CSV or XLSX file in the chat."""
from __future__ import annotations

from handlers.analytics.periods import is_period_word, parse_period
from handlers.call import Call
from handlers.dataio.exports import export_table
from handlers.dataio.writers import MIME, table_bytes
from handlers.errors import PermissionDenied, UserError
from handlers.permissions import may_act_for
from handlers.reply import Attachment, Reply
from handlers.scope import resolve_scope

SCOPES_BY_ROLE = {"rep": ("mine",), "manager": ("mine", "team"), "admin": ("mine", "team", "all")}
FORMATS = ("csv", "xlsx")
MAX_ROWS = 50_000  # a chat file stays small enough to upload; larger exports belong to `salesbot export`


def export_deals(call: Call) -> Reply:
    """Reps export their own deals, managers their team's, admins everyone's."""
    call.reject_unknown_options(("format",))
    fmt = (call.option("format") or "csv").casefold()
    if fmt not in FORMATS:
        raise UserError(f"'{fmt}' is not a format — try csv or xlsx", call.usage)
    scope_token, period_token = _scope_and_period(call)
    scope = _allowed_scope(call, scope_token)
    period = parse_period(period_token.text, call.now.astimezone(call.zone).date(), call.zone) \
        if period_token else None
    headers, rows = export_table(call.ws.exports, "deals", set(scope.owner_ids) if scope.owner_ids else None,
                                 period.start if period else None, period.end if period else None)
    rows = list(_capped(rows))
    label = f"{scope.label}" + (f", {period.label}" if period else "")
    name = f"deals-{_slug(scope.label)}" + (f"-{period.label}" if period else "") + f".{fmt}"
    file = Attachment(table_bytes(fmt, headers, rows, "deals"), name, f"Deals ({label})", MIME[fmt])
    return Reply(text=f"Exported {len(rows)} deal{'s' if len(rows) != 1 else ''} ({label}) to {name}.",
                 attachment=file)


def _scope_and_period(call: Call):
    scope = period = None
    for token in call.args:
        if is_period_word(token.text) and period is None:
            period = token
        elif scope is None:
            scope = token
        else:
            raise UserError(f"'{token.text}' is not a scope or a period", call.usage)
    return scope, period


def _allowed_scope(call: Call, token):
    allowed = SCOPES_BY_ROLE.get(call.me.role, ("mine",))
    word = token.text.casefold() if token else None
    if word in ("mine", "team", "all") and word not in allowed:
        raise PermissionDenied(f"a {call.me.role} can export {' or '.join(allowed)} deals, not {word}")
    scope = resolve_scope(call, token, allowed)  # no token: the role's own default, always allowed
    if scope.person_id is not None and not may_act_for(call, scope.person_id):
        raise PermissionDenied("you can export your own deals, or those of people you manage")
    return scope


def _capped(rows):
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            raise UserError(f"that is more than {MAX_ROWS:,} deals — narrow it with a period, or run "
                            "`salesbot export deals` on the server")
        yield row


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-")[:40] or "deals"
