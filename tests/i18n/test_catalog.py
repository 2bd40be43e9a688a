"""The catalogs: every message the code uses (and every command name) is in the zh_CN catalog, translated,
with the same {placeholders}; a fresh clone (no .mo) compiles the .po on first use."""
from __future__ import annotations

import re

from babel.messages.pofile import read_po

from handlers.i18n import _, ngettext, using_locale
from handlers.i18n.catalogs import catalog_locales, compile_po, po_path, translations
from handlers.i18n.extract import template

PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}")


def _catalog(locale: str):
    with po_path(locale).open("rb") as source:
        return read_po(source, locale=locale)


def _key(message):
    return message.context, message.id if isinstance(message.id, str) else tuple(message.id)


def test_zh_cn_has_every_message_the_code_and_the_command_table_use():
    catalog = {_key(m): m for m in _catalog("zh_CN") if m.id}
    missing = [key for key in (_key(m) for m in template() if m.id) if key not in catalog]
    assert not missing, f"zh_CN lacks {len(missing)} messages (run `make i18n` and translate): {missing[:5]}"
    untranslated = [key for key, m in catalog.items() if not (m.string if isinstance(m.string, str) else all(m.string))]
    assert not untranslated, f"zh_CN has empty translations: {untranslated[:5]}"


def test_translations_keep_every_placeholder():
    for message in _catalog("zh_CN"):
        if not message.id or message.context:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        local = message.string if isinstance(message.string, str) else message.string[0]
        if "{" in english and set(PLACEHOLDER.findall(local)) - set(PLACEHOLDER.findall(english)):
            raise AssertionError(f"{local!r} names a placeholder that {english!r} does not fill")


def test_a_missing_mo_is_compiled_from_the_po_in_memory():
    assert "zh_CN" in catalog_locales()
    compiled = compile_po(po_path("zh_CN"))
    assert compiled[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # a gettext .mo, either byte order
    assert translations("zh-Hans-CN".replace("-", "_")).gettext("Usage: {usage}") == "用法：{usage}"


def test_english_is_the_message_itself_and_plurals_follow_the_catalogs_rules():
    with using_locale("en"):
        assert _("Usage: {usage}") == "Usage: {usage}"
        assert [ngettext("deal is", "deals are", n) for n in (1, 2)] == ["deal is", "deals are"]
    with using_locale("zh_CN"):
        assert [ngettext("deal is", "deals are", n) for n in (1, 2)] == ["个商机", "个商机"]  # one form in Chinese
    with using_locale("de_DE"):  # no German catalog yet: English words, German numbers
        assert _("Usage: {usage}") == "Usage: {usage}"


def test_charts_draw_chinese_with_a_cjk_font_not_boxes(recwarn):
    from handlers.analytics.charts import funnel_chart

    with using_locale("zh_CN"):
        chart = funnel_chart("漏斗 — 华能电力，近 30 天", [("线索", 10, "→ 50% 推进"), ("proposal", 5, "")], "x")
    assert chart.png.startswith(b"\x89PNG")
    missing = [str(w.message) for w in recwarn if "missing from font" in str(w.message)]
    assert not missing, missing  # matplotlib warns for every glyph it has to draw as a box


def test_every_catalog_passes_the_checks_make_i18n_compiles_with():
    """`pybabel compile` refuses a catalog whose translation breaks a message's format (python-format and
    python-brace-format); the same checks here, so `make i18n` never fails on a fresh clone."""
    for locale in catalog_locales():
        problems = [(message.id, [str(error) for error in errors]) for message, errors in _catalog(locale).check()]
        assert not problems, f"{locale}: {problems[:3]}"
