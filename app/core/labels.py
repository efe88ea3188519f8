"""Words the interface shows for stored codes, in Bahasa Indonesia first (English via Babel)."""
from flask_babel import lazy_gettext as _l

EDUCATION = {
    "TS": _l("Tidak/belum sekolah"),
    "SD": _l("SD/MI/Paket A"),
    "SMP": _l("SMP/MTs/Paket B"),
    "SMA": _l("SMA/MA/Paket C"),
    "SMK": _l("SMK/MAK"),
    "D1": _l("D1"),
    "D2": _l("D2"),
    "D3": _l("D3"),
    "D4": _l("D4"),
    "S1": _l("S1"),
    "S2": _l("S2"),
    "S3": _l("S3"),
}
EDUCATION_RANK = {"TS": 0, "SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D1": 4, "D2": 5, "D3": 6,
                  "D4": 7, "S1": 7, "S2": 8, "S3": 9}

SMK_MAJORS = (
    "Teknik Mesin", "Teknik Pemesinan", "Teknik Pengelasan", "Teknik Kendaraan Ringan",
    "Teknik Sepeda Motor", "Teknik Elektronika", "Teknik Instalasi Tenaga Listrik",
    "Teknik Komputer dan Jaringan", "Rekayasa Perangkat Lunak", "Akuntansi", "Perkantoran",
    "Bisnis Daring dan Pemasaran", "Logistik", "Tata Boga", "Tata Busana", "Farmasi",
    "Kimia Industri", "Multimedia", "Perhotelan",
)

SEX = {"L": _l("Laki-laki"), "P": _l("Perempuan")}

SEEKER_STATUS = {
    "looking": _l("Sedang mencari kerja"),
    "working": _l("Sudah bekerja"),
    "inactive": _l("Tidak aktif"),
}

COMPANY_STATUS = {
    "pending": _l("Menunggu verifikasi"),
    "verified": _l("Terverifikasi"),
    "rejected": _l("Ditolak"),
}

VACANCY_STATUS = {
    "draft": _l("Draf"),
    "review": _l("Menunggu tinjauan"),
    "changes": _l("Perlu diubah"),
    "refused": _l("Ditolak"),
    "open": _l("Dibuka"),
    "closed": _l("Ditutup"),
    "filled": _l("Terisi penuh"),
}

VACANCY_REVIEW_ACTION = {
    "submitted": _l("Diajukan perusahaan"),
    "edited": _l("Diubah perusahaan, perlu ditinjau ulang"),
    "resubmitted": _l("Diajukan ulang setelah diubah"),
    "published": _l("Diterbitkan"),
    "changes": _l("Perusahaan diminta mengubah"),
    "refused": _l("Ditolak"),
}

CONTRACT = {
    "pkwtt": _l("PKWTT (karyawan tetap)"),
    "pkwt": _l("PKWT (kontrak)"),
    "harian": _l("Harian lepas"),
    "alih_daya": _l("Alih daya (outsourcing)"),
    "magang": _l("Magang"),
    "paruh_waktu": _l("Paruh waktu"),
}

SHIFT = {
    "pagi": _l("Pagi"),
    "siang": _l("Siang"),
    "malam": _l("Malam"),
    "bergilir": _l("Bergilir (shift)"),
}

# Staff and admin see the workflow terms; residents see the plain-language ones.
MATCH_STATUS = {
    "suggested": _l("Disarankan"),
    "referred": _l("Dirujuk"),
    "interview": _l("Wawancara"),
    "hired": _l("Diterima"),
    "refused": _l("Tidak diterima"),
    "withdrawn": _l("Ditutup"),
    "dismissed": _l("Tidak dirujuk"),
}
MATCH_STATUS_RESIDENT = {
    "suggested": _l("Lowongan yang cocok untuk Anda"),
    "referred": _l("Petugas sudah mengirim data Anda ke perusahaan. Tunggu kabar dari perusahaan."),
    "interview": _l("Anda diundang wawancara."),
    "hired": _l("Selamat! Anda diterima bekerja."),
    "refused": _l("Perusahaan belum dapat menerima Anda kali ini."),
    "withdrawn": _l("Rujukan ini ditutup."),
    "dismissed": _l("Petugas tidak melanjutkan saran ini."),
}

REFUSAL_REASONS = {
    "skills": _l("Keterampilan belum sesuai"),
    "experience": _l("Pengalaman belum cukup"),
    "no_show": _l("Tidak hadir saat wawancara"),
    "declined": _l("Warga menolak tawaran"),
    "position_filled": _l("Posisi sudah terisi"),
    "documents": _l("Dokumen tidak lengkap"),
    "other": _l("Alasan lain"),
}

DISMISS_REASONS = {
    "not_interested": _l("Warga tidak berminat"),
    "unreachable": _l("Warga tidak dapat dihubungi"),
    "requirements": _l("Tidak memenuhi syarat lowongan"),
    "already_working": _l("Warga sudah bekerja"),
    "other": _l("Alasan lain"),
}

# Reasons that close a referral without an employer's answer.
CLOSE_REASONS = {
    "hired_elsewhere": _l("Diterima di tempat lain"),
    "vacancy_filled": _l("Lowongan sudah terisi"),
    "vacancy_closed": _l("Lowongan ditutup"),
    "resident_withdrew": _l("Warga mengundurkan diri"),
}

ALL_REASONS = {**REFUSAL_REASONS, **DISMISS_REASONS, **CLOSE_REASONS}

CONSENT_PURPOSES = {
    "registration": _l("Pendaftaran: kelurahan menyimpan data saya untuk membantu saya mencari kerja."),
    "sharing": _l("Berbagi: petugas boleh mengirim data profil saya (tanpa NIK) ke perusahaan yang lowongannya cocok."),
    "ranking": _l("Pencocokan otomatis: sistem boleh mencocokkan profil saya dengan lowongan. Keputusan merujuk tetap diambil petugas."),
}
CONSENT_TEXT_VERSION = "2026-11"
