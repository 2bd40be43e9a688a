"""A reply's form as Adaptive Card inputs, with each field's error shown beneath it."""
from __future__ import annotations

from datetime import date

from adapters.teams.card_text import defuse, plain_block
from adapters.teams.payloads import form_data
from handlers.i18n import _
from handlers.reply import Form, FormField


def form_body(form: Form) -> list[dict]:
    """One input per field, in order; a field with an error is followed by the error in red."""
    elements: list[dict] = []
    for field in form.fields:
        elements.append(field_input(field))
        if field.error:
            elements.append(plain_block(f"{field.label}: {field.error}", spacing="None", color="Attention",
                                        size="Small"))
    return elements


def form_actions(form: Form, card_id: str) -> list[dict]:
    return [{"type": "Action.Submit", "title": defuse(form.submit_label), "style": "positive",
             "data": form_data(card_id, form.form_id)}]


def field_input(field: FormField) -> dict:
    """The input element for a field's kind: choice set, date picker or text box."""
    common = {"id": field.name, "label": defuse(field.label), "isRequired": field.required}
    if field.required:
        common["errorMessage"] = _("{field} is required").format(field=defuse(field.label))
    if field.kind == "choice":
        choices = [{"title": defuse(field.shown(choice)), "value": choice} for choice in field.choices]
        element = {"type": "Input.ChoiceSet", "style": "compact", "choices": choices, **common}
        if field.value in field.choices:
            element["value"] = field.value
        return element
    # A date picker only holds ISO dates; a typed "+30d" that failed to parse stays a text box to fix.
    if field.kind == "date" and (not field.value or _iso_date(field.value) is not None):
        element = {"type": "Input.Date", **common}
        if field.value:
            element["value"] = field.value
        return element
    element = {"type": "Input.Text", **common, "value": field.value}
    if field.placeholder:
        element["placeholder"] = defuse(field.placeholder)
    return element


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
