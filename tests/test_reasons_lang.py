"""Reconciliation speaks Vietnamese: every ``reason``, the words of ``suggestions`` and every ``name_note`` come
from the "rsn_…" labels in ``lang``; English (the default) stays as it always read."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest
import shapely

import dxmap
from dxmap.errors import DxmapError
from dxmap.io.bundled import bundled_crosswalk, bundled_units_2025, data_dir as bundled_data
from dxmap.io.records import as_records
from dxmap.labels import LABELS

ROOT = Path(dxmap.__file__).parent
_REASON_KEYS = sorted(k for k in LABELS["en"] if k.startswith("rsn_"))
# keys made from a value: f"rsn_rel_{relation}" (crosswalk relations) and f"rsn_level_{level}"
_DYNAMIC = {"rsn_rel_whole": 'f"rsn_rel_{', "rsn_rel_part": 'f"rsn_rel_{', "rsn_rel_none": 'f"rsn_rel_{',
            "rsn_level_village": 'f"rsn_level_{', "rsn_level_commune": 'f"rsn_level_{'}


def _words(text: str) -> set[str]:
    """The words of ``text`` (three letters or more, lower case), leaving out what is written as code: option and
    argument names (``--villages``, ``villages=``, ``village_id``), file and function names (``r.csv``) and
    placeholders."""
    text = re.sub(r"\{[^{}]*\}", " ", text)
    words = set()
    for token in text.split():
        if re.search(r"[_=]|^--|\w\.\w", token):
            continue
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{3,}", token)}
    return words


# English words of the reasons that no Vietnamese reason uses: one of them in a Vietnamese reason is an untranslated
# piece ("per", "commune", "the", "layer" …).
ENGLISH = set().union(*(_words(LABELS["en"][k]) for k in _REASON_KEYS)) - set().union(
    *(_words(LABELS["vi"][k]) for k in _REASON_KEYS))


def _english_left(text: str) -> set[str]:
    return _words(text) & ENGLISH


@pytest.fixture(scope="module")
def layers(data_dir):
    """Đồng Tâm (00001, district Đông Sơn 001: Thôn 1, Bản Đán), Tân Lập twice (00002 in Đông Sơn, 00003 in Tây
    Sơn), Phường Bắc Sơn (00004); villages as points."""
    communes = dxmap.as_communes(dxmap.read_boundaries(data_dir / "communes.geojson"))
    villages = dxmap.as_villages(dxmap.read_boundaries(data_dir / "villages.geojson"))
    return communes, villages


def _records(rows: list[dict], **base: str) -> pd.DataFrame:
    """One record per row, each of its own date (none a duplicate of another), read from "r.csv"."""
    base = {"technology": "lan", "status": "none", **base}
    return as_records(pd.DataFrame([{**base, "as_of": f"2024-06-{i + 1:02d}", **r} for i, r in enumerate(rows)]),
                      where="r.csv")


def _both(records: pd.DataFrame, *layers, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The outcomes in English (as the default writes them) and in Vietnamese; the same but for the words."""
    en = dxmap.reconcile(records, *layers, **options)
    vi = dxmap.reconcile(records, *layers, lang="vi", **options)
    assert vi["outcome"].tolist() == en["outcome"].tolist()
    assert vi["unit_id"].fillna("").tolist() == en["unit_id"].fillna("").tolist()
    assert vi["method"].fillna("").tolist() == en["method"].fillna("").tolist()
    pd.testing.assert_frame_equal(dxmap.reconcile(records, *layers, lang="en", **options), en)
    # the reader's own ignore_reason and problem are kept as read: not reconciliation's words
    own = pd.Series(True, index=vi.index)
    for column in ("ignore_reason", "problem"):
        if column in vi.columns:
            own &= vi[column].isna()
    for text in pd.concat([vi.loc[own, "reason"], vi["name_note"], vi["suggestions"]]):
        assert _english_left(text) == set(), text
    return en, vi


