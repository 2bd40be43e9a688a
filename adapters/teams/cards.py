"""Replies as Adaptive Cards (1.5): title, text, facts, tables, chart, form, and Action.Submit buttons."""
from __future__ import annotations

import base64

from adapters.teams import texts
from adapters.teams.card_forms import form_actions, form_body
from adapters.teams.card_text import defuse, plain_block
from adapters.teams.payloads import command_data, new_card_id
from handlers.i18n import _, using_locale
from handlers.reply import Action, Attachment, Chart, Fact, Reply, Table

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
# Teams rejects messages over ~28 KB, so only small charts travel inline as data URIs.
MAX_INLINE_CHART = 20 * 1024
ACTION_STYLES = {"primary": "positive", "danger": "destructive"}


def render_card(reply: Reply, card_id: str | None = None) -> dict:
    """The whole reply as one Adaptive Card; `card_id` ties its buttons to this card (for press dedup). The
    card's own words (a download button, a field's "is required") are in the reply's locale."""
    with using_locale(reply.locale):
        return _card(reply, card_id or new_card_id())


def _card(reply: Reply, card_id: str) -> dict:
    body: list[dict] = []
    if reply.title:
        body.append(plain_block(reply.title, size="Medium", weight="Bolder"))
    body.append(plain_block(reply.text, color="Attention") if reply.is_error else plain_block(reply.text))
    if reply.facts:
        body.append(facts_table(reply.facts))
    if reply.table:
        body.append(data_table(reply.table))
    if reply.chart:
        body.append(chart_element(reply.chart))
    if reply.attachment:
        body.append(file_element(reply.attachment))
    if reply.form:
        body += form_body(reply.form)
    if reply.footer:
        body.append(plain_block(reply.footer, spacing="Medium", isSubtle=True, size="Small"))
    actions = form_actions(reply.form, card_id) if reply.form else []
    actions += [submit_action(action, card_id) for action in reply.actions]
    card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body,
            "msteams": {"width": "Full"}}
    if actions:
        card["actions"] = actions
    return card


def file_element(file: Attachment) -> dict:
    """A download button for an export (the link is signed and expires), or why there is none."""
    if not file.url:
        return plain_block(_(texts.FILE_NOT_LINKED).format(name=file.filename), isSubtle=True, size="Small")
    title = _("Download {name}").format(name=file.filename)
    return {"type": "ActionSet", "actions": [{"type": "Action.OpenUrl", "title": defuse(title),
                                              "url": file.url}]}


def submit_action(action: Action, card_id: str) -> dict:
    """A button that sends back the command it stands for; titles are plain text in every client."""
    button = {"type": "Action.Submit", "title": defuse(action.label), "data": command_data(card_id, action.command)}
    if action.style in ACTION_STYLES:
        button["style"] = ACTION_STYLES[action.style]
    return button


def facts_table(facts: tuple[Fact, ...]) -> dict:
    """Label/value rows; a Table rather than a FactSet, whose values Teams would read as markdown."""
    rows = [_row([plain_block(fact.label, weight="Bolder")], [plain_block(fact.value)]) for fact in facts]
    return {"type": "Table", "columns": [{"width": 1}, {"width": 2}], "rows": rows,
            "firstRowAsHeader": False, "showGridLines": False}


def data_table(table: Table) -> dict:
    """A table with a header row; numeric columns (align `r`) are right-aligned."""
    columns = [{"width": 1, "horizontalCellContentAlignment": "Right" if table.alignment(i) == "r" else "Left"}
               for i in range(len(table.headers))]
    header = _row(*([plain_block(h, weight="Bolder")] for h in table.headers))
    rows = [_row(*([plain_block(cell)] for cell in row)) for row in table.rows]
    return {"type": "Table", "columns": columns, "rows": [header] + rows, "firstRowAsHeader": True,
            "gridStyle": "accent"}


def _row(*cells: list[dict]) -> dict:
    return {"type": "TableRow", "cells": [{"type": "TableCell", "items": items} for items in cells]}


def chart_element(chart: Chart) -> dict:
    if len(chart.png) > MAX_INLINE_CHART:
        return plain_block(_(texts.CHART_TOO_BIG), isSubtle=True)
    url = "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
    return {"type": "Image", "url": url, "altText": defuse(chart.title), "size": "Stretch"}


def card_texts(card: dict) -> list[str]:
    """Every visible string of a card in reading order (for logs, previews and tests)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in ("text", "title", "label"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card.get("body", []))
    walk(card.get("actions", []))
    return found
