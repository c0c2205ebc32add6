"""Importing contacts from an Indonesian spreadsheet's CSV: a preview of every bad row
with its number and reason, duplicates merged by address, nothing saved until confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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


def test_nothing_is_saved_until_confirmed_then_the_good_rows_are(client, team):
    client.force_login(team["editor"])
    url = reverse("admin:outreach_mediacontact_import")
    upload = SimpleUploadedFile("daftar.csv", SHEET.encode("cp1252"), "text/csv")
    page = client.post(
        url,
        {"file": upload, "owner_unit": team["unit"].pk, "consent_at": "2020-06-25",
         "source": "Peserta jumpa pers"},
    )  # fmt: skip
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
