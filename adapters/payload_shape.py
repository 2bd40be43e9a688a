"""A small type checker for JSON payloads: each platform declares what its listeners read, and odd shapes stop here."""
from __future__ import annotations

from dataclasses import dataclass

NONE = type(None)
TEXT = (str, NONE)


@dataclass(frozen=True)
class ListOf:
    """A list whose items all match `item`; `non_empty` when bolt indexes the first one."""

    item: object
    non_empty: bool = False


def check(value: object, spec: object, path: str) -> str | None:
    if isinstance(spec, tuple):
        return None if any(check(value, option, path) is None for option in spec) else path or "body"
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return path or "body"
        return next((p for key, sub in spec.items() if key in value
                     for p in [check(value[key], sub, _join(path, key))] if p), None)
    if isinstance(spec, ListOf):
        if not isinstance(value, list) or (spec.non_empty and not value):
            return path
        return next((p for i, item in enumerate(value) for p in [check(item, spec.item, f"{path}[{i}]")] if p), None)
    return None if isinstance(value, spec) else path


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
