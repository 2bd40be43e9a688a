"""Slack's text conventions: escaping what users typed on the way out, decoding mentions on the way in."""
from __future__ import annotations

import re

# <@U123>, <@U123|ana>, <#C123|general>, <!here>, <https://x|label>, <mailto:a@b|a@b>
_ANGLE = re.compile(r"<([^<>]*)>")
_USER = re.compile(r"@([UW][A-Z0-9]+)(?:\|[^>]*)?\Z")


def escape(text: str) -> str:
    """Make user text inert in mrkdwn: `<!channel>` or `<@U1>` typed into a deal name pings nobody."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack sends &, < and > escaped in message text; the command language wants them back."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mentioned_user_ids(text: str) -> list[str]:
    """Slack user ids mentioned as <@U123> or <@U123|name>, in order, without repeats."""
    found = [match.group(1) for inner in _ANGLE.findall(text) if (match := _USER.match(inner))]
    return list(dict.fromkeys(found))


def to_command_text(text: str) -> str:
    """Message text as a command line: mentions become `@u123` person tokens, links their label or URL."""
    return unescape(_ANGLE.sub(lambda m: _plain(m.group(1)), text)).strip()


def _plain(inner: str) -> str:
    user = _USER.match(inner)
    if user:
        return "@" + user.group(1).lower()
    target, _, label = inner.partition("|")
    if target.startswith("#"):  # a channel: keep its id, the name would read like a deal reference
        return target[1:]
    if target.startswith("!"):
        return "@" + (label or target[1:])
    return label or target.removeprefix("mailto:")


def strip_leading_mention(text: str, user_id: str | None) -> str:
    """`<@UBOT> deal list` -> `deal list` (the mention that addressed the bot)."""
    if user_id:
        text = re.sub(rf"\A\s*<@{re.escape(user_id)}(?:\|[^>]*)?>[\s:,]*", "", text)
    return text
