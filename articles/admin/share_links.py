"""Share links on an item's change page: editors create and revoke them; the page lists
each live link's address to copy again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.dates import format_when
from units import roles

from ..workflow import share_links


class ShareLinksMixin:
    def item_urls(self):
        return [
            *super().item_urls(),
            ("tautan/", self.share_view, "share"),
            ("tautan/<int:link_id>/cabut/", self.revoke_view, "revoke"),
        ]

    def _can_share(self, request, obj):
        return request.user.has_perm("articles.add_sharelink") and roles.may_act(
            request.user, obj, (roles.EDITOR, roles.PUBLISHER)
        )

    def share_context(self, request, obj):
        can_share = self._can_share(request, obj)
        return {
            "can_share": can_share,
            "share_links": [
                {
                    "link": link,
                    "active": share_links.is_active(link),
                    "url": share_links.share_url(link, request),
                    "revoke_url": reverse(self._url_name("revoke"), args=[obj.pk, link.pk]),
                }
                for link in (share_links.links_for(obj) if can_share else [])
            ],
            "share_create_url": reverse(self._url_name("share"), args=[obj.pk]),
        }

    def share_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        if not self._can_share(request, obj):
            raise PermissionDenied
        link = share_links.create_share_link(obj, request.user)
        messages.success(
            request,
            _("Tautan pratinjau dibuat, berlaku sampai %(until)s: %(url)s")
            % {"until": format_when(link.expires_at), "url": share_links.share_url(link)},
        )
        return HttpResponseRedirect(self._change_url(obj))

    def revoke_view(self, request, object_id, link_id):
        obj = self._object_or_404(request, object_id)
        if (redirect := self._require_post(request, obj)) is not None:
            return redirect
        if not self._can_share(request, obj):
            raise PermissionDenied
        link = get_object_or_404(share_links.links_for(obj), pk=link_id)
        share_links.revoke_share_link(link, request.user)
        messages.success(request, _("Tautan pratinjau dicabut."))
        return HttpResponseRedirect(self._change_url(obj))
