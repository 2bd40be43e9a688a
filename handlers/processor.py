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
from handlers.i18n import N_, _, set_locale, using_locale
from handlers.i18n.aliases import english_options
from handlers.i18n.speaker import speaking_locale, spoken
from handlers.i18n.tags import locale_id
from handlers.observe import FAILED, OK, REFUSED, UNKNOWN_COMMAND, NoObserver, Observer
from handlers.parsing.tails import join_value_tails
from handlers.parsing.tokens import split_options, strip_command_prefix, tokenize
from handlers.ports import StorePort, WorkspacePort, WouldWait
from handlers.quick_lane import QuickLane
from handlers.registry import Registry
from handlers.reply import Reply, error_reply

log = logging.getLogger(__name__)

INTERNAL_ERROR = N_("Something went wrong on my side, and nothing was changed. Please try again in a moment.")
# What `handle` returns for a delivery whose once_key was claimed before: the platform already has its answer.
ALREADY_HANDLED = Reply(text="")



def _command_words(tokens) -> list[str]:
    """The leading plain words (at most two) that can name a command."""
    words = []
    for token in tokens[:2]:
        if token.key is not None or token.quoted:
            break
        words.append(token.text)
    return words


class Replayed(Exception):
    """The delivery was handled before: nothing is done again."""


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
        self.quick = QuickLane()

    async def handle_async(self, request: Request) -> Reply:
        """`handle` for the adapters, which are asynchronous while storage is not.

        A command whose recent runs were all short runs right here on the event loop, where SQLite's reads
        never wait and a write runs when the write lock is free; anything else runs on a worker thread. A
        worker thread costs a millisecond command several: the hand-off both ways and its turns at the GIL,
        each one a wait behind the event loop under load (bench/slash_ack.py measures the difference).
        A write that finds this process's other writer busy (a long command on a worker thread) awaits its
        turn here, letting the loop's other commands run meanwhile; one that would wait for another process
        goes to a worker thread to wait there.
        """
        while self.store.runs_on_loop:
            try:
                return self.handle(request, wait=False)
            except WouldWait as would_wait:
                if would_wait.until is None:
                    break
                await would_wait.until()
        return await asyncio.to_thread(self.handle, request)

    async def submit_async(self, submission: FormSubmission) -> Reply:
        return await asyncio.to_thread(self.submit, submission)

    def is_private(self, command_line: str = "", form_id: str = "") -> bool:
        """Whether a pressed button's command (or a submitted form) must leave no idempotency key behind:
        its handler de-duplicates it without recording who sent what."""
        if form_id:
            entry = self.forms.get(form_id)
            return bool(entry) and self.registry.specs[entry[0]].private
        try:
            return self.registry.is_private(_command_words(tokenize(strip_command_prefix(command_line))))
        except UserError:
            return False

    def handle(self, request: Request, wait: bool = True) -> Reply:
        """Run a typed command line; mistakes come back as a short error reply, never a traceback.

        Without `wait` (on the event loop) it raises WouldWait, having changed nothing, rather than run a
        command that is not known to be short, or wait for the database."""
        started = time.perf_counter()
        with using_locale(None):  # the unit of work sets the sender's locale; it ends with the command
            command, reply = self._handle(request, wait)
            reply = spoken(reply)
        self._observe(command, request, started, reply)
        return reply

    def _handle(self, request: Request, wait: bool = True) -> tuple[str, Reply]:
        try:
            tokens = tokenize(strip_command_prefix(request.text))
            spec, used = self.registry.resolve(_command_words(tokens))
        except UserError as error:
            return UNKNOWN_COMMAND, error_reply(error.message, error.usage)
        if not wait and not self.quick.fits(spec.name):
            raise WouldWait("not known to be short")
        try:
            args, options = split_options(join_value_tails(english_options(tokens[used:])))
        except UserError as error:
            return spec.name, error_reply(error.message, spec.usage)
        cpu = time.thread_time()
        reply = self._run(request, lambda ws, me, now: spec.run(
            Call(ws, me, request, args, options, now, spec.usage, self.registry, self.public_url)), spec.usage,
            spec.read_only, wait)
        self.quick.record(spec.name, time.thread_time() - cpu)
        return spec.name, reply

    def submit(self, submission: FormSubmission) -> Reply:
        """Run a submitted form (Slack modal, Teams card) through the handler that owns it."""
        with using_locale(None):
            return spoken(self._submit(submission))

    def _submit(self, submission: FormSubmission) -> Reply:
        started = time.perf_counter()
        entry = self.forms.get(submission.form_id)
        if entry is None or submission.sender is None or submission.origin is None:
            return error_reply(_("That form is no longer available — run the command again."))
        command_name, submit = entry
        usage = self.registry.specs[command_name].usage
        request = Request(text=command_name, sender=submission.sender, origin=submission.origin)
        reply = self._run(request, lambda ws, me, now: submit(
            Call(ws, me, request, [], {}, now, usage, self.registry, self.public_url), dict(submission.values)), usage)
        self._observe(command_name, request, started, reply)
        return reply

    def _observe(self, command: str, request: Request, started: float, reply: Reply) -> None:
        if reply is ALREADY_HANDLED:
            return
        with using_locale(reply.locale):
            internal = _(INTERNAL_ERROR)
        outcome = OK if not reply.is_error else FAILED if reply.text in (INTERNAL_ERROR, internal) else REFUSED
        self.observer.command_finished(command, request.origin.platform, time.perf_counter() - started, outcome)

    def _run(self, request: Request, body: Callable, usage: str | None, read_only: bool = False,
             wait: bool = True) -> Reply:
        origin, sender = request.origin, request.sender

        def unit(ws: WorkspacePort) -> Reply:
            # May run more than once (the store re-runs it on a transient database failure): the Reply
            # carries posts and announcements out, and the adapter sends them after the commit.
            if request.once_key and not read_only and not ws.claim(request.once_key):
                raise Replayed()
            me = self._people(ws, request)
            set_locale(speaking_locale(ws.workspace, me))
            try:
                return body(ws, me, request.received_at or self.clock())
            except PermissionDenied as error:
                raise UserFacingError(error, None) from None
            except UserError as error:
                raise UserFacingError(error, error.usage or usage) from None
        try:
            return self.store.run(origin.platform, origin.workspace_id, unit, origin.workspace_name,
                                  read_only=read_only, wait=wait)
        except WouldWait:
            raise
        except UserFacingError as failure:
            return error_reply(failure.error.message, failure.usage)
        except Replayed:
            return ALREADY_HANDLED
        except Exception:
            if self.is_private(request.text):  # who sent which answer must not reach a log either
                log.exception("a private command failed on %s", origin.platform)
            else:
                log.exception("command failed: %r from %s/%s", request.text[:200], origin.platform, sender.user_id)
            return error_reply(_(INTERNAL_ERROR))

    @staticmethod
    def _people(ws: WorkspacePort, request: Request):
        """The sender as a person, plus anyone the platform introduced (mentions), on first sight."""
        sender = request.sender
        # The sender first: a workspace's first person becomes its admin, and that is who used the bot.
        me = ws.people.ensure(sender.user_id, sender.display_name, sender.timezone, locale_id(sender.locale))
        for person in request.people:
            ws.people.ensure(person.user_id, person.display_name, person.timezone, locale_id(person.locale))
        return me
