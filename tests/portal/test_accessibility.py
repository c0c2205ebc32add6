"""WCAG 2.1 AA checks that a markup validator cannot make: contrast of the palette, the
language of the content under an English interface, heading structure, field errors."""

import re

import html5lib
import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories as f

NS = {"h": "http://www.w3.org/1999/xhtml"}
CSS = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()

# (text, background) pairs the stylesheet puts together: custom properties by name,
# literal colours as written in the stylesheet.
TEXT_ON_BACKGROUND = [
    ("ink", "paper"),
    ("ink", "tint"),
    ("ink", "#fff7e6"),  # corrections box
    ("ink", "#e8f1fb"),  # attendance-mode badge
    ("ink", "#fff1a8"),  # search hit highlight
    ("muted", "paper"),
    ("muted", "tint"),  # month on the event date tile, footer
    ("muted", "#fff7e6"),
    ("link", "paper"),
    ("link", "tint"),
    ("link", "#fff7e6"),
    ("brand", "paper"),  # section titles, skip link, search button
    ("accent", "paper"),  # kickers
    ("accent", "tint"),
    ("#fff", "brand"),  # header, buttons
    ("#fff", "#082649"),  # main navigation
    ("#fff", "#123f78"),  # button hover
    ("#fff", "link"),  # topic link hover
    ("#a4161a", "paper"),  # field error message
]


def _colour(name, variables):
    assert name in variables or name in CSS, f"{name} is no longer in site.css: update the list"
    return _rgb(variables.get(name, name))


def _rgb(value):
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]


def _luminance(rgb):
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_has_at_least_4_5_to_1_contrast_on_its_background():
    root = re.search(r":root\s*{(.*?)}", CSS, re.S).group(1)
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", root))
    too_low = {
        (text, background): round(ratio, 2)
        for text, background in TEXT_ON_BACKGROUND
        if (ratio := contrast(_colour(text, variables), _colour(background, variables))) < 4.5
    }
    assert too_low == {}


def test_contrast_formula_matches_the_wcag_reference_values():
    assert round(contrast([0, 0, 0], [1, 1, 1]), 1) == 21.0
    assert round(contrast(_rgb("#767676"), _rgb("#fff")), 2) == 4.54


def parse(response):
    return html5lib.HTMLParser(namespaceHTMLElements=True).parse(response.content.decode())


def _text(element):
    return "".join(element.itertext()).strip()


@pytest.mark.django_db
def test_english_interface_marks_the_indonesian_content_as_indonesian(client):
    story = f.press_release_story()
    doc = parse(client.get("/en" + story.article.get_absolute_url()))
    assert doc.get("lang") == "en"
    in_indonesian = {_text(el) for el in doc.iterfind(".//h:body//*[@lang='id']", NS)}
    assert story.article.title in in_indonesian
    assert any(story.article.lead in text for text in in_indonesian)
    assert any("strategi SMART" in text for text in in_indonesian)  # the body
    home = parse(client.get("/en/"))
    assert story.article.title in {_text(el) for el in home.iterfind(".//*[@lang='id']", NS)}
    agenda = parse(client.get("/en" + reverse("articles:events")))
    assert story.event.title in {_text(el) for el in agenda.iterfind(".//*[@lang='id']", NS)}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["unit", "speaker"])
def test_news_cards_sit_one_heading_level_below_their_list(client, page):
    story = f.press_release_story()
    url = story.mitras.get_absolute_url() if page == "unit" else story.novan.get_absolute_url()
    doc = parse(client.get(url))
    levels = [int(el.tag[-1]) for el in doc.iter() if re.fullmatch(r"\{.*\}h[1-6]", el.tag)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    news = doc.find(f".//h:h2[@id='{page}-news']/..", NS)
    titles = [_text(h) for h in news.iterfind(".//h:h3", NS)]
    assert story.article.title in titles


@pytest.mark.django_db
def test_an_ignored_agenda_filter_says_why_next_to_the_field(client):
    f.press_release_story()
    doc = parse(client.get(reverse("articles:events"), {"unit": "tidak-ada"}))
    field = doc.find(".//h:select[@name='unit']", NS)
    assert field.get("aria-invalid") == "true"
    message = doc.find(f".//*[@id='{field.get('aria-describedby')}']", NS)
    assert message is not None and "tidak-ada" in _text(message)
