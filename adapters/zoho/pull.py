"""Pulling from Zoho CRM: users, accounts, contacts and deals modified since the last sync, and deleted deals."""
from __future__ import annotations

from datetime import datetime

from adapters.zoho.records import contact_values, deal_values, our_stage, zoho_time
from handlers.dataio.conflicts import KIND as CONFLICT_KIND
from handlers.dataio.people import people_index
from storage.io.sync import SyncRepo
from storage.store import WorkspaceStore

SOURCE = "zoho"
DELETED_REASON = "deleted in Zoho CRM"


def map_users(ws: WorkspaceStore, repo: SyncRepo, users: list[dict]) -> int:
    """Each Zoho user as a person, by email; unknown ones are created. Returns how many were new."""
    index, created = people_index(repo.people_keys()), 0
    for user in users:
        if repo.ref(SOURCE, "person", user["id"]) is not None:
            continue
        email = (user.get("email") or "").casefold()
        person_id = index.get(email) if email else None
        if person_id is None:
            person_id, created = repo.add_person(user.get("full_name") or email, email or None), created + 1
        repo.link(SOURCE, "person", user["id"], person_id)
    return created


def apply_accounts(ws: WorkspaceStore, repo: SyncRepo, records: list[dict]) -> None:
    for record in records:
        if repo.ref(SOURCE, "account", record["id"]) is None and record.get("Account_Name"):
            account = ws.accounts.ensure(str(record["Account_Name"]))
            if repo.of(SOURCE, "account", account.id) is None:
                repo.link(SOURCE, "account", record["id"], account.id)


def _account_of(ws: WorkspaceStore, repo: SyncRepo, lookup: dict) -> int | None:
    """Our account for a Zoho lookup ({"name", "id"}), linked to its Zoho id the first time it is seen."""
    zoho_id, name = str(lookup.get("id") or ""), str(lookup.get("name") or "").strip()
    known = repo.ref(SOURCE, "account", zoho_id) if zoho_id else None
    if known is not None or not name:
        return known
    account = ws.accounts.ensure(name)
    if zoho_id and repo.of(SOURCE, "account", account.id) is None:
        repo.link(SOURCE, "account", zoho_id, account.id)
    return account.id


def apply_contacts(ws: WorkspaceStore, repo: SyncRepo, records: list[dict], now: datetime) -> None:
    """A Zoho contact at an account becomes ours (matched by email, else name at the account) or updates it;
    one without an account has nowhere to live here and is skipped."""
    for record in records:
        values, modified = contact_values(record), zoho_time(record["Modified_Time"])
        account_id = _account_of(ws, repo, values["account"])
        if account_id is None or not values["name"]:
            continue
        ref = repo.row(SOURCE, "contact", record["id"])
        if ref is not None and ref.remote_modified_at and modified <= ref.remote_modified_at:
            continue  # our own push coming back, or a change already taken
        contact = ws.contacts.get(ref.entity_id) if ref else repo.contact_matching(
            None, values["email"], values["name"], account_id)
        if contact is None:
            contact = ws.contacts.add(name=values["name"], account_id=account_id, created_by=None, now=now,
                                      title=values["title"], email=values["email"], phone=values["phone"])
        else:
            _update_contact(ws, contact, values, account_id)
        if ref is None:
            ref = repo.link(SOURCE, "contact", record["id"], contact.id)
        ref.remote_modified_at, ref.local_synced_at = modified, now


def _update_contact(ws: WorkspaceStore, contact, values: dict, account_id: int) -> None:
    for key in ("title", "email", "phone"):
        if values[key] is not None:
            setattr(contact, key, values[key])
    contact.account_id = account_id
    if contact.name != values["name"]:
        ws.contacts.rename(contact, values["name"])


