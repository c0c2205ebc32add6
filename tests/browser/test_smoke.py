"""The browser harness itself: Debian's Chromium opens the live site and a staff login."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_opens_in_chromium(page, live_server, shot):
    page.goto(live_server.url + "/")
    shot(page, "home")

    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("input[name=q]").count() >= 1


def test_staff_log_in_through_the_real_form(page, live_server, shot):
    get_user_model().objects.create_superuser("kepala", "k@example.org", "kata-sandi-panjang-1")

    log_in(page, live_server, "kepala", "kata-sandi-panjang-1")
    shot(page, "admin index")

    assert page.url.endswith("/admin/")
