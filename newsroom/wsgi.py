import os

from django.core.wsgi import get_wsgi_application

from newsroom.pagefront import StoredPages

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Stored public pages are answered before Django builds a request (newsroom/pagefront.py).
application = StoredPages(get_wsgi_application())