class DealPull:
    """Applies pages of Zoho deals to one workspace; conflicts go to the audit trail."""

    def __init__(self, ws: WorkspaceStore, repo: SyncRepo, now: datetime) -> None:
        self.ws, self.repo, self.now = ws, repo, now
        self.stages = {s.name: s for s in ws.stages.all()}
        self.report: dict[str, int] = {"created": 0, "updated": 0, "conflicts": 0, "unmapped": 0}

    def apply(self, records: list[dict]) -> None:
        for record in records:
            self._one(record)

    def _one(self, record: dict) -> None:
        values = deal_values(record, self.ws.workspace.currency)
        stage = our_stage(values["stage_name"], list(self.stages))
        if stage is None:
            self.report["unmapped"] += 1
            return
        modified = zoho_time(record["Modified_Time"])
        ref = self.repo.row(SOURCE, "deal", record["id"])
        if ref is None:
            self._create(record["id"], values, self.stages[stage], modified)
            return
        deal = self.ws.deals.by_id(ref.entity_id)
        if deal is None or (ref.remote_modified_at and modified <= ref.remote_modified_at):
            return  # our own push coming back, or a change already taken
        self._update(deal, ref, values, self.stages[stage], modified)

    def _owner(self, owner: dict) -> int:
        person_id = self.repo.ref(SOURCE, "person", str(owner.get("id", "")))
        if person_id is None and owner.get("email"):
            person_id = people_index(self.repo.people_keys()).get(owner["email"].casefold())
        if person_id is None:
            admins = [p for p in self.ws.people.all() if p.role == "admin"] or self.ws.people.all()
            person_id = admins[0].id if admins else self.repo.add_person(owner.get("name") or "Zoho user", None)
        return person_id

    def _create(self, zoho_id: str, values: dict, stage, modified: datetime) -> None:
        account = _account_of(self.ws, self.repo, values["account_lookup"])
        deal = self.ws.deals.add(name=values["name"], owner_id=self._owner(values["owner"]),
                                 amount_minor=values["amount_minor"], currency=self.ws.workspace.currency,
                                 stage=stage.name, status=stage.outcome, now=self.now, actor_id=None,
                                 expected_close=values["expected_close"], account_id=account)
        self.repo.link(SOURCE, "deal", zoho_id, deal.id, remote_modified_at=modified,
                       local_synced_at=deal.updated_at)
        self.report["created"] += 1

    def _update(self, deal, ref, values: dict, stage, modified: datetime) -> None:
        """Field by field: what only Zoho changed since the last sync is taken, what only we changed is kept
        (and pushed), and a field both changed goes to the later writer — a conflict, audited and told."""
        wanted = {"name": values["name"], "amount_minor": values["amount_minor"], "stage": stage.name,
                  "expected_close": values["expected_close"], "owner_id": self._owner(values["owner"])}
        mine = {key: getattr(deal, key) for key in wanted}
        differ = [key for key in wanted if mine[key] != wanted[key]]
        ours, theirs = self._changed_since_sync(deal, ref, mine, wanted, differ)
        clash = [key for key in ours if key in theirs]
        ours_wins = deal.updated_at > modified
        if clash:
            loser = wanted if ours_wins else mine
            self._conflict(deal, kept="salesbot" if ours_wins else "zoho", lost=_json({k: loser[k] for k in clash}),
                           fields=clash, modified=modified)
        keep = [key for key in ours if key not in clash or ours_wins]
        take = {key: wanted[key] for key in differ if key not in keep}
        self._take(deal, take, stage)
        ref.remote_modified_at = modified
        if not keep:  # a field of ours that stands is still to be pushed: leave the deal "changed since synced"
            ref.local_synced_at = deal.updated_at
        self.report["updated"] += bool(take)

    def _changed_since_sync(self, deal, ref, mine: dict, wanted: dict, differ: list[str]):
        """(ours, theirs): of the fields that differ, those each side changed since the last sync. The deal's
        version at the last sync is what both sides held then; a field versions do not keep (the name) counts
        as changed on both sides when the deal changed here at all."""
        if ref.local_synced_at is not None and deal.updated_at <= ref.local_synced_at:
            return [], differ
        base = self.repo.deal_version_at(deal.id, ref.local_synced_at) if ref.local_synced_at else None
        if base is None:
            return differ, differ
        kept = [key for key in differ if hasattr(base, key)]
        ours = [key for key in differ if key not in kept or getattr(base, key) != mine[key]]
        theirs = [key for key in differ if key not in kept or getattr(base, key) != wanted[key]]
        return ours, theirs

    def _take(self, deal, wanted: dict, stage) -> None:
        if not wanted:
            return
        if "stage" in wanted:
            self.ws.deals.move(deal, stage.name, stage.outcome, None, self.now)  # stage history stays right
        if "name" in wanted:
            self.ws.deals.rename(deal, wanted["name"])
        for key in ("amount_minor", "expected_close", "owner_id"):
            if key in wanted:
                setattr(deal, key, wanted[key])
        deal.updated_at = self.now

    def _conflict(self, deal, kept: str, lost: dict, fields: list[str], modified: datetime) -> None:
        """The losing values go to the audit trail, and the owner hears of it once (the scheduler's outbox
        posts each queued message once, in the transaction that also commits this page)."""
        entry = self.ws.audit.record(None, "zoho.conflict", "deal", deal.id, self.now, number=deal.number,
                                     kept=kept, lost_values=lost, fields=fields, zoho_modified=modified.isoformat())
        self.ws.schedules.post_later(deal.owner_id, CONFLICT_KIND, entry.id, self.now)
        self.report["conflicts"] += 1


def apply_deleted(ws: WorkspaceStore, repo: SyncRepo, records: list[dict], now: datetime) -> int:
    """A deal deleted in Zoho is marked lost here (with the reason), its history kept."""
    lost = next(s for s in ws.stages.all() if s.outcome == "lost")
    count = 0
    for record in records:
        ref = repo.row(SOURCE, "deal", record["id"])
        deal = ws.deals.by_id(ref.entity_id) if ref else None
        if deal is None:
            continue
        if deal.status == "open":
            ws.deals.move(deal, lost.name, "lost", None, now)
        deal.lost_reason, deal.updated_at = DELETED_REASON, now
        ws.audit.record(None, "zoho.deleted", "deal", deal.id, now, number=deal.number, zoho_id=record["id"])
        ref.external_id, ref.local_synced_at = f"deleted:{record['id']}", deal.updated_at
        count += 1
    return count


def _json(values: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}

