"""Plain-text card elements: user-typed text can never become markdown, a link or a mention."""
from __future__ import annotations

import re

# TextRun elements are never parsed as markdown. `<at>` is only a mention when the activity lists it in
# msteams.entities (salesbot never does), and a zero-width space after `<` keeps it literal everywhere.
_AT_TAG = re.compile(r"<(/?at\b)", re.IGNORECASE)
_CODE = re.compile(r"`([^`\n]+)`")


def defuse(text: str) -> str:
    """`text` with mention tags broken so no client can read them as markup."""
    return _AT_TAG.sub("<\u200b\\1", text)


def text_runs(text: str, **style: object) -> list[dict]:
    """TextRuns for `text`; `code` spans (command hints like `help`) are set in monospace."""
    runs: list[dict] = []
    position = 0
    for match in _CODE.finditer(text):
        if match.start() > position:
            runs.append(_run(text[position:match.start()], style))
        runs.append(_run(match.group(1), {**style, "fontType": "Monospace"}))
        position = match.end()
    if position < len(text) or not runs:
        runs.append(_run(text[position:], style))
    return runs


def _run(text: str, style: dict) -> dict:
    return {"type": "TextRun", "text": defuse(text), **style}


def plain_block(text: str, spacing: str | None = None, **style: object) -> dict:
    """A RichTextBlock holding `text` as plain runs (the markdown-free counterpart of TextBlock)."""
    block: dict = {"type": "RichTextBlock", "inlines": text_runs(text, **style)}
    if spacing:
        block["spacing"] = spacing
    return block
