"""Every part of the domain is managed in the admin, in Indonesian, without errors."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import (
    Article,
    Event,
    EventSpeaker,
    Image,
    Partner,
    Speaker,
    SpeakerRole,
    Topic,
)
from outreach.models import (
    DailyReach,
    DeliveryReport,
    MediaContact,
    MediaList,
    OutboxMessage,
    ReachGoal,
    Release,
    ReleaseMode,
    ReleaseRecipient,
    Subscriber,
    Suppression,
)
from tests import factories as f
from units.models import StaffProfile, WorkUnit

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def superuser(client):
    person = User.objects.create_superuser("kepala", "kepala@example.test", "rahasia-uji-123")
    StaffProfile.objects.create(user=person, initials="KP")
    client.force_login(person)
    return person


@pytest.fixture
def one_of_each(superuser):
    """One saved row of every registered model, linked the way staff link them."""
    owner = f.unit(name="Direktorat Kemitraan", abbreviation="Dit. Mitras DUDI")
    photo = f.image(alt_text="Foto narasumber", caption="Narasumber", credit="Humas")
    partner = Partner.objects.create(name="CNBC Indonesia", slug="cnbc-indonesia", logo=photo)
    speaker = f.speaker(name="Novan Putranto", affiliation_partner=partner, photo=photo)
    speaker.links.create(label="Situs", url="https://example.test/novan")
    event = f.event(owner=owner, participant_count=43)
    event.organisers.set([owner])
    event.partners.set([partner])
    EventSpeaker.objects.create(event=event, speaker=speaker, role=SpeakerRole.NARASUMBER)
    writer = f.user(username="penulis", initials="RA", units=[owner])
    article = f.article(owner=owner, event=event, featured_image=photo, writer=writer)
    article.tags.set(["media sosial"])
    article.speakers.set([speaker])
    article.corrections.create(text="Nama narasumber diperbaiki.")
    Group.objects.get_or_create(name="Kontributor")
    # Staff-account security: a lockout, the access logs, a second-factor device.
    attempt = AccessAttempt.objects.create(
        username="penulis", ip_address="203.0.113.7", user_agent="uji", failures_since_start=5
    )
    access_log = AccessLog.objects.create(username="penulis", ip_address="203.0.113.7")
    failure_log = AccessFailureLog.objects.create(username="penulis", ip_address="203.0.113.7")
    totp = TOTPDevice.objects.create(user=writer, name="Aplikasi autentikator")
    recovery = StaticDevice.objects.create(user=writer, name="Kode pemulihan")
    message = OutboxMessage.objects.create(
        kind="workflow", key="k", recipient="rani@example.test", subject="Menunggu tinjauan",
        text="Teks", message_id="<1@example.test>",
    )  # fmt: skip
    contact = MediaContact.objects.create(
        owner_unit=owner, name="Sari", outlet="Harian Kota", email="sari@harian.test",
        consent_at="2020-06-01", consent_method="in_person",
    )  # fmt: skip
    media_list = MediaList.objects.create(owner_unit=owner, name="Wartawan pendidikan")
    media_list.contacts.set([contact])
    release = Release.objects.create(
        article=article, mode=ReleaseMode.WITH_PUBLICATION, contact_name="Rani",
        contact_email="rani@example.test",
    )  # fmt: skip
    release.lists.set([media_list])
    recipient = ReleaseRecipient.objects.create(
        release=release, contact=contact, name="Sari", email="sari@harian.test", token="t"
    )
    subscriber = Subscriber.objects.create(
        email="guru@example.test", language="id", consent_at=timezone.now(),
        consent_text="Saya setuju", consent_page="/rubrik/berita/",
    )  # fmt: skip
    blocked = Suppression.add("mental@example.test", "hard_bounce", "550 No such user")
    report = DeliveryReport.objects.create(
        event_id="e1", address="mental@example.test", kind="hard_bounce", provider="mailgun"
    )
    reach = DailyReach.objects.create(
        day="2026-06-25", kind="article", object_id=article.pk, language="id",
        channel="whatsapp", unit=owner, views=3, visitors=2,
    )  # fmt: skip
    goal = ReachGoal.objects.create(
        unit=owner, channel="whatsapp", measure="visitors", target=5000,
        starts_on="2026-06-01", ends_on="2026-08-31", why="Siswa SMK membaca lewat WhatsApp.",
    )  # fmt: skip
    return {
        DailyReach: reach,
        ReachGoal: goal,
        MediaContact: contact,
        MediaList: media_list,
        Release: release,
        ReleaseRecipient: recipient,
        Subscriber: subscriber,
        Suppression: blocked,
        DeliveryReport: report,
        OutboxMessage: message,
        AccessAttempt: attempt,
        AccessLog: access_log,
        AccessFailureLog: failure_log,
        TOTPDevice: totp,
        StaticDevice: recovery,
        Article: article,
        Event: event,
        Speaker: speaker,
        Image: photo,
        WorkUnit: owner,
        Partner: partner,
        StaffProfile: writer.staff_profile,
        User: writer,
        Group: Group.objects.get(name="Kontributor"),
        Topic: Topic.objects.get(name="media sosial"),
    }


def form_errors(context):
    """What the admin complained about, so a failing save says why."""
    errors = [context["adminform"].form.errors]
    for inline in context["inline_admin_formsets"]:
        errors += [inline.formset.errors, inline.formset.non_form_errors()]
    return errors


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_domain_model_is_registered():
    domain = {Article, Event, Speaker, Image, WorkUnit, Partner, StaffProfile, User}
    assert domain <= set(admin.site._registry)


def registered():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_load(client, one_of_each, model):
    obj = one_of_each[model]

    changelist = client.get(url(model, "changelist"))
    assert changelist.status_code == 200
    # The reach "list" is its dashboard: sums per channel and week, no rows.
    assert str(obj).encode() in changelist.content or model in (Image, DailyReach)
    # Login records are written by django-axes alone, never added by hand.
    may_add = admin.site._registry[model].has_add_permission(changelist.wsgi_request)
    assert client.get(url(model, "add")).status_code == (200 if may_add else 403)
    change = client.get(url(model, "change", obj.pk))
    assert change.status_code == 200
    assert b'<html lang="id"' in change.content


@pytest.mark.parametrize("model", registered(), ids=lambda m: m._meta.label)
def test_change_form_saves_unchanged(client, one_of_each, model):
    obj = one_of_each[model]
    page = client.get(url(model, "change", obj.pk))
    data = f.admin_form_data(page)

    response = client.post(url(model, "change", obj.pk), data)

    if not admin.site._registry[model].has_change_permission(page.wsgi_request, obj):
        # A record nobody edits by hand (the outbox): shown, never changed.
        assert response.status_code == 403
        return
    errors = response.context and form_errors(response.context)
    assert response.status_code == 302, errors
    assert response["Location"] == url(model, "changelist")
    assert model._default_manager.filter(pk=obj.pk).exists()


def test_changed_title_of_a_live_article_waits_in_a_copy_with_its_links_kept(client, one_of_each):
    article = one_of_each[Article]
    data = f.admin_form_data(client.get(url(Article, "change", article.pk)))
    data["title"] = ["Judul yang diperbaiki"]

    assert client.post(url(Article, "change", article.pk), data).status_code == 302

    article.refresh_from_db()
    assert article.title != "Judul yang diperbaiki"  # the public keeps reading the live text
    assert article.corrections.count() == 1
    copy = article.pending_copies.get()
    assert copy.title == "Judul yang diperbaiki"
    assert list(copy.tags.names()) == ["media sosial"]
    assert [str(s) for s in copy.speakers.all()] == ["Novan Putranto"]
    assert copy.updated_by.username == "kepala"


def test_event_speakers_are_edited_inline_with_role_and_order(client, one_of_each):
    event = one_of_each[Event]
    host = f.speaker(name="Ellen Gracia")
    data = f.admin_form_data(client.get(url(Event, "change", event.pk)))
    total = int(data["event_speakers-TOTAL_FORMS"][0])
    prefix = f"event_speakers-{total - 1}"  # the empty extra row
    data.update(
        {f"{prefix}-speaker": [str(host.pk)], f"{prefix}-role": ["moderator"],
         f"{prefix}-order": ["2"]}
    )  # fmt: skip

    assert client.post(url(Event, "change", event.pk), data).status_code == 302

    copy = event.pending_copies.get()  # the event is live: the change waits for review
    assert [(r.speaker.name, r.role) for r in copy.event_speakers.all()] == [
        ("Novan Putranto", "narasumber"),
        ("Ellen Gracia", "moderator"),
    ]


def test_admin_speaks_indonesian(client, superuser):
    index = client.get(reverse("admin:index")).content.decode()
    assert "Ruang Redaksi Ditjen Pendidikan Vokasi" in index and "Kelola konten" in index
    assert "Berita" in index and "Kegiatan" in index and "Unit kerja" in index
    assert '<link rel="icon"' in index  # no 404 for /favicon.ico on every admin page
    add = client.get(url(Article, "add")).content.decode()
    assert "Tambahkan berita" in add
    assert "Teras berita" in add and "Kredit staf" in add


@pytest.mark.parametrize(
    "model, query",
    [
        (Article, "?status__exact=published&section__exact=berita&q=uji"),
        (Event, "?status__exact=published&kind__exact=webinar&q=uji"),
        (WorkUnit, "?kind__exact=direktorat&q=Dit"),
        (Speaker, "?q=Novan"),
        (Image, "?q=Foto"),
        (Partner, "?q=CNBC"),
        (StaffProfile, "?q=RA"),
    ],
)
def test_filters_and_search_answer(client, one_of_each, model, query):
    assert client.get(url(model, "changelist") + query).status_code == 200


def test_article_list_shows_what_an_editor_scans_for(client, one_of_each):
    page = client.get(url(Article, "changelist")).content.decode()
    for heading in ("Status", "Rubrik", "Unit pemilik", "Status · waktu terbit"):
        assert heading in page


def test_unit_page_shows_its_tree_path(client, superuser):
    root = f.unit(name="Kementerian", abbreviation="Kemendikbud", kind="kementerian")
    ditjen = f.unit(abbreviation="Ditjen Diksi", kind="direktorat_jenderal", parent=root)
    leaf = f.unit(abbreviation="Dit. Mitras DUDI", parent=ditjen)

    assert "Kemendikbud › Ditjen Diksi › Dit. Mitras DUDI" in (
        client.get(url(WorkUnit, "change", leaf.pk)).content.decode()
    )
    assert "Kemendikbud › Ditjen Diksi" in client.get(url(WorkUnit, "changelist")).content.decode()


@pytest.mark.usefixtures("local_cache")  # the list keeps its count in the cache
@pytest.mark.parametrize(
    "model, make",
    [
        (Article, lambda n: f.article(owner=f.unit())),
        (Event, lambda n: f.event(owner=f.unit())),
        (WorkUnit, lambda n: f.unit(parent=f.unit(parent=f.unit()))),
        (Speaker, lambda n: f.speaker(affiliation_unit=f.unit())),
        (User, lambda n: f.user(units=[f.unit()])),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(client, superuser, model, make):
    make(0)
    with CaptureQueriesContext(connection) as few:
        client.get(url(model, "changelist"))
    for n in range(5):
        make(n)
    with CaptureQueriesContext(connection) as many:
        client.get(url(model, "changelist"))
    assert len(many) == len(few)


def test_event_times_are_entered_in_wib(client, one_of_each):
    """Staff in Makassar or Jayapura type the WIB time, so the form must say which clock."""
    page = client.get(url(Event, "change", one_of_each[Event].pk))

    assert page.content.decode().count("Waktu Indonesia Barat (WIB)") == 2


def test_article_page_shows_the_byline_code_its_credits_make(client, one_of_each):
    article = one_of_each[Article]
    article.editor = f.user(username="redaktur", initials="AP")
    article.save()

    page = client.get(url(Article, "change", article.pk)).content.decode()

    assert "Kode penulis" in page and "Diksi/RA/AP" in page


def test_topics_are_managed_in_the_newsroom_s_words(client, one_of_each):
    """Tags are "topik" under Redaksi, named and slugged in Indonesian, never hand-linked."""
    index = client.get(reverse("admin:index")).content.decode()
    page = client.get(url(Topic, "change", one_of_each[Topic].pk)).content.decode()
    listing = client.get(url(Topic, "changelist")).content.decode()

    assert "Topik berita" in index and "Taggit" not in index
    assert "Nama:" in page and "Name:" not in page
    assert "Object ID" not in page  # articles are tagged from their own page
    assert "Nama" in listing and "media sosial" in listing


def test_credit_pickers_name_colleagues_by_name_and_initials(client, superuser):
    colleague = f.user("rahmi", initials="RA", first_name="Rahmi", last_name="Aulia")
    query = {"app_label": "articles", "model_name": "article", "field_name": "writer"}
    found = client.get(reverse("admin:autocomplete"), query | {"term": "rahmi"}).json()
    assert [r["text"] for r in found["results"]] == ["Rahmi Aulia (RA)"]

    article = f.article(status="draft", writer=colleague)
    page = client.get(url(Article, "change", article.pk)).content.decode()
    assert "Rahmi Aulia (RA)" in page
