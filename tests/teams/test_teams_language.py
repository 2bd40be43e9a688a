"""The `locale` Teams puts on every activity picks the language of a person who has not chosen one."""
from __future__ import annotations

from tests.teams.activities import USER_AAD, personal_message
from tests.teams.support import deals, person, words


async def test_a_teams_client_in_chinese_gets_chinese_replies(teams):
    status, _ = await teams.post(personal_message('商机 新增 "华能电力 扩容" 12万', teams.connector.url,
                                                  locale="zh-CN"))
    assert status == 200
    assert "已新增商机 #1：华能电力 扩容，US$120,000，lead。" in words(teams.connector.last_card())
    assert [d.amount_minor for d in deals(teams.store)] == [12_000_000]
    assert person(teams.store, USER_AAD).platform_locale == "zh_CN"


async def test_the_captured_english_client_stays_english(teams):
    await teams.post(personal_message('deal add "Globex" 40k', teams.connector.url))
    assert "Deal #1 added: Globex, $40,000, lead." in words(teams.connector.last_card())
    assert person(teams.store, USER_AAD).platform_locale == "en_GB"
