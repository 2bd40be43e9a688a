"""The console Messenger: proactive posts are printed, so scheduled messages are visible locally."""
from __future__ import annotations

import sys
from typing import TextIO

from adapters.console.render import render_reply
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply


class ConsoleMessenger:
    """Prints each post with where it would have gone."""

    platform = "console"

    def __init__(self, out: TextIO = sys.stdout) -> None:
        self.out = out

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        where = f"#{destination.channel_id}" if destination.channel_id else f"@{destination.user_id}"
        self.out.write(f"\n[posted to {where}]\n{render_reply(reply)}\n\n")
        self.out.flush()
        return PostResult(ok=True)

