"""`salesbot teams-package`: the zip a Teams admin uploads, filled from settings and valid against its schema."""
import json
import struct
import zipfile
from pathlib import Path

import jsonschema
import pytest

from adapters.teams.package import MANIFEST
from bot.cli import main
from handlers.commands import build_registry

APP_ID = "0b5f6a52-6a4e-4a8e-9c55-3c6f3d0e2a11"
TENANT = "a0e78124-8cd4-4887-a704-1d4c829cf888"
ENV = {"MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "not-a-real-secret",
       "MICROSOFT_APP_TENANT_ID": TENANT, "SALESBOT_TEAMS_APP_NAME": "Contoso Sales",
       "SALESBOT_TEAMS_WEBSITE_URL": "https://intranet.contoso.test/salesbot",
       "SALESBOT_TEAMS_PRIVACY_URL": "https://intranet.contoso.test/privacy"}
SCHEMAS = Path(__file__).parent / "schema"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def package(tmp_path, monkeypatch, env: dict) -> tuple[int, Path]:
    for name in ("MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID", "MICROSOFT_APP_TYPE",
                 "MICROSOFT_APP_CERTIFICATE_FILE", "SALESBOT_TEAMS_SDK") + tuple(ENV):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "dist" / "salesbot.zip"
    return main(["teams-package", "--out", str(out)]), out


def read_manifest(out: Path) -> dict:
    with zipfile.ZipFile(out) as zipped:
        return json.loads(zipped.read("manifest.json"))


def test_package_holds_manifest_filled_from_settings_and_two_icons(tmp_path, monkeypatch, capsys):
    status, out = package(tmp_path, monkeypatch, ENV)
    assert status == 0 and str(out) in capsys.readouterr().out
    with zipfile.ZipFile(out) as zipped:
        assert sorted(zipped.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert png_size(zipped.read("color.png")) == (192, 192)
        assert png_size(zipped.read("outline.png")) == (32, 32)
    manifest = read_manifest(out)
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert manifest["name"]["short"] == "Contoso Sales"
    assert manifest["developer"] == {"name": "Contoso Sales", "websiteUrl": ENV["SALESBOT_TEAMS_WEBSITE_URL"],
                                     "privacyUrl": ENV["SALESBOT_TEAMS_PRIVACY_URL"],
                                     "termsOfUseUrl": ENV["SALESBOT_TEAMS_WEBSITE_URL"]}
    assert sorted(manifest["bots"][0]["scopes"]) == ["groupChat", "personal", "team"]
    assert "example.com" not in json.dumps(manifest) and "filled in" not in json.dumps(manifest)


def test_manifest_validates_against_the_schema_version_it_declares(tmp_path, monkeypatch):
    _, out = package(tmp_path, monkeypatch, ENV)
    manifest = read_manifest(out)
    version = manifest["manifestVersion"]
    assert manifest["$schema"].endswith(f"/teams/v{version}/MicrosoftTeams.schema.json")
    schema = json.loads((SCHEMAS / f"MicrosoftTeams.v{version}.schema.json").read_text())
    jsonschema.Draft4Validator(schema).validate(manifest)


def test_the_schema_check_catches_a_broken_manifest(tmp_path, monkeypatch):
    _, out = package(tmp_path, monkeypatch, ENV)
    manifest = read_manifest(out) | {"accentColor": "blue"}
    schema = json.loads((SCHEMAS / f"MicrosoftTeams.v{manifest['manifestVersion']}.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(manifest)


@pytest.mark.parametrize("changes, variable", [
    ({"MICROSOFT_APP_ID": ""}, "MICROSOFT_APP_ID is not set"),
    ({"SALESBOT_TEAMS_WEBSITE_URL": ""}, "SALESBOT_TEAMS_WEBSITE_URL is required"),
    ({"SALESBOT_TEAMS_PRIVACY_URL": "http://intranet.contoso.test/privacy"}, "SALESBOT_TEAMS_PRIVACY_URL must be"),
    ({"SALESBOT_TEAMS_APP_NAME": "A name far longer than thirty characters"}, "SALESBOT_TEAMS_APP_NAME"),
    ({"MICROSOFT_APP_TENANT_ID": ""}, "MICROSOFT_APP_TENANT_ID is required for a SingleTenant bot"),
])
def test_bad_package_settings_are_one_line_naming_the_variable(tmp_path, monkeypatch, capsys, changes, variable):
    status, out = package(tmp_path, monkeypatch, {k: v for k, v in (ENV | changes).items() if v})
    err = capsys.readouterr().err.strip()
    assert status == 2 and err.count("\n") == 0 and variable in err
    assert not out.exists()


def test_manifest_commands_are_real_commands_with_short_descriptions():
    manifest = json.loads(MANIFEST.read_text())
    registry = build_registry()
    [command_list] = manifest["bots"][0]["commandLists"]
    for command in command_list["commands"]:
        assert command["title"] in registry.specs
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert len(command_list["commands"]) <= 10
