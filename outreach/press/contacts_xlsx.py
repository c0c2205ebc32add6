"""Reading the rows of an XLSX workbook's first sheet, safely, for the contact import.

An .xlsx is a zip of XML files, so a small upload can unpack to gigabytes (a zip bomb) or
declare a sheet of a million rows. Before openpyxl sees it, the zip's directory is read:
too many members, or more than MAX_UNPACKED bytes once unpacked, and it is refused with a
message (Python's zip reader never inflates a member past its declared size, so the sum
of declared sizes bounds the work). openpyxl then reads in read_only mode (the sheet is
streamed, not built in memory), values not formulas, at most MAX_COLUMNS columns, and the
caller stops at its row cap. Expat, Python's XML parser, refuses entity-expansion bombs.
"""

import io
import zipfile
from datetime import date, datetime

from django.utils.translation import gettext as _

MAX_UNPACKED = 40 * 1024 * 1024
MAX_MEMBERS = 500
MAX_COLUMNS = 50
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


class Unreadable(Exception):
    """The workbook cannot be read; the message says why, fit to show staff."""


def is_workbook(data):
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


def _check_zip(data):
    if data.startswith(OLE_MAGIC):
        raise Unreadable(_("berkas .xls lama tidak didukung; simpan sebagai .xlsx atau CSV"))
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise Unreadable(_("berkas XLSX rusak atau bukan XLSX")) from error
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise Unreadable(
            _("berkas XLSX terlalu besar setelah dibuka (lebih dari %(mb)d MB); "
              "simpan sebagai CSV atau bagi menjadi beberapa berkas")
            % {"mb": MAX_UNPACKED // (1024 * 1024)}
        )  # fmt: skip


def cell_text(value):
    """A cell as the text a CSV export would hold: 812345.0 -> "812345", None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def rows(data):
    """(row number, [cell text]) of the first sheet, lazily; raises Unreadable."""
    _check_zip(data)
    from openpyxl import load_workbook  # only imports when a workbook is uploaded
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise Unreadable(_("berkas XLSX rusak atau bukan XLSX")) from error
    return _sheet_rows(book)


def _sheet_rows(book):
    try:
        if not book.worksheets:
            return
        found = book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, row in enumerate(found, start=1):
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1].strip():
                cells.pop()  # a sheet's row ends where its last filled cell does
            yield number, cells
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - hostile XML fails in many ways; all mean "unreadable"
        raise Unreadable(_("berkas XLSX rusak atau bukan XLSX")) from error
    finally:
        book.close()
