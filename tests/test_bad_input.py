"""Every mistake gets one short reply naming the bad token and the usage line, and writes nothing."""
import pytest

from tests.support.snapshot import db_snapshot

SEED = ['deal add "Acme renewal" 12k stage=proposal', 'deal add "Acme expansion" 30k',
        'deal add "Globex pilot" 5k']

# (command, words the reply must contain)
BAD_INPUT = [
    ('deal add "Beta" 12kk', ["'12kk' is not an amount", "Usage: deal add"]),
    ('deal add "Beta" abc', ["'abc' is not an amount"]),
    ('deal add "Beta" -5k', ["'-5k'"]),
    ('deal add "Beta"', ["amount is missing", "Usage: deal add"]),
    ('deal add "Beta" 12k stage=propsal', ["'propsal' is not a stage", "proposal"]),
    ('deal add "Beta" 12k close=2026-02-30', ["2026-02-30"]),
    ('deal add "Beta" 12k close=someday', ["'someday'"]),
    ('deal add "Beta" 12k XYZ', ["'XYZ'"]),
    ('deal add "Beta" 12k stge=proposal', ["'stge=' is not an option", "stage="]),
    ('deal add "Beta" 12k stage=lead stage=won', ["stage given twice"]),
    ('deal add "Beta 12k', ["missing closing quote"]),
    ('deal add "" 12k', ["name is empty"]),
    ("deal show acme", ["'acme' matches several deals", "#1 Acme renewal", "#2 Acme expansion", "#number"]),
    ("deal show #99", ["no deal #99"]),
    ("deal show #abc", ["'#abc'"]),
    ("deal show zzz", ["no deal's name starts with 'zzz'"]),
    ("deal stage #1 closing", ["'closing' is not a stage", "lead", "negotiation"]),
    ("deal stage #1", ["stage is missing", "Usage: deal stage"]),
    ("deal stage #1 proposal", ["already in proposal"]),
    ("deal update #1", ["say what to change"]),
    ("deal update #1 amount=12kk", ["'12kk' is not an amount"]),
    ("deal update #1 colour=red", ["'colour=' is not an option"]),
    ("deal list @nobody", ["'@nobody'"]),
    ("deal list everything", ["'everything' is not a scope"]),
    ('log dance #1 "fun"', ["'dance' is not an activity", "call"]),
    ('log call #42 "hi"', ["no deal #42"]),
    ("pipeline sideways", ["'sideways' is not a scope"]),
    ("export deals sideways", ["'sideways' is not a scope", "Usage: export deals"]),
    ("export deals all format=pdf", ["'pdf' is not a format"]),
    ("export deals all 2026-13", ["2026-13"]),
    ("dael add", ["'dael' is not a command", "deal"]),
    ("deal lsit", ["'deal lsit' is not a command", "deal list"]),
    ("piepline", ["did you mean pipeline"]),
    ("settings timezone Mars/Olympus", ["'Mars/Olympus' is not a timezone"]),
    ("settings currency XYZ", ["'XYZ' is not a currency"]),
    ("stages set lead:10 lead:20", ["listed twice"]),
    ("stages set lead:150", ["150"]),
    ("stages set lead", ["no win probability"]),
    ("stages set lead:10 qualified:25", ["deals are still in proposal"]),
    ("role @ana boss", ["'boss' is not a role"]),
    ('team add "Nowhere" @ana', ["no team 'Nowhere'"]),
    ("", ["Type a command"]),
]


@pytest.mark.parametrize("command,expected", BAD_INPUT, ids=[c or "<empty>" for c, _ in BAD_INPUT])
async def test_bad_input_is_explained_and_writes_nothing(chat, engine, command, expected):
    for line in SEED:
        assert not (await chat.say(line)).is_error
    before = db_snapshot(engine)
    reply = await chat.say(command)
    assert reply.is_error
    shown = reply.text + "\n" + (reply.footer or "")
    for words in expected:
        assert words in shown, f"{words!r} not in {shown!r}"
    assert "Traceback" not in shown
    assert db_snapshot(engine) == before


async def test_unknown_person_is_not_created_by_failed_first_command(chat, engine):
    """A newcomer whose first command fails leaves no trace (not even their person row)."""
    before = db_snapshot(engine)
    reply = await chat.as_("zed").say("deal add nothing")
    assert reply.is_error
    assert db_snapshot(engine) == before
