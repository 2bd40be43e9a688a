"""Conversation references: remembered when the bot is added or spoken to, read back to post later."""
from __future__ import annotations

import json
from copy import copy
from datetime import datetime

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference

from adapters.teams.config import PLATFORM
from adapters.teams.inbound import channel_of, conversation_kind, sender_of, tenant_of
from handlers.messaging import Destination
from storage.store import Store


def reference_for(activity: Activity, conversation_id: str, personal: bool) -> ConversationReference:
    """A reference that starts a new message in `conversation_id` (not a reply to this activity).

    Only a personal chat keeps its user: a channel's reference is then the same whoever spoke last,
    so it is written once rather than on every message.
    """
    reference = TurnContext.get_conversation_reference(activity)
    reference.activity_id = None
    reference.locale = None
    if not personal:
        reference.user = None
    conversation = copy(reference.conversation)
    conversation.id = conversation_id
    reference.conversation = conversation
    return reference


def dump_reference(reference: ConversationReference) -> str:
    return json.dumps(reference.serialize(), sort_keys=True)


def load_reference(text: str) -> ConversationReference:
    return ConversationReference().deserialize(json.loads(text))


def remember_activity(store: Store, activity: Activity, now: datetime, conversation_id: str | None = None) -> None:
    """Store where this activity came from; a personal chat is also linked to its person."""
    conversation_id = conversation_id or channel_of(activity)
    kind = conversation_kind(activity)
    reference = dump_reference(reference_for(activity, conversation_id, kind == "personal"))
    with store.workspace(PLATFORM, tenant_of(activity)) as ws:
        person_id = None
        if kind == "personal":
            sender = sender_of(activity)
            person_id = ws.people.ensure(sender.user_id, sender.display_name, sender.timezone).id
        known = ws.conversations.get(PLATFORM, conversation_id)
        if known and (known.reference, known.kind, known.person_id) == (reference, kind, person_id):
            return  # nothing new: no write, so busy chats do not contend for the database
        ws.conversations.remember(PLATFORM, conversation_id, kind, reference, now, person_id)


def find_reference(store: Store, destination: Destination) -> str | None:
    """The stored reference for a channel, or for a person's personal chat with the bot."""
    with store.workspace(PLATFORM, destination.workspace_id) as ws:
        if destination.channel_id:
            ref = ws.conversations.get(PLATFORM, destination.channel_id)
        else:
            person = ws.people.by_platform_id(destination.user_id or "")
            ref = ws.conversations.personal_for(PLATFORM, person.id) if person else None
        return ref.reference if ref else None
