"""The screenshots of the README and the staff guide, taken from a fresh demo newsroom.

`make docs` runs this. It builds the demo (`migrate`, `load_demo`) into a temporary SQLite
database with its own media folder, so the developer's db.sqlite3 and media/ are never
touched; serves it with `runserver` on DOCS_PORT (default: a free port on loopback); logs in
the demo accounts through the real login form in Debian's Chromium (`CHROMIUM`, as the
browser tests launch it, never a downloaded browser); and writes one PNG per entry of SHOTS
under docs/img/ (Indonesian) and docs/img/en/ (the same screen in English), reduced to
256 colours so the repository stays small. The pictures are regenerated, never redrawn:
when the admin changes, run `make docs` and commit what changed.

Run by hand: `.venv/bin/python docs/screenshots.py [name ...]` (only the named shots).
"""

import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = "demo-newsroom"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 760}


@dataclass(frozen=True)
class Shot:
    """One picture: who looks (None: a reader), where, and what must be in view."""

    name: str
    user: str | None
    path: str
    focus: str = ""  # a selector scrolled to the top of the window before the picture
    phone: bool = False
    # What a person does first, in order: ("click", selector), ("fill", selector, text),
    # ("choose", selector, option index) or ("file", selector, (name, text)).
    steps: tuple = ()


# An import with one row that cannot be saved, so the preview shows a reason.
CONTACTS_CSV = """nama;media;email;bidang
Dewi Lestari;Harian Nusantara;dewi@harian-nusantara.example;pendidikan
Budi Santoso;Radio Suara Kampus;budi-at-radio;pendidikan, vokasi
Rina Wulandari;Portal Vokasi;rina@portalvokasi.example;vokasi
"""

