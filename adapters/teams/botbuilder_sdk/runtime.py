"""The botbuilder side of the Teams seam: CloudAdapter runs turns, continue_conversation posts proactively."""
from __future__ import annotations

import logging

from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes, ConversationReference

from adapters.http_limits import Refused
from adapters.teams.botbuilder_sdk.credentials import botbuilder_configuration, certificate_factory
from adapters.teams.botbuilder_sdk.keys import fetch_keys_without_blocking
from adapters.teams.botbuilder_sdk.sdk_speed import cheap_connector_clients
from adapters.teams.config import TeamsConfig
from adapters.teams.retry import parse_retry_after
from adapters.teams.sdk import ConnectorFailure, OnTurn

log = logging.getLogger(__name__)


class BotbuilderTurn:
    """A botbuilder TurnContext seen through the shared Turn port."""

    def __init__(self, context: TurnContext, activity: dict) -> None:
        self.context, self.activity = context, activity

    async def send(self, message: dict) -> str | None:
        response = await self.context.send_activity(Activity().deserialize(message))
        return response.id if response else None

    async def answer_invoke(self, status: int, body: dict | None) -> None:
        value = InvokeResponse(status=status, body=body)
        await self.context.send_activity(Activity(type=ActivityTypes.invoke_response, value=value))

    async def member(self, account_id: str) -> dict | None:
        member = await TeamsInfo.get_member(self.context, account_id)
        return member.serialize() if member else None


class BotbuilderSdk:
    """Implements the shared TeamsSdk port on botbuilder's CloudAdapter."""

    name = "botbuilder"

    def __init__(self, config: TeamsConfig) -> None:
        self.app_id = config.app_id
        self.auth = ConfigurationBotFrameworkAuthentication(botbuilder_configuration(config),
                                                            credentials_factory=certificate_factory(config))
        self.adapter = CloudAdapter(self.auth)
        self.adapter.on_turn_error = report_turn_error

    def parse(self, body: dict) -> Activity:
        try:
            return Activity().deserialize(body)
        except Exception as error:  # msrest's DeserializationError and friends, for wrongly typed fields
            raise Refused(400, f"unreadable activity: {type(error).__name__}") from None

    async def authenticate(self, activity: Activity, authorization: str) -> object:
        return await self.auth.authenticate_request(activity, authorization)

    async def process(self, identity: object, activity: Activity, body: dict, on_turn: OnTurn):
        invoke = await self.adapter.process_activity(identity, activity,
                                                     lambda context: on_turn(BotbuilderTurn(context, body)))
        return (int(invoke.status), invoke.body) if invoke is not None else None

    async def post(self, reference: dict, message: dict) -> str | None:
        outcome: dict[str, object] = {}

        async def deliver(context: TurnContext) -> None:
            # The continuation turn carries a made-up activity id; without it the post is a new message
            # (POST .../activities) rather than a reply to a message that never existed.
            context.activity.id = None
            try:
                response = await context.send_activity(Activity().deserialize(message))
                outcome["id"] = response.id if response else None
            except Exception as error:  # kept from the adapter's turn-error handler, which would swallow it
                outcome["error"] = error

        await self.adapter.continue_conversation(ConversationReference().deserialize(reference), deliver,
                                                 self.app_id or None)
        if "error" in outcome:
            raise as_failure(outcome["error"])
        return outcome.get("id")

    async def close(self) -> None:
        pass  # botbuilder's connector clients (msrest) keep no connections between posts


def as_failure(error: object) -> BaseException:
    """msrest's HTTP errors as the shared ConnectorFailure; anything else as it is."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    if not isinstance(status, int):
        return error if isinstance(error, BaseException) else RuntimeError(str(error))
    headers = getattr(response, "headers", None) or {}
    return ConnectorFailure(status, parse_retry_after(headers.get("Retry-After")))


async def report_turn_error(turn_context: TurnContext, error: Exception) -> None:
    log.error("teams: turn failed for activity %s: %r", turn_context.activity.id, error)


def build_sdk(config: TeamsConfig) -> BotbuilderSdk:
    fetch_keys_without_blocking()
    cheap_connector_clients()
    return BotbuilderSdk(config)
