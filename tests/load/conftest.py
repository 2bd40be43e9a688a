"""Load fixtures: the real web server against the fake Slack, as tests/slack/ starts it."""
from tests.slack.conftest import bot, fake_slack, http  # noqa: F401  (fixtures shared with the Slack tests)
