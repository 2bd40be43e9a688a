"""Forms as Slack modals: Form -> view, submitted state -> values, field errors -> response_action errors."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from adapters.slack.blocks import mrkdwn, plain
from adapters.slack.mrkdwn import escape
from handlers.i18n import _, using_locale
from handlers.reply import Form, FormField, Reply

CALLBACK_PREFIX = "salesbot:form:"
BLOCK_PREFIX = "field:"
VALUE_ACTION = "value"
TITLE_LIMIT = 24
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class ModalContext:
    """Where the modal was opened, kept in private_metadata so the confirmation goes back there."""

    channel_id: str | None = None
    is_direct: bool = False
    workspace_name: str = ""
    locale: str = "en"  # the form's language, for the adapter's own note on a second submission

    def dump(self) -> str:
        return json.dumps({"c": self.channel_id, "d": self.is_direct, "n": self.workspace_name[:200],
                           "l": self.locale})

    @classmethod
    def load(cls, text: str | None) -> "ModalContext":
        try:
            data = json.loads(text or "{}")
            return cls(data.get("c"), bool(data.get("d")), data.get("n") or "", str(data.get("l") or "en"))
        except (ValueError, AttributeError):
            return cls()


def modal_view(reply: Reply, context: ModalContext) -> dict:
    """The modal for `reply.form`, with the reply's text above the inputs; its own words in the reply's locale."""
    with using_locale(reply.locale):
        return _modal_view(reply, replace(context, locale=reply.locale))


def _modal_view(reply: Reply, context: ModalContext) -> dict:
    form = reply.form
    blocks = [{"type": "section", "text": mrkdwn(escape(reply.text))}] if reply.text else []
    blocks += [input_block(field) for field in form.fields]
    return {"type": "modal", "callback_id": CALLBACK_PREFIX + form.form_id, "title": plain(form.title, TITLE_LIMIT),
            "submit": plain(form.submit_label, TITLE_LIMIT), "close": plain(_("Cancel"), TITLE_LIMIT),
            "private_metadata": context.dump(), "blocks": blocks}


def input_block(field: FormField) -> dict:
    block = {"type": "input", "block_id": BLOCK_PREFIX + field.name, "label": plain(field.label, 2000),
             "optional": not field.required, "element": _element(field)}
    return block


def _element(field: FormField) -> dict:
    builder = {"date": _datepicker, "choice": _select}.get(field.kind, _text_input)
    element = builder(field)
    element["action_id"] = VALUE_ACTION
    if field.placeholder and field.kind != "choice":
        element["placeholder"] = plain(field.placeholder, 150)
    return element


def _text_input(field: FormField) -> dict:
    element = {"type": "plain_text_input", "multiline": field.name == "notes"}
    if field.value:
        element["initial_value"] = field.value
    return element


def _datepicker(field: FormField) -> dict:
    element = {"type": "datepicker"}
    if _ISO_DATE.match(field.value or ""):
        element["initial_date"] = field.value
    return element


def _select(field: FormField) -> dict:
    options = [{"text": plain(field.shown(choice), 75), "value": choice} for choice in field.choices[:100]]
    choose = _("Choose {what}").format(what=field.label.lower())
    element = {"type": "static_select", "options": options, "placeholder": plain(choose)}
    chosen = next((o for o in options if o["value"] == field.value), None)
    if chosen:
        element["initial_option"] = chosen
    return element


def submitted_values(view: dict) -> dict[str, str]:
    """Field name -> the submitted value, read from the view's state (text, date or selected option)."""
    values = {}
    for block_id, actions in (view.get("state") or {}).get("values", {}).items():
        if block_id.startswith(BLOCK_PREFIX) and VALUE_ACTION in actions:
            values[block_id[len(BLOCK_PREFIX):]] = _state_value(actions[VALUE_ACTION])
    return values


def _state_value(state: dict) -> str:
    option = state.get("selected_option") or {}
    value = state.get("value") or state.get("selected_date") or option.get("value")
    return value or ""


def field_errors(form: Form) -> dict[str, str]:
    """`response_action: errors` payload: block id -> message, for every field that failed."""
    return {BLOCK_PREFIX + name: message[:150] for name, message in form.errors().items()}


def form_id_of(view: dict) -> str:
    return (view.get("callback_id") or "").removeprefix(CALLBACK_PREFIX)
