"""The English catalogue is complete, well-formed, compiled and in step with the source.

Indonesian is the source language, so a string missing from locale/en shows up as
Indonesian on the English site. These checks need no gettext tools: the .po file is read
here, the .mo through Python's own gettext module, and the translatable strings of the
code and templates are collected the way makemessages does (Python calls by name,
templates through Django's own templatize).
"""

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SKIPPED_DIRS = {".venv", "tests", "node_modules", "staticfiles", "media"}

SINGULAR = {"gettext", "gettext_lazy", "gettext_noop", "_"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}


def read_po(path=PO):
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr list, flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "flags": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
                continue
            if line.startswith("#"):
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (\".*\")$", line)
            if match:
                key, index, text = match.group(1), match.group(2), json.loads(match.group(3))
                if key.startswith("msgstr"):
                    key = ("msgstr", int(index or 0))
                    entry["msgstr"][key[1]] = text
                else:
                    entry[key] = text
            else:  # a continuation line
                text = json.loads(line)
                if isinstance(key, tuple):
                    entry["msgstr"][key[1]] += text
                else:
                    entry[key] += text
        entries.append(entry)
    header = [e for e in entries if e["msgid"] == ""]
    assert len(header) == 1, "the .po needs exactly one header"
    return header[0], [e for e in entries if e["msgid"]]


def key_of(entry):
    return (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])


def python_messages(path):
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        if name in SINGULAR and args[:1] and isinstance(args[0], str):
            found.add((None, args[0], None))
        elif name in PLURAL and len(args) >= 2 and isinstance(args[0], str):
            found.add((None, args[0], args[1]))
        elif name in CONTEXT and len(args) >= 2 and isinstance(args[1], str):
            found.add((args[0], args[1], None))
        elif name in CONTEXT_PLURAL and len(args) >= 3 and isinstance(args[1], str):
            found.add((args[0], args[1], args[2]))
    return found


TEMPLATE_CALL = re.compile(
    r"(?<![\w.])(n?p?gettext|_)\(((?:\s*u?(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\s*,?)+)"
)


def template_messages(path):
    found = set()
    for name, args in TEMPLATE_CALL.findall(templatize(path.read_text(encoding="utf-8"))):
        values = ast.literal_eval(f"({args.rstrip().rstrip(',')},)")
        found.add(
            {
                "gettext": lambda v: (None, v[0], None),
                "_": lambda v: (None, v[0], None),
                "ngettext": lambda v: (None, v[0], v[1]),
                "pgettext": lambda v: (v[0], v[1], None),
                "npgettext": lambda v: (v[0], v[1], v[2]),
            }[name](values)
        )
    return found


def source_messages():
    found = set()
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.is_dir() or SKIPPED_DIRS & set(parts) or any(p.startswith(".") for p in parts):
            continue
        if path.suffix == ".py":
            found |= python_messages(path)
        elif path.suffix in {".html", ".txt"}:
            found |= template_messages(path)
    return found


def placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sd]|\{\w*\}", text))


def test_every_message_is_translated_and_none_is_fuzzy():
    header, entries = read_po()
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    plurals = [e for e in entries if e["msgid_plural"]]
    assert plurals, "the catalogue has plural messages"
    assert all(sorted(e["msgstr"]) == [0, 1] for e in plurals)


def test_translations_keep_every_placeholder():
    _, entries = read_po()
    broken = [
        (e["msgid"], text)
        for e in entries
        for text in e["msgstr"].values()
        if placeholders(text) != placeholders(e["msgid_plural"] or e["msgid"])
    ]
    assert broken == []


def test_english_is_really_english():
    """Catches a catalogue filled by copying msgid to msgstr."""
    _, entries = read_po()
    copied = [e["msgid"] for e in entries if e["msgstr"][0] == e["msgid"]]
    # Names, loanwords and Django's own "Home" are the same in both languages.
    assert len(copied) < len(entries) // 20, copied


def test_the_compiled_catalogue_says_what_the_po_says():
    """A .po edited without compilemessages would leave the site on the old texts."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    _, entries = read_po()
    stale = []
    for e in entries:
        if e["msgid_plural"] and e["msgctxt"]:
            got = [
                compiled.npgettext(e["msgctxt"], e["msgid"], e["msgid_plural"], n) for n in (1, 2)
            ]
        elif e["msgid_plural"]:
            got = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
        elif e["msgctxt"]:
            got = [compiled.pgettext(e["msgctxt"], e["msgid"])]
        else:
            got = [compiled.gettext(e["msgid"])]
        if got != [e["msgstr"][i] for i in sorted(e["msgstr"])]:
            stale.append(e["msgid"])
    assert stale == []


def test_the_catalogue_holds_exactly_the_strings_of_the_source():
    """New strings need an English translation; removed ones leave the catalogue."""
    _, entries = read_po()
    in_catalogue = {key_of(e) for e in entries}
    in_source = source_messages()
    assert sorted(in_source - in_catalogue, key=str) == [], "run makemessages and translate"
    assert sorted(in_catalogue - in_source, key=str) == [], "run makemessages to drop these"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            'x = _("Satu")\ny = pgettext_lazy("plural", "dua")',
            {(None, "Satu", None), ("plural", "dua", None)},
        ),
        (
            'n = ngettext("%(n)s berita", "%(n)s berita", 2)',
            {(None, "%(n)s berita", "%(n)s berita")},
        ),
    ],
)
def test_the_source_reader_finds_python_messages(tmp_path, source, expected):
    module = tmp_path / "m.py"
    module.write_text(source)
    assert python_messages(module) == expected


def test_the_source_reader_finds_template_messages(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "{% load i18n %}"
        '{% include "x.html" with label=_("Halaman") %}'
        '{% translate "Beranda" %}'
        """<a title="{% translate 'Cari' context "x" %}">"""
        "{% blocktranslate count n=3 %}{{ n }} hasil{% plural %}"
        "{{ n }} hasil{% endblocktranslate %}"
    )
    assert template_messages(page) == {
        (None, "Halaman", None),
        (None, "Beranda", None),
        ("x", "Cari", None),
        (None, "%(n)s hasil", "%(n)s hasil"),
    }
