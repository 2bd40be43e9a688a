"""The Azure bot identity in the shape botbuilder reads: its configuration object and, for certificates, a factory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from botframework.connector.auth import CertificateServiceClientCredentialsFactory, ServiceClientCredentialsFactory
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from adapters.teams.config import TeamsConfig


@dataclass(frozen=True)
class BotbuilderConfiguration:
    """The attribute-style object ConfigurationBotFrameworkAuthentication reads."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str | None


def botbuilder_configuration(config: TeamsConfig) -> BotbuilderConfiguration:
    """Without an app id botbuilder disables authentication only for its MultiTenant type."""
    app_type = config.app_type if config.authenticated else "MultiTenant"
    return BotbuilderConfiguration(APP_ID=config.app_id, APP_PASSWORD=config.app_password,
                                   APP_TYPE=app_type, APP_TENANTID=config.tenant_id or None)


def certificate_factory(config: TeamsConfig) -> ServiceClientCredentialsFactory | None:
    """For a certificate bot: its private key and SHA-1 thumbprint, read from the PFX file both SDKs take."""
    if not config.certificate_file or config.app_type == "UserAssignedMSI":
        return None
    key, certificate, _ = pkcs12.load_key_and_certificates(Path(config.certificate_file).read_bytes(), None)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode("ascii")
    thumbprint = certificate.fingerprint(hashes.SHA1()).hex().upper()
    tenant = config.tenant_id if config.app_type == "SingleTenant" else None
    return CertificateServiceClientCredentialsFactory(thumbprint, pem, config.app_id, tenant)
