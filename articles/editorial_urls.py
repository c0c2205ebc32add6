"""Staff-only and share-link routes: previews of items that are not public."""

app_name = "editorial"
urlpatterns = []
