"""Whatever is typed, the bot answers with a Reply — a result or a short explanation, never a crash."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.processor import INTERNAL_ERROR
from tests.support.snapshot import db_snapshot

WORDS = ["deal", "add", "show", "list", "update", "stage", "won", "lost", "log", "call", "pipeline", "team",
         "create", "role", "settings", "timezone", "currency", "stages", "set", "help", "whoami", "#1", "#2",
         "#0", "12k", "1.5m", "$12,000", "EUR", "stage=proposal", "close=fri", "close=+30d", "account=Acme",
         "reason=\"x\"", "@ana", "@bob", "mine", "team", "all", '"Acme renewal"', '"', "=", "lead:10", "admin"]

command_lines = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=0, max_size=7).map(" ".join)
LENIENT = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@LENIENT
@given(text=st.text(max_size=200))
def test_arbitrary_text_gets_a_reply(chat, text):
    reply = chat.say_sync(text)
    assert reply.text and INTERNAL_ERROR not in reply.text


@pytest.fixture
def seeded_chat(chat):
    """Runs once per test (not per example): a workspace with two deals to aim commands at."""
    chat.say_sync('deal add "Acme renewal" 12k')
    chat.say_sync('deal add "Globex" 5k stage=proposal')
    return chat


@LENIENT
@given(line=command_lines)
def test_command_shaped_text_gets_a_reply_and_errors_write_nothing(seeded_chat, engine, line):
    chat = seeded_chat
    before = db_snapshot(engine)
    reply = chat.say_sync(line)
    assert reply.text and INTERNAL_ERROR not in reply.text
    if reply.is_error:
        assert db_snapshot(engine) == before
