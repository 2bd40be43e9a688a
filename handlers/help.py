"""`help [command]`: the command list, or one command's usage and an example."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.reply import Fact, Reply, Table


def show_help(call: Call) -> Reply:
    """Without arguments, every command with its summary; with a name, its usage line and example."""
    registry = call.commands
    words = [token.text.casefold() for token in call.args]
    if not words:
        # Names, not usages: the full usage lines are too wide for a terminal; `help <command>` shows one.
        rows = tuple((spec.name, spec.summary) for spec in registry.specs.values())
        return Reply(text="Commands (type `help <command>` for its usage and an example):", title="salesbot help",
                     table=Table(("Command", "What it does"), rows))
    name = " ".join(words[:2])
    if name in registry.specs or words[0] in registry.specs:
        spec = registry.specs.get(name) or registry.specs[words[0]]
        facts = (Fact("Usage", spec.usage),) + ((Fact("Example", spec.example),) if spec.example else ())
        return Reply(text=spec.summary, title=spec.name, facts=facts)
    group = registry.in_group(words[0])
    if group:
        rows = tuple((_fitting(spec, group), spec.summary) for spec in group)
        return Reply(text=f"The {words[0]} commands:", table=Table(("Command", "What it does"), rows))
    registry.resolve(words)  # raises the helpful "not a command" error
    raise UserError(f"'{name}' is not a command")


WIDTH = 100  # a terminal's columns: the console prints tables as they are


def _fitting(spec, group) -> str:
    """The usage line when the group's table still fits the width, else the name (`help <command>` has it)."""
    widest = max(len(s.usage) for s in group) + 2 + max(len(s.summary) for s in group)
    return spec.usage if widest <= WIDTH else spec.name