# `{in_review}` and its kin are filled from the demo database (the first original article in
# that state), so a shot does not depend on the demo's ids.
SHOTS = [
    # README: the five-minute tour
    Shot("tour-beranda", None, "/"),
    Shot("tour-meja-redaksi", "redaktur", "/admin/"),
    Shot("tour-alur-kerja", "redaktur", "/admin/articles/article/{in_review}/change/"),
    # penulis
    Shot("penulis-meja", "penulis", "/admin/"),
    Shot("penulis-tulis", "penulis", "/admin/articles/article/add/"),
    Shot("penulis-perbaikan", "penulis", "/admin/articles/article/{changes_requested}/change/"),
    Shot("penulis-ponsel", "penulis", "/admin/articles/article/{draft}/change/", phone=True),
    Shot(
        "penulis-pratinjau",
        "penulis",
        "/admin/articles/article/{draft}/change/",
        steps=(("click", "button[name=_preview]"),),
    ),
    Shot(
        "penulis-periksa",
        "penulis",
        "/admin/articles/article/{draft}/change/",
        focus=".review-checks",
    ),
    # redaktur
    Shot("redaktur-tinjau", "redaktur", "/admin/articles/article/{in_review}/change/"),
    Shot("redaktur-revisi", "redaktur", "/admin/articles/article/{in_review}/revisi/"),
    # redaktur pelaksana
    Shot("pelaksana-jadwalkan", "pelaksana", "/admin/articles/article/{approved}/change/"),
    Shot("pelaksana-kalender", "pelaksana", "/admin/articles/article/kalender/"),
    Shot(
        "pelaksana-ralat",
        "pelaksana",
        "/admin/articles/article/{published}/change/",
        focus="#corrections-group",
    ),
    Shot("pelaksana-tarik", "pelaksana", "/admin/articles/article/{published}/change/"),
    # administrator
    Shot("admin-akun", "admin", "/admin/auth/user/"),
    Shot("admin-unit", "admin", "/admin/units/workunit/"),
    Shot("admin-peran", "admin", "/admin/auth/group/"),
    Shot("admin-dua-langkah", "admin", "/admin/dua-langkah/"),
    # press releases
    Shot("distribusi-kirim", "pelaksana", "/admin/outreach/release/add/"),
    Shot("distribusi-kontak", "pelaksana", "/admin/outreach/mediacontact/add/"),
    Shot(
        "distribusi-impor",
        "pelaksana",
        "/admin/outreach/mediacontact/impor/",
        steps=(
            ("file", "#id_file", ("wartawan.csv", CONTACTS_CSV)),
            ("choose", "#id_owner_unit", 1),
            ("fill", "#id_consent_at", "01-12-2026"),
            ("fill", "#id_source", "Daftar wartawan pendidikan 2026"),
            ("click", "form[enctype] input[type=submit]"),
        ),
    ),
    # reach
    Shot("jangkauan-dasbor", "redaktur", "/admin/outreach/dailyreach/"),
    Shot("jangkauan-target", "redaktur", "/admin/outreach/reachgoal/add/"),
    Shot(
        "jangkauan-berita",
        "pelaksana",
        "/admin/articles/article/{published}/change/",
        focus=".item-reach",
    ),
    Shot(
        "jangkauan-alat-berbagi",
        "pelaksana",
        "/admin/outreach/dailyreach/bagikan/article/{published}/",
    ),
    # subscribers and the outbox
    Shot("pelanggan-daftar", None, "/langganan/", phone=True),
    Shot("pelanggan-audiens", "pelaksana", "/admin/outreach/subscriber/audiens/"),
    Shot("kotak-keluar", "pelaksana", "/admin/outreach/outboxmessage/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# One reach goal for the editor's unit, so the dashboard's goals are in the picture (the demo
# itself is articles' and holds nothing of outreach).
GOAL = """
import datetime
from django.contrib.auth import get_user_model
from outreach.models import ReachGoal
editor = get_user_model().objects.get(username="redaktur")
today = datetime.date.today()
ReachGoal.objects.get_or_create(
    unit=editor.staff_profile.units.first(), channel="whatsapp", target=2000,
    starts_on=today - datetime.timedelta(days=30), ends_on=today + datetime.timedelta(days=60),
    defaults={"created_by": editor, "why": "Orang tua calon siswa SMK membaca berita "
              "pendaftaran dari grup WhatsApp sekolah; kami ingin 2.000 kunjungan sebelum "
              "pendaftaran ditutup."},
)
"""


def build_demo(folder, env):
    """The demo newsroom as `make demo` makes it, in `folder`, with one reach goal."""
    for command in (["migrate", "--noinput"], ["load_demo"], ["shell", "-c", GOAL]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    database = sqlite3.connect(folder / "docs.sqlite3")
    ids = {}
    for status in ("draft", "in_review", "changes_requested", "approved", "published"):
        row = database.execute(
            "SELECT id FROM articles_article WHERE status = ? AND copy_of_id IS NULL "
            "ORDER BY id LIMIT 1",
            (status,),
        ).fetchone()
        ids[status] = row[0] if row else 0
    database.close()
    return ids


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the demo server did not answer {url} within {seconds} s")


def shrink(path):
    """256 colours: an admin screen loses nothing a reader sees and weighs a third."""
    with Image.open(path) as picture:
        reduced = picture.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def take(browser, base, shots, ids, language, folder):
    """Every shot in one language, one browser context per person and window size.

    Staff pick the admin's language by Django's language cookie; readers by the address
    (English under /en/).
    """
    contexts = {}
    for shot in shots:
        key = (shot.user, shot.phone)
        if key not in contexts:
            contexts[key] = open_context(browser, base, shot, language)
        tab = contexts[key]
        prefix = "/en" if language == "en" and shot.user is None else ""
        tab.goto(base + prefix + shot.path.format(**ids))
        tab.wait_for_load_state("networkidle")
        if shot.steps:
            act(tab, shot.steps)
        if shot.focus and tab.locator(shot.focus).count():
            tab.locator(shot.focus).first.evaluate("node => node.scrollIntoView()")
        target = folder / f"{shot.name}.png"
        tab.screenshot(path=str(target))
        shrink(target)
        print(f"  {target.relative_to(ROOT)}")
    for tab in contexts.values():
        tab.context.close()


def act(tab, steps):
    for action, selector, *value in steps:
        if action == "click":
            tab.click(selector)
        elif action == "fill":
            tab.fill(selector, value[0])
        elif action == "choose":
            tab.select_option(selector, index=value[0])
        elif action == "file":
            name, text = value[0]
            tab.set_input_files(
                selector, files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
            )
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(1500)  # a panel's frame paints after its request


def open_context(browser, base, shot, language):
    viewport = PHONE if shot.phone else DESKTOP
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        is_mobile=shot.phone,
        locale="id-ID" if language == "id" else "en-GB",
        timezone_id="Asia/Jakarta",
    )
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    if shot.user:
        tab.goto(f"{base}/admin/login/")
        tab.fill("#id_username", shot.user)
        tab.fill("#id_password", PASSWORD)
        tab.click("input[type=submit], button[type=submit]")
        tab.wait_for_load_state()
    return tab


def main(names):
    shots = [shot for shot in SHOTS if not names or shot.name in names]
    port = int(os.environ.get("DOCS_PORT") or free_port())
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="newsroom-docs-") as temporary:
        folder = Path(temporary)
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"REDIS_URL", "NEWSROOM_ENV", "DEBUG"}
        }
        env.update(
            DATABASE_URL=f"sqlite:///{folder / 'docs.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            SITE_URL=base,
            NEWSROOM_REQUIRE_2FA="0",
        )
        print(f"Building the demo in {folder} ...")
        ids = build_demo(folder, env)
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{base}/healthz")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                for language, target in (("id", OUT), ("en", OUT / "en")):
                    target.mkdir(parents=True, exist_ok=True)
                    take(browser, base, shots, ids, language, target)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main(sys.argv[1:])
