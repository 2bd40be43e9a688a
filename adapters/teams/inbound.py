"""Activity -> Request: who (tenant, person, timezone), where (channel, chat) and the command text."""
from __future__ import annotations

import html
import re
from copy import copy
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ChannelAccount

from adapters.teams.config import LOCAL_TENANT, PLATFORM
from handlers.context import Origin, Request, Sender

# Formatting Teams may wrap around typed text; user-typed angle brackets arrive escaped (&lt;).
_FORMAT_TAGS = re.compile(r"</?(?:p|div|span|br|b|i|strong|em|u|s)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """Another user @mentioned in a message: the `<at>` text and their Teams ids."""

    text: str
    account_id: str
    aad_object_id: str | None
    name: str


def tenant_of(activity: Activity) -> str:
    """The tenant id selects the workspace; the Emulator sends none, so a fixed local one stands in."""
    tenant = (activity.channel_data or {}).get("tenant") if isinstance(activity.channel_data, dict) else None
    if isinstance(tenant, dict) and tenant.get("id"):
        return str(tenant["id"])
    conversation = activity.conversation
    return (conversation.tenant_id if conversation and conversation.tenant_id else None) or LOCAL_TENANT


def person_id(account: ChannelAccount | None) -> str:
    """A person is their Azure AD object id when Teams sends one (stable across chats), else their id."""
    if account is None:
        return ""
    return account.aad_object_id or account.id or ""


def timezone_of(activity: Activity) -> str | None:
    """The client's IANA zone, when it sent a real one."""
    zone = (activity.local_timezone or "").strip()
    if not zone:
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone


def sender_of(activity: Activity) -> Sender:
    account = activity.from_property
    return Sender(user_id=person_id(account), display_name=(account.name if account else "") or "",
                  timezone=timezone_of(activity))


def conversation_kind(activity: Activity) -> str:
    """personal, channel or groupChat (the Emulator sends no type: a 1:1 chat)."""
    return (activity.conversation.conversation_type if activity.conversation else None) or "personal"


def channel_of(activity: Activity) -> str:
    """The channel a message belongs to (not the reply thread), or the chat's conversation id."""
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    channel = data.get("channel")
    if isinstance(channel, dict) and channel.get("id"):
        return str(channel["id"])
    return (activity.conversation.id or "").split(";messageid=")[0]


def origin_of(activity: Activity) -> Origin:
    return Origin(platform=PLATFORM, workspace_id=tenant_of(activity), channel_id=channel_of(activity),
                  is_direct=conversation_kind(activity) == "personal")


def mentions_of(activity: Activity) -> list[Mention]:
    """Users mentioned in the message, the bot itself left out."""
    bot_id = activity.recipient.id if activity.recipient else None
    found = []
    for entity in TurnContext.get_mentions(activity):
        props = entity.additional_properties or {}
        mentioned = props.get("mentioned") or {}
        if not isinstance(mentioned, dict) or not mentioned.get("id") or mentioned["id"] == bot_id:
            continue
        name = str(mentioned.get("name") or "")
        found.append(Mention(text=str(props.get("text") or f"<at>{name}</at>"), account_id=str(mentioned["id"]),
                             aad_object_id=mentioned.get("aadObjectId"), name=name))
    return found


def is_addressed(activity: Activity) -> bool:
    """Personal chats always; channels and group chats only when the message @mentions the bot."""
    if conversation_kind(activity) == "personal":
        return True
    bot_id = activity.recipient.id if activity.recipient else None
    return any((entity.additional_properties or {}).get("mentioned", {}).get("id") == bot_id
               for entity in TurnContext.get_mentions(activity))


def command_text(activity: Activity, people: dict[str, str]) -> str:
    """The typed command: bot mention removed, other mentions as `@<person id>`, markup dropped."""
    text = activity.text or ""
    if activity.recipient and text:
        text = TurnContext.remove_recipient_mention(copy(activity)) or ""
    for mention in mentions_of(activity):
        text = text.replace(mention.text, f"@{people.get(mention.account_id, mention.account_id)}")
    return html.unescape(_FORMAT_TAGS.sub(" ", text)).strip()


def build_request(activity: Activity, people: dict[str, Sender]) -> Request:
    """The Request the core runs; `people` maps each mentioned account id to the person it is."""
    ids = {account_id: person.user_id for account_id, person in people.items()}
    return Request(text=command_text(activity, ids), sender=sender_of(activity), origin=origin_of(activity),
                   people=tuple(people.values()))
