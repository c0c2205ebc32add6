"""Turns the demo data into rows, in dependency order, reporting each step."""

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Article, Correction, Event, EventSpeaker, Speaker, freshness
from ..workflow import events as domain_events
from ..workflow import revisions
from .events import events
from .organisation import load_partners, load_units
from .people import ACCOUNTS, PASSWORD, load_accounts
from .pictures import PICTURES, load_pictures
from .speakers import SPEAKERS
from .status import advance
from .stories import CORRECTIONS, stories


class DemoRefused(Exception):
    pass


def load(report=print):
    """Load everything in one transaction: a failure leaves the database as it was."""
    if getattr(settings, "PRODUCTION", False):
        raise DemoRefused(
            _("Data demo tidak dimuat di lingkungan produksi: akun demo memakai sandi umum.")
        )
    started = time.perf_counter()
    now = timezone.now().replace(second=0, microsecond=0)
    # The demo's transitions are real ones; their notification mails are not news to anyone.
    with domain_events.quiet(), freshness.held(), transaction.atomic():
        units, new = load_units()
        report(_("Unit kerja: %(total)d (%(new)d baru)") % {"total": len(units), "new": new})
        users, new = load_accounts(units)
        report(_("Akun staf: %(total)d (%(new)d baru)") % {"total": len(users), "new": new})
        images, new = load_pictures(PICTURES, users["admin"])
        report(_("Gambar: %(total)d (%(new)d baru)") % {"total": len(images), "new": new})
        partners, new = load_partners({"cnbc-indonesia": images["logo-cnbc-indonesia"]})
        report(_("Mitra: %(total)d (%(new)d baru)") % {"total": len(partners), "new": new})
        speakers, new = load_speakers(units, partners, images)
        report(_("Narasumber: %(total)d (%(new)d baru)") % {"total": len(speakers), "new": new})
        context = {"units": units, "users": users, "speakers": speakers, "images": images}
        items, new = load_events(events(now), context, partners)
        report(_("Kegiatan: %(total)d (%(new)d baru)") % {"total": len(items), "new": new})
        context["events"] = items
        items, new = load_articles(stories(now), context)
        report(_("Berita: %(total)d (%(new)d baru)") % {"total": len(items), "new": new})
        load_corrections(items, users)
        settle_history(items.values(), context["events"].values())
    seconds = number_format(time.perf_counter() - started, 1)
    report(_("Selesai dalam %(seconds)s detik.") % {"seconds": seconds})
    report_accounts(report, users)


def load_corrections(articles, users):
    """One published story carries a correction, so the public page shows what one looks like."""
    for slug, text in CORRECTIONS.items():
        article = articles[slug]
        Correction.objects.get_or_create(
            article=article,
            text=text,
            defaults={
                "noted_at": article.publish_at + timedelta(days=1),
                "created_by": users["redaktur"],
            },
        )


def settle_history(*groups):
    """Items published in the past were last changed back then, not when the demo loaded.

    Saving them here stamps "now" on them; feeds, sitemaps and JSON-LD would then report
    a 2020 story as modified today. Their last change is their publication or newest
    correction.
    """
    for items in groups:
        for item in items:
            if not item.is_public:
                continue
            corrections = getattr(item, "corrections", None)
            latest = corrections.order_by("-noted_at").first() if corrections else None
            moment = max(item.publish_at, latest.noted_at) if latest else item.publish_at
            type(item).objects.filter(pk=item.pk).update(updated_at=moment)


def report_accounts(report, users):
    report("")
    report(_("Akun demo (sandi semuanya: %(password)s)") % {"password": PASSWORD})
    for account in ACCOUNTS:
        if not account.can_log_in:
            continue
        role = _("Administrator (superuser)") if account.superuser else account.role
        units = ", ".join(str(unit) for unit in users[account.username].staff_profile.units.all())
        report(f"  {account.username:<10} {role:<26} {units}")
    report(_("Masuk di %(url)s") % {"url": f"{settings.SITE_URL}/admin/"})


def load_speakers(units, partners, images):
    speakers, created = {}, 0
    for slug, prefix, name, suffix, position, unit, partner, bio in SPEAKERS:
        speakers[slug], new = Speaker.objects.update_or_create(
            slug=slug,
            defaults={
                "honorific_prefix": prefix,
                "name": name,
                "honorific_suffix": suffix,
                "position": position,
                "affiliation_unit": units[unit] if unit else None,
                "affiliation_partner": partners[partner] if partner else None,
                "photo": images.get(slug),
                "bio": bio,
            },
        )
        created += new
    return speakers, created


def _actors(users, owner_slug):
    """Who walks an item through the workflow: writers and editors act in their own unit."""
    if owner_slug == "mitras-dudi":
        return {
            "writer": users["penulis"],
            "editor": users["redaktur"],
            "publisher": users["pelaksana"],
        }
    return {"writer": users["admin"], "editor": users["pelaksana"], "publisher": users["pelaksana"]}


def _save(model, data, fields, actors):
    """Content converges to the demo on every load; the workflow state is set only once."""
    item, new = model.objects.update_or_create(
        slug=data["slug"],
        copy_of=None,
        defaults=fields | {"updated_by": actors["writer"]},
        create_defaults=fields | {"created_by": actors["writer"], "updated_by": actors["writer"]},
    )
    if new:
        # The first version, as the admin would have kept it: staff can compare and restore.
        revisions.record(item, actors["writer"])
        advance(item, data["status"], at=data.get("publish_at"), **actors)
    return item, new


def load_events(data, context, partners):
    units, speakers = context["units"], context["speakers"]
    items, created = {}, 0
    for entry in data:
        fields = {
            key: entry.get(key, "")
            for key in ("title", "kind", "mode", "venue", "address", "platform", "join_url",
                        "description")
        }  # fmt: skip
        fields |= {
            "starts_at": entry["starts_at"],
            "ends_at": entry["ends_at"],
            "participant_count": entry.get("participant_count"),
            "unit": units[entry["unit"]],
        }
        actors = _actors(context["users"], entry["unit"])
        event, new = _save(Event, entry, fields, actors)
        event.organisers.set([units[s] for s in entry.get("organisers", [])])
        event.partners.set([partners[s] for s in entry.get("partners", [])])
        event.participating_units.set([units[s] for s in entry.get("participating_units", [])])
        for order, (speaker, role) in enumerate(entry.get("speakers", []), start=1):
            EventSpeaker.objects.update_or_create(
                event=event, speaker=speakers[speaker], role=role, defaults={"order": order}
            )
        items[entry["slug"]] = event
        created += new
    return items, created


def load_articles(data, context):
    units, users = context["units"], context["users"]
    items, created = {}, 0
    for entry in data:
        writer, editor, photographer = (users.get(name) for name in entry["credits"])
        fields = {
            "title": entry["title"],
            "section": entry["section"],
            "unit": units[entry["unit"]],
            "lead": entry["lead"],
            "body": entry["body"].strip(),
            "featured_image": context["images"].get(entry.get("image")),
            "event": context["events"].get(entry.get("event")),
            "writer": writer,
            "editor": editor,
            "photographer": photographer,
        }
        article, new = _save(Article, entry, fields, _actors(users, entry["unit"]))
        article.tags.set(entry.get("tags", []))
        article.related_units.set([units[s] for s in entry.get("related_units", [])])
        article.speakers.set([context["speakers"][s] for s in entry.get("speakers", [])])
        items[entry["slug"]] = article
        created += new
    return items, created
