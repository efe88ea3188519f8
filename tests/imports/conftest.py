import pytest


@pytest.fixture(autouse=True)
def _imports_dir(app, tmp_path):
    """Staged imports of these tests go to a temporary folder, not the instance folder."""
    app.config["IMPORTS_DIR"] = str(tmp_path / "imports")
    yield
    app.config.pop("IMPORTS_DIR", None)
