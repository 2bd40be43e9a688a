"""People: platform users as the bot knows them, with their role and timezone."""
from __future__ import annotations

import re

from sqlalchemy import func, or_
from sqlmodel import select

from storage.cache import view_for
from storage.models import Person
from storage.scoped import ScopedRepo

ROLES = ("rep", "manager", "admin")


def make_handle(display_name: str) -> str:
    """`Ana Silva` -> `ana.silva`: what people type after `@`."""
    words = re.findall(r"[\w.-]+", display_name.casefold())
    return ".".join(words) or "user"


class PeopleRepo(ScopedRepo):
    """Reads and writes the people of one workspace."""

    def get(self, person_id: int) -> Person | None:
        view = view_for(self.session, self.workspace_id)
        load = lambda: self._mine(self.session.get(Person, person_id))  # noqa: E731
        return view.person("by_id", person_id, load) if view else load()

    def by_platform_id(self, platform_user_id: str) -> Person | None:
        view = view_for(self.session, self.workspace_id)
        load = lambda: self._load_by_platform_id(platform_user_id)  # noqa: E731
        return view.person("by_platform", platform_user_id, load) if view else load()

    def _load_by_platform_id(self, platform_user_id: str) -> Person | None:
        query = select(Person).where(Person.workspace_id == self.workspace_id,
                                     Person.platform_user_id == platform_user_id)
        return self.session.exec(query).first()

    def ensure(self, platform_user_id: str, display_name: str, timezone: str | None = None,
               locale: str | None = None) -> Person:
        """Return the person, creating them on first sight; the workspace's first person is its admin."""
        person = self.by_platform_id(platform_user_id)
        if person is None:
            person = self._create(platform_user_id, display_name, timezone)
        elif timezone and person.timezone != timezone:
            person.timezone = timezone
        if locale and person.platform_locale != locale:
            # Remembered for scheduled DMs, which have no platform message to read it from.
            (self._own(person) or person).platform_locale = person.platform_locale = locale
        return person

    def _create(self, platform_user_id: str, display_name: str, timezone: str | None) -> Person:
        role = "rep" if self._count() else "admin"
        person = Person(workspace_id=self.workspace_id, platform_user_id=platform_user_id,
                        display_name=display_name or platform_user_id,
                        handle=self._free_handle(make_handle(display_name or platform_user_id)), timezone=timezone,
                        role=role)
        return self._insert_or_theirs(person, lambda: self.by_platform_id(platform_user_id))

    def _free_handle(self, handle: str) -> str:
        """`handle`, or `handle.2`, `handle.3`…: a handle names one person in a workspace."""
        taken = set(self.session.exec(select(Person.handle).where(
            Person.workspace_id == self.workspace_id,
            or_(Person.handle == handle, Person.handle.startswith(handle + ".", autoescape=True)))))
        if handle not in taken:
            return handle
        return next(f"{handle}.{n}" for n in range(2, len(taken) + 3) if f"{handle}.{n}" not in taken)

    def _count(self) -> int:
        query = select(func.count()).select_from(Person).where(Person.workspace_id == self.workspace_id)
        return self.session.exec(query).one()

    def matching(self, typed: str) -> list[Person]:
        """People whose handle, first name or platform id matches what was typed after `@`."""
        typed = typed.casefold()
        query = select(Person).where(
            Person.workspace_id == self.workspace_id,
            or_(Person.handle == typed, func.lower(Person.platform_user_id) == typed,
                Person.handle.startswith(typed + ".", autoescape=True)),
        )
        people = list(self.session.exec(query))
        exact = [p for p in people if p.handle == typed or p.platform_user_id.casefold() == typed]
        return exact or people

    def all(self) -> list[Person]:
        view = view_for(self.session, self.workspace_id)
        return view.memo(("people",), self._all) if view else self._all()

    def _all(self) -> list[Person]:
        query = select(Person).where(Person.workspace_id == self.workspace_id).order_by(Person.display_name)
        return list(self.session.exec(query))

    def set_role(self, person: Person, role: str) -> None:
        self._own(person).role = person.role = role

    def set_timezone(self, person: Person, timezone: str) -> None:
        self._own(person).timezone = person.timezone = timezone

    def set_locale(self, person: Person, locale: str | None) -> None:
        self._own(person).locale = person.locale = locale

    def _own(self, person: Person) -> Person:
        """The session's row of `person` (a shared cached copy is read-only: changes go to the real row)."""
        return self.session.get(Person, person.id)
