"""The instance folder holds the database, its keys, uploads, reports, backups and staged imports:
files there are readable by the service's own user only (0600, folders 0700)."""
from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def protect_instance(path: Path) -> None:
    """Tighten what exists under `path`, and make every file this process creates private: the
    SQLite database and its WAL, reports, backups and imports (umask 077, process-wide)."""
    os.umask(PRIVATE_UMASK)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder, subfolders, files in os.walk(path):
        os.chmod(folder, 0o700)
        for name in files:
            file = Path(folder) / name
            if not file.is_symlink():
                os.chmod(file, 0o600)
        subfolders[:] = [d for d in subfolders if not (Path(folder) / d).is_symlink()]
