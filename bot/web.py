"""The one aiohttp web application: health check, metrics, plus the platform endpoints that are configured."""
from __future__ import annotations

import logging

from aiohttp import web

from bot.bootstrap import App
from bot.health import DatabaseProbe
from adapters.web_pages.csat import mount_csat_pages
from bot.platforms import Mount

log = logging.getLogger(__name__)

APP_KEY = web.AppKey("salesbot", App)
PROBE_KEY = web.AppKey("health-probe", DatabaseProbe)
# Each configured platform adds its routes through its mount, built once with it in bootstrap (bot/platforms.py).


async def healthz(request: web.Request) -> web.Response:
    """200 with the schema revision and scheduler role while the database answers in time, 503 otherwise."""
    try:
        schema = await request.app[PROBE_KEY].schema_revision()
        database = "ok"
    except TimeoutError:
        log.warning("health check: the database did not answer within %.1f s", request.app[PROBE_KEY].timeout)
        schema, database = None, "timeout"
    except Exception as error:  # any driver error means "not healthy", never a crash
        log.warning("health check: database unreachable: %s", error)
        schema, database = None, "unreachable"
    status = 200 if database == "ok" else 503
    return web.json_response({"status": "ok" if status == 200 else "degraded", "database": database,
                              "schema": schema, "scheduler": _scheduler_role(request.app)}, status=status)


def _scheduler_role(web_app: web.Application) -> str:
    """`leader` or `standby` for the scheduler in this process; `off` when it runs elsewhere."""
    from bot.scheduler.runner import SERVICE_KEY

    service = web_app.get(SERVICE_KEY)
    if service is None:
        return "off"
    return "leader" if service.is_leader else "standby"


async def metrics(request: web.Request) -> web.Response:
    """The Prometheus text exposition of this process's counters."""
    body, content_type = request.app[APP_KEY].metrics.exposition(request.headers.get("Accept", ""))
    response = web.Response(body=body)
    response.headers["Content-Type"] = content_type
    return response


@web.middleware
async def count_responses(request: web.Request, handler) -> web.StreamResponse:
    """Count every response by route template (never the raw path: bounded labels) and status."""
    resource = request.match_info.route.resource
    route = resource.canonical if resource is not None else "unmatched"
    observed = request.app[APP_KEY].metrics
    try:
        response = await handler(request)
    except web.HTTPException as error:
        observed.response_sent(route, error.status)
        raise
    except Exception:
        observed.response_sent(route, 500)
        raise
    observed.response_sent(route, response.status)
    return response


def build_web_app(app: App, mounts: list[Mount] | None = None) -> web.Application:
    web_app = web.Application(client_max_size=1024 * 1024, middlewares=[count_responses])
    web_app[APP_KEY] = app
    web_app[PROBE_KEY] = DatabaseProbe(app.engine)
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    mount_csat_pages(web_app, app.store, app.processor.clock)
    for mount in app.mounts if mounts is None else mounts:
        mount(web_app)
    return web_app
