"""`salesbot zoho check|sync` and the clock's periodic sync: Zoho CRM wired to one workspace."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.settings import Settings, SettingsError
from handlers.i18n import N_, _, using_locale
from handlers.i18n.speaker import speaking_locale

log = logging.getLogger(__name__)
# Marked for the catalog here, translated for each admin where it is sent (their own language).
PAUSED_FOR_ADMINS = N_("The Zoho CRM sync is paused until {until} UTC: {why}. Nothing is lost — "
                     "changes wait and go out when it resumes. See docs/zoho.md.")


def zoho_config(settings: Settings):
    from adapters.zoho.config import ZohoConfig

    config = ZohoConfig.from_settings(settings)
    if config is None:
        raise SettingsError("Zoho CRM is not configured: set ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and "
                            "ZOHO_REFRESH_TOKEN (docs/zoho.md)")
    return config


def sync_workspace(settings: Settings, wanted: str | None) -> str:
    return wanted or settings.get("SALESBOT_ZOHO_WORKSPACE") or "console"


async def sync_once(store, config, workspace: tuple[str, str], full: bool = False, clock=None):
    """One sync over a fresh HTTP session; returns its SyncReport."""
    import aiohttp

    from adapters.zoho.client import ZohoClient
    from adapters.zoho.sync import ZohoSync

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        sync = ZohoSync(store, ZohoClient(config, session), workspace, **({"clock": clock} if clock else {}))
        return await sync.run(full)


async def check(config, stage_names: list[str]) -> list[str]:
    """What `zoho check` prints: the org, its users, and how its stages map onto the workspace's."""
    import aiohttp

    from adapters.zoho.client import ZohoClient
    from adapters.zoho.records import FROM_ZOHO, our_stage

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        client = ZohoClient(config, session)
        org, users = await client.org(), await client.users()
    lines = [f"Zoho CRM org: {org.get('company_name', '?')} (id {org.get('id', '?')}) at {client.api_domain}",
             f"{len(users)} active users"]
    lines += [f"  stage {name!r} -> {our_stage(name, stage_names) or 'NOT MAPPED'}" for name in FROM_ZOHO]
    return lines


def run_zoho(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.zoho.client import ZohoPaused
    from bot.dataio import open_store, workspace_of

    config = zoho_config(settings)
    store = open_store(settings)
    workspace = workspace_of(store, sync_workspace(settings, args.workspace))
    if args.action == "check":
        with store.workspace(*workspace) as ws:
            stages = [s.name for s in ws.stages.all()]
        try:
            print("\n".join(asyncio.run(check(config, stages))))
        except ZohoPaused as error:
            print(f"salesbot: {error.message}", file=sys.stderr)
            return 1
        return 0
    report = asyncio.run(sync_once(store, config, workspace, args.full))
    print(report.text())
    return 1 if report.paused else 0


def add_zoho(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("check", "sync"), help="check: verify the credentials, print the org "
                        "and the mapped stages; sync: run one two-way sync")
    parser.add_argument("--workspace", default=None, help="workspace id or name (default: "
                        "$SALESBOT_ZOHO_WORKSPACE, else console)")
    parser.add_argument("--full", action="store_true", help="pull everything, not only what changed")


JOB_ID = "salesbot-zoho-sync"


def periodic_jobs(app) -> dict:
    """The clock's Zoho job, every SALESBOT_ZOHO_SYNC_EVERY minutes, when Zoho CRM is configured."""
    from datetime import timedelta

    from adapters.zoho.config import ZohoConfig

    config = ZohoConfig.from_settings(app.settings)
    if config is None:
        return {}
    return {JOB_ID: (timedelta(minutes=config.every_minutes), lambda: scheduled_sync(app))}


async def scheduled_sync(app) -> None:
    """The clock's job: one sync, and the admins told once when it pauses; a failure never ends the clock."""
    try:
        await _scheduled_sync(app)
    except Exception:
        log.exception("zoho: the scheduled sync failed")


async def _scheduled_sync(app) -> None:
    from handlers.messaging import Destination
    from handlers.reply import Reply

    config = zoho_config(app.settings)
    from bot.dataio import workspace_of

    workspace = await asyncio.to_thread(workspace_of, app.store, sync_workspace(app.settings, None))
    report = await sync_once(app.store, config, workspace)
    log.info("%s", report.text())
    if not report.tell_admins:
        return
    messenger = app.messengers.get(workspace[0])
    with app.store.workspace(*workspace) as ws:
        admins = [(p.platform_user_id, speaking_locale(ws.workspace, p)) for p in ws.people.all() if p.role == "admin"]
    for user_id, locale in admins if messenger else []:
        with using_locale(locale):
            text = _(PAUSED_FOR_ADMINS).format(until=f"{report.paused_until:%Y-%m-%d %H:%M}",
                                               why=report.paused.message)
            await messenger.send(Destination(workspace[0], workspace[1], user_id=user_id),
                                 Reply(text=text, locale=locale))
