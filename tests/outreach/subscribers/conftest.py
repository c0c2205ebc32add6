import re

import pytest

LINK = re.compile(r"https?://\S+/langganan/(konfirmasi|kelola|berhenti)/([^/\s]+)/")


def text_of(message):
    """The plain-text part of a parsed mail from the SMTP server."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def links_in(message):
    """{"konfirmasi"|"kelola"|"berhenti": path} found in a mail's text."""
    found = {}
    for match in LINK.finditer(text_of(message)):
        found[match.group(1)] = match.group(0).split("//", 1)[1].partition("/")[2]
    return {kind: "/" + path for kind, path in found.items()}


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    """POST the sign-up form the way a browser would; the mail goes out at commit."""

    def post(email="guru@example.test", scopes=("all",), frequency="immediate", **extra):
        data = {
            "email": email,
            "scopes": list(scopes),
            "frequency": frequency,
            "language": extra.pop("language", "id"),
            "consent": "on",
            "page": extra.pop("page", "/rubrik/berita/"),
            **extra,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/langganan/", data)

    return post
