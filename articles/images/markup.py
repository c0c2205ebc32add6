"""Uploaded images as HTML: the right size for each screen.

Renditions are made at upload time (`renditions.py`); this module only reads
`Image.renditions`, so writing a picture costs no query and no Pillow work.
"""

import html
import re

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import Image

# The article column: full width on a phone, 46rem beside nothing on wider screens.
BODY_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
_WIDTH_LABEL = re.compile(r"w\d+$")


def _renditions(image, crop, fmt):
    """[(url, width, height)] of the image's renditions in one format, narrowest first."""
    found = []
    for key, rendition in (image.renditions or {}).items():
        label = key.rsplit(".", 1)[0]
        wanted = label == crop if crop else _WIDTH_LABEL.match(label)
        if wanted and rendition.get("format") == fmt:
            found.append((rendition["name"], rendition["width"], rendition["height"]))
    storage = image.file.storage
    return [(storage.url(name), w, h) for name, w, h in sorted(found, key=lambda r: r[1])]


def _fallback_format(image):
    formats = {r.get("format") for r in (image.renditions or {}).values()}
    return "png" if "png" in formats else "jpeg"


def rendition_url(image, label):
    """URL of one rendition in the fallback format (JPEG, or PNG for transparent images)."""
    if image is None:
        return ""
    for key, rendition in (image.renditions or {}).items():
        if key.rsplit(".", 1)[0] == label and rendition.get("format") in ("jpeg", "png"):
            return image.file.storage.url(rendition["name"])
    return ""


def focal_classes(focal_x, focal_y):
    """ "fx-35 fy-70": the focal point in 5% steps, which site.css turns into object-position."""

    def step(value):
        return min(100, max(0, round(float(value) * 20) * 5))

    return f"fx-{step(focal_x)} fy-{step(focal_y)}"


def _srcset(candidates):
    return ", ".join(f"{url} {width}w" for url, width, _height in candidates)


def picture_html(image, *, alt, sizes, loading="lazy", css_class="", crop="", title=""):
    """<picture> with WebP and JPEG/PNG srcsets, intrinsic size, and lazy or eager loading."""
    loading = "eager" if loading == "eager" else "lazy"
    priority = mark_safe(' fetchpriority="high"') if loading == "eager" else ""
    classes = [css_class] if css_class else []
    if not crop and (image.focal_x, image.focal_y) != (0.5, 0.5):
        # Layouts cut width renditions too (object-fit: cover); keep the focal point in
        # view. Classes, not a style attribute: the public pages' CSP allows no inline style.
        classes.append(focal_classes(image.focal_x, image.focal_y))
    css = format_html(' class="{}"', " ".join(classes)) if classes else ""
    extra = format_html(' title="{}"', title) if title else ""
    fallback = _renditions(image, crop, _fallback_format(image))
    if not fallback:  # not (yet) through the pipeline: the original, as it is
        return format_html(
            '<img src="{}" alt="{}"{}{} loading="{}" decoding="async"{}{}>',
            image.file.url,
            alt,
            format_html(' width="{}" height="{}"', image.width, image.height)
            if image.width and image.height
            else "",
            extra,
            loading,
            priority,
            css,
        )
    webp = _renditions(image, crop, "webp")
    src = next((c for c in fallback if c[1] >= 960), fallback[-1])
    _url, width, height = fallback[-1]
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
        if webp
        else ""
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}'
        ' loading="{}" decoding="async"{}{}></picture>',
        source,
        src[0],
        _srcset(fallback),
        sizes,
        width,
        height,
        alt,
        extra,
        loading,
        priority,
        css,
    )


def social_image_url(image, request=None):
    """Absolute URL of the 1200×630 crop that social networks show for a page."""
    if image is None or not image.file:
        return ""
    url = rendition_url(image, "social") or image.file.url
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.SITE_URL + url


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_ORIGINAL_NAME = re.compile(r"images/originals/[0-9a-f]{32}\.(?:jpg|png|webp|gif)$")


def _attributes(tag):
    found = {}
    for match in _ATTRIBUTE.finditer(tag[4:-1]):
        name, *values = match.groups()
        value = next((v for v in values if v is not None), "")
        found.setdefault(name.lower(), html.unescape(value))
    return found


def _original_name(src):
    match = _ORIGINAL_NAME.search(src.split("?", 1)[0].split("#", 1)[0])
    return match.group(0) if match else None


def responsive_body(body):
    """Article body HTML with every <img> uploaded here turned into a responsive <picture>.

    Images from elsewhere, and ones that already carry a srcset, are left exactly as they
    are. One query for the whole body, however many images it holds.
    """
    if not body or "<img" not in body.lower():
        return body
    tags = {tag: _attributes(tag) for tag in _IMG_TAG.findall(body)}
    names = {
        _original_name(attrs.get("src", ""))
        for attrs in tags.values()
        if "srcset" not in attrs and _original_name(attrs.get("src", ""))
    }
    if not names:
        return body
    images = {image.file.name: image for image in Image.objects.filter(file__in=names)}

    def rewrite(match):
        attrs = tags[match.group(0)]
        image = images.get(_original_name(attrs.get("src", "")) or "")
        if image is None or "srcset" in attrs:
            return match.group(0)
        # CKEditor writes alt="" whenever its field is left empty: not a decision that the
        # picture is decorative, so the description given in the picture library fills it.
        alt = attrs.get("alt") or image.alt_text
        return picture_html(image, alt=alt, sizes=BODY_SIZES, title=attrs.get("title", ""))

    rewritten = _IMG_TAG.sub(rewrite, str(body))
    return mark_safe(rewritten) if hasattr(body, "__html__") else rewritten


def bounded_body(body, label="w960"):
    """Body HTML for places that take plain <img> (feeds): every picture uploaded here
    points at one bounded rendition, never the original upload, which can be a 24-megapixel
    photo. A picture with no such rendition is left out rather than sent as the original.
    One query for the whole body."""
    if not body or "<img" not in body.lower():
        return body
    tags = {tag: _attributes(tag) for tag in _IMG_TAG.findall(body)}
    names = {_original_name(attrs.get("src", "")) for attrs in tags.values()} - {None}
    images = {image.file.name: image for image in Image.objects.filter(file__in=names)}

    def rewrite(match):
        attrs = tags[match.group(0)]
        name = _original_name(attrs.get("src", ""))
        if name is None:
            return match.group(0)  # not an upload of ours (sanitised and allow-listed)
        image = images.get(name)
        url = rendition_url(image, label) or rendition_url(image, "w480")
        if not url:
            return ""
        return format_html('<img src="{}" alt="{}">', url, attrs.get("alt") or image.alt_text)

    return _IMG_TAG.sub(rewrite, str(body))
