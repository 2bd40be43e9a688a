"""Locale tags as people and platforms write them (zh-CN, zh_Hans, en-US) turned into Babel locale ids."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError


def locale_id(tag: str | None) -> str | None:
    """`zh-CN` -> `zh_CN`, `zh-Hans` -> `zh_CN`, `EN-us` -> `en_US`; None for what Babel does not know."""
    if not tag or not tag.strip():
        return None
    try:
        parsed = Locale.parse(tag.strip().replace("-", "_"), sep="_")
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    if parsed.language == "zh" and parsed.territory is None:
        # Bare Chinese means Simplified (mainland) here, the catalog the bot ships.
        return "zh_TW" if parsed.script == "Hant" else "zh_CN"
    if parsed.language == "zh" and parsed.script:
        return f"zh_{parsed.territory}"
    return str(parsed)


def display_tag(locale: str) -> str:
    """How a locale is written back to people: `zh_CN` -> `zh-CN`."""
    return locale.replace("_", "-")


def first_known(*tags: str | None) -> str | None:
    """The first tag of `tags` that names a locale (a person's choice, the platform's, the workspace's)."""
    for tag in tags:
        found = locale_id(tag)
        if found:
            return found
    return None
