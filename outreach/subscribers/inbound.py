"""The mailto half of List-Unsubscribe: a mail to the unsubscribe mailbox leaves.

Every bulk mail names `mailto:<mailbox>?subject=unsubscribe <token>` (mails.links); a mail
client's "unsubscribe" button sends that mail. The provider receives it and posts it to
django-anymail's inbound webhook (`/anymail/<provider>/inbound/`), which checks the
provider's signature and the basic-auth secret before its `inbound` signal fires: an
unsigned or forged post never reaches this module. Here the subject (or, failing that,
the first lines of the body, for clients that move it) is searched for a manage token;
a valid one leaves every subscription at once, as the one-click POST does. Mail to other
addresses, or without a valid token, changes nothing. No reply is sent: the reader asked
for no more mail.
"""

import logging
import re
from email.utils import getaddresses

from anymail.signals import inbound
from django.dispatch import receiver

from . import account, mails, tokens

logger = logging.getLogger(__name__)

# What a signed manage token looks like (django.core.signing, compressed: ".eJ...:...:...").
TOKEN = re.compile(r"[A-Za-z0-9_.\-]{8,200}:[A-Za-z0-9_\-]{4,20}:[A-Za-z0-9_\-]{20,100}")
MAX_CANDIDATES = 5


def addressed_to_mailbox(message):
    """Whether the mail was sent to the unsubscribe mailbox (envelope or To/Cc)."""
    mailbox = mails.mailbox().lower()
    found = [message.envelope_recipient or ""]
    found += [address for _name, address in getaddresses(message.get_all("To", []))]
    found += [address for _name, address in getaddresses(message.get_all("Cc", []))]
    return any(address.strip().lower() == mailbox for address in found)


def candidates(message):
    """Token-shaped words in the subject, then in the body's first lines."""
    text = str(message.subject or "") + "\n" + "\n".join((message.text or "").splitlines()[:20])
    return TOKEN.findall(text[:5000])[:MAX_CANDIDATES]


@receiver(inbound)
def on_inbound(sender, event, esp_name, **kwargs):
    message = event.message
    if message is None or not addressed_to_mailbox(message):
        return
    for token in candidates(message):
        try:
            subscriber = tokens.subscriber_to_manage(token)
        except tokens.TokenProblem:
            continue
        account.leave(subscriber)
        logger.info("subscriber %s left by mail (%s)", subscriber.pk, esp_name)
        return
    logger.info("a mail to the unsubscribe mailbox carried no valid token (%s)", esp_name)
