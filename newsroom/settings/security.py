"""Staff account security settings: login throttling, the second factor, idle sessions,
cookie flags, security headers and the Content-Security-Policy (SECURITY.md says why)."""

from csp.constants import NONCE

from .base import *  # noqa: F403

# --- Staff account security (issue 12) ------------------------------------------
# One stolen editor or publisher account puts words in the institution's mouth, so
# logins are throttled, the second factor is enforced for those who can publish,
# sessions end when idle, and every page carries a Content-Security-Policy
# (SECURITY.md explains each choice).
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
AUTHENTICATION_BACKENDS = [
    # Refuses credentials while the account (from that address) or the address is locked.
    "units.security.lockout.StaffLoginThrottle",
    # Django's ModelBackend, with a user's own and group permissions read in one query.
    "units.security.permissions.StaffPermissionsBackend",
]

# Login throttling (SECURITY.md says why): counts live in the database, so every app
# server sees the same ones. An account is refused from one address after
# NEWSROOM_LOGIN_FAILURE_LIMIT failures there (account and address together: a guesser
# elsewhere cannot lock a publisher out, and a colleague's typos lock nobody else); an
# address after NEWSROOM_LOGIN_ADDRESS_LIMIT failures over all accounts (an office's
# staff share one public address, so this is far above what typing produces).
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
NEWSROOM_LOGIN_ADDRESS_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_ADDRESS_LIMIT", "100"))
AXES_COOLOFF_TIME = int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A success clears only that account's failures from that address (the pair is the
# count), never a colleague's: nobody can log in between guesses to reset them.
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "units.security.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "units.security.lockout.client_ip"
# Proxies in front of the app that append to X-Forwarded-For (nginx: 1). With 0 the
# connecting address counts, which behind a proxy would lock every staff member at once.
NEWSROOM_TRUSTED_PROXY_COUNT = int(
    os.environ.get("NEWSROOM_TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0")
)
# Where those proxies connect from: forwarded headers from any other address are dropped
# (newsroom/security/forwarded.py). nginx on the same host: loopback.
NEWSROOM_TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
# Password-reset mails: per address asked for and per client, in an hour.
NEWSROOM_RESET_MAILS_PER_ADDRESS = int(os.environ.get("NEWSROOM_RESET_MAILS_PER_ADDRESS", "3"))
NEWSROOM_RESET_REQUESTS_PER_CLIENT = int(os.environ.get("NEWSROOM_RESET_REQUESTS_PER_CLIENT", "10"))
# Readers' sign-ups (outreach/subscribers/signup.py): confirmation mails per address a day,
# sign-up requests per client an hour.
NEWSROOM_SUBSCRIBE_MAILS_PER_ADDRESS = int(
    os.environ.get("NEWSROOM_SUBSCRIBE_MAILS_PER_ADDRESS", "3")
)
NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT = int(
    os.environ.get("NEWSROOM_SUBSCRIBE_REQUESTS_PER_CLIENT", "20")
)

# Second factor: TOTP apps plus one-time recovery codes. Required for editors,
# publishers and superusers wherever this is on (production by default); writers choose.
NEWSROOM_REQUIRE_2FA = env_bool("NEWSROOM_REQUIRE_2FA", PRODUCTION)
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME
NEWSROOM_RECOVERY_CODES = 10

# Bounded work per request (newsroom/limits.py): each staff field has its own limit, met
# with a message on the field. Fields in one request: Django's default (1,000) would turn
# a long but harmless choice list into a bare 400 before the form could say what is wrong;
# parsing 25,000 short fields costs milliseconds, and every field refuses its excess
# before a query. Past either cap `newsroom.oversize` answers with the text handed back.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 25_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Key rotation (SECURITY.md): the previous keys still verify sessions and links meanwhile.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

# Sessions end after this long without a request, and everywhere on a password change
# (Django's session hash; the password views keep only the session that changed it).
NEWSROOM_STAFF_IDLE_SECONDS = int(os.environ.get("NEWSROOM_STAFF_IDLE_SECONDS", str(8 * 3600)))
SESSION_COOKIE_AGE = NEWSROOM_STAFF_IDLE_SECONDS

# Every cookie the site sets is Secure in production and out of reach of page scripts
# where nothing needs to read it (CSRF stays readable: the editor's upload sends it).
# The flags follow NEWSROOM_HTTPS (on in production): a plain-HTTP trial of `make run-prod`
# sets NEWSROOM_HTTPS=0 and could not log in over Secure cookies.
SESSION_COOKIE_SECURE = NEWSROOM_HTTPS
CSRF_COOKIE_SECURE = NEWSROOM_HTTPS
LANGUAGE_COOKIE_SECURE = NEWSROOM_HTTPS
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
NEWSROOM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Hosts body images may come from besides the site's own media (e.g. a storage bucket);
# the same hosts are allowed as image sources by the Content-Security-Policy.
NEWSROOM_IMAGE_HOSTS = env_list("NEWSROOM_IMAGE_HOSTS", [])
# Further origins the public pages may load from (analytics, embeds); none by default.
NEWSROOM_CSP_EXTRA_ORIGINS = env_list("NEWSROOM_CSP_EXTRA_ORIGINS", [])
_media_origins = [MEDIA_URL] if MEDIA_URL.startswith(("https://", "http://")) else []
_static_origins = [STATIC_URL] if STATIC_URL.startswith(("https://", "http://")) else []
_image_origins = [f"https://{host}" for host in NEWSROOM_IMAGE_HOSTS] + _media_origins

# Public pages: nothing inline, nothing from elsewhere unless listed above. JSON-LD is a
# data block, which script-src does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, *_static_origins, *NEWSROOM_CSP_EXTRA_ORIGINS],
        "style-src": ["'self'", *_static_origins, *NEWSROOM_CSP_EXTRA_ORIGINS],
        "img-src": ["'self'", "data:", *_image_origins, *NEWSROOM_CSP_EXTRA_ORIGINS],
        "font-src": ["'self'", *_static_origins],
        "connect-src": ["'self'", *NEWSROOM_CSP_EXTRA_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin: its widgets and the body editor set style attributes, so styles may be
# inline; scripts may not, on any page (the editor is an external module since issue 27).
NEWSROOM_ADMIN_CSP = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", *_static_origins],
        "style-src": ["'self'", "'unsafe-inline'", *_static_origins],
        "img-src": ["'self'", "data:", "blob:", *_image_origins],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
