"""Whose numbers a command shows: `mine`, `team`, `@person` or `all`."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.call import Call
from handlers.i18n import _
from handlers.errors import UserError
from handlers.lookup import find_person
from handlers.parsing.tokens import Token


@dataclass(frozen=True)
class Scope:
    """A set of deal owners (None = the whole workspace) and how to name it in a reply."""

    label: str
    owner_ids: frozenset[int] | None
    person_id: int | None = None
    team_ids: tuple[int, ...] = ()


def default_scope_word(call: Call) -> str:
    """Reps see their own numbers, managers their team's, admins the whole workspace."""
    return {"rep": "mine", "manager": "team", "admin": "all"}.get(call.me.role, "mine")


def resolve_scope(call: Call, token: Token | None, allowed: tuple[str, ...] = ("mine", "team", "all")) -> Scope:
    """Read the optional scope argument; a bad one names the choices."""
    word = token.text if token else default_scope_word(call)
    if word.startswith("@"):
        person = find_person(call, token)
        return Scope(person.display_name, frozenset({person.id}), person_id=person.id)
    word = word.casefold()
    if word == "mine" and "mine" in allowed:
        return Scope(_("you"), frozenset({call.me.id}), person_id=call.me.id)
    if word == "team" and "team" in allowed:
        return team_scope(call)
    if word == "all" and "all" in allowed:
        return Scope(call.workspace.name or _("everyone"), None)
    choices = " | ".join(list(allowed) + ["@person"])
    raise UserError(_("'{word}' is not a scope — try {choices}").format(word=word, choices=choices), call.usage)


def team_scope(call: Call) -> Scope:
    """The teams the sender manages, else the teams they are in."""
    teams = call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me)
    if not teams:
        raise UserError(_("you are not in a team yet — an admin can run `team add <team> @you`"))
    label = ", ".join(team.name for team in teams)
    return Scope(label, frozenset(call.ws.teams.member_ids(teams)), team_ids=tuple(t.id for t in teams))