# --- the commune ------------------------------------------------------------------------------------------------
COMMUNE_ROWS = [
    {"commune_code": "09999"},
    {"commune_name": "Xyz", "district_name": "Huyện Đông Sơn"},
    {"commune_name": "Đồng Tâm", "district_code": "099"},
    {"lon": "105.5", "lat": "22.05"},
    {"commune_name": "Tân Lập"},
    {"commune_code": "00001", "commune_name": "Bắc Sơn"},
    {"commune_code": "09999", "commune_name": "Bắc Sơn"},
    {"level": "commune", "commune_code": "00004", "technology": "fibre"},
]
COMMUNE_EN = [
    "commune code 09999 is not in the boundary set",
    "no commune named Xyz in district Huyện Đông Sơn",
    "district 099 is not in the boundary set: correct it, or clear it to find Đồng Tâm by its name alone",
    "the position (longitude, latitude) lies outside every commune; check the coordinates",
    "commune name Tân Lập fits several communes (00002 Tân Lập, Đông Sơn district; 00003 Tân Lập, Tây Sơn district); "
    "add the commune code or the district",
    "commune code 00001 is Đồng Tâm but the name says Bắc Sơn",
    "commune code 09999 is not in the boundary set; the name fits 00004 Bắc Sơn: correct the code, or clear it to "
    "match by the name",
    "a commune-level record, but fibre is counted per village",
]
COMMUNE_VI = [
    "mã xã 09999 không có trong danh mục xã",
    "không có xã nào tên Xyz ở huyện Đông Sơn",  # the sheet's "Huyện" is not said twice
    "huyện 099 không có trong danh mục xã: hãy sửa lại, hoặc xóa đi để tìm Đồng Tâm chỉ theo tên",
    "vị trí (kinh độ, vĩ độ) nằm ngoài mọi xã; kiểm tra lại tọa độ",
    "tên xã Tân Lập khớp với nhiều xã (00002 Tân Lập, huyện Đông Sơn; 00003 Tân Lập, huyện Tây Sơn); hãy ghi thêm mã "
    "xã hoặc tên huyện",
    "mã xã 00001 là Đồng Tâm nhưng tên ghi là Bắc Sơn",
    "mã xã 09999 không có trong danh mục xã; tên khớp với 00004 Bắc Sơn: hãy sửa mã, hoặc xóa mã để khớp theo tên",
    "bản ghi cấp xã, nhưng cáp quang (FTTH) được tính theo thôn/bản",
]


def test_commune_reasons_in_both_languages(layers):
    en, vi = _both(_records(COMMUNE_ROWS), *layers)
    assert en["outcome"].tolist() == ["unmatched"] * 4 + ["ambiguous", "conflict", "conflict", "ignored"]
    assert en["reason"].tolist() == COMMUNE_EN
    assert vi["reason"].tolist() == COMMUNE_VI
    # suggestions are names, codes and scores: the same in both languages, but for the words that tell namesakes apart
    assert vi["suggestions"].drop(4).tolist() == en["suggestions"].drop(4).tolist()
    assert en.loc[5, "suggestions"] == "00004 Bắc Sơn (100)"
    assert en.loc[4, "suggestions"] == "00002 Tân Lập, Đông Sơn district (100); 00003 Tân Lập, Tây Sơn district (100)"
    assert vi.loc[4, "suggestions"] == "00002 Tân Lập, huyện Đông Sơn (100); 00003 Tân Lập, huyện Tây Sơn (100)"


