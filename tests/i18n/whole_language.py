"""Support for running the command language in zh-CN on the demo org: a seeded workspace that speaks Chinese,
and the check that a reply has no English left except names (the org's data), commands and typed values."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import String, select

import storage.forecast_models  # noqa: F401  (every table, so the data's names are all known)
import storage.io.models  # noqa: F401
import storage.rhythm_models  # noqa: F401
import storage.schedule_models  # noqa: F401
import storage.task_models  # noqa: F401
from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.i18n.extract import OPTION_KEYS
from handlers.i18n.usage import MENTION, PLACEHOLDER
from handlers.processor import CommandProcessor
from handlers.reply import Reply
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString
from storage.database import make_engine
from storage.migrate import upgrade
from storage.store import Store
from tests.support.chat import Chat, reply_text

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)  # a Wednesday afternoon, as the demo tests use
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
# Columns that hold what people typed or imported: names, titles and notes are shown as written.
DATA_COLUMNS = {"name", "display_name", "handle", "platform_user_id", "title", "notes", "industry", "lost_reason",
                "question", "text", "comment", "topic", "reason", "body", "label", "email", "kind", "stage",
                "from_stage", "to_stage", "currency", "timezone", "home_channel", "metric", "period_label",
                "forecast_category", "category", "status", "outcome"}
# Words a Chinese reader is expected to see: the product, file formats, the units of the trade.
ALWAYS = {"salesbot", "CSV", "XLSX", "PNG", "CSAT", "KPI", "CRM", "Zoho", "Slack", "Teams", "UTC", "ISO", "YYYY",
          "MM", "DD", "NPS", "IANA", "URL", "ID", "DM", "New_York", "America", "Europe", "London", "Asia", "Shanghai"}


def seeded_chinese_demo(folder) -> tuple[Chat, Store]:
    """The demo org seeded at NOW, its workspace language zh-CN, and the manager's chat."""
    engine = make_engine(f"sqlite:///{folder}/zh.db")
    upgrade(engine)
    store = Store(engine)
    seed_demo(store, NOW)
    chat = Chat(CommandProcessor(store, build_registry(), FORM_HANDLERS), store, DEMO_MANAGER, DEMO_WORKSPACE)
    set_to = chat.say_sync("settings language zh-CN", at=NOW)
    assert not set_to.is_error, set_to.text
    return chat, store


def known_words(store: Store) -> set[str]:
    """Every Latin word of the org's own data (names, titles, notes) and of the English command language."""
    words = set(ALWAYS)
    with store.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name in DATA_COLUMNS and _is_text(c)]
            for column in columns:
                for (value,) in connection.execute(select(column).distinct()):
                    words.update(LATIN_WORD.findall(value or ""))
    for spec in build_registry().specs.values():
        # The command's name and the keywords of its usage line are typed as they are in every language;
        # its <placeholders> and @person are translated (handlers/i18n/usage.py), so they do not count.
        words.update(LATIN_WORD.findall(spec.name))
        words.update(LATIN_WORD.findall(PLACEHOLDER.sub(" ", MENTION.sub(" ", spec.usage))))
    words.update(OPTION_KEYS)
    return words


def _is_text(column) -> bool:
    return isinstance(column.type, (String, AutoString))


def english_left(text: str, allowed: set[str]) -> list[str]:
    """Latin words of three letters or more in `text` that are neither data, commands nor `allowed`; text in
    backticks (a command to type) is left out, as it stays English on purpose."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    return [word for word in LATIN_WORD.findall(text) if word not in allowed and word.casefold() not in
            {w.casefold() for w in allowed}]


def assert_chinese(reply: Reply, allowed: set[str], command: str = "") -> None:
    """The reply a Chinese reader gets: not an error unless asked for, and no English words left."""
    left = english_left(reply_text(reply), allowed)
    assert not left, f"{command!r} left English: {sorted(set(left))[:12]}\n{reply_text(reply)[:600]}"
