"""Forecasting: categories, roll-ups, submissions, manager adjustments, accuracy and pipeline movement."""
