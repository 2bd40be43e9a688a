"""The message a deal's owner gets when a sync found the deal changed both in chat and in the remote CRM."""
from __future__ import annotations

import json
from datetime import datetime

from handlers.i18n import L_
from handlers.parsing.money import Money, format_money
from handlers.ports import WorkspacePort
from handlers.reply import Reply

KIND = "sync-conflict"  # the scheduler outbox's kind; the row it refers to is the conflict's audit entry
SIDES = {"zoho": "Zoho CRM", "salesbot": "salesbot"}
FIELD_WORDS = {"amount_minor": L_("amount"), "stage": L_("stage"), "expected_close": L_("close date"),
               "owner_id": L_("owner"), "name": L_("name")}
CONFLICT = L_("Deal #{number} “{name}” was changed both here and in {remote} since the last sync. "
              "The later change won, so the {kept} values stand; {lost_side} had {lost}. "
              "The lost values are kept in the deal's history — change the deal again if they were right.")
OTHER_VALUES = L_("other values")
FIELD_VALUE = L_("{field} {value}")
# i18n: between the lost values of a conflict ("amount $90,000, stage negotiation")
SEPARATOR = L_(", ")


def compose_conflict(ws: WorkspacePort, entry_id: int, now: datetime) -> Reply | None:
    """One message per conflict (the outbox posts it once); None when the deal is gone."""
    entry = ws.audit.get(entry_id)
    deal = ws.deals.by_id(entry.entity_id) if entry and entry.entity_id else None
    if entry is None or deal is None:
        return None
    detail = json.loads(entry.detail)
    kept = detail.get("kept", "zoho")
    lost_side = SIDES["salesbot" if kept == "zoho" else "zoho"]
    lost_values = detail.get("lost_values", {}).items()
    lost = str(SEPARATOR).join(_field(ws, deal.currency, key, value) for key, value in lost_values
                     if key in detail.get("fields", detail.get("lost_values", {})))
    return Reply(text=CONFLICT.format(number=deal.number, name=deal.name, remote=SIDES["zoho"],
                                      kept=SIDES.get(kept, kept), lost_side=lost_side, lost=lost or OTHER_VALUES))


def _field(ws: WorkspacePort, currency: str, key: str, value) -> str:
    word = FIELD_WORDS.get(key, key.replace("_", " "))
    if key == "amount_minor" and value is not None:
        return FIELD_VALUE.format(field=word, value=format_money(Money(int(value), currency)))
    if key == "owner_id" and value is not None:
        person = ws.people.get(int(value))
        return FIELD_VALUE.format(field=word, value=person.display_name if person else "?")
    return FIELD_VALUE.format(field=word, value=value or "—")


DATAIO_OUTBOX = {KIND: lambda ws, ref, now: compose_conflict(ws, ref, now)}
