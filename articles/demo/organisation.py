"""The ministry's units around Ditjen Pendidikan Vokasi (structure of 2020), and a partner."""

from units.models import UnitKind, WorkUnit

from ..models import Partner

# (slug, name, abbreviation, kind, parent slug, website)
UNITS = [
    ("kemendikbud", "Kementerian Pendidikan dan Kebudayaan", "Kemendikbud",
     UnitKind.KEMENTERIAN, None, "https://www.kemdikbud.go.id"),
    ("setjen", "Sekretariat Jenderal", "Setjen",
     UnitKind.SEKRETARIAT_JENDERAL, "kemendikbud", ""),
    ("bkhm", "Biro Kerja Sama dan Hubungan Masyarakat", "BKHM",
     UnitKind.BIRO, "setjen", ""),
    ("puspeka", "Pusat Penguatan Karakter", "Puspeka",
     UnitKind.PUSAT, "setjen", ""),
    ("pusdatin", "Pusat Teknologi dan Informasi", "Pusdatin",
     UnitKind.PUSAT, "setjen", ""),
    ("puspresnas", "Pusat Prestasi Nasional", "Puspresnas",
     UnitKind.PUSAT, "setjen", ""),
    ("setkomnas-unesco", "Sekretariat Komisi Nasional Indonesia untuk UNESCO", "Setkomnas UNESCO",
     UnitKind.KOMISI, "setjen", ""),
    ("ditjen-diksi", "Direktorat Jenderal Pendidikan Vokasi", "Ditjen Diksi",
     UnitKind.DITJEN, "kemendikbud", "https://vokasi.kemdikbud.go.id"),
    ("setditjen-diksi", "Sekretariat Direktorat Jenderal Pendidikan Vokasi", "Setditjen Diksi",
     UnitKind.SEKRETARIAT, "ditjen-diksi", ""),
    ("mitras-dudi", "Direktorat Kemitraan dan Penyelarasan Dunia Usaha dan Dunia Industri",
     "Dit. Mitras DUDI", UnitKind.DIREKTORAT, "ditjen-diksi", ""),
    ("dit-smk", "Direktorat Sekolah Menengah Kejuruan", "Dit. SMK",
     UnitKind.DIREKTORAT, "ditjen-diksi", ""),
    ("dit-ptvp", "Direktorat Pendidikan Tinggi Vokasi dan Profesi", "Dit. PTVP",
     UnitKind.DIREKTORAT, "ditjen-diksi", ""),
    ("dit-suslat", "Direktorat Kursus dan Pelatihan", "Dit. Suslat",
     UnitKind.DIREKTORAT, "ditjen-diksi", ""),
    ("ditjen-kebudayaan", "Direktorat Jenderal Kebudayaan", "Ditjen Kebudayaan",
     UnitKind.DITJEN, "kemendikbud", ""),
    ("setditjen-kebudayaan", "Sekretariat Direktorat Jenderal Kebudayaan",
     "Setditjen Kebudayaan", UnitKind.SEKRETARIAT, "ditjen-kebudayaan", ""),
    ("badan-bahasa", "Badan Pengembangan dan Pembinaan Bahasa", "Badan Bahasa",
     UnitKind.BADAN, "kemendikbud", ""),
    ("sekretariat-badan-bahasa", "Sekretariat Badan Pengembangan dan Pembinaan Bahasa",
     "Sekretariat Badan Bahasa", UnitKind.SEKRETARIAT, "badan-bahasa", ""),
]  # fmt: skip

PARTNERS = [
    ("cnbc-indonesia", "CNBC Indonesia", "CNBC", "https://www.cnbcindonesia.com"),
]


def load_units():
    """Parents come before children in UNITS, so each parent is already saved."""
    units, created = {}, 0
    for slug, name, abbreviation, kind, parent, website in UNITS:
        units[slug], new = WorkUnit.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "parent": units[parent] if parent else None,
                "website": website,
                "is_active": True,
            },
        )
        created += new
    return units, created


def load_partners(logos):
    partners, created = {}, 0
    for slug, name, abbreviation, website in PARTNERS:
        partners[slug], new = Partner.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "abbreviation": abbreviation,
                "website": website,
                "logo": logos.get(slug),
            },
        )
        created += new
    return partners, created
