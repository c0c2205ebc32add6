"""Time to take a 24-megapixel phone photo through the pipeline, pinned to one core.

Covers what an upload costs apart from the database row and the disk writes: decode and
checks, orientation and metadata, the stored original, and all nine renditions encoded.
Two cases: an upright photo (original kept byte for byte) and one rotated by EXIF with a
colour profile (original re-encoded). Aim: under 2 s each.
"""

import io
import os
import statistics
import time

from PIL import ExifTags, ImageDraw, ImageFilter
from PIL import Image as PILImage

RUNS = 5


def photo(orientation):
    """6000×4000 with gradients, edges and grain: about 8 MB, like a camera JPEG."""
    base = PILImage.merge(
        "RGB",
        [
            PILImage.linear_gradient("L").resize((6000, 4000)),
            PILImage.radial_gradient("L").resize((6000, 4000)),
            PILImage.linear_gradient("L").rotate(90).resize((6000, 4000)),
        ],
    )
    draw = ImageDraw.Draw(base)
    for i in range(0, 6000, 150):
        draw.ellipse(
            [i, (i * 7) % 3600, i + 400, (i * 7) % 3600 + 400], outline=(i % 256, 90, 40), width=9
        )
    grain = PILImage.effect_noise((6000, 4000), 40).filter(ImageFilter.GaussianBlur(0.5))
    base = PILImage.blend(base, PILImage.merge("RGB", [grain] * 3), 0.3)
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "S"
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def process(data):
    from articles.images.renditions import encode as _encode
    from articles.images.renditions import make_renditions
    from articles.images.uploads import prepare_bytes

    prepared = prepare_bytes(data)
    original = prepared.original
    renditions = [_encode(im, fmt) for _label, fmt, im in make_renditions(prepared.pixels)]
    return len(original), len(renditions)


def run():
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    for label, orientation in (("tegak", 1), ("diputar EXIF 6", 6)):
        data = photo(orientation)
        process(data)  # warm-up: imports, codec initialisation
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            process(data)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            f"24 MP JPEG ({len(data) / 1e6:.1f} MB, {label}): median {median:.2f} s over {RUNS}"
            f" runs (min {min(times):.2f} s, max {max(times):.2f} s), one core"
        )
