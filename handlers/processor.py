"""Runs one command or form submission end to end: parse, resolve, one transaction, one Reply."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from typing import Callable

from handlers.call import Call
from handlers.clock import utc_now
from handlers.context import FormSubmission, Request
from handlers.errors import PermissionDenied, UserError
from handlers.observe import FAILED, OK, REFUSED, UNKNOWN_COMMAND, NoObserver, Observer
from handlers.parsing.tokens import split_options, strip_command_prefix, tokenize
from handlers.ports import StorePort, WorkspacePort
from handlers.registry import Registry
from handlers.reply import Reply, error_reply

log = logging.getLogger(__name__)

INTERNAL_ERROR = "Something went wrong on my side, and nothing was changed. Please try again in a moment."



def _command_words(tokens) -> list[str]:
    """The leading plain words (at most two) that can name a command."""
    words = []
    for token in tokens[:2]:
        if token.key is not None or token.quoted:
            break
        words.append(token.text)
    return words


class UserFacingError(Exception):
    """Carries a UserError out of the transaction so that the transaction rolls back."""

    def __init__(self, error: UserError, usage: str | None) -> None:
        super().__init__(error.message)
        self.error, self.usage = error, usage


class CommandProcessor:
    """The platform-neutral entry point every adapter calls."""

    def __init__(self, store: StorePort, registry: Registry, forms: dict,
                 clock: Callable[[], datetime] = utc_now, observer: Observer | None = None,
                 public_url: str | None = None) -> None:
        self.store, self.registry, self.forms, self.clock = store, registry, forms, clock
        self.public_url = public_url
        self.observer = observer or NoObserver()

    async def handle_async(self, request: Request) -> Reply:
        """`handle` on a worker thread: storage is synchronous, the adapters are not."""
        return await asyncio.to_thread(self.handle, request)

    async def submit_async(self, submission: FormSubmission) -> Reply:
        return await asyncio.to_thread(self.submit, submission)

    def handle(self, request: Request) -> Reply:
        """Run a typed command line; mistakes come back as a short error reply, never a traceback."""
        started = time.perf_counter()
        command, reply = self._handle(request)
        self._observe(command, request, started, reply)
        return reply

    def _handle(self, request: Request) -> tuple[str, Reply]:
        try:
            tokens = tokenize(strip_command_prefix(request.text))
            spec, used = self.registry.resolve(_command_words(tokens))
        except UserError as error:
            return UNKNOWN_COMMAND, error_reply(error.message, error.usage)
        try:
            args, options = split_options(tokens[used:])
        except UserError as error:
            return spec.name, error_reply(error.message, spec.usage)
        return spec.name, self._run(request, lambda ws, me, now: spec.run(
            Call(ws, me, request, args, options, now, spec.usage, self.registry, self.public_url)), spec.usage)

    def submit(self, submission: FormSubmission) -> Reply:
        """Run a submitted form (Slack modal, Teams card) through the handler that owns it."""
        started = time.perf_counter()
        entry = self.forms.get(submission.form_id)
        if entry is None or submission.sender is None or submission.origin is None:
            return error_reply("That form is no longer available — run the command again.")
        command_name, submit = entry
        usage = self.registry.specs[command_name].usage
        request = Request(text=command_name, sender=submission.sender, origin=submission.origin)
        reply = self._run(request, lambda ws, me, now: submit(
            Call(ws, me, request, [], {}, now, usage, self.registry, self.public_url), dict(submission.values)), usage)
        self._observe(command_name, request, started, reply)
        return reply

    def _observe(self, command: str, request: Request, started: float, reply: Reply) -> None:
        outcome = OK if not reply.is_error else FAILED if reply.text == INTERNAL_ERROR else REFUSED
        self.observer.command_finished(command, request.origin.platform, time.perf_counter() - started, outcome)

    def _run(self, request: Request, body: Callable, usage: str | None) -> Reply:
        origin, sender = request.origin, request.sender

        def unit(ws: WorkspacePort) -> Reply:
            # May run more than once (the store re-runs it on a transient database failure): the Reply
            # carries posts and announcements out, and the adapter sends them after the commit.
            me = self._people(ws, request)
            try:
                return body(ws, me, request.received_at or self.clock())
            except PermissionDenied as error:
                raise UserFacingError(error, None) from None
            except UserError as error:
                raise UserFacingError(error, error.usage or usage) from None
        try:
            return self.store.run(origin.platform, origin.workspace_id, unit, origin.workspace_name)
        except UserFacingError as failure:
            return error_reply(failure.error.message, failure.usage)
        except Exception:
            log.exception("command failed: %r from %s/%s", request.text[:200], origin.platform, sender.user_id)
            return error_reply(INTERNAL_ERROR)

    @staticmethod
    def _people(ws: WorkspacePort, request: Request):
        """The sender as a person, plus anyone the platform introduced (mentions), on first sight."""
        sender = request.sender
        # The sender first: a workspace's first person becomes its admin, and that is who used the bot.
        me = ws.people.ensure(sender.user_id, sender.display_name, sender.timezone)
        for person in request.people:
            ws.people.ensure(person.user_id, person.display_name, person.timezone)
        return me
