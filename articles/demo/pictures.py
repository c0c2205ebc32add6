"""Pictures drawn with Pillow, so the demo needs no downloaded or bundled files."""

import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

from ..images.storage import create_image
from ..models import Image


@dataclass(frozen=True)
class Picture:
    key: str
    alt_text: str
    caption: str
    credit: str
    label: str  # the text drawn on the picture
    colors: tuple  # two RGB colours of the gradient
    size: tuple = (1200, 675)
    style: str = "scene"  # "scene", "portrait" or "logo"


def draw(picture):
    """A gradient with a few translucent shapes and the label; seeded, so always the same."""
    width, height = picture.size
    rng = random.Random(picture.key)
    gradient = PILImage.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270]))
    canvas = ImageOps.colorize(gradient.resize(picture.size), *picture.colors).convert("RGBA")
    overlay = PILImage.new("RGBA", picture.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    if picture.style == "portrait":
        cx, cy, r = width // 2, int(height * 0.42), int(width * 0.2)
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 90))
        pen.ellipse(
            (cx - 2 * r, cy + int(1.4 * r), cx + 2 * r, cy + 5 * r), fill=(255, 255, 255, 70)
        )
    elif picture.style == "scene":
        for _ in range(7):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(height // 10, height // 2)
            fill = (255, 255, 255, rng.randrange(25, 70))
            if rng.random() < 0.5:
                pen.ellipse((x - r, y - r, x + r, y + r), fill=fill)
            else:
                pen.regular_polygon(
                    (x, y, r), rng.choice([3, 4, 6]), rotation=rng.randrange(90), fill=fill
                )
    canvas = PILImage.alpha_composite(canvas, overlay)
    pen = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=max(16, height // (6 if picture.style == "logo" else 14)))
    if picture.style == "logo":
        pen.text((width / 2, height / 2), picture.label, font=font, fill="white", anchor="mm")
    else:
        band = int(height * 0.16)
        pen.rectangle((0, height - band, width, height), fill=(0, 0, 0, 150))
        pen.text(
            (width * 0.04, height - band / 2), picture.label, font=font, fill="white", anchor="lm"
        )
    buffer = io.BytesIO()
    if picture.style == "logo":
        canvas.save(buffer, "PNG", optimize=True)
        return buffer.getvalue(), "image/png"
    canvas.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue(), "image/jpeg"


def load_pictures(pictures, uploader):
    """One Image row per picture, found again by its alt text; files are drawn only once."""
    images, created = {}, 0
    for picture in pictures:
        image = Image.objects.filter(alt_text=picture.alt_text).order_by("pk").first()
        if image is None:
            # Through the same pipeline as a staff upload, so the demo has renditions.
            data, mime_type = draw(picture)
            extension = "png" if mime_type == "image/png" else "jpg"
            upload = ContentFile(data, name=f"{picture.key}.{extension}")
            image = create_image(upload, user=uploader, alt_text=picture.alt_text)
            created += 1
        image.caption, image.credit = picture.caption, picture.credit
        image.save()
        images[picture.key] = image
    return images, created


CREDIT = "Ilustrasi demo Newsroom"

PICTURES = [
    Picture("kelas-daring", "Layar konferensi video berisi peserta kelas daring media sosial",
            "Peserta mengikuti kelas daring pengelolaan media sosial.", "Humas Dit. Mitras DUDI",
            "Kelas Daring Media Sosial", ((12, 45, 94), (38, 166, 154))),
    Picture("lokakarya", "Peserta lokakarya menyunting naskah siaran pers di meja kerja",
            "Pranata humas berlatih menyunting siaran pers.", "Humas Dit. Mitras DUDI",
            "Lokakarya Siaran Pers", ((94, 23, 45), (245, 166, 35))),
    Picture("strategi", "Diagram lima langkah strategi media sosial",
            "Lima langkah strategi media sosial instansi.", CREDIT, "Strategi Media Sosial",
            ((36, 20, 84), (0, 150, 199))),
    Picture("webinar-smk", "Poster webinar penyelarasan kurikulum SMK", "Webinar penyelarasan "
            "kurikulum SMK dengan industri.", CREDIT, "Webinar Kurikulum SMK",
            ((0, 77, 64), (174, 213, 129))),
    Picture("praktik-kerja", "Siswa SMK berlatih di bengkel bersama pembimbing industri",
            "Praktik kerja lapangan siswa SMK.", "Humas Dit. SMK", "Praktik Kerja Lapangan",
            ((51, 51, 51), (255, 112, 67))),
    Picture("keterbukaan", "Ikon dokumen terbuka di depan layar laman resmi",
            "Keterbukaan informasi publik lewat kanal digital.", CREDIT,
            "Keterbukaan Informasi Publik", ((13, 71, 161), (144, 202, 249))),
    Picture("kursus", "Peserta kursus mengikuti pelatihan berbasis kompetensi",
            "Pelatihan berbasis kompetensi di lembaga kursus.", "Humas Dit. Suslat",
            "Kursus dan Pelatihan", ((74, 20, 140), (240, 98, 146))),
    Picture("magang", "Mahasiswa politeknik magang di ruang produksi perusahaan",
            "Magang mahasiswa pendidikan tinggi vokasi.", "Humas Dit. PTVP", "Magang Industri",
            ((27, 94, 32), (255, 213, 79))),
    Picture("fotografi", "Kamera dan lampu kilat di meja liputan", "Perlengkapan liputan "
            "foto kegiatan.", CREDIT, "Foto Kegiatan", ((62, 39, 35), (255, 204, 128))),
    Picture("novan-putranto", "Potret ilustrasi Novan Putranto", "Novan Putranto.", CREDIT,
            "Novan Putranto", ((21, 101, 192), (13, 27, 42)), (480, 480), "portrait"),
    Picture("ellen-gracia", "Potret ilustrasi Ellen Gracia", "Ellen Gracia.", CREDIT,
            "Ellen Gracia", ((173, 20, 87), (40, 10, 30)), (480, 480), "portrait"),
    Picture("logo-cnbc-indonesia", "Logo ilustrasi CNBC Indonesia", "", CREDIT, "CNBC Indonesia",
            ((0, 40, 85), (0, 90, 160)), (480, 160), "logo"),
]  # fmt: skip
