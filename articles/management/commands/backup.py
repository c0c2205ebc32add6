"""`manage.py backup [--output FILE]`: the database and the media in one archive."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from newsroom.backup import BackupError, backup


class Command(BaseCommand):
    help = _("Mencadangkan basis data (pg_dump) dan semua berkas media ke satu arsip.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=f"newsroom-backup-{datetime.now():%Y%m%d-%H%M%S}.tar",
            help=_("Berkas arsip yang ditulis."),
        )

    def handle(self, *args, output, **options):
        try:
            backup(output, report=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
