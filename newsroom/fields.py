"""Model fields shared by the apps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebAddressField(models.URLField):
    """A URL field whose form completes "example.go.id" as https://, not http://.

    Staff type addresses without a scheme; every site they link to serves HTTPS, and
    it is the scheme Django 6 assumes, so the forms agree now instead of warning.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


# Years a person may type: wide enough for any archive or plan, narrow enough that every
# database and every time zone conversion can hold the value (year 1 in WIB is a BC
# timestamp on PostgreSQL that cannot be read back).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def validate_plausible_year(value):
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Masukkan tanggal antara tahun %(earliest)s dan %(latest)s."),
            code="implausible_year",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


class BoundedDateTimeField(models.DateTimeField):
    """A date and time a person enters: refused outside EARLIEST_YEAR–LATEST_YEAR.

    Checked in model validation (every form and `full_clean`) and by the form field itself,
    whichever widget the admin picks, so the message lands on the field.
    """

    default_validators = [validate_plausible_year]

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.validators.append(validate_plausible_year)
        return field


class ChoiceDisplay:
    """`get_FOO_display` for a field of `choices` (a TextChoices), assigned in the model's
    body as `get_kind_display = ChoiceDisplay(EventKind)`; Django then adds none of its own.

    Django's rebuilds a dict of every choice on each call, translating every lazy label to
    hash it; a public card showing an event's kind and mode spent a third of its rendering
    there. This reads the one label. A value outside the choices shows as itself, as
    Django's does.
    """

    def __init__(self, choices):
        self.choices = choices

    def __set_name__(self, owner, name):
        self.field = name.removeprefix("get_").removesuffix("_display")

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, self.field)
        return lambda: self.label(value)

    def label(self, value):
        try:
            return str(self.choices(value).label)
        except ValueError:
            return value
