"""`salesbot teams-package`: the app package (manifest plus two icons) a Teams admin uploads, filled from settings."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from adapters.teams.config import TeamsConfig
from adapters.teams.icons import color_icon, outline_icon
from adapters.variables import Variables
from handlers.errors import SettingsError

MANIFEST = Path(__file__).resolve().parents[2] / "manifests" / "teams" / "manifest.json"
# An Azure AD application (client) id is a GUID; Teams rejects a package whose id is not one.
GUID = re.compile(r"\A[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\Z")
# The manifest schema's limits: name.short 30 characters, developer.name 32.
SHORT_NAME_MAX, DEVELOPER_NAME_MAX = 30, 32
FULL_NAME_TAIL = " - deals, pipeline and sales reminders in chat"
# The app's words in other languages (Teams `localizationInfo`): language tag -> file next to the manifest. A
# file's `{name}` is the app's name from settings.
LANGUAGES = {"zh-CN": "zh-cn.json"}


def app_id_from(settings: Variables) -> str:
    app_id = (settings.get("MICROSOFT_APP_ID") or "").strip()
    if not app_id:
        raise SettingsError("MICROSOFT_APP_ID is not set — register the bot in Azure first (see the Teams docs)")
    if not GUID.match(app_id):
        raise SettingsError(f"MICROSOFT_APP_ID must be the Azure app's client id (a GUID), not {app_id!r}")
    return app_id


def https_url(settings: Variables, name: str, default: str | None = None) -> str:
    """An https URL setting; Teams refuses a package whose developer URLs are not https."""
    value = (settings.get(name) or "").strip() or default
    if not value:
        raise SettingsError(f"{name} is required: the https address of your organisation's page about this bot")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname:
        raise SettingsError(f"{name} must be an https:// URL, not {value!r}")
    return value


def bounded(settings: Variables, name: str, default: str, limit: int) -> str:
    value = (settings.get(name) or "").strip() or default
    if len(value) > limit:
        raise SettingsError(f"{name} must be at most {limit} characters, not {len(value)}")
    return value


def fill_manifest(manifest: dict, settings: Variables) -> dict:
    """The template with the bot's app id, its name and the developer's name and URLs from settings."""
    app_id = app_id_from(settings)
    name = bounded(settings, "SALESBOT_TEAMS_APP_NAME", "salesbot", SHORT_NAME_MAX)
    website = https_url(settings, "SALESBOT_TEAMS_WEBSITE_URL")
    manifest["id"] = manifest["bots"][0]["botId"] = app_id
    manifest["name"] = {"short": name, "full": name + FULL_NAME_TAIL}
    manifest["developer"] = {
        "name": bounded(settings, "SALESBOT_TEAMS_DEVELOPER_NAME", name, DEVELOPER_NAME_MAX),
        "websiteUrl": website,
        "privacyUrl": https_url(settings, "SALESBOT_TEAMS_PRIVACY_URL", website),
        "termsOfUseUrl": https_url(settings, "SALESBOT_TEAMS_TERMS_URL", website),
    }
    return manifest


def build_manifest(settings: Variables, template: Path = MANIFEST) -> dict:
    """The manifest for this installation; the Teams settings the server will run with are checked too."""
    TeamsConfig.from_settings(settings)
    return fill_manifest(json.loads(template.read_text(encoding="utf-8")), settings)


def language_files(manifest: dict, tags: tuple[str, ...], folder: Path = MANIFEST.parent) -> dict[str, dict]:
    """The localization file of each language tag asked for, named in the manifest's `localizationInfo`."""
    unknown = [tag for tag in tags if tag not in LANGUAGES]
    if unknown:
        raise SettingsError(f"no Teams app translation for {', '.join(unknown)} — there is one for "
                            f"{', '.join(LANGUAGES)}")
    if not tags:
        return {}
    name = manifest["name"]["short"]
    files = {LANGUAGES[tag]: _filled(json.loads((folder / LANGUAGES[tag]).read_text(encoding="utf-8")), name)
             for tag in tags}
    manifest["localizationInfo"] = {"defaultLanguageTag": "en-us", "additionalLanguages": [
        {"languageTag": tag.lower(), "file": LANGUAGES[tag]} for tag in tags]}
    return files


def _filled(strings: dict, name: str) -> dict:
    return {key: value.replace("{name}", name) if key.startswith("name.") else value for key, value in strings.items()}


def write_package(settings: Variables, out: Path, languages: tuple[str, ...] = ()) -> Path:
    """Write the zip (manifest.json, color.png, outline.png at its root, and a file per language asked for)
    and return its path."""
    manifest = build_manifest(settings)
    translations = language_files(manifest, languages)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for filename, strings in translations.items():
            package.writestr(filename, json.dumps(strings, indent=2, ensure_ascii=False))
        package.writestr(manifest["icons"]["color"], color_icon())
        package.writestr(manifest["icons"]["outline"], outline_icon())
    return out
