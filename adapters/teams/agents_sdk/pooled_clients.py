"""Bot Connector clients kept across turns on one connection pool, so a fan-out of posts neither opens a TCP (and
TLS) connection nor builds a client per message."""
from __future__ import annotations

import asyncio
import weakref

from aiohttp import ClientSession, TCPConnector
from microsoft_agents.activity import RoleTypes
from microsoft_agents.hosting.core import ClaimsIdentity, RestChannelServiceClientFactory, TurnContext
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

# Enough connections for the Messenger's fan-out (a few in flight per workspace) without exhausting sockets.
POOL_LIMIT = 100
RETIRE_AFTER_S = 120.0


class KeptConnectorClient(TeamsConnectorClient):
    """A connector client that outlives the turn: the SDK closes its clients when a turn ends, the factory
    closes these when the pool goes."""

    async def close(self) -> None:
        pass


class KeptUserTokenClient(UserTokenClient):
    """The user-token client, kept the same way (the SDK makes one for every turn, proactive ones too)."""

    async def close(self) -> None:
        pass


class PooledClientFactory(RestChannelServiceClientFactory):
    """The SDK's client factory, except that connector clients are kept per service URL and access token, and
    all of them share one connection pool.

    The SDK builds a fresh client (and with it a ClientSession, a connection and a package-metadata lookup for
    its User-Agent) for each turn; for a proactive post that is every message."""

    def __init__(self, connection_manager, **kwargs) -> None:
        super().__init__(connection_manager, **kwargs)
        # A connector belongs to the loop it was made on: the web server's, or the console's scheduler thread's.
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Pool] = weakref.WeakKeyDictionary()

    def _pool(self) -> _Pool:
        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None or pool.connector.closed:
            pool = self._pools[loop] = _Pool(TCPConnector(limit=POOL_LIMIT))
        return pool

    async def close(self) -> None:
        """Close the kept clients and the connections of the running loop (at shutdown); idempotent."""
        pool = self._pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()

    def _kept(self, kind: type, endpoint: str, token: str, **extra):
        """The kept client of this kind for the endpoint, made anew when the access token changed."""
        pool = self._pool()
        kept = pool.clients.get((kind.__name__, endpoint))
        if kept is not None and kept[0] == token and not kept[1].client.closed:
            return kept[1]
        # A refreshed token gets a new client; the old one's session (which does not own the connector) is
        # closed once the posts that hold it have had time to finish.
        if kept is not None:
            asyncio.get_running_loop().call_later(RETIRE_AFTER_S, _close_later, kept[1])
        base_url = endpoint if endpoint.endswith("/") else endpoint + "/"
        session = ClientSession(base_url=base_url, connector=pool.connector, connector_owner=False)
        client = kind(endpoint=endpoint, token=token, session=session, **extra)
        pool.clients[(kind.__name__, endpoint)] = (token, client)
        return client

    async def create_connector_client(self, context: TurnContext | None, claims_identity: ClaimsIdentity,
                                      service_url: str, audience: str, scopes: list[str] | None = None,
                                      use_anonymous: bool = False) -> ConnectorClientBase:
        if not service_url or not audience or _special(context):
            # The SDK's own checks and its agentic and Copilot Studio clients, unchanged.
            return await super().create_connector_client(context, claims_identity, service_url, audience,
                                                         scopes, use_anonymous)
        provider = (self._ANONYMOUS_TOKEN_PROVIDER if use_anonymous
                    else self._connection_manager.get_token_provider(claims_identity, service_url))
        token = await provider.get_access_token(audience, scopes or claims_identity.get_token_scope())
        return self._kept(KeptConnectorClient, service_url, token)

    async def create_user_token_client(self, context: TurnContext, claims_identity: ClaimsIdentity,
                                       use_anonymous: bool = False) -> UserTokenClient:
        if _special(context):
            return await super().create_user_token_client(context, claims_identity, use_anonymous)
        token = ""
        if not use_anonymous:
            provider = self._connection_manager.get_token_provider(claims_identity, self._token_service_endpoint)
            token = await provider.get_access_token(self._token_service_audience, claims_identity.get_token_scope())
            if not token:  # as the SDK's own factory does
                raise ValueError("Failed to obtain token for user token client")
        return self._kept(KeptUserTokenClient, self._token_service_endpoint, token,
                          app_id=claims_identity.get_app_id())


class _Pool:
    """One loop's connector and the clients kept on it, by (client kind, endpoint): (token, client)."""

    def __init__(self, connector: TCPConnector) -> None:
        self.connector = connector
        self.clients: dict[tuple[str, str], tuple[str, object]] = {}

    async def close(self) -> None:
        for _, client in self.clients.values():
            await client.client.close()
        self.clients.clear()
        await self.connector.close()


def _close_later(client) -> None:
    asyncio.ensure_future(client.client.close())


def _special(context: TurnContext | None) -> bool:
    """Agentic requests and Copilot Studio's connector users take the SDK's own client paths."""
    if context is None:
        return False
    recipient = context.activity.recipient
    return context.activity.is_agentic_request() or bool(recipient and recipient.role == RoleTypes.connector_user)
