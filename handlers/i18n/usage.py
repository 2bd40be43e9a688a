"""Usage lines in the reader's language: the command words and option keys stay as typed, the `<placeholders>`
(`<person>`, `<amount>`) are translated one by one (msgctxt `placeholder` in the catalog)."""
from __future__ import annotations

import re

from handlers.i18n.messages import pgettext

PLACEHOLDER = re.compile(r"<([^<>]+)>")
# `@person` stands for a mention, as `<person>` would; so do `@from @to` (deal reassign).
MENTION = re.compile(r"@(person|from|to)\b")
CONTEXT = "placeholder"


def localized_usage(usage: str) -> str:
    """`deal update #<n> [owner=@person]` with each placeholder in the active locale."""
    usage = PLACEHOLDER.sub(lambda found: f"<{pgettext(CONTEXT, found.group(1))}>", usage)
    return MENTION.sub(lambda found: f"@{pgettext(CONTEXT, found.group(1))}", usage)


def placeholders(usage: str) -> list[str]:
    """The placeholder words of a usage line, for the catalog."""
    return PLACEHOLDER.findall(usage) + MENTION.findall(usage)
