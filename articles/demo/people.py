"""Demo accounts, one per role, and a photographer who is only credited."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from units.models import StaffProfile

PASSWORD = "demo-newsroom"


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    initials: str
    role: str  # a group name, or "" for the superuser and the credit-only photographer
    units: tuple
    superuser: bool = False
    can_log_in: bool = True


ACCOUNTS = [
    Account("admin", "Admin", "Redaksi", "ADM", "", ("ditjen-diksi",), superuser=True),
    Account("penulis", "Rahmi", "Aulia", "RA", "Kontributor", ("mitras-dudi",)),
    Account("redaktur", "Andi", "Pratama", "AP", "Redaktur", ("mitras-dudi",)),
    Account("redaktur2", "Sri", "Wahyuni", "SW", "Redaktur", ("mitras-dudi",)),
    Account("pelaksana", "Bambang", "Setiawan", "BS", "Redaktur Pelaksana", ("ditjen-diksi",)),
    # Credited as photographer in bylines (the "DE" of Diksi/RA/AP/DE); no admin access.
    Account("fotografer", "Dimas", "Erlangga", "DE", "", ("mitras-dudi",), can_log_in=False),
]


def load_accounts(units):
    """Passwords are set only when an account is created, so a changed one is kept."""
    User = get_user_model()
    users, created = {}, 0
    for account in ACCOUNTS:
        user, new = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@newsroom.invalid",
                "is_staff": account.can_log_in,
                "is_superuser": account.superuser,
                "is_active": True,
            },
        )
        if new:
            if account.can_log_in:
                user.set_password(PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
        if account.role:
            group, _ = Group.objects.get_or_create(name=account.role)
            user.groups.add(group)
        profile, _ = StaffProfile.objects.update_or_create(
            user=user, defaults={"initials": account.initials}
        )
        profile.units.set([units[slug] for slug in account.units])
        users[account.username] = user
        created += new
    return users, created
