"""Tests of the Microsoft Teams adapter over real HTTP, with a fake Bot Connector."""
