"""Demo times are relative to the moment of loading, so the agenda always has upcoming items."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def wib(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def days_from(now, days, hour, minute=0):
    """`days` after today in Jakarta, at hour:minute WIB."""
    day = now.astimezone(WIB).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)
