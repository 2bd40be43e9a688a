"""What each import kind reads from a row and writes: one table row per kind (contacts and tasks join here)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from handlers.activities import ACTIVITY_KINDS
from handlers.dataio.cells import CellError, parse_amount, parse_currency
from handlers.dataio.columns import ACCOUNT_HEADERS, ACTIVITY_HEADERS, DEAL_HEADERS
from handlers.dataio.run import ImportRun

SOURCE = "import"
# Activity types as other CRMs name them -> ours.
ACTIVITY_WORDS = {"phone call": "call", "phone": "call", "calls": "call", "电话": "call", "邮件": "email",
                  "e-mail": "email", "emails": "email", "会议": "meeting", "拜访": "visit", "演示": "demo",
                  "notes": "note", "备注": "note", "task": "note", "tasks": "note", "event": "meeting",
                  "events": "meeting"}


@dataclass(frozen=True)
class Kind:
    """An import kind: its header table, the fields a row must have, and how one row is applied."""

    headers: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    apply: Callable[[ImportRun, int, dict[str, str]], str | None]  # created, updated, unchanged; None: queued
    finish: Callable[[ImportRun], None] | None = None  # writes what `apply` queued


def apply_account(run: ImportRun, line: int, values: dict[str, str]) -> str:
    name = run.text(values, "name", required=True)
    external = values.get("external_id", "").strip()
    existing = run.port.ref(SOURCE, "account", external) if external else None
    existing = existing or run.port.account_id(name)
    if existing is not None:
        link(run, "account", external, existing)
        return "unchanged"
    account = run.ws.accounts.ensure(name)
    link(run, "account", external, account.id)
    return "created"


def apply_activity(run: ImportRun, line: int, values: dict[str, str]) -> str:
    kind = _activity_kind(values.get("kind", ""))
    notes = run.text(values, "notes", limit=2000)
    person_id = run.owner(values.get("person", ""), values.get("person_name", ""))
    occurred = run.dates.read(values["occurred_at"], line) if values.get("occurred_at", "").strip() else run.now
    account_id, deal = _activity_target(run, values)
    external = values.get("external_id", "").strip()
    known = run.port.ref(SOURCE, "activity", external) if external else None
    if known is not None and run.port.activity_exists(known):
        return "unchanged"
    activity = run.ws.activities.add(kind, notes, person_id, occurred, deal=deal, account_id=account_id)
    link(run, "activity", external, activity.id)
    return "created"


def _activity_kind(text: str) -> str:
    word = text.strip().casefold() or "note"
    kind = ACTIVITY_WORDS.get(word, word)
    if kind not in ACTIVITY_KINDS:
        raise CellError(f"unknown activity kind '{text.strip()}' (one of {', '.join(ACTIVITY_KINDS)})")
    return kind


def _activity_target(run: ImportRun, values: dict[str, str]):
    account_name, deal_name = run.text(values, "account"), run.text(values, "deal")
    account_id = run.port.account_id(account_name) if account_name else None
    if account_name and account_id is None:
        raise CellError(f"unknown account '{account_name}'")
    deal = run.port.deal_named(deal_name, account_id) if deal_name else None
    if deal_name and deal is None:
        raise CellError(f"unknown deal '{deal_name}'")
    if deal is None and account_id is None:
        raise CellError("missing deal or account")
    return account_id, deal


def link(run: ImportRun, entity: str, external: str, entity_id: int) -> None:
    if external and run.port.ref(SOURCE, entity, external) is None:
        run.port.link(SOURCE, entity, external, entity_id)


def read_amount(run: ImportRun, values: dict[str, str]) -> tuple[int, str]:
    currency = parse_currency(values.get("currency", ""), run.ws.workspace.currency)
    text = values.get("amount", "").strip()
    if not text:
        raise CellError("missing amount")
    return parse_amount(text, run.options.decimal, currency), currency
