"""The app manifests in Simplified Chinese: the Teams package's zh-CN localization file (valid, complete, in step
with the manifest) and the Slack manifest's zh-CN variant (the same app, its descriptions in Chinese)."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import jsonschema
import yaml

from bot.cli import main
from handlers.commands import build_registry
from handlers.i18n.extract import OPTION_KEYS
from tests.i18n.whole_language import ALWAYS, english_left
from tests.teams.test_teams_package import ENV, SCHEMAS

MANIFESTS = Path(__file__).resolve().parents[2] / "manifests"
# What Teams' localization file schema (MicrosoftTeams.Localization.schema.json, v1.22) allows for the strings
# this app has: the four names and descriptions, and bot command titles and descriptions, with their limits.
LOCALIZATION = {
    "type": "object", "additionalProperties": False,
    "properties": {"$schema": {"type": "string"}, "name.short": {"type": "string", "maxLength": 30},
                   "name.full": {"type": "string", "maxLength": 100},
                   "description.short": {"type": "string", "maxLength": 80},
                   "description.full": {"type": "string", "maxLength": 4000}},
    "patternProperties": {
        r"^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title$": {"type": "string", "maxLength": 32},
        r"^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$": {"type": "string", "maxLength": 128}},
}
# Typed as written in any language: command words, option keys, stage names and scope words in the examples.
COMMAND_WORDS = {word for spec in build_registry().specs.values() for word in spec.name.split()} | set(OPTION_KEYS) | {
    "proposal", "negotiation", "call", "mine", "team", "all"}


def chinese(text: str, *extra: str) -> bool:
    return not english_left(text, ALWAYS | COMMAND_WORDS | set(extra))


def package(tmp_path, monkeypatch, *args: str) -> tuple[int, Path]:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "salesbot.zip"
    return main(["teams-package", "--out", str(out), *args]), out


def test_the_teams_package_carries_a_chinese_localization_file(tmp_path, monkeypatch):
    status, out = package(tmp_path, monkeypatch, "--languages", "zh-CN")
    assert status == 0
    with zipfile.ZipFile(out) as zipped:
        assert sorted(zipped.namelist()) == ["color.png", "manifest.json", "outline.png", "zh-cn.json"]
        manifest, strings = (json.loads(zipped.read(name)) for name in ("manifest.json", "zh-cn.json"))
    schema = json.loads((SCHEMAS / f"MicrosoftTeams.v{manifest['manifestVersion']}.schema.json").read_text())
    jsonschema.Draft4Validator(schema).validate(manifest)
    assert manifest["localizationInfo"] == {"defaultLanguageTag": "en-us",
                                            "additionalLanguages": [{"languageTag": "zh-cn", "file": "zh-cn.json"}]}
    jsonschema.Draft4Validator(LOCALIZATION).validate(strings)
    assert strings["name.short"] == "Contoso Sales" and strings["name.full"].startswith("Contoso Sales - ")
    commands = manifest["bots"][0]["commandLists"][0]["commands"]
    described = {int(re.search(r"commands\[(\d+)\]", key).group(1)): text for key, text in strings.items()
                 if key.endswith(".description")}
    assert sorted(described) == list(range(len(commands)))  # every command, and no command that is not there
    for index, text in described.items():
        title, english = commands[index]["title"], commands[index]["description"]
        assert chinese(text) and (title in text) == (title in english), text  # the same example command
    for key in ("name.full", "description.short", "description.full"):
        assert chinese(strings[key].replace("Contoso Sales", ""), "help"), strings[key]


def test_the_teams_package_is_english_alone_unless_asked_and_names_an_unknown_language(tmp_path, monkeypatch,
                                                                                         capsys):
    status, out = package(tmp_path, monkeypatch)
    with zipfile.ZipFile(out) as zipped:
        assert "localizationInfo" not in json.loads(zipped.read("manifest.json"))
    status, _ = package(tmp_path, monkeypatch, "--languages", "xx-YY")
    assert status != 0 and "xx-YY" in capsys.readouterr().err


def test_the_chinese_slack_manifest_is_the_same_app_with_chinese_descriptions():
    english = yaml.safe_load((MANIFESTS / "slack.yaml").read_text())
    zh = yaml.safe_load((MANIFESTS / "slack.zh-CN.yaml").read_text(encoding="utf-8"))
    words = [zh["display_information"]["description"], zh["features"]["slash_commands"][0]["description"]]
    for manifest in (english, zh):
        manifest["display_information"].pop("description")
        manifest["features"]["slash_commands"][0].pop("description")
        manifest["features"]["slash_commands"][0].pop("usage_hint")
    assert zh == english
    assert all(chinese(text) for text in words), words


async def test_the_chinese_usage_hint_is_a_command_that_works(chat):
    zh = yaml.safe_load((MANIFESTS / "slack.zh-CN.yaml").read_text(encoding="utf-8"))
    hint = zh["features"]["slash_commands"][0]["usage_hint"]
    reply = await chat.say(hint)
    assert not reply.is_error and "华能续约" in reply.text, reply.text
