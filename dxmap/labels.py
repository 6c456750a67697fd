"""Words shown to people, in Vietnamese (default) and English."""

from __future__ import annotations

from typing import Literal

__all__ = ["Lang", "label", "LABELS"]

Lang = Literal["vi", "en"]

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "mobile": "Băng rộng di động", "fibre": "Cáp quang (FTTH)", "lan": "Mạng LAN chuẩn",
        "none": "Chưa có", "weak": "Lõm sóng / yếu", "planned": "Đã có kế hoạch", "unknown": "Chưa rõ (không có số liệu)",
        "covered": "Đã có",
        "village": "thôn/bản", "villages": "thôn/bản", "commune": "xã/phường", "communes": "xã/phường",
        "district": "Huyện", "commune_label": "Xã/phường", "village_label": "Thôn/bản", "status": "Trạng thái",
        "date": "Ngày", "source": "Nguồn", "note": "Ghi chú", "as_of": "Số liệu đến ngày",
        "title": "Hạ tầng số còn thiếu", "illustrative": "DỮ LIỆU MINH HỌA — không phải số liệu thật",
        "villages_without": "thôn/bản chưa có", "communes_without": "xã chưa có",
        "gap_villages": "Số thôn/bản chưa có", "districts": "Ranh giới huyện", "communes_layer": "Ranh giới xã",
        "shared_polygon": "Các đơn vị dưới đây chỉ có chung một ranh giới (không tách được)",
        "legend": "Chú giải", "all_districts": "Tất cả các huyện", "basemap": "Bản đồ nền",
        "headline": "{n} {unit} chưa có {tech}",
    },
    "en": {
        "mobile": "Mobile broadband", "fibre": "Fibre (FTTH)", "lan": "Standard LAN",
        "none": "None", "weak": "Weak / patchy", "planned": "Planned", "unknown": "Unknown (no record)", "covered": "Covered",
        "village": "village", "villages": "villages", "commune": "commune", "communes": "communes",
        "district": "District", "commune_label": "Commune", "village_label": "Village", "status": "Status",
        "date": "Date", "source": "Source", "note": "Note", "as_of": "Data as of",
        "title": "Missing digital infrastructure", "illustrative": "ILLUSTRATIVE DATA — not real survey figures",
        "villages_without": "villages without", "communes_without": "communes without",
        "gap_villages": "Villages without", "districts": "District boundaries", "communes_layer": "Commune boundaries",
        "shared_polygon": "These units exist only as one shared polygon (boundaries not separable)",
        "legend": "Legend", "all_districts": "All districts", "basemap": "Basemap",
        "headline": "{n} {unit} without {tech}",
    },
}


def label(key: str, lang: Lang = "vi") -> str:
    """The word for ``key`` in ``lang``; the key itself when there is none."""
    return LABELS.get(lang, LABELS["vi"]).get(key, key)
