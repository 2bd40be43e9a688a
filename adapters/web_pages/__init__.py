"""Small pages the bot serves to people outside the chat (a customer answering a CSAT link)."""
