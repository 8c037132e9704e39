"""Language-aware normalisation and tokenisation for lexical (BM25) scoring.

Design choices (kept deliberately simple and rule-based, no training data):

* **Korean** – kiwipiepy morphological analysis; content morphemes (nouns, roots,
  verb/adjective stems, foreign words, numbers) are kept, particles and endings
  dropped.  Korean writes compounds without spaces (하수처리장, 제수밸브), so nouns
  of three or more syllables also emit their character bigrams; this lets
  하수처리 match 하수처리장.  If kiwipiepy is unavailable, Hangul runs fall back
  to character bigrams.
* **Russian / Kazakh** – lower-case, ё→е, then "stemming-lite": strip the longest
  matching inflectional suffix while keeping a stem of at least four letters.
  Both languages inflect by suffixes, and an aggressive but bounded strip gives
  most of the recall of a real stemmer without a dictionary.
* **Uzbek (Latin)** – the oʻ/gʻ letters are written with U+02BB, U+2018, U+2019,
  U+02BC, a backtick or an ASCII apostrophe in real input; all are mapped to
  ASCII ``'`` so that ``sugʻorish`` and ``sug'orish`` are the same token; then a
  short suffix strip (plural, case endings).
* **Vietnamese** – words are written syllable by syllable, so syllables and
  adjacent-syllable bigrams are both indexed (``xâm_nhập``, ``nhập_mặn``).
* **English and other languages** – lower-case, light plural stripping.

Latin acronyms and numbers inside any language (MBR, RO, SCADA, DMA, 14022) are
kept as tokens: they are the commonest cross-lingual lexical anchors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Apostrophe-like characters that appear in Uzbek Latin oʻ/gʻ and in tutuq belgisi.
UZ_APOSTROPHES = "\u02bb\u2018\u2019\u02bc`\u00b4'"
_UZ_APOS_RE = re.compile(f"[{re.escape(UZ_APOSTROPHES)}]")

_KK_LETTERS = set("әғқңөұүһі")
_VI_LETTERS = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
_UZ_WORDS = frozenset(["va", "uchun", "bilan", "ham", "esa", "yoki", "bo'yicha", "orqali"])
_UZ_ENDINGS = ("lari", "larni", "ning", "dagi", "ish", "ishi", "ligi", "lash", "moqda")

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?。])\s+(?=\S)")


def _words(text: str) -> list[str]:
    return list(dict.fromkeys(text.split()))


STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        _words(
            "a an and are as at be by for from has have in is it its of on or our that the "
            "their this to was we were which with within up per can also all into more than "
            "other such these those over under each any not only new use used using"
        )
    ),
    "ru": frozenset(
        _words(
            "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по "
            "только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли "
            "если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя "
            "ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтобы без "
            "будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой "
            "совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех "
            "никогда можно при наконец два об другой хоть после над больше тот через эти нас "
            "про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда "
            "лучше чуть том нельзя такой им более всегда конечно всю между также которые "
            "который которая которых это"
        )
    ),
    "kk": frozenset(
        _words(
            "және мен бен пен да де та те ал бірақ немесе үшін бұл осы сол ол олар біз сіз "
            "бар жоқ да ма ме ба бе па пе ғана әрі тағы дейін кейін арқылы туралы"
        )
    ),
    "uz": frozenset(
        _words(
            "va bilan uchun bu shu u ular biz siz ham esa yoki lekin ammo bo'yicha orqali "
            "kabi hamda da bir"
        )
    ),
    "vi": frozenset(
        _words(
            "và của các cho là có được trong với những một này để không đã khi từ theo tại "
            "về như thì bị do ra vào"
        )
    ),
    "ko": frozenset(),
}

_RU_SUFFIXES = sorted(
    _words(
        """
    иями ями ами ыми ими ого его ому ему ыми ими ией ией ией иях ах ях ов ев ей ий ый ой ая яя
    ое ее ие ые ую юю ом ем ам ям ах ях ию ью ия ья ие ье ию ии ей ой ой ого ами ями ость
    ости остью остей ение ения ению ением ении ениям ениями ениях ание ания анию анием
    ании аниями ться тся ешь ет ем ете ут ют ит им ите ат ят ал ала ало али ил ила ило
    или ать ять ить еть уть а я о е ы и у ю ь й
    """
    ),
    key=len,
    reverse=True,
)
_KK_SUFFIXES = sorted(
    _words(
        """
    лардың лердің дардың дердің тардың тердің ларды лерді дарды дерді тарды терді
    ларға лерге дарға дерге тарға терге ларда лерде дарда дерде тарда терде лардан
    лерден дардан дерден тардан терден лары лері дары дері тары тері
    лар лер дар дер тар тер ның нің дың дің тың тің ны ні ды ді ты ті на не ға ге қа
    ке а е да де та те нда нде дан ден тан тен нан нен мен бен пен ы і сы сі ын ін
    ындағы індегі дағы дегі тағы тегі ғы гі қы кі лық лік дық дік тық тік шы ші
    """
    ),
    key=len,
    reverse=True,
)
_UZ_SUFFIXES = sorted(
    _words(
        """
    larning larni larga larda lardan lari lar ning ni ga ka qa da dan ta tan dagi
    ini ida idan iga imiz ingiz lari si i
    """
    ),
    key=len,
    reverse=True,
)


def normalize_text(text: str) -> str:
    """NFC, unify Uzbek apostrophes to ASCII ``'`` and Cyrillic ё to е."""
    text = unicodedata.normalize("NFC", text)
    text = _UZ_APOS_RE.sub("'", text)
    return text.replace("ё", "е").replace("Ё", "Е")


