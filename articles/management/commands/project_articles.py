"""Write the stored story and card of every approved article that lacks a current one.

Run after a deployment that changed the article templates, the translations or the code
that renders them (pages render live until then), newest first: the most read articles
are stored first. The worker does the same after each change; this is for the archive.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.demo.archive import Progress
from articles.portal import projected


class Command(BaseCommand):
    help = _("Menyimpan tampilan siap saji (proyeksi) berita yang belum punya, terbaru dulu.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--newest", type=int, default=None, help=_("Hanya sebanyak ini berita terbaru.")
        )

    def handle(self, *args, newest=None, **options):
        pending = list(projected.missing()[:newest] if newest else projected.missing())
        progress = Progress(_("proyeksi"), len(pending), stream=self.stderr._out)
        written = 0
        for start in range(0, len(pending), projected.CHUNK):
            done = projected.write(pending[start : start + projected.CHUNK])
            written += done
            progress.advance(done)
        self.stdout.write(_("%(count)s berita disimpan siap saji.") % {"count": written})
