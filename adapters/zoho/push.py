"""Pushing to Zoho CRM: each outbox row once — deals inserted or updated, activities as Notes on their deal."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from adapters.zoho.records import deal_record, note_record, zoho_time
from storage.io.sync import SyncRepo
from storage.models import Activity
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
    search_name: str = ""


def prepare(ws: WorkspaceStore, repo: SyncRepo, row_id: int) -> Outgoing | None:
    """Mark the row as being sent (committed before the request) and build its record."""
    row = repo.outbox_row(row_id)
    if row is None or row.pushed_at is not None:
        return None
    retried, row.attempts = row.attempts > 0, row.attempts + 1
    if row.entity == "deal":
        return _deal(ws, repo, row, retried)
    return _note(ws, repo, row)


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
    return Outgoing(row.id, "deal", deal.id, "POST", "Deals", record, retried, deal.name)


def _note(ws: WorkspaceStore, repo: SyncRepo, row) -> Outgoing:
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
    entity = "deal" if item.entity == "deal" else "note"
    ref = repo.zoho_ref(entity, item.entity_id)
    synced = ws.deals.by_id(item.entity_id).updated_at if entity == "deal" else now
    if ref is None and repo.row(SOURCE, entity, str(details["id"])) is not None:
        row.last_error = "already linked to another row"
    elif ref is None:
        repo.link(SOURCE, entity, str(details["id"]), item.entity_id, remote_modified_at=modified,
                  local_synced_at=synced)
    else:
        ref.remote_modified_at, ref.local_synced_at = modified, synced
