"""A small org for the rhythm tests: East (Carla manages Bob and Dan) and West (Wes manages Zoe); Ana is admin."""
from __future__ import annotations

from datetime import timedelta

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


async def build(people):
    """Bob won 30k and Dan 10k this month; calls Bob 2, Dan 1; Bob has one kudos and a CSAT of 4."""
    bob, dan = people["bob"], people["dan"]
    await bob.say('deal add "Acme" 30k account="Acme Corp"', at=NOW - timedelta(days=3))
    await bob.say("deal won #1", at=NOW - timedelta(days=2))
    await dan.say('deal add "Beta" 10k', at=NOW - timedelta(days=3))
    await dan.say("deal won #2", at=NOW - timedelta(days=2))
    await bob.say('log call #1 "kick-off"', at=NOW - timedelta(days=1))
    await bob.say('log call #1 "pricing"', at=NOW - timedelta(days=1))
    await dan.say('log call #2 "intro"', at=NOW - timedelta(days=1))
    await dan.say('log email #2 "proposal"', at=NOW - timedelta(days=1))
    await dan.say('kudos @bob "great close"', at=NOW - timedelta(hours=2))
    await bob.say('csat "Acme Corp" 4', at=NOW - timedelta(hours=1))
    await people["carla"].say("target set @bob won_value 40k period=2026-11", at=NOW - timedelta(days=3))