def test_namesakes_among_suggestions_are_told_apart_by_their_parent(layers):
    """QA17 finding 7: "02779 Thanh Bình (100); 03022 Thanh Bình (100)" left the commune no choice. Units of one name
    (by name_key) in one row's suggestions, in different parents, say their parent; the others stay as they were."""
    communes, villages = layers
    # a commune whose villages the layer lacks: its village record is offered the villages of every commune
    no_03 = villages[villages["commune_code"].ne("00003")]
    records = _records([{"commune_code": "00003", "village_name": "Thôn 1"},
                        {"commune_code": "00001", "village_name": "Bản Đán 1"},
                        {"commune_name": "Tân Lạp", "district_name": "Nam Sơn"}],  # an unknown district: all communes
                       level="village", technology="fibre")
    en, vi = _both(records, communes, no_03)
    assert en["outcome"].tolist() == ["unmatched"] * 3
    assert en.loc[0, "suggestions"] == ("00001-001 Thôn 1, Đồng Tâm commune (100); 00002-001 Thôn 1, Tân Lập commune "
                                        "(100); 00004-001 Thôn 1, Bắc Sơn commune (100)")
    assert vi.loc[0, "suggestions"] == ("00001-001 Thôn 1, xã Đồng Tâm (100); 00002-001 Thôn 1, xã Tân Lập (100); "
                                        "00004-001 Thôn 1, xã Bắc Sơn (100)")
    # no namesakes: as before, in both languages
    assert en.loc[1, "suggestions"] == vi.loc[1, "suggestions"] == "00001-001 Thôn 1 (90); 00001-002 Bản Đán (90)"
    assert en.loc[2, "suggestions"].startswith("00002 Tân Lập, Đông Sơn district (")
    assert vi.loc[2, "suggestions"].startswith("00002 Tân Lập, huyện Đông Sơn (")
    assert "; 00003 Tân Lập, Tây Sơn district (" in en.loc[2, "suggestions"]
    # namesakes of one commune: the commune tells nothing apart, and is not said
    twice = villages.copy()
    twice.loc[twice["village_id"].eq("00001-002"), "name"] = "Thôn 1"
    en, vi = _both(_records([{"commune_code": "00001", "village_name": "Thôn 11"}], level="village",
                            technology="fibre"), communes, twice)
    assert en.loc[0, "suggestions"] == vi.loc[0, "suggestions"]
    assert en.loc[0, "suggestions"].startswith("00001-001 Thôn 1 (") and "commune" not in en.loc[0, "suggestions"]


def test_a_record_without_anything_to_identify_its_commune(layers):
    """The reader marks such a row ``invalid``; a table that skips that (its ``problem`` cleared) is still told."""
    records = _records([{"commune_code": ""}, {"level": "village", "village_name": "Thôn 1", "technology": "fibre"}])
    records["problem"] = pd.NA
    en, vi = _both(records, *layers)
    assert en["reason"].tolist() == [
        "no commune code, commune name or position (longitude, latitude) to identify the commune"] * 2
    assert vi["reason"].tolist() == ["không có mã xã, tên xã hay vị trí (kinh độ, vĩ độ) để xác định xã"] * 2


# --- the village ------------------------------------------------------------------------------------------------
VILLAGE_ROWS = [
    {"commune_code": "00001", "village_id": "00002-001", "technology": "mobile"},
    {"commune_code": "00001", "village_name": "Thôn 7", "technology": "fibre"},
    {"commune_code": "00001", "village_id": "00001-099", "technology": "fibre"},
    {"commune_code": "00001", "technology": "fibre"},
    {"commune_code": "00001", "technology": "fibre", "level": "village", "status": "covered"},
]


def test_village_reasons_in_both_languages(layers):
    en, vi = _both(_records(VILLAGE_ROWS[:4], level="village"), *layers)
    assert en["outcome"].tolist() == ["conflict", "unmatched", "unmatched", "unmatched"]
    assert en["reason"].tolist() == [
        "village 00002-001 belongs to commune 00002, not 00001",
        "no village named Thôn 7 in commune 00001",
        "village id 00001-099 is not in the village layer",
        "fibre is counted per village, but the row names no village (no village code, name or position): add the "
        "village's name or code to this row",
    ]
    assert vi["reason"].tolist() == [
        "thôn/bản 00002-001 thuộc xã 00002, không phải xã 00001",
        "xã 00001 không có thôn/bản nào tên Thôn 7",
        "mã thôn/bản 00001-099 không có trong danh mục thôn/bản",
        "Cáp quang (FTTH) được tính theo thôn/bản, nhưng dòng này không nêu thôn/bản nào (không có mã, tên hay vị trí "
        "của thôn/bản): hãy ghi tên hoặc mã thôn/bản vào dòng này",
    ]


