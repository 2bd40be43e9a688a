"""Pushing to Zoho CRM: each outbox row once — accounts and contacts inserted, deals inserted or updated,
activities as Notes on their deal, tasks as Zoho Tasks (inserted, then completed)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from adapters.zoho.records import account_record, contact_record, deal_record, lookup, note_record, task_record, \
    zoho_time
from storage.io.sync import SyncRepo
from storage.models import Activity, Contact
from storage.task_models import Task
from storage.store import WorkspaceStore

SOURCE = "zoho"


@dataclass(frozen=True)
class Outgoing:
    """One outbox row made ready to send: where it goes and what it carries (None: nothing to send)."""

    row_id: int
    entity: str
    entity_id: int
    method: str = ""  # POST (insert) or PUT (update)
    module: str = ""
    record: dict | None = None
    retried: bool = False  # sent before without an answer recorded: it may already be in Zoho
    search: tuple[str, str] | None = None  # (field, value) that finds the record if an earlier send reached Zoho


def prepare(ws: WorkspaceStore, repo: SyncRepo, row_id: int) -> Outgoing | None:
    """Mark the row as being sent (committed before the request) and build its record."""
    row = repo.outbox_row(row_id)
    if row is None or row.pushed_at is not None:
        return None
    retried, row.attempts = row.attempts > 0, row.attempts + 1
    return PREPARE[row.entity](ws, repo, row, retried)


def _deal(ws: WorkspaceStore, repo: SyncRepo, row, retried: bool) -> Outgoing:
    deal = ws.deals.by_id(row.entity_id)
    ref = repo.zoho_ref("deal", row.entity_id)
    if deal is None or (ref and ref.external_id.startswith("deleted:")):
        return Outgoing(row.id, row.entity, row.entity_id)
    account = ws.accounts.get(deal.account_id)
    account_ref = repo.zoho_ref("account", deal.account_id) if deal.account_id else None
    owner_ref = repo.zoho_ref("person", deal.owner_id)
    record = deal_record(deal, account.name if account else None, account_ref.external_id if account_ref else None,
                         owner_ref.external_id if owner_ref else None)
    if ref:
        return Outgoing(row.id, "deal", deal.id, "PUT", "Deals", {"id": ref.external_id, **record})
    return Outgoing(row.id, "deal", deal.id, "POST", "Deals", record, retried, ("Deal_Name", deal.name))


def _account(ws: WorkspaceStore, repo: SyncRepo, row, retried: bool) -> Outgoing:
    """Always looked for by name first: Zoho may hold the account already, from before salesbot."""
    account = ws.accounts.get(row.entity_id)
    if account is None or repo.zoho_ref("account", account.id):
        return Outgoing(row.id, row.entity, row.entity_id)
    owner = repo.zoho_ref("person", account.owner_id) if account.owner_id else None
    return Outgoing(row.id, "account", account.id, "POST", "Accounts",
                    account_record(account.name, owner.external_id if owner else None), True,
                    ("Account_Name", account.name))


def _contact(ws: WorkspaceStore, repo: SyncRepo, row, retried: bool) -> Outgoing:
    contact = ws.session.get(Contact, row.entity_id)
    if contact is None or repo.zoho_ref("contact", contact.id):
        return Outgoing(row.id, row.entity, row.entity_id)
    account = ws.accounts.get(contact.account_id)
    account_ref = repo.zoho_ref("account", contact.account_id)
    record = contact_record(contact, lookup(account_ref.external_id if account_ref else None,
                                            account.name if account else None))
    found_by = ("Email", contact.email) if contact.email else ("Last_Name", record["Last_Name"])
    return Outgoing(row.id, "contact", contact.id, "POST", "Contacts", record, retried, found_by)


def _task(ws: WorkspaceStore, repo: SyncRepo, row, retried: bool) -> Outgoing:
    task = ws.session.get(Task, row.entity_id)
    if task is None:
        return Outgoing(row.id, row.entity, row.entity_id)
    owner = repo.zoho_ref("person", task.assignee_id)
    deal_ref = repo.zoho_ref("deal", task.deal_id) if task.deal_id else None
    account_ref = repo.zoho_ref("account", task.account_id) if task.account_id else None
    parent = ("Deals", deal_ref.external_id) if deal_ref and not deal_ref.external_id.startswith("deleted:") \
        else (("Accounts", account_ref.external_id) if account_ref else None)
    record = task_record(task, owner.external_id if owner else None, parent)
    ref = repo.zoho_ref("task", task.id)
    if ref:
        return Outgoing(row.id, "task", task.id, "PUT", "Tasks", {"id": ref.external_id, "Status": record["Status"]})
    return Outgoing(row.id, "task", task.id, "POST", "Tasks", record, retried, ("Subject", task.title))


def _note(ws: WorkspaceStore, repo: SyncRepo, row, retried: bool = False) -> Outgoing:
    activity = ws.session.get(Activity, row.entity_id)
    deal_ref = repo.zoho_ref("deal", activity.deal_id) if activity and activity.deal_id else None
    if deal_ref is None or deal_ref.external_id.startswith("deleted:"):
        return Outgoing(row.id, row.entity, row.entity_id)  # only activities on synced deals become Notes
    return Outgoing(row.id, "activity", activity.id, "POST", "Notes",
                    note_record(activity.kind, activity.notes, deal_ref.external_id))


def record_result(ws: WorkspaceStore, repo: SyncRepo, item: Outgoing, result: dict | None, now: datetime) -> None:
    """In one transaction: the row is pushed, and our row knows its Zoho id and modification time."""
    row = repo.outbox_row(item.row_id)
    row.pushed_at = now
    if result is None:
        row.last_error = "nothing to send"
        return
    details = result.get("details", {})
    if result.get("status") != "success":
        row.last_error = f"{result.get('code', 'refused')}: {result.get('message', '')}"[:300]
        return
    modified = zoho_time(details["Modified_Time"]) if details.get("Modified_Time") else now
    entity = "note" if item.entity == "activity" else item.entity
    ref = repo.zoho_ref(entity, item.entity_id)
    synced = ws.deals.by_id(item.entity_id).updated_at if entity == "deal" else now
    if ref is None and repo.row(SOURCE, entity, str(details["id"])) is not None:
        row.last_error = "already linked to another row"
    elif ref is None:
        repo.link(SOURCE, entity, str(details["id"]), item.entity_id, remote_modified_at=modified,
                  local_synced_at=synced)
    else:
        ref.remote_modified_at, ref.local_synced_at = modified, synced


PREPARE = {"account": _account, "contact": _contact, "deal": _deal, "activity": _note, "task": _task}
