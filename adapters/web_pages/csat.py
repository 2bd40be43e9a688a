"""The customer's one-question CSAT page: plain HTML, no script, readable on a phone."""
from __future__ import annotations

import asyncio
from datetime import datetime
from html import escape
from typing import Callable

from aiohttp import web

from handlers.i18n import using_locale
from handlers.ports import StorePort
from handlers.rhythm import wording
from handlers.rhythm.csat_link import ASK, EXPIRED, THANKS, UNKNOWN, USED, LinkPage, answer_page, open_page

MAX_FORM_BYTES = 8 * 1024
STATUS = {ASK: 200, THANKS: 200, USED: 200, EXPIRED: 410, UNKNOWN: 404}
MESSAGES = {THANKS: wording.PAGE_THANKS, USED: wording.PAGE_USED, EXPIRED: wording.PAGE_EXPIRED,
            UNKNOWN: wording.PAGE_UNKNOWN}
STYLE = ("body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}"
         "fieldset{border:0;padding:0}label{display:block;padding:.6rem;margin:.3rem 0;border:1px solid #ccc;"
         "border-radius:.4rem}textarea{width:100%;min-height:5rem}button{font-size:1.1rem;padding:.6rem 1.4rem}"
         ".error{color:#b00020}")


def mount_csat_pages(web_app: web.Application, store: StorePort, clock: Callable[[], datetime]) -> None:
    """GET shows the question, POST records the answer (once)."""
    async def show(request: web.Request) -> web.Response:
        page = await asyncio.to_thread(open_page, store, request.match_info["token"], clock())
        return _respond(page)

    async def answer(request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_FORM_BYTES:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_FORM_BYTES, actual_size=request.content_length)
        try:
            form = await request.post()
        except (ValueError, UnicodeDecodeError):
            raise web.HTTPBadRequest(text="the form could not be read") from None
        score, comment = str(form.get("score", "")), str(form.get("comment", ""))
        page = await asyncio.to_thread(answer_page, store, request.match_info["token"], score, comment, clock())
        return _respond(page)

    web_app.router.add_get("/csat/{token}", show)
    web_app.router.add_post("/csat/{token}", answer)


def _respond(page: LinkPage) -> web.Response:
    with using_locale(page.locale):  # the customer reads the language of the team that sent the link
        html = _html(page)
    response = web.Response(text=html, content_type="text/html", status=STATUS[page.state])
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the token is the capability: never leak it onwards
    return response


def _html(page: LinkPage) -> str:
    body = _question(page) if page.state == ASK else f"<p>{_text(MESSAGES[page.state])}</p>"
    return (f"<!doctype html><html lang=\"{page.locale.replace('_', '-')}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{_text(wording.PAGE_TITLE)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{_text(wording.PAGE_TITLE)}</h1>{body}</body></html>")


def _text(message: str) -> str:
    """A message in the page's language (str() translates a module-level message), escaped for HTML."""
    return escape(str(message))
def _question(page: LinkPage) -> str:
    question = wording.PAGE_QUESTION.format(workspace=page.workspace, account=page.account)
    error = f"<p class=\"error\">{_text(page.error)}</p>" if page.error else ""
    choices = "".join(f"<label><input type=\"radio\" name=\"score\" value=\"{n}\" required> {n} — "
                      f"{_text(label)}</label>" for n, label in zip(range(5, 0, -1), reversed(wording.PAGE_LABELS)))
    return (f"<form method=\"post\"><fieldset><legend>{escape(question)}</legend>{error}{choices}</fieldset>"
            f"<p><label for=\"comment\" style=\"border:0;padding:0\">{_text(wording.PAGE_COMMENT)}</label>"
            f"<textarea id=\"comment\" name=\"comment\" maxlength=\"1000\"></textarea></p>"
            f"<button type=\"submit\">{_text(wording.PAGE_SEND)}</button></form>")

