"""`ChoiceDisplay`: the label Django's get_FOO_display gives, read without rebuilding every
choice on each call."""

import pytest
from django.utils import translation

from articles.models import Article, Event, EventSpeaker, Section
from articles.models.events import AttendanceMode, EventKind, SpeakerRole
from newsroom.fields import ChoiceDisplay


def _django_label(field, value):
    """What Django's own get_FOO_display answers (models.Model._get_FIELD_display)."""
    return str(dict(field.flatchoices).get(value, value))


@pytest.mark.parametrize(
    ("model", "name", "choices"),
    [
        (Event, "kind", EventKind),
        (Event, "mode", AttendanceMode),
        (EventSpeaker, "role", SpeakerRole),
        (Article, "section", Section),
    ],
)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_label_is_djangos_in_each_language(model, name, choices, language):
    assert isinstance(model.__dict__[f"get_{name}_display"], ChoiceDisplay)
    field = model._meta.get_field(name)
    with translation.override(language):
        for value in [*choices.values, "bukan-pilihan", ""]:
            row = model(**{name: value})
            assert getattr(row, f"get_{name}_display")() == _django_label(field, value)


def test_english_labels_are_english():
    with translation.override("en"):
        assert Event(mode="online").get_mode_display() != Event(mode="online").mode
    with translation.override("id"):
        assert Article(section="siaran-pers").get_section_display() == "Siaran Pers"
