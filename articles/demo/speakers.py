"""Speakers: the two from the press release, and invented people for the other events."""

# (slug, gelar depan, name, gelar belakang, position, unit slug, partner slug, bio)
SPEAKERS = [
    ("novan-putranto", "", "Novan Putranto", "", "News Coverage and Social Lead", None,
     "cnbc-indonesia",
     "Mengelola liputan berita dan kanal media sosial CNBC Indonesia."),
    ("ellen-gracia", "", "Ellen Gracia", "", "Pemandu acara", None, "cnbc-indonesia",
     "Pemandu acara dan presenter CNBC Indonesia."),
    ("ratna-wulandari", "Dr.", "Ratna Wulandari", "M.Pd.", "Koordinator Kemitraan Industri",
     "mitras-dudi", None,
     "Menangani kerja sama sekolah vokasi dengan dunia usaha dan dunia industri."),
    ("hendra-gunawan", "Ir.", "Hendra Gunawan", "M.T.", "Praktisi industri manufaktur",
     None, None,
     "Dua puluh tahun bekerja di industri otomotif dan aktif membina guru SMK."),
    ("dewi-anggraini", "", "Dewi Anggraini", "S.Sos., M.I.Kom.", "Pranata Humas Ahli Madya",
     "bkhm", None,
     "Menulis dan menyunting siaran pers kementerian sejak 2010."),
    ("yusuf-hidayat", "Dr.", "Yusuf Hidayat", "S.T., M.Eng.", "Dosen pendidikan tinggi vokasi",
     "dit-ptvp", None,
     "Meneliti program magang industri bagi mahasiswa politeknik."),
    ("maya-kartika", "", "Maya Kartika", "S.Ds.", "Fotografer jurnalistik", None, None,
     "Memotret kegiatan pemerintahan dan pendidikan untuk media daring."),
]  # fmt: skip
