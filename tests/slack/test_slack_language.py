"""Slack users.info `locale` picks the language of a person who has not chosen one; a choice wins over it."""
from __future__ import annotations

from tests.slack.signed import TEAM, USER
from tests.slack.test_slack_commands import block_text

WEI = "U0WEI00001"


async def test_a_slack_user_set_to_chinese_is_answered_in_chinese(bot, fake_slack):
    await bot.slack.command("whoami")  # ana (en-US) is the workspace's first person
    fake_slack.add_user(WEI, "Wang Wei", "Asia/Shanghai", locale="zh-CN")
    ack = await bot.slack.command('商机 新增 "华能电力 扩容" 12万 阶段=proposal', user=WEI)
    assert "已新增商机 #1：华能电力 扩容，US$120,000，proposal。" in ack["text"]
    assert "标记赢单" in block_text(ack)  # the buttons too
    assert all(call.args.get("include_locale") for call in fake_slack.called("users.info"))
    with bot.store.workspace("slack", TEAM) as ws:
        assert ws.people.by_platform_id(WEI).platform_locale == "zh_CN"
        assert ws.deals.by_number(1).amount_minor == 12_000_000


async def test_english_users_stay_english_and_a_choice_beats_the_platform(bot, fake_slack):
    ack = await bot.slack.command('deal add "Acme renewal" 12k')
    assert "Deal #1 added: Acme renewal, $12,000, lead." in ack["text"]
    await bot.slack.command("settings language zh-CN me")
    ack = await bot.slack.command("help")
    assert "商机 新增 (deal add)" in block_text(ack)
    with bot.store.workspace("slack", TEAM) as ws:
        ana = ws.people.by_platform_id(USER)
        assert (ana.locale, ana.platform_locale) == ("zh_CN", "en_US")
