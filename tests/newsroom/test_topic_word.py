"""A keyword filed on an item is a topic (*topik*) wherever staff or readers read it, and
an article's section is a section (*rubrik*) in English (issue 29).

The code keeps django-taggit's "tag"; what people read may say "tag" only of a link's
tracking tag or a page's Open Graph tags (ARCHITECTURE.md, *Words: one per concept*).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
GUIDES = [ROOT / "README.md", *sorted((ROOT / "docs" / "guide").glob("*.md"))]
PANDUAN = sorted((ROOT / "docs" / "panduan").glob("*.md"))
# "Tag" of a link or a page, the only ones people read of.
LINK_TAGS = re.compile(
    r"(?i)open graph tags?|tags? open graph|\btagged\b|\btag (the|their|your) (own )?links?\b"
)
TAG = re.compile(r"(?i)\btags?\b")


def _entries(text):
    """(msgid, msgstr) of each entry, continuation lines joined."""
    for block in text.split("\n\n"):
        parts = {"msgid": [], "msgstr": []}
        key = None
        for line in block.splitlines():
            match = re.match(r'(msgid|msgstr(?:\[\d\])?|msgctxt|msgid_plural) "(.*)"$', line)
            if match:
                key = "msgstr" if match[1].startswith("msgstr") else match[1]
                parts.setdefault(key, []).append(match[2])
            elif line.startswith('"') and key:
                parts[key].append(line[1:-1])
        yield "".join(parts["msgid"]), "".join(parts["msgstr"])


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")  # a name the reader never sees


def _stray_tags(text):
    text = PLACEHOLDER.sub("", LINK_TAGS.sub("", text))
    return [found.group(0) for found in TAG.finditer(text)]


def test_the_catalogue_says_topic_and_section():
    wrong = []
    for msgid, msgstr in _entries(CATALOGUE.read_text(encoding="utf-8")):
        if _stray_tags(msgid) or _stray_tags(msgstr) or re.search(r"(?i)\brubric", msgstr):
            wrong.append(f"{msgid!r} -> {msgstr!r}")
    assert not wrong, "say topik/topic (and section for rubrik):\n" + "\n".join(wrong)


def test_the_guides_say_topic_and_section():
    wrong = []
    for path in [*GUIDES, *PANDUAN]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _stray_tags(line) or (path in GUIDES and re.search(r"(?i)\brubrics?\b", line)):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not wrong, "say topik/topic (and section for rubrik):\n" + "\n".join(wrong)


def test_the_check_finds_a_tag_that_means_a_topic():
    assert _stray_tags("Add tags to the news item") == ["tags"]
    assert _stray_tags("Tag: SMK") == ["Tag"]
    assert not _stray_tags("from this page's Open Graph tags; tag the links you share")
    assert not _stray_tags("Topic: %(tag)s")
    assert list(_entries('msgid "Topik"\nmsgstr ""\n"Tags"\n')) == [("Topik", "Tags")]
