"""Indonesian first: the interface language is a reader's explicit choice, not a guess."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Activates the language picked with the switcher (its cookie), else Indonesian.

    Django's own middleware follows the browser's Accept-Language, which would show
    most visitors and staff on English-language phones and laptops an English site
    of an Indonesian institution; the switcher stays one click away for those who
    want English.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
