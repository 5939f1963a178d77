"""Persistent state: subscriptions, chat settings, rotation positions, the delivery ledger."""
