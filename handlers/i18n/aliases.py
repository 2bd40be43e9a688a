"""Command and option words of other languages, read from the catalogs (msgctxt `command` and `option`)."""
from __future__ import annotations

import re
from functools import lru_cache
from handlers.i18n.catalogs import catalog_locales, translations
from handlers.parsing.tokens import Token

COMMAND = "command"
OPTION = "option"
# A key=value typed with a translated key; the full-width equals sign is what a Chinese keyboard types.
_LOCAL_OPTION = re.compile(r"([^\W\d][\w-]*)[=＝](.*)", re.DOTALL)


@lru_cache(maxsize=None)
def command_aliases() -> dict[str, str]:
    """Every catalog's name for each command (`商机 新增` -> `deal add`), folded; English names are not in it."""
    return _aliases(COMMAND)


@lru_cache(maxsize=None)
def option_aliases() -> dict[str, str]:
    """Every catalog's word for each option key (`阶段` -> `stage`)."""
    return _aliases(OPTION)


def _aliases(context: str) -> dict[str, str]:
    """The catalogs' entries of `context` as {translation: English}: the table lives in the .po, not here."""
    found: dict[str, str] = {}
    prefix = context + "\x04"  # how gettext keys a message with a context
    for locale in catalog_locales():
        for key, local in getattr(translations(locale), "_catalog", {}).items():
            if isinstance(key, str) and key.startswith(prefix) and local:
                folded = " ".join(local.split()).casefold()
                if folded != key[len(prefix):]:
                    found.setdefault(folded, key[len(prefix):])
    return found


def local_name(name: str) -> str:
    """A command's name in the active locale (itself in English)."""
    from handlers.i18n.messages import pgettext
    return pgettext(COMMAND, name)


def english_options(tokens: list[Token]) -> list[Token]:
    """Tokens with translated option keys (`阶段=proposal`, `阶段＝proposal`) turned into the English key=value."""
    aliases = option_aliases()
    return [_english_option(token, aliases) for token in tokens]


def _english_option(token: Token, aliases: dict[str, str]) -> Token:
    if token.key is not None:
        return token
    match = _LOCAL_OPTION.fullmatch(token.text)
    if match is None or match[1].casefold() not in aliases:
        return token
    return Token(match[2], token.quoted, aliases[match[1].casefold()])
