"""The Markdown documentation points somewhere: every relative link and picture exists.

README, CONTRIBUTING, ARCHITECTURE and everything under docs/ link to each other, to code
and to the screenshots `make docs` writes. A page renamed, a picture dropped from
docs/screenshots.py or a heading reworded leaves a reader at a dead end; this finds it.
Links to other sites are not followed (no network in tests).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PAGES = sorted(
    [
        *(ROOT / name for name in ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md")),
        *(ROOT / "docs").rglob("*.md"),
    ]
)
PAGES = [page for page in PAGES if page.exists()]
# [text](target) and ![alt](target); code spans are removed first.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def anchors(page):
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, - for spaces."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            found.add(re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", title)))
    return found


def links(page):
    text = CODE.sub("", page.read_text(encoding="utf-8"))
    return [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_and_picture_exists(page):
    broken = []
    for target in links(page):
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        names_a_heading = anchor and destination.suffix == ".md"
        if not destination.exists() or (names_a_heading and anchor not in anchors(destination)):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)} links to nothing: {broken}"


def test_the_guide_and_the_readme_are_among_the_pages_checked():
    names = {str(page.relative_to(ROOT)) for page in PAGES}

    assert {"README.md", "docs/panduan/README.md", "docs/guide/README.md"} <= names


def test_a_dead_link_is_found(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Judul\n\n[ada](page.md#judul) [tidak ada](hilang.md) `[kode](x.md)`\n")

    assert links(page) == ["page.md#judul", "hilang.md"]
    assert "judul" in anchors(page)
