"""The outreach app's tables: the outbox, and the bookkeeping of workers and the clock."""

from .background import ClockTick, WorkerBeat
from .outbox import OutboxMessage, OutboxStatus
from .suppression import Suppression, SuppressionReason

__all__ = [
    "ClockTick",
    "OutboxMessage",
    "OutboxStatus",
    "Suppression",
    "SuppressionReason",
    "WorkerBeat",
]
