"""`{% kept %}` holds markup that one copy can serve to every page that extends it."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def test_a_kept_block_cannot_hold_a_template_block():
    # One kept copy would show the first child template's block on every page.
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load portal %}{% kept %}<nav>{% block nav %}{% endblock %}</nav>{% endkept %}")


def test_kept_markup_is_rendered_once_per_vary_value():
    template = Template("{% load portal %}{% kept section %}{{ section }} {{ count }}{% endkept %}")
    assert template.render(_context(section="berita", count=1)) == "berita 1"
    assert template.render(_context(section="berita", count=2)) == "berita 1"
    assert template.render(_context(section="artikel", count=3)) == "artikel 3"


def _context(**values):
    return Context(values)