def test_a_village_name_that_fits_two_villages_and_a_point_in_two_polygons(layers):
    communes, villages = layers
    twice = villages.copy()
    twice.loc[twice["village_id"].eq("00001-002"), "name"] = "Thôn 1"
    en, vi = _both(_records([{"commune_code": "00001", "village_name": "thon 1"}], level="village", technology="fibre"),
                   communes, twice)
    assert en.loc[0, "reason"] == ("village name thon 1 fits several villages (00001-001, 00001-002); add the village "
                                   "code")
    assert vi.loc[0, "reason"] == ("tên thôn/bản thon 1 khớp với nhiều thôn/bản (00001-001, 00001-002); hãy ghi thêm "
                                   "mã thôn/bản")
    boxes = villages.copy()
    xy = shapely.get_coordinates(boxes.geometry.values)
    boxes["geometry"] = shapely.box(xy[:, 0] - 0.2, xy[:, 1] - 0.2, xy[:, 0] + 0.2, xy[:, 1] + 0.2)  # all overlap
    en, vi = _both(_records([{"commune_code": "00001", "lon": "104.05", "lat": "22.05"}], level="village",
                            technology="fibre"), communes, boxes)
    assert en.loc[0, "reason"] == ("the position (longitude, latitude) lies in several villages at once; add the "
                                   "village code")
    assert vi.loc[0, "reason"] == "vị trí (kinh độ, vĩ độ) nằm trong nhiều thôn/bản cùng lúc; hãy ghi thêm mã thôn/bản"


def test_village_records_without_a_village_layer(layers, caplog):
    """QA17 finding 4: the reason goes to the commune, which cannot give dxmap a village list: it says what is
    missing; how to give the list (villages=, --villages) is one log line for whoever runs dxmap."""
    communes, _ = layers
    records = _records([{"commune_code": "00001", "village_name": "Thôn 1", "technology": "mobile"},
                        {"commune_code": "00001", "technology": "fibre"}], level="village")
    with caplog.at_level(logging.INFO, logger="dxmap"):
        en, vi = _both(records, communes, None)
    assert en["outcome"].tolist() == ["unmatched", "ignored"]
    assert en["reason"].tolist() == [
        "a village record, but there is no village list to check it against",
        "fibre is counted per village, but the row names no village: add the village's name to this row to count it",
    ]
    assert vi["reason"].tolist() == [
        "bản ghi cấp thôn/bản, nhưng chưa có danh mục thôn/bản để đối chiếu",
        "Cáp quang (FTTH) được tính theo thôn/bản, nhưng dòng này không nêu thôn/bản nào: để tính, hãy ghi tên "
        "thôn/bản vào dòng này",
    ]
    hints = [r.getMessage() for r in caplog.records if "villages=" in r.getMessage()]
    assert ("1 village record cannot be matched: no village layer was given. Give one (--villages on the command "
            "line, villages= in Python) to check them, or in Python list them from the village names the records "
            "give: villages_from_records(records, communes) of dxmap.reconcile.named_villages (read_dataset does "
            "this by itself).") in hints  # QA65 F18: the Python way that needs no layer
    assert ("1 bản ghi cấp thôn/bản chưa đối chiếu được vì chưa có danh mục thôn/bản: hãy thêm tệp danh mục thôn/bản "
            "(--villages khi chạy lệnh, villages= trong Python) để đối chiếu, hoặc trong Python lập danh mục từ tên "
            "thôn/bản trong số liệu: villages_from_records(records, communes) của dxmap.reconcile.named_villages "
            "(read_dataset tự làm việc này).") in hints
    # a technology the sentence cannot name is "this technology"
    unnamed = records.iloc[[1]].assign(technology=pd.NA).reset_index(drop=True)
    en, vi = _both(unnamed, communes, None)
    assert en.loc[0, "reason"].startswith("this technology is counted per village, but the row names no village")
    assert vi.loc[0, "reason"].startswith("Hạ tầng này được tính theo thôn/bản")


def test_a_yen_bai_village_record_and_the_name_notes():
    yenbai = dxmap.as_communes(dxmap.read_boundaries(bundled_data() / "boundaries"
                                                     / "yenbai_communes_2025-01_derived.geojson"))
    records = _records([{"level": "village", "commune_code": "04633", "village_name": "Bản Nậm Búng",
                         "technology": "fibre"}, {"commune_name": "Nậm Bùng", "district_name": "Văn Chấn"}])
    en, vi = _both(records, yenbai)
    assert en.loc[0, "reason"] == "a village record, but there is no village list of Yên Bái to check it against"
    assert vi.loc[0, "reason"] == "bản ghi cấp thôn/bản, nhưng chưa có danh mục thôn/bản của Yên Bái để đối chiếu"
    assert en["name_note"].tolist() == ["", "commune name spelt 'Nậm Búng' in the layer"]
    assert vi["name_note"].tolist() == ["", "tên xã trong danh mục viết là 'Nậm Búng'"]


