"""Slack text in and out: escaping user text for mrkdwn, decoding mentions into person tokens."""
from __future__ import annotations

from hypothesis import given, strategies as st

from adapters.slack.blocks import reply_blocks
from adapters.slack.mrkdwn import escape, mentioned_user_ids, strip_leading_mention, to_command_text, unescape
from handlers.reply import Action, Fact, Reply, Table


@given(st.text())
def test_escaped_text_has_no_angle_brackets_and_reads_back_the_same(text):
    escaped = escape(text)
    assert "<" not in escaped and ">" not in escaped
    assert unescape(escaped) == text


@given(st.text())
def test_slack_escaped_text_decodes_to_what_was_typed(text):
    assert to_command_text(escape(text)) == text.strip()


def test_mentions_become_person_tokens():
    text = "team add East <@U0ANA|ana> <@W0BOB> &lt;b&gt;"
    assert to_command_text(text) == "team add East @u0ana @w0bob <b>"
    assert mentioned_user_ids(text + " <@U0ANA>") == ["U0ANA", "W0BOB"]


def test_links_and_channels_read_as_plain_words():
    assert to_command_text("log note #3 <https://acme.com|acme.com> in <#C123|sales>") == \
        "log note #3 acme.com in C123"


def test_the_addressing_mention_is_dropped():
    assert strip_leading_mention("<@UBOT> deal list", "UBOT") == "deal list"
    assert strip_leading_mention("<@UBOT|salesbot>: pipeline", "UBOT") == "pipeline"
    assert strip_leading_mention("ask <@UBOT> later", "UBOT") == "ask <@UBOT> later"


def test_every_user_visible_mrkdwn_string_is_escaped():
    hostile = "<!channel>"
    reply = Reply(text=hostile, title=hostile, facts=(Fact(hostile, hostile),), footer=hostile,
                  table=Table(("Deal",), ((hostile,),)), actions=(Action(hostile, "deal won #1"),))
    rendered = str(reply_blocks(reply))
    assert "&lt;!channel&gt;" in rendered
    mrkdwn = [b for b in reply_blocks(reply) if b["type"] != "header"]
    assert "<!channel>" not in str([m for m in mrkdwn if m["type"] != "actions"])


def test_long_tables_are_split_to_fit_slack_sections():
    rows = tuple((f"#{n}", "A fairly long deal name " * 3) for n in range(200))
    blocks = reply_blocks(Reply(text="many", table=Table(("#", "Deal"), rows)))
    sections = [b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("```")]
    assert len(sections) > 1 and all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert len(blocks) <= 50
