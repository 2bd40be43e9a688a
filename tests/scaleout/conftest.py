"""The fake Slack Web API and an HTTP client, shared with the Slack tests."""
from tests.slack.conftest import fake_slack, http  # noqa: F401  (fixtures)
