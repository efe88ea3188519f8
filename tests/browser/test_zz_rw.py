import pytest
from app.extensions import db

@pytest.fixture(scope="session", autouse=True)
def _dispose(_app):
    yield
    with _app.app_context():
        db.engine.dispose()

def test_w(world):
    assert world.vacancy.id
