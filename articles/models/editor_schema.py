"""A stored body in the shape the body editor writes it (`manage.py migrate_bodies`).

The editor (ProseMirror, `articles/static/articles/editor/body.js`) parses a body into its
schema when it opens and writes it back in that schema's form on the next save. Bodies
written by CKEditor 4 differ in form: `<b>`/`<i>`, bare text in list items, cells and
quotes, pictures inside paragraphs, `<thead>`, a table `<caption>`, whitespace between
blocks. Left alone, the first edit of an old article would show those as changes in the
revision compare; migrating every body once, after a dry run that names each one that
changes, keeps the first real edit's diff to what the writer changed.

Same words, same pictures, same links: only the form changes. A table caption, which the
editor cannot hold, becomes a bold paragraph above its table rather than being lost.
"""

import re
from html import escape
from html.parser import HTMLParser

from .sanitize import sanitize_html

TEXTBLOCKS = {"p", "h2", "h3", "h4"}
BLOCKS = TEXTBLOCKS | {"blockquote", "ul", "ol", "table", "img", "hr"}
MARKS = {"strong", "em", "u", "s", "sub", "sup", "a"}
RENAMED = {"b": "strong", "i": "em"}
VOID = {"br", "hr", "img", "source"}
UNWRAPPED = {"small", "figure", "picture", "thead", "tbody", "tfoot"}  # children kept
DROPPED = {"source"}
ATTRIBUTES = {
    "a": ("href", "title"),
    "img": ("src", "alt", "title", "width", "height"),
    "ol": ("start",),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
}
_SPACE = re.compile(r"[ \t\r\n\f]+")


class Node:
    def __init__(self, tag, attrs=None):
        self.tag, self.attrs, self.children = tag, dict(attrs or {}), []


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(RENAMED.get(tag, tag), attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        tag = RENAMED.get(tag, tag)
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _flatten(children):
    """Unwrapped containers give way to their children; dropped tags vanish."""
    out = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag in DROPPED:
            continue
        elif child.tag in UNWRAPPED:
            out += _flatten(child.children)
        elif child.tag == "figcaption":
            out.append(_node("p", {}, _flatten(child.children)))
        else:
            child.children = _flatten(child.children)
            out.append(child)
    return out


def _node(tag, attrs, children):
    node = Node(tag, attrs)
    node.children = children
    return node


def _is_block(child):
    return not isinstance(child, str) and child.tag in BLOCKS | {"li", "tr", "td", "th"}


def _inline(children):
    """Inline content of a text block: pictures are blocks of their own, so they split it."""
    return [c for c in children if isinstance(c, str) or c.tag not in BLOCKS]


def _blocks(children):
    """Content that must be blocks: runs of text and marks become paragraphs, pictures
    leave the paragraphs they sat in."""
    out, run = [], []

    def close_run():
        if any(not isinstance(c, str) or c.strip() for c in run):
            out.append(_node("p", {}, list(run)))
        run.clear()

    for child in children:
        if not _is_block(child):
            run.append(child)
            continue
        close_run()
        if child.tag in TEXTBLOCKS:
            piece = []
            for grandchild in child.children:
                if not isinstance(grandchild, str) and grandchild.tag in ("img", "hr"):
                    if piece:
                        out.append(_node(child.tag, child.attrs, piece))
                    out.append(grandchild)
                    piece = []
                else:
                    piece.append(grandchild)
            if piece or not child.children:
                out.append(_node(child.tag, child.attrs, _inline(piece)))
        else:
            out.append(_shape(child))
    close_run()
    return out


def _shape(node):
    if node.tag in ("blockquote", "li", "td", "th"):
        node.children = _blocks(node.children)
        if not node.children:
            node.children = [_node("p", {}, [])]
    elif node.tag in ("ul", "ol"):
        node.children = [_shape(c) for c in node.children if not isinstance(c, str)]
    elif node.tag == "table":
        rows = [c for c in node.children if not isinstance(c, str) and c.tag == "tr"]
        for row in rows:
            row.children = [_shape(c) for c in row.children if not isinstance(c, str)]
        node.children = [_node("tbody", {}, rows)]
    return node


def _lift_captions(children):
    """A table's caption becomes a bold paragraph just above the table."""
    out = []
    for child in children:
        if not isinstance(child, str) and child.tag == "table":
            for caption in [c for c in child.children if getattr(c, "tag", "") == "caption"]:
                out.append(_node("p", {}, [_node("strong", {}, caption.children)]))
            child.children = [c for c in child.children if getattr(c, "tag", "") != "caption"]
        if not isinstance(child, str):
            child.children = _lift_captions(child.children)
        out.append(child)
    return out


def _text(node, parts, in_textblock):
    for child in node.children:
        if isinstance(child, str):
            parts.append(escape(_SPACE.sub(" ", child) if in_textblock else child, quote=False))
        else:
            _write(child, parts, in_textblock or child.tag in TEXTBLOCKS)


def _write(node, parts, in_textblock=False):
    names = ATTRIBUTES.get(node.tag, ())
    attrs = "".join(
        f' {name}="{escape(node.attrs[name] or "")}"' for name in names if name in node.attrs
    )
    if node.tag in VOID:
        parts.append(f"<{node.tag}{attrs}>")
        return
    inner = []
    _text(node, inner, in_textblock or node.tag in TEXTBLOCKS)
    html = "".join(inner)
    if node.tag in TEXTBLOCKS:
        html = re.sub(r"^ +| +$", "", re.sub(r" *<br> *", "<br>", html))
    parts.append(f"<{node.tag}{attrs}>{html}</{node.tag}>")


def editor_form(body):
    """The body as the editor would save it, sanitised by the same allow-list."""
    clean = sanitize_html(body)
    if not clean:
        return ""
    tree = _Tree()
    tree.feed(clean)
    tree.close()
    children = _blocks(_lift_captions(_flatten(tree.root.children)))
    parts = []
    for child in children:
        _write(child, parts)
    return sanitize_html("".join(parts))
