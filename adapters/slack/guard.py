"""The front door of the Slack endpoints: size, signature, encoding and shape are checked before bolt parses."""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from typing import Awaitable, Callable
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from adapters.http_limits import Refused, load_json, media_type, read_body, utf8
from adapters.slack.blocks import message
from adapters.slack.shapes import misshapen
from handlers.processor import INTERNAL_ERROR
from handlers.reply import error_reply

log = logging.getLogger(__name__)

FORM, JSON = "application/x-www-form-urlencoded", "application/json"
# Slack's own rule: a request signed more than five minutes ago is a replay, whatever its signature.
SIGNATURE_WINDOW = 300
_TIMESTAMP = re.compile(r"[0-9]{1,12}")

Dispatch = Callable[[AsyncBoltRequest], Awaitable[BoltResponse]]


def verify_signature(secret: str, body: bytes, headers, now: float | None = None) -> None:
    """Refused(401) unless the body carries Slack's v0 signature over a fresh timestamp."""
    timestamp, signature = headers.get("X-Slack-Request-Timestamp", ""), headers.get("X-Slack-Signature", "")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "invalid request")
    if abs((time.time() if now is None else now) - int(timestamp)) > SIGNATURE_WINDOW:
        raise Refused(401, "invalid request")
    expected = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(("v0=" + expected).encode(), signature.encode("utf-8", "surrogateescape")):
        raise Refused(401, "invalid request")


def parse(text: str, kind: str) -> dict:
    """The payload the way slack-bolt will read it, but refusing what would make bolt raise."""
    if not text:
        return {}
    if kind == JSON or text.startswith("{"):
        body = load_json(text)
    elif "payload" in text:
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
        body = {} if payload is None else load_json(payload)
    else:
        body = dict(parse_qsl(text, keep_blank_values=True))
    if not isinstance(body, dict):
        raise Refused(400, "expected a JSON object")
    return body


async def checked_request(request: web.Request, secret: str) -> AsyncBoltRequest:
    """A bolt request from a signed, bounded, UTF-8, well-shaped body; anything else is Refused."""
    body = await read_body(request)
    verify_signature(secret, body, request.headers)
    text = utf8(body)
    problem = misshapen(parse(text, media_type(request, (FORM, JSON))))
    if problem:
        raise Refused(400, f"unexpected type for {problem}")
    try:
        return AsyncBoltRequest(body=text, query=request.query_string, headers=request.headers)
    except Exception as error:  # a shape bolt's own context builder trips on, which the checks above missed
        log.warning("slack: bolt could not read a checked payload: %r", error)
        raise Refused(400, "unreadable payload") from None


async def answer(request: web.Request, secret: str, dispatch: Dispatch) -> web.Response:
    """Bolt's answer to a checked request; refusals are 4xx and a failure inside bolt a polite 200."""
    try:
        bolt_request = await checked_request(request, secret)
    except Refused as refused:
        log.info("slack: refused a request (%s): %s", refused.status, refused.reason)
        return refused.response()
    return await _safely(dispatch, bolt_request)


async def answer_get(request: web.Request, dispatch: Dispatch) -> web.Response:
    """The OAuth pages: they read only the query string and cookies, never a body."""
    return await _safely(dispatch, AsyncBoltRequest(body="", query=request.query_string, headers=request.headers),
                         status=400)


async def _safely(dispatch: Dispatch, bolt_request: AsyncBoltRequest, status: int = 200) -> web.Response:
    try:
        response = await dispatch(bolt_request)
    except Exception:  # a defect in a listener: logged in full for us, never shown as a 500 to Slack
        log.exception("slack: request failed")
        return _apology(status)
    if response.status >= 500:
        log.error("slack: request failed inside slack-bolt (%s): %s", response.status, response.body[:200])
        return _apology(status)
    return await to_aiohttp_response(response)


def _apology(status: int) -> web.Response:
    # Slack shows a slash command's 200 body to the user; for events and buttons it is simply ignored.
    return web.json_response({"response_type": "ephemeral", **message(error_reply(INTERNAL_ERROR))}, status=status)
