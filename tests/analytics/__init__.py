"""Analytics tests: hand-computed numbers, properties, commands, charts, migration."""
