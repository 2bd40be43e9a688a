"""Zoho CRM records and salesbot rows, field by field (Deal_Name, Amount, Stage, Closing_Date, Owner, …;
Accounts, Contacts, Notes and Tasks)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from handlers.dataio.columns import header_key
from handlers.dataio.exports import amount_cell
from handlers.dataio.stagemap import ZOHO_STAGES
from handlers.parsing.money import currency_exponent

# Zoho's standard Deals stage picklist <-> the default salesbot stages; a workspace stage with the same name
# as a Zoho stage needs no entry.
FROM_ZOHO = ZOHO_STAGES
TO_ZOHO = {"lead": "Qualification", "qualified": "Needs Analysis", "proposal": "Proposal/Price Quote",
           "negotiation": "Negotiation/Review", "won": "Closed Won", "lost": "Closed Lost"}
DEAL_FIELDS = ("name", "amount_minor", "stage", "expected_close", "owner_id", "account")


def zoho_time(text: str) -> datetime:
    """Zoho's ISO 8601 time with offset (2026-11-02T09:00:00+05:30)."""
    return datetime.fromisoformat(text)


def our_stage(zoho_stage: str, stage_names: list[str]) -> str | None:
    by_key = {header_key(name): name for name in stage_names}
    return by_key.get(header_key(zoho_stage)) or by_key.get(header_key(FROM_ZOHO.get(zoho_stage, "")))


def zoho_stage(stage: str) -> str:
    return TO_ZOHO.get(stage, stage)


def amount_minor(value, currency: str) -> int:
    return int((Decimal(str(value or 0)) * 10 ** currency_exponent(currency)).to_integral_value())


def deal_values(record: dict, currency: str) -> dict:
    """The fields of a Zoho deal that salesbot keeps (the owner and the stage are mapped by the caller)."""
    account = record.get("Account_Name") or {}
    close = record.get("Closing_Date")
    return {"name": " ".join(str(record.get("Deal_Name") or "").split())[:200] or "(unnamed deal)",
            "amount_minor": amount_minor(record.get("Amount"), currency),
            "expected_close": date.fromisoformat(close) if close else None,
            "account": (account.get("name") if isinstance(account, dict) else str(account)) or None,
            "account_lookup": account if isinstance(account, dict) else {"name": str(account)},
            "owner": record.get("Owner") or {}, "stage_name": record.get("Stage") or ""}


def deal_record(deal, account: str | None, account_zoho_id: str | None, owner_zoho_id: str | None) -> dict:
    """A salesbot deal as the fields of a Zoho insert or update."""
    record = {"Deal_Name": deal.name, "Amount": float(amount_cell(deal.amount_minor, deal.currency)),
              "Stage": zoho_stage(deal.stage),
              "Closing_Date": deal.expected_close.isoformat() if deal.expected_close else None}
    if account_zoho_id:
        record["Account_Name"] = {"id": account_zoho_id}
    elif account:
        record["Account_Name"] = {"name": account}
    if owner_zoho_id:
        record["Owner"] = {"id": owner_zoho_id}
    if deal.status == "lost" and deal.lost_reason:
        record["Reason_For_Loss__s"] = deal.lost_reason
    return record


def note_record(kind: str, notes: str, deal_zoho_id: str) -> dict:
    """An activity as a Zoho Note on the deal."""
    return {"Note_Title": kind.capitalize(), "Note_Content": notes or kind,
            "Parent_Id": {"module": {"api_name": "Deals"}, "id": deal_zoho_id}}


def lookup(zoho_id: str | None, name: str | None = None) -> dict | None:
    """A lookup field (Account_Name, Owner): the Zoho id when known, else the name Zoho matches on."""
    return {"id": zoho_id} if zoho_id else ({"name": name} if name else None)


def account_record(name: str, owner_zoho_id: str | None) -> dict:
    record = {"Account_Name": name}
    if owner_zoho_id:
        record["Owner"] = {"id": owner_zoho_id}
    return record


def contact_record(contact, account: dict | None) -> dict:
    """Zoho wants Last_Name: the last word of our name is it, the rest First_Name."""
    first, _, last = contact.name.rpartition(" ")
    record = {"Last_Name": last or contact.name, "Email": contact.email, "Phone": contact.phone,
              "Title": contact.title}
    if first:
        record["First_Name"] = first
    if account:
        record["Account_Name"] = account
    return {key: value for key, value in record.items() if value is not None}


def contact_values(record: dict) -> dict:
    """The fields of a Zoho contact that salesbot keeps."""
    parts = [str(record.get(key) or "").strip() for key in ("First_Name", "Last_Name")]
    name = str(record.get("Full_Name") or "").strip() or " ".join(p for p in parts if p)
    account = record.get("Account_Name") or {}
    return {"name": " ".join(name.split())[:200], "email": record.get("Email") or None,
            "phone": record.get("Phone") or record.get("Mobile") or None, "title": record.get("Title") or None,
            "account": account if isinstance(account, dict) else {"name": str(account)}}


def task_record(task, owner_zoho_id: str | None, parent: tuple[str, str] | None) -> dict:
    """A task as a Zoho Task: Subject, Due_Date, Status, Owner, and the deal or account it is about."""
    record = {"Subject": task.title, "Due_Date": task.due_at.date().isoformat(),
              "Status": "Completed" if task.status == "done" else "Not Started"}
    if owner_zoho_id:
        record["Owner"] = {"id": owner_zoho_id}
    if parent:
        record["What_Id"], record["$se_module"] = {"id": parent[1]}, parent[0]
    return record
