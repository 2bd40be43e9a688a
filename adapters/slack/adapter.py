"""The Slack adapter's shared parts: the processor, the user directory, idempotency and follow-up work."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace

from adapters.slack.delivery import ReplySender
from adapters.slack.messenger import SlackMessenger
from adapters.slack.tasks import TaskSet
from adapters.slack.translate import Translator
from handlers.i18n import _, using_locale
from handlers.i18n.tags import locale_id
from handlers.context import FormSubmission, Request
from handlers.processor import INTERNAL_ERROR, CommandProcessor
from handlers.reply import Reply, error_reply
from storage.store import Store

log = logging.getLogger(__name__)


def loggable(processor: CommandProcessor, text: str) -> str:
    """A command line as a log may show it: a private one (a feedback answer) only by its name."""
    return "(a private command)" if processor.is_private(text) else text[:200]

# Two presses of the same button by the same person within this many seconds are one press.
CLICK_WINDOW = 3.0


class SlackAdapter:
    """Everything the listeners share; one per web application."""

    def __init__(self, processor: CommandProcessor, store: Store, messenger: SlackMessenger,
                 translator: Translator) -> None:
        self.processor, self.store, self.messenger, self.translator = processor, store, messenger, translator
        self.replies = ReplySender(messenger)
        self.tasks = TaskSet()

    async def claim(self, key: str) -> bool:
        """True the first time `key` is seen, in any process sharing the database."""
        return await asyncio.to_thread(self.store.claim_once, key)

    async def claim_click(self, team_id: str, user_id: str, command: str, at: float | None = None) -> bool:
        """One effect per button press: a double click or a repeated delivery inside the window is dropped.

        The press claims its own time slot and the next one, so any second press less than one window
        later finds its slot taken, wherever the slot boundary falls.
        """
        slot = int((time.time() if at is None else at) // CLICK_WINDOW)
        base = f"slack:click:{team_id}:{user_id}:{command}"
        if not await self.claim(f"{base}:{slot}"):
            return False
        await self.claim(f"{base}:{slot + 1}")
        return True

    async def run(self, request: Request) -> Reply:
        """The command's reply; an unexpected failure is a short apology, never a traceback."""
        try:
            return await self.processor.handle_async(request)
        except Exception:
            log.exception("slack: command failed: %r", loggable(self.processor, request.text))
            return apology(request.sender.locale)

    async def submit(self, submission: FormSubmission) -> Reply:
        try:
            return await self.processor.submit_async(submission)
        except Exception:
            log.exception("slack: form %s failed", submission.form_id)
            return apology(submission.sender.locale if submission.sender else None)


def apology(tag: str | None) -> Reply:
    """The short apology, in the language Slack reports for the person (their own choice is not known here)."""
    locale = locale_id(tag) or "en"
    with using_locale(locale):
        return replace(error_reply(_(INTERNAL_ERROR)), locale=locale)
