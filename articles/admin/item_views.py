"""What every extra admin view of an item shares: its URL names, its object, POST only."""

from functools import update_wrapper

from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse


class ItemViewsMixin:
    """Extra views hang under an item's change URL; each mixin lists its own in
    `item_urls`, and they are routed before the admin's catch-all change URL."""

    def item_urls(self):
        """[(route below the item, view, name suffix)]; mixins extend it."""
        return []

    def get_urls(self):
        meta = self.model._meta
        name = f"{meta.app_label}_{meta.model_name}"
        routes = [
            path(f"<path:object_id>/{route}", self._admin_view(view), name=f"{name}_{suffix}")
            for route, view, suffix in self.item_urls()
        ]
        return [*routes, *super().get_urls()]

    def _admin_view(self, view):
        def wrapper(*args, **kwargs):
            return self.admin_site.admin_view(view)(*args, **kwargs)

        return update_wrapper(wrapper, view)

    def _url_name(self, suffix):
        meta = self.model._meta
        return f"admin:{meta.app_label}_{meta.model_name}_{suffix}"

    def _change_url(self, obj):
        return reverse(self._url_name("change"), args=[obj.pk])

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        return obj

    def _require_post(self, request, obj):
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(obj))
        return None
