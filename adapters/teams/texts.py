"""What the Teams adapter itself says (everything else comes from the handlers' replies)."""

WELCOME = ("Hi, I'm salesbot. Type `help` to see what I can do — for example "
           '`deal add "Acme renewal" 12k stage=proposal`.')
WELCOME_CHANNEL = "salesbot is here. Mention me with a command, like `@salesbot pipeline team`."
ALREADY_DONE = "That was already done — each button acts once."
CARD_EXPIRED = "That card is out of date — run the command again."
CHART_TOO_BIG = "The chart is too large to show in Teams; the numbers above are complete."
STARTUP_OFF = "Teams endpoint off: MICROSOFT_APP_ID is not set (set SALESBOT_TEAMS_NO_AUTH=1 for local Emulator work)"
STARTUP_NO_AUTH = ("SALESBOT_TEAMS_NO_AUTH=1: /api/messages accepts requests WITHOUT authentication. "
                   "Use this only with the Bot Framework Emulator on your own machine.")
STARTUP_ON = "Teams endpoint on at /api/messages for app id %s (%s, %s, %s SDK)"
NO_AUTH_IGNORED = "SALESBOT_TEAMS_NO_AUTH is ignored because MICROSOFT_APP_ID is set"
FILE_NOT_LINKED = "{name} is ready, but Teams needs a download link: set SALESBOT_PUBLIC_URL to this server's address."
