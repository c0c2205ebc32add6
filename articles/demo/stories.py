"""Articles, written for the demo (the press release's facts, never its sentences)."""

from datetime import timedelta

from ..models import Section, Status
from .clock import wib
from .events import PRESS_RELEASE_EVENT

PRESS_RELEASE_ARTICLE = "kelas-daring-mitras-dudi-cnbc-indonesia-bekali-pengelola-media-sosial"

PRESS_RELEASE_BODY = """
<p>Direktorat Kemitraan dan Penyelarasan Dunia Usaha dan Dunia Industri (Dit. Mitras DUDI)
Ditjen Pendidikan Vokasi menggandeng CNBC Indonesia untuk mengadakan kelas daring bertajuk
<em>Pengelolaan Media Sosial di Lingkungan Kemendikbud</em>. Kelas yang diselenggarakan
secara daring itu dimulai pukul 10.00 WIB.</p>
<p>Peserta datang dari dua belas satuan kerja: Biro Kerja Sama dan Hubungan Masyarakat,
sekretariat Ditjen Pendidikan Vokasi, Ditjen Kebudayaan, dan Badan Bahasa, empat direktorat
di lingkungan Ditjen Pendidikan Vokasi, hingga Pusat Penguatan Karakter, Pusat Teknologi dan
Informasi, Pusat Prestasi Nasional, serta Sekretariat Komisi Nasional Indonesia untuk
UNESCO.</p>
<h2>Strategi dimulai dari tujuan</h2>
<p>Materi utama dibawakan Novan Putranto, News Coverage and Social Lead CNBC Indonesia.
Menurutnya, strategi media sosial sebuah lembaga sebaiknya disusun dengan prinsip SMART:
sasarannya spesifik, terukur, dapat dicapai, relevan, dan punya batas waktu.</p>
<p>Novan mengingatkan bahwa banyaknya unggahan belum tentu berdampak. Konten yang baik memberi
manfaat kepada pembaca dan mengundang mereka mencari tahu lebih jauh. Karena itu, media sosial
sebaiknya diperlakukan sebagai pintu masuk yang mengarahkan warganet ke laman resmi instansi,
tempat informasi disajikan lengkap.</p>
<p>Ia juga merangkum empat bekal dasar bagi pengelola akun pemerintah:</p>
<ul>
<li>memahami tujuan organisasi;</li>
<li>mengenali segmen audiens yang dituju;</li>
<li>mengetahui kanal yang dipakai audiens tersebut;</li>
<li>menetapkan indikator kunci keberhasilan.</li>
</ul>
<p>Acara dipandu Ellen Gracia dari CNBC Indonesia, yang sekaligus menjadi moderator. Pada sesi
tanya jawab, peserta membagikan pengalaman mengelola akun unit kerja masing-masing.</p>
<p>Lewat kelas ini, Dit. Mitras DUDI berharap akun-akun media sosial di lingkungan Kemendikbud
dikelola lebih terarah sehingga ikut memperkuat keterbukaan informasi publik.</p>
"""


# Public correction notes, by article slug.
CORRECTIONS = {
    "lokakarya-siaran-pers-asah-kemampuan-menulis-pranata-humas": (
        "Versi sebelumnya menyebut lokakarya diikuti tiga puluh peserta. Jumlah yang benar "
        "adalah tiga puluh lima peserta."
    ),
}


