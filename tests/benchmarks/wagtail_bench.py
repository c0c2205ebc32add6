"""The Wagtail reference of `make bench-http` (BENCH_WAGTAIL=1), measured in the same run.

Issue 28 asks that the uncached article be compared with Wagtail's on the same harness,
side by side, not quoted. This module:

- makes Wagtail's own virtualenv on demand (BENCH_WAGTAIL_VENV, artifacts/bench-wagtail/venv,
  never committed) with pip and the pinned versions in PINS (Django, gunicorn and the
  PostgreSQL driver at the newsroom's own locked versions);
- exports the bench archive's articles (title, slug, lead, body, first publication) from
  the newsroom's database and builds the reference site (`wagtail_ref/`, a news index and
  one article page per article) in its own PostgreSQL database, BENCH_WAGTAIL_DB_URL;
- serves it with gunicorn exactly as `stack.py` serves the newsroom (2 sync workers).

The newsroom never imports this module or Wagtail; `make test` does not collect it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from . import stack

PINS = ["wagtail==7.0.2", "Django==5.2.20", "gunicorn==27.0.1", "psycopg2-binary==2.9.13"]
VENV = Path(
    os.environ.get("BENCH_WAGTAIL_VENV", stack.ROOT / "artifacts" / "bench-wagtail" / "venv")
)
DB_URL = os.environ.get(
    "BENCH_WAGTAIL_DB_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_wagtail"
)
SETTINGS = "tests.benchmarks.wagtail_ref.settings"
APP = "tests.benchmarks.wagtail_ref.wsgi:application"


def ensure_venv():
    """Wagtail's virtualenv with exactly PINS, made (or remade) when the pins differ."""
    marker = VENV / "newsroom-pins.txt"
    wanted = "\n".join(PINS) + "\n"
    if marker.exists() and marker.read_text() == wanted:
        return
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", *PINS], check=True)
    marker.write_text(wanted)


def environment(static_root):
    return dict(
        os.environ,
        DATABASE_URL=DB_URL,
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE=SETTINGS,
        STATIC_ROOT=static_root,
        PYTHONPATH=str(stack.ROOT),
    )


def export_archive(limit, path, must_hold):
    """The newsroom's newest `limit` published articles (slugs made unique, as Wagtail's
    siblings need), including the one the bench loads, as the reference's input."""
    from articles.models import Article  # noqa: PLC0415 - Django is set up by the caller

    rows = (
        Article.objects.published()
        .order_by("-first_published_at", "-pk")
        .values("title", "slug", "lead", "body", "first_published_at")
    )
    data, seen, wanted = [], set(), None
    for row in rows.iterator():
        if row["slug"] in seen:
            continue
        seen.add(row["slug"])
        when = row.pop("first_published_at")
        row["date"] = when.isoformat()
        if row["slug"] == must_hold:
            wanted = row
        if len(data) < limit:
            data.append(row)
        elif wanted:
            break
    if wanted and wanted not in data:
        data[-1] = wanted
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return len(data)


def prepare(limit, static_root, article_slug):
    """Venv, database and site; returns the environment to serve it with."""
    ensure_venv()
    archive = VENV.parent / "archive.json"
    count = export_archive(limit, archive, article_slug)
    name = urlsplit(DB_URL).path.lstrip("/")
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True)
    env = environment(static_root)
    python = [str(VENV / "bin" / "python"), "-m", "django"]
    subprocess.run(python + ["migrate", "--noinput", "-v0"], env=env, cwd=stack.ROOT, check=True)
    subprocess.run(python + ["build_reference", str(archive)], env=env, cwd=stack.ROOT, check=True)
    print(f"Wagtail reference: {count} articles", flush=True)
    return env


def targets(article_slug, deep):
    """The reference's pages beside the newsroom's of the same role."""
    return [
        ("home", "/"),
        ("article", f"/{article_slug}/"),
        (f"index p{deep}", f"/?page={deep}"),
    ]


def start(env, port, article_slug):
    return stack.start_stack(
        env,
        port,
        None,
        with_proxy=False,
        ready_path=f"/{article_slug}/",
        app=APP,
        bin_dir=VENV / "bin",
    )