def detect_language(text: str) -> str:
    """Cheap script-based guess used only when a record does not state its language."""
    if not text:
        return "en"
    if _HANGUL.search(text):
        hangul = len(_HANGUL.findall(text))
        if hangul >= 0.2 * sum(ch.isalpha() for ch in text):
            return "ko"
    lower = text.lower()
    if _CYRILLIC.search(text):
        return "kk" if any(ch in _KK_LETTERS for ch in lower) else "ru"
    if sum(ch in _VI_LETTERS for ch in lower) >= 3:
        return "vi"
    norm = normalize_text(lower)
    words = _WORD.findall(norm)
    uz_hits = 2 * (norm.count("o'") + norm.count("g'"))
    uz_hits += sum(w in _UZ_WORDS or w.endswith(_UZ_ENDINGS) for w in words)
    if uz_hits >= 3 and uz_hits >= 0.15 * len(words):
        return "uz"
    return "en"


def split_sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation followed by whitespace."""
    parts = [p.strip() for p in _SENT_SPLIT.split(text.strip())]
    return [p for p in parts if p]


def _strip_suffix(word: str, suffixes: Iterable[str], min_stem: int) -> str:
    for suf in suffixes:
        if word.endswith(suf) and len(word) - len(suf) >= min_stem:
            return word[: -len(suf)]
    return word


def stem(word: str, lang: str) -> str:
    """Stemming-lite for one lower-cased word."""
    if not word or word.isdigit() or not word.isalpha() and "'" not in word:
        return word
    if lang == "ru":
        return _strip_suffix(word, _RU_SUFFIXES, 4)
    if lang == "kk":
        # Agglutinative: strip up to two suffix layers (plural + case).
        once = _strip_suffix(word, _KK_SUFFIXES, 3)
        return _strip_suffix(once, _KK_SUFFIXES, 3) if once != word else once
    if lang == "uz":
        once = _strip_suffix(word, _UZ_SUFFIXES, 4)
        return _strip_suffix(once, _UZ_SUFFIXES, 4) if once != word else once
    if lang == "en":
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
            return word[:-2]
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


@lru_cache(maxsize=1)
def _kiwi():
    try:
        from kiwipiepy import Kiwi
    except ImportError:  # pragma: no cover - kiwipiepy is a declared dependency
        return None
    return Kiwi()


_KO_KEEP = ("NNG", "NNP", "XR", "SL", "SN", "SH", "VV", "VA")


def _korean_tokens(text: str) -> list[str]:
    """Ordered Korean content morphemes (foreign words and numbers kept)."""
    kiwi = _kiwi()
    if kiwi is None:  # crude fallback: whole Hangul runs; bigrams are added later
        return [run.lower() for run in re.findall(r"[\uac00-\ud7a3]+|[^\W_]+", text)]
    out: list[str] = []
    for tok in kiwi.tokenize(text):
        if not tok.tag.startswith(_KO_KEEP):
            continue
        form = tok.form.lower()
        if tok.tag in ("NNG", "NNP") and len(form) == 1:
            continue  # single-syllable nouns are mostly noise (형, 시, 소)
        out.append(form)
    return out


def _hangul_bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _is_word(tok: str) -> bool:
    return any(ch.isalpha() for ch in tok) or len(tok) >= 3


def word_sequence(text: str, lang: str | None = None) -> list[str]:
    """Ordered, normalised words/morphemes of ``text`` (what glossary labels match)."""
    if not text:
        return []
    lang = lang or detect_language(text)
    text = normalize_text(text)
    if lang == "ko" or _HANGUL.search(text):
        # Mixed texts: Korean runs go through kiwi, the rest through the generic path.
        return _korean_tokens(text)
    stop = STOPWORDS.get(lang, frozenset())
    words = [w.lower() for w in _WORD.findall(text)]
    if lang == "vi":
        return [w for w in words if w not in stop and _is_word(w)]
    out = []
    for w in words:
        if w in stop or not _is_word(w):
            continue
        word_lang = lang
        if _CYRILLIC.match(w) and lang not in ("ru", "kk"):
            word_lang = "ru"
        elif not _CYRILLIC.match(w) and lang in ("ru", "kk"):
            word_lang = "en"  # Latin acronyms or English terms inside Cyrillic text
        out.append(stem(w, word_lang))
    return out


def add_bigrams(seq: list[str], lang: str | None) -> list[str]:
    """Index tokens from a word sequence: Korean compound bigrams, Vietnamese
    syllable bigrams; other languages unchanged."""
    if lang == "vi":
        return seq + [f"{a}_{b}" for a, b in zip(seq, seq[1:], strict=False)]
    extra = [bg for t in seq if len(t) >= 3 and _HANGUL.match(t) for bg in _hangul_bigrams(t)]
    return seq + extra if extra else seq


def tokenize(text: str, lang: str | None = None, bigrams: bool = True) -> list[str]:
    """Normalised lexical tokens of ``text`` written in ``lang`` (guessed if None).

    ``bigrams=False`` returns only the ordered word/morpheme sequence (no Korean
    character bigrams, no Vietnamese syllable bigrams); glossary matching uses it.
    """
    if not text:
        return []
    lang = lang or detect_language(text)
    seq = word_sequence(text, lang)
    return add_bigrams(seq, lang) if bigrams else seq
