"""Job fairs (bursa kerja kelurahan) run from the desk: the event, its companies and vacancies,
residents' passes, and the booth that turns a shown pass into a referral."""
from . import company, routes  # noqa: F401  (the views register themselves on the blueprint)
from .blueprint import bp

__all__ = ["bp"]
