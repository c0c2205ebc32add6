"""Indonesian first, and the language of a public page is in its address.

Public pages are Indonesian at `/...` and English at `/en/...` (`i18n_patterns` with
`prefix_default_language=False`), so one address always answers in one language: a shared
cache or a CDN may keep it, and search engines index both languages. Nothing a visitor
sends (cookie, Accept-Language) changes a public page, so the response varies on neither.

Staff pages (the admin, previews, the editor's upload) are never cached; there the
language cookie set by `/i18n/setlang/` still chooses the interface language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Paths outside the public portal whose interface follows the staff member's cookie.
STAFF_PREFIXES = ("/admin/", "/redaksi/", "/pratinjau/")


def language_for(request):
    """The language this request is answered in: the address first, Indonesian otherwise."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path and from_path != settings.LANGUAGE_CODE:
        return from_path
    if request.path_info.startswith(STAFF_PREFIXES):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES):
            return chosen
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the address's language before URL resolution (the `/en/` prefix of
    `i18n_patterns` only matches while English is active).

    Django's own LocaleMiddleware would also follow the browser's Accept-Language and
    the cookie on every page and add `Vary: Accept-Language`; an Indonesian institution's
    site stays Indonesian unless the reader follows the English link.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # Restored afterwards, so a worker thread never carries one reader's language on.
        with translation.override(language):
            response = self.get_response(request)
        if request.path_info.startswith(STAFF_PREFIXES):
            patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
