import pytest


@pytest.fixture
def english(app):
    """The English catalogue, compiled if the .mo is missing or older than the .po (a plain
    `pytest` in a fresh checkout), and read afresh if it was."""
    from tests.web.test_translations import compile_if_stale

    if compile_if_stale():
        app.extensions["babel"].instance.domain_instance.cache.clear()
