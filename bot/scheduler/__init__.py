"""The scheduler: one leader ticks every minute and delivers due occurrences exactly once."""
