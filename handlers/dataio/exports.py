"""The export columns (stable: documented in docs/data.md, read back by the importer) and the cell formats."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterator
from decimal import Decimal

from handlers.parsing.money import currency_exponent

COLUMNS: dict[str, tuple[str, ...]] = {
    "deals": ("number", "name", "account", "amount", "currency", "stage", "status", "close_date", "owner",
              "owner_name", "created_at", "closed_at", "lost_reason"),
    "accounts": ("id", "name"),
    "contacts": ("id", "name", "account", "title", "email", "phone", "owner", "owner_name"),
    "activities": ("id", "kind", "notes", "person", "person_name", "occurred_at", "deal", "deal_number",
                   "account"),
    "tasks": ("id", "title", "assignee", "assignee_name", "status", "due_at", "deal", "deal_number", "account",
              "created_at", "done_at"),
    "stage-history": ("deal_number", "deal", "from_stage", "to_stage", "changed_at", "owner", "actor"),
    "feedback": ("prompt", "occurrence", "answered_at", "value", "comment", "person"),
}
# Columns that name a person: an export holding anonymous answers leaves them out.
PERSON_COLUMNS = frozenset({"person"})
EXPORT_KINDS = tuple(COLUMNS)


def amount_cell(minor: int, currency: str) -> str:
    """Minor units as a plain decimal (12000.00): no grouping, a point, so every locale's import reads it."""
    exponent = currency_exponent(currency)
    return f"{Decimal(minor).scaleb(-exponent):.{exponent}f}"


def when_cell(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat()


def person_cell(email: str | None, handle: str) -> str:
    """How an export names a person: the email when known (what other CRMs match on), else the handle."""
    return email or handle


def export_table(port, kind: str, owner_ids: set[int] | None, start: datetime | None,
                 end: datetime | None) -> tuple[list[str], Iterator[list]]:
    """The headers and the streamed rows of one export; anonymous answers take the person columns out."""
    headers = list(COLUMNS[kind])
    if kind in ("accounts", "contacts"):
        return headers, (port.accounts() if kind == "accounts" else port.contacts())
    if kind == "feedback":
        rows = port.feedback(start, end)
        if port.feedback_has_anonymous(start, end):
            keep = [i for i, name in enumerate(headers) if name not in PERSON_COLUMNS]
            return [headers[i] for i in keep], ([row[i] for i in keep] for row in rows)
        return headers, rows
    read = {"deals": port.deals, "activities": port.activities, "tasks": port.tasks,
            "stage-history": port.stage_history}[kind]
    return headers, read(owner_ids, start, end)
