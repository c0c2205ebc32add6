"""How the institution writes dates and times: on the WIB clock, in the reader's words.

Dates and times are always shown on the WIB clock (Asia/Jakarta), whatever the interface
language: an English reader sees "Thursday, 25 June 2020" and the same "10.00 WIB".
Day and month names come from Django's locale for the active language. Pages, feeds,
e-mails, admin messages and revision diffs all format through here, so a time reads the
same wherever a person meets it.
"""

from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone

WIB = ZoneInfo("Asia/Jakarta")


def wib(value):
    """An aware datetime moved to the WIB clock; naive values are taken as WIB already."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=WIB, microsecond=0)
    return timezone.localtime(value, WIB).replace(microsecond=0)


def tanggal(value):
    """ "Kamis, 25 Juni 2020" (in English: "Thursday, 25 June 2020")."""
    if not value:
        return ""
    return dateformat.format(wib(value), "l, j F Y")


def tanggal_pendek(value):
    """ "25 Juni 2020": for cards and lists, where the weekday is noise."""
    if not value:
        return ""
    return dateformat.format(wib(value), "j F Y")


def jam(value):
    """ "10.00 WIB"."""
    if not value:
        return ""
    return dateformat.format(wib(value), "H.i") + " WIB"


def tanggal_jam(value):
    """ "Kamis, 25 Juni 2020, 10.00 WIB"."""
    if not value:
        return ""
    return f"{tanggal(value)}, {jam(value)}"


# Staff-facing messages, e-mails and diffs say a moment the way the portal does.
format_when = tanggal_jam


def iso(value):
    """ISO 8601 with the WIB offset, for <time datetime> and JSON-LD."""
    if not value:
        return ""
    return wib(value).isoformat()


def bulan_tahun(value):
    """ "Juni 2020"."""
    if not value:
        return ""
    return dateformat.format(value, "F Y")


def rentang_waktu(starts_at, ends_at):
    """When an event runs: "Kamis, 25 Juni 2020, 10.00–12.00 WIB", or both ends in full."""
    if not starts_at:
        return ""
    start, end = wib(starts_at), wib(ends_at) if ends_at else None
    if end is None or end == start:
        return tanggal_jam(start)
    if end.date() == start.date():
        return f"{tanggal(start)}, {dateformat.format(start, 'H.i')}\u2013{jam(end)}"
    return f"{tanggal_jam(start)} \u2013 {tanggal_jam(end)}"
