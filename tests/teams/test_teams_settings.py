"""Teams authentication settings as Microsoft documents them today; a bad combination is one line naming it."""
import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12
from cryptography.x509.oid import NameOID

from adapters.teams.config import TeamsConfig
from adapters.teams.web import build_runtime
from bot.cli import main
from bot.settings import Settings
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.store import Store

APP_ID = "0b5f6a52-6a4e-4a8e-9c55-3c6f3d0e2a11"
TENANT = "a0e78124-8cd4-4887-a704-1d4c829cf888"
SECRET = {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "not-a-real-secret"}
PACKAGE = {"SALESBOT_TEAMS_WEBSITE_URL": "https://intranet.contoso.test/salesbot"}


@pytest.fixture
def pfx(tmp_path) -> str:
    """A self-signed certificate with its key, as the PFX file an admin exports from Key Vault."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "salesbot")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=30))
                   .sign(key, hashes.SHA256()))
    path = tmp_path / "salesbot.pfx"
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"salesbot", key, certificate, None, NoEncryption()))
    return str(path)


def config(env: dict) -> TeamsConfig:
    return TeamsConfig.from_settings(Settings.from_env(env))


def test_single_tenant_with_a_client_secret_is_the_default():
    teams = config(SECRET | {"MICROSOFT_APP_TENANT_ID": TENANT})
    assert (teams.sdk, teams.app_type, teams.tenant_id, teams.credential) == (
        "agents", "SingleTenant", TENANT, "client secret")


def test_an_existing_multi_tenant_bot_is_still_accepted():
    teams = config(SECRET | {"MICROSOFT_APP_TYPE": "multitenant"})
    assert (teams.app_type, teams.tenant_id) == ("MultiTenant", "")


def test_a_user_assigned_managed_identity_needs_no_secret():
    teams = config({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TYPE": "UserAssignedMSI",
                    "MICROSOFT_APP_TENANT_ID": TENANT})
    assert teams.credential == "managed identity"


@pytest.mark.parametrize("sdk", ["agents", "botbuilder"])
@pytest.mark.parametrize("kind", ["secret", "certificate", "managed identity", "multi-tenant"])
def test_each_sdk_takes_each_kind_of_identity(engine, pfx, sdk, kind):
    env = {"secret": SECRET | {"MICROSOFT_APP_TENANT_ID": TENANT},
           "certificate": {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_CERTIFICATE_FILE": pfx,
                           "MICROSOFT_APP_TENANT_ID": TENANT},
           "managed identity": {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TYPE": "UserAssignedMSI",
                                "MICROSOFT_APP_TENANT_ID": TENANT},
           "multi-tenant": SECRET | {"MICROSOFT_APP_TYPE": "MultiTenant"}}[kind]
    teams = config(env | {"SALESBOT_TEAMS_SDK": sdk})
    store = Store(engine)
    runtime = build_runtime(teams, CommandProcessor(store, build_registry(), FORM_HANDLERS), store)
    expected = {"secret": "client secret", "multi-tenant": "client secret"}.get(kind, kind)
    assert runtime.sdk.name == sdk and teams.credential == expected


@pytest.mark.parametrize("env, line", [
    ({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TENANT_ID": TENANT},
     "MICROSOFT_APP_PASSWORD (the client secret) or MICROSOFT_APP_CERTIFICATE_FILE is required"),
    (SECRET, "MICROSOFT_APP_TENANT_ID is required for a SingleTenant bot"),
    (SECRET | {"MICROSOFT_APP_TYPE": "UserAssignedMSI", "MICROSOFT_APP_TENANT_ID": TENANT},
     "MICROSOFT_APP_PASSWORD must not be set for a UserAssignedMSI bot"),
    ({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TYPE": "UserAssignedMSI"},
     "MICROSOFT_APP_TENANT_ID is required for a UserAssignedMSI bot"),
    (SECRET | {"MICROSOFT_APP_TENANT_ID": TENANT, "MICROSOFT_APP_CERTIFICATE_FILE": "salesbot.pfx"},
     "MICROSOFT_APP_CERTIFICATE_FILE and MICROSOFT_APP_PASSWORD are both set"),
    ({"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_TENANT_ID": TENANT, "MICROSOFT_APP_CERTIFICATE_FILE": "/nope.pfx"},
     "MICROSOFT_APP_CERTIFICATE_FILE: no such file"),
    (SECRET | {"MICROSOFT_APP_TYPE": "Tenantless"}, "MICROSOFT_APP_TYPE must be"),
    (SECRET | {"MICROSOFT_APP_TENANT_ID": TENANT, "SALESBOT_TEAMS_SDK": "bolt"}, "SALESBOT_TEAMS_SDK must be"),
])
def test_an_invalid_combination_is_one_line_naming_the_variable(tmp_path, monkeypatch, capsys, env, line):
    for name, value in (env | PACKAGE).items():
        monkeypatch.setenv(name, value)
    assert main(["teams-package", "--out", str(tmp_path / "x.zip")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and line in err
    assert not (tmp_path / "x.zip").exists()
