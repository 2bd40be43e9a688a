"""The CRM core in zh-CN on the demo org: deals, activities, accounts, contacts, find, undo, stages, teams, roles,
settings and refusals leave no English but names, commands and what was typed."""
from __future__ import annotations

import re

import pytest

from bot.demo import DEMO_PLATFORM, DEMO_WORKSPACE
from handlers.commands import build_registry
from handlers.deal_owner import compose_handover
from handlers.i18n import using_locale
from handlers.i18n.usage import PLACEHOLDER
from tests.i18n.whole_language import LATIN_WORD, NOW, assert_chinese, known_words, seeded_chinese_demo

# The commands of this area; their usage lines' typed keywords (`[mine|team|all|deleted]`, `here|off`) stay English.
COMMANDS = ("deal list", "deal show", "deal update", "deal stage", "deal won", "deal lost", "deal delete",
            "deal restore", "deal history", "deal reassign", "activity list", "activity edit", "activity delete",
            "log", "account list", "account show", "account update", "contact add", "contact list", "contact show",
            "contact update", "find", "undo", "stages", "stages set", "whoami", "team create", "team add",
            "team manager", "team channel", "role", "settings timezone", "settings currency", "settings bigdeal",
            "settings riskdays", "settings visibility")


def typed_keywords() -> set[str]:
    specs = build_registry().specs
    return {word for name in COMMANDS for word in LATIN_WORD.findall(PLACEHOLDER.sub(" ", specs[name].usage))}


TYPED = typed_keywords()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo in Chinese: the admin sets the workspace's language, so everyone, and its channels, read zh-CN."""
    chat, store = seeded_chinese_demo(tmp_path_factory.mktemp("zh_crm"))
    assert not chat.as_("admin").say_sync("settings language zh-CN", at=NOW).is_error
    return chat, store


def check(demo, command: str, who: str | None = None, error: bool = False):
    """Run `command` (as `who`, else the manager) and assert the reply, and any announcement, is Chinese; the
    words typed in the command itself (a wrong value, an email) may come back as typed."""
    chat, store = demo
    reply = (chat.as_(who) if who else chat).say_sync(command, at=NOW)
    assert reply.is_error == error, f"{command!r}: {reply.text}"
    typed = set(LATIN_WORD.findall(command))
    allowed = known_words(store) | TYPED | typed | {f"{word}'" for word in typed}  # 'abc' as the error quotes it
    assert_chinese(reply, allowed, command)
    for announcement in reply.announcements:
        assert_chinese(announcement.reply, allowed, f"{command} (announcement)")
    return reply


def test_deal_lists_cards_and_their_mistakes(demo):
    listed = check(demo, "deal list")
    assert re.fullmatch(r"East的\d+ 个进行中商机（显示第 1–\d+ 条，共 \d+ 条）。", listed.text), listed.text
    assert listed.table.headers == ("#", "商机", "金额", "阶段", "负责人", "成交日")
    check(demo, "deal list team stage=proposal")
    assert "（筛选：amount>=US$50,000）" in check(demo, "deal list amount>=50k").text
    everything = check(demo, "deal list all", who="admin")
    assert [a.label for a in everything.actions] == ["更多"]
    check(demo, "deal list page=9", error=True)
    shown = check(demo, "deal show #250")
    assert shown.text == "商机 #250，创建于 11月11日。"
    assert [f.label for f in shown.facts][-2:] == ["历史", "最近"]
    assert {"记录活动", "历史"} <= {a.label for a in shown.actions}
    check(demo, "deal show", error=True)
    assert check(demo, "deal show #99999", error=True).text == "没有商机 #99999 — `deal list` 列出你的商机"
    assert check(demo, "deal show Harborview", error=True).text.startswith("“Harborview” 匹配多个商机：")


