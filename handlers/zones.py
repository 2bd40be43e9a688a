"""Which timezone applies to a person: their own, else their team's, else the workspace's (else UTC)."""
from __future__ import annotations

from typing import Iterable

from handlers.ports import WorkspacePort
from handlers.records import Person, Team, Workspace

FALLBACK_ZONE = "UTC"


def zone_choice(person: Person, teams: Iterable[Team], workspace: Workspace) -> tuple[str, Team | None]:
    """The one zone rule, and the team the zone came from (None: the person's own or the workspace's).
    `teams` are the teams the person belongs to; of those with a zone the oldest wins, so a person in two
    teams gets the same answer from every caller."""
    if person.timezone:
        return person.timezone, None
    zoned = sorted((team for team in teams if team.timezone), key=lambda team: team.id)
    if zoned:
        return zoned[0].timezone, zoned[0]
    return workspace.timezone or FALLBACK_ZONE, None


def zone_name(person: Person, teams: Iterable[Team], workspace: Workspace) -> str:
    return zone_choice(person, teams, workspace)[0]


def person_zone_name(ws: WorkspacePort, person: Person) -> str:
    """The zone rule for a person of `ws`, reading their teams through the port."""
    teams = () if person.timezone else ws.teams.teams_of(person)
    return zone_name(person, teams, ws.workspace)
