"""Template tags that put uploaded images on pages."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy", css_class=""):
    """An <img> for an Image; the images pipeline widens this to <picture>/srcset."""
    if image is None or not image.file:
        return ""
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" class="{}">',
        image.file.url, image.alt_text, image.width or "", image.height or "", loading, css_class,
    )  # fmt: skip


@register.simple_tag(takes_context=True)
def social_image_url(context, image):
    """Absolute URL of the picture social networks show for a page."""
    if image is None or not image.file:
        return ""
    return context["request"].build_absolute_uri(image.file.url)


@register.filter
def responsive_body(html):
    """Body HTML as stored; the images pipeline rewrites uploaded <img> tags here."""
    return html
