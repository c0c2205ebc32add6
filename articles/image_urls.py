"""Staff upload endpoints for the body editor."""

urlpatterns = []
