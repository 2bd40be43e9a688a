"""Zoho CRM records and salesbot rows, field by field (Deal_Name, Amount, Stage, Closing_Date, Owner, …)."""
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
