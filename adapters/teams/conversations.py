"""Conversation references: remembered when the bot is added or spoken to, read back to post later.

A reference is stored as the Bot Connector's JSON (`bot`, `user`, `conversation`, `channelId`, `serviceUrl`),
which both SDKs read, so switching SALESBOT_TEAMS_SDK keeps every stored conversation reachable.
"""
from __future__ import annotations

import json
from datetime import datetime

from adapters.teams.config import PLATFORM
from adapters.teams.inbound import channel_of, conversation_kind, part, sender_of, tenant_of
from handlers.messaging import Destination
from storage.conversations import stored_reference, stored_references
from storage.store import Store


def reference_for(activity: dict, conversation_id: str, personal: bool) -> dict:
    """A reference that starts a new message in `conversation_id` (not a reply to this activity).

    Only a personal chat keeps its user: a channel's reference is then the same whoever spoke last,
    so it is written once rather than on every message.
    """
    reference = {"bot": activity.get("recipient"), "conversation": dict(part(activity, "conversation"),
                                                                       id=conversation_id),
                 "channelId": activity.get("channelId"), "serviceUrl": activity.get("serviceUrl"),
                 "user": activity.get("from") if personal else None}
    return {key: value for key, value in reference.items() if value is not None}


def dump_reference(reference: dict) -> str:
    return json.dumps(reference, sort_keys=True)


def load_reference(text: str) -> dict:
    return json.loads(text)


def remember_activity(store: Store, activity: dict, now: datetime, conversation_id: str | None = None) -> None:
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
    return stored_reference(store.engine, PLATFORM, destination.workspace_id, destination.channel_id,
                            destination.user_id)


def find_references(store: Store, destinations: list[Destination]) -> list[str | None]:
    """`find_reference` of each destination, in order, read together."""
    return stored_references(store.engine, PLATFORM, [(d.workspace_id, d.channel_id, d.user_id)
                                                      for d in destinations])
