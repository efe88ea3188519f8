"""Staff desk: the work queue, residents, companies, vacancies with their suggestions, data
requests and downloads. One blueprint (blueprint.py); its views live in queue.py (the staff
home), routes.py, suggestions.py, manual.py (referring by hand), corrections.py (correcting a
resident's data) and exports.py."""
from . import corrections, exports, manual, queue, routes, suggestions  # noqa: F401  (their views register on the blueprint)
from .blueprint import bp

__all__ = ["bp"]
