"""Staff desk: the work queue, residents, companies, vacancies with their suggestions, data
requests and downloads. One blueprint (blueprint.py); its views live in routes.py, suggestions.py
and exports.py."""
from . import exports, routes, suggestions  # noqa: F401  (their views register on the blueprint)
from .blueprint import bp

__all__ = ["bp"]
