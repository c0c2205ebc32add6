"""Importing contacts from an Indonesian spreadsheet's CSV or XLSX: a preview of every bad row
with its number and reason, duplicates merged by address, nothing saved until confirmed."""

import io
import time
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from outreach.models import ConsentMethod, MediaContact
from outreach.press import contacts_io
from tests import factories as f

pytestmark = pytest.mark.django_db

SHEET = (
    "Nama;Media;Email;Bidang;Telepon;Kolom Lain\r\n"
    "Sari Wulandari;Harian Kota;sari@harian.test;pendidikan;0812;x\r\n"
    "Tono;Radio Suara;bukan-alamat;vokasi;;x\r\n"
    "Sari W.;Harian Kota;SARI@harian.test;;;x\r\n"
    "Kurang;Kolom\r\n"
    "Pak Dédé;Warta Jabar;dede@warta.test;budaya;;x\r\n"
)


def test_the_preview_names_every_bad_row_and_merges_duplicates():
    preview = contacts_io.parse(SHEET.encode("cp1252"))
    assert preview.problems == [
        (3, "alamat e-mail tidak sah: bukan-alamat"),
        (5, "2 kolom, seharusnya 6"),
    ]
    assert preview.merged == [4]
    assert preview.ignored_columns == ["kolom lain"]
    assert preview.rows["dede@warta.test"]["name"] == "Pak Dédé"  # Windows-1252 read
    assert preview.rows["sari@harian.test"]["name"] == "Sari Wulandari"


def test_utf8_with_a_byte_order_mark_and_commas_and_a_missing_column():
    good = contacts_io.parse("\ufeffnama,media,email\nAni,TV,ani@tv.test\n".encode())
    assert list(good.rows) == ["ani@tv.test"] and not good.problems
    bad = contacts_io.parse(b"nama;email\nAni;ani@tv.test\n")
    assert bad.problems == [(1, "kolom wajib tidak ada: outlet")] and not bad.rows


def test_ten_thousand_rows_are_read_and_the_next_is_refused():
    lines = ["nama;media;email"] + [f"W{i};M;w{i}@m.test" for i in range(10_001)]
    preview = contacts_io.parse("\n".join(lines).encode())
    assert len(preview.rows) == 10_000
    assert preview.problems == [(10_002, "lebih dari 10.000 baris; sisanya tidak dibaca")]


def _upload_sheet(client, url, unit, consent_at):
    """SHEET posted to the import form: the preview page."""
    upload = SimpleUploadedFile("daftar.csv", SHEET.encode("cp1252"), "text/csv")
    fields = {"owner_unit": unit.pk, "consent_at": consent_at, "source": "Peserta jumpa pers"}
    return client.post(url, {"file": upload, **fields})


def test_nothing_is_saved_until_confirmed_then_the_good_rows_are(client, team):
    client.force_login(team["editor"])
    url = reverse("admin:outreach_mediacontact_import")
    page = _upload_sheet(client, url, team["unit"], "2020-06-25")
    assert page.status_code == 200
    html = page.content.decode()
    assert "alamat e-mail tidak sah: bukan-alamat" in html and "2 kolom, seharusnya 6" in html
    assert not MediaContact.objects.exists()
    saved = client.post(url, {"token": page.context["token"]})
    assert saved.status_code == 302
    assert sorted(MediaContact.objects.values_list("email", flat=True)) == [
        "dede@warta.test",
        "sari@harian.test",
    ]
    sari = MediaContact.objects.get(email="sari@harian.test")
    assert sari.consent_method == ConsentMethod.IMPORTED and sari.owner_unit == team["unit"]
    assert "Peserta jumpa pers" in sari.consent_source
    # Another unit's editor can neither reuse the preview nor import into this unit.
    client.force_login(team["editor_elsewhere"])
    assert client.post(url, {"token": page.context["token"]}).status_code == 302
    refused = client.post(
        url,
        {"file": SimpleUploadedFile("d.csv", SHEET.encode("cp1252")), "owner_unit": team["unit"].pk,
         "consent_at": "2020-06-25", "source": "x"},
    )  # fmt: skip
    assert "owner_unit" in refused.context["form"].errors


def test_export_lists_only_the_users_units_contacts(client, team):
    MediaContact.objects.create(
        owner_unit=team["unit"], name="Sari", outlet="Harian", email="sari@harian.test",
        consent_at="2020-06-01", consent_method="form",
    )  # fmt: skip
    MediaContact.objects.create(
        owner_unit=f.unit(), name="Lain", outlet="Lain", email="lain@media.test",
        consent_at="2020-06-01", consent_method="form",
    )  # fmt: skip
    client.force_login(team["editor"])
    text = client.get(reverse("admin:outreach_mediacontact_export")).content.decode("utf-8-sig")
    assert "sari@harian.test" in text and "lain@media.test" not in text
    assert text.splitlines()[0] == "nama;media;bidang;email;telepon;bahasa;catatan"


