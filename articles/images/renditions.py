"""Renditions: the sizes and crops pages show, made once at upload time.

Made in the request that uploads, so no page view ever waits on Pillow.
"""

import io

from PIL import Image as PILImage

# Layout widths, never upscaled; a smaller original gets one rendition at its own width.
WIDTHS = (480, 960, 1600)
# Crops centred on the focal point: Open Graph / Twitter cards, and speaker portraits.
CROPS = {"social": (1200, 630), "square": (600, 600)}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}


def encode(im, fmt):
    buffer = io.BytesIO()
    if fmt == "webp":
        im.save(buffer, "WEBP", quality=80, method=4)
    elif fmt == "jpeg":
        im.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        im.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


def focal_box(width, height, ratio, focal_x, focal_y):
    """The largest box of the given aspect ratio, centred on the focal point, inside the image."""
    if width / height > ratio:
        box_w, box_h = height * ratio, height
    else:
        box_w, box_h = width, width / ratio
    left = min(max(focal_x * width - box_w / 2, 0), width - box_w)
    top = min(max(focal_y * height - box_h / 2, 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _flatten(im):
    if im.mode != "RGBA":
        return im
    flat = PILImage.new("RGB", im.size, (255, 255, 255))
    flat.paste(im, mask=im.getchannel("A"))
    return flat


def make_renditions(pixels, focal_x=0.5, focal_y=0.5):
    """[(label, format, PIL image)] for every rendition of the normalised pixels.

    Widths in WebP plus a fallback (JPEG, or PNG where transparency must survive); the social
    crop is JPEG flattened on white, because networks paint transparent areas black.
    """
    fallback = "png" if pixels.mode == "RGBA" else "jpeg"
    width, height = pixels.size
    out = []
    current = pixels
    for target in sorted({min(width, w) for w in WIDTHS}, reverse=True):
        size = (target, max(1, round(height * target / width)))
        if current.size != size:  # each width from the one above it: fast and still sharp
            current = current.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        out += [(f"w{target}", "webp", current), (f"w{target}", fallback, current)]
    for label, (crop_w, crop_h) in CROPS.items():
        box = focal_box(width, height, crop_w / crop_h, focal_x, focal_y)
        box_w = box[2] - box[0]
        size = (
            (crop_w, crop_h) if box_w >= crop_w else (round(box_w), round(box_w * crop_h / crop_w))
        )
        crop = pixels.resize(
            (max(1, size[0]), max(1, size[1])),
            PILImage.Resampling.LANCZOS,
            box=box,
            reducing_gap=3.0,
        )
        if label == "social":
            out.append((label, "jpeg", _flatten(crop)))
        else:
            out += [(label, "webp", crop), (label, fallback, crop)]
    return out
