"""The command language in zh-CN through the real handlers on a real database (both backends), English
beside it unchanged, and a German-locale person's amounts."""
from __future__ import annotations

import re

from adapters.console.render import render_reply, render_table, width
from handlers.reply import Table
from tests.support.chat import reply_text

ASCII_LEFT = re.compile(r"[A-Za-z]{3,}")


def english_left(text: str, allowed: tuple[str, ...]) -> list[str]:
    """Words of three or more Latin letters that are neither names nor commands nor the given exceptions."""
    for word in allowed:
        text = text.replace(word, "")
    return ASCII_LEFT.findall(text)


async def test_the_done_means_path_answers_in_chinese(chat):
    await chat.say("whoami")  # ana: the workspace's first person, its admin
    first = await chat.say("设置 语言 zh-CN")
    assert first.text.startswith("工作区语言已设为中文") and not first.is_error
    listing = await chat.say("帮助")
    assert listing.title == "salesbot 帮助"
    assert ("商机 新增 (deal add)", "新建一个归你负责的商机（不带参数则打开表单）") in listing.table.rows
    assert ("漏斗 (funnel)", "逐阶段：进入、推进、转化率、天数，以及瓶颈") in listing.table.rows
    added = await chat.say('商机 新增 "华能电力 扩容" 12万 阶段=proposal')
    assert added.text == "已新增商机 #1：华能电力 扩容，US$120,000，proposal。"
    assert {f.label: f.value for f in added.facts}["金额"] == "US$120,000"
    assert not english_left(reply_text(added), ("proposal", "salesbot", "Ana", "deal", "stage", "won", "lost", "log",
                                                "negotiation", "US"))
    funnel = await chat.say("漏斗")
    assert funnel.title == "漏斗" and "近 30 天" in funnel.text, funnel.text


async def test_chinese_money_dates_and_keywords(chat):
    await chat.say("settings language zh-CN")
    await chat.say("settings currency CNY")
    added = await chat.say('商机 新增 "北京华能电力" ¥1.5万 成交日＝下周五 客户="华能集团"')
    assert not added.is_error, added.text
    facts = {f.label: f.value for f in added.facts}
    assert facts["金额"] == "¥15,000" and facts["客户"] == "华能集团"
    assert re.fullmatch(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日", facts["成交日"]), facts["成交日"]
    wrong = await chat.say('商机 新增 "X" 12.000')
    assert wrong.is_error and "有歧义" in wrong.text and wrong.footer.startswith("用法：")


async def test_english_commands_still_work_and_stay_english_for_an_english_person(chat):
    await chat.say("settings language zh-CN")  # the workspace speaks Chinese...
    bob = chat.as_("bob")
    assert (await bob.say("settings language en me")).text == "You now get answers in English (en)."
    added = await bob.say('deal add "Acme renewal" 12k stage=proposal')  # ...bob chose English
    assert added.text == "Deal #1 added: Acme renewal, $12,000, proposal."
    assert (await chat.say("deal show #1")).facts[0].label == "金额"  # ana still reads Chinese
    unknown = await bob.say("帮助me")
    assert unknown.is_error and "is not a command" in unknown.text


async def test_a_german_person_writes_twelve_thousand_with_a_dot(chat, store):
    hans = chat.as_("hans")
    await chat.say("whoami")
    await hans.say("settings language de me")
    added = await hans.say('deal add "X" 12.000')
    assert not added.is_error, added.text
    assert "12.000\xa0$" in added.text  # German numbers, English words: there is no German catalog yet
    with store.workspace("console", "acme-sales") as ws:
        assert ws.deals.by_number(1).amount_minor == 1_200_000
    assert "ambiguous" in (await hans.say('deal add "Y" 12,000')).text


async def test_find_finds_chinese_words_inside_names(chat):
    await chat.say('deal add "北京华能电力" 5k')
    await chat.say('deal add "上海京北贸易" 5k')
    await chat.say('deal add "Beijing Acme" 5k')
    found = await chat.say("find 北京")
    names = [row[2] for row in found.table.rows]
    assert names == ["北京华能电力"], found.text  # 京北 is not 北京
    assert [row[2] for row in (await chat.say("find 华能电力")).table.rows] == ["北京华能电力"]
    assert len((await chat.say("find 京")).table.rows) == 2


def test_console_tables_line_up_chinese_by_display_width():
    table = Table(("名称", "Amount"), (("华能电力 扩容", "¥120,000"), ("Acme", "$5,000"), ("北京", "¥1")), "lr")
    lines = render_table(table)
    # The last column is right-aligned: every line ends in the same terminal column (two per Chinese character).
    assert {width(line) for line in lines} == {width("华能电力 扩容") + 2 + len("¥120,000")}


async def test_console_words_follow_the_reply_locale(chat):
    await chat.say("settings language zh-CN")
    shown = render_reply(await chat.say("商机 新增 \"X\""))
    assert shown.startswith("错误：缺少金额") and "用法：deal add" in shown
    assert render_reply(await chat.say("商机 新增")).startswith("== 新商机 ==")
