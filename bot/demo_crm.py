"""The demo's CRM part: contacts at every account (the people the activity notes name), industries, who looks
after each account, each open deal's main contact, one deal in the bin, and the search index over all of it."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import col, select

from bot.demo_data import CONTACTS
from storage.models import Account, Contact, Deal
from storage.scoped import name_key
from storage.search import SearchIndex
from storage.store import WorkspaceStore

SURNAMES = ("Mitchell", "Ortega", "Walsh", "Kowalski", "Brennan", "Haddad", "Lindqvist", "Okafor", "Moreau",
            "Tanaka", "Fischer", "Ramírez", "Novak", "Sørensen")
TITLES = ("Head of Operations", "CFO", "IT Director", "Procurement Lead", "VP Sales", "COO", "Office Manager")
# The first matching word of an account's name gives its industry.
INDUSTRIES = (
    (("Logistics", "Freight", "Port", "Marine", "Shipbuilders", "Supply"), "Logistics"),
    (("Insurance", "Bank", "Credit", "Fintech", "Capital"), "Financial services"),
    (("Dental", "Health", "Medical", "Hospital", "Pharmaceuticals", "Biotech"), "Healthcare"),
    (("Foods", "Farms", "Coffee", "Distillers", "Orchard"), "Food and drink"),
    (("Software", "Analytics", "Semiconductors", "Robotics", "Cloud", "Components", "Aerospace"), "Technology"),
    (("University", "Schools"), "Education"),
    (("Energy", "Solar", "Water", "Mining"), "Energy and utilities"),
)
DEFAULT_INDUSTRY = "Manufacturing and retail"
BINNED_BY = "olivia"


def seed_crm(ws: WorkspaceStore, now: datetime) -> None:
    """Runs after the deals and activities are written (in bulk, so the search index is rebuilt at the end)."""
    accounts = list(ws.session.exec(select(Account).where(Account.workspace_id == ws.workspace.id)))
    owners = _busiest_owner(ws)
    for account in accounts:
        account.industry = _industry(account.name)
        account.owner_id = owners.get(account.id)
    contacts = [contact for account in accounts for contact in _contacts(ws, account, now)]
    ws.session.add_all(contacts)
    ws.session.flush()
    _link_main_contacts(ws, {c.account_id: c.id for c in reversed(contacts)})
    _bin_one(ws, now)
    SearchIndex(ws.session.connection(), ws.workspace.id).rebuild()


def _industry(name: str) -> str:
    words = set(name.split())
    return next((industry for keys, industry in INDUSTRIES if words & set(keys)), DEFAULT_INDUSTRY)


def _busiest_owner(ws: WorkspaceStore) -> dict[int, int]:
    """Each account's owner: whoever has the most deals with it."""
    rows = ws.session.exec(select(Deal.account_id, Deal.owner_id, func.count())
                           .where(Deal.workspace_id == ws.workspace.id, col(Deal.account_id).is_not(None))
                           .group_by(Deal.account_id, Deal.owner_id))
    best: dict[int, tuple[int, int]] = {}
    for account_id, owner_id, count in rows:
        if account_id not in best or count > best[account_id][1]:
            best[account_id] = (owner_id, count)
    return {account_id: owner for account_id, (owner, _) in best.items()}


def _contacts(ws: WorkspaceStore, account: Account, now: datetime) -> list[Contact]:
    """The two people the account's activity notes name (demo_data picks the same two), with details."""
    first = sum(map(ord, account.name)) % len(CONTACTS)
    domain = "".join(ch for ch in account.name.split()[0].lower() if ch.isalnum()) + ".example"
    people = []
    spread = sum(ord(ch) * (index + 1) for index, ch in enumerate(account.name))  # surnames vary by account
    for step in (0, 7):
        given = CONTACTS[(first + step) % len(CONTACTS)]
        surname = SURNAMES[(spread + step) % len(SURNAMES)]
        name = f"{given} {surname}"
        people.append(Contact(workspace_id=ws.workspace.id, account_id=account.id, name=name, name_key=name_key(name),
                              title=TITLES[(spread + step // 7) % len(TITLES)], email=f"{given.lower()}@{domain}",
                              phone=f"+1 555 01{(first + step) % 100:02d}", created_at=now - timedelta(days=150)))
    return people


def _link_main_contacts(ws: WorkspaceStore, main: dict[int, int]) -> None:
    """Open deals name their account's first contact."""
    for account_id, contact_id in main.items():
        ws.session.execute(update(Deal).where(Deal.workspace_id == ws.workspace.id, Deal.account_id == account_id,
                                              Deal.status == "open").values(contact_id=contact_id))


def _bin_one(ws: WorkspaceStore, now: datetime) -> None:
    """A duplicate Olivia (East) deleted yesterday, for `deal list deleted` and `deal restore`."""
    olivia = ws.people.by_platform_id(BINNED_BY)
    newest = ws.session.exec(select(Deal).where(Deal.workspace_id == ws.workspace.id, Deal.status == "open",
                                                Deal.owner_id == (olivia.id if olivia else 0))
                             .order_by(col(Deal.number).desc())).first()
    if newest is None:
        return
    copy = ws.deals.add(name=f"{newest.name} (duplicate)", owner_id=newest.owner_id,
                        amount_minor=newest.amount_minor, currency=newest.currency, stage=newest.stage,
                        status="open", now=now - timedelta(days=1), actor_id=newest.owner_id,
                        account_id=newest.account_id, expected_close=newest.expected_close)
    ws.activities.add("note", "entered twice by mistake", newest.owner_id, now - timedelta(hours=21), deal=copy)
    ws.deals.soft_delete(copy, now - timedelta(hours=20))
    ws.audit.record(newest.owner_id, "deal.add", "deal", copy.id, now - timedelta(days=1), number=copy.number,
                    amount=copy.amount_minor, stage=copy.stage)
    ws.audit.record(newest.owner_id, "deal.delete", "deal", copy.id, now - timedelta(hours=20), number=copy.number,
                    name=copy.name)
