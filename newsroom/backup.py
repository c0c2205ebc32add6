"""One archive holds the site: the PostgreSQL database and every media file.

The database goes through pg_dump's custom format (restored by pg_restore, whatever the
row counts), the media through Django's storage API, so the same archive moves between a
local disk and an S3 bucket in either direction. A restore only goes into an empty
database and an empty media store: it never merges into or overwrites a live site.

The archive holds sessions, password hashes and second-factor keys, so it is created
readable by its owner only (0600), whatever the umask. A restore reads and checks the
whole archive before it touches anything (every member readable, names safe, the
manifest's counts and checksums matching, the dump's table of contents readable by
pg_restore), then writes the media and the database; if either fails, what was written
is taken back, so a bad archive leaves the site as empty as it found it and the next try
starts clean.
"""

import hashlib
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
FORMAT = 2  # 2: the manifest lists a SHA-256 of the dump and of each media file
READABLE_FORMATS = {1, 2}
CHUNK = 1 << 20


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


def _sha256(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _owner_only(path):
    """A new file only its owner can read, whatever the process's umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # O_CREAT's mode only counts for a file that did not exist
    return os.fdopen(descriptor, "wb")


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
        media = {}
        with open(dump, "rb") as handle:
            dump_sum = _sha256(handle)
        with _owner_only(partial) as out, tarfile.open(fileobj=out, mode="w") as archive:
            archive.add(dump, arcname=DUMP_NAME)
            for name in media_names():
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                _add_bytes(archive, MEDIA_PREFIX + name, data)
                media[name] = hashlib.sha256(data).hexdigest()
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(),
                "database_bytes": os.path.getsize(dump),
                "database_sha256": dump_sum,
                "media_files": len(media),
                "media_sha256": media,
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
        return tarfile.open(path, "r")  # noqa: SIM115 - the callers close it in a with block
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from error


def _media_name(member):
    name = member.name[len(MEDIA_PREFIX) :]
    if not name or name.startswith("/") or ".." in PurePosixPath(name).parts or "\x00" in name:
        raise BackupError(f"unsafe name in archive: {member.name}")
    if not member.isfile():
        raise BackupError(f"not a plain file in archive: {member.name}")
    return name


def check_archive(path):
    """Read the whole archive and return its manifest, or say what is wrong with it.

    Touches neither the database nor the media store.
    """
    with _open_archive(path) as archive:
        try:
            members = archive.getmembers()
            names = [member.name for member in members]
            if DUMP_NAME not in names:
                raise BackupError(f"{path} is not a Newsroom backup")
            if MANIFEST_NAME not in names:  # written last: the archive was cut short
                raise BackupError(f"{path} is not a complete Newsroom backup (no manifest)")
            try:
                manifest = json.load(archive.extractfile(MANIFEST_NAME))
            except ValueError as error:
                raise BackupError(f"the manifest of {path} is unreadable: {error}") from error
            if not isinstance(manifest, dict) or manifest.get("format") not in READABLE_FORMATS:
                raise BackupError(f"{path} has a manifest of an unknown format")
            if len(set(names)) != len(names):
                raise BackupError(f"{path} holds a name twice")
            sums = {}
            for member in members:
                if member.name.startswith(MEDIA_PREFIX) and not member.isdir():
                    name = _media_name(member)
                    sums[name] = _sha256(archive.extractfile(member))
                elif member.name == DUMP_NAME:
                    dump = archive.extractfile(member)
                    sums[DUMP_NAME] = _sha256(dump)
                    if member.size != manifest.get("database_bytes"):
                        raise BackupError("the database dump is not the size the manifest says")
        except (OSError, tarfile.TarError, EOFError, KeyError) as error:
            raise BackupError(f"{path} is damaged: {error}") from error
    dump_sum = sums.pop(DUMP_NAME)
    if len(sums) != manifest.get("media_files"):
        raise BackupError(
            f"the archive holds {len(sums)} media files, its manifest {manifest.get('media_files')}"
        )
    if manifest["format"] >= 2:
        if dump_sum != manifest.get("database_sha256"):
            raise BackupError("the database dump does not match its checksum")
        wrong = [
            name for name, digest in sums.items() if manifest["media_sha256"].get(name) != digest
        ]
        if wrong:
            raise BackupError(f"{len(wrong)} media files do not match their checksums: {wrong[0]}")
    return manifest


def _check_dump(dump, env):
    """pg_restore reads the dump's table of contents without a database."""
    result = subprocess.run(
        [_tool("pg_restore"), "--list", dump], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"the database dump is unreadable: {result.stderr.strip()}")


def restore(path, report=print):
    """Bring the archive into the (empty) database and media store, all of it or nothing."""
    env, args = _pg_env_and_args()
    manifest = check_archive(path)
    _check_empty()
    with _open_archive(path) as archive, tempfile.TemporaryDirectory() as scratch:
        dump = os.path.join(scratch, DUMP_NAME)
        with open(dump, "wb") as out:
            shutil.copyfileobj(archive.extractfile(DUMP_NAME), out)
        _check_dump(dump, env)
        saved = []
        try:
            for member in archive.getmembers():
                if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
                    continue
                name = _media_name(member)
                stored = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
                saved.append(stored)
                if stored != name:
                    raise BackupError(f"{name} was stored as {stored}")
            # One transaction: a failure leaves no table behind.
            result = subprocess.run(
                [_tool("pg_restore"), "--exit-on-error", "--single-transaction", *args, dump],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        except BaseException:
            for name in saved:
                default_storage.delete(name)
            raise
    connection.close()  # the schema changed under this connection
    report(f"database restored, {len(saved)} of {manifest['media_files']} media files")
    return len(saved)
