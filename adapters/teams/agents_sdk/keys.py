"""The Agents SDK's token signing keys, fetched with aiohttp and a timeout so a slow endpoint never blocks the server.

The SDK's validator asks a class-level key manager (PyJWKClient in a worker thread, 30 s timeout, a lock
per endpoint): a dead key endpoint would hold every worker thread, and with them the database calls.
This manager answers the same question without threads and refuses tokens at once after a failed fetch.
"""
from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
from jwt import PyJWK, PyJWKClientConnectionError, PyJWKClientError, PyJWKSet
from microsoft_agents.hosting.core import JwtTokenValidator

from adapters.teams.guard import KEY_FETCH_TIMEOUT, RETRY_AFTER

log = logging.getLogger(__name__)
# Microsoft rotates signing keys over weeks and publishes new ones well ahead; a day-old key set is current.
KEYS_MAX_AGE = 24 * 3600.0


class AsyncKeyManager:
    """Key sets by JWKS URL: one shared fetch at a time, kept a day, refused for a while after a failure."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[float, dict[str, PyJWK]]] = {}
        self._failed_at: dict[str, float] = {}
        self._fetching: dict[str, asyncio.Task] = {}

    async def get_signing_key(self, jwks_uri: str, header: dict) -> PyJWK:
        """The key the token's header names (`kid`); the interface the SDK's JwtTokenValidator calls."""
        key = (await self._key_set(jwks_uri)).get(str(header.get("kid")))
        if key is None:
            raise PyJWKClientError("the token names no known signing key")
        return key

    async def _key_set(self, uri: str) -> dict[str, PyJWK]:
        fetched_at, keys = self._keys.get(uri, (float("-inf"), {}))
        if time.monotonic() - fetched_at < KEYS_MAX_AGE:
            return keys
        if time.monotonic() - self._failed_at.get(uri, float("-inf")) < RETRY_AFTER:
            raise PyJWKClientConnectionError(f"signing keys at {uri} unavailable; retrying later")
        task = self._fetching.get(uri)
        if task is None or task.done() or task.get_loop() is not asyncio.get_running_loop():
            task = self._fetching[uri] = asyncio.ensure_future(self._fetch(uri))
        return await asyncio.shield(task)  # many tokens at once share one fetch

    async def _fetch(self, uri: str) -> dict[str, PyJWK]:
        try:
            async with aiohttp.ClientSession(timeout=KEY_FETCH_TIMEOUT) as session:
                async with session.get(uri) as response:
                    response.raise_for_status()
                    key_set = PyJWKSet.from_dict(await response.json(content_type=None))
        except Exception as error:
            self._failed_at[uri] = time.monotonic()
            log.warning("teams: could not fetch token signing keys from %s: %r", uri, error)
            raise PyJWKClientConnectionError(f"signing keys at {uri} unavailable") from None
        keys = {key.key_id: key for key in key_set.keys if key.key_id}
        self._keys[uri] = (time.monotonic(), keys)
        return keys


def fetch_keys_without_blocking() -> None:
    """Make the SDK's token validator use AsyncKeyManager (idempotent; the SDK offers no hook for this)."""
    if not isinstance(JwtTokenValidator._jwk_client_manager, AsyncKeyManager):
        JwtTokenValidator._jwk_client_manager = AsyncKeyManager()
