"""A small org for the rhythm tests: East (Carla manages Bob and Dan) and West (Wes manages Zoe); Ana is admin."""
from __future__ import annotations

from tests.schedules.support import utc

NOW = utc("2026-11-04 15:00")  # a Wednesday
EAST_CHANNEL = "C-east"


async def org(chat, at=NOW):
    """Everyone says hello once (people appear when they first use the bot), then the admin builds the teams."""
    for user in ("ana", "carla", "bob", "dan", "wes", "zoe"):
        await chat.as_(user, timezone="UTC").say("whoami", at=at)
    admin = chat.as_("ana", timezone="UTC")
    for command in ('team create "East"', 'team create "West"', 'team add "East" @bob @dan @carla',
                    'team add "West" @zoe @wes', 'team manager "East" @carla', 'team manager "West" @wes',
                    "role @carla manager", "role @wes manager"):
        reply = await admin.say(command, at=at)
        assert not reply.is_error, (command, reply.text)
    east = chat.as_("carla", timezone="UTC")
    east.channel = EAST_CHANNEL
    assert not (await east.say('team channel "East" here', at=at)).is_error
    return {user: chat.as_(user, timezone="UTC") for user in ("ana", "carla", "bob", "dan", "wes", "zoe")}
