from ecobridge.core.hooks import nav_links
from ecobridge.core.i18n import CONTENT_LANGUAGES


def ecobridge(request):
    user = getattr(request, "user", None)
    return {
        "content_languages": CONTENT_LANGUAGES,
        "app_nav": nav_links(),
        "is_staff_user": bool(user and user.is_authenticated and user.is_ecobridge_staff),
    }
