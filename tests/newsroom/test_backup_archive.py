"""`restore` reads and checks the whole archive before it touches anything (issue 30).

It used to check the archive only after restoring the database, so a damaged archive
left a half-restored site that refused a second try. These need no database server:
the end-to-end round trip and the all-or-nothing restore run in tests/deploy.
"""

import hashlib
import io
import json
import tarfile

import pytest

from newsroom.backup import BackupError, check_archive

DUMP = b"PGDMP fake dump for the checks before pg_restore"
PICTURE = b"\xff\xd8 a picture"


def build(path, *, media=None, manifest=None, extra=(), truncate=0):
    media = {"images/a.jpg": PICTURE} if media is None else media
    shown = {
        "format": 2,
        "database_bytes": len(DUMP),
        "database_sha256": hashlib.sha256(DUMP).hexdigest(),
        "media_files": len(media),
        "media_sha256": {name: hashlib.sha256(data).hexdigest() for name, data in media.items()},
    }
    shown.update(manifest or {})
    with tarfile.open(path, "w") as archive:
        members = [("database.dump", DUMP), *((f"media/{n}", d) for n, d in media.items())]
        members.append(("manifest.json", json.dumps(shown).encode()))
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra:
            archive.addfile(info)
    if truncate:
        data = path.read_bytes()
        path.write_bytes(data[:truncate])
    return path


def test_a_sound_archive_passes(tmp_path):
    assert check_archive(build(tmp_path / "ok.tar"))["media_files"] == 1


def link(name, target):
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    return info


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"truncate": 1600}, "damaged|complete"),
        ({"manifest": {"media_files": 2}}, "media files"),
        ({"manifest": {"media_sha256": {"images/a.jpg": "0" * 64}}}, "checksums"),
        ({"manifest": {"database_sha256": "0" * 64}}, "checksum"),
        ({"manifest": {"database_bytes": 3}}, "size"),
        ({"manifest": {"format": 99}}, "unknown format"),
        ({"media": {"../../etc/cron.d/x": b"x"}}, "unsafe name"),
        ({"extra": [link("media/images/b.jpg", "/etc/shadow")]}, "not a plain file"),
    ],
    ids=["truncated", "count", "media-sum", "dump-sum", "dump-size", "format", "path", "link"],
)
def test_a_bad_archive_is_refused_with_the_reason(tmp_path, options, reason):
    path = build(tmp_path / "bad.tar", **options)
    with pytest.raises(BackupError, match=reason):
        check_archive(path)


def test_a_file_that_is_no_archive_is_refused(tmp_path):
    path = tmp_path / "not.tar"
    path.write_bytes(b"hello")
    with pytest.raises(BackupError, match="cannot read"):
        check_archive(path)
