"""Uploaded files survive a form that fails validation.

A browser never sends a file twice: when a form comes back with an error (the picture's
description left empty), the file input is empty again and the chosen photo is gone.
Here a file that passed its own checks is kept in the media storage under `uploads/held/`,
and the form carries a signed token naming it (`held_<field>`, a hidden field). Sent back
without a new file, the form takes the held one; a new file replaces it. The token is
signed (nobody can name another file) and expires after a day; a successful save deletes
the held copy.
"""

import uuid

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

HELD_DIR = "uploads/held/"
SALT = "newsroom.admin.held-upload"
MAX_AGE = 24 * 3600


def hold(upload):
    """Keep a checked upload; the signed token that names it."""
    upload.seek(0)
    name = default_storage.save(f"{HELD_DIR}{uuid.uuid4().hex}", upload)
    return signing.dumps({"name": name, "shown": upload.name}, salt=SALT)


def held(token):
    """The upload a token names, or None (bad, expired or already used)."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    name = value.get("name", "")
    if not name.startswith(HELD_DIR) or not default_storage.exists(name):
        return None
    with default_storage.open(name) as stored:
        upload = SimpleUploadedFile(value.get("shown") or "upload", stored.read())
    upload.held_name = name
    return upload


class KeepsUploadsMixin:
    """For forms whose file field `X` has a hidden companion `held_X`."""

    def __init__(self, data=None, files=None, *args, **kwargs):
        self.held_names = []
        if data is not None:
            files = MultiValueDict(dict(files.lists())) if files else MultiValueDict()
            for key in list(data):
                field = key.removeprefix("held_")
                if key.startswith("held_") and data[key] and not files.get(field):
                    upload = held(data[key])
                    if upload is not None:
                        files[field] = upload
                        self.held_names.append(upload.held_name)
        super().__init__(data, files, *args, **kwargs)

    def _file_fields(self):
        return [name for name in self.fields if f"held_{name}" in self.fields]

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        data = self.data.copy()
        for name in self._file_fields():
            upload = self.cleaned_data.get(name)
            if name in self._errors or not isinstance(upload, UploadedFile):
                data[f"held_{name}"] = ""
                continue
            if getattr(upload, "held_name", None) is None:
                data[f"held_{name}"] = hold(upload)
            # The bound field copied the help text when cleaning began.
            self.fields[name].help_text = self[name].help_text = _(
                "Berkas yang Anda pilih tetap tersimpan dan ikut disimpan bersama isian ini; "
                "pilih berkas lain hanya bila ingin menggantinya."
            )
        self.data = data

    def release_held(self):
        """After a successful save: the held copies are no longer needed."""
        for name in self.held_names:
            default_storage.delete(name)
