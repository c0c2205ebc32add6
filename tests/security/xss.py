"""The XSS corpus and the checks that nothing of it survives as live markup.

Payloads follow the OWASP XSS filter-evasion cheat sheet: plain and broken tags, event
handlers, `javascript:` in every disguise (case, entities, tabs), markup that ends the
surrounding attribute or script, polyglots, and URL-, entity- and JSON-encoded
variants. Pages are read with html5lib, which rebuilds markup as a browser does.
"""

import json

import html5lib

POLYGLOT = (
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/"
    "</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e"
)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<BODY ONLOAD=alert('XSS')>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    POLYGLOT,
    "</script><script>alert(1)</script>",
    "<style>@import'http://jahat.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "<details open ontoggle=alert(1)>",
    '<base href="https://jahat.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "{{ request }}{% debug %}",
    "Baris\r\nATTACH:https://jahat.example/x\r\nX-INJ:1",
]

FORBIDDEN_ELEMENTS = {
    "iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "math",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background"}
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _bad_url(value):
    cleaned = "".join(ch for ch in (value or "") if ch > " ").lower()
    return cleaned.startswith(("javascript:", "vbscript:", "data:text/html"))


def _own_preview_frame(attrs):
    return attrs.get("name") == "live-preview-frame" and attrs.get("sandbox") == (
        "allow-same-origin"
    )


def live_markup(html, *, public=True):
    """What in a page would execute or inject: [description], empty when clean."""
    found = []
    tree = html5lib.parse(html, namespaceHTMLElements=True)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        attrs = {_local(k): v for k, v in element.attrib.items()}
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and _bad_url(value):
                found.append(f"<{tag} {name}={value[:40]}>")
            if public and name == "style":
                found.append(f"<{tag} style>")
        # The admin draws its own icons as inline SVG (their handlers are still caught),
        # and its form preview is a sandboxed frame the admin names and fills itself.
        own = {"svg", "math"} | ({"iframe"} if _own_preview_frame(attrs) else set())
        if tag in FORBIDDEN_ELEMENTS and (public or tag not in own):
            found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attrs:
            found.append("<meta http-equiv>")
        if public and tag == "style":
            found.append("<style>")
        if tag == "script" and not attrs.get("src"):
            if attrs.get("type") not in DATA_SCRIPTS:
                found.append(f"inline <script>{(element.text or '')[:40]}")
            else:
                json.loads(element.text or "null")  # a payload cannot break out of the data
    return found
