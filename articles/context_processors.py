from django.conf import settings


def site(request):
    """Site-wide template variables."""
    return {"site_name": settings.SITE_NAME}
