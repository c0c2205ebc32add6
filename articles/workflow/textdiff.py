"""Two texts compared in bounded work, as readable text with deletions and insertions marked.

`difflib.SequenceMatcher` does work proportional to the product of the two lengths, more on
repetitive text, so comparing two long drafts word by word could hold a worker for
minutes. Here the words both versions share at the start and end are set aside first
(an edit is usually local); what remains is compared word by word only while the product
of its lengths stays within WORD_BUDGET, else paragraph by paragraph within
PARAGRAPH_BUDGET, each changed paragraph then word by word against the one it replaced
while the budget lasts, and only what is left over shown as replaced whole. The work
per comparison therefore has a ceiling whatever the content.
"""

import difflib
import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Sums of products of lengths SequenceMatcher may be given in one comparison: words, and
# paragraphs.
WORD_BUDGET = 40_000
PARAGRAPH_BUDGET = 40_000
BREAK = "\n"  # a paragraph boundary, kept as a token of its own

_BLOCKS = {
    "p", "br", "hr", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "figure",
    "figcaption", "table", "caption", "tr", "th", "td",
}  # fmt: skip


# A tag of the sanitised body; quoted attribute values may hold ">".
_TAG = re.compile(r"""<(/?)([a-zA-Z0-9]+)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ALT = re.compile(r'\balt="([^"]*)"')


def _tag_as_text(match):
    closing, name, attributes = match.groups()
    if name.lower() in _BLOCKS:
        return BREAK
    if name.lower() == "img" and not closing and (alt := _ALT.search(attributes)):
        return f" [{alt.group(1)}] "
    return ""


def html_to_text(html):
    """What a reader reads of a stored (sanitised) body: text, one paragraph a line.

    One pass of a regular expression without backtracking: the body passed the
    sanitiser on save, so its tags are well formed.
    """
    text = unescape(_TAG.sub(_tag_as_text, html or ""))
    lines = (" ".join(line.split()) for line in text.split(BREAK))
    return BREAK.join(line for line in lines if line)


def _tokens(text):
    tokens = []
    for line in (text or "").split(BREAK):
        if words := line.split():
            if tokens:
                tokens.append(BREAK)
            tokens += words
    return tokens


@dataclass
class Diff:
    html: str
    coarse: bool  # some part was too long to compare word by word: shown replaced whole


def _shared(a, b, step):
    """How many tokens a and b share from the start (step 1) or the end (step -1).

    A binary search over slice comparisons, which run in C: fast on long texts.
    """
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        same = a[:mid] == b[:mid] if step == 1 else a[len(a) - mid :] == b[len(b) - mid :]
        low, high = (mid, high) if same else (low, mid - 1)
    return low


def _common_ends(a, b):
    start = _shared(a, b, 1)
    end = _shared(a[start:], b[start:], -1)
    return start, end


def _render(tokens, mark=None):
    text = escape(" ".join(tokens)).replace(f" {BREAK} ", "<br>").replace(BREAK, "<br>")
    return f"<{mark}>{text}</{mark}>" if mark and text else text


def _changed(old, new):
    return [part for part in (_render(old, "del"), _render(new, "ins")) if part]


class _Budget:
    """Word comparisons left for one `marked_diff`; spent by the product of the lengths."""

    def __init__(self):
        self.left = WORD_BUDGET

    def allows(self, a, b):
        if len(a) * len(b) > self.left:
            return False
        self.left -= len(a) * len(b)
        return True


def _by_words(a, b):
    out = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_render(a[i1:i2]))
        else:
            out += _changed(a[i1:i2], b[j1:j2])
    return out


def _paragraphs(tokens):
    return [tuple(part.split()) for part in " ".join(tokens).split(BREAK)]


def _joined(paragraphs):
    return [token for paragraph in paragraphs for token in (*paragraph, BREAK)][:-1]


def _by_paragraphs(a, b, budget):
    """Paragraphs matched first, then each changed paragraph word by word against the one
    it replaced: a few words edited in paragraphs far apart read as those words, however
    long the text between them. Returns the parts and whether any was shown whole."""
    pa, pb = _paragraphs(a), _paragraphs(b)
    if len(pa) * len(pb) > PARAGRAPH_BUDGET:
        return _changed(a, b), True
    out, whole = [], False
    matcher = difflib.SequenceMatcher(a=pa, b=pb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [_render(_joined(pa[i1:i2])), "<br>"]
            continue
        # A paragraph edited in place pairs with its old self; other changes go as a block.
        if i2 - i1 == j2 - j1:
            pairs = zip(pa[i1:i2], pb[j1:j2], strict=True)
        else:
            pairs = [(_joined(pa[i1:i2]), _joined(pb[j1:j2]))]
        for old, new in pairs:
            if budget.allows(old, new):
                out += _by_words(list(old), list(new))
            else:
                out += _changed(old, new)
                whole = True
            out.append("<br>")
    return out[:-1], whole


def marked_diff(old, new):
    """`new` against `old` as escaped HTML with <del>/<ins>, in bounded work."""
    a, b = _tokens(old), _tokens(new)
    start, end = _common_ends(a, b)
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    budget = _Budget()
    if budget.allows(middle_a, middle_b):
        coarse, middle = False, _by_words(middle_a, middle_b)
    else:
        middle, coarse = _by_paragraphs(middle_a, middle_b, budget)
    parts = [_render(a[:start]), *middle, _render(a[len(a) - end :])]
    html = " ".join(part for part in parts if part)
    return Diff(mark_safe(html.replace(" <br> ", "<br>")), coarse)
