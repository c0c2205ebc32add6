"""`manage.py restore FILE`: an archive from `backup` into an empty database and media store."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from newsroom.backup import BackupError, restore


class Command(BaseCommand):
    help = _("Memulihkan arsip cadangan ke basis data dan penyimpanan media yang masih kosong.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("Berkas arsip dari perintah backup."))

    def handle(self, *args, archive, **options):
        try:
            restore(archive, report=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
