"""Slash command, buttons and modal submissions: each runs the shared command language as the user."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import replace

from slack_bolt.async_app import AsyncApp

from adapters.slack.adapter import SlackAdapter
from adapters.slack.blocks import ACTION_PREFIX, message
from adapters.slack.deadline import LATE, WORKING, within_budget
from adapters.slack.delivery import form_as_message
from adapters.slack.events import publish_home
from adapters.slack.modals import BLOCK_PREFIX, CALLBACK_PREFIX, ModalContext, field_errors, form_id_of, \
    submitted_values
from adapters.slack.replay import first_delivery, replay_key
from adapters.slack.translate import Where, where_from_command, where_from_interaction
from handlers.i18n import N_, _, using_locale
from handlers.context import FormSubmission, Request
from handlers.processor import ALREADY_HANDLED, INTERNAL_ERROR
from handlers.reply import Reply, error_reply

log = logging.getLogger(__name__)

COMMAND = "/sales"
ALREADY_SENT = N_("This form was already sent with these values.")


def response_type(reply: Reply) -> str:
    return "in_channel" if reply.public else "ephemeral"


def register_interactions(bolt: AsyncApp, adapter: SlackAdapter) -> None:
    """Wire /sales, the reply buttons and the form modals to the adapter."""

    @bolt.command(COMMAND)
    async def on_command(ack, body, client, respond):
        await guarded(ack, handle_command(adapter, ack, body, client, respond))

    @bolt.action(re.compile("^" + re.escape(ACTION_PREFIX)))
    async def on_button(ack, body, action, client, respond):
        await ack()  # a button's answer never rides on the acknowledgement, so the work runs after it
        adapter.tasks.spawn(handle_button(adapter, body, action, client, respond), "slack button")

    @bolt.view(re.compile("^" + re.escape(CALLBACK_PREFIX)))
    async def on_submit(ack, body, view, client):
        await guarded(ack, handle_submission(adapter, ack, body, view, client))


async def guarded(ack, work) -> None:
    """Run a listener; if it fails before acknowledging, Slack still gets a 200 with a short apology."""
    try:
        await work
    except Exception:
        log.exception("slack: listener failed")
        if ack.response is None:
            await ack(response_type="ephemeral", **message(error_reply(INTERNAL_ERROR)))


async def handle_command(adapter: SlackAdapter, ack, body: dict, client, respond) -> None:
    """The reply goes back in the acknowledgement (Slack's 3 seconds); forms open as modals."""
    where = where_from_command(body)
    user_id = body.get("user_id", "")

    async def answer() -> tuple[Request, Reply] | None:
        text = body.get("text") or "help"
        request = await adapter.translator.request(client, where, user_id, text, body.get("user_name", ""))
        # The replay key is claimed in the command's own transaction (one write, not two); see replay.py.
        reply = await adapter.run(replace(request, once_key=replay_key(body)))
        return None if reply is ALREADY_HANDLED else (request, reply)

    async def late(result: tuple[Request, Reply] | None) -> None:
        if result is not None:
            await deliver_late(adapter, body, client, respond, *result)

    ready = await within_budget(answer(), adapter.tasks, late)
    if ready is LATE:
        await ack(response_type="ephemeral", text=WORKING)
        return
    if ready is None:  # a replay: Slack already has this command's answer
        await ack()
        return
    request, reply = ready
    if reply.form is not None and body.get("trigger_id"):
        await ack()
        adapter.tasks.spawn(open_form(adapter, client, body["trigger_id"], reply, where, request.text, respond))
        return
    await ack(response_type=response_type(reply), **message(reply))
    if adapter.replies.follows_up(reply):
        adapter.tasks.spawn(adapter.replies.follow_up(where, user_id, reply))


async def deliver_late(adapter: SlackAdapter, body: dict, client, respond, request: Request, reply: Reply) -> None:
    """A slow command's answer, through response_url; a form tries its modal (the trigger may have expired)."""
    where = where_from_command(body)
    if reply.form is not None and body.get("trigger_id"):
        await open_form(adapter, client, body["trigger_id"], reply, where, request.text, respond)
        return
    await respond(response_type=response_type(reply), **message(reply))
    await adapter.replies.follow_up(where, request.sender.user_id, reply)


async def open_form(adapter: SlackAdapter, client, trigger_id: str, reply: Reply, where: Where, command: str,
                    respond) -> None:
    """The modal; if Slack will not open it, a message with a button that tries again."""
    if not await adapter.replies.open_form(client, trigger_id, reply, where):
        await respond(response_type="ephemeral", **message(form_as_message(reply, command)))


async def handle_button(adapter: SlackAdapter, body: dict, action: dict, client, respond) -> None:
    """A button's value is a command line, run as whoever pressed it — once, however often it is pressed."""
    where, user = where_from_interaction(body), body.get("user") or {}
    command = action.get("value") or ""
    if not await first_delivery(adapter, body):
        return
    if not await _first_press(adapter, where.team_id, user.get("id", ""), command, _action_time(action)):
        log.info("slack: a repeated press of a button was ignored")
        return
    request = await adapter.translator.request(client, where, user.get("id", ""), command, user.get("name", ""),
                                               decode=False)
    reply = await adapter.run(request)
    if reply.form is not None and body.get("trigger_id"):
        if await adapter.replies.open_form(client, body["trigger_id"], reply, where):
            return
        reply = form_as_message(reply, command)
    if body.get("response_url"):
        await respond(response_type=response_type(reply), replace_original=False, **message(reply))
        adapter.tasks.spawn(adapter.replies.follow_up(where, request.sender.user_id, reply))
    else:  # App Home buttons have no response URL: the answer goes to the user's DM, and Home is redrawn
        user_id = request.sender.user_id
        adapter.tasks.spawn(adapter.replies.answer(Where(where.team_id, where.team_name), user_id, reply))
        adapter.tasks.spawn(publish_home(adapter, client, where.team_id, user_id))


async def _first_press(adapter: SlackAdapter, team_id: str, user_id: str, command: str, at: float | None) -> bool:
    """A private command (a feedback answer) de-duplicates itself; its press leaves no key naming who pressed."""
    if adapter.processor.is_private(command):
        return True
    return await adapter.claim_click(team_id, user_id, command, at)


def _action_time(action: dict) -> float | None:
    try:
        return float(action.get("action_ts"))
    except (TypeError, ValueError):
        return None


async def handle_submission(adapter: SlackAdapter, ack, body: dict, view: dict, client) -> None:
    """Field errors come back inline (`response_action: errors`); a valid form closes and is confirmed."""
    values, context = submitted_values(view), ModalContext.load(view.get("private_metadata"))
    interaction = where_from_interaction(body)
    where = Where(interaction.team_id, context.workspace_name or interaction.team_name, context.channel_id,
                  context.is_direct)
    user = body.get("user") or {}
    if not await first_delivery(adapter, body):
        await ack()
        return
    private = adapter.processor.is_private(form_id=form_id_of(view))
    if not private and not await adapter.claim(_submission_key(view, values)):
        with using_locale(context.locale):
            await ack(response_action="errors", errors={_first_block(view): _(ALREADY_SENT)})
        return
    sender = await adapter.translator.sender(client, where.team_id, user.get("id", ""), user.get("name", ""))
    reply = await adapter.submit(FormSubmission(form_id_of(view), values, sender, where.origin()))
    if reply.form is not None and reply.form.errors():
        await ack(response_action="errors", errors=field_errors(reply.form))
    elif reply.is_error:
        await ack(response_action="errors", errors={_first_block(view): reply.text[:150]})
    else:
        await ack()
        adapter.tasks.spawn(adapter.replies.answer(where, sender.user_id, reply))


def _submission_key(view: dict, values: dict[str, str]) -> str:
    digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]
    return f"slack:view:{view.get('id', '')}:{digest}"


def _first_block(view: dict) -> str:
    inputs = [b["block_id"] for b in view.get("blocks", []) if b.get("type") == "input" and "block_id" in b]
    return inputs[0] if inputs else BLOCK_PREFIX + "name"
