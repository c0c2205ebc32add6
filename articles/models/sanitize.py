"""The allow-list that every stored article body passes through.

Bodies come from the CKEditor widget, from paste, from imports: whatever the source,
only ordinary formatting, links, images and tables survive. Scripts, event handlers,
`javascript:` URLs and inline styles are dropped, so a compromised or careless staff
account cannot put code in front of readers.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small",
    "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "picture", "source",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title", "srcset", "sizes", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html, attribute_filter=None):
    """The allow-listed body; `attribute_filter(tag, attribute, value)` may rewrite kept values."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=attribute_filter,
    ).strip()
