"""One command in flight: the store, the sender as a person, the parsed arguments and the clock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from handlers.context import Origin, Request, Sender
from handlers.errors import UserError
from handlers.i18n import _
from handlers.parsing.tokens import Token
from handlers.ports import WorkspacePort
from handlers.records import Person, Workspace
from handlers.zones import person_zone_name


@dataclass
class Call:
    """Everything a command handler needs; handlers read from it and write through `ws`."""

    ws: WorkspacePort
    me: Person
    request: Request
    args: list[Token]
    options: dict[str, Token]
    now: datetime
    usage: str
    commands: Any = None  # the Registry, for `help`
    public_url: str | None = None  # where the bot's own pages are served (SALESBOT_PUBLIC_URL)

    @property
    def workspace(self) -> Workspace:
        return self.ws.workspace

    @classmethod
    def as_person(cls, ws: WorkspacePort, person: Person, now: datetime, text: str = "") -> "Call":
        """A Call as if `person` had typed `text` in a direct message: how the scheduler composes for them."""
        workspace = ws.workspace
        origin = Origin(workspace.platform, workspace.external_id, workspace.name, None, True)
        sender = Sender(person.platform_user_id, person.display_name, person.timezone)
        return cls(ws, person, Request(text, sender, origin, received_at=now), [], {}, now, "")

    @cached_property
    def zone_name(self) -> str:
        """The sender's zone by the one zone rule (read once per command: it may query their teams)."""
        return person_zone_name(self.ws, self.me)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.zone_name)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def arg(self, index: int, what: str) -> Token:
        """The positional argument at `index`, or a usage error naming what is missing."""
        if index >= len(self.args):
            raise UserError(_("{what} is missing").format(what=what), self.usage)
        return self.args[index]

    def option(self, key: str) -> str | None:
        token = self.options.get(key)
        return token.text if token else None

    def reject_unknown_options(self, allowed: tuple[str, ...]) -> None:
        """A typo'd option (`stge=`) is an error, not silently ignored."""
        for key in self.options:
            if key not in allowed:
                if allowed:
                    raise UserError(_("'{key}=' is not an option of this command — options here: {options}").format(
                        key=key, options=", ".join(k + "=" for k in allowed)), self.usage)
                raise UserError(_("'{key}=' is not an option of this command").format(key=key), self.usage)

    def reject_extra_args(self, count: int) -> None:
        if len(self.args) > count:
            raise UserError(_("'{token}' was not expected here").format(token=self.args[count].text), self.usage)
