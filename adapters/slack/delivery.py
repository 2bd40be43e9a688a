"""After the acknowledgement: modals, announcements, charts and confirmations a Reply asks for."""
from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.messenger import SlackMessenger, error_code
from adapters.slack.modals import ModalContext, modal_view
from adapters.slack.translate import Where
from handlers.reply import Action, Reply, error_reply

log = logging.getLogger(__name__)

FORM_UNAVAILABLE = "I could not open the form (Slack allows 3 seconds) — please try again."


def form_as_message(reply: Reply, command: str) -> Reply:
    """Where no modal can open (a mention, a DM), a form becomes a message with a button that opens it."""
    opener = Action(f"Open “{reply.form.title}”", command, "primary")
    return Reply(text=reply.text, title=reply.title, actions=(opener,))


class Outbox:
    """Sends what a Reply carries beyond the immediate answer, through the paced Messenger."""

    def __init__(self, messenger: SlackMessenger) -> None:
        self.messenger = messenger

    async def open_form(self, client: AsyncWebClient, trigger_id: str, reply: Reply, where: Where) -> bool:
        """views.open with the trigger id; False when Slack refused (the trigger expired, say)."""
        context = ModalContext(where.channel_id, where.is_direct, where.team_name)
        try:
            await client.views_open(trigger_id=trigger_id, view=modal_view(reply, context))
            return True
        except SlackApiError as error:
            log.warning("slack: views.open failed: %s", error_code(error))
            return False

    async def follow_up(self, where: Where, user_id: str, reply: Reply) -> None:
        """Announcements to team channels, and the chart (in the channel if public, else the user's DM)."""
        for announcement in reply.announcements:
            if reply.public and announcement.channel == where.channel_id:
                continue  # the reply itself is already in that channel
            await self.messenger.post(where.team_id, announcement.channel, announcement.reply)
        if reply.chart is not None:
            await self._chart(where, user_id, reply)

    async def _chart(self, where: Where, user_id: str, reply: Reply) -> None:
        if reply.public and where.channel_id:
            await self.messenger.upload_image(where.team_id, where.channel_id, reply.chart)
            return
        opened = await self.messenger.open_dm(where.team_id, user_id)
        if opened.ok:
            await self.messenger.upload_image(where.team_id, opened.message_id, reply.chart)

    async def answer(self, where: Where, user_id: str, reply: Reply, thread_ts: str | None = None) -> None:
        """A reply where no acknowledgement can carry it: DM as a message, channel as ephemeral or public."""
        if where.is_direct and where.channel_id:
            await self.messenger.post(where.team_id, where.channel_id, reply, thread_ts)
        elif where.channel_id and reply.public:
            await self.messenger.post(where.team_id, where.channel_id, reply, thread_ts)
        elif where.channel_id:
            await self.messenger.ephemeral(where.team_id, where.channel_id, user_id, reply, thread_ts)
        else:
            await self.messenger.dm(where.team_id, user_id, reply)
        await self.follow_up(where, user_id, reply)

    async def form_failed(self, where: Where, user_id: str) -> None:
        await self.answer(where, user_id, error_reply(FORM_UNAVAILABLE))
