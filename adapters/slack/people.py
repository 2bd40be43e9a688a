"""Who a Slack user is: name, timezone and language from users.info, cached so it is not asked on every request."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.context import Sender

log = logging.getLogger(__name__)

CACHE_SECONDS = 6 * 3600
CACHE_SIZE = 5000
# users.info runs before a slash command is acknowledged: never let it eat Slack's 3 seconds.
LOOKUP_SECONDS = 1.5


class UserDirectory:
    """users.info answers per (team, user), kept for a few hours; a failed lookup falls back to the id."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, ttl: float = CACHE_SECONDS) -> None:
        self.clock, self.ttl = clock, ttl
        self._cache: dict[tuple[str, str], tuple[float, Sender]] = {}

    async def sender(self, client: AsyncWebClient, team_id: str, user_id: str, fallback_name: str = "") -> Sender:
        """The user as a Sender; users.info is called only when the cache has no fresh entry."""
        key = (team_id, user_id)
        cached = self._cache.get(key)
        if cached and self.clock() - cached[0] < self.ttl:
            return cached[1]
        user = await self._lookup(client, user_id)
        if user is None:  # not cached: the next request asks again
            return Sender(user_id=user_id, display_name=fallback_name or user_id)
        return self.remember(team_id, user)

    def remember(self, team_id: str, user: dict) -> Sender:
        """Cache a full user object Slack sent us anyway (team_join), saving a users.info call."""
        sender = sender_from_user(user)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[(team_id, sender.user_id)] = (self.clock(), sender)
        return sender

    @staticmethod
    async def _lookup(client: AsyncWebClient, user_id: str) -> dict | None:
        try:
            # include_locale: Slack leaves the user's language out unless asked for it.
            response = await asyncio.wait_for(client.users_info(user=user_id, include_locale=True), LOOKUP_SECONDS)
        except (SlackApiError, ClientError, asyncio.TimeoutError) as error:
            log.warning("users.info failed for %s: %s", user_id, error)
            return None
        user = response.get("user") or {}
        return user if user.get("id") == user_id else {**user, "id": user_id}


def sender_from_user(user: dict) -> Sender:
    """A users.info `user` object as a Sender: display name, else real name, else handle."""
    profile = user.get("profile") or {}
    name = (profile.get("display_name") or profile.get("real_name") or user.get("real_name")
            or user.get("name") or user.get("id") or "")
    return Sender(user_id=user.get("id", ""), display_name=name, timezone=user.get("tz") or None,
                  locale=user.get("locale") or None)
