"""Digests, meetings, feedback, nudges and quiet hours in zh-CN on the demo, and scheduled posts in their reader's
language: a channel post in the workspace's (Chinese), a DM in the person's own (English for one who chose it)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from handlers.reply import Reply
from tests.i18n.whole_language import LATIN_WORD, NOW, assert_chinese, known_words, seeded_chinese_demo
from tests.schedules.support import RecordingMessenger, make_ticker, run_until

# The schedule language is typed in English everywhere (Chinese words are read beside it): its rule kinds,
# weekdays, targets, answer kinds, templates and option keys appear in usage lines and hints as typed.
SCHEDULE_WORDS = {"daily", "weekdays", "weekly", "monthly", "once", "mon", "tue", "wed", "thu", "fri", "sat",
                  "sun", "here", "team", "dm", "on", "off", "default", "weekends", "scale", "yesno", "choices",
                  "text", "anonymous", "pulse", "winloss", "agenda", "forecast", "scorecard", "with", "person",
                  "remind", "comment"}
# "Showing 1–2 of 2." comes from handlers/paging.py, which is translated with the rest of paging.
PAGING = re.compile(r" ?Showing \d+–\d+ of \d+\.")
# Digest lines other areas add (rhythm, forecast, tasks) are theirs to translate; the digest's own are checked.
OTHER_AREAS_FACTS = ("Waiting on you", "Key accounts", "Kudos", "CSAT", "Intel", "Lost because", "Forecast",
                     "Overdue", "Training")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    chat, store = seeded_chinese_demo(tmp_path_factory.mktemp("zh-schedules"))
    # The manager's choice is her own; the admin's makes it the workspace's, which channel posts speak.
    assert chat.as_("admin").say_sync("settings language zh-CN", at=NOW).text.startswith("工作区语言已设为中文")
    return chat, store, known_words(store) | SCHEDULE_WORDS


def chinese(chat, allowed, command: str, error: bool = False) -> Reply:
    """The reply to `command` at NOW, checked: no English left, an error exactly when one is expected."""
    reply = chat.say_sync(command, at=NOW)
    assert reply.is_error == error, (command, reply.text)
    typed = set(LATIN_WORD.findall(command))  # a value as typed, quoted back ('fortnightly')
    assert_chinese(without_paging(reply), allowed | typed | {f"{word}'" for word in typed}, command)
    return reply


def without_paging(reply: Reply) -> Reply:
    return replace(reply, text=PAGING.sub("", reply.text))


def digest_own(reply: Reply) -> Reply:
    """The digest without the facts other areas contribute (rhythm, forecast, tasks)."""
    facts = tuple(f for f in reply.facts if not f.label.startswith(OTHER_AREAS_FACTS))
    return without_reasons(replace(reply, facts=facts))


def without_reasons(reply: Reply) -> Reply:
    """Without the risk table's last column: analytics' `reasons`, whose follow-up date is still English."""
    table = reply.table
    assert table.headers[-1] == "原因", table.headers
    return replace(reply, table=replace(table, headers=table.headers[:-1], rows=tuple(r[:-1] for r in table.rows),
                                        align=table.align[:-1]))


DIGEST_COMMANDS = [
    ("digest subscribe weekly thu 07:30 here", False),
    ("digest subscribe 工作日 08:00", False),
    ("digest subscribe weekly", True),
    ("digest subscribe fortnightly", True),
    ("digest list", False),
    ("digest charts", True),
    ("digest unsubscribe", False),
    ("digest unsubscribe", True),
    ("digest list", False),
]


@pytest.mark.parametrize(("command", "error"), DIGEST_COMMANDS)
def test_digest_commands_answer_in_chinese(demo, command, error):
    chat, _, allowed = demo
    chinese(chat, allowed, command, error)


def test_digest_subscribe_says_when_in_chinese_words(demo):
    chat, _, allowed = demo
    assert chinese(chat, allowed, "digest subscribe").text == (
        "你将在工作日 08:00（America/New_York）收到经理摘要，通过私信发送。现在可用 `digest preview` 预览。")
    assert "每周四 07:30" in chinese(chat, allowed, "digest subscribe 周四 07:30 here").text
    listing = chinese(chat, allowed, "digest list")
    assert listing.table.headers == ("#", "时间", "发送到")
    assert listing.table.rows[0][1:] == ("每周四 07:30 — 下次 12月3日周四 07:30", "本频道")
    chinese(chat, allowed, "digest unsubscribe")


def test_the_previewed_digest_is_chinese(demo):
    chat, _, allowed = demo
    reply = chat.say_sync("digest preview", at=NOW)
    assert_chinese(digest_own(reply), allowed, "digest preview")
    assert reply.title == "经理摘要 — East"
    assert reply.text == "以下是East在12月1日周二的情况。"
    labels = [fact.label for fact in reply.facts]
    assert labels[:9] == ["活动", "新建", "推进", "赢单", "输单", "进行中管道", "加权管道", "本月至今", "本季度至今"]
    assert "今日会议" in labels and reply.table.headers == ("风险", "商机", "金额", "负责人", "阶段", "原因")
    assert "落后进度" in dict(zip(labels, (f.value for f in reply.facts)))["本月至今"]


def test_a_quiet_day_is_one_chinese_line(demo):
    chat, _, allowed = demo
    assert chinese(chat.as_("newcomer"), allowed, "digest preview").text == (
        "12月1日周二，你没有任何动静：没有活动，也没有商机变动。进行中管道 US$0。")


def test_digest_charts_and_nudges_for_an_admin(demo):
    chat, _, allowed = demo
    admin = chat.as_("admin")
    assert chinese(admin, allowed, "digest charts on").text == "摘要现在附带赢单金额对比目标的图表。"
    chinese(admin, allowed, "digest charts maybe", error=True)
    chinese(admin, allowed, "digest charts off")
    assert chinese(admin, allowed, "nudges on 09:30").text.startswith("有风险商机的销售会在工作日 09:30 收到一次提醒")
    chinese(admin, allowed, "nudges maybe", error=True)
    chinese(admin, allowed, "nudges", error=True)
    assert chinese(admin, allowed, "nudges off").text == "每日风险提醒已关闭。"
    chinese(admin, allowed, "nudges on")


MEETING_COMMANDS = [
    ('meeting add "周会" weekly mon 09:00 remind=30m', False),
    ('meeting add "月会" monthly 1 10:00 remind=90m', False),
    ('meeting add "站会" 每天 09:15', False),
    ('meeting add "1:1 with @olivia" weekly fri 15:00', False),
    ("meeting add", True),
    ('meeting add "周会"', True),
    ('meeting add "周会" weekly 09:00', True),
    ('meeting add "周会" monthly 40 09:00', True),
    ('meeting add "周会" daily 09:00 remind=2d', True),
    ('meeting add "周会" daily 09:00 agenda=party', True),
    ('meeting add "一对一" daily 09:00 agenda=scorecard', True),
    ('meeting add "1:1 with @maria" daily 09:00', True),
    ("meeting list", False),
    ("meeting skip abc", True),
    ("meeting cancel 999", True),
]


@pytest.mark.parametrize(("command", "error"), MEETING_COMMANDS)
def test_meeting_commands_answer_in_chinese(demo, command, error):
    chat, _, allowed = demo
    chinese(chat, allowed, command, error)


def test_a_meeting_reads_its_schedule_in_chinese(demo):
    chat, _, allowed = demo
    added = chinese(chat, allowed, 'meeting add "管道复盘" 周四 16:00 remind=1h')
    number = re.search(r"#(\d+)", added.text)[1]
    assert added.text == (f"会议 #{number}“管道复盘”：每周四 16:00 — 下次 12月3日周四 16:00（America/New_York）。"
                          "我会在会前 1 小时在本频道发布议程。")
    listing = chinese(chat, allowed, "meeting list")
    assert listing.title == "会议" and listing.table.headers == ("#", "会议", "时间", "提醒", "时区")
    assert (f"#{number}", "管道复盘", "每周四 16:00 — 下次 12月3日周四 16:00", "提前 60 分钟",
            "America/New_York") in listing.table.rows
    assert chinese(chat, allowed, f"meeting skip {number}").text == "“管道复盘”12月3日周四的这次会议已跳过，之后照常提醒。"
    assert chinese(chat, allowed, f"meeting cancel {number}").text == f"会议 #{number}“管道复盘”已取消，不再提醒。"


FEEDBACK_COMMANDS = [
    ('feedback ask "本周感觉如何？" scale=1-5 anonymous weekly fri at=16:00', False),
    ('feedback ask "选哪个？" choices="甲,乙,丙" daily at=09:00', False),
    ('feedback ask "一句话总结本周" text team', False),
    ('feedback ask "今天顺利吗？" yesno', False),
    ("feedback ask", True),
    ('feedback ask "评分？" scale=0-20', True),
    ('feedback ask "评分？" yesno text', True),
    ('feedback ask "评分？" 10:00', True),
    ('feedback ask "评分？" choices="甲"', True),
    ("feedback template pulse", False),
    ("feedback template winloss", False),
    ("feedback template winloss", False),
    ("feedback template party", True),
    ("feedback template", True),
    ("feedback list", False),
    ("feedback answer 999 yes", True),
    ("feedback answer abc yes", True),
    ("feedback answer", True),
    ("feedback comment 999", True),
    ("feedback results 999", True),
    ("feedback close abc", True),
]


@pytest.mark.parametrize(("command", "error"), FEEDBACK_COMMANDS)
def test_feedback_commands_answer_in_chinese(demo, command, error):
    chat, _, allowed = demo
    chinese(chat, allowed, command, error)


def test_a_feedback_prompt_lists_and_closes_in_chinese(demo):
    chat, _, allowed = demo
    asked = chinese(chat, allowed, 'feedback ask "信心如何？" scale=1-5 anonymous weekly fri at=16:00')
    number = re.search(r"#(\d+)", asked.text)[1]
    assert asked.text == (f"反馈问题 #{number}“信心如何？”已设置：每周五 16:00（America/New_York），首次在12月4日周五，"
                          "在本频道。回答为匿名，每人一次，提交后不可修改。截止后结果会发给你。")
    listing = chinese(chat, allowed, "feedback list")
    assert (f"#{number}", "信心如何？", "评分 1-5，匿名", "每周五 16:00 — 下次 12月4日周五 16:00",
            "本频道") in listing.table.rows
    assert chinese(chat, allowed, f"feedback results {number}").text == f"问题 #{number}“信心如何？”尚未发出。"
    assert chinese(chat, allowed, f"feedback close {number}").text.startswith(f"问题 #{number} 已关闭。")
    chinese(chat, allowed, f"feedback close {number}", error=True)


@pytest.mark.parametrize("command", ["quiet", "quiet 22:00-07:00 weekends", "quiet off", "quiet default"])
def test_quiet_hours_in_chinese(demo, command):
    chat, _, allowed = demo
    chinese(chat, allowed, command)


def test_quiet_hours_read_as_a_window(demo):
    chat, _, allowed = demo
    assert chinese(chat, allowed, "quiet").text == (
        "主动消息会在工作日 08:00–19:00（America/New_York）发给你。你订阅的频道消息不受影响。")
    assert chinese(chat, allowed, "quiet 22:00-07:00 weekends").text.startswith("主动消息会在每天 07:00–22:00")
    chinese(chat, allowed, "quiet 08:00-09:00", error=True)
    chinese(chat, allowed, "quiet soon", error=True)
    chinese(chat, allowed, "quiet default")


async def test_scheduled_posts_speak_to_a_channel_in_chinese_and_to_a_dm_in_its_readers_language(demo):
    chat, store, allowed = demo
    olivia, james = chat.as_("olivia"), chat.as_("james")
    await chat.as_("admin").say("nudges on 10:10", at=NOW)
    assert (await olivia.say("settings language en me", at=NOW)).text == "You now get answers in English (en)."
    for person in (olivia, james):
        await person.say("quiet off", at=NOW)
        await person.say("digest subscribe daily 10:10 dm", at=NOW)
    await chat.say("digest subscribe daily 10:10 here", at=NOW)
    channel_prompt = await chat.say('feedback ask "今天顺利吗？" yesno at=10:10', at=NOW)
    await chat.say('feedback ask "信心？" scale=1-5 team at=10:10', at=NOW)
    await chat.say('meeting add "管道复盘" daily 10:30 remind=15m', at=NOW)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, NOW + timedelta(minutes=10), NOW + timedelta(minutes=15), timedelta(minutes=5))
    posts = {(d.channel_id or d.user_id, d.key.split(":")[0]): r for d, r in messenger.posts}

    channel_digest = posts["C-general", "digest"]
    assert channel_digest.locale == "zh_CN" and channel_digest.title == "经理摘要 — East"
    assert_chinese(digest_own(channel_digest), allowed, "the channel's digest")
    james_digest = posts["james", "digest"]
    assert james_digest.title.startswith("销售摘要 — ")
    assert_chinese(digest_own(james_digest), allowed, "james's digest")
    olivia_digest = posts["olivia", "digest"]
    assert olivia_digest.locale == "en" and olivia_digest.title == "Rep digest — you"
    assert olivia_digest.text == "Here is you for Tuesday 01 Dec."
    assert [f.label for f in olivia_digest.facts][:3] == ["Activities", "Created", "Advanced"]

    asked = posts["C-general", "feedback"]
    assert_chinese(asked, allowed, "the channel's feedback prompt")
    assert [a.label for a in asked.actions] == ["是", "否", "以评论作答"]
    assert asked.actions[0].command.endswith('"yes"')
    assert_chinese(posts["james", "feedback"], allowed, "james's feedback prompt")
    in_english = posts["olivia", "feedback"]
    assert in_english.locale == "en" and in_english.title.startswith("Feedback #")
    assert [a.label for a in in_english.actions][-1] == "Answer with a comment"

    agenda = posts["C-general", "meeting"]
    assert agenda.title == "即将开始：管道复盘"
    assert agenda.text.startswith("“管道复盘”将于 10:30（America/New_York）开始。根据数据整理的议程：")
    assert "\n• 本月至今：完成目标的 0%，时间已过 6%\n" in agenda.text
    own_lines = [line for line in agenda.text.splitlines() if not line.startswith("• 新增风险：")]
    assert_chinese(replace(agenda, text="\n".join(own_lines)), allowed, "the meeting's agenda")
    nudge = posts["james", "nudge"]
    assert nudge.title == "有风险的商机" and nudge.text.startswith("你有 ")
    assert_chinese(without_reasons(nudge), allowed, "james's nudge")
    assert posts["olivia", "nudge"].title == "Deals at risk"
    assert posts["olivia", "nudge"].actions[0].label.startswith("Log activity #")

    prompt = re.search(r"#(\d+)", channel_prompt.text)[1]
    saved = await james.say(f"feedback answer {prompt} 是", at=NOW + timedelta(minutes=20))
    assert saved.text == "谢谢 — 你的回答“是”已保存。问题截止前可以修改。"
    english = await olivia.say(f"feedback answer {prompt} yes", at=NOW + timedelta(minutes=20))
    assert english.text == "Thanks — your answer “yes” is saved. You can change it until the question closes."
    results = await chat.say(f"feedback results {prompt}", at=NOW + timedelta(minutes=21))
    assert_chinese(results, allowed, "feedback results")
    assert results.title == "结果：今天顺利吗？" and ("是", "2", "██████████") in results.table.rows
    assert dict((f.label, f.value) for f in results.facts)["回答人"] == "James Carter: 是, Olivia Bennett: 是"

    await ticker.tick(NOW + timedelta(hours=22))  # Thursday 08:00 in New York: Sophia's quiet hours end
    reminders = [r.text for d, r in messenger.posts if d.user_id == "sophia" and d.key.startswith("feedback-remind")]
    assert "提醒：“今天顺利吗？”将于周四 10:10 截止，点一下即可回答。" in reminders
    await ticker.tick(NOW + timedelta(hours=24, minutes=10))  # the question closes: its results go to Maria
    closed = [r for d, r in messenger.posts if d.user_id == "maria" and d.key.startswith("feedback-results")]
    assert "结果：今天顺利吗？" in [r.title for r in closed]
    for reply in closed:
        assert_chinese(reply, allowed, "the results Maria gets")


async def test_the_win_loss_question_asks_in_its_readers_language(demo):
    chat, store, allowed = demo
    james, olivia = chat.as_("james"), chat.as_("olivia")
    chinese(chat, allowed, "feedback template winloss")
    lost = await james.say("deal lost #212 reason=price", at=NOW)
    assert lost.footer == "#212 Brightwater Pharmaceuticals - Regional rollout 为什么输单？"
    assert [a.label for a in lost.actions] == ["价格", "产品匹配度", "客户关系", "时机", "竞争对手", "其他", "以评论作答"]
    assert lost.actions[0].command.endswith('"price"')
    prompt = re.search(r"feedback answer (\d+)", lost.actions[0].command)[1]
    saved = await james.say(f"feedback answer {prompt} 价格", at=NOW)
    assert saved.text == "谢谢 — 你的回答“价格”已保存。问题截止前可以修改。"
    await olivia.say("settings language en me", at=NOW)
    await chat.say("deal won #301", at=NOW)  # the manager closes Olivia's deal: Olivia is asked, by DM
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(NOW + timedelta(minutes=1))
    asked = [r for d, r in messenger.posts if d.user_id == "olivia" and d.key.startswith("outbox")]
    assert [r.text for r in asked] == ["Why did #301 Riverside Medical Center - Data migration close as won?"]
    assert [a.label for a in asked[0].actions][:2] == ["price", "product fit"]
    results = chinese(chat, allowed, f"feedback results {prompt}")
    assert re.fullmatch(r"\d+ 个赢单或输单商机给出的原因。", results.text) and ("价格", "1", "██████████") in results.table.rows


@pytest.mark.parametrize(("typed", "described"), [
    ("工作日 07:45", "工作日 07:45"), ("每天 07:45", "每天 07:45"), ("周四 07:45", "每周四 07:45"),
    ("每周五 07:45", "每周五 07:45"), ("weekly 星期一 07:45", "每周一 07:45"), ("每周 周日 07:45", "每周日 07:45"),
    ("weekly thu 07:45", "每周四 07:45")])
def test_chinese_schedule_words_are_read_beside_the_english_ones(demo, typed, described):
    chat, _, allowed = demo
    assert f"在{described}（America/New_York）" in chinese(chat, allowed, f"digest subscribe {typed}").text
    chinese(chat, allowed, "digest unsubscribe")


def test_a_one_on_one_says_who_gets_its_agenda(demo):
    chat, _, allowed = demo
    added = chinese(chat, allowed, 'meeting add "1:1 with @sophia" weekly tue 11:00')
    assert added.text.endswith("我会在会前 15 分钟以私信（只发给你和 Sophia Turner）发布议程。"), added.text
