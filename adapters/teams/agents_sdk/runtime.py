"""The Agents SDK side of the Teams seam: its CloudAdapter runs turns and continues conversations proactively."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

import aiohttp
import jwt
from microsoft_agents.activity import Activity, ActivityTypes, InvokeResponse
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import AuthenticationConstants, ClaimsIdentity, JwtTokenValidator, TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from pydantic import ValidationError

from adapters.http_limits import Refused
from adapters.teams.agents_sdk.credentials import agent_auth_configuration, connection_manager
from adapters.teams.agents_sdk.keys import fetch_keys_without_blocking
from adapters.teams.agents_sdk.pooled_clients import PooledClientFactory
from adapters.teams.config import TeamsConfig
from adapters.teams.inbound import part
from adapters.teams.retry import parse_retry_after
from adapters.teams.sdk import ConnectorFailure, OnTurn

log = logging.getLogger(__name__)
# The Bot Connector's tokens for Teams are issued by the Bot Framework (botbuilder's channel validation
# accepts only this issuer too); anything else is refused before a signing key is ever fetched for it.
CHANNEL_ISSUERS = frozenset({AuthenticationConstants.AGENTS_SDK_TOKEN_ISSUER})


class AgentsTurn:
    """An Agents SDK TurnContext seen through the shared Turn port."""

    def __init__(self, context: TurnContext, activity: dict) -> None:
        self.context, self.activity = context, activity

    async def send(self, message: dict) -> str | None:
        response = await self.context.send_activity(Activity.model_validate(message))
        return response.id if response else None

    async def answer_invoke(self, status: int, body: dict | None) -> None:
        value = InvokeResponse(status=status, body=body)
        await self.context.send_activity(Activity(type=ActivityTypes.invoke_response, value=value))

    async def member(self, account_id: str) -> dict | None:
        """Asked of the team when the message came from one (as Teams expects), else of the chat."""
        scope = part(part(self.activity, "channelData"), "team").get("id") or self.activity["conversation"]["id"]
        client = self.context.services.get(ConnectorClientBase)
        member = await client.conversations.get_conversation_member(scope, account_id)
        return member.model_dump(by_alias=True, exclude_none=True) if member else None


class AgentsSdk:
    """Implements the shared TeamsSdk port on the Agents SDK's CloudAdapter and JwtTokenValidator."""

    name = "agents"

    def __init__(self, config: TeamsConfig) -> None:
        self.app_id, self.authenticated = config.app_id, config.authenticated
        self.auth = agent_auth_configuration(config)
        connections = connection_manager(self.auth)
        self.clients = PooledClientFactory(connections)
        self.adapter = CloudAdapter(connection_manager=connections, channel_service_client_factory=self.clients)
        self.adapter.on_turn_error = report_turn_error

    def parse(self, body: dict) -> Activity:
        try:
            return Activity.model_validate(body)
        except ValidationError as error:
            raise Refused(400, f"unreadable activity: {error.error_count()} invalid fields") from None

    async def authenticate(self, activity: Activity, authorization: str) -> ClaimsIdentity:
        """The token's claims; its service URL claim must name the host the activity asks replies to go to."""
        if not self.authenticated:
            return ClaimsIdentity()
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise PermissionError("no bearer token")
        check_shape(token.strip())
        identity = await JwtTokenValidator(self.auth).validate_token(token.strip())
        claimed = identity.get_claim_value("serviceurl")
        if claimed and _host(claimed) != _host(activity.service_url or ""):
            raise PermissionError("the token was issued for another service URL")
        return identity

    async def process(self, identity: ClaimsIdentity, activity: Activity, body: dict, on_turn: OnTurn):
        invoke = await self.adapter.process_activity(identity, activity,
                                                     lambda context: on_turn(AgentsTurn(context, body)))
        return (int(invoke.status), invoke.body) if invoke is not None else None

    async def post(self, reference: dict, message: dict) -> str | None:
        """A new message in the referenced conversation: the Bot Connector's documented
        `POST v3/conversations/{id}/activities`, on the kept connector client's session (its access token and
        connection pool). The SDK's own call would build a turn, validate the activity into pydantic and dump it
        back, and open a telemetry span: more CPU than the post itself, for every message of a fan-out."""
        identity = self.adapter.create_claims_identity(self.app_id) if self.authenticated else ClaimsIdentity()
        try:
            client = await self.clients.create_connector_client(
                None, identity, reference.get("serviceUrl"), identity.get_token_audience(),
                use_anonymous=identity.allow_anonymous)
            url = f"v3/conversations/{reference['conversation']['id']}/activities"
            async with client.client.post(url, json=outgoing_activity(reference, message)) as response:
                if response.status not in (200, 201, 202):
                    raise ConnectorFailure(response.status, parse_retry_after(response.headers.get("Retry-After")))
                answer = await response.json(content_type=None) if await response.read() else None
        except ConnectorFailure:
            raise
        except Exception as error:
            raise as_failure(error) from None
        return answer.get("id") if isinstance(answer, dict) else None

    async def close(self) -> None:
        await self.clients.close()


def outgoing_activity(reference: dict, message: dict) -> dict:
    """The message activity (JSON) addressed as the SDK's `apply_conversation_reference` addresses it: from the
    bot, to the reference's user, in its conversation; a new message, not a reply."""
    activity = {key: value for key, value in message.items() if key not in ("id", "replyToId")}
    activity.update(channelId=reference.get("channelId"), serviceUrl=reference.get("serviceUrl"),
                    conversation=reference.get("conversation"))
    activity["from"] = reference.get("bot")
    activity.setdefault("recipient", reference.get("user"))
    if reference.get("locale"):
        activity.setdefault("locale", reference["locale"])
    activity.setdefault("inputHint", "acceptingInput")
    return {key: value for key, value in activity.items() if value is not None}


def check_shape(token: str) -> None:
    """An RS256 token naming its key, from the Bot Framework: anything else is refused without a key fetch."""
    header = jwt.get_unverified_header(token)
    issuer = jwt.decode(token, options={"verify_signature": False}).get("iss")
    if header.get("alg") != "RS256" or not header.get("kid") or issuer not in CHANNEL_ISSUERS:
        raise PermissionError("not a Bot Connector token")


def as_failure(error: object) -> BaseException:
    """aiohttp's HTTP errors (what the SDK's connector client raises) as the shared ConnectorFailure."""
    if isinstance(error, aiohttp.ClientResponseError):
        return ConnectorFailure(error.status, parse_retry_after((error.headers or {}).get("Retry-After")))
    return error if isinstance(error, BaseException) else RuntimeError(str(error))


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").casefold()


async def report_turn_error(context: TurnContext, error: Exception) -> None:
    log.error("teams: turn failed for activity %s: %r", context.activity.id, error)


def build_sdk(config: TeamsConfig) -> AgentsSdk:
    fetch_keys_without_blocking()
    return AgentsSdk(config)
