"""What a card button carries back when pressed, and the keys that make a press act once."""
from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field

# Button data lives under one key so that the inputs Teams merges into the same object never clash.
DATA_KEY = "salesbot"
EXECUTE_VERB = "salesbot"


@dataclass(frozen=True)
class Press:
    """A pressed button: run `command`, or submit form `form_id` with the card's input `values`."""

    kind: str  # "command" or "form"
    card_id: str
    command: str = ""
    form_id: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def dedup_key(self, user_id: str, message_id: str | None) -> str:
        """Same card, same button, same person (and for forms the same values): the same key."""
        what = self.command if self.kind == "command" else self.form_id + json.dumps(self.values, sort_keys=True)
        raw = "\x1f".join((self.card_id, message_id or "", self.kind, what, user_id))
        return "teams:press:" + hashlib.sha256(raw.encode()).hexdigest()


def new_card_id() -> str:
    return uuid.uuid4().hex[:16]


def command_data(card_id: str, command: str) -> dict:
    return {DATA_KEY: {"kind": "command", "card": card_id, "command": command}}


def form_data(card_id: str, form_id: str) -> dict:
    return {DATA_KEY: {"kind": "form", "card": card_id, "form": form_id}}


def read_press(value: object) -> Press | None:
    """The press carried by a submit's `value` (or an Execute's `data`); None when it is not ours."""
    if not isinstance(value, dict) or not isinstance(value.get(DATA_KEY), dict):
        return None
    meta = value[DATA_KEY]
    kind, card_id = meta.get("kind"), str(meta.get("card") or "")
    if kind == "command" and isinstance(meta.get("command"), str) and meta["command"].strip():
        return Press("command", card_id, command=meta["command"])
    if kind == "form" and isinstance(meta.get("form"), str):
        inputs = {k: _as_text(v) for k, v in value.items() if k != DATA_KEY and not k.startswith("msteams")}
        return Press("form", card_id, form_id=meta["form"], values=inputs)
    return None


def read_execute(value: object) -> Press | None:
    """The press inside an `adaptiveCard/action` invoke value (`{"action": {"verb", "data"}}`)."""
    if not isinstance(value, dict) or not isinstance(value.get("action"), dict):
        return None
    return read_press(value["action"].get("data"))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def activity_key(conversation_id: str, activity_id: str) -> str:
    """Teams retries an activity with the same id; ids are only unique within a conversation."""
    digest = hashlib.sha256(f"{conversation_id}\x1f{activity_id}".encode()).hexdigest()
    return f"teams:activity:{digest}"
