"""Job progress in the page: a status fragment that htmx polls until the job ends."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2_fragments.flask import render_block
from markupsafe import Markup

from ..core.access import SIGNED_IN, guard
from ..core.web import render
from ..models import Role
from . import get, title_of
from .models import DONE, FAILED, QUEUED, RUNNING, Job

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
guard(bp, SIGNED_IN)

STATUS = {
    QUEUED: _l("Menunggu giliran"),
    RUNNING: _l("Sedang berjalan"),
    DONE: _l("Selesai"),
    FAILED: _l("Gagal"),
}


def may_see(job: Job) -> bool:
    return current_user.is_authenticated and (
        current_user.role == Role.ADMIN or (job.created_by_id is not None and job.created_by_id == current_user.id))


@bp.get("/<int:job_id>")
def status(job_id: int):
    job = get(job_id)
    if job is None or not may_see(job):
        abort(404)
    return render("jobs/status.html", "job_status", job=job)


def job_status(job: Job | None) -> Markup:
    """The status fragment of ``job`` for inclusion in any page (it polls while the job runs)."""
    if job is None:
        return Markup("")
    # The block comes from an autoescaped template: it is already safe HTML.
    return Markup(render_block("jobs/status.html", "job_status", job=job))  # nosec B704


def job_title(name: str) -> str:
    return gettext(title_of(name))
