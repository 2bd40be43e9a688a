"""Long lists in pages of 50: `page=<n>`, the "showing 1–50 of 77" line and the More button."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace as dc_replace
from functools import wraps
from typing import Callable

from handlers.i18n import _
from handlers import crm_wording as say
from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.tokens import Token, show_token, strip_command_prefix, tokenize
from handlers.reply import Action, Reply

PAGE_SIZE = 50
MAX_PAGE = 100_000
_NUMBER = re.compile(r"[0-9]{1,6}")


def parse_page(text: str) -> int:
    """A page number from 1 up; anything else names the token."""
    word = text.strip()
    if not _NUMBER.fullmatch(word) or not 1 <= int(word) <= MAX_PAGE:
        raise UserError(say.NOT_PAGE.format(token=show_token(word or text)))
    return int(word)


@dataclass(frozen=True)
class Page:
    """Which slice of a list to show."""

    number: int = 1
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def showing(self, shown: int, total: int) -> str:
        """`showing 1–50 of 77` (an empty page reads `showing 0 of 0`)."""
        if not shown:
            return _("showing 0 of {total}").format(total=total)
        return say.SHOWING.format(first=self.offset + 1, last=self.offset + shown, total=total)

    def check(self, total: int, what: str, counted: Callable[[int], str] | None = None) -> None:
        """A page past the end is a mistake worth naming (page 1 of nothing is just empty)."""
        pages = max(1, -(-total // self.size))
        if self.number > pages:
            many = counted(total) if counted else say.plural(total, what)
            raise UserError(say.NO_SUCH_PAGE.format(page=self.number, total=many,
                                                    pages=say.plural(pages, "page")))


def page_of(call: Call) -> Page:
    text = call.option("page")
    return Page(parse_page(text)) if text is not None else Page()


def more_actions(call: Call, page: Page, shown: int, total: int) -> tuple[Action, ...]:
    """A More button (the same command, next page) while rows remain."""
    if page.offset + shown >= total:
        return ()
    return (Action(say.MORE, command_for_page(call.request.text, page.number + 1)),)


def command_for_page(text: str, number: int) -> str:
    """The command line as typed, with `page=` set to `number`."""
    tokens = [t for t in tokenize(strip_command_prefix(text)) if t.key != "page"]
    return " ".join(t.as_typed() for t in tokens + [Token(str(number), key="page")])


def page_rows(run: Callable[[Call], Reply]) -> Callable[[Call], Reply]:
    """A list command whose rows come whole (a few targets, meetings, prompts) shown a page at a time: the
    handler runs without `page=`, and its table is cut to the page, with the count and a More button."""

    @wraps(run)
    def paged(call: Call) -> Reply:
        page = page_of(call)
        reply = run(dc_replace(call, options={k: v for k, v in call.options.items() if k != "page"}))
        if reply.table is None or reply.is_error:
            return reply
        rows, total = reply.table.rows, len(reply.table.rows)
        page.check(total, "row")
        shown = rows[page.offset:page.offset + page.size]
        line = page.showing(len(shown), total)
        text = _("{text} {showing}.").format(text=reply.text, showing=line[0].upper() + line[1:])
        return dc_replace(reply, text=text, table=dc_replace(reply.table, rows=shown),
                          actions=reply.actions + more_actions(call, page, len(shown), total))
    return paged