def test_both_name_notes_are_joined_and_read_back_from_their_templates(layers):
    """dxmap.reconcile.outcomes reads the layer's spelling back from a note by the note's template."""
    records = _records([{"commune_name": "Đông Tâm", "village_name": "Bản Dán"}], level="village", technology="fibre")
    en, vi = _both(records, *layers)
    assert en.loc[0, "name_note"] == ("commune name spelt 'Đồng Tâm' in the layer; village name spelt 'Bản Đán' in "
                                      "the layer")
    assert vi.loc[0, "name_note"] == ("tên xã trong danh mục viết là 'Đồng Tâm'; tên thôn/bản trong danh mục viết là "
                                      "'Bản Đán'")
    for lang, out in (("en", en), ("vi", vi)):
        read = [re.search(re.escape(LABELS[lang][key]).replace(re.escape("{name}"), "(.*?)"), out.loc[0, "name_note"])
                for key in ("rsn_note_commune", "rsn_note_village")]
        assert [m[1] for m in read] == ["Đồng Tâm", "Bản Đán"]


# --- duplicates ---------------------------------------------------------------------------------------------------
def test_duplicates_in_both_languages(layers):
    raw = pd.DataFrame({"commune_code": ["00001", "1", "00001"], "technology": "lan",
                        "status": ["none", "none", "covered"], "as_of": "2024-06-30"})
    en, vi = _both(as_records(raw, where="r.csv"), *layers)  # rows by the index (QA69 F2; was row 2)
    assert en["outcome"].tolist() == ["matched", "ignored", "duplicate"]  # row 1 a copy of row 0 (QA72 K12)
    assert en["reason"].tolist() == [
        "", "a word-for-word copy of row 0 of r.csv (same unit, technology, date, status and note): counted once",
        "same unit, technology and date as row 0 of r.csv, with another status (covered here, none there): the first "
        "is kept; correct one of them"]
    assert vi["reason"].tolist() == [
        "", "chép y nguyên dòng 0 của r.csv (cùng đơn vị, hạ tầng, ngày, trạng thái và ghi chú): chỉ tính một lần",
        "cùng đơn vị, hạ tầng và ngày với dòng 0 của r.csv; dòng này ghi “Đã có”, dòng đó ghi “Chưa có”: tạm lấy "
        "dòng đó; hãy sửa một trong hai"]


# --- boundary versions: the 2025-07 units and the crosswalk ---------------------------------------------------
def test_2024_communes_named_in_records_for_the_2025_units(caplog):
    records = _records([{"commune_name": "A Lù"}, {"commune_code": "02647", "commune_name": "Kim Tân"}])
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        en, vi = _both(records, bundled_units_2025(), records_version="2025-07")
    assert en["outcome"].tolist() == ["unmatched", "conflict"]
    assert en.loc[0, "reason"] == (
        "no commune named A Lù; a commune until 1 July 2025: 02692 Xã A Lù (Huyện Bát Xát) is part of 02701 Xã Y Tý. "
        "Name the unit it is part of since 1 July 2025")
    assert vi.loc[0, "reason"] == (
        "không có xã nào tên A Lù; là xã cũ (đến ngày 1/7/2025): 02692 Xã A Lù (Huyện Bát Xát) nay thuộc 02701 Xã Y "
        "Tý. Hãy ghi đơn vị mới (từ ngày 1/7/2025)")
    # how to read the file as written for the 2024 units: once, for whoever runs dxmap, in each language
    said = [r.getMessage() for r in caplog.records]
    assert ("1 record names a commune of before 1 July 2025 that the 2025-07 commune layer does not hold. If the file "
            "is written for the 2024 units, read it with --records-version 2024 (records_version='2024' in Python).") in said
    assert any(m.startswith("1 bản ghi ghi tên xã cũ (trước ngày 1/7/2025)") and "records_version='2024'" in m
               for m in said)
    assert en.loc[0, "suggestions"].startswith("02701 Y Tý (since 1 July 2025); ")
    assert vi.loc[0, "suggestions"] == en.loc[0, "suggestions"].replace("(since 1 July 2025)", "(từ 1/7/2025)")
    assert en.loc[1, "reason"] == (
        "commune code 02647 is Lào Cai but the name says Kim Tân; this code and name are the 2024 unit: the record "
        "seems written for version 2024")
    assert vi.loc[1, "reason"] == (
        "mã xã 02647 là Lào Cai nhưng tên ghi là Kim Tân; mã và tên này là của một xã trong danh mục xã 2024, nên bản "
        "ghi có vẻ được viết theo danh mục 2024")
    assert any("--records-version 2024 (records_version='2024' in Python)" in m and "code and name of a 2024 unit" in m
               for m in said)  # the reused-codes line says how to read them


