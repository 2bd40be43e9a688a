"""The Azure bot identity as the Agents SDK's MSAL connection reads it, and the token check that goes with it."""
from __future__ import annotations

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthTypes

from adapters.teams.config import TeamsConfig

# Multi-tenant bots get their tokens from the Bot Framework's own tenant, as botbuilder always did.
MULTI_TENANT_AUTHORITY_TENANT = "botframework.com"


def auth_type(config: TeamsConfig) -> AuthTypes:
    if config.app_type == "UserAssignedMSI":
        return AuthTypes.user_managed_identity
    return AuthTypes.certificate if config.certificate_file else AuthTypes.client_secret


def agent_auth_configuration(config: TeamsConfig) -> AgentAuthConfiguration:
    """The SERVICE_CONNECTION: who the bot is; without an app id, an anonymous one for the Emulator."""
    if not config.authenticated:
        return AgentAuthConfiguration(anonymous_allowed=True)
    tenant = config.tenant_id if config.app_type != "MultiTenant" else MULTI_TENANT_AUTHORITY_TENANT
    return AgentAuthConfiguration(auth_type=auth_type(config), client_id=config.app_id, tenant_id=tenant,
                                  client_secret=config.app_password or None,
                                  cert_pfx_file=config.certificate_file or None)


def connection_manager(auth: AgentAuthConfiguration) -> MsalConnectionManager:
    return MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth})
