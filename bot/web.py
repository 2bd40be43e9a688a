"""The one aiohttp web application: health check plus the platform endpoints that are configured."""
from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy import text

from bot.bootstrap import App
from bot.platforms import Mount

log = logging.getLogger(__name__)

APP_KEY = web.AppKey("salesbot", App)
# Each configured platform adds its routes through its mount, built once with it in bootstrap (bot/platforms.py).


async def healthz(request: web.Request) -> web.Response:
    """200 with a small status when the database answers, 503 when it does not."""
    app = request.app[APP_KEY]
    try:
        with app.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        database = "ok"
    except Exception as error:  # any driver error means "not healthy", never a crash
        log.warning("health check: database unreachable: %s", error)
        database = "unreachable"
    status = 200 if database == "ok" else 503
    return web.json_response({"status": "ok" if status == 200 else "degraded", "database": database},
                             status=status)


def build_web_app(app: App, mounts: list[Mount] | None = None) -> web.Application:
    web_app = web.Application(client_max_size=1024 * 1024)
    web_app[APP_KEY] = app
    web_app.router.add_get("/healthz", healthz)
    for mount in app.mounts if mounts is None else mounts:
        mount(web_app)
    return web_app
