"""Tasks and follow-ups: commands, due times, reminders and overdue summaries."""
