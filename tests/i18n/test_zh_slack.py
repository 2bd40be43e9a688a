"""A Slack workspace in zh-CN through the real Slack adapter: what a person sees — blocks, button labels, the
modal's title, labels and buttons, its field errors — has no English left but names, commands and typed values."""
from __future__ import annotations

import json

from handlers.commands import build_registry
from handlers.i18n.usage import PLACEHOLDER
from tests.i18n.whole_language import LATIN_WORD, english_left, known_words
from tests.slack.conftest import bot, fake_slack, http  # noqa: F401  (the Slack fixtures, used here too)
from tests.slack.signed import TEAM
from tests.slack.test_slack_interactivity import button_press, submission, text_input

WEI = "U0WEI00002"  # Slack reports no language for Wei: the workspace's decides


def seen(value, keys=("text",)) -> list[str]:
    """Every string a person reads in Block Kit (text objects: sections, fields, headers, buttons, labels,
    placeholders, options, modal titles); button values (the commands) are left out."""
    if isinstance(value, dict):
        found = [value[key] for key in keys if isinstance(value.get(key), str)]
        return found + [text for key, item in value.items() if key != "value" for text in seen(item, keys)]
    if isinstance(value, list):
        return [text for item in value for text in seen(item, keys)]
    return []


def allowed_words(bot, *typed: str) -> set[str]:
    usage = {word for spec in build_registry().specs.values()
             for word in LATIN_WORD.findall(PLACEHOLDER.sub(" ", spec.usage))}
    return known_words(bot.store) | usage | {w for text in typed for w in LATIN_WORD.findall(text)} | {"sales"}


def assert_no_english(bot, texts: list[str], *typed: str) -> None:
    left = english_left("\n".join(texts), allowed_words(bot, *typed))
    assert not left, f"English left: {sorted(set(left))}\n" + "\n".join(texts)[:800]


def view_of(call) -> dict:
    return json.loads(call.args["view"]) if isinstance(call.args["view"], str) else call.args["view"]


async def chinese_workspace(bot, fake_slack) -> None:
    """Ana, the first person and admin, sets the workspace's language; Wei's Slack names none."""
    await bot.slack.command("whoami")
    assert "zh-CN" in json.dumps(await bot.slack.command("settings language zh-CN"), ensure_ascii=False)
    fake_slack.add_user(WEI, "Wang Wei", "Asia/Shanghai", locale="")


async def test_deal_add_show_and_a_button_press_read_in_chinese(bot, fake_slack):
    await chinese_workspace(bot, fake_slack)
    typed = 'deal add "华能电力 扩容" 12万 stage=proposal account="华能集团"'
    added = await bot.slack.command(typed, user=WEI)
    assert "已新增商机 #1：华能电力 扩容" in added["text"]
    assert_no_english(bot, [added["text"]] + seen(added["blocks"]), typed)
    shown = await bot.slack.command("deal show #1", user=WEI)
    labels = [b["text"]["text"] for block in shown["blocks"] if block["type"] == "actions" for b in block["elements"]]
    assert "历史" in labels and "记录活动" in labels
    assert_no_english(bot, [shown["text"]] + seen(shown["blocks"]))
    press = button_press(bot, "deal stage #1 negotiation")
    press["user"]["id"] = WEI
    assert (await bot.slack.interaction(press)).status == 200
    await bot.settle()
    (answer,) = fake_slack.called("response_url")[-1:]
    assert "已从 proposal 移到 negotiation" in answer.args["text"]
    assert_no_english(bot, [answer.args["text"]] + seen(answer.args["blocks"]))
    missing = await bot.slack.command("deal show #99", user=WEI)
    assert_no_english(bot, [missing["text"]] + seen(missing["blocks"]))
    with bot.store.workspace("slack", TEAM) as ws:
        assert ws.deals.by_number(1).stage == "negotiation"


async def test_the_new_deal_modal_and_its_errors_read_in_chinese(bot, fake_slack):
    await chinese_workspace(bot, fake_slack)
    assert await bot.slack.command("deal add", user=WEI) == {}
    await bot.settle()
    (call,) = fake_slack.called("views.open")
    view = view_of(call)
    assert view["title"]["text"] == "新商机" and view["close"]["text"] == "取消"
    assert_no_english(bot, seen(view))
    assert json.loads(view["private_metadata"])["l"] == "zh_CN"
    wrong = submission({"name": text_input("华能"), "amount": text_input("很多")})
    wrong["user"]["id"] = WEI
    wrong["view"]["private_metadata"] = view["private_metadata"]
    response = await bot.slack.interaction(wrong)
    errors = json.loads(await response.text())["errors"]
    assert_no_english(bot, list(errors.values()), "很多")
    wrong["trigger_id"] = bot.slack.trigger_id()  # a second delivery of the same values
    again = await bot.slack.interaction(wrong)  # the adapter's own note, in Chinese
    assert list(json.loads(await again.text())["errors"].values()) == ["这份表单已用相同内容提交过。"]


async def test_the_log_modal_and_a_form_that_cannot_open_read_in_chinese(bot, fake_slack):
    await chinese_workspace(bot, fake_slack)
    await bot.slack.command('deal add "华能电力 扩容" 12万', user=WEI)
    await bot.slack.command("log #1", user=WEI)
    await bot.settle()
    view = view_of(fake_slack.called("views.open")[-1])
    assert view["title"]["text"] == "记录活动"
    assert_no_english(bot, seen(view, ("text",)))
    fake_slack.fail("views.open", 200, body={"ok": False, "error": "expired_trigger_id"})
    await bot.slack.command("contact add", user=WEI)
    await bot.settle()
    (fallback,) = [c for c in fake_slack.called("response_url") if "打开“新联系人”" in json.dumps(c.args,
                                                                                          ensure_ascii=False)]
    assert_no_english(bot, [fallback.args["text"]] + seen(fallback.args["blocks"]))
