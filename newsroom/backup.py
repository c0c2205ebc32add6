"""One archive holds the site: the PostgreSQL database and every media file.

The database goes through pg_dump's custom format (restored by pg_restore, whatever the
row counts), the media through Django's storage API, so the same archive moves between a
local disk and an S3 bucket in either direction. A restore only goes into an empty
database and an empty media store: it never merges into or overwrites a live site.
"""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
FORMAT = 1


class BackupError(Exception):
    pass


def _pg_env_and_args():
    """pg_dump/pg_restore connection arguments for the default database; the password by env."""
    if connection.vendor != "postgresql":
        raise BackupError("backup and restore need PostgreSQL (DATABASE_URL=postgres://...)")
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--dbname", db["NAME"], "--no-owner", "--no-acl"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    return env, args


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found (apt-get install postgresql-client)")
    return path


def media_names(storage=default_storage, folder=""):
    """Every file name in the storage, depth first, through listdir only (disk or bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder) / name) if folder else name
    for sub in sorted(folders):
        yield from media_names(storage, f"{folder}/{sub}" if folder else sub)


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(path, report=print):
    """Write the archive to `path`; returns the manifest (counts and names)."""
    env, args = _pg_env_and_args()
    with tempfile.TemporaryDirectory() as scratch:
        dump = os.path.join(scratch, DUMP_NAME)
        result = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--file", dump, *args],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        partial = f"{path}.partial"
        media = []
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=DUMP_NAME)
            for name in media_names():
                with default_storage.open(name, "rb") as handle:
                    _add_bytes(archive, MEDIA_PREFIX + name, handle.read())
                media.append(name)
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(),
                "database_bytes": os.path.getsize(dump),
                "media_files": len(media),
            }
            _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=1).encode())
        os.replace(partial, path)  # a failed backup never leaves a file that looks complete
    report(f"database {manifest['database_bytes']} bytes, {len(media)} media files -> {path}")
    return manifest


def _check_empty():
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"the database already has {len(tables)} tables: restore only into an empty one"
        )
    existing = next(iter(media_names()), None)
    if existing is not None:
        raise BackupError(f"the media store is not empty ({existing}): restore into an empty one")


def _open_archive(path):
    try:
        return tarfile.open(path, "r")  # noqa: SIM115 - restore() closes it in its with block
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from error


def restore(path, report=print):
    """Bring the archive into the (empty) database and media store."""
    env, args = _pg_env_and_args()
    with _open_archive(path) as archive, tempfile.TemporaryDirectory() as scratch:
        names = archive.getnames()
        if DUMP_NAME not in names or MANIFEST_NAME not in names:
            raise BackupError(f"{path} is not a Newsroom backup")
        manifest = json.load(archive.extractfile(MANIFEST_NAME))
        _check_empty()
        dump = os.path.join(scratch, DUMP_NAME)
        with open(dump, "wb") as out:
            shutil.copyfileobj(archive.extractfile(DUMP_NAME), out)
        result = subprocess.run(
            [_tool("pg_restore"), "--exit-on-error", "--single-transaction", *args, dump],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        restored = 0
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
                continue
            name = member.name[len(MEDIA_PREFIX) :]
            if ".." in PurePosixPath(name).parts or name.startswith("/"):
                raise BackupError(f"unsafe name in archive: {member.name}")
            saved = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
            restored += 1
    connection.close()  # the schema changed under this connection
    report(f"database restored, {restored} of {manifest['media_files']} media files")
    return restored
