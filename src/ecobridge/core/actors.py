"""Who acts when nobody is signed in: the command line and the demo loader."""


class SystemActor:
    """The operator at the server's command line: trusted like an administrator."""

    pk = None
    id = None
    username = "system"
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_administrator = True
    is_programme_officer = False
    is_analyst = False
    is_ecobridge_staff = True
    language = "en"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()
