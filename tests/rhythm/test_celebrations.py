"""Wins at or over the big-deal threshold are celebrated in the owner's team channel, whichever command or
button closes them; smaller wins keep the plain announcement; without a threshold nothing is "big"."""
from __future__ import annotations

from tests.rhythm.support import EAST_CHANNEL, NOW, org


def posted(reply) -> list[tuple[str, str]]:
    return [(a.channel, a.reply.text) for a in reply.announcements]


async def test_big_wins_are_celebrated_by_every_command_that_wins_a_deal(chat):
    people = await org(chat)
    assert "wins that large are celebrated" in (await people["ana"].say("settings bigdeal 50k", at=NOW)).text
    bob = people["bob"]
    await bob.say('deal add "Big" 60k', at=NOW)
    await bob.say('deal add "Small" 5k', at=NOW)
    big = await bob.say("deal won #1", at=NOW)
    assert posted(big) == [(EAST_CHANNEL, "🎉 Big win! Bob won Big ($60,000) — congratulations, team!")]
    small = await bob.say("deal stage #2 won", at=NOW)
    assert posted(small) == [(EAST_CHANNEL, "🏆 Bob won Small ($5,000)!")]
    signed = await bob.say('deal add "Signed" 80k stage=won', at=NOW)
    assert posted(signed) == [(EAST_CHANNEL, "🎉 Big win! Bob won Signed ($80,000) — congratulations, team!")]
    await people["ana"].say("settings bigdeal off", at=NOW)
    await bob.say('deal add "Later" 90k', at=NOW)
    plain = await bob.say("deal won #4", at=NOW)
    assert posted(plain) == [(EAST_CHANNEL, "🏆 Bob won Later ($90,000)!")]


async def test_a_manager_closing_a_reps_big_deal_is_named_and_the_reps_team_celebrates(chat):
    people = await org(chat)
    await people["ana"].say("settings bigdeal 50k", at=NOW)
    await people["bob"].say('deal add "Big" 60k', at=NOW)
    won = await people["carla"].say("deal won #1", at=NOW)
    assert posted(won) == [(EAST_CHANNEL, "🎉 Big win! Carla won Big ($60,000) — congratulations, team!")]
