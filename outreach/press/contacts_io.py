"""Media contacts in and out of spreadsheets: CSV or XLSX import with a preview, CSV export.

Indonesian spreadsheet programs export CSV in Windows-1252 or UTF-8 with a byte-order
mark, separated by semicolons; both are read, and commas too. An XLSX workbook's first
sheet is read the same way (`contacts_xlsx`: bounded against zip bombs and huge sheets;
row numbers are the sheet's, empty trailing cells are empty values). Nothing is saved by
`parse`: it returns the good rows (duplicates merged by address, later cells filling
blanks of earlier ones) and every bad row with its number and reason, so staff see the
whole preview before `save` writes anything.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ConsentMethod, MediaContact
from . import contacts_xlsx

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# Header names staff write, in either language, and the field each fills.
COLUMNS = {
    "nama": "name", "name": "name",
    "media": "outlet", "outlet": "outlet",
    "email": "email", "e-mail": "email", "surel": "email",
    "bidang": "beat", "beat": "beat", "bidang liputan": "beat",
    "telepon": "phone", "phone": "phone", "hp": "phone",
    "bahasa": "language", "language": "language",
    "catatan": "notes", "notes": "notes",
}  # fmt: skip
REQUIRED = ("name", "outlet", "email")
LIMITS = {"name": 150, "outlet": 150, "beat": 150, "phone": 40, "notes": 4000}
EXPORT = ("nama", "media", "bidang", "email", "telepon", "bahasa", "catatan")


@dataclass
class Preview:
    rows: dict = field(default_factory=dict)  # address -> values
    problems: list = field(default_factory=list)  # (row number, reason)
    merged: list = field(default_factory=list)  # row numbers merged into an earlier row
    ignored_columns: list = field(default_factory=list)


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line):
    return max(";,\t", key=first_line.count)


def _check(values):
    """The reason a row cannot be saved, or None."""
    for name in REQUIRED:
        if not values.get(name):
            return _("kolom %(column)s kosong") % {"column": name}
    try:
        validate_email(values["email"])
    except ValidationError:
        return _("alamat e-mail tidak sah: %(address)s") % {"address": values["email"][:80]}
    if values.get("language", "id") not in ("id", "en"):
        return _("bahasa harus id atau en")
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            return _("kolom %(column)s lebih dari %(limit)d karakter") % {
                "column": name,
                "limit": limit,
            }
    return None


def _csv_rows(data):
    text = decode(data)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]))
    return enumerate(reader, start=1)


def parse(data):
    """A Preview of CSV or XLSX bytes `data`; nothing is saved."""
    preview = Preview()
    if len(data) > MAX_BYTES:
        preview.problems.append((0, _("berkas lebih dari 5 MB")))
        return preview
    workbook = contacts_xlsx.is_workbook(data)
    try:
        numbered = contacts_xlsx.rows(data) if workbook else _csv_rows(data)
        _read(preview, numbered, padded=workbook)
    except contacts_xlsx.Unreadable as refusal:
        preview.problems.append((0, str(refusal)))
    return preview


def _read(preview, numbered, padded):
    """Fill `preview` from (row number, cells); `padded`: a short row has empty cells."""
    _number, header = next(numbered, (1, []))
    header = [cell.strip().lower() for cell in header]
    fields = [COLUMNS.get(name) for name in header]
    preview.ignored_columns = [
        name for name, found in zip(header, fields, strict=True) if not found and name
    ]
    missing = [name for name in REQUIRED if name not in fields]
    if missing:
        preview.problems.append(
            (1, _("kolom wajib tidak ada: %(columns)s") % {"columns": ", ".join(missing)})
        )
        return
    for number, row in numbered:
        if number - 1 > MAX_ROWS:
            preview.problems.append((number, _("lebih dari 10.000 baris; sisanya tidak dibaca")))
            break
        if not any(cell.strip() for cell in row):
            continue
        if padded and len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        if len(row) != len(header):
            preview.problems.append(
                (number, _("%(found)d kolom, seharusnya %(expected)d")
                 % {"found": len(row), "expected": len(header)})
            )  # fmt: skip
            continue
        _take(preview, number, fields, row)


def phone_text(value):
    """An Indonesian number as it was typed. A spreadsheet that took it for a number
    drops the leading zero (0812... becomes 812...) or the plus (+62... becomes 62...);
    digits alone that can only be such a number get them back."""
    if value.isdigit():
        if value.startswith("8") and 9 <= len(value) <= 12:
            return "0" + value
        if value.startswith("62") and 10 <= len(value) <= 15:
            return "+" + value
    return value


def _take(preview, number, fields, row):
    values = {name: cell.strip() for name, cell in zip(fields, row, strict=True) if name}
    values["email"] = values["email"].lower()
    values["language"] = values.get("language", "").lower() or "id"
    if "phone" in values:
        values["phone"] = phone_text(values["phone"])
    reason = _check(values)
    if reason:
        preview.problems.append((number, reason))
    elif values["email"] in preview.rows:
        earlier = preview.rows[values["email"]]
        for name, value in values.items():
            earlier[name] = earlier.get(name) or value
        preview.merged.append(number)
    else:
        preview.rows[values["email"]] = values


def save(preview, unit, consent_at, source):
    """Write the preview's good rows as `unit`'s contacts; (created, updated)."""
    created = updated = 0
    with transaction.atomic():
        existing = {
            c.email: c for c in MediaContact.objects.filter(owner_unit=unit, email__in=preview.rows)
        }
        for address, values in preview.rows.items():
            contact = existing.get(address)
            if contact is None:
                MediaContact.objects.create(
                    owner_unit=unit,
                    consent_at=consent_at,
                    consent_method=ConsentMethod.IMPORTED,
                    consent_source=source[:200],
                    **values,
                )
                created += 1
            else:
                for name, value in values.items():
                    setattr(contact, name, value or getattr(contact, name))
                contact.save()
                updated += 1
    return created, updated


def export(writer, contacts):
    writer.writerow(EXPORT)
    for c in contacts.iterator(chunk_size=500):
        writer.writerow((c.name, c.outlet, c.beat, c.email, c.phone, c.language, c.notes))
