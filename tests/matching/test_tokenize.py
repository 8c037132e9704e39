from hypothesis import given
from hypothesis import strategies as st

from ecobridge.matching.tokenize import (
    UZ_APOSTROPHES,
    detect_language,
    normalize_text,
    split_sentences,
    stem,
    tokenize,
)


def test_uzbek_apostrophe_variants_give_identical_tokens():
    forms = [f"sug{a}orish tizimi bog{a}lar" for a in "\u02bb\u2018\u2019'`\u02bc"]
    tokens = {tuple(tokenize(f, "uz")) for f in forms}
    assert len(tokens) == 1
    assert "sug'orish" in next(iter(tokens))


@given(st.text(alphabet="abgo sh" + UZ_APOSTROPHES, max_size=40))
def test_apostrophe_normalisation_is_idempotent_and_unifies(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(ch in once for ch in UZ_APOSTROPHES.replace("'", ""))


@given(st.text(max_size=200))
def test_tokenize_never_fails_and_returns_nonempty_strings(text):
    for lang in ("en", "ru", "kk", "uz", "vi", None):
        assert all(isinstance(t, str) and t for t in tokenize(text, lang))


def test_russian_inflections_share_a_stem():
    forms = ["трубопровод", "трубопроводы", "трубопроводов", "трубопроводами"]
    assert len({stem(f, "ru") for f in forms}) == 1
    assert stem("ёмкость", "ru") == stem("емкости", "ru") or "ё" not in normalize_text("ёмкость")


def test_kazakh_case_and_plural_suffixes_are_stripped():
    assert stem("ауылдарды", "kk") == stem("ауыл", "kk") == "ауыл"
    assert stem("ауылдардың", "kk") == "ауыл"


def test_korean_morphemes_and_compound_bigrams():
    toks = tokenize("하수처리장을 증설합니다", "ko")
    assert "하수처리장" in toks or "처리장" in toks
    assert "하수" in toks  # bigram of the compound lets 하수 match
    assert "을" not in toks  # particles dropped


def test_vietnamese_syllable_bigrams():
    toks = tokenize("xâm nhập mặn", "vi")
    assert "xâm_nhập" in toks and "nhập_mặn" in toks
    assert tokenize("xâm nhập mặn", "vi", bigrams=False) == ["xâm", "nhập", "mặn"]


def test_acronyms_survive_inside_cyrillic_text():
    assert "mbr" in tokenize("Установка MBR и SCADA", "ru")
    assert "scada" in tokenize("Установка MBR и SCADA", "ru")


def test_stopwords_removed():
    assert tokenize("the water and the plant", "en") == ["water", "plant"]


def test_detect_language_by_script():
    assert detect_language("하수처리장 증설") == "ko"
    assert detect_language("Снижение потерь воды") == "ru"
    assert detect_language("Сапалы ауыз сумен қамтамасыз ету") == "kk"
    assert detect_language("Cấp nước sinh hoạt cho các xã ven biển bị xâm nhập mặn") == "vi"
    assert detect_language("Paxta maydonlarida tomchilatib sugʻorish va bogʻ tizimi") == "uz"
    assert detect_language("Leak detection for water mains") == "en"


def test_split_sentences():
    assert split_sentences("One. Two! Three? 4.5 m3 stays.") == [
        "One.",
        "Two!",
        "Three?",
        "4.5 m3 stays.",
    ]
