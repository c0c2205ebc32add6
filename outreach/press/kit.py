"""The press kit of a release: full-resolution pictures with caption and credit, the
event's details and speakers, and the contact person.

One kit, two doors. Before the lift it hangs on the embargoed page, reached only through
a personal link (`private_kit`); after the lift it hangs on the public article page
(`public_kit`, read through `Article.objects.published()`, so a scheduled or withdrawn
article has no public kit). The portal's article template loads the `press` tag library
(outreach/templatetags/press.py) for the public door: articles imports nothing of
outreach, and nothing of the kit exists on a public surface before `published()` says so.

Pictures are the release's own (`sending.pictures`: the featured image, then those in
the body); a download names an image by id and is refused unless it is one of them, so
no other upload can be fetched through a kit.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Event, EventSpeaker, Status
from articles.models.events import by_speaker
from newsroom.statements import Statement

from ..models import Release
from . import links, sending

# Pictures one kit shows: far above any real release, a bound on one page's work.
MAX_PICTURES = 40


@dataclass
class Kit:
    release: Release
    article: Article
    pictures: list = field(default_factory=list)
    event: Event | None = None
    speakers: list = field(default_factory=list)  # [(speaker, ["Moderator", ...])]
    signed_token: str = ""  # the personal link's, before the lift; "" on the public page

    @property
    def public(self):
        return not self.signed_token

    def picture_url(self, image):
        if self.public:
            return reverse("press:public_picture", args=[self.article.pk, image.pk])
        return reverse("press:private_picture", args=[self.signed_token, image.pk])

    def zip_url(self):
        if self.public:
            return reverse("press:public_zip", args=[self.article.pk])
        return reverse("press:private_zip", args=[self.signed_token])

    def items(self):
        """[(image, download address)] for templates."""
        return [(image, self.picture_url(image)) for image in self.pictures]

    def picture(self, image_id):
        return next((image for image in self.pictures if image.pk == image_id), None)


def _speakers(event, article):
    if event is not None:
        return by_speaker(event.event_speakers.all())
    return [(speaker, []) for speaker in article.speakers.all()]


def _event(article, events):
    if not article.event_id:
        return None
    rows = EventSpeaker.objects.select_related("speaker").order_by("order", "pk")
    return (
        events.filter(pk=article.event_id)
        .prefetch_related(Prefetch("event_speakers", queryset=rows))
        .first()
    )


def _build(release, article, events, signed_token=""):
    event = _event(article, events)
    return Kit(
        release=release,
        article=article,
        pictures=sending.pictures(article)[:MAX_PICTURES],
        event=event,
        speakers=_speakers(event, article),
        signed_token=signed_token,
    )


def private_kit(recipient, article):
    """The kit behind `recipient`'s personal link (the caller checked the link is live)."""
    # The journalist sees the release's event even if the event itself is not public yet.
    events = Event.objects.exclude(status=Status.WITHDRAWN).filter(copy_of__isnull=True)
    return _build(recipient.release, article, events, links.signed(recipient.token))


def _newest_release(article, at):
    public = Article.objects.published(at).filter(pk=article)
    rows = Release.objects.filter(article__in=public).order_by("-created_at", "-pk")
    return rows.values_list("pk")[:1]


_NEWEST_RELEASE = Statement(_newest_release)


def public_kit(article_id):
    """The kit of a public article's newest release, or None (not public, no release).

    Asked on every article page, and most articles have no release: the newest release's
    key is looked up first, so the common answer is a one-column query; the release with
    its article, picture and unit is read only when there is one to show.
    """
    found = _NEWEST_RELEASE.rows(article=article_id, at=timezone.now())
    if not found:
        return None
    newest = found[0][0]
    full = Release.objects.select_related("article", "article__featured_image", "article__unit")
    release = full.filter(pk=newest).first()
    if release is None:  # deleted in between
        return None
    return _build(release, release.article, Event.objects.published())
