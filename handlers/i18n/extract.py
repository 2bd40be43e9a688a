"""The messages the code uses: what `pybabel extract` finds, plus every command's name and summary from the
registry (names are msgctxt `command`: each catalog's names are that locale's aliases). `make i18n` writes it."""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from handlers.i18n.aliases import COMMAND
from handlers.i18n.catalogs import DOMAIN, LOCALES_DIR
from handlers.i18n.usage import CONTEXT as PLACEHOLDER_CONTEXT, placeholders

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("handlers", "adapters", "bot")
KEYWORDS = {"_": None, "N_": None, "L_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# Option keys a locale may translate (msgctxt `option`: `阶段=` for `stage=`); kept here, beside the commands.
OPTION_KEYS = ("stage", "close", "account", "partner", "contact", "amount", "name", "owner", "reason", "next",
               "due", "period", "format", "page", "industry", "title", "email", "phone")


def template() -> Catalog:
    """Every message of the code and the command table, as a .pot catalog."""
    catalog = Catalog(domain=DOMAIN, project="salesbot")
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)):
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments,
                        context=context)
    return add_command_table(catalog)


def _add_commands(catalog: Catalog) -> None:
    from handlers.commands import build_registry  # the registry imports every handler: only when asked

    for spec in build_registry().specs.values():
        catalog.add(spec.name, context=COMMAND, auto_comments=["a command name: what people may type instead"])
        catalog.add(spec.summary, auto_comments=[f"summary of `{spec.name}` in help"])
        for word in placeholders(spec.usage):
            catalog.add(word, context=PLACEHOLDER_CONTEXT, auto_comments=["a <placeholder> in a usage line"])


def add_command_table(catalog: Catalog) -> Catalog:
    """The registry's names and summaries and the option keys, added to what `pybabel extract` found."""
    _add_commands(catalog)
    for key in OPTION_KEYS:
        catalog.add(key, context="option", auto_comments=["an option key, typed as key=value"])
    return catalog


def main() -> None:
    """`python -m handlers.i18n.extract [file.pot]`: complete the .pot `pybabel extract` wrote (or write one)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else LOCALES_DIR / f"{DOMAIN}.pot"
    if target.exists():
        with target.open("rb") as source:
            catalog = add_command_table(read_po(source))
    else:
        catalog = template()
    with target.open("wb") as out:
        write_po(out, catalog, width=120, sort_output=True)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
