"""Throttling per account whatever the address (a growing delay, never a lock-out) and per
address across accounts (password spraying)."""
from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from app.extensions import db
from app.models import RateLimit
from tests.factories import Factory

ADDRESSES = [f"198.51.100.{n}" for n in range(1, 11)]


def _post(client, login, password, address):
    return client.post("/login", data={"login": login, "password": password},
                       environ_overrides={"REMOTE_ADDR": address})


def test_one_account_from_ten_addresses_meets_a_growing_delay(client, world):
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as clock:
        codes = [_post(client, "warga@test.id", f"salah-{i}", ADDRESSES[i % 10]).status_code for i in range(100)]
        assert codes[:10] == [422] * 10  # ten free failures, one from each address
        assert codes[10:] == [429] * 90
        # The right password waits too, from a browser that has never signed in to the account.
        assert _post(client, "warga@test.id", "rahasia123", "203.0.113.9").status_code == 429
        # The delay ends, and it doubles with every further failure.
        clock.shift(dt.timedelta(seconds=1.5))
        assert _post(client, "warga@test.id", "salah-lagi", ADDRESSES[0]).status_code == 422
        clock.shift(dt.timedelta(seconds=1.5))
        assert _post(client, "warga@test.id", "salah-lagi", ADDRESSES[1]).status_code == 429
        clock.shift(dt.timedelta(seconds=1))
        assert _post(client, "warga@test.id", "rahasia123", "203.0.113.9").status_code == 303


def test_the_delay_never_keeps_the_owner_out(app, world):
    owner, attacker = app.test_client(), app.test_client()
    assert _post(owner, "warga@test.id", "rahasia123", "192.0.2.10").status_code == 303  # signs in once
    owner.post("/logout")
    with time_machine.travel(dt.datetime.now(dt.UTC), tick=False) as clock:
        for i in range(11):
            _post(attacker, "warga@test.id", "salah", ADDRESSES[i % 10])
        for _ in range(15):  # an attacker keeps the account's delay going at its longest...
            clock.shift(dt.timedelta(seconds=app.config["LOGIN_ACCOUNT_MAX_DELAY"]))
            assert _post(attacker, "warga@test.id", "salah", ADDRESSES[0]).status_code == 422
            assert _post(attacker, "warga@test.id", "salah", ADDRESSES[1]).status_code == 429
        assert _post(attacker, "warga@test.id", "rahasia123", "203.0.113.9").status_code == 429
        # ...yet the owner's own browser is not delayed, from any address.
        assert _post(owner, "warga@test.id", "rahasia123", "203.0.113.77").status_code == 303
    wait = db.session.scalar(select(RateLimit).where(RateLimit.key.like("wait:%")))
    assert wait is None  # the owner's success cleared the delay


def test_many_accounts_from_one_address_meet_429(client, world):
    factory = Factory()
    logins = [factory.user("seeker", f"warga{n}@test.id").email for n in range(60)]
    db.session.commit()
    codes = [_post(client, login, "Rahasia2024!", "198.51.100.50").status_code for login in logins]
    limit = client.application.config["LOGIN_ADDRESS_MAX_FAILURES"]
    assert codes[:limit] == [422] * limit and set(codes[limit:]) == {429}
    # The right password of yet another account waits too from that address; other addresses do not.
    assert _post(client, "hrd@test.id", "rahasia123", "198.51.100.50").status_code == 429
    assert _post(client, "hrd@test.id", "rahasia123", "198.51.100.51").status_code == 303


def test_throttle_keys_hold_no_login_or_address(client, world):
    _post(client, "warga@test.id", "salah", "198.51.100.7")
    keys = " ".join(db.session.scalars(select(RateLimit.key)))
    assert keys and "warga" not in keys and "198.51.100.7" not in keys
