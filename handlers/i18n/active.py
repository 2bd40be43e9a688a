"""The locale the current command speaks: a context variable set once per command (or scheduled post)."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

DEFAULT_LOCALE = "en"
# A contextvar, not a global: commands run on worker threads (asyncio.to_thread copies the context).
_ACTIVE: ContextVar[str] = ContextVar("salesbot_locale", default=DEFAULT_LOCALE)


def active_locale() -> str:
    """The Babel locale id of the command in flight (`en`, `zh_CN`, `de_DE`)."""
    return _ACTIVE.get()


def set_locale(locale: str | None) -> None:
    """Speak `locale` for the rest of this command; the caller that opened the command restores it."""
    _ACTIVE.set(locale or DEFAULT_LOCALE)


@contextmanager
def using_locale(locale: str | None) -> Iterator[str]:
    """Speak `locale` inside the block, and what was spoken before after it."""
    token = _ACTIVE.set(locale or DEFAULT_LOCALE)
    try:
        yield _ACTIVE.get()
    finally:
        _ACTIVE.reset(token)
