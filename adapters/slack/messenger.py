"""The Slack Messenger: proactive posts to channels and DMs, ephemeral notes and images, paced and retried;
scheduled posts carry their delivery key, so a resend after a crash can be recognised."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Awaitable, Callable

from aiohttp import ClientError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncSlackResponse, AsyncWebClient

from adapters.pacing import Pacer, Turns
from adapters.slack.blocks import message
from adapters.slack.pacing import RETRY_TURN, ChannelPacer, Sleep, retry_handlers, workspace_pacer
from adapters.slack.recovery import delivery_metadata, find_post
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply

log = logging.getLogger(__name__)

# Errors that will not go away by trying again: log them, skip the recipient, carry on with the others.
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "user_not_found", "user_disabled",
    "cannot_dm_bot", "invalid_auth", "not_authed", "token_revoked", "missing_scope",
    "restricted_action", "team_access_not_granted", "no_permission", "msg_too_long", "invalid_blocks",
})
TokenSource = Callable[[str], Awaitable[str | None]]


class SlackMessenger:
    """Posts replies on behalf of the bot in any workspace whose bot token `tokens` can tell."""

    platform = "slack"

    def __init__(self, tokens: TokenSource, api_url: str, pacer: ChannelPacer | None = None,
                 sleep: Sleep | None = None, workspace: Pacer | None = None) -> None:
        self.tokens, self.api_url = tokens, api_url
        self.pacer = pacer or ChannelPacer()
        self.workspace_pacer = workspace or workspace_pacer()
        self.handlers = retry_handlers(sleep) if sleep else retry_handlers()
        self._clients: dict[str, AsyncWebClient] = {}

    async def client(self, team_id: str) -> AsyncWebClient | None:
        token = await self.tokens(team_id)
        if not token:
            return None
        if token not in self._clients:
            self._clients[token] = AsyncWebClient(token=token, base_url=self.api_url, retry_handlers=self.handlers)
        return self._clients[token]

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        """Channel only: post there. Person only: their DM. Both: an ephemeral note to them in the channel."""
        if destination.channel_id and destination.user_id:
            return await self.ephemeral(destination.workspace_id, destination.channel_id, destination.user_id, reply)
        if destination.channel_id:
            return await self.post(destination.workspace_id, destination.channel_id, reply, key=destination.key)
        if destination.user_id:
            return await self.dm(destination.workspace_id, destination.user_id, reply, destination.key)
        return PostResult(ok=False, error="no channel or person given", permanent=True)

    async def find_sent(self, destination: Destination, since: datetime) -> PostResult | None:
        """The post carrying `destination.key` if it reached Slack since `since` (see adapters/slack/recovery)."""
        return await find_post(self, destination, since)

    async def post(self, team_id: str, channel: str, reply: Reply, thread_ts: str | None = None,
                   key: str | None = None) -> PostResult:
        """The reply as a message in `channel` (in the thread when given), its chart right after it."""
        extra = {"thread_ts": thread_ts} if thread_ts else {}
        if key:
            extra["metadata"] = delivery_metadata(key)
        result = await self._call(team_id, channel, "chat_postMessage", channel=channel, **message(reply), **extra)
        if result.ok:
            await self.chart(team_id, reply, channel=channel, thread_ts=thread_ts)
        return result

    async def dm(self, team_id: str, user_id: str, reply: Reply, key: str | None = None) -> PostResult:
        """Open (or find) the DM with `user_id`, then post there."""
        opened = await self.open_dm(team_id, user_id)
        if not opened.ok:
            return opened
        return await self.post(team_id, opened.message_id, reply, key=key)

    async def open_dm(self, team_id: str, user_id: str) -> PostResult:
        """conversations.open: the DM channel's id comes back as the result's message_id."""
        return await self._call(team_id, None, "conversations_open", users=user_id)

    async def ephemeral(self, team_id: str, channel: str, user_id: str, reply: Reply,
                        thread_ts: str | None = None) -> PostResult:
        """A note only `user_id` sees in `channel`; a file cannot be ephemeral, so its chart goes to their DM."""
        extra = {"thread_ts": thread_ts} if thread_ts else {}
        result = await self._call(team_id, channel, "chat_postEphemeral", channel=channel, user=user_id,
                                  **message(reply), **extra)
        if result.ok:
            await self.chart(team_id, reply, user_id=user_id)
        return result

    async def chart(self, team_id: str, reply: Reply, channel: str | None = None, user_id: str | None = None,
                    thread_ts: str | None = None) -> PostResult | None:
        """The one place a reply's chart is uploaded: into `channel`, or else into `user_id`'s DM.

        Called once per reply, after its message went out (by this Messenger or in Slack's acknowledgement).
        """
        files = [(f.png, f.filename, f.title) for f in (reply.chart,) if f]
        files += [(f.content, f.filename, f.title) for f in (reply.attachment,) if f]  # an export's file
        if not files:
            return None
        if channel is None:
            opened = await self.open_dm(team_id, user_id or "")
            if not opened.ok:
                return opened
            channel = opened.message_id
        result = None
        for content, filename, title in files:
            result = await self._upload(team_id, channel, content, filename, title, thread_ts)
        return result

    async def _upload(self, team_id: str, channel: str, content: bytes, filename: str, title: str,
                      thread_ts: str | None) -> PostResult:
        return await self._call(team_id, channel, "files_upload_v2", channel=channel, content=content,
                                filename=filename, title=title, thread_ts=thread_ts)

    async def _call(self, team_id: str, paced: str | None, method: str, **arguments) -> PostResult:
        """One Web API call as a PostResult: the posted message's ts or opened DM's id, or the failure."""
        response = await self.call(team_id, paced, method, **arguments)
        return response if isinstance(response, PostResult) else PostResult(ok=True,
                                                                              message_id=_message_id(response))

    async def call(self, team_id: str, paced: str | None, method: str,
                   **arguments) -> AsyncSlackResponse | PostResult:
        """One Web API call, paced per channel `paced` and per workspace; a failure is a PostResult, never an
        exception."""
        client = await self.client(team_id)
        if client is None:
            log.warning("slack: no bot token for team %s; %s skipped", team_id, method)
            return PostResult(ok=False, error="not_installed", permanent=True)
        turns = Turns([(self.pacer, f"{team_id}/{paced}"), (self.workspace_pacer, team_id)]) if paced else None
        if turns:
            await turns.wait()
        # A retry (after Retry-After or a back-off) gives back the refused attempt's turns and takes new ones.
        retries_wait = RETRY_TURN.set(turns)
        try:
            return await getattr(client, method)(**arguments)
        except SlackApiError as error:
            return _failure(team_id, paced, method, error_code(error))
        except (ClientError, TimeoutError) as error:
            return _failure(team_id, paced, method, f"network: {error}")
        finally:
            RETRY_TURN.reset(retries_wait)


def error_code(error: SlackApiError) -> str:
    """Slack's error code (`channel_not_found`), or `http_500` when the body was not Slack's JSON."""
    data = error.response.data
    code = data.get("error") if isinstance(data, dict) else None
    return code or f"http_{error.response.status_code}"


def _message_id(response) -> str | None:
    """The posted message's ts, or the opened DM's channel id (conversations.open)."""
    channel = response.get("channel")
    return channel.get("id") if isinstance(channel, dict) else response.get("ts")


def _failure(team_id: str, channel: str | None, method: str, error: str) -> PostResult:
    permanent = error in PERMANENT_ERRORS
    log.warning("slack: %s to %s/%s failed (%s): %s", method, team_id, channel or "-",
                "permanent" if permanent else "transient", error)
    return PostResult(ok=False, error=error, permanent=permanent)
