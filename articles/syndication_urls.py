"""Machine-read surfaces: feeds, calendars, sitemaps, robots.txt."""

app_name = "syndication"
urlpatterns = []
