"""Slack payloads as the core's values: who (with mentioned people), where, and the command line."""
from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.mrkdwn import mentioned_user_ids, to_command_text
from adapters.slack.people import UserDirectory
from handlers.context import Origin, Request, Sender

PLATFORM = "slack"


@dataclass(frozen=True)
class Where:
    """The Slack team and conversation a payload came from."""

    team_id: str
    team_name: str = ""
    channel_id: str | None = None
    is_direct: bool = False

    def origin(self) -> Origin:
        return Origin(PLATFORM, self.team_id, self.team_name or self.team_id, self.channel_id, self.is_direct)


def is_direct_channel(channel_id: str | None, hint: str | None = None) -> bool:
    """DMs have ids starting with D; Slack also says so as channel_type=im or channel_name=directmessage."""
    return hint in ("im", "directmessage") or bool(channel_id and channel_id.startswith("D"))


def where_from_command(body: dict) -> Where:
    return Where(body.get("team_id", ""), body.get("team_domain", ""), body.get("channel_id"),
                 is_direct_channel(body.get("channel_id"), body.get("channel_name")))


def where_from_event(body: dict, event: dict) -> Where:
    team = body.get("team_id") or event.get("team") or ""
    return Where(team, "", event.get("channel"), is_direct_channel(event.get("channel"), event.get("channel_type")))


def where_from_interaction(body: dict) -> Where:
    """block_actions / view_submission: team and user are objects; the channel may be absent (App Home)."""
    team = body.get("team") or {}
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    return Where(team.get("id") or (body.get("user") or {}).get("team_id", ""), team.get("domain", ""), channel,
                 is_direct_channel(channel))


class Translator:
    """Builds Requests, resolving the sender and every mentioned user through the cached directory."""

    def __init__(self, directory: UserDirectory) -> None:
        self.directory = directory

    async def sender(self, client: AsyncWebClient, team_id: str, user_id: str, name: str = "") -> Sender:
        return await self.directory.sender(client, team_id, user_id, name)

    async def request(self, client: AsyncWebClient, where: Where, user_id: str, raw_text: str,
                      user_name: str = "", decode: bool = True) -> Request:
        """`raw_text` as Slack sent it (escaped, with <@U…> mentions) turned into a command Request.

        `decode=False` is for command lines the bot wrote itself (button values), which are not escaped.
        """
        sender = await self.sender(client, where.team_id, user_id, user_name)
        if not decode:
            return Request(text=raw_text, sender=sender, origin=where.origin())
        people = tuple([await self.sender(client, where.team_id, uid) for uid in mentioned_user_ids(raw_text)
                        if uid != user_id])
        return Request(text=to_command_text(raw_text), sender=sender, origin=where.origin(), people=people)
