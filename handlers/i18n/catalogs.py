"""The message catalogs: .po sources in the package, compiled to .mo by `make i18n` or in memory on first use."""
from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "salesbot"
LOCALES_DIR = Path(__file__).parent / "locales"


def catalog_locales() -> tuple[str, ...]:
    """The locales that have a catalog (`zh_CN`); English is the source language and needs none."""
    return tuple(sorted(path.parent.parent.name for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def po_path(locale: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog that best fits `locale` (zh_Hans_CN -> zh_CN, de_DE -> none: English)."""
    found = _catalog_for(locale)
    if found is None:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(_mo_bytes(found)))


def _catalog_for(locale: str) -> str | None:
    available = catalog_locales()
    if locale in available:
        return locale
    try:
        parsed = Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return None
    for name in available:
        if Locale.parse(name).language == parsed.language:
            return name
    return None


def _mo_bytes(locale: str) -> bytes:
    """The compiled .mo when it is newer than its .po; otherwise compiled here from the .po.

    A fresh clone has no .mo (they are build output, not sources), and an edited .po must win over a stale .mo.
    """
    po = po_path(locale)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo.read_bytes()
    return compile_po(po)


def compile_po(po: Path) -> bytes:
    with po.open("rb") as source:
        catalog = read_po(source, locale=po.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
