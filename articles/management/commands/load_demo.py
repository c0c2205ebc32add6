"""`make run` calls this: a newcomer gets a working newsroom with one command."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.demo.loader import DemoRefused, load


class Command(BaseCommand):
    # Translated when the command is loaded: argparse cannot format a lazy translation.
    help = _(
        "Memuat data demo: unit kerja Kemendikbud, akun staf, narasumber, kegiatan, dan berita. "
        "Aman dijalankan berulang kali."
    )

    def handle(self, *args, **options):
        try:
            load(report=self.stdout.write)
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal
