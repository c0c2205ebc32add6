"""News articles and their public correction notes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from newsroom.fields import BoundedDateTimeField, ChoiceDisplay
from newsroom.links import slug_path

from .images import DESCRIBED_IMAGES
from .publishable import LEFT_ROWS, OPEN_COPIES, PUBLIC_ROWS, Publishable, PublishableQuerySet
from .sanitize import sanitize_html


class Section(models.TextChoices):
    """The fixed sections; their slugs are the stored values, so URLs never drift."""

    BERITA = "berita", _("Berita")
    SIARAN_PERS = "siaran-pers", _("Siaran Pers")
    ARTIKEL = "artikel", _("Artikel")
    PENGUMUMAN = "pengumuman", _("Pengumuman")


CREDIT_ROLES = ("writer", "editor", "photographer")
# What credits show: names in feeds, initials in the byline. Public pages and feeds read
# nothing else of a staff account (never its password hash, e-mail or login times), and
# feed validators (`syndication.scopes`) cover exactly these.
CREDIT_FIELDS = ("first_name", "last_name", "staff_profile__initials")


def attach_credits(articles):
    """Loads what is shown of the credited staff of `articles` (`CREDIT_FIELDS`) in one
    query, for the article page and the feeds alike.

    Joining users and profiles three times into an article's own query makes
    PostgreSQL spend about a millisecond planning ten joins for one row; the credits'
    own small query costs a tenth of that.
    """
    articles = list(articles)
    ids = {getattr(item, f"{role}_id") for item in articles for role in CREDIT_ROLES} - {None}
    people = get_user_model()._default_manager.select_related("staff_profile")
    users = people.only(*CREDIT_FIELDS).in_bulk(ids)
    for item in articles:
        for role in CREDIT_ROLES:
            user = users.get(getattr(item, f"{role}_id"))
            Article._meta.get_field(role).set_cached_value(item, user)
    return articles


# What a card shows (templates/articles/_card.html, the home page's lead story and
# its social image): the rest of an article, its unit and its picture stays in the
# database. Django's cost of building and reading a query grows with its columns, so a
# list of cards reads only these, about a third of an article's columns.
CARD_FIELDS = (
    "slug",
    "title",
    "section",
    "lead",
    "publish_at",
    "unit__name",
    "unit__slug",
    "unit__abbreviation",
    "featured_image__file",
    "featured_image__width",
    "featured_image__height",
    "featured_image__alt_text",
    "featured_image__caption",
    "featured_image__credit",
    "featured_image__renditions",
    "featured_image__focal_x",
    "featured_image__focal_y",
)


class ArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a list of article cards needs, in a fixed number of queries."""
        return (
            self.select_related("unit", "featured_image")
            .only(*CARD_FIELDS)
            .order_by("-publish_at", "-pk")
        )


