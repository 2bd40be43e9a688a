"""After the acknowledgement: modals, announcements, charts and confirmations a Reply asks for."""
from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.messenger import SlackMessenger, error_code
from adapters.slack.modals import ModalContext, modal_view
from adapters.slack.translate import Where
from handlers.i18n import _, using_locale
from handlers.reply import Action, Reply

log = logging.getLogger(__name__)


def form_as_message(reply: Reply, command: str) -> Reply:
    """Where no modal can open (a mention, a DM), a form becomes a message with a button that opens it."""
    with using_locale(reply.locale):
        opener = Action(_("Open “{title}”").format(title=reply.form.title), command, "primary")
    return Reply(text=reply.text, title=reply.title, actions=(opener,), locale=reply.locale)


class ReplySender:
    """Sends what a Reply carries beyond the immediate answer (forms, announcements, its chart) via the Messenger."""

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

    @staticmethod
    def follows_up(reply: Reply) -> bool:
        """Whether `follow_up` has anything to send (most replies have not: no task is started for them)."""
        return bool(reply.announcements) or reply.chart is not None or reply.attachment is not None

    async def follow_up(self, where: Where, user_id: str, reply: Reply) -> None:
        """After Slack's acknowledgement carried the message: its announcements, then its chart.

        The chart goes where the message is seen: the channel when public there, else the user's DM.
        """
        await self.announce(where, reply)
        channel = where.channel_id if reply.public else None
        await self.messenger.chart(where.team_id, reply, channel=channel, user_id=user_id)

    async def announce(self, where: Where, reply: Reply) -> None:
        """Announcements to team channels, except the one the reply itself was posted in."""
        for announcement in reply.announcements:
            if reply.public and announcement.channel == where.channel_id:
                continue
            await self.messenger.post(where.team_id, announcement.channel, announcement.reply)

    async def answer(self, where: Where, user_id: str, reply: Reply, thread_ts: str | None = None) -> None:
        """A reply where no acknowledgement can carry it: DM as a message, channel as ephemeral or public.

        The Messenger sends the message with its chart; only the announcements are left to do here.
        """
        if where.channel_id and (where.is_direct or reply.public):
            await self.messenger.post(where.team_id, where.channel_id, reply, thread_ts)
        elif where.channel_id:
            await self.messenger.ephemeral(where.team_id, where.channel_id, user_id, reply, thread_ts)
        else:
            await self.messenger.dm(where.team_id, user_id, reply)
        await self.announce(where, reply)
