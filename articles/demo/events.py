"""Events: the online class of the press release, and activities before and after today."""

from datetime import timedelta

from ..models import AttendanceMode, EventKind, SpeakerRole, Status
from .clock import days_from, wib

PRESS_RELEASE_EVENT = "kelas-daring-pengelolaan-media-sosial-kemendikbud"

OFFICE = "Gedung E Kemendikbud"
OFFICE_ADDRESS = "Jl. Jenderal Sudirman, Senayan, Jakarta Pusat"


def events(now):
    d = lambda days, hour, minute=0: days_from(now, days, hour, minute)  # noqa: E731
    return [
        {
            "slug": PRESS_RELEASE_EVENT,
            "title": "Kelas Daring Pengelolaan Media Sosial di Lingkungan Kemendikbud",
            "kind": EventKind.KELAS_DARING,
            "mode": AttendanceMode.ONLINE,
            "starts_at": wib(2020, 6, 25, 10),
            "ends_at": wib(2020, 6, 25, 12),
            "platform": "Konferensi video",
            "unit": "mitras-dudi",
            "organisers": ["mitras-dudi"],
            "partners": ["cnbc-indonesia"],
            "participating_units": [
                "mitras-dudi",
                "bkhm",
                "setditjen-diksi",
                "setditjen-kebudayaan",
                "sekretariat-badan-bahasa",
                "dit-smk",
                "dit-ptvp",
                "dit-suslat",
                "puspeka",
                "pusdatin",
                "puspresnas",
                "setkomnas-unesco",
            ],  # fmt: skip
            "participant_count": 43,
            "description": (
                "Kelas singkat bagi pengelola akun media sosial satuan kerja Kemendikbud: "
                "menyusun strategi konten dengan prinsip SMART, memilih kanal sesuai "
                "audiens, dan mengarahkan pembaca ke laman resmi instansi. "
                "Diselenggarakan Dit. Mitras DUDI bersama CNBC Indonesia."
            ),
            "speakers": [
                ("novan-putranto", SpeakerRole.NARASUMBER),
                ("ellen-gracia", SpeakerRole.PEMANDU_ACARA),
                ("ellen-gracia", SpeakerRole.MODERATOR),
            ],
            "status": Status.PUBLISHED,
            "publish_at": wib(2020, 6, 22, 9),
        },
        {
            "slug": "webinar-penyelarasan-kurikulum-smk-dengan-industri",
            "title": "Webinar Penyelarasan Kurikulum SMK dengan Kebutuhan Industri",
            "kind": EventKind.WEBINAR,
            "mode": AttendanceMode.ONLINE,
            "starts_at": d(6, 9),
            "ends_at": d(6, 11, 30),
            "platform": "YouTube",
            "join_url": "https://www.youtube.com/@vokasikemendikbud",
            "unit": "mitras-dudi",
            "organisers": ["mitras-dudi", "dit-smk"],
            "participating_units": ["dit-smk"],
            "participant_count": 500,
            "description": (
                "Guru produktif, kepala SMK, dan praktisi industri membahas cara menyusun "
                "kurikulum praktik bersama mitra, dari analisis kompetensi hingga uji "
                "kompetensi di tempat kerja. Terbuka untuk umum melalui siaran langsung."
            ),
            "speakers": [
                ("hendra-gunawan", SpeakerRole.PEMBICARA_KUNCI),
                ("ratna-wulandari", SpeakerRole.NARASUMBER),
                ("dewi-anggraini", SpeakerRole.MODERATOR),
            ],
            "status": Status.PUBLISHED,
            "publish_at": now - timedelta(days=3),
        },
        {
            "slug": "rapat-koordinasi-kehumasan-ditjen-pendidikan-vokasi",
            "title": "Rapat Koordinasi Kehumasan Ditjen Pendidikan Vokasi",
            "kind": EventKind.RAPAT_KOORDINASI,
            "mode": AttendanceMode.OFFLINE,
            "starts_at": d(13, 13),
            "ends_at": d(13, 16),
            "venue": f"Ruang Rapat Ditjen Pendidikan Vokasi, {OFFICE}",
            "address": OFFICE_ADDRESS,
            "unit": "mitras-dudi",
            "organisers": ["setditjen-diksi"],
            "participating_units": ["mitras-dudi", "dit-smk", "dit-ptvp", "dit-suslat", "bkhm"],
            "participant_count": 30,
            "description": (
                "Para pengelola kehumasan di lingkungan Ditjen Pendidikan Vokasi menyepakati "
                "kalender konten semester berikutnya dan pembagian peliputan kegiatan."
            ),
            "speakers": [("dewi-anggraini", SpeakerRole.NARASUMBER)],
            "status": Status.PUBLISHED,
            "publish_at": now - timedelta(days=1),
        },
        {
            "slug": "pelatihan-fotografi-jurnalistik-pengelola-kehumasan",
            "title": "Pelatihan Fotografi Jurnalistik bagi Pengelola Kehumasan",
            "kind": EventKind.PELATIHAN,
            "mode": AttendanceMode.MIXED,
            "starts_at": d(21, 8, 30),
            "ends_at": d(21, 15),
            "venue": f"Aula {OFFICE}",
            "address": OFFICE_ADDRESS,
            "platform": "Zoom",
            "unit": "mitras-dudi",
            "organisers": ["mitras-dudi"],
            "participating_units": ["bkhm", "setditjen-diksi"],
            "participant_count": 40,
            "description": (
                "Praktik memotret kegiatan resmi: komposisi, cahaya ruangan, foto "
                "narasumber, dan keterangan foto yang informatif."
            ),
            "speakers": [("maya-kartika", SpeakerRole.NARASUMBER)],
            "status": Status.APPROVED,
        },
        {
            "slug": "lokakarya-penulisan-siaran-pers",
            "title": "Lokakarya Penulisan Siaran Pers yang Efektif",
            "kind": EventKind.LOKAKARYA,
            "mode": AttendanceMode.OFFLINE,
            "starts_at": d(-30, 9),
            "ends_at": d(-30, 15),
            "venue": f"Ruang Serbaguna {OFFICE}",
            "address": OFFICE_ADDRESS,
            "unit": "mitras-dudi",
            "organisers": ["mitras-dudi", "bkhm"],
            "participating_units": ["setditjen-diksi", "dit-smk", "dit-ptvp", "dit-suslat"],
            "participant_count": 35,
            "description": (
                "Lokakarya sehari tentang menulis siaran pers: menyusun teras berita, "
                "memilih kutipan, dan menyunting naskah sebelum terbit."
            ),
            "speakers": [
                ("ratna-wulandari", SpeakerRole.PEMBUKA),
                ("dewi-anggraini", SpeakerRole.NARASUMBER),
            ],
            "status": Status.PUBLISHED,
            "publish_at": now - timedelta(days=37),
        },
        {
            "slug": "penandatanganan-kerja-sama-vokasi-dan-industri",
            "title": "Penandatanganan Nota Kesepahaman Pendidikan Vokasi dan Industri",
            "kind": EventKind.PENANDATANGANAN,
            "mode": AttendanceMode.MIXED,
            "starts_at": d(9, 10),
            "ends_at": d(9, 12),
            "venue": f"Lobi {OFFICE}",
            "address": OFFICE_ADDRESS,
            "platform": "YouTube",
            "unit": "mitras-dudi",
            "organisers": ["mitras-dudi"],
            "participating_units": ["dit-smk", "dit-ptvp"],
            "description": (
                "Dua puluh perusahaan dan lembaga pendidikan vokasi menandatangani nota "
                "kesepahaman tentang magang, guru tamu, dan penyerapan lulusan."
            ),
            "speakers": [("ratna-wulandari", SpeakerRole.PEMBUKA)],
            "status": Status.IN_REVIEW,
        },
        {
            "slug": "sosialisasi-magang-pendidikan-tinggi-vokasi",
            "title": "Sosialisasi Program Magang Mahasiswa Pendidikan Tinggi Vokasi",
            "kind": EventKind.SOSIALISASI,
            "mode": AttendanceMode.ONLINE,
            "starts_at": d(35, 13, 30),
            "ends_at": d(35, 15, 30),
            "platform": "Zoom",
            "unit": "mitras-dudi",
            "organisers": ["dit-ptvp", "mitras-dudi"],
            "description": "Penjelasan alur pendaftaran magang dan peran dosen pembimbing.",
            "speakers": [("yusuf-hidayat", SpeakerRole.NARASUMBER)],
            "status": Status.DRAFT,
        },
        {
            "slug": "seminar-literasi-digital-pendidikan-vokasi",
            "title": "Seminar Literasi Digital untuk Pendidikan Vokasi",
            "kind": EventKind.SEMINAR,
            "mode": AttendanceMode.OFFLINE,
            "starts_at": d(28, 9),
            "ends_at": d(28, 12),
            "venue": f"Auditorium {OFFICE}",
            "address": OFFICE_ADDRESS,
            "unit": "mitras-dudi",
            "organisers": ["dit-suslat"],
            "participant_count": 150,
            "description": "Rancangan acara: narasumber dan susunan acara masih dilengkapi.",
            "status": Status.CHANGES_REQUESTED,
        },
        {
            "slug": "webinar-keterbukaan-informasi-publik",
            "title": "Webinar Keterbukaan Informasi Publik di Satuan Kerja",
            "kind": EventKind.WEBINAR,
            "mode": AttendanceMode.ONLINE,
            "starts_at": d(15, 10),
            "ends_at": d(15, 12),
            "platform": "Zoom",
            "unit": "mitras-dudi",
            "organisers": ["bkhm"],
            "description": "Ditunda; jadwal baru akan diumumkan kemudian.",
            "speakers": [("dewi-anggraini", SpeakerRole.NARASUMBER)],
            "status": Status.WITHDRAWN,
            "publish_at": now - timedelta(days=8),
        },
    ]
