"""A reader who follows the English link (/en/...) gets the whole interface in English;
staff who pick English with /i18n/setlang/ get the admin in English.

Content stays as written (Indonesian); only the interface around it changes. Each page is
checked for English interface words and for the absence of their Indonesian sources.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article, Image
from tests import factories as f
from units.models import StaffProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return f.press_release_story()


@pytest.fixture
def english(client):
    """A client whose admin is English; public pages take their language from the address."""
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def en(url):
    """The English address of an Indonesian public page."""
    return "/en" + url


@pytest.fixture
def chief(client):
    person = get_user_model().objects.create_superuser(
        "kepala", "kepala@example.test", "rahasia-uji-123"
    )
    StaffProfile.objects.create(user=person, initials="KP")
    client.force_login(person)
    return person


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def assert_speaks_english(html, english_words, indonesian_words):
    missing = [word for word in english_words if word not in html]
    leftover = [
        html[max(html.index(word) - 40, 0) : html.index(word) + len(word) + 40]
        for word in indonesian_words
        if word in html
    ]
    assert missing == [], "English interface words missing"
    assert leftover == [], "Indonesian interface words left"


# Words of the frame every public page shares.
FRAME_EN = ["Skip to content", "Search news", "Main navigation", "Change language", "Archive"]
FRAME_ID = ["Langsung ke isi", "Cari berita", "Navigasi utama", "Ganti bahasa", "Arsip"]


def test_home_page_in_english(english, story):
    html = page(english, "/en/")
    assert '<html lang="en"' in html
    assert_speaks_english(
        html,
        FRAME_EN + ["Press Releases", "Announcements", "Upcoming events", "All events"],
        FRAME_ID + ["Siaran Pers", "Pengumuman", "Agenda mendatang", "Semua agenda"],
    )


def test_article_page_in_english(english, story):
    html = page(english, en(story.article.get_absolute_url()))
    assert_speaks_english(
        html,
        FRAME_EN
        + ["Correction", "Owning unit", "Related event", "Speakers", "Share", "Copy link"]
        + ["Resource person", "How to join", "Attendance"],
        FRAME_ID
        + ["Ralat", "Unit pemilik", "Kegiatan terkait", "Bagikan", "Salin tautan"]
        + ["Cara bergabung", "Moda"],
    )
    # The content itself is not translated.
    assert "Dit. Mitras DUDI Selenggarakan Kelas Daring Media Sosial" in html


def test_event_page_and_agenda_in_english(english, story):
    html = page(english, en(story.event.get_absolute_url()))
    assert_speaks_english(
        html,
        FRAME_EN + ["Online class", "Starts", "Ends", "Participating units", "43 participants"]
        + ["Save to calendar", "Download the .ics file", "News about this event", "Moderator"],
        FRAME_ID + ["Jumlah peserta", "Unit peserta", "Tambahkan ke kalender"]
        + ["Simpan ke kalender", "Unduh berkas .ics", "Berita kegiatan ini"],
    )  # fmt: skip
    agenda = page(english, en(reverse("articles:events")))
    assert_speaks_english(
        agenda,
        FRAME_EN + ["Event type", "All types", "All units", "Show", "Past", "Organised by"],
        FRAME_ID + ["Jenis kegiatan", "Semua jenis", "Semua unit", "Telah berlangsung"],
    )


def test_search_results_count_in_english(english, story):
    html = page(english, en(reverse("articles:search")) + "?q=SMART")
    assert "1 news item for “SMART”" in html
    assert "berita untuk" not in html


def test_admin_in_english(english, chief, story):
    index = page(english, reverse("admin:index"))
    assert_speaks_english(
        index,
        ["Ditjen Pendidikan Vokasi Newsroom", "Manage content", "Editorial desk"]
        + ["News items", "Events", "Work units", "Organisation"],
        ["Ruang Redaksi", "Kelola konten", "Meja redaksi", "Organisasi", "Unit kerja"],
    )
    change = page(english, reverse("admin:articles_article_change", args=[story.article.pk]))
    assert_speaks_english(
        change,
        ["Change news item", "Editorial workflow", "Workflow history", "Lead:", "Staff credits"]
        + ["Separate topics with commas", "Withdraw from the public", "Published"],
        ["Alur kerja redaksi", "Riwayat alur kerja", "Teras berita", "Kredit staf"]
        + ["Pisahkan topik", "Tarik dari publik", "A comma-separated list of tags."],
    )


def test_admin_changelist_uses_the_english_plural(english, chief, story):
    html = page(english, reverse("admin:articles_article_changelist"))
    assert "Select news item to change" in html
    assert "1 news item" in html
    assert "Pilih berita untuk diubah" not in html


def test_image_upload_help_follows_the_reader_language(client, chief):
    add = reverse("admin:articles_image_add")
    assert "JPEG, PNG, WebP, atau GIF; paling besar" in page(client, add)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = page(client, add)
    assert "JPEG, PNG, WebP or GIF; at most" in html
    assert "paling besar" not in html
    assert Image.objects.count() == 0


def test_tag_help_text_is_ours_in_both_languages(client, chief):
    add = reverse("admin:articles_article_add")
    indonesian = page(client, add)
    assert "Pisahkan topik dengan koma" in indonesian
    assert "A comma-separated list of tags." not in indonesian
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Separate topics with commas" in page(client, add)
    assert Article.objects.count() == 0
