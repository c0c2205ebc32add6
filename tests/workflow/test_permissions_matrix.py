"""Every role × transition × state: allowed moves succeed and are logged; the rest are
refused with WorkflowError and leave the item exactly as it was.

"writer" and "editor" are colleagues in the item's unit, not its author: any of the
unit's staff may submit a draft or resubmit a sent-back one (its writer may be away).
"submitter" is an editor of the unit who put the item up for review: everything an
editor may do except approving it (four-eyes)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Status, TransitionLog
from articles.workflow import WorkflowError
from tests import factories as f
from units.roles import EDITOR, PUBLISHER, WRITER

pytestmark = pytest.mark.django_db

EVERY_ROLE = [
    "writer", "editor", "submitter", "publisher", "superuser",
    "writer_elsewhere", "editor_elsewhere", "staff_without_role", "non_staff",
]  # fmt: skip

ALLOWED = {
    "submit": ({Status.DRAFT}, {"writer", "editor", "submitter", "publisher", "superuser"}),
    "request_changes": ({Status.IN_REVIEW}, {"editor", "submitter", "publisher", "superuser"}),
    "resubmit": (
        {Status.CHANGES_REQUESTED},
        {"writer", "editor", "submitter", "publisher", "superuser"},
    ),
    "approve": ({Status.IN_REVIEW}, {"editor", "publisher", "superuser"}),
    "publish": ({Status.APPROVED}, {"publisher", "superuser"}),
    "schedule": ({Status.APPROVED}, {"publisher", "superuser"}),
    "withdraw": ({Status.PUBLISHED}, {"publisher", "superuser"}),
    "return_to_draft": ({Status.WITHDRAWN}, {"publisher", "superuser"}),
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "request_changes": Status.CHANGES_REQUESTED,
    "resubmit": Status.IN_REVIEW,
    "approve": Status.APPROVED,
    "publish": Status.PUBLISHED,
    "schedule": Status.PUBLISHED,
    "withdraw": Status.WITHDRAWN,
    "return_to_draft": Status.DRAFT,
}


def make_people(home, elsewhere):
    return {
        "writer": f.user(units=[home], groups=[WRITER]),
        "editor": f.user(units=[home], groups=[EDITOR]),
        "submitter": f.user(units=[home], groups=[EDITOR]),
        "publisher": f.user(units=[elsewhere], groups=[PUBLISHER]),
        "superuser": f.user(is_superuser=True),
        "writer_elsewhere": f.user(units=[elsewhere], groups=[WRITER]),
        "editor_elsewhere": f.user(units=[elsewhere], groups=[EDITOR]),
        "staff_without_role": f.user(units=[home]),
        "non_staff": f.user(units=[home], groups=[WRITER], is_staff=False),
    }


def call(name, item, actor):
    later = timezone.now() + timedelta(hours=1)
    if name == "schedule":
        return workflow.schedule(item, actor, at=later, comment="Jadwal")
    if name == "withdraw":
        return workflow.withdraw(item, actor, reason="Data keliru")
    return getattr(workflow, name)(item, actor, comment="Catatan uji")


def state_of(item):
    item.refresh_from_db()
    return (item.status, item.version, item.publish_at, item.submitted_by_id, item.updated_at)


@pytest.mark.parametrize("make", [f.article, f.event], ids=["article", "event"])
@pytest.mark.parametrize("name", list(ALLOWED))
def test_role_transition_state_matrix(name, make):
    home, elsewhere = f.unit(), f.unit()
    people = make_people(home, elsewhere)
    author = f.user(units=[home], groups=[WRITER])
    sources, roles = ALLOWED[name]
    mismatches = []
    for role in EVERY_ROLE:
        for status in Status.values:
            submitter = people[role] if role == "submitter" else author
            item = make(status=status, owner=home, submitted_by=submitter, created_by=author)
            before = state_of(item)
            logs_before = TransitionLog.objects.count()
            expected = status in sources and role in roles
            try:
                call(name, item, people[role])
                succeeded = True
            except WorkflowError as error:
                succeeded = False
                assert str(error)
            if succeeded != expected:
                mismatches.append((role, status, "succeeded" if succeeded else "refused"))
                continue
            if succeeded:
                item.refresh_from_db()
                entry = TransitionLog.objects.latest("pk")
                ok = (
                    item.status == TARGET[name]
                    and item.version == before[1] + 1
                    and TransitionLog.objects.count() == logs_before + 1
                    and (entry.action, entry.from_status, entry.to_status, entry.actor)
                    == (name, status, TARGET[name], people[role])
                    and entry.object_id == item.pk
                )
                if not ok:
                    mismatches.append((role, status, "wrong result or log"))
            elif state_of(item) != before or TransitionLog.objects.count() != logs_before:
                mismatches.append((role, status, "refused but changed something"))
    assert mismatches == []


def test_four_eyes_survives_a_colleague_resubmitting(team):
    """An editor's own piece, sent back and resubmitted by a writer, is still theirs."""
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["editor"])
    workflow.submit(item, team["editor"])
    workflow.request_changes(item, team["editor2"], "Tambahkan kutipan narasumber.")
    workflow.resubmit(item, team["writer"])
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, team["editor"])
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert [t.name for t in workflow.available(item, team["editor"])] == ["request_changes"]
    workflow.approve(item, team["editor2"])
    assert item.status == Status.APPROVED