class Article(Publishable):
    title = models.CharField(_("judul"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120)
    section = models.CharField(
        _("rubrik"), max_length=20, choices=Section.choices, default=Section.BERITA, db_index=True
    )
    get_section_display = ChoiceDisplay(Section)
    dateline = models.CharField(
        _("tempat berita"), max_length=80, default="Jakarta", help_text=_("Misalnya: Jakarta")
    )
    source = models.CharField(
        _("sumber"),
        max_length=80,
        default="Ditjen Diksi",
        help_text=_("Tampil di awal berita: “Jakarta, Ditjen Diksi --”."),
    )
    source_code = models.CharField(
        _("kode sumber"),
        max_length=20,
        default="Diksi",
        help_text=_("Awal kode penulis, misalnya Diksi pada (Diksi/RA/AP/DE)."),
    )
    lead = models.TextField(_("teras berita"), help_text=_("Satu atau dua kalimat pembuka."))
    body = models.TextField(_("isi berita"))
    featured_image = models.ForeignKey(
        "articles.Image",
        verbose_name=_("foto utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # Only described pictures: readers who cannot see the photo get its alt text.
        limit_choices_to=DESCRIBED_IMAGES,
    )
    tags = TaggableManager(_("topik"), blank=True)
    related_units = models.ManyToManyField(
        "units.WorkUnit",
        verbose_name=_("unit terkait"),
        blank=True,
        related_name="related_articles",
    )
    event = models.ForeignKey(
        "articles.Event",
        verbose_name=_("kegiatan terkait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    speakers = models.ManyToManyField(
        "articles.Speaker",
        verbose_name=_("narasumber yang dikutip"),
        blank=True,
        related_name="articles",
    )
    writer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penyunting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photographer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fotografer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Coverage of an agenda event asked for by an editor: who writes it and by when. Not
    # content (revisions never store it); the writer's desk and the calendar show it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditugaskan kepada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    due_at = models.DateTimeField(_("tenggat"), null=True, blank=True, editable=False)
    # Weighted full-text document for search, rewritten by articles.search after every save
    # and tag/speaker/unit change (it spans other tables, so it cannot be a generated column).
    # Its GIN index is created by the migration on PostgreSQL only; SQLite leaves it empty.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("berita")
        verbose_name_plural = pgettext_lazy("plural", "berita")
        ordering = ["-publish_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(copy_of__isnull=True),
                name="article_slug_unique",
                violation_error_code="unique",
                violation_error_message=_("Slug ini sudah dipakai berita lain. Pilih slug lain."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_public_idx"),
            # What published() selects, in the order every public list reads it: a page of
            # a list (even page 2,000) is a short walk down one of these.
            models.Index(
                fields=["-publish_at", "-id"], condition=PUBLIC_ROWS, name="article_pub_time_idx"
            ),
            models.Index(
                fields=["section", "-publish_at", "-id"],
                condition=PUBLIC_ROWS,
                name="article_pub_section_idx",
            ),
            models.Index(
                fields=["unit", "-publish_at", "-id"],
                condition=PUBLIC_ROWS,
                name="article_pub_unit_idx",
            ),
            # Feed validators and sitemap lastmods: the newest public change, of all news
            # or of one section, and the newest departure, each one index entry away.
            models.Index(
                fields=["-updated_at"], condition=PUBLIC_ROWS, name="article_pub_updated_idx"
            ),
            models.Index(
                fields=["section", "-updated_at"],
                condition=PUBLIC_ROWS,
                name="article_pub_sect_upd_idx",
            ),
            models.Index(fields=["-updated_at"], condition=LEFT_ROWS, name="article_left_idx"),
            # The admin's changelist: originals, newest first; an editor's, of their units.
            models.Index(
                fields=["-publish_at", "-created_at", "-id"],
                condition=Q(copy_of__isnull=True),
                name="article_originals_idx",
            ),
            models.Index(
                fields=["unit", "-publish_at", "-created_at", "-id"],
                condition=Q(copy_of__isnull=True),
                name="article_unit_originals_idx",
            ),
            # Which rows of a list page have a pending copy open.
            models.Index(fields=["copy_of"], condition=OPEN_COPIES, name="article_open_copies_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_path("articles:article", self.slug)

    def get_section_url(self):
        return slug_path("articles:section", self.section, kwarg="section")

    @property
    def credits(self):
        return [user for user in (self.writer, self.editor, self.photographer) if user is not None]

    @property
    def byline_code(self):
        """ "Diksi/RA/AP/DE": the source code, then each credited staff member's initials."""
        parts = [self.source_code]
        for user in self.credits:
            profile = getattr(user, "staff_profile", None)
            if profile is not None and profile.initials:
                parts.append(profile.initials)
        return "/".join(part for part in parts if part)

    def save(self, *args, **kwargs):
        # Sanitised on every save, whoever saves (admin, shell, import, workflow).
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class Correction(models.Model):
    """A public note that a published article was corrected."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    noted_at = BoundedDateTimeField(_("tanggal ralat"), default=timezone.now)
    text = models.TextField(_("isi ralat"))
    # A major correction changes what readers were told: those alerted get a notice.
    major = models.BooleanField(
        _("ralat penting"),
        default=False,
        help_text=_("Pelanggan yang sudah menerima berita ini mendapat pemberitahuan ralat."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("ralat")
        verbose_name_plural = pgettext_lazy("plural", "ralat")
        ordering = ["noted_at", "pk"]

    def __str__(self):
        return self.text[:60]
