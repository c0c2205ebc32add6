"""The outreach app's tables: the outbox, and the bookkeeping of workers and the clock."""

from .background import ClockTick, WorkerBeat
from .contacts import ConsentMethod, ContactLanguage, ListKind, MediaContact, MediaList
from .goals import GoalMeasure, ReachGoal
from .outbox import OutboxMessage, OutboxStatus
from .reach import DailyReach, FlushedBucket, MinuteReach
from .releases import LinkView, Release, ReleaseMode, ReleaseRecipient
from .reports import DeliveryReport, ReportKind
from .subscribers import Frequency, ScopeKind, SentItem, Subscriber, Subscription
from .suppression import Suppression, SuppressionReason

__all__ = [
    "ConsentMethod",
    "ContactLanguage",
    "LinkView",
    "ListKind",
    "MediaContact",
    "MediaList",
    "Release",
    "ReleaseMode",
    "ReleaseRecipient",
    "ClockTick",
    "GoalMeasure",
    "ReachGoal",
    "DailyReach",
    "FlushedBucket",
    "MinuteReach",
    "DeliveryReport",
    "Frequency",
    "ScopeKind",
    "SentItem",
    "Subscriber",
    "Subscription",
    "OutboxMessage",
    "OutboxStatus",
    "ReportKind",
    "Suppression",
    "SuppressionReason",
    "WorkerBeat",
]
