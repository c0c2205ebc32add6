"""The domain refuses bad data: in the model, in the database, and in the admin forms."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Image, Partner, Section, Speaker, Status
from tests import factories as f
from units.models import StaffProfile, UnitKind

pytestmark = pytest.mark.django_db


def field_errors(exc):
    return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}


# --- work units --------------------------------------------------------------------------


def test_tree_path_names_every_ancestor_by_abbreviation():
    root = f.unit(name="Kementerian Pendidikan dan Kebudayaan", abbreviation="Kemendikbud",
                  kind=UnitKind.KEMENTERIAN)  # fmt: skip
    ditjen = f.unit(abbreviation="Ditjen Diksi", kind=UnitKind.DITJEN, parent=root)
    leaf = f.unit(abbreviation="Dit. Mitras DUDI", parent=ditjen)

    assert leaf.tree_path == "Kemendikbud › Ditjen Diksi › Dit. Mitras DUDI"
    assert root.tree_path == "Kemendikbud"
    assert leaf.ancestors() == [root, ditjen]


def test_unit_cannot_be_its_own_parent():
    unit = f.unit()
    unit.parent = unit

    with pytest.raises(ValidationError) as caught:
        unit.full_clean()
    assert field_errors(caught.value) == {
        "parent": ["Unit kerja tidak boleh menjadi induk dirinya sendiri."]
    }


def test_unit_cannot_be_placed_under_its_own_descendant():
    top = f.unit()
    middle = f.unit(parent=top)
    bottom = f.unit(parent=middle)
    top.parent = bottom

    with pytest.raises(ValidationError) as caught:
        top.full_clean()
    assert "melingkar" in field_errors(caught.value)["parent"][0]


def test_unit_slug_is_made_from_the_abbreviation_and_unique():
    unit = f.unit(abbreviation="Dit. Mitras DUDI")
    assert unit.slug == "dit-mitras-dudi"
    with pytest.raises(IntegrityError), transaction.atomic():
        f.unit(abbreviation="Dit Mitras DUDI")


# --- events ------------------------------------------------------------------------------


def test_event_ending_before_it_starts_is_refused_by_model_and_database():
    event = f.event()
    event.ends_at = event.starts_at - timedelta(minutes=1)

    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert field_errors(caught.value)["ends_at"] == [
        "Waktu selesai tidak boleh sebelum waktu mulai."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_negative_participant_count_is_refused_by_model_and_database():
    event = f.event()
    event.participant_count = -1

    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert list(field_errors(caught.value)) == ["participant_count"]
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


@pytest.mark.parametrize(
    "mode, missing, expected",
    [("online", "platform", "platform"), ("offline", "venue", "venue"),
     ("mixed", "venue", "venue")],
)  # fmt: skip
def test_event_needs_a_place_that_matches_its_mode(mode, missing, expected):
    event = f.event()
    event.mode = mode
    event.venue, event.platform, event.join_url = "Aula", "Zoom", ""
    setattr(event, missing, "")

    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert list(field_errors(caught.value)) == [expected]


def test_event_slug_is_unique_among_originals_but_a_pending_copy_may_share_it():
    live = f.event(slug="rapat-koordinasi")
    f.event(slug="rapat-koordinasi", copy_of=live, owner=live.unit)  # pending copy

    with pytest.raises(IntegrityError), transaction.atomic():
        f.event(slug="rapat-koordinasi")


def test_speakers_keep_their_order_within_an_event():
    event = f.event()
    first, second = f.speaker(name="Novan Putranto"), f.speaker(name="Ellen Gracia")
    event.event_speakers.create(speaker=second, role="moderator", order=2)
    event.event_speakers.create(speaker=first, role="narasumber", order=1)

    assert [row.speaker.name for row in event.event_speakers.all()] == [
        "Novan Putranto",
        "Ellen Gracia",
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        event.event_speakers.create(speaker=first, role="narasumber", order=3)


# --- articles ----------------------------------------------------------------------------


def test_article_slug_is_unique_among_originals():
    f.article(slug="kelas-daring")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.article(slug="kelas-daring")


def test_duplicate_article_slug_is_a_field_error_in_full_clean():
    existing = f.article(slug="kelas-daring")
    article = Article(
        title="Lain", slug="kelas-daring", lead="Teras.", body="<p>Isi.</p>", unit=existing.unit
    )

    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert list(field_errors(caught.value)) == ["slug"]


def test_byline_code_joins_source_and_credited_initials_in_credit_order():
    writer, editor = f.user(initials="RA"), f.user(initials="AP")
    photographer = f.user(initials="DE")
    article = f.article(writer=writer, editor=editor, photographer=photographer)

    assert article.byline_code == "Diksi/RA/AP/DE"
    article.editor = None
    assert article.byline_code == "Diksi/RA/DE"


def test_new_article_starts_as_an_unpublished_draft():
    article = Article.objects.create(
        title="Draf", slug="draf", lead="Teras.", body="<p>Isi.</p>", unit=f.unit()
    )
    assert article.status == Status.DRAFT
    assert article.publish_at is None
    assert article.version == 1
    assert not article.is_public
    assert article.get_absolute_url() == "/berita/draf/"


# --- speakers, partners, staff -----------------------------------------------------------


def test_speaker_name_is_kept_apart_from_academic_titles():
    speaker = f.speaker(name="Ratna Wulandari", honorific_prefix="Dr.", honorific_suffix="M.Pd.")
    assert speaker.full_name == "Dr. Ratna Wulandari, M.Pd."
    assert speaker.slug == "ratna-wulandari"
    assert f.speaker(name="Ratna Wulandari").slug == "ratna-wulandari-2"


def test_speaker_cannot_belong_to_a_unit_and_a_partner_at_once():
    partner = Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")
    speaker = Speaker(name="Novan", slug="novan", affiliation_unit=f.unit(),
                      affiliation_partner=partner)  # fmt: skip

    with pytest.raises(ValidationError) as caught:
        speaker.full_clean()
    assert field_errors(caught.value) == {
        "affiliation_partner": ["Pilih salah satu afiliasi: unit kerja atau mitra, bukan keduanya."]
    }


def test_partner_names_are_unique_whatever_the_case():
    Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(name="cnbc indonesia", slug="cnbc-2")


def test_staff_initials_are_letters_only_and_upper_cased():
    profile = StaffProfile(user=get_user_model().objects.create(username="a"), initials=" ra ")
    profile.full_clean()
    assert profile.initials == "RA"

    profile.initials = "R.A"
    with pytest.raises(ValidationError) as caught:
        profile.full_clean()
    assert field_errors(caught.value) == {"initials": ["Inisial hanya boleh berisi huruf."]}


# --- the same through the admin forms: a field error, status 200, nothing saved ---------


@pytest.fixture
def admin_client(client):
    client.force_login(
        get_user_model().objects.create_superuser("kepala", "k@example.test", "rahasia-uji-123")
    )
    return client


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def add_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def post_changed(client, obj, **changes):
    data = f.admin_form_data(client.get(change_url(obj)))
    data.update({name: [value] for name, value in changes.items()})
    return client.post(change_url(obj), data)


def errors_of(response, field):
    assert response.status_code == 200, response.status_code
    return [str(e) for e in response.context["adminform"].form.errors.get(field, [])]


def test_admin_refuses_event_ending_before_start(admin_client):
    event = f.event()
    start = timezone.localtime(event.starts_at)
    before = start - timedelta(hours=1)

    response = post_changed(
        admin_client, event,
        ends_at_0=before.strftime("%d/%m/%Y"), ends_at_1=before.strftime("%H:%M:%S"),
    )  # fmt: skip

    assert errors_of(response, "ends_at") == ["Waktu selesai tidak boleh sebelum waktu mulai."]
    event.refresh_from_db()
    assert event.ends_at > event.starts_at


def test_admin_refuses_negative_participant_count(admin_client):
    event = f.event(participant_count=10)

    response = post_changed(admin_client, event, participant_count="-5")

    assert errors_of(response, "participant_count") == [
        "Pastikan nilai ini lebih besar dari atau sama dengan 0."
    ]
    event.refresh_from_db()
    assert event.participant_count == 10


def test_admin_refuses_unit_as_its_own_parent(admin_client):
    unit = f.unit()

    response = post_changed(admin_client, unit, parent=str(unit.pk))

    assert errors_of(response, "parent") == [
        "Unit kerja tidak boleh menjadi induk dirinya sendiri."
    ]
    unit.refresh_from_db()
    assert unit.parent is None


def test_admin_refuses_unit_under_its_descendant(admin_client):
    top = f.unit()
    child = f.unit(parent=top)

    response = post_changed(admin_client, top, parent=str(child.pk))

    assert "melingkar" in errors_of(response, "parent")[0]


def test_admin_refuses_duplicate_unit_slug(admin_client):
    f.unit(slug="dit-smk")
    unit = f.unit()

    response = post_changed(admin_client, unit, slug="dit-smk")

    assert errors_of(response, "slug") == ["Unit kerja dengan Slug telah ada."]


@pytest.mark.parametrize("make", [f.article, f.event], ids=["article", "event"])
def test_admin_refuses_duplicate_slug_on_the_slug_field(admin_client, make):
    make(slug="kelas-daring")
    item = make()

    response = post_changed(admin_client, item, slug="kelas-daring")

    errors = errors_of(response, "slug")
    assert len(errors) == 1 and errors[0].startswith("Slug ini sudah dipakai")
    item.refresh_from_db()
    assert item.slug != "kelas-daring"


def test_admin_refuses_speaker_with_two_affiliations(admin_client):
    partner = Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")
    speaker = f.speaker(affiliation_partner=partner)

    response = post_changed(admin_client, speaker, affiliation_unit=str(f.unit().pk))

    assert errors_of(response, "affiliation_partner") == [
        "Pilih salah satu afiliasi: unit kerja atau mitra, bukan keduanya."
    ]


def test_admin_refuses_duplicate_partner_name(admin_client):
    Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")

    response = admin_client.post(add_url(Partner), {"name": "cnbc indonesia", "slug": "lain"})

    assert errors_of(response, "name") == ["Mitra dengan nama ini sudah ada."]
    assert response.context["adminform"].form.non_field_errors() == []
    assert Partner.objects.count() == 1


def test_admin_refuses_duplicate_partner_slug(admin_client):
    Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia")

    response = admin_client.post(add_url(Partner), {"name": "CNBC", "slug": "cnbc-indonesia"})

    assert errors_of(response, "slug") == ["Mitra dengan Slug telah ada."]
    assert Partner.objects.count() == 1


def test_admin_refuses_a_file_that_is_not_an_image(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")
    response = admin_client.post(
        add_url(Image), {"file": fake, "alt_text": "Foto", "focal_x": "0.5", "focal_y": "0.5"}
    )

    assert errors_of(response, "file")
    assert "gambar" in errors_of(response, "file")[0].lower()
    assert not Image.objects.exists()


def test_a_section_is_named_in_the_language_of_the_request():
    item = Article(section=Section.SIARAN_PERS)
    with translation.override("id"):
        assert item.get_section_display() == "Siaran Pers"
    with translation.override("en"):
        assert item.get_section_display() == "Press Releases"
    assert Article(section="lama").get_section_display() == "lama"  # a value no longer offered
