"""Make every image's renditions again, e.g. after the layout widths or crops changed.

A bar on a terminal, one line per image otherwise (cron, CI logs). A picture that fails
is reported and skipped; the others still get done, and the exit status says it failed.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.images.storage import rebuild_renditions
from articles.models import Image

BAR_WIDTH = 30


class Command(BaseCommand):
    help = _("Membuat ulang rendisi semua gambar (lebar tata letak, potongan sosial, persegi).")

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help=_("Hanya gambar dengan ID ini."))

    def handle(self, *args, ids=(), **options):
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
        total = images.count()
        tty = self.stdout.isatty()
        failed = []
        for done, image in enumerate(images.iterator(chunk_size=100), start=1):
            try:
                rebuild_renditions(image)
            except (ValidationError, OSError) as error:
                reason = " ".join(getattr(error, "messages", [str(error)]))
                failed.append(image.pk)
                self.stderr.write(
                    _("Gambar #%(pk)s gagal: %(reason)s") % {"pk": image.pk, "reason": reason}
                )
            self._progress(done, total, image, tty)
        if tty and total:
            self.stdout.write("")
        self.stdout.write(
            _("%(done)s dari %(total)s gambar selesai.")
            % {"done": total - len(failed), "total": total}
        )
        if failed:
            raise CommandError(
                _("%(count)s gambar gagal dibuat ulang: %(ids)s")
                % {"count": len(failed), "ids": ", ".join(map(str, failed))}
            )

    def _progress(self, done, total, image, tty):
        if tty:
            filled = BAR_WIDTH * done // total
            bar = "\u2588" * filled + "\u2591" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r{bar} {done}/{total} ({100 * done // total}%)", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(
                _("[%(done)s/%(total)s] gambar #%(pk)s")
                % {"done": done, "total": total, "pk": image.pk}
            )
