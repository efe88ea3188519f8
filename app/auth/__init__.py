"""Sign-in, two-factor, registration, claim codes and password reset: one blueprint (routes.py),
with the password reset's views in reset.py."""
from . import reset, routes  # noqa: F401  (their views register on the blueprint)
from .routes import bp

__all__ = ["bp"]