def test_a_2024_commune_that_went_partly_into_a_new_unit_says_so():
    cw = bundled_crosswalk()
    part = cw[cw["old_code"].eq("04603")].iloc[0]  # Xã Tà Si Láng: the others that went partly kept their names
    assert part["relation"] == "part"
    en, vi = _both(_records([{"commune_name": part["old_name"], "district_name": part["old_district_name"]}]),
                   bundled_units_2025(), records_version="2025-07")
    assert f" lies partly in {part['new_code']} " in en.loc[0, "reason"]
    assert f" nay có một phần thuộc {part['new_code']} " in vi.loc[0, "reason"]


def test_a_point_in_a_polygon_shared_by_several_2025_units():
    units = bundled_units_2025()
    p = units.set_index("code").geometry["03006"].representative_point()
    en, vi = _both(_records([{"lon": p.x, "lat": p.y, "boundary_version": "2025-07"}]), units)
    assert en.loc[0, "reason"] == ("the position (longitude, latitude) lies where the map draws several communes as "
                                   "one (03006, 03013, 03037); add the commune code")
    assert vi.loc[0, "reason"] == ("vị trí (kinh độ, vĩ độ) nằm trong vùng bản đồ vẽ chung cho nhiều xã (03006, 03013, "
                                   "03037); hãy ghi thêm mã xã")


def test_2024_records_the_crosswalk_cannot_move_and_merged_communes(caplog):
    cw = bundled_crosswalk().copy()
    cw.loc[cw["old_code"].eq("02872"), ["new_code", "new_name", "relation", "n_successors"]] = [pd.NA, pd.NA, "none", 0]
    en, vi = _both(_records([{"commune_code": "02872"}, {"commune_code": "02999"}]), bundled_units_2025(),
                   records_version="2024", crosswalk=cw)
    assert en["reason"].tolist() == [
        "a 2024 commune with no single 2025-07 successor in the crosswalk: 02872 (none); give its position "
        "(longitude, latitude) or the new unit's code",
        "a 2024 commune with no single 2025-07 successor in the crosswalk: 02999 (not in the crosswalk); give its "
        "position (longitude, latitude) or the new unit's code"]
    assert vi["reason"].tolist() == [
        "xã trong danh mục xã 2024 không có đúng một đơn vị kế thừa trong danh mục xã 2025-07 (theo bảng chuyển đổi): "
        "02872 (không có đơn vị kế thừa); hãy ghi vị trí (kinh độ, vĩ độ) hoặc mã của đơn vị mới",
        "xã trong danh mục xã 2024 không có đúng một đơn vị kế thừa trong danh mục xã 2025-07 (theo bảng chuyển đổi): "
        "02999 (không có trong bảng chuyển đổi); hãy ghi vị trí (kinh độ, vĩ độ) hoặc mã của đơn vị mới"]
    raw = pd.DataFrame({"commune_code": ["02641", "02644"], "technology": "lan", "status": "none",
                        "as_of": "2024-06-30"})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        en, vi = _both(as_records(raw, where="r.csv"), bundled_units_2025(), records_version="2024",
                       crosswalk=bundled_crosswalk())
    assert en.loc[1, "reason"] == ("same unit, technology and date as row 0 of r.csv; several former communes lie in "
                                   "this new unit: their statuses are to be summed up together")
    assert vi.loc[1, "reason"] == ("cùng đơn vị, hạ tầng và ngày với dòng 0 của r.csv; nhiều xã cũ nay thuộc cùng "
                                   "đơn vị mới này: trạng thái của các xã cũ cần được tổng hợp lại")
    said = [r.getMessage() for r in caplog.records]  # the Python function (and the option) once, for the user
    assert any(m.startswith("1 record of former communes lies in a new unit") and "crosswalk_summary in Python" in m for m in said)


