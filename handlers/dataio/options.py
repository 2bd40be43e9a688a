"""The options of one import: what the command line (or a caller) asked for, validated once."""
from __future__ import annotations

from dataclasses import dataclass, field

from handlers.dataio.cells import DATE_FORMATS


class ImportRefused(ValueError):
    """A whole-import problem (bad option, unknown kind, unreadable headers): nothing was read or written."""


@dataclass(frozen=True)
class ImportOptions:
    kind: str
    dry_run: bool = False
    create_people: bool = False
    column_map: dict[str, str] = field(default_factory=dict)  # file column -> field
    stage_map: dict[str, str] = field(default_factory=dict)  # file stage -> workspace stage
    decimal: str | None = None  # "." or ","
    date_format: str | None = None  # DD/MM/YYYY, MM/DD/YYYY, … or a strptime format


def pairs(items: list[str] | None, what: str) -> dict[str, str]:
    """`["Deal Title=name", ...]` as a dict; a pair without `=` is refused by name."""
    found = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImportRefused(f"{what} takes NAME=VALUE, not '{item}'")
        found[key.strip()] = value.strip()
    return found


def decimal_mark(text: str | None) -> str | None:
    if text is None:
        return None
    mark = {"comma": ",", "point": ".", "dot": "."}.get(text.casefold(), text)
    if mark not in (",", "."):
        raise ImportRefused(f"--decimal is . or , (or point / comma), not '{text}'")
    return mark


def date_format(text: str | None) -> str | None:
    if text is None or text in DATE_FORMATS or "%" in text:
        return text
    raise ImportRefused(f"--date-format is one of {', '.join(DATE_FORMATS)} (or a strptime format), not '{text}'")
