"""The demo's follow-up tasks and its second currency: euro deals in the Channel team, with a rate to USD."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import select

from handlers.fx import factor_micro
from handlers.schedules.rules import local_instant
from storage.models import Deal, Person
from storage.store import WorkspaceStore

EUR_RATE = Decimal("1.08")
# (owner, account, deal name, amount in euro cents, stage)
EURO_DEALS = (
    ("oliver", "Nordhafen GmbH", "Nordhafen fleet telematics", 48_000_00, "proposal"),
    ("amelia", "Lumiere Cosmetiques", "Lumiere EU rollout", 65_000_00, "negotiation"),
    ("isla", "Vantaa Components", "Vantaa plant pilot", 22_000_00, "qualified"),
)
# (assignee, title, days from today (negative: overdue), time or None)
FOLLOW_UPS = (
    ("olivia", "Send the revised proposal", -2, None),
    ("james", "Call back about pricing", -1, time(15, 0)),
    ("sophia", "Book the technical demo", 1, time(10, 0)),
    ("ethan", "Chase the signed order form", -3, None),
    ("lucas", "Confirm the security review date", 2, None),
    ("emma", "Prepare the renewal quote", 0, time(16, 0)),
    ("oliver", "Send Nordhafen the EU data terms", 1, None),
    ("amelia", "Agree the rollout plan with procurement", -1, None),
)


def seed_tasks_and_rates(ws: WorkspaceStore, people: dict[str, Person], now: datetime) -> None:
    """Euro deals with a euro rate set by the admin, and follow-ups (some overdue) on the reps' open deals."""
    ws.fx.set(base=ws.workspace.currency, currency="EUR", rate=str(EUR_RATE),
              factor_micro=factor_micro(EUR_RATE, "EUR", ws.workspace.currency), actor_id=people["admin"].id,
              now=now - timedelta(days=1))
    for owner, account, name, amount, stage in EURO_DEALS:
        _euro_deal(ws, people[owner], account, name, amount, stage, now)
    for user_id, title, days, at in FOLLOW_UPS:
        _follow_up(ws, people[user_id], title, days, at, now)


def _euro_deal(ws: WorkspaceStore, owner: Person, account: str, name: str, amount: int, stage: str,
               now: datetime) -> None:
    opened = now - timedelta(days=20)
    deal = ws.deals.add(name=name, owner_id=owner.id, amount_minor=amount, currency="EUR", stage=stage,
                        status="open", now=opened, actor_id=owner.id, expected_close=(now + timedelta(days=45)).date(),
                        account_id=ws.accounts.ensure(account).id)
    ws.activities.add("call", "Walked through the proposal in euros", owner.id, now - timedelta(days=3), deal=deal)


def _follow_up(ws: WorkspaceStore, person: Person, title: str, days: int, at: time | None, now: datetime) -> None:
    zone = ZoneInfo(person.timezone or ws.workspace.timezone)
    day = now.astimezone(zone).date() + timedelta(days=days)
    deal = _newest_open_deal(ws, person)
    due = local_instant(day, at or time(9, 0), zone)
    overdue = due if at else local_instant(day + timedelta(days=1), time(0), zone)
    ws.tasks.add(title=title, assignee_id=person.id, created_by_id=person.id, due_at=due, overdue_at=overdue,
                 has_time=at is not None, now=now - timedelta(days=5), deal_id=deal.id if deal else None,
                 account_id=deal.account_id if deal else None)


def _newest_open_deal(ws: WorkspaceStore, person: Person) -> Deal | None:
    query = (select(Deal).where(Deal.workspace_id == ws.workspace.id, Deal.owner_id == person.id,
                                Deal.status == "open").order_by(Deal.number.desc()))
    return ws.session.exec(query).first()
