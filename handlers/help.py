"""`help [command]`: the command list, or one command's usage and an example."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _
from handlers.i18n.usage import localized_usage
from handlers.i18n.aliases import local_name
from handlers.reply import Fact, Reply, Table


def show_help(call: Call) -> Reply:
    """Without arguments, every command with its summary; with a name, its usage line and example."""
    registry = call.commands
    words = [token.text.casefold() for token in call.args]
    if not words:
        # Names, not usages: the full usage lines are too wide for a terminal; `help <command>` shows one.
        rows = tuple((shown_name(spec.name), _(spec.summary)) for spec in registry.specs.values())
        return Reply(text=_("Commands (type `help <command>` for its usage and an example):"),
                     title=_("salesbot help"), table=Table((_("Command"), _("What it does")), rows))
    name = " ".join(words[:2])
    spec = _named(registry, words)
    if spec is not None:
        example = (Fact(_("Example"), spec.example),) if spec.example else ()
        facts = (Fact(_("Usage"), localized_usage(spec.usage)),) + example
        return Reply(text=_(spec.summary), title=shown_name(spec.name), facts=facts)
    group = registry.in_group(words[0])
    if group:
        rows = tuple((_fitting(spec, group), _(spec.summary)) for spec in group)
        return Reply(text=_("The {group} commands:").format(group=words[0]),
                     table=Table((_("Command"), _("What it does")), rows))
    registry.resolve(words)  # raises the helpful "not a command" error
    raise UserError(_("'{name}' is not a command").format(name=name))


def shown_name(name: str) -> str:
    """`deal add` in English; `商机 新增 (deal add)` where the locale has its own name: both can be typed."""
    local = local_name(name)
    return name if local == name else f"{local} ({name})"


def _named(registry, words: list[str]):
    """The command `words` name exactly, in English or the catalog's names (a group's name alone is not one)."""
    name = " ".join(words[:2])
    if name in registry.specs or words[0] in registry.specs:
        return registry.specs.get(name) or registry.specs[words[0]]
    try:
        spec, used = registry.resolve(words)
    except UserError:
        return None
    return spec if used <= len(words) else None


WIDTH = 100  # a terminal's columns: the console prints tables as they are


def _fitting(spec, group) -> str:
    """The usage line when the group's table still fits the width, else the name (`help <command>` has it)."""
    widest = max(len(s.usage) for s in group) + 2 + max(len(_(s.summary)) for s in group)
    return localized_usage(spec.usage) if widest <= WIDTH else shown_name(spec.name)
