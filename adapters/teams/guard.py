"""What the Teams endpoint checks without blocking: bounded bodies, and the token's signing keys fetched async."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime

import aiohttp
from aiohttp import web
from botbuilder.schema import Activity
from botframework.connector.auth import jwt_token_extractor
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdMetadata

from adapters.http_limits import Refused, load_json, media_type, read_body, utf8
from adapters.payload_shape import NONE, TEXT, ListOf, check

log = logging.getLogger(__name__)

# Microsoft answers in milliseconds; a key endpoint slower than this is down, and the token is refused.
KEY_FETCH_TIMEOUT = aiohttp.ClientTimeout(total=5)
# After a failed fetch, tokens are refused at once for a while rather than each waiting on a dead endpoint.
RETRY_AFTER = 30.0


ACCOUNT = {"id": str, "name": TEXT, "aadObjectId": TEXT, "role": TEXT}
CONVERSATION = {"id": str, "conversationType": TEXT, "tenantId": TEXT, "name": TEXT}
ENTITY = {"type": str, "text": TEXT, "mentioned": (ACCOUNT, NONE)}
# What the bot reads from an activity, and what botbuilder needs to answer one.
ACTIVITY = {"type": str, "id": TEXT, "text": TEXT, "serviceUrl": TEXT, "channelId": TEXT, "replyToId": TEXT,
            "from": ACCOUNT, "recipient": (ACCOUNT, NONE), "conversation": CONVERSATION,
            "entities": (ListOf(ENTITY), NONE), "channelData": (dict, NONE), "value": (dict, NONE),
            "name": TEXT, "locale": TEXT, "membersAdded": (ListOf(ACCOUNT), NONE)}
REQUIRED = ("type", "from", "conversation")


def misshapen(body: dict) -> str | None:
    """The first field of the activity that is missing or not of the type the Bot Connector sends."""
    missing = next((name for name in REQUIRED if body.get(name) is None), None)
    return missing or check(body, ACTIVITY, "")


async def read_activity(request: web.Request) -> Activity | None:
    """The posted activity; None when the JSON is not one; Refused for oversized, non-UTF-8 or malformed bodies."""
    media_type(request, ("application/json",))
    body = load_json(utf8(await read_body(request)))
    if not isinstance(body, dict):
        return None
    problem = misshapen(body)
    if problem:
        raise Refused(400, f"unexpected type for {problem}")
    try:
        activity = Activity().deserialize(body)
    except Exception as error:  # msrest's DeserializationError and friends, for wrongly typed fields
        log.info("teams: unreadable activity: %s", error)
        return None
    problem = incomplete(activity)
    if problem:  # msrest drops a sub-object it cannot read instead of failing
        raise Refused(400, f"unreadable {problem}")
    return activity


def incomplete(activity: Activity) -> str | None:
    if activity.conversation is None or not activity.conversation.id:
        return "conversation"
    if activity.from_property is None or not activity.from_property.id:
        return "from"
    if any(entity is None or not entity.type for entity in activity.entities or []):
        return "entities"
    return None


class AsyncOpenIdMetadata(_OpenIdMetadata):
    """botbuilder's signing-key cache, refreshed with aiohttp and timeouts instead of a blocking `requests.get`."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._failed_at = float("-inf")
        self._refreshing: asyncio.Task | None = None

    async def _refresh(self) -> None:
        if time.monotonic() - self._failed_at < RETRY_AFTER:
            raise ConnectionError(f"signing keys at {self.url} unavailable; retrying later")
        task = self._refreshing
        if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
            task = self._refreshing = asyncio.ensure_future(self._fetch())
        await asyncio.shield(task)  # many tokens at once share one fetch

    async def _fetch(self) -> None:
        try:
            async with aiohttp.ClientSession(timeout=KEY_FETCH_TIMEOUT) as session:
                metadata = await _json(session, self.url)
                keys = (await _json(session, metadata["jwks_uri"]))["keys"]
        except Exception as error:
            self._failed_at = time.monotonic()
            log.warning("teams: could not fetch token signing keys from %s: %r", self.url, error)
            raise
        # Naive local time, because that is what botbuilder compares last_updated with.
        self.keys, self.last_updated = keys, datetime.now()


async def _json(session: aiohttp.ClientSession, url: str) -> dict:
    async with session.get(url) as response:
        response.raise_for_status()
        return await response.json(content_type=None)


def fetch_keys_without_blocking() -> None:
    """Make botbuilder's token check use AsyncOpenIdMetadata for every key endpoint (idempotent).

    botbuilder has no hook for this; its extractor builds the cache entries through the module-level
    class name, so that name and any entries already made are replaced.
    """
    jwt_token_extractor._OpenIdMetadata = AsyncOpenIdMetadata
    for url, metadata in list(JwtTokenExtractor.metadataCache.items()):
        if not isinstance(metadata, AsyncOpenIdMetadata):
            JwtTokenExtractor.metadataCache[url] = AsyncOpenIdMetadata(url)
