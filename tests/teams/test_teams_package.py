"""`salesbot teams-package`: the zip a Teams admin uploads."""
import json
import struct
import zipfile

from adapters.teams.package import MANIFEST
from bot.cli import main
from handlers.commands import build_registry

APP_ID = "0b5f6a52-6a4e-4a8e-9c55-3c6f3d0e2a11"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_package_holds_manifest_with_app_id_and_two_icons(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    out = tmp_path / "dist" / "salesbot.zip"
    assert main(["teams-package", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        assert png_size(package.read("color.png")) == (192, 192)
        assert png_size(package.read("outline.png")) == (32, 32)
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == APP_ID
    assert sorted(manifest["bots"][0]["scopes"]) == ["groupChat", "personal", "team"]
    assert "{{" not in json.dumps(manifest)


def test_missing_app_id_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    assert main(["teams-package", "--out", str(tmp_path / "x.zip")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "MICROSOFT_APP_ID is not set" in err
    assert not (tmp_path / "x.zip").exists()


def test_manifest_commands_are_real_commands_with_short_descriptions():
    manifest = json.loads(MANIFEST.read_text())
    registry = build_registry()
    [command_list] = manifest["bots"][0]["commandLists"]
    for command in command_list["commands"]:
        assert command["title"] in registry.specs
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert len(command_list["commands"]) <= 10
