"""A small sales org for the tasks tests: Ana the admin, Carla managing East (Bob, Dan), Eve in no team."""
from __future__ import annotations

from tests.schedules.support import utc

MONDAY = utc("2026-11-02 10:00")


async def org(chat, at=MONDAY):
    for user, zone in (("ana", "UTC"), ("carla", "UTC"), ("bob", "Europe/Lisbon"), ("dan", "America/New_York"),
                       ("eve", "UTC")):
        await chat.as_(user, timezone=zone).say("whoami", at=at)
    await chat.say('team create "East"', at=at)
    await chat.say('team manager "East" @carla', at=at)
    await chat.say('team add "East" @bob @dan', at=at)
    await chat.say("role @carla manager", at=at)


def open_tasks(store, workspace="acme-sales"):
    with store.workspace("console", workspace) as ws:
        return [(t.id, t.title, ws.people.get(t.assignee_id).platform_user_id)
                for t in ws.tasks.open_for(None, limit=500)]
