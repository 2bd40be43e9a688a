"""A member who joins a chat workspace becomes a person there, once salesbot is already in use in it."""
from __future__ import annotations

import asyncio

from handlers.context import Origin, Sender
from handlers.ports import StorePort, WorkspacePort


def meet_member(store: StorePort, origin: Origin, member: Sender) -> bool:
    """True when `member` is now a person of the workspace; a workspace nobody uses yet is left alone."""
    return store.run(origin.platform, origin.workspace_id, lambda ws: _meet(ws, member), origin.workspace_name)


def _meet(ws: WorkspacePort, member: Sender) -> bool:
    # Only where people already exist: the first person becomes the admin, and that should be someone
    # who chose to use salesbot, not whoever happened to join the chat workspace first.
    if not ws.people.all():
        return False
    ws.people.ensure(member.user_id, member.display_name, member.timezone)
    return True


async def meet_member_async(store: StorePort, origin: Origin, member: Sender) -> bool:
    """`meet_member` on a worker thread: storage is synchronous, the adapters are not."""
    return await asyncio.to_thread(meet_member, store, origin, member)
