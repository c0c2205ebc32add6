"""The picture library and its choosers are scoped like the items (issue 30).

Every writer used to see every unit's pictures, including the captions of pictures of
other units' approved, unpublished items.
"""

import json

import pytest
from django.urls import reverse

from articles.models import Partner, Status
from tests import factories as f
from units.roles import WRITER

pytestmark = pytest.mark.django_db

LIBRARY = "/admin/articles/image/"


@pytest.fixture
def pictures(team):
    home, elsewhere = team["unit"], team["editor_elsewhere"].staff_profile.units.get()
    found = {
        "ours": f.image(alt_text="Foto unit sendiri", owner_unit=home),
        "embargoed": f.image(alt_text="Foto rilis embargo", caption="Rahasia sebelum rilis"),
        "published": f.image(alt_text="Foto berita terbit"),
        "speaker": f.image(alt_text="Foto narasumber"),
        "logo": f.image(alt_text="Logo mitra"),
    }
    for name in ("embargoed", "published", "speaker", "logo"):
        found[name].owner_unit = elsewhere
        found[name].save(update_fields=["owner_unit"])
    f.article(status=Status.APPROVED, owner=elsewhere, featured_image=found["embargoed"])
    f.article(owner=elsewhere, featured_image=found["published"])
    f.speaker(photo=found["speaker"])
    Partner.objects.create(name="Mitra", slug="mitra", logo=found["logo"])
    return found


VISIBLE = ["Foto unit sendiri", "Foto berita terbit", "Foto narasumber", "Logo mitra"]


def test_a_writer_sees_their_units_pictures_and_public_ones_only(client, team, pictures):
    client.force_login(team["writer"])
    page = client.get(LIBRARY).content.decode()
    assert all(name in page for name in VISIBLE)
    assert "Foto rilis embargo" not in page and "Rahasia" not in page

    opened = client.get(reverse("admin:articles_image_change", args=[pictures["embargoed"].pk]))
    assert opened.status_code == 302  # the admin's answer for a picture that is not there
    assert "Rahasia" not in client.get(opened["Location"]).content.decode()


def test_the_choosers_offer_the_same_pictures(client, team, pictures):
    client.force_login(team["writer"])
    chooser = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "featured_image",
            "term": "",
        },
    )
    offered = " | ".join(result["text"] for result in json.loads(chooser.content)["results"])
    assert "Foto unit sendiri" in offered and "Foto berita terbit" in offered
    assert "Foto rilis embargo" not in offered

    library = json.loads(client.get(reverse("images:editor-library")).content)["results"]
    alts = {picture["alt"] for picture in library}
    assert set(VISIBLE) <= alts
    assert "Foto rilis embargo" not in alts
    assert all("Rahasia" not in picture["caption"] for picture in library)


def test_a_writer_of_the_other_unit_sees_its_embargoed_picture(client, team, pictures):
    elsewhere = team["editor_elsewhere"].staff_profile.units.get()
    colleague = f.user("wati", units=[elsewhere], groups=[WRITER])
    client.force_login(colleague)
    assert "Foto rilis embargo" in client.get(LIBRARY).content.decode()


def test_publishers_see_every_picture(client, team, pictures):
    client.force_login(team["publisher"])
    page = client.get(LIBRARY).content.decode()
    assert all(name in page for name in [*VISIBLE, "Foto rilis embargo"])
