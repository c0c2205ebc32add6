"""The subscriber's pages: sign up, confirm, manage, leave. Never cached, never 500.

A GET changes nothing (mail scanners open links): confirming, changing and leaving are
buttons. The one-click POST of RFC 8058 needs no cookie, session or CSRF token; every
other form carries Django's CSRF token, the only cookie these pages set.
"""

import json
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import Frequency
from . import account, scopes, signup, tokens

PROBLEMS = {
    "invalid": (
        400,
        gettext_lazy("Tautan ini tidak sah. Pastikan Anda menyalin seluruh alamatnya."),
    ),
    "expired": (410, gettext_lazy("Tautan konfirmasi ini sudah kedaluwarsa. Silakan daftar lagi.")),
    "used": (410, gettext_lazy("Tautan ini sudah dipakai atau diganti tautan yang lebih baru.")),
    "gone": (410, gettext_lazy("Langganan ini sudah tidak ada.")),
}


def in_every_language(view):
    """The language switcher stays on this page (with its token and query) in the other
    language, instead of offering the home page (articles/portal/links.py)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.keep_page_across_languages = True
        return view(request, *args, **kwargs)

    return wrapped


def _page(request, title, text, status=200, **extra):
    response = render(
        request, "subscribers/message.html", {"title": title, "text": text, **extra}, status=status
    )
    # The address holds a signed link: never sent to another site (same-origin, not
    # no-referrer, which makes browsers send "Origin: null" and fail the CSRF check).
    response["Referrer-Policy"] = "same-origin"
    return response


def _problem(request, problem):
    status, text = PROBLEMS[problem.reason]
    return _page(request, _("Tautan tidak dapat dipakai"), text, status=status)


def _offered(values):
    """Checkbox choices: what the page asked for (when it exists), all news, the agenda."""
    try:
        pairs, labels = scopes.checked(values) if values else ([], {})
    except scopes.ScopeError:
        pairs, labels = [], {}
    defaults = [("all", ""), ("agenda", "")]
    pairs = pairs + [pair for pair in defaults if pair not in pairs]
    labels = {**scopes.labels(defaults), **labels}
    return [(f"{kind}:{key}" if key else kind, labels[(kind, key)]) for kind, key in pairs]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@in_every_language
def subscribe(request):
    if request.method == "POST":
        form = signup.SubscribeForm(request.POST)
        form.offer(_offered(request.POST.getlist("scopes")[: scopes.MAX_SCOPES]))
        if form.is_valid():
            if signup.client_over_limit(request):
                return _page(
                    request,
                    _("Terlalu banyak permintaan"),
                    _("Terlalu banyak pendaftaran dari jaringan Anda. Coba lagi satu jam lagi."),
                    status=429,
                )
            data = {**form.cleaned_data, "labels": form.labels.values()}
            signup.request_subscription(data, form.cleaned_data["page"])
            return _page(
                request,
                _("Periksa e-mail Anda"),
                _(
                    "Jika alamat itu dapat menerima e-mail, kami telah mengirim tautan "
                    "konfirmasi ke sana. Langganan baru aktif setelah Anda menekan tombol "
                    "di halaman konfirmasi. Tautan berlaku 7 hari."
                ),
            )
        status = 400
    else:
        wanted = request.GET.getlist("scope")
        offered = _offered(wanted[: scopes.MAX_SCOPES])
        chosen = [value for value in wanted if value in dict(offered)] or [offered[0][0]]
        form = signup.SubscribeForm(
            initial={
                "scopes": chosen,
                "language": translation.get_language(),
                "page": request.GET.get("dari", "")[:500],
            }
        )
        form.offer(offered)
        status = 200
    context = {"form": form, "consent_text": signup.consent_text()}
    return render(request, "subscribers/subscribe.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@in_every_language
def confirm(request, token):
    try:
        subscriber, already = tokens.subscriber_to_confirm(token)
    except tokens.TokenProblem as problem:
        return _problem(request, problem)
    if already:
        return _page(request, _("Langganan sudah aktif"), _("Langganan Anda sudah aktif."))
    if request.method == "POST":
        signup.confirm(subscriber)
        return _page(
            request,
            _("Langganan aktif"),
            _("Terima kasih. Anda akan menerima berita yang Anda pilih."),
            manage_url=_manage_url(subscriber),
        )
    response = render(request, "subscribers/confirm.html", {"subscriber": subscriber})
    response["Referrer-Policy"] = "same-origin"
    return response


def _manage_url(subscriber):
    return reverse("subscribers:manage", args=[tokens.manage_token(subscriber)])


def _subscriber(token):
    return tokens.subscriber_to_manage(token)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@in_every_language
def manage(request, token):
    try:
        subscriber = _subscriber(token)
    except tokens.TokenProblem as problem:
        return _problem(request, problem)
    following = list(subscriber.subscriptions.order_by("pk"))
    labels = scopes.labels([(row.kind, row.key) for row in following])
    rows = [(row, labels.get((row.kind, row.key), str(row))) for row in following]
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "delete":
            account.delete_everything(subscriber)
            return _page(
                request,
                _("Data Anda telah dihapus"),
                _("Alamat dan semua pilihan Anda sudah kami hapus."),
            )
        if action == "leave_all":
            account.leave(subscriber)
            return _left(request)
        frequency = request.POST.get("frequency")
        language = request.POST.get("language")
        if frequency in Frequency.values and language in ("id", "en"):
            keep = {tuple(v.partition(":")[::2]) for v in request.POST.getlist("keep")[:50]}
            account.change(subscriber, keep, frequency, language)
            return _page(
                request,
                _("Perubahan disimpan"),
                _("Pilihan langganan Anda sudah diperbarui."),
                manage_url=request.path,
            )
        return _page(request, _("Permintaan tidak dikenal"), _("Isian tidak sah."), status=400)
    response = render(
        request,
        "subscribers/manage.html",
        {
            "subscriber": subscriber,
            "rows": rows,
            "frequencies": Frequency.choices,
            "data_url": reverse("subscribers:data", args=[token]),
        },
    )
    response["Referrer-Policy"] = "same-origin"
    return response


def _left(request):
    return _page(
        request,
        _("Anda sudah berhenti berlangganan"),
        _(
            "Kami tidak akan mengirim berita lagi ke alamat ini. "
            "Anda dapat mendaftar lagi kapan saja."
        ),
    )


@never_cache
def data(request, token):
    """Everything kept about the subscriber, as a JSON download."""
    try:
        subscriber = _subscriber(token)
    except tokens.TokenProblem as problem:
        return _problem(request, problem)
    body = json.dumps(account.export(subscriber), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="langganan.json"'
    return response


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@in_every_language
def leave(request, token):
    """RFC 8058 one-click: a POST leaves everything at once. A GET shows the button."""
    try:
        subscriber = _subscriber(token)
    except tokens.TokenProblem as problem:
        return _problem(request, problem)
    if request.method == "POST":
        account.leave(subscriber)
        return _left(request)
    response = render(request, "subscribers/leave.html", {"manage_url": _manage_url(subscriber)})
    response["Referrer-Policy"] = "same-origin"
    return response
