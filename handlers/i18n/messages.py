"""`_`, `ngettext` and `pgettext` in the active locale; `N_` marks a string for extraction without translating it."""
from __future__ import annotations

from handlers.i18n.active import active_locale
from handlers.i18n.catalogs import translations


def _(message: str) -> str:
    """`message` in the active locale; English (the message itself) where the catalog has no translation."""
    return translations(active_locale()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The plural form the active catalog's rules choose for `count` (Chinese has one, English two)."""
    return translations(active_locale()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in a context (`command`, `option`): the same English word may translate differently."""
    return translations(active_locale()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a module-level constant for `pybabel extract`; it is translated where it is used, with `_`."""
    return message


class LazyText(str):
    """A module-level message translated when it is used (`.format`, `str`, f-strings), in the locale of the
    command then in flight; its str value is the English, so comparisons and English output are unchanged."""

    def __str__(self) -> str:
        return _(str.__str__(self))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def format(self, *args, **kwargs) -> str:  # type: ignore[override]
        return str(self).format(*args, **kwargs)

    def __add__(self, other: str) -> str:
        return str(self) + str(other)

    def __radd__(self, other: str) -> str:
        return str(other) + str(self)


def L_(message: str) -> LazyText:
    """Marks a module-level message for extraction and translates it where it is used (see LazyText)."""
    return LazyText(message)
