"""Hypothesis strategies for hostile requests: captured real payloads mutated, plus raw bodies that break parsers."""
from __future__ import annotations

import copy
import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

from hypothesis import strategies as st

from tests.slack.signed import CHANNEL, SECRET, USER, captured
from tests.teams.activities import card_submit, personal_message

FORM, JSON = "application/x-www-form-urlencoded", "application/json"
ODD_TYPES = ["", "text/plain", "multipart/form-data", f"{JSON}; charset=nope", f"{FORM}; charset=latin-1",
             f"{JSON}; charset=utf-8", "application/xml", "application/json-patch+json"]
HOSTILE = [b"{", b"payload=notjson", b"[1]", b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 2_000 + b"1" + b"}" * 2_000,
           b"text=\xff", b"\xff\xfe{}", b"9" * 5_000, b'{"n": ' + b"9" * 5_000 + b"}", b"payload=" + b"[" * 5_000,
           b"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D", b"", b"null", b'"text"',
           b'{"type": "event_callback", "event": []}', b'{"type": "event_callback", "event": {"type": "message", '
           b'"text": {"a": 1}, "channel_type": "im"}}', b"x" * 600_000]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


def paths(value, prefix=()) -> list[tuple]:
    """Every place in a JSON document a mutation can land."""
    found = [prefix] if prefix else []
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        found += paths(child, prefix + (key,))
    return found


def mutate(document, path: tuple, value, delete: bool):
    document = copy.deepcopy(document)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


@st.composite
def mutated(draw, documents: list):
    document = draw(st.sampled_from(documents))
    for _ in range(draw(st.integers(0, 3))):
        places = paths(document)
        if places:
            document = mutate(document, draw(st.sampled_from(places)), draw(json_values), draw(st.booleans()))
    return document


def slash_command() -> dict:
    return captured("slack_payload_slash_command.urlencoded") | {
        "command": "/sales", "text": 'deal add "Fuzz" 1k', "user_id": USER, "channel_id": CHANNEL}


SLACK_JSON = [captured(name) for name in ("slack_payload_message.json", "slack_payload_team_join.json",
                                          "slack_payload_message_bot_message.json",
                                          "slack_payload_url_verification.json")]
SLACK_PAYLOADS = [captured(name) for name in ("slack_payload_block_action_button.urlencoded",
                                              "slack_payload_block_action_static_select.urlencoded",
                                              "slack_payload_view_submission.urlencoded")]


@st.composite
def slack_bodies(draw) -> tuple[bytes, str]:
    """(body, content type): mostly well-formed envelopes with mutated insides, some raw hostile bytes."""
    kind = draw(st.sampled_from(["event", "interaction", "command", "hostile"]))
    if kind == "event":
        body, content_type = json.dumps(draw(mutated(SLACK_JSON))).encode(), JSON
    elif kind == "interaction":
        body, content_type = urlencode({"payload": json.dumps(draw(mutated(SLACK_PAYLOADS)))}).encode(), FORM
    elif kind == "command":
        fields = slash_command() | draw(st.dictionaries(st.sampled_from(list(slash_command())), st.text(max_size=30)))
        body, content_type = urlencode(fields).encode(), FORM
    else:
        body, content_type = draw(st.sampled_from(HOSTILE) | st.binary(max_size=200)), draw(st.sampled_from([JSON, FORM]))
    if draw(st.integers(0, 9)) == 0:
        content_type = draw(st.sampled_from(ODD_TYPES))
    return body, content_type


@st.composite
def slack_headers(draw, body: bytes, signed: bool) -> dict:
    now = str(int(time.time()))
    if signed:
        return {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": sign(body, now)}
    timestamp = draw(st.sampled_from([now, "abc", "", "1", str(int(time.time()) - 400), "9" * 40, "+123", "12a", "1e9"]))
    forged = draw(st.sampled_from(["", "v0=", "v0=" + "0" * 64, "v1=abc", "garbage", sign(body, now, "wrong")]))
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": forged}


def sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    """Slack's v0 signature over raw bytes (which need not be text)."""
    return "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()


@st.composite
def teams_bodies(draw, service_url: str) -> tuple[bytes, str]:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(HOSTILE) | st.binary(max_size=200)), draw(st.sampled_from([JSON, *ODD_TYPES]))
    activities = [personal_message('deal add "Fuzz" 1k', service_url), personal_message("help", service_url),
                  card_submit({"action": "form", "form": "deal_add", "name": "Fuzz"}, service_url, "1")]
    activity = draw(mutated(activities))
    if isinstance(activity, dict):  # replies go to the fake connector, not to a host the mutation made up
        activity["serviceUrl"] = service_url
    return json.dumps(activity).encode(), JSON


authorizations = st.sampled_from(["", "Bearer", "Bearer x", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer ...",
                                  "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.", "\u00e9"]) | st.text(
    st.characters(min_codepoint=33, max_codepoint=255, blacklist_categories=("Cc",)), max_size=40)
