"""What a handler answers: platform-neutral values every adapter renders in its own way."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from handlers.i18n.messages import _
from handlers.i18n.usage import localized_usage


@dataclass(frozen=True)
class Fact:
    """A labelled value shown beside the text (Block Kit field, Adaptive Card fact, console line)."""

    label: str
    value: str

    def __post_init__(self) -> None:
        _plain(self, "label", "value")


@dataclass(frozen=True)
class Action:
    """A button; pressing it runs `command` as the person who pressed it."""

    label: str
    command: str
    style: str = "default"  # default, primary or danger

    def __post_init__(self) -> None:
        _plain(self, "label")


@dataclass(frozen=True)
class Table:
    """Rows of cells; `align` has one `l` or `r` per column."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "headers", tuple(str(header) for header in self.headers))
        if any(type(cell) is not str for row in self.rows for cell in row):
            object.__setattr__(self, "rows", tuple(tuple(str(cell) for cell in row) for row in self.rows))

    def alignment(self, column: int) -> str:
        return self.align[column] if column < len(self.align) else "l"


@dataclass(frozen=True)
class Chart:
    """A rendered PNG image to attach to the reply."""

    png: bytes
    filename: str
    title: str


@dataclass(frozen=True)
class Attachment:
    """A file the reply carries (an export): uploaded on Slack, linked on Teams, written by the console."""

    content: bytes
    filename: str
    title: str
    mime: str = "text/csv"
    url: str | None = None  # a download link, where the platform links files instead of uploading them


@dataclass(frozen=True)
class FormField:
    """One input of a form; `kind` is text, amount, date or choice."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    value: str = ""
    placeholder: str = ""
    error: str | None = None
    choice_labels: tuple[str, ...] = ()  # how each choice reads (in the reader's language); the value is sent

    def shown(self, choice: str) -> str:
        """The label of `choice` a platform's dropdown shows; the choice itself where there is none."""
        labels = dict(zip(self.choices, self.choice_labels))
        return labels.get(choice, choice)


@dataclass(frozen=True)
class Form:
    """A form (Slack modal, Teams card form); submitting it calls the handler named by `form_id`."""

    form_id: str
    title: str
    submit_label: str
    fields: tuple[FormField, ...]

    def errors(self) -> dict[str, str]:
        return {f.name: f.error for f in self.fields if f.error}


@dataclass(frozen=True)
class Announcement:
    """A message the team should see too, posted to `channel` (a platform channel id)."""

    channel: str
    reply: "Reply"


@dataclass(frozen=True)
class Reply:
    """A handler's answer. `public` replies are seen by the whole channel, others only by the sender."""

    text: str
    title: str | None = None
    facts: tuple[Fact, ...] = ()
    table: Table | None = None
    actions: tuple[Action, ...] = ()
    chart: Chart | None = None
    form: Form | None = None
    announcements: tuple[Announcement, ...] = field(default=())
    is_error: bool = False
    public: bool = False
    footer: str | None = None
    attachment: Attachment | None = None
    locale: str = "en"  # the Babel locale the reply is written in: adapters render their own words in it

    def __post_init__(self) -> None:
        _plain(self, "text", "title", "footer")

    def with_announcements(self, *announcements: Announcement) -> "Reply":
        return replace(self, announcements=self.announcements + tuple(announcements))


def _plain(value, *names: str) -> None:
    """Module-level messages (LazyText) become plain text in the locale of the command that built the value."""
    for name in names:
        text = getattr(value, name)
        if text is not None and type(text) is not str:
            object.__setattr__(value, name, str(text))


def error_reply(message: str, usage: str | None = None) -> Reply:
    """The one-line answer to a mistake, with the usage line when there is one."""
    footer = _("Usage: {usage}").format(usage=localized_usage(usage)) if usage else None
    return Reply(text=message, is_error=True, footer=footer)
