"""Teams activities for tests, shaped like the captured real ones in shared/fixtures/platform-payloads/."""
from __future__ import annotations

import copy
import itertools
import json
from functools import cache
from pathlib import Path

FIXTURES = Path("fixtures") / "platform-payloads"
BOT_ID = "28:5353a86e-52fb-4979-8a69-c7efcd1b0bd3"
BOT_NAME = "Opsdroid Dev"
TENANT = "a0e78124-8cd4-4887-a704-1d4c829cf888"
USER_AAD = "a437c99b-3703-4dd6-80c8-82c69f181061"
USER_ID = "29:1WlulF5q2n12i6sXKzPTrnj2Lj6Oa5zfG5b2Y5TL1k41_IZwKJF_2-lRCbTjsTzPLEWFMUmJ4U_OcnYBbOjDc0g"
CHANNEL = "19:a510e386817e473aa6f115a8dc27ea38@thread.tacv2"
_ids = itertools.count(1617455600000)


def fixtures_dir() -> Path:
    """shared/fixtures beside the checkout (CI) or beside a parent folder of it (work trees)."""
    here = Path(__file__).resolve()
    for folder in here.parents:
        candidate = folder / "shared" / FIXTURES
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shared/{FIXTURES} not found beside any parent of {here}")


@cache
def _captured(name: str) -> dict:
    return json.loads((fixtures_dir() / name).read_text())


def next_id() -> str:
    return str(next(_ids))


def personal_message(text: str, service_url: str, **changes) -> dict:
    """A 1:1 chat message from Jacob (the captured direct message, with our text and fake connector)."""
    activity = copy.deepcopy(_captured("teams_teams_direct_message.json"))
    activity.update(text=text, id=next_id(), serviceUrl=service_url)
    activity.update(changes)
    return activity


def as_user(activity: dict, aad: str, name: str, account_id: str | None = None) -> dict:
    activity["from"] = {"id": account_id or f"29:{aad}", "name": name, "aadObjectId": aad}
    return activity


def channel_message(text: str, service_url: str, mentions: tuple[dict, ...] = ()) -> dict:
    """A channel message that @mentions the bot first (the captured channel message), then `text`."""
    activity = copy.deepcopy(_captured("teams_teams_ping_payload.json"))
    bot_mention = activity["entities"][0]["text"]
    activity.update(text=f"{bot_mention} {text}", id=next_id(), serviceUrl=service_url)
    activity["conversation"]["id"] = f"{CHANNEL};messageid={activity['id']}"
    activity["attachments"] = [{"contentType": "text/html", "content": f"<div><div>{bot_mention} {text}</div></div>"}]
    activity["entities"] = activity["entities"][:1] + list(mentions) + activity["entities"][1:]
    return activity


def mention(account_id: str, name: str, aad: str | None = None) -> dict:
    mentioned = {"id": account_id, "name": name} | ({"aadObjectId": aad} if aad else {})
    return {"type": "mention", "mentioned": mentioned, "text": f"<at>{name}</at>"}


def card_submit(value: dict, service_url: str, reply_to_id: str, **changes) -> dict:
    """What Teams sends when an Action.Submit button is pressed: a message with `value` and no text."""
    activity = personal_message("", service_url, value=value, replyToId=reply_to_id, **changes)
    del activity["text"]
    return activity


def execute_invoke(data: dict, service_url: str, verb: str = "salesbot") -> dict:
    """An `adaptiveCard/action` invoke, as sent for an Action.Execute press."""
    activity = personal_message("", service_url, type="invoke", name="adaptiveCard/action",
                                value={"action": {"type": "Action.Execute", "verb": verb, "data": data},
                                       "trigger": "manual"})
    del activity["text"]
    return activity


def bot_added(service_url: str, kind: str = "channel") -> dict:
    """conversationUpdate: the bot was added to a team (General channel) or to a personal chat."""
    activity = copy.deepcopy(_captured("teams_teams_ping_payload.json" if kind == "channel"
                                       else "teams_teams_direct_message.json"))
    for key in ("text", "textFormat", "attachments", "entities", "localTimestamp", "localTimezone"):
        activity.pop(key, None)
    activity.update(type="conversationUpdate", id=next_id(), serviceUrl=service_url,
                    membersAdded=[{"id": BOT_ID}])
    if kind == "channel":
        activity["conversation"]["id"] = CHANNEL
        activity["channelData"] = {"team": {"id": CHANNEL, "name": "Sales"}, "eventType": "teamMemberAdded",
                                   "tenant": {"id": TENANT}}
    return activity
