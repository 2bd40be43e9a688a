"""Composing as a person outside a command: a Call for the scheduler, in the person's zone."""
from __future__ import annotations

from datetime import datetime

from handlers.call import Call
from handlers.context import Origin, Request, Sender
from handlers.parsing.tokens import Token
from handlers.ports import WorkspacePort
from handlers.records import Person
from handlers.scope import Scope, default_scope_word, resolve_scope


def call_as(ws: WorkspacePort, person: Person, now: datetime, text: str = "") -> Call:
    """A Call as if `person` had typed `text` in a direct message."""
    workspace = ws.workspace
    origin = Origin(workspace.platform, workspace.external_id, workspace.name, None, True)
    sender = Sender(person.platform_user_id, person.display_name, person.timezone)
    return Call(ws, person, Request(text, sender, origin, received_at=now), [], {}, now, "")


def own_scope(call: Call) -> Scope:
    """Whose digest: a rep's own numbers, a manager's team (their own without one), an admin's workspace —
    the same default `kpi` and `risks` use."""
    word = default_scope_word(call)
    if word == "team" and not (call.ws.teams.managed_by(call.me) or call.ws.teams.teams_of(call.me)):
        word = "mine"
    return resolve_scope(call, Token(word))
