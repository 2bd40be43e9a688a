"""A small sales org whose every analytics number is worked out by hand in the tests that use it.

Workspace in UTC with the default stages (lead 10%, qualified 25%, proposal 50%, negotiation 75%, won, lost).
Ana is the admin, Carla manages team East (Bob and Carla). "Now" is 2026-03-16 12:00 UTC: day 16 of 31 of
March. Each deal's history (at 09:00 UTC unless a time is given):

  #1 Echo     carla  $40,000                lead Feb 10 → qualified Feb 20 → negotiation Mar 8 (open)
  #2 Charlie  bob    $30,000  Big Reseller  lead Mar 1 → proposal Mar 6 (open; close Mar 5, pushed to Mar 8, Mar 10)
  #3 Alpha    bob    $10,000  Big Reseller  lead Mar 2 → qualified Mar 4 → proposal Mar 9 → won Mar 12
  #4 Delta    bob    €5,000                 lead Mar 2 → won Mar 7
  #5 Bravo    bob    $20,000  Small VAR     qualified Mar 3 → lost Mar 5 21:00
  #6 Golf     bob    $12,000                proposal Mar 5 → lost Mar 11
  #7 Foxtrot  carla  $8,000                 lead Mar 10 (open, never touched)

Activities: bob — call on #2 Mar 1 10:00, email on #3 Mar 4, call on #3 Mar 8; carla — meeting on #1 Mar 9.
Targets (March): bob won value $40,000 and activities 10; team East won value $100,000.
"""
from __future__ import annotations

from datetime import datetime, timezone

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=timezone.utc)


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=timezone.utc)


# (who, command, when) in the order they happen.
SCRIPT: tuple[tuple[str, str, datetime], ...] = (
    ("ana", "whoami", at(2, 1)),
    ("bob", "whoami", at(2, 1)),
    ("carla", "whoami", at(2, 1)),
    ("ana", "role @carla manager", at(2, 1)),
    ("ana", 'team create "East"', at(2, 1)),
    ("ana", "team add East @bob @carla", at(2, 1)),
    ("ana", "team manager East @carla", at(2, 1)),
    ("carla", 'deal add "Echo" 40k stage=lead', at(2, 10)),
    ("carla", "deal stage #1 qualified", at(2, 20)),
    ("bob", 'deal add "Charlie" 30k stage=lead partner="Big Reseller" close=2026-03-05', at(3, 1)),
    ("bob", 'log call #2 "intro"', at(3, 1, 10)),
    ("bob", 'deal add "Alpha" 10k stage=lead partner="Big Reseller"', at(3, 2)),
    ("bob", 'deal add "Delta" 5000 EUR stage=lead', at(3, 2)),
    ("bob", 'deal add "Bravo" 20k stage=qualified partner="Small VAR"', at(3, 3)),
    ("bob", "deal stage #3 qualified", at(3, 4)),
    ("bob", 'log email #3 "sent pricing"', at(3, 4)),
    ("bob", 'deal add "Golf" 12k stage=proposal', at(3, 5)),
    ("bob", "deal update #2 close=2026-03-08", at(3, 5)),
    ("bob", "deal lost #5", at(3, 5, 21)),
    ("bob", "deal stage #2 proposal", at(3, 6)),
    ("bob", "deal won #4", at(3, 7)),
    ("carla", "deal stage #1 negotiation", at(3, 8)),
    ("bob", 'log call #3 "legal review"', at(3, 8)),
    ("bob", "deal update #2 close=2026-03-10", at(3, 8)),
    ("bob", "deal stage #3 proposal", at(3, 9)),
    ("carla", 'log meeting #1 "exec sponsor"', at(3, 9)),
    ("carla", 'deal add "Foxtrot" 8k stage=lead', at(3, 10)),
    ("bob", "deal lost #6", at(3, 11)),
    ("bob", "deal won #3", at(3, 12)),
    ("ana", "target set @bob won_value 40k period=2026-03", at(3, 12)),
    ("ana", "target set @bob activities 10 period=2026-03", at(3, 12)),
    ("carla", "target set East won_value 100k period=2026-03", at(3, 12)),
)

async def build(chat) -> None:
    """Run the script; every command must succeed."""
    for who, command, when in SCRIPT:
        reply = await chat.as_(who).say(command, at=when)
        assert not reply.is_error, f"{command}: {reply.text}"
