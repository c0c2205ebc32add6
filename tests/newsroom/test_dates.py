"""Dates read "Kamis, 25 Juni 2020" and times "10.00 WIB", on the WIB clock in any language."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation

from newsroom.dates import iso, jam, rentang_waktu, tanggal, tanggal_jam

# 03.00 UTC is 10.00 WIB (UTC+7), whatever time zone the server process runs in.
MOMENT = datetime(2020, 6, 25, 3, 0, tzinfo=UTC)


def test_indonesian_date_and_wib_time():
    with translation.override("id"):
        assert tanggal(MOMENT) == "Kamis, 25 Juni 2020"
        assert jam(MOMENT) == "10.00 WIB"
        assert tanggal_jam(MOMENT) == "Kamis, 25 Juni 2020, 10.00 WIB"


def test_english_names_but_the_same_wib_clock():
    with translation.override("en"):
        assert tanggal(MOMENT) == "Thursday, 25 June 2020"
        assert jam(MOMENT) == "10.00 WIB"


def test_wib_clock_even_when_another_time_zone_is_active():
    from django.utils import timezone

    with timezone.override(ZoneInfo("Europe/London")), translation.override("id"):
        assert jam(MOMENT) == "10.00 WIB"
        assert tanggal(datetime(2020, 6, 25, 20, 0, tzinfo=UTC)) == "Jumat, 26 Juni 2020"


def test_iso_carries_the_wib_offset():
    assert iso(MOMENT) == "2020-06-25T10:00:00+07:00"


def test_event_span_on_one_day_and_over_several_days():
    end_same_day = datetime(2020, 6, 25, 5, 0, tzinfo=UTC)
    end_next_day = datetime(2020, 6, 26, 5, 0, tzinfo=UTC)
    with translation.override("id"):
        assert rentang_waktu(MOMENT, end_same_day) == "Kamis, 25 Juni 2020, 10.00\u201312.00 WIB"
        assert rentang_waktu(MOMENT, end_next_day) == (
            "Kamis, 25 Juni 2020, 10.00 WIB \u2013 Jumat, 26 Juni 2020, 12.00 WIB"
        )


def test_filters_are_usable_in_templates_and_quiet_on_empty_values():
    template = Template("{% load portal %}[{{ when|tanggal }}|{{ when|jam }}|{{ none|jam }}]")
    with translation.override("id"):
        assert template.render(Context({"when": MOMENT, "none": None})) == (
            "[Kamis, 25 Juni 2020|10.00 WIB|]"
        )
