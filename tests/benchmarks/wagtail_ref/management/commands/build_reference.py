"""Fill the reference site from a JSON export of the newsroom's archive (same articles).

`build_reference ARCHIVE.json`: a news index at the site root and one live article page
per exported article. Skipped when the site already holds that many articles. Pages are
written straight into the tree (paths computed, `save_base`), as a migration or an import
script would, because `add_child` per page would take most of the bench's time at
100,000 articles; what a reader's request reads is the same either way.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_datetime
from wagtail.models import Locale, Page, Site

from ...models import ArticlePage, NewsIndexPage


class Command(BaseCommand):
    help = "Build the Wagtail reference news site from the newsroom's exported archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, archive, **options):
        rows = json.loads(Path(archive).read_text())
        index = NewsIndexPage.objects.first()
        if index and ArticlePage.objects.child_of(index).count() == len(rows):
            self.stdout.write(f"reference site already holds {len(rows)} articles")
            return
        with transaction.atomic():
            index = self.fresh_index()
            self.add_articles(index, rows)
        self.stdout.write(f"reference site built: {len(rows)} articles")

    def fresh_index(self):
        root = Page.get_first_root_node()
        for child in root.get_children():
            child.delete()
        root.refresh_from_db()
        index = root.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
        Site.objects.all().delete()
        Site.objects.create(hostname="127.0.0.1", port=80, root_page=index, is_default_site=True)
        return index

    def add_articles(self, index, rows):
        locale = Locale.get_default()
        depth = index.depth + 1
        for number, row in enumerate(rows, start=1):
            when = parse_datetime(row["date"])
            page = ArticlePage(
                title=row["title"], draft_title=row["title"], slug=row["slug"],
                lead=row["lead"], body=row["body"], date=when,
                path=ArticlePage._get_path(index.path, depth, number), depth=depth,
                numchild=0, url_path=f"{index.url_path}{row['slug']}/", locale=locale,
                live=True, has_unpublished_changes=False,
                first_published_at=when, last_published_at=when,
            )  # fmt: skip
            page.save_base()
        Page.objects.filter(pk=index.pk).update(numchild=len(rows))
