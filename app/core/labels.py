"""Words the interface shows for stored codes, in Bahasa Indonesia first (English via Babel)."""
from .i18n import lazy_gettext as _l

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
    "applied": _l("Melamar di bursa kerja"),
    "interview": _l("Wawancara"),
    "hired": _l("Diterima"),
    "refused": _l("Tidak diterima"),
    "withdrawn": _l("Ditutup"),
    "dismissed": _l("Tidak dirujuk"),
}
MATCH_STATUS_RESIDENT = {
    "suggested": _l("Lowongan yang cocok untuk Anda"),
    "referred": _l("Petugas sudah mengirim data Anda ke perusahaan. Tunggu kabar dari perusahaan."),
    "applied": _l("Anda melamar di bursa kerja. Tunggu kabar dari perusahaan."),
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

ROLE = {
    "seeker": _l("Warga pencari kerja"),
    "employer": _l("Mitra industri (HRD)"),
    "staff": _l("Petugas kelurahan"),
    "admin": _l("Admin"),
    "city": _l("Pemantau kota (Disnaker)"),
}

# What the audit log records (app/core/audit.py): the action, then what it was done to.
AUDIT_ACTION = {
    "view": _l("Melihat"),
    "export": _l("Mengekspor"),
    "download": _l("Mengunduh"),
    "upload": _l("Mengunggah"),
    "print": _l("Mencetak"),
    "create": _l("Membuat"),
    "update": _l("Mengubah"),
    "correct": _l("Mengoreksi data warga"),
    "verify": _l("Memverifikasi"),
    "reject": _l("Menolak verifikasi"),
    "refer": _l("Merujuk"),
    "invite": _l("Mengundang"),
    "letter": _l("Menerbitkan surat pengantar"),
    "claim_code": _l("Membuat kode klaim akun"),
    "anonymise": _l("Menghapus data (anonimisasi)"),
    "merge": _l("Menggabungkan data ganda"),
    "not_duplicate": _l("Menandai bukan data ganda"),
    "import": _l("Mengimpor"),
    "publish": _l("Menerbitkan lowongan"),
    "ask_changes": _l("Meminta perubahan lowongan"),
    "refuse": _l("Menolak lowongan"),
    "login": _l("Masuk"),
    "login_password": _l("Masuk (kata sandi benar, menunggu kode 2FA)"),
    "login_failed": _l("Gagal masuk"),
    "logout": _l("Keluar"),
    "claim_failed": _l("Gagal klaim akun"),
    "2fa_enrol": _l("Memasang verifikasi dua langkah"),
    "2fa_failed": _l("Kode verifikasi dua langkah salah"),
    "recovery_code": _l("Memakai kode pemulihan"),
    "step_up_failed": _l("Konfirmasi ulang gagal"),
    "reset_request": _l("Meminta atur ulang kata sandi"),
    "password_reset": _l("Mengatur ulang kata sandi"),
    "password_change": _l("Mengganti kata sandi"),
    "password_change_failed": _l("Gagal mengganti kata sandi"),
    "reset_2fa": _l("Mengatur ulang verifikasi dua langkah"),
    "deactivate": _l("Menonaktifkan akun"),
    "reactivate": _l("Mengaktifkan kembali akun"),
}
AUDIT_OBJECT = {
    "seeker": _l("Warga"),
    "fair": _l("Bursa kerja"),
    "fair_pass": _l("Kartu peserta bursa kerja"),
    "fair_record": _l("Catatan stan bursa kerja"),
    "fair_report": _l("Laporan bursa kerja"),
    "fair_vacancies": _l("Lowongan yang dibawa ke bursa kerja"),
    "seekers": _l("Daftar warga"),
    "user": _l("Akun"),
    "login": _l("Akun tak dikenal"),
    "company": _l("Perusahaan"),
    "vacancy": _l("Lowongan"),
    "vacancies": _l("Daftar lowongan"),
    "vacancies_karirhub": _l("Lowongan untuk Karirhub"),
    "match": _l("Rujukan"),
    "referrals": _l("Daftar rujukan"),
    "letter": _l("Surat pengantar"),
    "document": _l("Dokumen (CV)"),
    "dashboard_table": _l("Tabel dasbor"),
    "monthly_report": _l("Laporan bulanan"),
    "hires_disnaker": _l("Laporan penempatan untuk Disnaker"),
    "audit_log": _l("Log audit"),
    "breaches": _l("Register insiden data"),
    "companies": _l("Daftar perusahaan"),
    "data_requests": _l("Permintaan data warga"),
    "duplicates": _l("Daftar data ganda"),
    "kelurahan": _l("Daftar kelurahan"),
    "ranking_models": _l("Model pencocokan"),
    "reminders": _l("Daftar pengingat"),
    "staff_accounts": _l("Akun petugas"),
    "vacancy_reviews": _l("Tinjauan lowongan"),
}
# The actions and objects the audit log's search offers, most asked first.
AUDIT_SEARCH_ACTIONS = ("view", "export", "download", "upload", "print", "create", "update", "verify", "refer",
                        "merge", "claim_code", "anonymise", "login", "login_failed")
AUDIT_SEARCH_OBJECTS = ("seeker", "seekers", "user", "match", "referrals", "document", "company", "vacancy", "letter")
