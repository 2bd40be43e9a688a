"""Microsoft Teams adapter: the only place botbuilder is imported (swap the SDK by rewriting this folder)."""
