"""One word per concept (issue 29). "Revision" is a stored version of an item only; the
row that holds edits to a live item until they are published is its *pending copy*
(`copy_of`), in code, templates, messages and docs. The old names must not come back."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RETIRED = {
    r"\bdraft_of": "copy_of",
    r"\bpending_drafts\b": "pending_copies",
    r"\bstart_revision\b": "start_pending_copy",
    r"\bpending_revision": "pending_copy",
    r"\bpublish_revision\b": "publish_pending_copy",
    r"(?i)\brevisi\s+tertunda\b": "salinan tertunda",
    r"(?i)\bpending\s+revisions?\b": "pending copy",
    # Per-request state travels in the admin's EditContext, not as loose attributes.
    r"\b(request|connection|user)\._newsroom_": "articles/admin/edit_context.py",
}
# History keeps its words: migrations say what the schema was, the changelog what happened.
EXEMPT = ("/migrations/", "CHANGELOG.md", "tests/newsroom/test_vocabulary.py")
SUFFIXES = {".py", ".html", ".md", ".po", ".txt", ".js"}


def test_no_retired_name_is_left():
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in listed:
        path = ROOT / name
        if path.suffix not in SUFFIXES or any(part in name for part in EXEMPT):
            continue
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern, instead in RETIRED.items():
            for match in re.finditer(pattern, text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{name}:{line}: {match.group(0)!r}, say {instead!r}")
    assert not found, "\n".join(found)
