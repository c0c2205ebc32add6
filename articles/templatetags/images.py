"""Template tags that put uploaded images on pages (see `articles.images.markup`)."""

from django import template

from ..images import markup

register = template.Library()


@register.simple_tag
def picture(image, sizes="100vw", loading="lazy", css_class="", crop=""):
    """`{% picture image sizes="..." loading="eager" %}`; crop="square" for portraits.

    Pass loading="eager" only for the lead image at the top of a page: it also gets
    fetchpriority="high"; everything else loads lazily.
    """
    if image is None or not image.file:
        return ""
    return markup.picture_html(
        image, alt=image.alt_text, sizes=sizes, loading=loading, css_class=css_class, crop=crop
    )


@register.simple_tag(takes_context=True)
def social_image_url(context, image):
    return markup.social_image_url(image, context.get("request"))


register.filter("responsive_body", markup.responsive_body, is_safe=True)
