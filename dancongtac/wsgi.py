"""WSGI entry point (gunicorn dancongtac.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancongtac.settings")

application = get_wsgi_application()
