"""`make run` loads the demo: a newcomer sees a realistic newsroom, however often it runs."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone
from PIL import Image as PILImage
from taggit.models import Tag, TaggedItem

from articles.demo.stories import PRESS_RELEASE_ARTICLE
from articles.models import (
    Article,
    Event,
    EventSpeaker,
    Image,
    Partner,
    Speaker,
    Status,
    TransitionLog,
)
from units.models import StaffProfile, UnitKind, WorkUnit

pytestmark = pytest.mark.django_db

MODELS = [WorkUnit, Partner, StaffProfile, get_user_model(), Group, Image, Speaker, Event,
          EventSpeaker, Article, Tag, TaggedItem]  # fmt: skip


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    return load()


def press_release_event():
    return Article.objects.get(slug=PRESS_RELEASE_ARTICLE).event


def test_loading_twice_creates_nothing_new(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}
    assert all(before.values()), before

    output = load()

    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert "Berita: 13 (0 baru)" in output


def test_reloading_restores_demo_content_but_keeps_the_workflow_state(demo):
    article = Article.objects.get(slug="catatan-rapat-koordinasi-kehumasan")
    Article.objects.filter(pk=article.pk).update(title="Diubah", status=Status.IN_REVIEW)

    load()

    article.refresh_from_db()
    assert article.title == "Catatan dari Rapat Koordinasi Kehumasan"
    assert article.status == Status.IN_REVIEW


def test_ministry_tree_has_the_real_units_with_kinds_and_parents(demo):
    mitras = WorkUnit.objects.get(abbreviation="Dit. Mitras DUDI")
    assert mitras.tree_path == "Kemendikbud › Ditjen Diksi › Dit. Mitras DUDI"
    assert mitras.kind == UnitKind.DIREKTORAT
    assert WorkUnit.objects.get(name="Biro Kerja Sama dan Hubungan Masyarakat").tree_path == (
        "Kemendikbud › Setjen › BKHM"
    )
    diksi = WorkUnit.objects.get(slug="ditjen-diksi")
    assert diksi.kind == UnitKind.DITJEN
    assert sorted(diksi.children.values_list("abbreviation", flat=True)) == [
        "Dit. Mitras DUDI", "Dit. PTVP", "Dit. SMK", "Dit. Suslat", "Setditjen Diksi",
    ]  # fmt: skip
    assert WorkUnit.objects.get(slug="badan-bahasa").kind == UnitKind.BADAN
    assert WorkUnit.objects.filter(parent=None).get().abbreviation == "Kemendikbud"


def test_press_release_event_has_its_organiser_partner_units_and_43_participants(demo):
    event = press_release_event()

    assert event.participant_count == 43
    assert event.kind == "kelas_daring" and event.mode == "online"
    local = timezone.localtime(event.starts_at)
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2020, 6, 25, 10, 0)
    assert [str(unit) for unit in event.organisers.all()] == ["Dit. Mitras DUDI"]
    assert [partner.name for partner in event.partners.all()] == ["CNBC Indonesia"]
    assert event.participating_units.count() == 12
    assert {"BKHM", "Puspresnas", "Setkomnas UNESCO", "Sekretariat Badan Bahasa"} <= {
        unit.abbreviation for unit in event.participating_units.all()
    }


def test_press_release_speakers_have_roles_in_order(demo):
    roles = [
        (row.speaker.name, row.role, row.speaker.position, row.speaker.affiliation.name)
        for row in press_release_event().event_speakers.select_related(
            "speaker__affiliation_partner", "speaker__affiliation_unit"
        )
    ]
    assert roles == [
        ("Novan Putranto", "narasumber", "News Coverage and Social Lead", "CNBC Indonesia"),
        ("Ellen Gracia", "pemandu_acara", "Pemandu acara", "CNBC Indonesia"),
        ("Ellen Gracia", "moderator", "Pemandu acara", "CNBC Indonesia"),
    ]


def test_press_release_article_has_its_byline_and_is_public(demo):
    article = Article.objects.get(slug=PRESS_RELEASE_ARTICLE)

    assert article.byline_code == "Diksi/RA/AP/DE"
    assert article.section == "siaran-pers"
    assert article in Article.objects.published()
    assert "43" in article.lead
    assert {"media sosial", "SMART"} <= set(article.tags.names())
    assert article.featured_image.alt_text and article.featured_image.credit


def test_article_text_is_not_the_press_release(demo):
    article = Article.objects.get(slug=PRESS_RELEASE_ARTICLE)
    release = (
        "bekerja sama dengan CNBC Indonesia menyelenggarakan kelas daring",
        "Bukan hanya membuat konten, tapi bagaimana membuat konten itu hidup",
        "Media sosial hanya bagian dari etalase",
    )
    for sentence in release:
        assert sentence not in article.body


@pytest.mark.parametrize("model", [Article, Event])
def test_every_status_is_present(demo, model):
    assert set(model.objects.values_list("status", flat=True)) == set(Status.values)


def test_one_article_is_scheduled_and_events_are_upcoming(demo):
    now = timezone.now()
    scheduled = Article.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
    assert scheduled.count() == 1
    assert not Article.objects.published().filter(pk=scheduled.get().pk).exists()
    assert Event.objects.published().filter(starts_at__gt=now).count() >= 2
    assert Event.objects.published().filter(starts_at__lt=now).count() >= 2
    assert set(Article.objects.values_list("section", flat=True)) == {
        "berita", "siaran-pers", "artikel", "pengumuman",
    }  # fmt: skip


def test_public_home_shows_only_published_articles(demo, client):
    page = client.get("/").content.decode()

    public = list(Article.objects.published())
    hidden = Article.objects.exclude(pk__in=[a.pk for a in public])
    assert len(public) == 7 and hidden.count() == 6
    for article in public:
        assert article.title in page
    for article in hidden:
        assert article.title not in page


def login_request():
    """Logins are throttled per address (django-axes), so authenticating needs a request."""
    return RequestFactory().post("/admin/login/")


@pytest.mark.parametrize(
    "username, group, unit",
    [
        ("penulis", "Kontributor", "Dit. Mitras DUDI"),
        ("redaktur", "Redaktur", "Dit. Mitras DUDI"),
        ("redaktur2", "Redaktur", "Dit. Mitras DUDI"),
        ("pelaksana", "Redaktur Pelaksana", "Ditjen Diksi"),
    ],
)
def test_demo_accounts_log_in_with_their_role_and_unit(demo, username, group, unit):
    user = authenticate(login_request(), username=username, password="demo-newsroom")

    assert user is not None and user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert [str(u) for u in user.staff_profile.units.all()] == [unit]
    assert user.staff_profile.initials.isalpha()


def test_admin_is_a_superuser_and_the_photographer_cannot_log_in(demo):
    assert authenticate(login_request(), username="admin", password="demo-newsroom").is_superuser
    photographer = get_user_model().objects.get(username="fotografer")
    assert not photographer.has_usable_password() and not photographer.is_staff


def test_summary_lists_accounts_and_password(demo):
    assert "demo-newsroom" in demo
    for username in ("admin", "penulis", "redaktur", "redaktur2", "pelaksana"):
        assert f"  {username} " in demo
    assert "fotografer" not in demo
    assert "/admin/" in demo


def test_pictures_are_real_images_with_alt_text_caption_and_credit(demo):
    images = list(Image.objects.all())
    assert len(images) == 12
    for image in images:
        assert image.alt_text and image.credit
        with image.file.open("rb") as handle, PILImage.open(handle) as picture:
            assert picture.size == (image.width, image.height)
            assert PILImage.MIME[picture.format] == image.mime_type
        assert image.file_size == image.file.size
    assert Speaker.objects.get(slug="novan-putranto").photo is not None
    assert Partner.objects.get(slug="cnbc-indonesia").logo is not None


def test_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="produksi"):
        load()
    assert not WorkUnit.objects.exists()


def test_reloading_takes_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    # About 430, plus the search index's refresh per article save and per tag/speaker/unit
    # change: one UPDATE on PostgreSQL, about six queries for SQLite's stemmed FTS5 rows
    # (about 700 in all). A loop gone quadratic would be thousands.
    with django_assert_max_num_queries(800):
        load()


@pytest.mark.parametrize("model", [Article, Event])
def test_workflow_fields_match_each_status(demo, model):
    for item in model.objects.all():
        if item.status == Status.DRAFT:
            assert item.submitted_by is None and item.publish_at is None
            continue
        assert item.submitted_by is not None, item
        if item.status in (Status.PUBLISHED, Status.WITHDRAWN):
            assert item.publish_at is not None
            if item.publish_at <= timezone.now():
                assert item.first_published_at == item.publish_at
        else:
            assert item.publish_at is None and item.first_published_at is None


def test_help_describes_the_command():
    from articles.management.commands.load_demo import Command

    assert (
        "Aman dijalankan berulang kali"
        in Command().create_parser("manage.py", "load_demo").format_help()
    )


def test_demo_states_were_reached_through_the_workflow_and_logged(demo):
    published = Article.objects.get(slug=PRESS_RELEASE_ARTICLE)
    actions = list(
        TransitionLog.objects.filter(object_id=published.pk, content_type__model="article")
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert actions == [("submit", "penulis"), ("approve", "redaktur"), ("publish", "pelaksana")]


def test_a_published_demo_story_shows_a_correction(demo, client):
    corrected = Article.objects.published().filter(corrections__isnull=False).get()
    page = client.get(corrected.get_absolute_url()).content.decode()
    assert corrected.corrections.get().text in page


def test_stories_published_in_the_past_were_last_changed_back_then(demo):
    story = Article.objects.get(slug=PRESS_RELEASE_ARTICLE)
    assert story.updated_at == story.publish_at
    assert story.publish_at.year == 2020


def test_demo_holds_an_inflected_word_for_trying_search(demo):
    """The README's search check: "menyelenggarakan" finds "diselenggarakan" on PostgreSQL."""
    assert Article.objects.published().filter(body__icontains="diselenggarakan").exists()


def test_demo_items_have_a_first_version_to_compare_and_restore(demo):
    from articles.workflow import revisions

    story = Article.objects.get(slug=PRESS_RELEASE_ARTICLE)
    assert revisions.revisions_of(story).exists()
