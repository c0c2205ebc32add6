"""Guarding staff accounts: login throttling, the second factor, idle sessions."""