def workbook(rows, sparse=None):
    """The bytes of an .xlsx with `rows` on its first sheet (and one far cell, if asked)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if sparse:
        book.active.cell(row=sparse[0], column=sparse[1], value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload_preview(client, team, name, data):
    return client.post(
        reverse("admin:outreach_mediacontact_import"),
        {"file": SimpleUploadedFile(name, data), "owner_unit": team["unit"].pk,
         "consent_at": "2020-06-25", "source": "Daftar XLSX"},
    )  # fmt: skip


def test_an_xlsx_gets_the_same_preview_with_the_sheets_row_numbers(client, team):
    data = workbook(
        [
            ["Nama", "Media", "Email", "Telepon", "Bahasa"],
            ["Sari", "Harian Kota", "sari@harian.test", 8123456, None],
            [],
            ["Tono", "Radio", "bukan-alamat"],
            ["Sari W.", "Harian Kota", "SARI@harian.test", None, "id"],
            ["Jane", "Wire", "jane@wire.test", None, "en", "lebih"],
            ["Dédé", "Warta", "dede@warta.test"],  # trailing empty cells are empty values
        ]
    )
    preview = contacts_io.parse(data)
    assert preview.problems == [
        (4, "alamat e-mail tidak sah: bukan-alamat"),
        (6, "6 kolom, seharusnya 5"),
    ]
    assert preview.merged == [5]
    assert preview.rows["sari@harian.test"]["phone"] == "8123456"  # a number cell, as text
    assert preview.rows["dede@warta.test"]["name"] == "Dédé"
    client.force_login(team["editor"])
    page = upload_preview(client, team, "kontak.xlsx", data)
    assert "alamat e-mail tidak sah" in page.content.decode()
    assert not MediaContact.objects.exists()
    assert (
        client.post(
            reverse("admin:outreach_mediacontact_import"), {"token": page.context["token"]}
        ).status_code
        == 302
    )
    assert MediaContact.objects.count() == 2


def test_an_xlsx_of_ten_thousand_rows_is_read_and_the_next_refused():
    rows = [["nama", "media", "email"]] + [[f"W{i}", "M", f"w{i}@m.test"] for i in range(10_001)]
    preview = contacts_io.parse(workbook(rows))
    assert len(preview.rows) == 10_000
    assert preview.problems == [(10_002, "lebih dari 10.000 baris; sisanya tidak dibaca")]


def zip_bomb():
    """A small zip that claims to be a workbook and unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            zeros = b"0" * (1024 * 1024)
            for _ in range(200):
                sheet.write(zeros)
    return out.getvalue()


def not_a_workbook():
    """A real zip (a word-processor document), with no workbook inside."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


HOSTILE = {
    "bom.xlsx": (zip_bomb, "terlalu besar setelah dibuka"),
    "rusak.xlsx": (lambda: b"PK\x03\x04" + b"\x00" * 300, "rusak atau bukan XLSX"),
    "dokumen.xlsx": (not_a_workbook, "rusak atau bukan XLSX"),
    "lama.xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".xls lama"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_or_broken_workbook_gets_a_message_not_an_error(client, team, name):
    make, message = HOSTILE[name]
    data = make()
    assert len(data) < contacts_io.MAX_BYTES
    client.force_login(team["editor"])
    page = upload_preview(client, team, name, data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not page.context["good"] and not MediaContact.objects.exists()


def test_a_sheet_that_declares_a_million_rows_stops_at_the_cap_quickly():
    data = workbook([["nama", "media", "email"], ["Ani", "TV", "ani@tv.test"]], (1_048_576, 200))
    started = time.monotonic()
    preview = contacts_io.parse(data)
    assert time.monotonic() - started < 10
    assert list(preview.rows) == ["ani@tv.test"]
    assert preview.problems == [(10_002, "lebih dari 10.000 baris; sisanya tidak dibaca")]


def test_a_phone_the_spreadsheet_took_for_a_number_keeps_its_zero_or_plus():
    data = workbook(
        [
            ["nama", "media", "email", "telepon"],
            ["Rina", "Harian Pagi", "rina@harian.example", 81234567890],
            ["Yosef", "Radio Kota", "yosef@radio.example", 6281298765432],
            ["Sari", "Majalah", "sari@majalah.example", "021 5551234"],
            ["Ikhsan", "Portal", "ikhsan@portal.example", 12345],
        ]
    )
    phones = {row["email"]: row["phone"] for row in contacts_io.parse(data).rows.values()}
    assert phones == {
        "rina@harian.example": "081234567890",
        "yosef@radio.example": "+6281298765432",
        "sari@majalah.example": "021 5551234",
        "ikhsan@portal.example": "12345",  # no Indonesian number: left as typed
    }


def test_the_list_date_is_typed_day_first_like_every_admin_date(client, team):
    """The import form's date is the admin's one date box (issue 27), not the browser's
    picker, whose order follows the browser's language; "25-06-2020" is 25 June."""
    client.force_login(team["editor"])
    url = reverse("admin:outreach_mediacontact_import")
    form = client.get(url).content.decode()
    assert 'type="date"' not in form and 'placeholder="hh-bb-tttt"' in form
    page = _upload_sheet(client, url, team["unit"], "25-06-2020")
    client.post(url, {"token": page.context["token"]})
    sari = MediaContact.objects.get(email="sari@harian.test")
    assert sari.consent_at == date(2020, 6, 25)
