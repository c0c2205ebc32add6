"""`make bench-http` calls this: a realistic archive to measure against (never production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo.archive import generate, generated_articles


class Command(BaseCommand):
    help = "Mengisi basis data dengan arsip sepuluh tahun untuk pengukuran kinerja."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--events", type=int, default=10_000)
        parser.add_argument("--speakers", type=int, default=2_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Tidak berbuat apa-apa bila arsip sudah berisi jumlah berita ini.",
        )

    def handle(self, *args, articles, events, speakers, years, if_missing, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Arsip uji tidak dibuat di lingkungan produksi.")
        if if_missing and generated_articles() == articles:
            self.stdout.write(f"archive: {articles} articles already there")
            return
        generate(articles, events, speakers, years, report=self.stdout.write)
