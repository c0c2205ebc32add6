"""What a picture may be, and the words staff read when an upload is refused."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Pillow format name -> (MIME type, file extension).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
    "GIF": ("image/gif", "gif"),
}
ACCEPT = ",".join(mime for mime, _ext in FORMATS.values())

MESSAGES = {
    "too_large": _("Ukuran berkas %(size)s melebihi batas %(limit)s. Perkecil gambarnya dulu."),
    "not_image": _(
        "Berkas ini bukan gambar JPEG, PNG, WebP, atau GIF. Jenis berkas dikenali dari isinya, "
        "bukan dari nama berkasnya."
    ),
    "too_many_pixels": _(
        "Resolusi gambar terlalu besar: batasnya %(limit)s megapiksel. Perkecil gambarnya lalu "
        "unggah kembali."
    ),
    "too_many_frames": _(
        "Animasi terlalu panjang atau terlalu besar (%(frames)s bingkai). Gunakan video untuk "
        "animasi sepanjang ini."
    ),
    "corrupt": _(
        "Berkas gambar rusak atau terpotong sehingga tidak dapat dibaca. Unggah ulang berkas "
        "aslinya."
    ),
    "polyglot": _(
        "Berkas memuat data lain setelah akhir gambar (misalnya berkas yang disisipkan atau "
        "video “Motion Photo”). Simpan ulang fotonya sebagai JPEG atau PNG biasa, "
        "lalu unggah kembali."
    ),
}


def refuse(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)
