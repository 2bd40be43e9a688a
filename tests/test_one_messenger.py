"""One Messenger per platform per process: the web endpoints and the scheduler post through the same objects."""
from adapters.slack.web import SLACK_KEY
from adapters.teams.web import TEAMS_KEY
from bot.bootstrap import assemble
from bot.scheduler.runner import scheduler_for
from bot.settings import Settings
from bot.web import build_web_app

ENV = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SALESBOT_TEAMS_NO_AUTH": "1"}


def test_serve_shares_each_platforms_messenger_between_web_and_scheduler(store, processor):
    app = assemble(Settings.from_env(ENV), store, processor)
    web_app = build_web_app(app)
    scheduled = scheduler_for(app).ticker.messengers
    assert set(scheduled) == {"console", "slack", "teams"}
    assert scheduled["slack"] is web_app[SLACK_KEY].messenger
    assert scheduled["teams"] is web_app[TEAMS_KEY].messenger


def test_an_unconfigured_platform_has_no_messenger_and_no_endpoint(store, processor):
    app = assemble(Settings.from_env({}), store, processor)
    web_app = build_web_app(app)
    assert set(scheduler_for(app).ticker.messengers) == {"console"}
    assert SLACK_KEY not in web_app and TEAMS_KEY not in web_app
