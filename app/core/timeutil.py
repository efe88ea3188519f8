"""Times are stored in UTC and shown in Asia/Jakarta (WIB)."""
import datetime as dt
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today_wib() -> dt.date:
    return utcnow().astimezone(WIB).date()


def to_wib(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(WIB)
