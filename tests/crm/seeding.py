"""Many deals at once for the paging tests on Slack and Teams, owned by the workspace's only person."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Session, select

from storage.models import Workspace


def seed_deals(store, platform: str, count: int) -> None:
    """`count` open deals #1..#count for the person who has already talked to the bot on `platform`."""
    with Session(store.engine) as session:
        workspace = session.exec(select(Workspace).where(Workspace.platform == platform)).one()
    now = datetime.now(timezone.utc)
    with store.workspace_by_id(workspace.id) as ws:
        (owner,) = ws.people.all()
        for number in range(1, count + 1):
            ws.deals.add(name=f"Deal {number:02d}", owner_id=owner.id, amount_minor=number * 100_00, currency="USD",
                         stage="lead", status="open", now=now, actor_id=owner.id)
