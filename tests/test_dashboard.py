"""`dashboard` measures targets as `kpi` does: for every person of the demo org, the same numbers on screen."""
from __future__ import annotations

import re

from bot.demo import ADMIN, DEMO_WORKSPACE, REPS, TEAMS, seed_demo
from handlers.reply import Reply
from tests.support.chat import Chat

TARGET_FACT = re.compile(r"(?P<metric>.+) target \((?P<period>[^,)]+)(?P<team>, team)?\)")
ATTAINED = re.compile(r"(?P<actual>\S+) of (?P<target>\S+) \((?P<percent>[^)]+)\)")


def demo_people() -> dict[str, str | None]:
    """Every demo person's platform id -> the team they are in or manage (None for the admin)."""
    people: dict[str, str | None] = {rep.user_id: rep.team for rep in REPS}
    people |= {manager: team for team, (_, manager, _) in TEAMS.items()}
    return people | {ADMIN[0]: None}


def dashboard_targets(reply: Reply) -> list[tuple[str, str, bool, tuple[str, str, str]]]:
    """(metric, period, is a team target, (actual, target, attained)) of each target line shown."""
    found = []
    for fact in reply.facts:
        if label := TARGET_FACT.fullmatch(fact.label):
            value = ATTAINED.fullmatch(fact.value)
            assert value, fact.value
            found.append((label["metric"].casefold(), label["period"], bool(label["team"]),
                          (value["actual"], value["target"], value["percent"])))
    return found


def kpi_line(reply: Reply, metric: str) -> tuple[str, str, str]:
    """(actual, target, attained) of the metric's row in `kpi`'s target table."""
    assert reply.table is not None, reply.text
    (row,) = [row for row in reply.table.rows if row[0].casefold() == metric]
    return row[1], row[2], row[3]


async def test_every_demo_persons_dashboard_attainment_is_their_kpi_line(chat: Chat, store):
    seed_demo(store)
    demo = chat.in_(DEMO_WORKSPACE)
    admin = demo.as_(ADMIN[0])
    shown = {}
    for user, team in demo_people().items():
        person = demo.as_(user)
        targets = dashboard_targets(await person.say("dashboard"))
        shown[user] = len(targets)
        for metric, period, for_team, attained in targets:
            kpi = await (admin.say(f'kpi "{team}" {period}') if for_team else person.say(f"kpi mine {period}"))
            assert attained == kpi_line(kpi, metric), (user, metric, period, for_team)
    # Each rep: won value and activities for the month and the quarter, and their team's won value for both.
    assert all(shown[rep.user_id] == 6 for rep in REPS), shown
    assert shown[ADMIN[0]] == 0
