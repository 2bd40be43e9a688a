"""botbuilder's token signing keys, fetched with aiohttp and a timeout so a slow endpoint never blocks the server."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime

import aiohttp
from botframework.connector.auth import jwt_token_extractor
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor, _OpenIdMetadata

from adapters.teams.guard import KEY_FETCH_TIMEOUT, RETRY_AFTER

log = logging.getLogger(__name__)


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
