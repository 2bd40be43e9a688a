"""Forecast settings: `forecast map`, `deal forecast` (one deal's override), `settings forecast` and
`forecast remind` (the weekly prompt)."""
from __future__ import annotations

from datetime import time

from babel.dates import get_day_names

from handlers.i18n.dates import local_day
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.forecast import wording
from handlers.forecast.args import PERIOD_KINDS, current_period, parse_category
from handlers.forecast.results import CATEGORIES, DEFAULT_MAP
from handlers.i18n import active_locale
from handlers.lookup import find_deal
from handlers.permissions import is_admin, require_admin, require_deal_access
from handlers.reply import Reply, Table
from handlers.schedules.parse import parse_hhmm
from handlers.schedules.rules import WEEKDAYS, Rule

DEFAULT_REMIND = ("thu", "15:00")


def stage_category(call: Call, stage: str, stage_map: dict[str, str] | None = None) -> str:
    """A stage's category: the workspace's map, else the default (any other open stage is pipeline)."""
    stage_map = call.ws.forecast.stage_map() if stage_map is None else stage_map
    return stage_map.get(stage) or DEFAULT_MAP.get(stage, "pipeline")


def map_stages(call: Call) -> Reply:
    """`forecast map [<stage>=<category>...]` (admins change it; everyone may look)."""
    open_stages = [s.name for s in call.ws.stages.all() if s.outcome == "open"]
    call.reject_extra_args(0)
    changes = {key: parse_category(call, token.text) for key, token in call.options.items()}
    for stage in changes:
        if stage not in open_stages:
            raise UserError(wording.NO_SUCH_STAGE.format(word=stage), call.usage)
    if changes:
        require_admin(call, str(wording.ADMIN_MAP))
    for stage, category in changes.items():
        call.ws.forecast.map_stage(stage, category)
        call.ws.audit.record(call.me.id, "forecast.map", "workspace", call.workspace.id, call.now, stage=stage,
                             category=category)
    stage_map = call.ws.forecast.stage_map()
    rows = tuple((stage, wording.category_name(stage_category(call, stage, stage_map))) for stage in open_stages)
    text = (" ".join(wording.MAP_SET.format(stage=s, category=wording.category_name(c)) for s, c in changes.items())
            or wording.MAP_SHOWN)
    return Reply(text=text, title=wording.TITLE_MAP, table=Table(wording.MAP_HEADERS, rows))


def override_deal(call: Call) -> Reply:
    """`deal forecast <ref> commit|best_case|pipeline|omitted|stage` (`stage` removes the override)."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, str(wording.ARG_DEAL)))
    word = call.arg(1, str(wording.ARG_CATEGORY)).text
    call.reject_extra_args(2)
    category = None if word.casefold() == "stage" else parse_category(call, word, CATEGORIES)
    require_deal_access(call, deal)
    if deal.status != "open":
        raise UserError(wording.OVERRIDE_CLOSED.format(number=deal.number, status=wording.status_name(deal.status)))
    deal.forecast_category, deal.updated_at = category, call.now
    call.ws.audit.record(call.me.id, "deal.forecast", "deal", deal.id, call.now, number=deal.number,
                         category=category)
    default = wording.category_name(stage_category(call, deal.stage))
    if category is None:
        return Reply(text=wording.OVERRIDE_CLEARED.format(number=deal.number, name=deal.name, category=default))
    return Reply(text=wording.OVERRIDE_SET.format(number=deal.number, name=deal.name,
                                                  category=wording.category_name(category), default=default))


def set_period_kind(call: Call) -> Reply:
    """`settings forecast month|quarter` (admins)."""
    call.reject_unknown_options(())
    word = call.arg(0, str(wording.ARG_PERIOD_KIND)).text.casefold()
    call.reject_extra_args(1)
    if word not in PERIOD_KINDS:
        raise UserError(wording.NOT_PERIOD_KIND.format(word=word), call.usage)
    require_admin(call, str(wording.ADMIN_PERIOD))
    call.ws.forecast.set_period_kind(word)
    call.ws.audit.record(call.me.id, "settings.forecast", "workspace", call.workspace.id, call.now, period=word)
    period = current_period(call)
    return Reply(text=wording.PERIOD_SET.format(kind=wording.kind_name(word),
                                                first=local_day(period.first_day, "%b %d", "MMMd"),
                                                last=local_day(period.last_day, "%b %d", "MMMd")))


def set_remind(call: Call) -> Reply:
    """`forecast remind [<weekday> <HH:MM>]|off`: the weekly prompt to every rep (default Thursday 15:00)."""
    call.reject_unknown_options(())
    words = [token.text.casefold() for token in call.args]
    call.reject_extra_args(2)
    if not (is_admin(call.me) or call.me.role == "manager"):
        raise PermissionDenied(wording.REMIND_DENIED)
    existing = call.ws.schedules.active("forecast")
    for old in existing:
        call.ws.schedules.end(old, call.now)
    if words == ["off"]:
        return Reply(text=wording.REMIND_OFF)
    day, at = _day_and_time(call, words)
    call.ws.schedules.add("forecast", owner_id=call.me.id, title="forecast prompt", rule="weekly", rule_day=day,
                          at_time=at, created_at=call.now)
    return Reply(text=wording.REMIND_SET.format(when=_when(day, at)))


def _when(day: int, at: str) -> str:
    """`every Thursday at 15:00` (as the schedules describe a weekly rule), with the locale's weekday name."""
    if active_locale().startswith("en"):
        return Rule("weekly", time.fromisoformat(at), day).describe()
    return wording.REMIND_WHEN.format(weekday=get_day_names("wide", locale=active_locale())[day], at=at)


def _day_and_time(call: Call, words: list[str]) -> tuple[int, str]:
    day_word, at_word = words + list(DEFAULT_REMIND[len(words):])
    if day_word[:3] not in WEEKDAYS:
        raise UserError(wording.NOT_WEEKDAY.format(word=day_word), call.usage)
    try:
        at = parse_hhmm(at_word)
    except UserError as error:
        raise error.with_usage(call.usage) from None
    return WEEKDAYS.index(day_word[:3]), at
