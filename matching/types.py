"""Plain frozen records that go in and out of the matching engine.

Every sequence field is stored as a tuple (lists are coerced) so records are hashable and can be
shared safely between threads. Protected attributes (sex, religion, ethnicity, political views,
disability, age) deliberately have no field here: the engine cannot use what it is never given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Hashable

# Lowest first. SMA and SMK share a level (the major tells them apart), as do D4 and S1.
# Paket A/B/C and the madrasah names are legal equivalents, accepted so the app need not translate.
EDUCATION_LEVELS: dict[str, int] = {
    "TS": 0,
    "SD": 1, "MI": 1, "PAKET A": 1,
    "SMP": 2, "MTS": 2, "PAKET B": 2,
    "SMA": 3, "SMK": 3, "MA": 3, "MAK": 3, "PAKET C": 3,
    "D1": 4,
    "D2": 5,
    "D3": 6,
    "D4": 7, "S1": 7,
    "S2": 8,
    "S3": 9,
}

OUTCOMES: dict[str, int] = {
    # Graded relevance used as training labels: a hire is the strongest evidence of a good match.
    "hired": 3,
    "interview": 2,
    "referred": 1,
    "interested": 1,
    "dismissed": 0,
    "refused": 0,
}


def education_level(code: str | None, field_name: str = "education") -> int | None:
    """Return the ordinal level of an education code (None for unknown), or raise ValueError."""
    if code is None:
        return None
    if not isinstance(code, str) or code.strip().upper() not in EDUCATION_LEVELS:
        raise ValueError(f"{field_name}: unknown education code {code!r}; "
                         f"expected one of {sorted(set(EDUCATION_LEVELS))} or None")
    return EDUCATION_LEVELS[code.strip().upper()]


def _set(obj: Any, name: str, value: Any) -> None:
    object.__setattr__(obj, name, value)


def _str_tuple(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if value is None:
        value = ()
    if isinstance(value, (str, bytes)):
        # A bare string would silently become a tuple of characters.
        raise TypeError(f"{name}: expected a sequence of strings, got a single string {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name}: expected strings, got {type(item).__name__} {item!r}")
    _set(obj, name, items)


def _opt_number(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: expected a number or None, got {value!r}")
    if value != value or value < 0:  # NaN or negative
        raise ValueError(f"{name}: must be a non-negative number, got {value!r}")


def _check_id(obj: Any) -> None:
    if obj.id is None:
        raise ValueError("id: must not be None")
    if not isinstance(obj.id, Hashable):
        raise TypeError(f"id: must be hashable, got {type(obj.id).__name__}")


def _norm_education(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    education_level(value, name)
    if value is not None:
        _set(obj, name, value.strip().upper())


@dataclass(frozen=True)
class Experience:
    title: str
    years: float = 0.0
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.title, str):
            raise TypeError(f"title: expected a string, got {self.title!r}")
        if self.description is None:
            _set(self, "description", "")
        if self.years is None:
            _set(self, "years", 0.0)
        _opt_number(self, "years")
        _set(self, "years", float(self.years))


@dataclass(frozen=True)
class Seeker:
    id: Hashable
    education: str | None = None
    major: str = ""
    skills: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    experience: tuple[Experience, ...] = ()
    desired_positions: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    about: str = ""
    expected_wage: float | None = None
    shifts: tuple[str, ...] = ()
    ranking_opt_out: bool = False

    def __post_init__(self) -> None:
        _check_id(self)
        _norm_education(self, "education")
        for name in ("skills", "certificates", "desired_positions", "area", "shifts"):
            _str_tuple(self, name)
        if self.major is None:
            _set(self, "major", "")
        if self.about is None:
            _set(self, "about", "")
        exp = tuple(self.experience or ())
        exp = tuple(Experience(**e) if isinstance(e, dict) else e for e in exp)
        for e in exp:
            if not isinstance(e, Experience):
                raise TypeError(f"experience: expected Experience records, got {e!r}")
        _set(self, "experience", exp)
        _opt_number(self, "expected_wage")
        _set(self, "ranking_opt_out", bool(self.ranking_opt_out))


@dataclass(frozen=True)
class Vacancy:
    id: Hashable
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    education_min: str | None = None
    experience_years_min: float = 0.0
    area: tuple[str, ...] = ()
    wage_min: float | None = None
    wage_max: float | None = None
    shifts: tuple[str, ...] = ()
    openings: int = 1
    open: bool = True
    # Licences the vacancy marks mandatory (a hard filter) or preferred (ranks): codes of
    # ``matching.licences`` ("SIM_B1_UMUM") or names ("SIM B1 Umum"). Empty by default; the engine
    # also reads both from the title, description and certificates ("wajib", "diutamakan").
    required_licences: tuple[str, ...] = ()
    preferred_licences: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_id(self)
        if not isinstance(self.title, str):
            raise TypeError(f"title: expected a string, got {self.title!r}")
        if self.description is None:
            _set(self, "description", "")
        _norm_education(self, "education_min")
        for name in ("skills", "certificates", "area", "shifts", "required_licences", "preferred_licences"):
            _str_tuple(self, name)
        if self.experience_years_min is None:
            _set(self, "experience_years_min", 0.0)
        _opt_number(self, "experience_years_min")
        _set(self, "experience_years_min", float(self.experience_years_min))
        _opt_number(self, "wage_min")
        _opt_number(self, "wage_max")
        if self.wage_min is not None and self.wage_max is not None and self.wage_min > self.wage_max:
            raise ValueError(f"wage_min ({self.wage_min}) is above wage_max ({self.wage_max})")
        if isinstance(self.openings, bool) or not isinstance(self.openings, int) or self.openings < 0:
            raise ValueError(f"openings: must be a non-negative integer, got {self.openings!r}")
        _set(self, "open", bool(self.open))


@dataclass(frozen=True)
class Feedback:
    seeker_id: Hashable
    vacancy_id: Hashable
    outcome: str
    at: Any = None

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome: unknown outcome {self.outcome!r}; expected one of {sorted(OUTCOMES)}")

    @property
    def grade(self) -> int:
        return OUTCOMES[self.outcome]


class ReasonParams(dict):
    """A read-only, hashable dict of JSON-ready values (lists are kept as tuples).

    It is a real dict, so ``json.dumps`` and Jinja templates accept it as it is.
    """

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raw = dict(*args, **kwargs)
        clean = {}
        for key, value in raw.items():
            if not isinstance(key, str):
                raise TypeError(f"reason params: keys must be strings, got {key!r}")
            clean[key] = _json_value(value)
        super().__init__(clean)

    def _readonly(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("reason params are read-only")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __reduce__(self) -> tuple:
        return (ReasonParams, (dict(self),))

    def __copy__(self) -> "ReasonParams":
        return self

    def __deepcopy__(self, memo: dict) -> "ReasonParams":
        return self

    def to_json(self) -> dict:
        """Plain dict with lists, ready for ``json.dumps`` or a JSON column."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.items()}


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Real):
        return float(value)
    if isinstance(value, (list, tuple)):
        return tuple(_json_value(v) for v in value)
    raise TypeError(f"reason params: value {value!r} is not a plain JSON value")


@dataclass(frozen=True)
class Reason:
    """One piece of evidence behind a suggestion.

    ``share`` is the part of the suggestion's positive evidence this reason carries (shares of a
    suggestion sum to 1 when the score is above 0). ``str(reason)`` is the Indonesian sentence;
    ``matching.reasons.render(reason, "en")`` gives English.
    """

    code: str
    share: float
    params: ReasonParams = field(default_factory=ReasonParams)

    def __post_init__(self) -> None:
        if not isinstance(self.params, ReasonParams):
            _set(self, "params", ReasonParams(self.params or {}))
        _set(self, "share", float(self.share))

    def __str__(self) -> str:
        from .reasons import render

        return render(self, "id")

    def to_dict(self) -> dict:
        return {"code": self.code, "share": self.share, "params": self.params.to_json()}


@dataclass(frozen=True)
class Suggestion:
    seeker_id: Hashable
    vacancy_id: Hashable
    score: float
    reasons: tuple[Reason, ...] = ()

    def __post_init__(self) -> None:
        _set(self, "reasons", tuple(self.reasons))
        _set(self, "score", float(self.score))
