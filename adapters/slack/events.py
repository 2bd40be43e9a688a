"""Events API: mentions and DMs run commands, App Home shows the dashboard, team_join meets people — once each."""
from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from adapters.slack.adapter import SlackAdapter
from adapters.slack.delivery import form_as_message
from adapters.slack.home import home_view
from adapters.slack.mrkdwn import strip_leading_mention
from adapters.slack.translate import Where, where_from_event
from handlers.context import Request
from handlers.members import meet_member_async

log = logging.getLogger(__name__)


def from_a_bot(event: dict) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile")) or event.get("subtype") == "bot_message"


def register_events(bolt: AsyncApp, adapter: SlackAdapter) -> None:
    """Wire the Events API to the adapter; every event_id is processed once, whatever Slack retries."""

    @bolt.middleware
    async def once_per_event(body, next):
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not await adapter.claim(f"slack:event:{body.get('team_id', '')}:{event_id}"):
            log.info("slack: event %s already processed; repeat ignored", event_id)
            return BoltResponse(status=200, body="")
        return await next()

    @bolt.event("app_mention")
    async def on_mention(body, event, client, context):
        if not from_a_bot(event):
            text = strip_leading_mention(event.get("text", ""), context.bot_user_id)
            adapter.tasks.spawn(run_text(adapter, client, where_from_event(body, event), event, text))

    @bolt.event("message")
    async def on_message(body, event, client):
        # A subtype means an edit, a join, a file share or a bot post: not a person typing a command.
        if event.get("channel_type") == "im" and not from_a_bot(event) and event.get("subtype") is None:
            adapter.tasks.spawn(run_text(adapter, client, where_from_event(body, event), event, event.get("text", "")))

    @bolt.event("app_home_opened")
    async def on_home(body, event, client):
        if event.get("tab", "home") == "home":
            adapter.tasks.spawn(publish_home(adapter, client, body.get("team_id", ""), event.get("user", "")))

    @bolt.event("team_join")
    async def on_team_join(body, event):
        adapter.tasks.spawn(meet(adapter, body.get("team_id", ""), event.get("user") or {}))


async def run_text(adapter: SlackAdapter, client, where: Where, event: dict, text: str) -> None:
    """A typed command from a mention or a DM; the answer goes to the same conversation (and thread)."""
    request = await adapter.translator.request(client, where, event.get("user", ""), text or "help")
    reply = await adapter.run(request)
    if reply.form is not None:  # no trigger id here: offer a button that opens the form
        reply = form_as_message(reply, request.text)
    await adapter.replies.answer(where, request.sender.user_id, reply, event.get("thread_ts"))


async def publish_home(adapter: SlackAdapter, client, team_id: str, user_id: str) -> None:
    """The viewer's dashboard, and their team's when they manage one, on the App Home tab."""
    where = Where(team_id)
    sender = await adapter.translator.sender(client, team_id, user_id)
    mine = await adapter.run(Request("dashboard", sender, where.origin()))
    team = await adapter.run(Request("dashboard team", sender, where.origin()))
    await client.views_publish(user_id=user_id, view=home_view(mine, None if team.is_error else team))


async def meet(adapter: SlackAdapter, team_id: str, user: dict) -> None:
    """A new member of the Slack team: remember their name and timezone; the handler decides if they are a person."""
    if not user.get("id") or user.get("is_bot"):
        return
    sender = adapter.translator.directory.remember(team_id, user)
    await meet_member_async(adapter.store, Where(team_id).origin(), sender)
