"""Sales teams: members, managers and home channels."""
from __future__ import annotations

from sqlmodel import col, select

from storage.cache import view_for
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

    def _memo(self, key: tuple, load):
        view = view_for(self.session, self.workspace_id)
        return view.memo(key, load) if view else load()

    def teams_of(self, person: Person) -> list[SalesTeam]:
        return self._memo(("teams_of", person.id), lambda: self._teams_of(person.id))

    def _teams_of(self, person_id: int) -> list[SalesTeam]:
        query = (select(SalesTeam).join(TeamMember, TeamMember.team_id == SalesTeam.id)
                 .where(TeamMember.person_id == person_id, SalesTeam.workspace_id == self.workspace_id))
        return list(self.session.exec(query))

    def managed_by(self, person: Person) -> list[SalesTeam]:
        return self._memo(("managed_by", person.id), lambda: self._managed_by(person.id))

    def _managed_by(self, person_id: int) -> list[SalesTeam]:
        query = select(SalesTeam).where(SalesTeam.workspace_id == self.workspace_id,
                                        SalesTeam.manager_id == person_id).order_by(SalesTeam.name)
        return list(self.session.exec(query))

    def member_ids(self, teams: list[SalesTeam]) -> set[int]:
        """Ids of everyone in any of `teams`, managers included."""
        ids = {t.manager_id for t in teams if t.manager_id}
        if teams:
            team_ids = tuple(sorted(t.id for t in teams))
            ids.update(self._memo(("members", team_ids), lambda: self._member_ids(team_ids)))
        return ids

    def _member_ids(self, team_ids: tuple[int, ...]) -> list[int]:
        query = select(TeamMember.person_id).where(col(TeamMember.team_id).in_(team_ids))
        return list(self.session.exec(query))

    def set_manager(self, team: SalesTeam, person: Person) -> None:
        self._own(team).manager_id = team.manager_id = person.id

    def set_home_channel(self, team: SalesTeam, channel: str | None) -> None:
        self._own(team).home_channel = team.home_channel = channel

    def _own(self, team: SalesTeam) -> SalesTeam:
        """The session's row of `team` (a cached copy is read-only: changes go to the real row)."""
        return self.session.get(SalesTeam, team.id)
