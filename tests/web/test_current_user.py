"""The user of a request is read with what pages show; the rest loads when asked for."""
from sqlalchemy import inspect as sa_inspect

from app.extensions import db
from app.models import User
from app.core.web import load_user


def test_the_user_of_a_request_leaves_its_secrets_unread_until_asked(app, world):
    token = world.staff.get_id()
    password_hash, totp_secret = world.staff.password_hash, world.staff.totp_secret
    db.session.expunge_all()
    with app.test_request_context("/"):
        user = load_user(token)
        state = sa_inspect(user)
        assert {"password_hash", "totp_secret", "recovery_codes", "claim_code_hash"} <= state.unloaded
        assert user.kelurahan.name == "Nusa Jaya" and not sa_inspect(user.kelurahan).unloaded
        assert user.password_hash == password_hash and user.totp_secret == totp_secret  # loaded on use

