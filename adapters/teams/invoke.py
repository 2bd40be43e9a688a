"""Invoke answers for `adaptiveCard/action`: a card that replaces the pressed one, or a short message."""
from __future__ import annotations

from adapters.teams.cards import CARD_CONTENT_TYPE, render_card
from handlers.reply import Reply

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"


def invoke_answer(reply: Reply | None, fallback: str) -> dict:
    """The Universal Actions body: errors and repeats as a message, so the pressed card stays as it was."""
    if reply is None:
        return {"statusCode": 200, "type": MESSAGE_TYPE, "value": fallback}
    if reply.is_error and reply.form is None:
        text = reply.text + (f" {reply.footer}" if reply.footer else "")
        return {"statusCode": 200, "type": MESSAGE_TYPE, "value": text}
    return {"statusCode": 200, "type": CARD_CONTENT_TYPE, "value": render_card(reply)}


def card_message(reply: Reply) -> dict:
    """A message activity (JSON) carrying the reply as one Adaptive Card."""
    return {"type": "message", "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": render_card(reply)}]}
