"""What the Teams endpoint checks before any SDK sees a request: a bounded body shaped like a Bot Connector activity."""
from __future__ import annotations

from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from adapters.http_limits import Refused, load_json, media_type, read_body, utf8
from adapters.payload_shape import NONE, TEXT, ListOf, check

# Microsoft answers in milliseconds; a key endpoint slower than this is down, and the token is refused.
KEY_FETCH_TIMEOUT = aiohttp.ClientTimeout(total=5)
# After a failed fetch, tokens are refused at once for a while rather than each waiting on a dead endpoint.
RETRY_AFTER = 30.0

ACCOUNT = {"id": str, "name": TEXT, "aadObjectId": TEXT, "role": TEXT}
CONVERSATION = {"id": str, "conversationType": TEXT, "tenantId": TEXT, "name": TEXT}
ENTITY = {"type": str, "text": TEXT, "mentioned": (ACCOUNT, NONE)}
# What the bot reads from an activity, and what either SDK needs to answer one.
ACTIVITY = {"type": str, "id": TEXT, "text": TEXT, "serviceUrl": TEXT, "channelId": TEXT, "replyToId": TEXT,
            "from": ACCOUNT, "recipient": ACCOUNT, "conversation": CONVERSATION,
            "entities": (ListOf(ENTITY), NONE), "channelData": (dict, NONE), "value": (dict, NONE),
            "name": TEXT, "locale": TEXT, "membersAdded": (ListOf(ACCOUNT), NONE), "localTimezone": TEXT,
            "action": TEXT}
# The recipient is the bot: a proactive post or an announcement needs it to build its conversation reference.
REQUIRED = ("type", "from", "recipient", "conversation", "serviceUrl")


def misshapen(body: dict) -> str | None:
    """The first field of the activity that is missing, empty or not of the type the Bot Connector sends."""
    missing = next((name for name in REQUIRED if body.get(name) is None), None)
    return missing or check(body, ACTIVITY, "") or empty_id(body)


def empty_id(body: dict) -> str | None:
    """Neither SDK can answer without a conversation id, sender id and reply address, nor read a typeless entity."""
    if not body["conversation"].get("id"):
        return "conversation.id"
    if not body["from"].get("id"):
        return "from.id"
    if not body["recipient"].get("id"):
        return "recipient.id"
    if any(not entity.get("type") for entity in body.get("entities") or []):
        return "entities"
    return None if _is_web_address(body["serviceUrl"]) else "serviceUrl"


def _is_web_address(url: str) -> bool:
    """Replies go to the serviceUrl: it must be an http(s) address before any SDK opens a client on it."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


async def read_activity(request: web.Request) -> dict | None:
    """The posted activity's JSON; None when not an object; Refused for oversized, non-UTF-8 or misshapen bodies."""
    media_type(request, ("application/json",))
    body = load_json(utf8(await read_body(request)))
    if not isinstance(body, dict):
        return None
    problem = misshapen(body)
    if problem:
        raise Refused(400, f"unexpected type for {problem}")
    return body
