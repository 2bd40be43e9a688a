"""Activity JSON -> Request: who (tenant, person, timezone), where (channel, chat) and the command text."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from adapters.teams.config import LOCAL_TENANT, PLATFORM
from handlers.context import Origin, Request, Sender

# Formatting Teams may wrap around typed text; user-typed angle brackets arrive escaped (&lt;).
_FORMAT_TAGS = re.compile(r"</?(?:p|div|span|br|b|i|strong|em|u|s)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """Someone @mentioned in a message: the `<at>` text and their Teams ids."""

    text: str
    account_id: str
    aad_object_id: str | None
    name: str


def part(activity: dict, key: str) -> dict:
    """A sub-object of the activity, or {} when it is absent (the guard already refused wrong types)."""
    value = activity.get(key)
    return value if isinstance(value, dict) else {}


def tenant_of(activity: dict) -> str:
    """The tenant id selects the workspace; the Emulator sends none, so a fixed local one stands in."""
    tenant = part(activity, "channelData").get("tenant")
    if isinstance(tenant, dict) and tenant.get("id"):
        return str(tenant["id"])
    return part(activity, "conversation").get("tenantId") or LOCAL_TENANT


def person_id(account: dict) -> str:
    """A person is their Azure AD object id when Teams sends one (stable across chats), else their id."""
    return account.get("aadObjectId") or account.get("id") or ""


def timezone_of(activity: dict) -> str | None:
    """The client's IANA zone, when it sent a real one."""
    zone = (activity.get("localTimezone") or "").strip()
    if not zone:
        return None
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return zone


def locale_of(activity: dict) -> str | None:
    """The client's language (`zh-CN`), as Teams sends it on every activity; handlers read the tag, not Teams."""
    locale = activity.get("locale")
    return locale.strip() if isinstance(locale, str) and locale.strip() else None


def sender_of(activity: dict) -> Sender:
    account = part(activity, "from")
    return Sender(user_id=person_id(account), display_name=account.get("name") or "", timezone=timezone_of(activity),
                  locale=locale_of(activity))


def conversation_kind(activity: dict) -> str:
    """personal, channel or groupChat (the Emulator sends no type: a 1:1 chat)."""
    return part(activity, "conversation").get("conversationType") or "personal"


def channel_of(activity: dict) -> str:
    """The channel a message belongs to (not the reply thread), or the chat's conversation id."""
    channel = part(activity, "channelData").get("channel")
    if isinstance(channel, dict) and channel.get("id"):
        return str(channel["id"])
    return (part(activity, "conversation").get("id") or "").split(";messageid=")[0]


def origin_of(activity: dict) -> Origin:
    return Origin(platform=PLATFORM, workspace_id=tenant_of(activity), channel_id=channel_of(activity),
                  is_direct=conversation_kind(activity) == "personal")


def bot_id(activity: dict) -> str | None:
    return part(activity, "recipient").get("id")


def all_mentions(activity: dict) -> list[Mention]:
    """Every mention entity of the message, the bot's own included."""
    found = []
    for entity in activity.get("entities") or []:
        mentioned = entity.get("mentioned") or {}
        if entity.get("type") != "mention" or not mentioned.get("id"):
            continue
        name = str(mentioned.get("name") or "")
        found.append(Mention(text=str(entity.get("text") or f"<at>{name}</at>"), account_id=str(mentioned["id"]),
                             aad_object_id=mentioned.get("aadObjectId"), name=name))
    return found


def mentions_of(activity: dict) -> list[Mention]:
    """Users mentioned in the message, the bot itself left out."""
    return [mention for mention in all_mentions(activity) if mention.account_id != bot_id(activity)]


def is_addressed(activity: dict) -> bool:
    """Personal chats always; channels and group chats only when the message @mentions the bot."""
    if conversation_kind(activity) == "personal":
        return True
    return any(mention.account_id == bot_id(activity) for mention in all_mentions(activity))


def command_text(activity: dict, people: dict[str, str]) -> str:
    """The typed command: bot mention removed, other mentions as `@<person id>`, markup dropped."""
    text = activity.get("text") or ""
    for mention in all_mentions(activity):
        is_bot = mention.account_id == bot_id(activity)
        text = text.replace(mention.text, "" if is_bot else f"@{people.get(mention.account_id, mention.account_id)}")
    return html.unescape(_FORMAT_TAGS.sub(" ", text)).strip()


def build_request(activity: dict, people: dict[str, Sender]) -> Request:
    """The Request the core runs; `people` maps each mentioned account id to the person it is."""
    ids = {account_id: person.user_id for account_id, person in people.items()}
    return Request(text=command_text(activity, ids), sender=sender_of(activity), origin=origin_of(activity),
                   people=tuple(people.values()))
