"""`salesbot teams-package`: the app package (manifest plus two icons) a Teams admin uploads."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from adapters.teams.icons import color_icon, outline_icon
from adapters.variables import Variables
from handlers.errors import SettingsError

MANIFEST = Path(__file__).resolve().parents[2] / "manifests" / "teams" / "manifest.json"
PLACEHOLDER = "{{MICROSOFT_APP_ID}}"
# An Azure AD application (client) id is a GUID; Teams rejects a package whose id is not one.
GUID = re.compile(r"\A[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\Z")


def app_id_from(settings: Variables) -> str:
    app_id = (settings.get("MICROSOFT_APP_ID") or "").strip()
    if not app_id:
        raise SettingsError("MICROSOFT_APP_ID is not set — register the bot in Azure first (see the Teams docs)")
    if not GUID.match(app_id):
        raise SettingsError(f"MICROSOFT_APP_ID must be the Azure app's client id (a GUID), not {app_id!r}")
    return app_id


def build_manifest(app_id: str, template: Path = MANIFEST) -> dict:
    """The manifest template with the bot's app id filled in."""
    return json.loads(template.read_text(encoding="utf-8").replace(PLACEHOLDER, app_id))


def write_package(settings: Variables, out: Path) -> Path:
    """Write the zip (manifest.json, color.png, outline.png at its root) and return its path."""
    manifest = build_manifest(app_id_from(settings))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        package.writestr(manifest["icons"]["color"], color_icon())
        package.writestr(manifest["icons"]["outline"], outline_icon())
    return out
