"""Where a picture is used: which articles show it, whether readers see it now, and
which pictures a staff member may find in the library."""

from django.db.models import Q

from units import roles

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


def in_reach(user, pictures):
    """The pictures of `pictures` the library and its chooser show `user`.

    Those acting everywhere see all. Anyone else sees their own uploads, the pictures of
    the units they serve (owned there, or featured on one of their units' items) and those
    already public:
    the featured picture of a published article, a speaker's photo, a partner's logo.
    Never another unit's pictures of approved but unpublished items, captions included.
    A picture that appears only inside another unit's published body is not listed:
    finding those would read every published body for each picture on the page.
    """
    if roles.acts_everywhere(user):
        return pictures
    units = roles.unit_ids(user)
    live = Article.objects.published().filter(featured_image__isnull=False)
    reach = (
        Q(owner_unit_id__in=units)
        | Q(uploaded_by=user)
        | Q(pk__in=live.values("featured_image"))
        | Q(pk__in=Speaker.objects.filter(photo__isnull=False).values("photo"))
        | Q(pk__in=Partner.objects.filter(logo__isnull=False).values("logo"))
    )
    if units:
        ours = Article.objects.filter(unit_id__in=units, featured_image__isnull=False)
        reach |= Q(pk__in=ours.values("featured_image"))
    return pictures.filter(reach)
