"""A small team for the CRM tests: Ana the admin, Carla managing East (Bob, Dan), Zoe managing West (Wes)."""
from __future__ import annotations

from datetime import datetime, timezone

NOON = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


async def team(chat, at: datetime = NOON):
    for user in ("ana", "carla", "bob", "dan", "zoe", "wes"):
        await chat.as_(user, timezone="UTC").say("whoami", at=at)
    for line in ('team create "East"', 'team manager "East" @carla', 'team add "East" @bob @dan',
                 'team create "West"', 'team manager "West" @zoe', 'team add "West" @wes',
                 "role @carla manager", "role @zoe manager"):
        reply = await chat.say(line, at=at)
        assert not reply.is_error, reply.text
    return chat.as_("carla", "UTC"), chat.as_("bob", "UTC"), chat.as_("dan", "UTC"), chat.as_("wes", "UTC")


def rows(reply) -> list[tuple[str, ...]]:
    return list(reply.table.rows) if reply.table else []


def column(reply, index: int = 1) -> list[str]:
    return [row[index] for row in rows(reply)]
