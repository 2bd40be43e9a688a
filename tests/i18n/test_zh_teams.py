"""The Teams adapter's own words in a zh-CN reply: a form's required-field message, the download button, the
activity-kind choices, and the notes it answers with itself (in the language Teams reports)."""
from __future__ import annotations

import json

from adapters.teams import texts
from adapters.teams.cards import render_card
from handlers.activities import activity_form
from handlers.i18n import using_locale
from handlers.reply import Attachment, Reply
from tests.i18n.whole_language import english_left


def card_strings(card) -> str:
    return json.dumps(card, ensure_ascii=False)


def test_a_chinese_form_card_and_its_download_button_have_no_english_chrome():
    with using_locale("zh_CN"):
        form = activity_form(None, "#12")
    card = render_card(Reply(text=form.text, title=form.title, form=form.form, locale="zh_CN"))
    kinds = next(e for e in card["body"] if e.get("id") == "kind")
    assert [c["title"] for c in kinds["choices"]] == ["电话", "邮件", "会议", "演示", "拜访", "笔记"]
    assert [c["value"] for c in kinds["choices"]][:2] == ["call", "email"]  # the typed words go back
    target = next(e for e in card["body"] if e.get("id") == "target")
    assert target["errorMessage"] == "商机为必填项"
    exported = render_card(Reply(text="导出完成。", attachment=Attachment(b"x", "deals.csv", "商机", url="https://x.test/f"),
                                 locale="zh_CN"))
    assert "下载 deals.csv" in card_strings(exported)
    assert "is required" in card_strings(render_card(Reply(text="x", form=form.form)))  # English stays English


def test_the_adapters_own_notes_follow_the_activity_locale():
    assert texts.words(texts.ALREADY_DONE, {"locale": "zh-CN"}) == "已经处理过了 — 每个按钮只生效一次。"
    assert texts.words(texts.ALREADY_DONE, {"locale": "en-US"}) == texts.ALREADY_DONE
    welcome = texts.note(texts.WELCOME, {"locale": "zh-cn"})
    assert welcome.locale == "zh_CN" and not english_left(welcome.text, {"salesbot"}), welcome.text
