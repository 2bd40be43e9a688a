"""The Slack adapter: slack-bolt listeners, Block Kit rendering, modals, App Home, OAuth and the Messenger."""
