"""`manage.py backup` then `manage.py restore` into a fresh database and an empty media store:
every article, revision, log entry, share link and image file comes back."""

import io
import json
import os
import stat
import subprocess
import tarfile
import uuid

import boto3
import pytest

from .conftest import BIN, ROOT, needs, postgres_url

COUNT = """
import json
from django.core.files.storage import default_storage
from articles.models import Article, Event, Image, Revision, ShareLink, TransitionLog
from articles.images.storage import stored_names
names = sorted(n for image in Image.objects.all() for n in stored_names(image))
print(json.dumps({
    "articles": sorted(Article.objects.values_list("pk", "slug", "status", "title")),
    "events": Event.objects.count(),
    "revisions": Revision.objects.count(),
    "log": TransitionLog.objects.count(),
    "share_links": sorted(ShareLink.objects.values_list("pk", "object_id")),
    "files": {n: default_storage.size(n) for n in names},
}, default=str))
"""

SHARE = """
from django.contrib.auth import get_user_model
from articles.models import Article
from articles.workflow.share_links import create_share_link
create_share_link(Article.objects.exclude(status="published").first(),
                  get_user_model().objects.get(username="redaktur"))
"""


def manage(env, *args, code=None):
    command = [str(BIN / "python"), "manage.py", *args]
    if code is not None:
        command += ["-c", code]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def databases():
    needs("pg_dump", "pg_restore", "psql")
    names = [f"newsroom_backup_{uuid.uuid4().hex[:8]}" for _ in range(3)]
    for name in names:
        subprocess.run(["psql", postgres_url("postgres"), "-qc", f'CREATE DATABASE "{name}"'])
    yield [postgres_url(name) for name in names]
    for name in names:
        subprocess.run(["psql", postgres_url("postgres"), "-qc", f'DROP DATABASE "{name}"'])


def test_backup_restores_everything_into_empty_disk_and_bucket(databases, tmp_path, s3_server):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    base = {k: v for k, v in base.items() if not k.startswith("MEDIA_")}
    source = {**base, "DATABASE_URL": databases[0], "MEDIA_ROOT": str(tmp_path / "src")}
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "load_demo")
    manage(source, "shell", code=SHARE)
    before = json.loads(manage(source, "shell", code=COUNT).splitlines()[-1])
    assert before["share_links"] and before["revisions"] and before["log"] and before["files"]

    archive = tmp_path / "site.tar"
    manage(source, "backup", "--output", str(archive))

    on_disk = {**base, "DATABASE_URL": databases[1], "MEDIA_ROOT": str(tmp_path / "dst")}
    manage(on_disk, "restore", str(archive))
    assert json.loads(manage(on_disk, "shell", code=COUNT).splitlines()[-1]) == before

    bucket = f"restore-{uuid.uuid4().hex[:8]}"
    boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=bucket)
    in_bucket = {
        **base,
        "DATABASE_URL": databases[2],
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": s3_server,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test",
    }
    manage(in_bucket, "restore", str(archive))
    assert json.loads(manage(in_bucket, "shell", code=COUNT).splitlines()[-1]) == before


def test_restore_refuses_a_database_that_is_not_empty(databases, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    env.update(DATABASE_URL=databases[0], MEDIA_ROOT=str(tmp_path / "media"))
    manage(env, "migrate", "--noinput", "-v0")
    archive = tmp_path / "site.tar"
    manage(env, "backup", "--output", str(archive))
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "restore", str(archive)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "restore only into an empty one" in result.stderr


TABLES = "from django.db import connection; print(len(connection.introspection.table_names()))"


def refused(env, *args):
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0, result.stdout[-2000:]
    return result.stderr


def rewritten(source, target, change):
    """A copy of the archive with `change(name, data, manifest)` applied to its members."""
    with tarfile.open(source) as archive:
        members = {
            m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()
        }
    manifest = json.loads(members.pop("manifest.json"))
    members = change(members, manifest)
    with tarfile.open(target, "w") as archive:
        for name, data in [*members.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return target


def test_backups_are_readable_by_their_owner_only(databases, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    env.update(DATABASE_URL=databases[0], MEDIA_ROOT=str(tmp_path / "media"))
    manage(env, "migrate", "--noinput", "-v0")
    archive = tmp_path / "site.tar"
    archive.write_bytes(b"an older file in the way, world-readable")
    archive.chmod(0o644)
    previous = os.umask(0o022)  # what a shell or a unit without UMask= hands down
    try:
        manage(env, "backup", "--output", str(archive))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_a_bad_archive_restores_nothing_and_the_next_try_succeeds(databases, tmp_path):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    source = {**base, "DATABASE_URL": databases[0], "MEDIA_ROOT": str(tmp_path / "src")}
    manage(source, "migrate", "--noinput", "-v0")
    manage(source, "load_demo")
    before = json.loads(manage(source, "shell", code=COUNT).splitlines()[-1])
    good = tmp_path / "site.tar"
    manage(source, "backup", "--output", str(good))
    target = {**base, "DATABASE_URL": databases[1], "MEDIA_ROOT": str(tmp_path / "dst")}

    def flip_a_picture(members, manifest):
        name = next(n for n in members if n.startswith("media/"))
        members[name] = members[name][:-1] + bytes([members[name][-1] ^ 1])
        return members

    def older_format_with_a_broken_dump(members, manifest):
        """No checksums to catch it: pg_restore fails midway, in its one transaction."""
        dump = bytearray(members["database.dump"])
        for at in range(len(dump) // 2, len(dump) - 64, 97):
            dump[at] ^= 0x5A
        members["database.dump"] = bytes(dump)
        manifest["format"] = 1
        return members

    for change in (flip_a_picture, older_format_with_a_broken_dump):
        bad = rewritten(good, tmp_path / f"{change.__name__}.tar", change)
        assert "Error" in refused(target, "restore", str(bad))
        assert manage(target, "shell", "-c", TABLES).split()[-1] == "0"
        media = tmp_path / "dst"
        assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]

    manage(target, "restore", str(good))
    assert json.loads(manage(target, "shell", code=COUNT).splitlines()[-1]) == before
