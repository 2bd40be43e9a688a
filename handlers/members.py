"""A member who joins a chat workspace becomes a person there, once salesbot is already in use in it."""
from __future__ import annotations

import asyncio

from handlers.context import Origin, Sender
from handlers.ports import StorePort


def meet_member(store: StorePort, origin: Origin, member: Sender) -> bool:
    """True when `member` is now a person of the workspace; a workspace nobody uses yet is left alone."""
    # Only where people already exist: the first person becomes the admin, and that should be someone
    # who chose to use salesbot, not whoever happened to join the chat workspace first.
    with store.workspace(origin.platform, origin.workspace_id, origin.workspace_name) as ws:
        if not ws.people.all():
            return False
        ws.people.ensure(member.user_id, member.display_name, member.timezone)
        return True


async def meet_member_async(store: StorePort, origin: Origin, member: Sender) -> bool:
    """`meet_member` on a worker thread: storage is synchronous, the adapters are not."""
    return await asyncio.to_thread(meet_member, store, origin, member)
