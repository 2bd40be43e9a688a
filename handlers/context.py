"""Who sent a command and from where: the small frozen values adapters hand to handlers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Sender:
    """A platform user: their id on the platform, their name and, when known, their IANA timezone and the
    language their platform is set to (a BCP 47 tag such as `zh-CN`)."""

    user_id: str
    display_name: str
    timezone: str | None = None
    locale: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a command came from: platform, workspace (Slack team, Teams tenant) and channel."""

    platform: str
    workspace_id: str
    workspace_name: str = ""
    channel_id: str | None = None
    is_direct: bool = False


@dataclass(frozen=True)
class Request:
    """A command line typed by `sender` in `origin`; `people` are users the platform told us about."""

    text: str
    sender: Sender
    origin: Origin
    people: tuple[Sender, ...] = ()
    received_at: datetime | None = None
    # The platform's delivery id: a command that writes claims it in its own transaction, so a replayed
    # delivery changes nothing (commands that only read answer again).
    once_key: str | None = None


@dataclass(frozen=True)
class FormSubmission:
    """Values submitted from a form (Slack modal, Teams card), keyed by field name."""

    form_id: str
    values: dict[str, str] = field(default_factory=dict)
    sender: Sender | None = None
    origin: Origin | None = None
