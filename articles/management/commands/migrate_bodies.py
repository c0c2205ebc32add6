"""Rewrite every stored article body in the form the body editor writes (issue 27).

`--dry-run` changes nothing and names each body whose HTML would change, with the first
place it differs; without it the bodies are rewritten in chunks. Not a new version: the
words, pictures and links stay, so the rows are updated in place (no revision, no workflow
step, `updated_at` kept); the search documents of the changed rows and the content
generation are refreshed once per chunk. Pending copies are articles too and are included;
revisions are history and keep the form they were saved in.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article, freshness
from articles.models.editor_schema import editor_form
from articles.models.search_index import refresh_search_vectors

CHUNK = 500
SHOWN = 60  # characters of each side shown where a body first differs


def first_difference(old, new):
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    at = min(len(old), len(new)) if at is None else at
    start = max(0, at - 20)
    return old[start : start + SHOWN], new[start : start + SHOWN]


class Command(BaseCommand):
    help = _("Menulis ulang isi semua berita dalam bentuk yang ditulis editor isi berita.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Tidak mengubah apa pun; sebutkan setiap isi berita yang akan berubah."),
        )

    def handle(self, *args, dry_run=False, **options):
        checked = changed = 0
        last = 0
        while True:
            rows = list(
                Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "body")[:CHUNK]
            )
            if not rows:
                break
            last = rows[-1][0]
            updates = []
            for pk, body in rows:
                checked += 1
                new = editor_form(body)
                if new == (body or ""):
                    continue
                changed += 1
                updates.append((pk, new))
                if dry_run:
                    before, after = first_difference(body or "", new)
                    self.stdout.write(
                        _("Berita #%(pk)s berubah: %(before)r -> %(after)r")
                        % {"pk": pk, "before": before, "after": after}
                    )
            if updates and not dry_run:
                self._write(updates)
        summary = _("%(changed)d dari %(checked)d isi berita %(verb)s.") % {
            "changed": changed,
            "checked": checked,
            "verb": _("akan berubah") if dry_run else _("ditulis ulang"),
        }
        self.stdout.write(summary)

    @transaction.atomic
    def _write(self, updates):
        for pk, body in updates:
            Article.objects.filter(pk=pk).update(body=body)
        refresh_search_vectors(Article.objects.filter(pk__in=[pk for pk, _body in updates]))
        freshness.bump()
