"""Both fakes at once: the fake Slack Web API and the fake Bot Connector, for one server with both mounts."""
from tests.slack.conftest import fake_slack, http  # noqa: F401  (fixtures)
from tests.teams.conftest import connector, loopback_only, serve, teams_sdk  # noqa: F401  (fixtures)