def stories(now):
    ago = lambda days, hours=0: now - timedelta(days=days, hours=hours)  # noqa: E731
    return [
        {
            "slug": PRESS_RELEASE_ARTICLE,
            "title": "Kelas Daring Dit. Mitras DUDI dan CNBC Indonesia Bekali Pengelola "
            "Media Sosial Kemendikbud",
            "section": Section.SIARAN_PERS,
            "unit": "mitras-dudi",
            "lead": "Sebanyak 43 pengelola media sosial dari berbagai satuan kerja Kemendikbud "
            "belajar menyusun strategi konten bersama CNBC Indonesia dalam kelas daring yang "
            "digelar Dit. Mitras DUDI.",
            "body": PRESS_RELEASE_BODY,
            "tags": ["media sosial", "SMART", "keterbukaan informasi publik", "kehumasan"],
            "image": "kelas-daring",
            "event": PRESS_RELEASE_EVENT,
            "speakers": ["novan-putranto", "ellen-gracia"],
            "related_units": ["bkhm", "pusdatin", "setkomnas-unesco"],
            "credits": ("penulis", "redaktur", "fotografer"),
            "status": Status.PUBLISHED,
            "publish_at": wib(2020, 6, 25, 15),
        },
        {
            "slug": "lokakarya-siaran-pers-asah-kemampuan-menulis-pranata-humas",
            "title": "Lokakarya Siaran Pers Asah Kemampuan Menulis Pranata Humas",
            "section": Section.BERITA,
            "unit": "mitras-dudi",
            "lead": "Tiga puluh lima pengelola kehumasan berlatih menyusun teras berita dan "
            "menyunting naskah dalam lokakarya sehari di Gedung E Kemendikbud.",
            "body": """
<p>Peserta lokakarya diminta membawa satu naskah kegiatan unit kerjanya. Sepanjang hari,
naskah itu dibongkar dan ditulis ulang bersama narasumber dari Biro Kerja Sama dan Hubungan
Masyarakat.</p>
<p>Dewi Anggraini, pranata humas yang menjadi narasumber, menekankan bahwa teras berita harus
menjawab apa yang terjadi dan mengapa pembaca perlu peduli. Kutipan, katanya, dipilih karena
menambah makna, bukan sekadar menampilkan nama pejabat.</p>
<h3>Tiga kebiasaan yang dilatih</h3>
<ol>
<li>menulis judul dengan kata kerja aktif;</li>
<li>menaruh fakta terpenting di paragraf pertama;</li>
<li>memeriksa nama, jabatan, dan angka sebelum naskah diajukan.</li>
</ol>
""",
            "tags": ["kehumasan", "siaran pers"],
            "image": "lokakarya",
            "event": "lokakarya-penulisan-siaran-pers",
            "speakers": ["dewi-anggraini", "ratna-wulandari"],
            "related_units": ["bkhm"],
            "credits": ("penulis", "redaktur2", "fotografer"),
            "status": Status.PUBLISHED,
            "publish_at": ago(29, 3),
        },
        {
            "slug": "lima-langkah-menyusun-strategi-media-sosial-instansi",
            "title": "Lima Langkah Menyusun Strategi Media Sosial Instansi",
            "section": Section.ARTIKEL,
            "unit": "mitras-dudi",
            "lead": "Akun media sosial instansi yang berhasil jarang lahir dari kebetulan. "
            "Berikut lima langkah yang bisa dimulai minggu ini.",
            "body": f"""
<p>Banyak unit kerja membuka akun media sosial lebih dulu, baru kemudian memikirkan isinya.
Urutan yang lebih sehat justru sebaliknya.</p>
<ol>
<li><strong>Tetapkan tujuan.</strong> Apakah akun dibuat untuk layanan informasi,
pendaftaran program, atau membangun kepercayaan?</li>
<li><strong>Kenali pembaca.</strong> Siswa, guru, orang tua, dan industri membutuhkan bahasa
yang berbeda.</li>
<li><strong>Pilih kanal.</strong> Hadir di tempat audiens berada, bukan di semua tempat.</li>
<li><strong>Susun kalender konten.</strong> Jadwal yang ajek lebih berharga daripada unggahan
yang menumpuk di satu hari.</li>
<li><strong>Ukur hasil.</strong> Tentukan angka yang diamati, misalnya kunjungan ke laman
resmi, lalu tinjau setiap bulan.</li>
</ol>
<p>Langkah-langkah ini sejalan dengan prinsip SMART yang dibahas pada
<a href="/berita/{PRESS_RELEASE_ARTICLE}/">kelas daring pengelolaan media sosial</a>.</p>
""",
            "tags": ["media sosial", "SMART"],
            "image": "strategi",
            "speakers": ["novan-putranto"],
            "credits": ("penulis", "redaktur", None),
            "status": Status.PUBLISHED,
            "publish_at": ago(20, 5),
        },
        {
            "slug": "pendaftaran-webinar-penyelarasan-kurikulum-smk-dibuka",
            "title": "Pendaftaran Webinar Penyelarasan Kurikulum SMK Dibuka",
            "section": Section.PENGUMUMAN,
            "unit": "mitras-dudi",
            "lead": "Guru dan kepala SMK dapat mengikuti webinar penyelarasan kurikulum secara "
            "gratis melalui kanal YouTube Ditjen Pendidikan Vokasi.",
            "body": """
<p>Webinar ini membahas cara sekolah dan industri menyusun kurikulum praktik bersama.
Peserta yang hadir penuh akan mendapat sertifikat elektronik.</p>
<table>
<caption>Susunan acara</caption>
<thead><tr><th scope="col">Waktu</th><th scope="col">Acara</th></tr></thead>
<tbody>
<tr><td>09.00 WIB</td><td>Pembukaan</td></tr>
<tr><td>09.15 WIB</td><td>Paparan pembicara kunci</td></tr>
<tr><td>10.00 WIB</td><td>Diskusi dan tanya jawab</td></tr>
<tr><td>11.30 WIB</td><td>Penutupan</td></tr>
</tbody>
</table>
""",
            "tags": ["SMK", "kurikulum", "webinar"],
            "image": "webinar-smk",
            "event": "webinar-penyelarasan-kurikulum-smk-dengan-industri",
            "related_units": ["dit-smk"],
            "credits": ("penulis", "redaktur2", None),
            "status": Status.PUBLISHED,
            "publish_at": ago(2, 2),
        },
        {
            "slug": "smk-dan-industri-susun-bersama-kurikulum-praktik-kerja",
            "title": "SMK dan Industri Susun Bersama Kurikulum Praktik Kerja Lapangan",
            "section": Section.BERITA,
            "unit": "dit-smk",
            "lead": "Sekolah menengah kejuruan dan mitra industri merancang ulang praktik kerja "
            "lapangan agar siswa belajar pada pekerjaan yang sesungguhnya.",
            "body": """
<p>Selama ini praktik kerja lapangan sering diisi pekerjaan administratif yang jauh dari
kompetensi keahlian siswa. Lewat penyelarasan kurikulum, sekolah dan industri menyepakati
target kompetensi sebelum siswa berangkat.</p>
<p>Pembimbing dari industri juga dilibatkan dalam penilaian, sehingga hasil praktik dapat
diakui sebagai bagian dari uji kompetensi.</p>
""",
            "tags": ["SMK", "kurikulum", "kemitraan"],
            "image": "praktik-kerja",
            "related_units": ["mitras-dudi"],
            "credits": ("penulis", "redaktur", "fotografer"),
            "status": Status.PUBLISHED,
            "publish_at": ago(7, 1),
        },
        {
            "slug": "menjaga-keterbukaan-informasi-publik-lewat-kanal-digital",
            "title": "Menjaga Keterbukaan Informasi Publik lewat Kanal Digital",
            "section": Section.ARTIKEL,
            "unit": "mitras-dudi",
            "lead": "Laman resmi dan media sosial instansi adalah etalase pelayanan informasi. "
            "Keduanya perlu dikelola dengan disiplin yang sama.",
            "body": """
<p>Undang-undang menjamin hak warga atas informasi publik. Di era digital, hak itu paling
sering dipenuhi lewat laman resmi dan akun media sosial instansi.</p>
<blockquote><p>Informasi yang mudah ditemukan adalah bentuk pelayanan yang paling
sederhana.</p></blockquote>
<p>Pastikan setiap pengumuman memuat tanggal, unit penanggung jawab, dan kontak yang dapat
dihubungi, serta arsipnya tetap dapat diakses.</p>
""",
            "tags": ["keterbukaan informasi publik", "kehumasan"],
            "image": "keterbukaan",
            "credits": ("penulis", "redaktur", None),
            "status": Status.PUBLISHED,
            "publish_at": ago(12, 4),
        },
        {
            "slug": "kursus-dan-pelatihan-perluas-pelatihan-berbasis-kompetensi",
            "title": "Direktorat Kursus dan Pelatihan Perluas Pelatihan Berbasis Kompetensi",
            "section": Section.BERITA,
            "unit": "dit-suslat",
            "lead": "Lembaga kursus diajak menyesuaikan program pelatihannya dengan standar "
            "kompetensi yang dibutuhkan dunia kerja.",
            "body": """
<p>Program pelatihan berbasis kompetensi memberi peserta keterampilan yang dapat langsung
diuji dan disertifikasi. Lembaga kursus yang ikut serta mendapat pendampingan penyusunan
modul.</p>
<p>Pendaftaran lembaga dibuka melalui laman resmi Ditjen Pendidikan Vokasi.</p>
""",
            "tags": ["kursus", "pelatihan", "kompetensi"],
            "image": "kursus",
            "credits": ("penulis", "redaktur2", None),
            "status": Status.PUBLISHED,
            "publish_at": ago(4, 6),
        },
        {
            "slug": "jadwal-rapat-koordinasi-kehumasan-ditjen-diksi",
            "title": "Jadwal Rapat Koordinasi Kehumasan Ditjen Pendidikan Vokasi",
            "section": Section.PENGUMUMAN,
            "unit": "mitras-dudi",
            "lead": "Pengelola kehumasan setiap direktorat diundang menghadiri rapat koordinasi "
            "penyusunan kalender konten.",
            "body": """
<p>Setiap direktorat diminta mengirim dua perwakilan dan membawa rencana kegiatan semester
berikutnya.</p>
""",
            "tags": ["kehumasan", "rapat koordinasi"],
            "event": "rapat-koordinasi-kehumasan-ditjen-pendidikan-vokasi",
            "credits": ("penulis", "redaktur", None),
            "status": Status.PUBLISHED,
            "publish_at": now + timedelta(days=2),  # scheduled
        },
        {
            "slug": "pendidikan-tinggi-vokasi-perkuat-program-magang-industri",
            "title": "Pendidikan Tinggi Vokasi Perkuat Program Magang Industri",
            "section": Section.BERITA,
            "unit": "mitras-dudi",
            "lead": "Mahasiswa politeknik akan menjalani magang satu semester penuh di "
            "perusahaan mitra.",
            "body": """
<p>Program magang satu semester memberi mahasiswa waktu cukup untuk terlibat dalam proyek
nyata. Dosen pembimbing dan mentor industri menilai capaian bersama.</p>
""",
            "tags": ["magang", "pendidikan tinggi vokasi", "kemitraan"],
            "image": "magang",
            "speakers": ["yusuf-hidayat"],
            "related_units": ["dit-ptvp"],
            "credits": ("penulis", "redaktur", None),
            "status": Status.APPROVED,
        },
        {
            "slug": "nota-kesepahaman-vokasi-dan-industri-segera-ditandatangani",
            "title": "Nota Kesepahaman Vokasi dan Industri Segera Ditandatangani",
            "section": Section.SIARAN_PERS,
            "unit": "mitras-dudi",
            "lead": "Dua puluh mitra industri bersiap menandatangani kerja sama dengan lembaga "
            "pendidikan vokasi.",
            "body": """
<p>Kerja sama mencakup magang siswa dan mahasiswa, guru tamu dari industri, serta penyerapan
lulusan. Penandatanganan akan disiarkan langsung.</p>
""",
            "tags": ["kemitraan", "penandatanganan kerja sama"],
            "event": "penandatanganan-kerja-sama-vokasi-dan-industri",
            "credits": ("penulis", None, None),
            "status": Status.IN_REVIEW,
        },
        {
            "slug": "tips-memotret-kegiatan-untuk-media-sosial-instansi",
            "title": "Tips Memotret Kegiatan untuk Media Sosial Instansi",
            "section": Section.ARTIKEL,
            "unit": "mitras-dudi",
            "lead": "Foto kegiatan yang baik bercerita tanpa perlu banyak keterangan.",
            "body": """
<p>Hindari foto deretan peserta yang menghadap kamera. Cari momen interaksi: peserta yang
bertanya, narasumber yang memperagakan alat, atau hasil karya siswa.</p>
""",
            "tags": ["fotografi", "media sosial"],
            "image": "fotografi",
            "speakers": ["maya-kartika"],
            "credits": ("penulis", None, "fotografer"),
            "status": Status.CHANGES_REQUESTED,
        },
        {
            "slug": "catatan-rapat-koordinasi-kehumasan",
            "title": "Catatan dari Rapat Koordinasi Kehumasan",
            "section": Section.BERITA,
            "unit": "mitras-dudi",
            "lead": "Draf catatan hasil rapat; dilengkapi setelah rapat berlangsung.",
            "body": "<p>Poin-poin kesepakatan akan ditulis di sini.</p>",
            "tags": ["kehumasan"],
            "event": "rapat-koordinasi-kehumasan-ditjen-pendidikan-vokasi",
            "credits": ("penulis", None, None),
            "status": Status.DRAFT,
        },
        {
            "slug": "webinar-keterbukaan-informasi-publik-ditunda",
            "title": "Webinar Keterbukaan Informasi Publik Ditunda",
            "section": Section.PENGUMUMAN,
            "unit": "mitras-dudi",
            "lead": "Webinar yang semula dijadwalkan pekan depan ditunda hingga pemberitahuan "
            "berikutnya.",
            "body": "<p>Peserta yang sudah mendaftar akan dihubungi melalui surel.</p>",
            "tags": ["keterbukaan informasi publik", "webinar"],
            "event": "webinar-keterbukaan-informasi-publik",
            "credits": ("penulis", "redaktur", None),
            "status": Status.WITHDRAWN,
            "publish_at": ago(8),
        },
    ]
