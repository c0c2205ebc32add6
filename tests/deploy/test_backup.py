"""`manage.py backup` then `manage.py restore` into a fresh database and an empty media store:
every article, revision, log entry, share link and image file comes back."""

import json
import os
import subprocess
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
