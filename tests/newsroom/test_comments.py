"""Comments state contracts, not timings (issue 29).

A comment that says "3.6 ms" or "2.4x faster" is true on one machine on one day and then
misleads whoever reads it next; the reason behind the choice is what stays true. Numbers
worth keeping live in docs/performance.md beside how they were measured. Limits that are
contracts (timeouts, row caps, TTLs in seconds) are not timings and are not matched.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("newsroom", "articles", "units", "outreach")
# A duration below a second (how long something took), a throughput, or a speed ratio.
TIMING = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:ms|µs|us|req/s)\b"
    r"|\b\d+(?:\.\d+)?[x×](?=[\s,.;:)]|$)"
    r"|\bwas \d+(?:\.\d+)?\s?(?:s|ms)\b"
)
# Where a number in a comment is a fact about another tool or a contract, not a timing of
# ours: (path, the stripped line), so the same words elsewhere still fail. Empty today (the
# one such fact, nginx re-checking a cache lock every 500 ms, is in deploy/nginx, not Python).
ALLOWED = set()


def _comments_and_docstrings(source):
    """(line, text) of each comment and docstring of a module."""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc and node.body:
                first = node.body[0].lineno
                for offset, line in enumerate(doc.splitlines()):
                    yield first + offset, line


def _timings():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = str(path.relative_to(ROOT))
            for line, text in _comments_and_docstrings(path.read_text(encoding="utf-8")):
                if TIMING.search(text) and (name, text.strip()) not in ALLOWED:
                    yield f"{name}:{line}: {text.strip()}"


def test_no_comment_quotes_a_timing():
    found = list(_timings())
    assert not found, (
        "comments state the contract or the reason, not a measurement; move the number to "
        "docs/performance.md:\n" + "\n".join(found)
    )


def test_the_pattern_catches_what_it_is_for():
    quotes = ("fell from 3.6 to 2.8 ms", "took 3x as long", "1.86× idle", "983 req/s", "19 µs")
    contracts = ("a timeout of 30 s", "10,000 rows", "TTL 60 s", "fx-35 fy-70", "56 x the units")
    for quote in quotes:
        assert TIMING.search(quote), quote
    for contract in contracts:
        assert not TIMING.search(contract), contract


def test_a_quoted_timing_in_a_docstring_is_found():
    source = '"""Module."""\n\ndef f():\n    """Now 40 ms over 100,000 rows."""\n    # 2.4x\n'
    lines = sorted(line for line, text in _comments_and_docstrings(source) if TIMING.search(text))
    assert lines == [4, 5]
