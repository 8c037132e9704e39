from contextlib import suppress

from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from ecobridge.core.services import set_user_language


@require_POST
def switch_language(request):
    """Django's set_language, also remembering the choice for signed-in users."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language:
        with suppress(ValueError):  # set_language already ignored an unknown code
            set_user_language(request.user, request.user, language)
    return response
