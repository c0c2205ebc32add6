"""One audit vocabulary for every log (articles/models/audit.py): each action a log holds
has one registered name and label, and a log entry with an unknown action is refused."""

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.contenttypes.models import ContentType

from articles import workflow
from articles.models import SharedChange, Status, TransitionLog, audit
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_every_workflow_step_and_logged_action_has_one_label():
    for name, transition in workflow.TRANSITIONS.items():
        assert audit.label(name) == transition.label
    for name in ("start_pending_copy", "publish_pending_copy", "add_correction", "share_link"):
        assert name in audit.names() and audit.label(name) != name


def test_the_shared_things_log_uses_the_admin_logs_words():
    # Django's admin log flags its rows ADDITION, CHANGE, DELETION; ours say the same.
    words = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}
    assert set(words.values()) <= audit.names()
    assert str(audit.label("change")) == "Diubah"


@pytest.mark.parametrize("model", [TransitionLog, SharedChange])
def test_a_log_entry_with_an_unknown_action_is_refused(model):
    speaker = f.speaker()
    fields = {
        "content_type": ContentType.objects.get_for_model(speaker),
        "object_id": speaker.pk,
        "action": "sunting_diam_diam",
    }
    if model is TransitionLog:
        fields.update(from_status=Status.DRAFT, to_status=Status.DRAFT)
    with pytest.raises(audit.UnknownAction):
        model.objects.create(**fields)
    assert not model.objects.filter(action="sunting_diam_diam").exists()


def test_one_name_cannot_take_a_second_meaning():
    with pytest.raises(ValueError):
        audit.register("approve", "Something else")
