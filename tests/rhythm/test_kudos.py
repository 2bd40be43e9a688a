"""Kudos: a public card in the receiver's team channel, lists by team, and a kudos leaderboard."""
from __future__ import annotations

from datetime import timedelta

from tests.rhythm.support import EAST_CHANNEL, NOW, org
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot


async def test_kudos_posts_a_card_in_the_receivers_team_channel(chat):
    people = await org(chat)
    reply = await people["dan"].say('kudos @bob "saved the Acme renewal"', at=NOW)
    assert not reply.is_error and "Kudos to Bob recorded and posted in 1 team channel" in reply.text
    [announcement] = reply.announcements
    assert announcement.channel == EAST_CHANNEL
    assert "Kudos for Bob" in announcement.reply.title and "Dan: “saved the Acme renewal”" in announcement.reply.text


async def test_kudos_to_yourself_or_without_a_reason_writes_nothing(chat, engine):
    people = await org(chat)
    before = snapshot(engine)
    own = await people["bob"].say('kudos @bob "I am great"', at=NOW)
    empty = await people["bob"].say("kudos @dan", at=NOW)
    assert own.is_error and "can't give kudos to yourself" in own.text
    assert empty.is_error and "the reason is missing" in empty.text and "Usage: kudos @person" in empty.footer
    assert snapshot(engine) == before


async def test_kudos_list_shows_the_team_and_the_leaderboard_ranks_by_kudos(chat):
    people = await org(chat)
    await people["dan"].say('kudos @bob "one"', at=NOW - timedelta(days=2))
    await people["carla"].say('kudos @bob "two"', at=NOW - timedelta(days=1))
    await people["bob"].say('kudos @dan "three"', at=NOW - timedelta(days=1))
    await people["wes"].say('kudos @zoe "west"', at=NOW)
    east = reply_text(await people["bob"].say("kudos list", at=NOW))
    assert "Kudos for East" in east and ": 3." in east and "west" not in east
    board = (await people["carla"].say("leaderboard kudos month", at=NOW)).table.rows
    assert [(row[1], row[2]) for row in board[:2]] == [("Bob", "2"), ("Dan", "1")]
    refused = await people["carla"].say("target set @bob kudos 5", at=NOW)
    assert refused.is_error and "is not a metric" in refused.text
