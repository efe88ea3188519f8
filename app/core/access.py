"""Access control that denies by default.

Every blueprint calls `guard(bp, roles)`: its views are open to those roles only. A view open to
other roles says so with `@allow(*roles)`, a view open to anyone (signed in or not) with
`@public`. `check_every_endpoint` refuses to start an app with an endpoint that no guard covers
and that is not declared public, so a new blueprint or view cannot be open by omission.

Anonymous users asking for a guarded view go to the login page; users of another role get 403.
"""
from __future__ import annotations

from flask import Blueprint, Flask, abort, current_app, request
from flask_login import current_user

from ..extensions import login_manager
from ..models import Role

PUBLIC = frozenset({"public"})  # marker: anyone, signed in or not
SIGNED_IN = frozenset(Role.ALL)
GUARDED = "lokerwarga.guarded_blueprints"  # app.extensions key: names of guarded blueprints


def allow(*roles: str):
    """Open a view to these roles instead of its blueprint's."""

    def mark(view):
        view.allowed_roles = frozenset(roles)
        return view

    return mark


def public(view):
    """Open a view to anyone, signed in or not."""
    view.allowed_roles = PUBLIC
    return view


def allowed_roles(app: Flask, endpoint: str) -> frozenset[str] | None:
    """The roles a view is open to (PUBLIC for anyone), or None if no guard covers it."""
    view = app.view_functions.get(endpoint)
    declared = getattr(view, "allowed_roles", None)
    if declared is not None:
        blueprint = endpoint.rpartition(".")[0]
        # A declaration counts only where a guard reads it, or for a public app-level view.
        if blueprint in app.extensions.get(GUARDED, {}) or declared is PUBLIC:
            return declared
        return None
    return app.extensions.get(GUARDED, {}).get(endpoint.rpartition(".")[0])


def guard(bp: Blueprint, roles) -> None:
    """Let only `roles` (a set of roles, SIGNED_IN or PUBLIC) reach the views of `bp`, unless a
    view declares otherwise."""
    default = PUBLIC if roles is PUBLIC else frozenset(roles)

    @bp.before_request
    def check_role():
        view = current_app.view_functions.get(request.endpoint)
        allowed = getattr(view, "allowed_roles", default)
        if allowed is PUBLIC:
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in allowed:
            abort(403)
        return None

    bp.record_once(lambda state: state.app.extensions.setdefault(GUARDED, {}).__setitem__(bp.name, default))


def reviewer_kelurahan_id() -> int | None:
    """The kelurahan whose records the signed-in reviewer works on; None for admin (all of them).
    Staff without a kelurahan review nothing."""
    if current_user.role == Role.ADMIN:
        return None
    if current_user.kelurahan_id is None:
        abort(403)
    return current_user.kelurahan_id


def check_every_endpoint(app: Flask) -> None:
    """Refuse an app in which some endpoint is neither guarded nor declared public."""
    open_by_omission = sorted(
        rule.endpoint for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and allowed_roles(app, rule.endpoint) is None
    )
    if open_by_omission:
        raise RuntimeError(f"endpoints without an access guard: {', '.join(open_by_omission)}")
