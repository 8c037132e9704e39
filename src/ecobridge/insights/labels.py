"""Interface words of the insights pages and the PDF brief in en, ko and ru.

Kept here (not in .po catalogues) so the country page and the brief read correctly in
the three interface languages on a fresh machine without compiled message files.
"""

from __future__ import annotations

from django.utils.translation import get_language

LABELS: dict[str, dict[str, str]] = {
    "nav_water_map": {"en": "Water map", "ko": "물 지도", "ru": "Карта воды"},
    "nav_alerts": {"en": "Alerts", "ko": "경보", "ru": "Предупреждения"},
    "water_intelligence": {
        "en": "Water intelligence",
        "ko": "물 분야 국가 정보",
        "ru": "Водная аналитика",
    },
    "key_indicators": {
        "en": "Key water indicators",
        "ko": "주요 물 지표",
        "ru": "Ключевые водные показатели",
    },
    "indicator": {"en": "Indicator", "ko": "지표", "ru": "Показатель"},
    "value": {"en": "Value", "ko": "값", "ru": "Значение"},
    "year": {"en": "Year", "ko": "연도", "ru": "Год"},
    "source": {"en": "Source", "ko": "출처", "ru": "Источник"},
    "licence": {"en": "Licence", "ko": "라이선스", "ru": "Лицензия"},
    "flag": {"en": "Note", "ko": "비고", "ru": "Примечание"},
    "no_data": {"en": "No data", "ko": "자료 없음", "ru": "Нет данных"},
    "trends": {"en": "Trends", "ko": "추이", "ru": "Динамика"},
    "peers": {
        "en": "Comparison with the region",
        "ko": "지역 내 비교",
        "ru": "Сравнение со странами региона",
    },
    "world_map": {"en": "World map", "ko": "세계 지도", "ru": "Карта мира"},
    "map_indicator": {"en": "Indicator on the map", "ko": "지도 지표", "ru": "Показатель на карте"},
    "cooperation_map": {"en": "Cooperation map", "ko": "협력 지도", "ru": "Карта сотрудничества"},
    "cooperation": {"en": "Cooperation history", "ko": "협력 이력", "ru": "История сотрудничества"},
    "agreements": {"en": "Agreements", "ko": "협정", "ru": "Соглашения"},
    "projects": {"en": "Projects", "ko": "사업", "ru": "Проекты"},
    "events": {"en": "Events", "ko": "행사", "ru": "Мероприятия"},
    "signals": {"en": "Needs signals", "ko": "수요 신호", "ru": "Сигналы потребностей"},
    "signals_intro": {
        "en": "Opportunity areas derived from the indicators by documented rules; each shows its evidence.",
        "ko": "문서화된 규칙에 따라 지표에서 도출한 협력 기회 분야와 그 근거입니다.",
        "ru": "Направления сотрудничества, выведенные из показателей по документированным правилам, с обоснованием.",
    },
    "evidence": {"en": "Evidence", "ko": "근거", "ru": "Обоснование"},
    "threshold": {"en": "threshold", "ko": "기준", "ru": "порог"},
    "technologies": {
        "en": "Matching technologies",
        "ko": "관련 기술",
        "ru": "Подходящие технологии",
    },
    "no_signal": {
        "en": "No signal fires for this country.",
        "ko": "해당 신호가 없습니다.",
        "ru": "Сигналов нет.",
    },
    "open_needs": {"en": "Open needs", "ko": "진행 중인 수요", "ru": "Открытые потребности"},
    "contacts": {"en": "Contacts", "ko": "연락처", "ru": "Контакты"},
    "alerts": {
        "en": "Active early-warning alerts",
        "ko": "발효 중인 조기경보",
        "ru": "Действующие предупреждения",
    },
    "alerts_cap": {
        "en": "Early-warning alerts (CAP)",
        "ko": "조기경보 (CAP)",
        "ru": "Раннее оповещение (CAP)",
    },
    "alerts_period": {
        "en": "Early-warning alerts in this area and period",
        "ko": "이 지역·기간의 조기경보",
        "ru": "Предупреждения в этом районе и в этот период",
    },
    "earlier_alerts": {"en": "Earlier alerts", "ko": "이전 경보", "ru": "Прежние предупреждения"},
    "no_active_alert": {
        "en": "No active alert.",
        "ko": "발효 중인 경보가 없습니다.",
        "ru": "Действующих предупреждений нет.",
    },
    "active_alerts_notice": {
        "en": "Active early-warning alerts",
        "ko": "발효 중인 조기경보",
        "ru": "Действующие предупреждения",
    },
    "severity": {"en": "Severity", "ko": "심각도", "ru": "Серьёзность"},
    "urgency": {"en": "Urgency", "ko": "긴급도", "ru": "Срочность"},
    "certainty": {"en": "Certainty", "ko": "확실도", "ru": "Достоверность"},
    "expires": {"en": "Expires", "ko": "만료", "ru": "Истекает"},
    "active": {"en": "active", "ko": "발효 중", "ru": "действует"},
    "brief": {
        "en": "Country brief (PDF)",
        "ko": "국가 브리프 (PDF)",
        "ru": "Справка по стране (PDF)",
    },
    "brief_title": {"en": "Country brief", "ko": "국가 브리프", "ru": "Справка по стране"},
    "generated": {"en": "Generated", "ko": "작성일", "ru": "Подготовлено"},
    "full_page": {
        "en": "Full country intelligence",
        "ko": "국가 정보 전체 보기",
        "ru": "Полная аналитика по стране",
    },
    "none": {"en": "None", "ko": "없음", "ru": "Нет"},
    "download": {"en": "Download the PDF", "ko": "PDF 내려받기", "ru": "Скачать PDF"},
    "flag_negative": {
        "en": "negative as published (treaty-reserved outflows subtracted)",
        "ko": "원자료 그대로 음수 (조약상 유출량 차감)",
        "ru": "отрицательное, как опубликовано (вычтен сток по договорам)",
    },
    "flag_trwr_below_irwr": {
        "en": "below internal resources, as published",
        "ko": "원자료 그대로 내부 수자원보다 작음",
        "ru": "меньше внутренних ресурсов, как опубликовано",
    },
    "flag_over_100_pct": {
        "en": "above 100 %, as published",
        "ko": "원자료 그대로 100% 초과",
        "ru": "выше 100 %, как опубликовано",
    },
    "sources_note": {
        "en": "Sources: FAO AQUASTAT, UN SDG Global Database (UNSD), World Bank WDI — CC BY 4.0.",
        "ko": "출처: FAO AQUASTAT, UN SDG 글로벌 데이터베이스(UNSD), 세계은행 WDI — CC BY 4.0.",
        "ru": "Источники: FAO AQUASTAT, Глобальная база данных ЦУР ООН (UNSD), WDI Всемирного банка — CC BY 4.0.",
    },
}


def lang_code(language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return code if code in ("en", "ko", "ru") else "en"


def labels(language: str | None = None) -> dict[str, str]:
    code = lang_code(language)
    return {key: values.get(code) or values["en"] for key, values in LABELS.items()}


def lazy_label(key: str):
    """A label resolved in the language active when it is rendered (for navigation)."""
    from django.utils.functional import lazy

    return lazy(lambda: labels()[key], str)()
