"""The Teams bot: one turn per activity, dispatched by type; replies go back as Adaptive Cards."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

from adapters.teams import texts
from adapters.teams.config import PLATFORM
from adapters.teams.conversations import remember_activity
from adapters.teams.file_links import FileLinks
from adapters.teams.inbound import Mention, build_request, is_addressed, mentions_of, origin_of, part, sender_of
from adapters.teams.invoke import card_message, invoke_answer
from adapters.teams.messenger import TeamsMessenger
from adapters.teams.payloads import Press, activity_key, read_execute, read_press
from adapters.teams.sdk import Turn
from handlers.clock import utc_now
from handlers.context import FormSubmission, Request, Sender
from handlers.messaging import Destination
from handlers.processor import CommandProcessor
from handlers.reply import Reply
from storage.store import Store

log = logging.getLogger(__name__)
# Asking Teams who a mentioned user is must not hold a command up for long.
MEMBER_LOOKUP_SECONDS = 3.0
ADAPTIVE_CARD_ACTION = "adaptiveCard/action"


class SalesBot:
    """Turns activities into commands for the shared processor and answers with cards."""

    def __init__(self, processor: CommandProcessor, store: Store, messenger: TeamsMessenger,
                 files: FileLinks | None = None) -> None:
        self.files = files
        self.processor, self.store, self.messenger = processor, store, messenger
        self.handlers: dict[str, Callable[[Turn], Awaitable[None]]] = {
            "message": self.on_message, "invoke": self.on_invoke,
            "conversationUpdate": self.on_conversation_update, "installationUpdate": self.on_installation_update,
        }

    async def on_turn(self, turn: Turn) -> None:
        activity = turn.activity
        handler = self.handlers.get(activity.get("type") or "")
        if handler is None:
            return
        if not await self._first_delivery(activity):
            if activity["type"] == "invoke":  # an invoke must be answered, even when it is a repeat
                await turn.answer_invoke(200, invoke_answer(None, texts.words(texts.ALREADY_DONE, activity)))
            return
        try:
            await handler(turn)
        except Exception:  # the user already has a reply or none can be sent; never a traceback to Teams
            log.exception("teams: %s activity %s failed", activity.get("type"), activity.get("id"))

    async def _first_delivery(self, activity: dict) -> bool:
        """Teams retries an activity it thinks went unanswered; the retry must not act twice."""
        conversation_id = part(activity, "conversation").get("id")
        if not activity.get("id") or not conversation_id:
            return True
        return await asyncio.to_thread(self.store.claim_once, activity_key(conversation_id, activity["id"]))

    async def on_message(self, turn: Turn) -> None:
        activity = turn.activity
        press = read_press(activity.get("value"))
        if press is not None:
            reply = await self.run_press(activity, press)
            await self.answer(turn, reply or texts.note(texts.ALREADY_DONE, activity))
            return
        if not activity.get("text") or not is_addressed(activity):
            return
        await self.remember(activity)
        people = await self.mentioned_people(turn)
        reply = await self.processor.handle_async(build_request(activity, people))
        await self.answer(turn, reply)

    async def on_invoke(self, turn: Turn) -> None:
        """`Action.Execute`: the same handlers as a button press; the answer replaces the pressed card."""
        activity = turn.activity
        if activity.get("name") != ADAPTIVE_CARD_ACTION:
            await turn.answer_invoke(400, None)
            return
        press = read_execute(activity.get("value"))
        if press is None:
            await turn.answer_invoke(200, invoke_answer(None, texts.words(texts.CARD_EXPIRED, activity)))
            return
        reply = await self.run_press(activity, press)
        await turn.answer_invoke(200, invoke_answer(reply, texts.words(texts.ALREADY_DONE, activity)))
        if reply is not None:
            await self.announce(activity, reply)

    async def on_conversation_update(self, turn: Turn) -> None:
        """The bot added to a team, channel, group chat or personal chat: remember where, say hello."""
        activity = turn.activity
        data = part(activity, "channelData")
        channel = data.get("channel") if isinstance(data.get("channel"), dict) else {}
        if data.get("eventType") == "channelCreated" and channel.get("id"):
            await self.remember(activity, str(channel["id"]))
            return
        bot_id = part(activity, "recipient").get("id")
        if not any(member.get("id") == bot_id for member in activity.get("membersAdded") or ()):
            return
        await self.remember(activity)
        personal = origin_of(activity).is_direct
        await self.answer(turn, texts.note(texts.WELCOME if personal else texts.WELCOME_CHANNEL, activity))

    async def on_installation_update(self, turn: Turn) -> None:
        if turn.activity.get("action") in ("add", "add-upgrade"):
            await self.remember(turn.activity)

    async def remember(self, activity: dict, conversation_id: str | None = None) -> None:
        """Keep the conversation reference for later posts; failing to do so never blocks the command."""
        try:
            await asyncio.to_thread(remember_activity, self.store, activity, utc_now(), conversation_id)
        except Exception as error:  # a busy database; the reference is written again next time
            log.warning("teams: could not remember conversation %s: %s", conversation_id or "", error)

    async def run_press(self, activity: dict, press: Press) -> Reply | None:
        """Run a pressed button or submitted form as its presser; None when this press was already run."""
        sender, origin = sender_of(activity), origin_of(activity)
        if not await self._first_press(press, sender.user_id, activity.get("replyToId")):
            return None
        if press.kind == "form":
            return await self.processor.submit_async(FormSubmission(press.form_id, press.values, sender, origin))
        return await self.processor.handle_async(Request(text=press.command, sender=sender, origin=origin))

    async def _first_press(self, press: Press, user_id: str, message_id: str | None) -> bool:
        """A private command (a feedback answer) de-duplicates itself; its press leaves no key naming who pressed."""
        if self.processor.is_private(press.command, press.form_id if press.kind == "form" else ""):
            return True
        return await asyncio.to_thread(self.store.claim_once, press.dedup_key(user_id, message_id))

    async def answer(self, turn: Turn, reply: Reply) -> None:
        """The reply as a card in the conversation (thread) it answers, then its announcements."""
        if reply.attachment is not None and self.files is not None:
            reply = await self.files.link(reply, (PLATFORM, origin_of(turn.activity).workspace_id))
        await turn.send(card_message(reply))
        await self.announce(turn.activity, reply)

    async def announce(self, activity: dict, reply: Reply) -> None:
        if not reply.announcements:
            return
        workspace = origin_of(activity).workspace_id
        destinations = [Destination(PLATFORM, workspace, channel_id=a.channel) for a in reply.announcements]
        for destination, announcement in zip(destinations, reply.announcements):
            await self.messenger.send(destination, announcement.reply)

    async def mentioned_people(self, turn: Turn) -> dict[str, Sender]:
        """Each mentioned user as a person; Teams is asked for their AAD object id when the mention lacks it."""
        people = {}
        for mention in mentions_of(turn.activity):
            people[mention.account_id] = Sender(await self._person_id(turn, mention), mention.name)
        return people

    async def _person_id(self, turn: Turn, mention: Mention) -> str:
        if mention.aad_object_id:
            return mention.aad_object_id
        try:
            member = await asyncio.wait_for(turn.member(mention.account_id), MEMBER_LOOKUP_SECONDS)
            return (member or {}).get("aadObjectId") or mention.account_id
        except Exception as error:  # the mention still works by its Teams id
            log.info("teams: member lookup for %s failed: %s", mention.account_id, error)
            return mention.account_id