def test_deal_changes_moves_bin_history_and_undo(demo):
    updated = check(demo, "deal update #250 amount=40k close=2027-01-20")
    assert updated.text == "#250 已更新：金额 → US$40,000, 成交日 → 2027年1月20日。"
    check(demo, "deal update #250", error=True)
    check(demo, "deal update #250 owner=@sophia", error=True)
    check(demo, 'deal update #250 name=""', error=True)
    check(demo, "deal stage #250 negotiation")
    check(demo, "deal stage #250 negotiation", error=True)
    check(demo, "team channel East here")  # so wins and losses are announced, and checked, too
    won = check(demo, "deal won #250")
    assert won.text.endswith("赢单，干得漂亮！") and won.announcements[0].reply.locale == "zh_CN"
    lost = check(demo, 'deal lost #244 reason="预算不足"')
    assert lost.text.endswith("已标记为输单：预算不足。")
    assert check(demo, "deal delete #302").actions[0].label == "恢复"
    binned = check(demo, "deal list deleted")
    assert binned.table.headers[-1] == "删除日期"
    check(demo, "deal restore #302")
    check(demo, "deal restore #301", error=True)
    assert check(demo, "undo").text.startswith("已撤销：恢复 #302")
    history = check(demo, "deal history #250")
    assert history.table.headers[0] == "时间" and history.table.headers[2] == "内容"
    moved = check(demo, "deal reassign @james @ethan")
    assert "已从 James Carter 移交给 Ethan Brooks" in moved.text
    with demo[1].workspace(DEMO_PLATFORM, DEMO_WORKSPACE) as ws, using_locale("zh_CN"):  # Ethan's DM, composed
        entry = ws.audit.for_entity("person", ws.people.by_platform_id("james").id)[-1]
        handover = compose_handover(ws, entry.id)
    assert handover.title == "移交给你的商机" and handover.text.startswith("Maria Lopez 把 James Carter 的 ")
    assert_chinese(handover, known_words(demo[1]) | TYPED, "the handover message")
    assert "已回到 James Carter 名下" in check(demo, "undo").text
    check(demo, "deal reassign @james @james", error=True)
    check(demo, "deal reassign @james", error=True)


def test_activities_and_logging(demo):
    listed = check(demo, "activity list")
    assert listed.table.headers == ("编号", "时间", "类型", "对象", "记录人", "备注")
    check(demo, "activity list #250")
    check(demo, "activity list mine")
    check(demo, "activity list team month")
    assert check(demo, 'log call #250 "确认预算"').text.startswith("已在 #250 ")
    check(demo, 'log meeting "Bluestone Analytics" "季度回顾"')
    check(demo, "log foo #250", error=True)
    form = check(demo, "log #250")
    assert form.form.title == "记录活动" and [f.label for f in form.form.fields] == ["商机", "活动", "备注"]
    newest = listed.table.rows[0][0]
    assert check(demo, f'activity edit {newest} "新的备注"').text == f"活动 {newest} 现为“新的备注”。"
    assert check(demo, f"activity delete {newest}").actions[0].label == "撤销"
    assert check(demo, "undo").text.startswith(f"已撤销：删除活动 {newest}")
    check(demo, 'activity edit 999999 "x"', error=True)
    check(demo, "activity edit", error=True)
    check(demo, "activity delete abc", error=True)


def test_accounts_and_contacts(demo):
    accounts = check(demo, "account list")
    assert accounts.table.headers == ("客户", "行业", "负责人", "进行中", "赢单", "最近活动")
    check(demo, "account list all", error=True)  # a manager sees their team's
    shown = demo[0].say_sync('account show "Bluestone Analytics"', at=NOW)
    own = [f for f in shown.facts if f.label in ("行业", "负责人", "联系人", "最近活动", "未完成任务")]
    assert len(own) == 5 and shown.text == "与 Bluestone Analytics 的5 个商机。"
    assert [a.label for a in shown.actions] == ["商机", "联系人", "新增联系人"]
    assert shown.table.headers == ("#", "商机", "金额", "阶段")
    assert check(demo, 'account update "Bluestone Analytics" industry=零售').text == \
        "Bluestone Analytics 已更新：行业 → 零售。"
    check(demo, 'account update "Bluestone Analytics"', error=True)
    check(demo, "account update Nope industry=x", error=True)
    added = check(demo, 'contact add "王丽" account="Bluestone Analytics" title=采购经理 email=wangli@example.com')
    assert added.text == "已在 Bluestone Analytics 新增联系人 王丽。"
    form = check(demo, "contact add")
    assert form.form.title == "新联系人" and form.form.fields[0].label == "名称"
    check(demo, 'contact add "李雷"', error=True)
    assert check(demo, 'contact list "Bluestone Analytics"').table.headers == ("名称", "职位", "邮箱", "电话")
    check(demo, "contact show 王丽")
    assert "电话 → +86 10 1234 5678" in check(demo, 'contact update 王丽 phone="+86 10 1234 5678"').text
    check(demo, "contact update 王丽", error=True)
    check(demo, "contact show Nobody", error=True)


