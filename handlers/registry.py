"""The command table: every command's name, handler, usage line and one-line summary."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable

from handlers.errors import UserError
from handlers.i18n import _
from handlers.i18n.aliases import command_aliases


@dataclass(frozen=True)
class CommandSpec:
    """A command of the shared language. `name` may be one word (`pipeline`) or two (`deal add`)."""

    name: str
    run: Callable
    usage: str
    summary: str
    example: str = ""
    read_only: bool = False  # only reads: runs without the write lock (a write after all runs it again)
    # The handler itself refuses a repeat (feedback answers, one per person): adapters keep no key of a
    # press of it, since such a key would record who pressed which answer.
    private: bool = False


class Registry:
    """Looks commands up by their first one or two words."""

    def __init__(self, specs: tuple[CommandSpec, ...]) -> None:
        self.specs = {spec.name: spec for spec in specs}

    def resolve(self, words: list[str]) -> tuple[CommandSpec, int]:
        """The command named by the leading `words`, and how many words its name used."""
        if not words:
            raise UserError(_("Type a command — `help` lists them."))
        first = words[0].casefold()
        if len(words) > 1 and f"{first} {words[1].casefold()}" in self.specs:
            return self.specs[f"{first} {words[1].casefold()}"], 2
        if first in self.specs:
            return self.specs[first], 1
        if found := self._alias(words):
            return found
        raise self._unknown(first, words[1].casefold() if len(words) > 1 else None)

    def _alias(self, words: list[str]) -> tuple[CommandSpec, int] | None:
        """A command named in another language (`商机 新增`, `帮助`): the catalogs' table of names."""
        aliases = command_aliases()
        folded = [word.casefold() for word in words[:2]]
        for used in (2, 1)[2 - len(folded):]:
            name = aliases.get(" ".join(folded[:used]))
            if name in self.specs:
                return self.specs[name], used
        return None

    def _unknown(self, first: str, second: str | None) -> UserError:
        group = sorted(name for name in self.specs if name.startswith(first + " "))
        if group:
            typed = f"{first} {second}" if second else first
            close = difflib.get_close_matches(typed, group, n=3, cutoff=0.6)
            options = close or group
            return UserError(_("'{typed}' is not a command — try {options}").format(
                typed=typed, options=", ".join(options)))
        close = difflib.get_close_matches(first, self._all_words(), n=3, cutoff=0.5)
        if close:
            return UserError(_("'{typed}' is not a command — did you mean {options}? Type `help` for the list.")
                             .format(typed=first, options=_(" or ").join(close)))
        return UserError(_("'{typed}' is not a command. Type `help` for the list.").format(typed=first))

    def _all_words(self) -> list[str]:
        return sorted({name.split()[0] for name in self.specs} | set(self.specs))

    def is_private(self, words: list[str]) -> bool:
        """True when the command the leading `words` name is private (unknown input is not)."""
        try:
            return self.resolve(words)[0].private
        except UserError:
            return False

    def in_group(self, first: str) -> list[CommandSpec]:
        return [spec for name, spec in sorted(self.specs.items()) if name.split()[0] == first]
