"""The types of every Slack payload field salesbot or slack-bolt reads, checked before any listener runs."""
from __future__ import annotations

from adapters.payload_shape import NONE, TEXT, ListOf, check

USER = {"id": str, "name": TEXT, "username": TEXT, "team_id": TEXT, "is_bot": (bool, NONE), "tz": TEXT,
        "real_name": TEXT, "profile": (dict, NONE)}
TEAM = {"id": str, "domain": TEXT, "name": TEXT, "enterprise_id": TEXT}
CHANNEL = {"id": str, "name": TEXT}
OPTION = {"value": str}
STATE = {"value": TEXT, "selected_date": TEXT, "selected_option": (OPTION, NONE), "type": TEXT}
VIEW = {"id": TEXT, "callback_id": TEXT, "private_metadata": TEXT, "team_id": TEXT, "type": TEXT,
        "blocks": (ListOf({"block_id": TEXT, "type": TEXT}), NONE),
        "state": ({"values": (dict, NONE)}, NONE)}
ACTION = {"action_id": str, "block_id": TEXT, "value": TEXT, "action_ts": TEXT, "type": TEXT,
          "selected_option": (OPTION, NONE)}
AUTHORIZATION = {"team_id": TEXT, "enterprise_id": TEXT, "user_id": TEXT, "is_enterprise_install": (bool, NONE)}
ENVELOPE = {"type": TEXT, "team_id": TEXT, "enterprise_id": TEXT, "api_app_id": TEXT, "token": TEXT,
            "event_id": TEXT, "trigger_id": TEXT, "response_url": TEXT, "user_id": TEXT, "channel_id": TEXT,
            "text": TEXT, "command": TEXT, "user_name": TEXT, "challenge": TEXT,
            "is_enterprise_install": (bool, str, NONE), "authorizations": (ListOf(AUTHORIZATION), NONE),
            "enterprise": (dict, NONE), "user": (USER, NONE), "team": (TEAM, NONE),
            "channel": (CHANNEL, NONE), "container": (dict, NONE), "message": (dict, NONE),
            "view": (VIEW, NONE), "actions": (ListOf(ACTION), NONE), "state": (dict, NONE)}
EVENT = {"type": str, "text": TEXT, "user": (str, USER, NONE), "channel": (str, CHANNEL, NONE), "subtype": TEXT,
         "channel_type": TEXT, "bot_id": TEXT, "bot_profile": (dict, NONE), "thread_ts": TEXT, "ts": TEXT,
         "tab": TEXT, "team": TEXT, "item": (dict, NONE), "message": (dict, NONE), "blocks": (list, NONE)}


def misshapen(body: dict) -> str | None:
    """The dotted path of the first field whose type is not what Slack sends, or None when all are."""
    problem = check(body, ENVELOPE, "")
    if problem is None and body.get("type") == "block_actions":
        problem = check(body.get("actions"), ListOf(ACTION, non_empty=True), "actions")
    if problem is None and body.get("type") == "view_submission":
        problem = check(body.get("view"), VIEW, "view") or _state_values(body["view"])
    if problem is None and body.get("type") == "event_callback":
        problem = check(body.get("event"), EVENT, "event")
    return problem


def _state_values(view: dict) -> str | None:
    """view.state.values: block id -> action id -> one input's state."""
    values = (view.get("state") or {}).get("values") or {}
    for block_id, actions in values.items():
        if not isinstance(actions, dict):
            return f"view.state.values.{block_id}"
        for action_id, state in actions.items():
            problem = check(state, STATE, f"view.state.values.{block_id}.{action_id}")
            if problem:
                return problem
    return None
