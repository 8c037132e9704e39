"""Plain data records fed to the engine and the results it returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("technology", "need")


@dataclass
class Record:
    """A technology profile or a published need.

    ``title`` and ``description`` are either a plain string written in ``language``
    or a dict ``{lang: text}`` when the platform holds several language versions.
    ``sectors`` are OECD DAC CRS purpose codes declared by the owner (may be empty;
    the engine then infers them from the text).
    """

    id: str
    kind: str
    title: str | dict[str, str]
    description: str | dict[str, str] = ""
    language: str | None = None
    sectors: list[str] = field(default_factory=list)
    country: str | None = None
    organisation: str = ""
    is_public: bool = True
    is_active: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        self.id = str(self.id)
        self.sectors = [str(s).strip() for s in self.sectors if str(s).strip()]
        if self.country:
            self.country = self.country.upper()

    def texts(self) -> dict[str, str]:
        """``{lang: "title. description"}`` for every language version held."""
        from .tokenize import detect_language  # local: keeps records import-light

        titles = self.title if isinstance(self.title, dict) else None
        descs = self.description if isinstance(self.description, dict) else None
        if titles is None and descs is None:
            text = _join(str(self.title), str(self.description or ""))
            lang = self.language or detect_language(text)
            return {lang: text}
        default_lang = self.language or "und"
        titles = titles if titles is not None else {default_lang: str(self.title)}
        descs = descs if descs is not None else {default_lang: str(self.description or "")}
        out: dict[str, str] = {}
        for lang in list(dict.fromkeys([*titles, *descs])):
            text = _join(titles.get(lang, ""), descs.get(lang, ""))
            if text:
                key = lang if lang != "und" else detect_language(text)
                out[key] = text
        # Never empty: a record without any text still has a (blank) primary version.
        return out or {self.language or "en": ""}

    def primary_language(self) -> str:
        texts = self.texts()
        if self.language and self.language in texts:
            return self.language
        return next(iter(texts), self.language or "en")

    def display_title(self, lang: str | None = None) -> str:
        if isinstance(self.title, dict):
            for key in (lang, self.language, "en"):
                if key and self.title.get(key):
                    return self.title[key]
            return next(iter(self.title.values()), "")
        return str(self.title)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls(**data)


def _join(title: str, description: str) -> str:
    title, description = title.strip(), description.strip()
    if title and description:
        # A full stop keeps the title a sentence of its own for passage extraction.
        sep = " " if title[-1] in ".!?。" else ". "
        return f"{title}{sep}{description}"
    return title or description


@dataclass
class ScorePart:
    name: str
    weight: float
    value: float  # normalised (z-score) value before weighting

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass
class Explanation:
    """Why a record was suggested, written for a viewer language."""

    concepts: list[dict[str, str]] = field(default_factory=list)  # {"id", "label"}
    sectors: list[dict[str, str]] = field(default_factory=list)  # {"code", "label", "source"}
    passages: list[str] = field(default_factory=list)
    parts: list[ScorePart] = field(default_factory=list)
    same_country: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "concepts": self.concepts,
            "sectors": self.sectors,
            "passages": self.passages,
            "parts": [
                {"name": p.name, "weight": p.weight, "value": round(p.value, 4)} for p in self.parts
            ],
            "same_country": self.same_country,
        }


@dataclass
class SearchResult:
    id: str
    score: float
    rank: int
    explanation: Explanation
    record: Record | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "rank": self.rank,
            "explanation": self.explanation.to_dict(),
        }
