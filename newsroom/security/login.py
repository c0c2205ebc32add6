"""The staff login form: password, then the authenticator code once a device is set up.

One form and one step: a wrong code counts as a failed login for django-axes, so the
six digits cannot be guessed any faster than the password. A recovery code is accepted
in the same field and works once. A wrong password and a right password with a missing
or wrong code get the same answer, so the form never confirms a guessed password.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device


class StaffLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna, kata sandi atau kode verifikasi salah. Perhatikan huruf besar "
            "dan kecil; kode verifikasi diisi bila verifikasi dua langkah aktif untuk akun Anda."
        ),
    }
    otp_token = forms.CharField(
        label=_("Kode verifikasi"),
        required=False,
        max_length=16,
        help_text=_(
            "Enam angka dari aplikasi autentikator, atau salah satu kode pemulihan. "
            "Kosongkan jika verifikasi dua langkah belum diaktifkan untuk akun Anda."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 10}
        ),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            return cleaned
        token = "".join((cleaned.get("otp_token") or "").split())
        device = match_token(user, token) if token else None
        if device is None:
            user_login_failed.send(
                sender=type(self),
                credentials={"username": cleaned.get("username", "")},
                request=self.request,
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        # django_otp's user_logged_in receiver marks the session as verified by this device.
        user.otp_device = device
        return cleaned