# --- the messy corpus, the argument and the words -------------------------------------------------------------
def test_the_messy_corpus_has_no_english_left_in_vietnamese(demo):
    records = dxmap.read_records(Path(__file__).parent / "data" / "messy" / "names_codes.csv")
    en, vi = _both(records, demo.communes, demo.villages)
    told = en["outcome"].isin(["unmatched", "ambiguous", "conflict", "duplicate"]).to_numpy()
    assert told.sum() >= 5 and vi.loc[told, "reason"].ne(en.loc[told, "reason"]).all()


def test_lang_is_checked(layers):
    with pytest.raises(DxmapError, match=r"lang='fr'.*lang='vi' or lang='en'"):
        dxmap.reconcile(_records([{"commune_code": "00001"}]), *layers, lang="fr")


def test_every_reason_is_written_in_vietnamese():
    vietnamese = re.compile("[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.IGNORECASE)
    # a namesake's district is the layer's own words in Vietnamese ("thị xã Sa Pa"): its label is the unit and them
    for key in set(_REASON_KEYS) - {"rsn_namesake_district"}:
        assert LABELS["vi"][key] != LABELS["en"][key], key
        assert vietnamese.search(LABELS["vi"][key]), key
        assert _english_left(LABELS["vi"][key]) == set(), key
    assert {"commune", "village", "district", "per", "the", "layer", "since", "july"} <= ENGLISH  # the check can fail


def test_vietnamese_reasons_use_one_office_word_for_each_thing():
    """QA17 findings 8, 9: a commune reads "danh mục xã", "danh mục thôn/bản" and "vị trí (kinh độ, vĩ độ)", not GIS
    words ("bộ ranh giới", "lớp ranh giới", "lớp thôn/bản", "vùng ranh giới") nor column names (lon/lat, village_id);
    the options the officer passes to dxmap stay."""
    gis = re.compile(r"bộ ranh giới|lớp|vùng ranh giới|theo ranh giới|\blon\b|\blat\b|village_id|phiên bản")
    vi = {k: LABELS["vi"][k] for k in _REASON_KEYS}
    assert [k for k, text in vi.items() if gis.search(text)] == []
    assert all("danh mục" in vi[k] for k in ("rsn_code_unknown", "rsn_village_id_unknown", "rsn_note_commune",
                                              "rsn_note_village", "rsn_no_village_layer"))
    assert all("vị trí (kinh độ, vĩ độ)" in vi[k] for k in ("rsn_no_unit", "rsn_no_commune", "rsn_point_outside",
                                                            "rsn_point_shared_village", "rsn_crosswalk_lost"))


# QA17 finding 4: what goes to the commune names no option, argument, column name, CRS or Python function
_TECHNICAL = re.compile(r"--|\b[a-z]+_[a-z_]+\b|\b[a-z_]+=|lon/lat|\blon\b|\blat\b|WGS84|dxmap\.|\(\)|khi chạy lệnh|"
                        r"trong Python|command line|in Python")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_reason_names_an_option_or_a_technical_term(lang):
    """Every reason and row problem, in both languages, says what the commune must do in its words; how to run dxmap
    otherwise is said on the console, once (the "log_…" lines)."""
    keys = [k for k in LABELS[lang] if k.startswith(("rsn_", "row_"))]
    assert len(keys) >= 70
    words = {k: re.sub(r"\{[^{}]*\}", "X", LABELS[lang][k]) for k in keys}  # not the placeholders: {layer_name}
    assert {k: text for k, text in words.items() if _TECHNICAL.search(text)} == {}
    # the check can fail: the words it looks for are in the hints for the one who runs dxmap
    assert _TECHNICAL.search(LABELS[lang]["log_no_village_layer"]) and _TECHNICAL.search(LABELS[lang]["log_no_date"])


def test_every_reason_word_is_used():
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*.py")) if p.name != "labels.py")
    unused = [k for k in _REASON_KEYS if f'"{k}"' not in source and f"'{k}'" not in source
              and not (k in _DYNAMIC and _DYNAMIC[k] in source)]
    assert unused == []
    assert len(_REASON_KEYS) >= 39