def test_find(demo):
    found = check(demo, "find Bluestone")
    assert found.table.headers == ("内容", "编号", "名称", "详情") and found.table.rows[0][0] in ("客户", "商机")
    assert found.actions[0].label.startswith("打开 ")
    assert check(demo, "find 没有这个词").text == "没有与“没有这个词”匹配的结果。"
    check(demo, "find", error=True)


def test_undo_with_nothing_left(demo):
    assert check(demo, "undo", who="sophia").text == "没有可撤销的操作：最近 10 分钟内你没有可撤销的修改。"


def test_stages_whoami_teams_and_roles(demo):
    stages = check(demo, "stages")
    assert stages.title == "阶段" and stages.table.headers == ("阶段", "赢率 %", "类型")
    check(demo, "stages set lead:10", error=True)
    check(demo, "stages set lead:10", who="admin", error=True)  # deals are still in the other stages
    check(demo, "stages set won:10", who="admin", error=True)
    me = check(demo, "whoami")
    assert me.title == "我是谁" and me.text == "你是 Maria Lopez。"
    assert {f.label: f.value for f in me.facts}["角色"] == "经理"
    assert check(demo, 'team create "华南"').text == '团队 华南 已创建。用 `team add "华南" @name` 添加成员。'
    check(demo, 'team create "华南"', error=True)
    assert check(demo, "team add 华南 @james").text == "华南：已添加 James Carter。"
    check(demo, "team add 华南", error=True)
    check(demo, "team add Nope @james", error=True)
    assert check(demo, "team manager 华南 @james", error=True).text == "只有管理员可以指定团队经理"
    assert check(demo, "team manager 华南 @maria", who="admin").text == "Maria Lopez 现在管理 华南。"
    check(demo, "team channel 华南 here")
    check(demo, "team channel 华南 off")
    check(demo, "team channel 华南 maybe", error=True)
    check(demo, "role @james manager", error=True)
    assert check(demo, "role @james rep", who="admin").text == "James Carter 现在是销售。"
    check(demo, "role @james boss", who="admin", error=True)
    check(demo, "role", who="admin", error=True)


def test_settings(demo):
    check(demo, "settings timezone Asia/Shanghai me")
    check(demo, "settings timezone Asia/Shanghai", who="admin")
    check(demo, "settings timezone Foo/Bar", who="admin", error=True)
    check(demo, "settings currency EUR", error=True)
    check(demo, "settings currency XYZ", who="admin", error=True)
    check(demo, "settings bigdeal 100k", who="admin")
    assert check(demo, "settings bigdeal off", who="admin").text == "不再公告大单，赢单也不再按大单庆祝。"
    check(demo, "settings riskdays 14", who="admin")
    check(demo, "settings riskdays 900", who="admin", error=True)
    check(demo, "settings visibility team", who="admin")
    check(demo, "settings visibility nope", who="admin", error=True)
    check(demo, "settings currency USD", who="admin")


def test_refusals_read_in_chinese_by_a_rep(demo):
    assert check(demo, "deal update #273 amount=1", who="james", error=True).text == \
        "#273 属于 Ethan Brooks — 只有本人、其经理或管理员可以修改"
    assert check(demo, "stages set lead:10", who="james", error=True).text == "只有管理员可以修改阶段"
    check(demo, "account list all", who="james", error=True)
    check(demo, "deal show #273", who="james", error=True)
    check(demo, "team create X", who="james", error=True)
    check(demo, "settings currency EUR", who="james", error=True)


def test_a_channel_hears_the_workspace_language_whatever_the_closer_reads(demo):
    chat, _store = demo
    check(demo, "team channel East here")
    english = chat.as_("olivia")
    assert not english.say_sync("settings language en me", at=NOW).is_error
    won = english.say_sync("deal won #301", at=NOW)
    assert won.text.endswith("is won. Well done!") and won.locale == "en"
    (announcement,) = won.announcements  # East's channel
    assert announcement.reply.text.startswith("🏆 Olivia Bennett 赢下 ") and announcement.reply.locale == "zh_CN"
