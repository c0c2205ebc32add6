"""How staff type a date and a time, in every interface language (issue 27): the day first,
"25-06-2020", and a 24-hour time on the WIB clock, "10.00". The first of each list is what
forms show and what the admin's calendar and clock buttons write; the others are accepted.
Everything else (month names, how dates are printed) comes from Django's own locale."""

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y", "%d/%m/%y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H.%M.%S", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    *(f"{day} {time}" for day in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS),
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
]
