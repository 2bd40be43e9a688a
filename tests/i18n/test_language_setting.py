"""`settings language`: who may set what, bad tags, and the language scheduled posts are written in."""
from __future__ import annotations

from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.snapshot import db_snapshot

FRIDAY = utc("2026-10-30 10:00")


async def test_admins_set_the_workspace_and_everyone_else_only_themselves(chat, store):
    await chat.say("whoami")  # ana, the admin
    bob = chat.as_("bob")
    assert (await bob.say("settings language zh-CN")).text == "今后用中文 (简体, 中国) (zh-CN)回复你。"
    assert (await chat.say("help")).title == "salesbot help"  # the workspace is still English
    assert (await chat.say("settings language zh")).text.startswith("工作区语言已设为中文")
    assert (await chat.as_("carl").say("help")).title == "salesbot 帮助"  # carl has not chosen: the workspace's
    assert (await bob.say("settings language auto me")).text.startswith("今后用中文")  # back to the workspace's
    with store.workspace("console", "acme-sales") as ws:
        assert ws.workspace.locale == "zh_CN" and ws.people.by_platform_id("bob").locale is None


async def test_a_bad_tag_names_itself_and_writes_nothing(chat, engine):
    await chat.say("whoami")
    before = db_snapshot(engine)
    refused = await chat.say("settings language klingon")
    assert refused.is_error and "'klingon' is not a language I know" in refused.text
    assert refused.footer == "Usage: settings language <tag> [me]"
    extra = await chat.say("settings language de me now")
    assert extra.is_error and "'now' was not expected here" in extra.text
    assert db_snapshot(engine) == before


async def test_help_for_one_command_in_chinese(chat):
    await chat.say("settings language zh-CN")
    one = await chat.say("帮助 商机 新增")
    assert one.title == "商机 新增 (deal add)" and one.text == "新建一个归你负责的商机（不带参数则打开表单）"
    assert [f.label for f in one.facts] == ["用法", "示例"]
    assert (await chat.say("help deal add")).title == "商机 新增 (deal add)"


async def test_channel_posts_use_the_workspace_language_and_dms_the_persons(chat, store):
    ana = chat.as_("ana", timezone="UTC")
    await ana.say("settings language zh-CN", at=FRIDAY)
    await ana.say("settings language en me", at=FRIDAY)  # ana reads English; the team reads Chinese
    await ana.say('meeting add "Pipeline review" weekly mon 09:00 remind=30m', at=FRIDAY)
    await ana.say("digest subscribe", at=FRIDAY)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    for hour in ("2026-11-02 08:00", "2026-11-02 08:30"):
        await ticker.tick(utc(hour))
    locales = {(destination.channel_id is not None, reply.locale) for destination, reply in messenger.posts}
    assert (True, "zh_CN") in locales and (False, "en") in locales, locales
