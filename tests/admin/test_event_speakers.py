"""A new speaker is written into the event form's row and made when the event is saved:
owned by the author's unit and logged; only for staff who may add speakers."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Event, EventSpeaker, SharedChange, Speaker, Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def change_url(event):
    return reverse("admin:articles_event_change", args=[event.pk])


def form_of(client, event, **rows):
    data = f.admin_form_data(client.get(change_url(event)), form_id="event_form")
    data.update({key.replace("__", "-"): [value] for key, value in rows.items()})
    return data


def test_a_speaker_typed_into_the_row_is_made_and_linked(client, team):
    event = f.event(status=Status.DRAFT, owner=team["unit"])
    f.speaker("Novan Putranto", slug="novan-putranto")
    client.force_login(team["writer"])
    page = client.get(change_url(event)).content.decode()
    assert "tau narasumber baru: nama" in page
    data = form_of(
        client,
        event,
        event_speakers__0__new_name="Novan Putranto",
        event_speakers__0__new_position="News Coverage and Social Lead CNBC Indonesia",
        event_speakers__0__role="narasumber",
    )
    response = client.post(change_url(event), data)
    assert response.status_code == 302, response.context["errors"]
    made = Speaker.objects.get(slug="novan-putranto-2")  # the name was taken
    assert made.position == "News Coverage and Social Lead CNBC Indonesia"
    assert made.owner_unit == team["unit"]
    assert SharedChange.objects.filter(object_id=made.pk, action="add").count() == 1
    row = EventSpeaker.objects.get(event=event)
    assert (row.speaker, row.role) == (made, "narasumber")


@pytest.mark.parametrize(
    "rows, message",
    [
        ({"event_speakers__0__role": "moderator"}, "tulis nama narasumber baru"),
        (
            {
                "event_speakers__0__speaker": "SPEAKER",
                "event_speakers__0__new_name": "Ellen Gracia",
                "event_speakers__0__role": "moderator",
            },
            "bukan keduanya",
        ),
    ],
    ids=["neither", "both"],
)
def test_a_row_needs_exactly_one_speaker(client, team, rows, message):
    event = f.event(status=Status.DRAFT, owner=team["unit"])
    known = f.speaker("Ellen Gracia")
    client.force_login(team["writer"])
    rows = {k: (str(known.pk) if v == "SPEAKER" else v) for k, v in rows.items()}
    response = client.post(change_url(event), form_of(client, event, **rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Speaker.objects.count() == 1 and not EventSpeaker.objects.exists()


def test_a_live_event_gets_its_new_speaker_in_the_pending_copy(client, team):
    event = f.event(status=Status.PUBLISHED, owner=team["unit"])
    client.force_login(team["editor"])
    data = form_of(
        client,
        event,
        event_speakers__0__new_name="Ellen Gracia",
        event_speakers__0__role="moderator",
    )
    assert client.post(change_url(event), data).status_code == 302
    copy = Event.objects.get(copy_of=event)
    assert [r.speaker.name for r in copy.event_speakers.all()] == ["Ellen Gracia"]
    assert not event.event_speakers.exists()


def test_without_the_right_to_add_speakers_only_the_library_is_offered(client, team):
    event = f.event(status=Status.DRAFT, owner=team["unit"])
    group = Group.objects.create(name="Tanpa narasumber baru")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["view_event", "change_event", "add_eventspeaker", "view_speaker",
                          "change_eventspeaker", "view_eventspeaker", "view_workunit"]
        )
    )  # fmt: skip
    writer = team["writer"]
    writer.groups.add(group)
    writer.groups.remove(Group.objects.get(name="Kontributor"))
    client.force_login(writer)
    page = client.get(change_url(event)).content.decode()
    assert "narasumber baru" not in page
    data = form_of(client, event, event_speakers__0__role="moderator")
    data["event_speakers-0-new_name"] = ["Diselundupkan"]
    response = client.post(change_url(event), data)
    assert not Speaker.objects.filter(name="Diselundupkan").exists()
    assert response.status_code in (200, 302)
