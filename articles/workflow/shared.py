"""Shared things readers see (speakers, partners, pictures): who may change them, and
the log of every change.

One speaker, partner or picture is cited by articles and events of many units; changing
it changes every page that cites it at once, outside the review those pages went through.
So:

- The units answering for a thing are its owner unit (filled from its creator's unit)
  and the units of the approved or published items citing it ("committed" items: live,
  scheduled or approved and waiting).
- While no committed item cites it, any editorial staff of its owner unit (or anyone
  with a role, for a thing nobody owns yet) may change it, as today.
- Once a committed item cites it, only someone entitled to change each such item's public
  content may: an editor of every unit concerned, or a publisher.
- A picture used by an approved or scheduled item is part of the version that was
  approved: changing it would publish something nobody approved, so it is refused until
  that item is back in review or live.

Every route (change page, crafted POST, delete) asks `refusal`; every saved change is
logged by `record` with who, when, and each field before and after.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from units import roles

from ..images.usage import articles_showing, shown_publicly
from ..models import Article, Event, Image, Partner, SharedChange, Speaker, Status

COMMITTED = (Status.APPROVED, Status.PUBLISHED)


def _citing(thing):
    """(model, queryset) of the items citing the thing, directly or through a speaker's
    photo or a partner's logo."""
    if isinstance(thing, Speaker):
        return [
            (Article, Article.objects.filter(speakers=thing)),
            (Event, Event.objects.filter(event_speakers__speaker=thing)),
        ]
    if isinstance(thing, Partner):
        return [(Event, Event.objects.filter(partners=thing))]
    if isinstance(thing, Image):
        speakers = Speaker.objects.filter(photo=thing).values("pk")
        partners = Partner.objects.filter(logo=thing).values("pk")
        articles = Q(featured_image=thing) | Q(pk__in=articles_showing(thing).values("pk"))
        return [
            (Article, Article.objects.filter(articles | Q(speakers__in=speakers))),
            (
                Event,
                Event.objects.filter(
                    Q(event_speakers__speaker__in=speakers) | Q(partners__in=partners)
                ),
            ),
        ]
    return []


class Usage:
    """What the rule needs to know of a thing, in a fixed number of queries."""

    def __init__(self, thing):
        now = timezone.now()
        self.unit_ids, self.waiting = set(), []
        if thing.pk is None:
            return
        for _model, queryset in _citing(thing):
            committed = queryset.filter(status__in=COMMITTED)
            self.unit_ids |= set(committed.values_list("unit_id", flat=True).distinct())
            waiting = committed.filter(
                Q(status=Status.APPROVED) | Q(status=Status.PUBLISHED, publish_at__gt=now)
            )
            self.waiting += list(waiting.distinct().values_list("title", flat=True)[:3])

    @property
    def committed(self):
        return bool(self.unit_ids)


def usage(thing):
    """The thing's usage, kept on the instance for the length of the request."""
    cached = getattr(thing, "_newsroom_usage", None)
    if cached is None:
        cached = thing._newsroom_usage = Usage(thing)
    return cached


def _entitled_everywhere(user, unit_ids):
    if roles.acts_everywhere(user):
        return True
    return roles.is_editor(user) and set(unit_ids) <= roles.unit_ids(user)


def refusal(user, thing):
    """Why `user` may not change or delete `thing` now, or None when they may."""
    if not roles.has_any_role(user):
        return _("Anda tidak memiliki peran redaksi.")
    if thing is None or thing.pk is None:
        return None
    used = usage(thing)
    reviewer = roles.has_any_role(user, (roles.EDITOR, roles.PUBLISHER))
    if isinstance(thing, Image) and not reviewer and shown_publicly(thing):
        return _("Gambar yang sedang tampil untuk publik hanya dapat diubah oleh redaktur.")
    if isinstance(thing, Image) and used.waiting:
        return _(
            "Gambar ini bagian dari konten yang sudah disetujui atau terjadwal (%(titles)s), "
            "sehingga tidak dapat diubah tanpa persetujuan ulang. Unggah gambar baru dan "
            "pasang lewat suntingan konten itu."
        ) % {"titles": ", ".join(f"“{title}”" for title in used.waiting)}
    if used.committed:
        if _entitled_everywhere(user, used.unit_ids):
            return None
        return _(
            "Ini tampil di konten yang sudah disetujui atau terbit; hanya redaktur unit "
            "pemiliknya dan redaktur pelaksana yang dapat mengubahnya."
        )
    owner = thing.owner_unit_id
    if owner is None or roles.acts_everywhere(user) or owner in roles.unit_ids(user):
        return None
    return _(
        "Ini milik unit kerja lain; hanya stafnya dan redaktur pelaksana yang dapat mengubahnya."
    )


def owner_for(user):
    """The unit a new shared thing belongs to: its creator's (the first, if several)."""
    units = sorted(roles.unit_ids(user))
    return units[0] if units else None


def record(thing, actor, action, before, after):
    """Log one change: every field whose text differs, as [before, after]."""
    changes = {
        label: [before.get(label, ""), after.get(label, "")]
        for label in dict.fromkeys([*before, *after])
        if before.get(label, "") != after.get(label, "")
    }
    if not changes and action == "change":
        return None
    return SharedChange.objects.create(
        content_type=ContentType.objects.get_for_model(thing),
        object_id=thing.pk,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        changes=changes,
    )


def describe(thing):
    """The thing as readers meet it, field by field, as text (what the log compares)."""
    if thing is None or thing.pk is None:
        return {}
    thing = type(thing).objects.get(pk=thing.pk)
    result = {}
    for field in thing._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        value = getattr(thing, field.name)
        result[str(field.verbose_name)] = "" if value in (None, "") else str(value)
        if field.name == "file":
            result[str(field.verbose_name)] = value.name or ""
    if isinstance(thing, Speaker):
        result[_("tautan publik")] = "; ".join(
            f"{link.label}: {link.url}" for link in thing.links.all()
        )
    return result


def history(thing):
    if thing is None or thing.pk is None:
        return SharedChange.objects.none()
    return SharedChange.objects.filter(
        content_type=ContentType.objects.get_for_model(thing), object_id=thing.pk
    ).select_related("actor")
