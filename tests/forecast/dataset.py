"""A small team with hand-computed forecast numbers (March 2026, the workspace in UTC, forecasts per month).

Bob:  #1 A 10k proposal (best case), #2 B 20k negotiation (commit), #3 C 5k lead (pipeline),
      #4 D 7k closing in April (out), #5 E 3k without a close date (out), #6 F 8k won on Mar 3 (closed),
      #11 K 2k lost (out).
      closed 8k, commit 8k + 20k = 28k, best case 28k + 10k = 38k, pipeline 20k + 10k + 5k = 35k.
Dan:  #7 G 12k negotiation (commit), #8 H 4k lead overridden to commit, #9 I 6k proposal overridden to
      omitted, #10 J 9k EUR (another currency, not in the numbers).
      closed 0, commit 16k, best case 16k, pipeline 16k.
East: closed 8k, commit 44k, best case 54k, pipeline 51k; targets Bob 50k, Dan 30k, the team 100k.
"""
from __future__ import annotations

from datetime import datetime, timezone

from tests.support.chat import Chat


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


MONDAY = utc("2026-03-02 09:00")


async def seed_team(chat: Chat) -> dict[str, Chat]:
    """Ana (admin), Carla (manager of East), Bob and Dan (reps), their deals and targets."""
    people = {name: chat.as_(name, timezone="UTC") for name in ("carla", "bob", "dan", "erin")}
    await chat.say("whoami", at=MONDAY)
    for name in people:
        await people[name].say("whoami", at=MONDAY)
    for line in ('settings forecast month', 'team create "East"', 'team add East @bob @dan', 'team manager East @carla',
                 'role @carla manager', 'team create "West"', 'team add West @erin', 'role @erin manager',
                 'team manager West @erin',
                 'target set @bob won_value 50k 2026-03', 'target set @dan won_value 30k 2026-03',
                 'target set East won_value 100k 2026-03'):
        reply = await chat.say(line, at=MONDAY)
        assert not reply.is_error, (line, reply.text)
    bob, dan = people["bob"], people["dan"]
    for line in ('deal add "A" 10k stage=proposal close=2026-03-20',
                 'deal add "B" 20k stage=negotiation close=2026-03-25',
                 'deal add "C" 5k stage=lead close=2026-03-10', 'deal add "D" 7k stage=qualified close=2026-04-10',
                 'deal add "E" 3k stage=proposal', 'deal add "F" 8k stage=negotiation close=2026-03-15'):
        assert not (await bob.say(line, at=MONDAY)).is_error
    for line in ('deal add "G" 12k stage=negotiation close=2026-03-30', 'deal add "H" 4k stage=lead close=2026-03-12',
                 'deal add "I" 6k stage=proposal close=2026-03-05',
                 'deal add "J" 9k EUR stage=proposal close=2026-03-08',
                 'deal forecast #8 commit', 'deal forecast #9 omitted'):
        assert not (await dan.say(line, at=MONDAY)).is_error
    assert not (await bob.say('deal add "K" 2k stage=proposal close=2026-03-18', at=MONDAY)).is_error
    assert not (await bob.say("deal won #6", at=utc("2026-03-03 10:00"))).is_error
    assert not (await bob.say("deal lost #11", at=utc("2026-03-03 10:00"))).is_error
    return people


def rows(reply) -> dict[str, tuple[str, ...]]:
    """A forecast table by its first column."""
    return {row[0]: row[1:] for row in reply.table.rows}


def fact(reply, label: str) -> str:
    return next(f.value for f in reply.facts if f.label.startswith(label))