def test_an_editor_who_resubmits_cannot_approve_either(team):
    item = f.article(status=Status.DRAFT, owner=team["unit"], created_by=team["writer"])
    workflow.submit(item, team["writer"])
    workflow.request_changes(item, team["editor"], "Judul terlalu panjang.")
    workflow.resubmit(item, team["editor"], "Judul sudah saya pendekkan.")
    with pytest.raises(WorkflowError, match="empat mata"):
        workflow.approve(item, team["editor"])
    workflow.approve(item, team["editor2"])
    assert item.status == Status.APPROVED


def test_editorial_staff_cannot_open_the_accounts_of_others(client, team):
    """They may search colleagues for the credit pickers, nothing more."""
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("kepala", "k@example.test", "rahasia-123")
    for role in ("writer", "editor", "publisher"):
        person = team[role]
        client.force_login(person)
        assert client.get("/admin/auth/user/").status_code == 403
        assert client.get(f"/admin/auth/user/{boss.pk}/change/").status_code in (302, 403, 404)
        assert "/admin/auth/user/" not in client.get("/admin/").content.decode()
        query = {"app_label": "articles", "model_name": "article", "field_name": "writer"}
        found = client.get("/admin/autocomplete/", query | {"term": person.username})
        assert found.status_code == 200 and found.json()["results"]


# --- shared things readers see: speakers, pictures, partners ---------------------------

SITUATIONS = ["unused", "draft", "in_review", "live", "approved", "scheduled", "withdrawn"]
OWNER_STAFF = {"writer", "editor", "submitter", "publisher", "superuser"}
REVIEWERS = {"editor", "submitter", "publisher", "superuser"}
SHARED_ALLOWED = {
    # thing kind: situation -> who may change it
    "speaker": {
        **dict.fromkeys(["unused", "draft", "in_review", "withdrawn"], OWNER_STAFF),
        **dict.fromkeys(["live", "approved", "scheduled"], REVIEWERS),
    },
    "partner": {
        **dict.fromkeys(["unused", "draft", "in_review", "withdrawn"], OWNER_STAFF),
        **dict.fromkeys(["live", "approved", "scheduled"], REVIEWERS),
    },
    "image": {
        **dict.fromkeys(["unused", "draft", "in_review", "withdrawn"], OWNER_STAFF),
        "live": REVIEWERS,
        # part of an approved version: nobody changes it without a fresh approval
        "approved": set(),
        "scheduled": set(),
    },
}


def _cite(kind, situation, home):
    from articles.models import EventSpeaker, Partner

    if kind == "speaker":
        thing = f.speaker(owner_unit=home)
    elif kind == "partner":
        thing = Partner.objects.create(name=f"Mitra {f.unit().pk}", owner_unit=home)
    else:
        thing = f.image(owner_unit=home)
    if situation == "unused":
        return thing
    status = {
        "live": Status.PUBLISHED,
        "scheduled": Status.PUBLISHED,
        "approved": Status.APPROVED,
        "draft": Status.DRAFT,
        "in_review": Status.IN_REVIEW,
        "withdrawn": Status.WITHDRAWN,
    }[situation]
    at = timezone.now() + timedelta(days=1) if situation == "scheduled" else ...
    if kind == "image":
        f.article(status=status, owner=home, publish_at=at, featured_image=thing)
    else:
        event = f.event(status=status, owner=home, publish_at=at)
        if kind == "speaker":
            EventSpeaker.objects.create(event=event, speaker=thing, role="narasumber")
        else:
            event.partners.add(thing)
    return thing


@pytest.mark.parametrize("kind", list(SHARED_ALLOWED))
def test_shared_thing_role_situation_matrix(kind):
    """Every role × situation of the item citing a shared thing: who may change it."""
    from articles.workflow import shared

    home, elsewhere = f.unit(), f.unit()
    people = make_people(home, elsewhere)
    mismatches = []
    for situation in SITUATIONS:
        thing = _cite(kind, situation, home)
        for role in EVERY_ROLE:
            fresh = type(thing).objects.get(pk=thing.pk)  # as the admin loads it
            allowed = shared.refusal(people[role], fresh) is None
            if allowed != (role in SHARED_ALLOWED[kind][situation]):
                mismatches.append((situation, role, "allowed" if allowed else "refused"))
    assert mismatches == []


def test_an_editor_of_one_citing_unit_cannot_change_what_another_units_page_shows():
    from articles.models import EventSpeaker
    from articles.workflow import shared

    home, elsewhere = f.unit(), f.unit()
    people = make_people(home, elsewhere)
    person = f.speaker(owner_unit=elsewhere)
    for unit in (home, elsewhere):
        EventSpeaker.objects.create(event=f.event(owner=unit), speaker=person, role="narasumber")
    assert shared.refusal(people["editor"], person) is not None
    assert shared.refusal(people["editor_elsewhere"], person) is not None
    assert shared.refusal(people["publisher"], person) is None
