"""Links built from a once-reversed pattern are the links Django's reverse() builds."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from newsroom.links import slug_path

VIEWS = ["articles:article", "articles:event", "articles:tag", "articles:unit", "articles:speaker"]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("viewname", VIEWS)
def test_every_slug_page_gets_the_address_reverse_gives(viewname, language):
    with translation.override(language):
        for slug in ["rapat-koordinasi-2020", "a", "Vokasi_2", "-x-"]:
            assert slug_path(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_language_of_the_request_decides_the_prefix():
    with translation.override("en"):
        english = slug_path("articles:article", "kelas-daring")
    with translation.override("id"):
        indonesian = slug_path("articles:article", "kelas-daring")
    assert (indonesian, english) == ("/berita/kelas-daring/", "/en/berita/kelas-daring/")


def test_a_site_under_a_script_prefix_keeps_it():
    set_script_prefix("/portal/")
    try:
        assert slug_path("articles:article", "kelas-daring") == "/portal/berita/kelas-daring/"
    finally:
        set_script_prefix("/")
    assert slug_path("articles:article", "kelas-daring") == "/berita/kelas-daring/"


def test_a_section_is_named_by_its_own_keyword():
    assert slug_path("articles:section", "siaran-pers", kwarg="section") == reverse(
        "articles:section", args=["siaran-pers"]
    )


def test_a_slug_the_converter_refuses_is_refused_as_before():
    # A unicode tag slug (taggit keeps them) is not a Django slug: reverse() refuses it,
    # and so does the shortcut rather than building an address that does not resolve.
    for slug in ["pendidikan-vokasi-é", "a/b", "", "a b"]:
        with pytest.raises(NoReverseMatch):
            slug_path("articles:tag", slug)


def test_a_swapped_urlconf_is_not_answered_from_the_old_one(settings):
    assert slug_path("articles:article", "x") == "/berita/x/"
    settings.ROOT_URLCONF = "tests.newsroom.links_urls"
    assert slug_path("articles:article", "x") == "/lain/berita/x/"
