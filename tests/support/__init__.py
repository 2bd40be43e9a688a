"""Test support: databases, the chat driver, fakes of the platforms' HTTP APIs."""
