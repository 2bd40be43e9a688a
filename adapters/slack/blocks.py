"""A Reply as Block Kit: header, text, fields, a monospaced table, buttons, footer — user text escaped."""
from __future__ import annotations

from adapters.console.render import render_table
from adapters.slack.mrkdwn import escape
from handlers.reply import Action, Fact, Reply

ACTION_PREFIX = "salesbot:cmd:"
HEADER_LIMIT = 150
SECTION_LIMIT = 3000
FIELDS_PER_SECTION = 10
BUTTONS_PER_BLOCK = 25
MAX_BLOCKS = 50


def mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text}


def plain(text: str, limit: int = HEADER_LIMIT) -> dict:
    return {"type": "plain_text", "text": _cut(text, limit) or " ", "emoji": True}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fallback_text(reply: Reply) -> str:
    """The notification text (also what screen readers and old clients show)."""
    head = f"{reply.title}: " if reply.title else ""
    return _cut(("⚠️ " if reply.is_error else "") + escape(head + reply.text), SECTION_LIMIT)


def reply_blocks(reply: Reply) -> list[dict]:
    """Every block of the reply, within Slack's limits (50 blocks, 3000 characters a section)."""
    blocks: list[dict] = []
    if reply.title:
        blocks.append({"type": "header", "text": plain(reply.title)})
    text = ("⚠️ " if reply.is_error else "") + escape(reply.text)
    if text.strip():  # Slack rejects an empty text object
        blocks.append({"type": "section", "text": mrkdwn(_cut(text, SECTION_LIMIT))})
    blocks += fact_blocks(reply.facts)
    if reply.table:
        blocks += table_blocks(render_table(reply.table))
    if reply.actions:
        blocks += action_blocks(reply.actions)
    if reply.footer:
        blocks.append({"type": "context", "elements": [mrkdwn(_cut(escape(reply.footer), SECTION_LIMIT))]})
    return blocks[:MAX_BLOCKS]


def fact_blocks(facts: tuple[Fact, ...]) -> list[dict]:
    """Facts as two-column section fields, ten to a section."""
    fields = [mrkdwn(_cut(f"*{escape(f.label)}*\n{escape(f.value)}", 2000)) for f in facts]
    return [{"type": "section", "fields": fields[i:i + FIELDS_PER_SECTION]}
            for i in range(0, len(fields), FIELDS_PER_SECTION)]


def table_blocks(lines: list[str]) -> list[dict]:
    """Table lines in code blocks (Slack has no table block for every surface), split to fit sections."""
    blocks, chunk = [], []
    for line in (escape(line) for line in lines):
        if chunk and sum(len(x) + 1 for x in chunk) + len(line) > SECTION_LIMIT - 10:
            blocks.append(_code(chunk))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(_code(chunk))
    return blocks


def _code(lines: list[str]) -> dict:
    return {"type": "section", "text": mrkdwn("```" + "\n".join(lines) + "```")}


def action_blocks(actions: tuple[Action, ...]) -> list[dict]:
    """Buttons whose value is the command to run as the person who presses them."""
    buttons = [button(action, index) for index, action in enumerate(actions)]
    return [{"type": "actions", "elements": buttons[i:i + BUTTONS_PER_BLOCK]}
            for i in range(0, len(buttons), BUTTONS_PER_BLOCK)]


def button(action: Action, index: int) -> dict:
    element = {"type": "button", "text": plain(action.label, 75), "action_id": f"{ACTION_PREFIX}{index}",
               "value": action.command[:2000]}
    if action.style in ("primary", "danger"):
        element["style"] = action.style
    return element


def message(reply: Reply) -> dict:
    """Keyword arguments for chat.postMessage / chat.postEphemeral / respond."""
    return {"text": fallback_text(reply), "blocks": reply_blocks(reply)}
