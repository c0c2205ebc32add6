"""Where a picture is used: which articles show it, and whether readers see it now."""

from ..models import Article, Image, Partner, Speaker


def articles_showing(image):
    """Articles (any status) whose body shows the picture.

    A body refers to its pictures only by the original's URL, so removing or renaming that
    file would leave a broken image in the article: the picture library refuses both.
    """
    if image.pk is None:
        return Article.objects.none()
    name = Image.objects.filter(pk=image.pk).values_list("file", flat=True).first()
    if not name:
        return Article.objects.none()
    return Article.objects.filter(body__contains=name).order_by("-updated_at", "-pk")


def shown_publicly(image):
    """Whether readers see the picture now: on a live article, a speaker or a partner."""
    live = Article.objects.published()
    return (
        live.filter(featured_image=image).exists()
        or articles_showing(image).filter(pk__in=live.values("pk")).exists()
        or Speaker.objects.filter(photo=image).exists()
        or Partner.objects.filter(logo=image).exists()
    )
