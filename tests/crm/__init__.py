"""Everyday CRM: fixing mistakes, finding things, accounts and contacts."""
