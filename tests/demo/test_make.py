"""`make run` on another port: what the terminal prints and what the server links to agree."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_run(tmp_path, *arguments, site_url=None):
    """Runs the real Makefile with a stand-in python that reports how it was called."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    # The worker and the clock start in the background; the stand-in server waits (30 s at
    # most) until both have reported, as the real one runs until Ctrl-C, so that the
    # recipe's exit trap cannot stop them before they print.
    marks = tmp_path / "marks"
    marks.mkdir()
    python.write_text(
        "#!/bin/sh\n"
        'echo "python $* SITE_URL=$SITE_URL"\n'
        f'case "$2" in worker|clock) touch "{marks}/$2";; runserver)\n'
        f'  for _ in $(seq 300); do [ -e "{marks}/worker" ] && [ -e "{marks}/clock" ] && break;'
        " sleep 0.1; done;;\n"
        "esac\n"
    )
    python.chmod(0o755)
    stamp = tmp_path / "installed"  # newer than pyproject.toml: nothing to install
    stamp.touch()
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "run", f"BIN={bin_dir}", f"STAMP={stamp}",
         *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout


def test_demo_summary_and_server_use_the_port_make_run_was_given(tmp_path):
    out = make_run(tmp_path, "PORT=8112")

    assert "python manage.py load_demo SITE_URL=http://127.0.0.1:8112" in out
    assert "python manage.py runserver 127.0.0.1:8112 SITE_URL=http://127.0.0.1:8112" in out
    assert "http://127.0.0.1:8112/admin/" in out
    # The background work runs beside the server, with the same settings.
    assert "python manage.py worker -v0 SITE_URL=http://127.0.0.1:8112" in out
    assert "python manage.py clock -v0 SITE_URL=http://127.0.0.1:8112" in out


def test_a_site_url_from_the_environment_is_kept(tmp_path):
    out = make_run(tmp_path, "PORT=8112", site_url="https://humas.example.go.id")

    assert "python manage.py load_demo SITE_URL=https://humas.example.go.id" in out
