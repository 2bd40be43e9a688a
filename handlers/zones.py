"""Which timezone applies to a person: their own, else their team's, else the workspace's (else UTC)."""
from __future__ import annotations

from typing import Iterable

from handlers.ports import Record, WorkspacePort

FALLBACK_ZONE = "UTC"


def zone_name(person: Record, teams: Iterable[Record], workspace: Record) -> str:
    """The one zone rule. `teams` are the teams the person belongs to; of those that have a zone, the
    oldest team's wins, so a person in two teams gets the same answer from every caller."""
    if person.timezone:
        return person.timezone
    zoned = sorted((team.id, team.timezone) for team in teams if team.timezone)
    if zoned:
        return zoned[0][1]
    return workspace.timezone or FALLBACK_ZONE


def person_zone_name(ws: WorkspacePort, person: Record) -> str:
    """The zone rule for a person of `ws`, reading their teams through the port."""
    teams = () if person.timezone else ws.teams.teams_of(person)
    return zone_name(person, teams, ws.workspace)
