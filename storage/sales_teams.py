"""Sales teams: members, managers and home channels."""
from __future__ import annotations

from sqlmodel import select

from storage.models import Person, SalesTeam, TeamMember
from storage.scoped import ScopedRepo, name_key


class SalesTeamRepo(ScopedRepo):
    """Reads and writes the sales teams of one workspace."""

    def get(self, team_id: int) -> SalesTeam | None:
        return self._mine(self.session.get(SalesTeam, team_id))

    def by_name(self, name: str) -> SalesTeam | None:
        query = select(SalesTeam).where(SalesTeam.workspace_id == self.workspace_id,
                                        SalesTeam.name_key == name_key(name))
        return self.session.exec(query).first()

    def create(self, name: str) -> SalesTeam:
        team = SalesTeam(workspace_id=self.workspace_id, name=" ".join(name.split()), name_key=name_key(name))
        self.session.add(team)
        self.session.flush()
        return team

    def all(self) -> list[SalesTeam]:
        query = select(SalesTeam).where(SalesTeam.workspace_id == self.workspace_id).order_by(SalesTeam.name)
        return list(self.session.exec(query))

    def add_member(self, team: SalesTeam, person: Person) -> bool:
        """Add `person` to `team`; False when they were already in it."""
        if self.session.get(TeamMember, (team.id, person.id)):
            return False
        self.session.add(TeamMember(team_id=team.id, person_id=person.id, workspace_id=self.workspace_id))
        self.session.flush()
        return True

    def members(self, team: SalesTeam) -> list[Person]:
        query = (select(Person).join(TeamMember, TeamMember.person_id == Person.id)
                 .where(TeamMember.team_id == team.id, TeamMember.workspace_id == self.workspace_id)
                 .order_by(Person.display_name))
        return list(self.session.exec(query))

    def teams_of(self, person: Person) -> list[SalesTeam]:
        query = (select(SalesTeam).join(TeamMember, TeamMember.team_id == SalesTeam.id)
                 .where(TeamMember.person_id == person.id, SalesTeam.workspace_id == self.workspace_id))
        return list(self.session.exec(query))

    def managed_by(self, person: Person) -> list[SalesTeam]:
        query = select(SalesTeam).where(SalesTeam.workspace_id == self.workspace_id,
                                        SalesTeam.manager_id == person.id).order_by(SalesTeam.name)
        return list(self.session.exec(query))

    def member_ids(self, teams: list[SalesTeam]) -> set[int]:
        """Ids of everyone in any of `teams`, managers included."""
        ids = {t.manager_id for t in teams if t.manager_id}
        if teams:
            query = select(TeamMember.person_id).where(TeamMember.team_id.in_([t.id for t in teams]))
            ids.update(self.session.exec(query))
        return ids

    def set_manager(self, team: SalesTeam, person: Person) -> None:
        team.manager_id = person.id

    def set_home_channel(self, team: SalesTeam, channel: str | None) -> None:
        team.home_channel = channel
