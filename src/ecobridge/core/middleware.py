from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class UserLocaleMiddleware(LocaleMiddleware):
    """The language cookie wins (the switcher sets it); otherwise a signed-in user's saved
    language; otherwise the browser's Accept-Language."""

    def process_request(self, request):
        super().process_request(request)
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
