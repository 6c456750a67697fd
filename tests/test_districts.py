"""Finding a district by name or code, with or without diacritics."""

from __future__ import annotations

import pandas as pd
import pytest

import dxmap
from dxmap.errors import UnknownUnitError, UnmatchedRecordsError
from dxmap.reconcile.districts import filled_districts, in_district, resolve_district
from dxmap.validate.text import name_key


@pytest.fixture(scope="module")
def communes():
    return dxmap.bundled_communes()


@pytest.mark.parametrize("query", ["bat xat", "Bát Xát", "BÁT XÁT", "Huyện Bát Xát", "H. Bat Xat", "082", "82", " bat  xat "])
def test_spellings_find_bat_xat(communes, query):
    assert resolve_district(query, communes) == ("082", "Bát Xát")


@pytest.mark.parametrize(("query", "code"), [("Sapa", "088"), ("TX Sapa", "088"), ("batxat", "082"), ("Bắc Hà", "085")])
def test_words_run_together_still_find_the_district(communes, query, code):
    assert resolve_district(query, communes)[0] == code


@pytest.mark.parametrize("query", ["tỉnh Yên Bái", "Tỉnh Lào Cai", "TỈNH Lào Cai", "province Lao Cai"])
def test_a_province_is_no_district(query, yenbai):
    """A planner of the merged province asked for "tỉnh Yên Bái" and got the city of Yên Bái, without a word (QA18):
    a query that starts with "tỉnh" (with its diacritics: "Tĩnh Gia" is a district) is refused, saying so."""
    from dxmap.io.bundled import bundled_units_2025
    from dxmap.reconcile.districts import resolve_former_district

    refused = r"names a province \(tỉnh\), and a district is asked for"
    with pytest.raises(UnknownUnitError, match=refused):
        resolve_district(query, yenbai)
    with pytest.raises(UnknownUnitError, match=refused):
        resolve_former_district(query, bundled_units_2025())
    assert resolve_district("Yên Bái", yenbai)[0] == "132"  # the city, asked for by its own name
    assert resolve_former_district("Thành phố Yên Bái", bundled_units_2025())[0] == "132"


def test_a_province_typed_without_diacritics_is_no_district_and_a_city_is_no_province():
    """QA19 finding 6: "tinh lao cai" (no diacritics) gave the city of Lào Cai without a word, and --province "TP Yên
    Bái" the province. "tinh" + the name of a province of the layer is that province, unless a district bears the
    whole name ("Tĩnh Gia"); a province query that starts with a city's or district's word is refused, as is ''."""
    from dxmap.io.bundled import bundled_old_communes, bundled_units_2025
    from dxmap.reconcile.districts import resolve_former_district, resolve_province

    both = bundled_old_communes()
    for query in ("tinh lao cai", "tinh yen bai", "Tinh Yen Bai"):
        with pytest.raises(UnknownUnitError, match=r"names a province \(tỉnh\).*province='(lao cai|yen bai|Yen Bai)'"):
            resolve_district(query, both)
        with pytest.raises(UnknownUnitError, match=r"names a province \(tỉnh\)"):
            resolve_former_district(query, bundled_units_2025())
    gia = pd.DataFrame({"district_code": ["390"], "district_name": ["Huyện Tĩnh Gia"], "province_code": ["38"],
                        "province_name": ["Tỉnh Gia"], "code": ["15000"]})  # a district bearing the whole name
    assert resolve_district("tinh gia", gia) == ("390", "Huyện Tĩnh Gia")
    for query, rest in (("TP Yên Bái", "Yên Bái"), ("Thành phố Lào Cai", "Lào Cai"), ("tp. yen bai", "yen bai"),
                        ("huyện Văn Yên", "Văn Yên")):
        with pytest.raises(UnknownUnitError, match=rf"names a city or district .* pass district='{rest}'"):
            resolve_province(query, both)
    with pytest.raises(UnknownUnitError, match="is empty"):
        resolve_province("  ", both)
    assert resolve_province("tỉnh cũ Yên Bái", both) == ("15", "Yên Bái")


def test_a_former_province_by_the_code_the_new_province_took_is_read_with_a_warning(caplog):
    """QA19 finding 2: --province 15 on the 2025-07 units silently meant former Yên Bái, though 15 is the new Lào
    Cai's code since 1 July 2025; it still does (a former province is asked for), and says so."""
    import logging

    from dxmap.io.bundled import bundled_units_2025
    from dxmap.reconcile.districts import resolve_former_province

    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert resolve_former_province("15", bundled_units_2025()) == ("15", "Yên Bái")
    assert "read as the former province (tỉnh cũ) Yên Bái" in caplog.text and "Lào Cai has it since" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):
        assert resolve_former_province("yen bai", bundled_units_2025())[0] == "15"
        assert resolve_former_province("10", bundled_units_2025()) == ("10", "Lào Cai")
    assert caplog.text == ""


@pytest.mark.parametrize(("query", "names", "ask"), [
    ("Phường Lào Cai", ["02641 Phường Lào Cai (district: Lào Cai (former city)) of the boundary set",
                        "2025-07 commune 02647 Phường Lào Cai (former district: Lào Cai (former city), Bảo Thắng)"],
     "district='Lào Cai' or district='Thành phố Lào Cai'; for the commune, commune='Lào Cai'"),
    ("Thị trấn Bát Xát", ["02683 Thị trấn Bát Xát (district: Bát Xát)", "2025-07 commune 02683 Xã Bát Xát"],
     "district='Bát Xát'; for the commune, commune='Bát Xát'"),
    ("P. Sa Pa", ["03001 Phường Sa Pa", "2025-07 commune 03006 Phường Sa Pa"],
     "district='Sa Pa' or district='Thị xã Sa Pa'; for the commune, commune='Sa Pa'"),
    ("Xã Bảo Yên", ["It names the 2025-07 commune 02947 Xã Bảo Yên (former district: Bảo Yên)"],
     "district='Bảo Yên'; for the commune, commune='Bảo Yên'"),
    ("Xã Y Tý", ["02701 Xã Y Tý (district: Bát Xát) of the boundary set"], "district='Bát Xát'; for the commune"),
])
def test_a_district_written_with_a_commune_s_word_is_not_read_as_the_district(communes, query, names, ask):
    """Session 32: on 2024 units "Phường Lào Cai" was read as the city of Lào Cai (080), "Thị trấn Bát Xát" as the
    district, the unit word dropped before the lookup, without a word (on 2025-07 units it is told it is a commune).
    It is refused, saying what it names (the 2024 commune, the 2025-07 unit) and how to ask for either."""
    with pytest.raises(UnknownUnitError, match="is written as a commune or ward, so it is not read as a district") as e:
        resolve_district(query, communes)
    assert all(n in str(e.value) for n in names) and ask in str(e.value), str(e.value)
    district = ask.split("'")[1]
    assert resolve_district(district, communes)[1] == district  # as the error asks for it
    assert resolve_district("Thành phố Lào Cai", communes) == ("080", "Lào Cai")


def test_a_district_whose_name_reads_as_a_commune_word_is_found():
    """A district the layer names so ("Xà Phìn" folds to "xa phin") is found: only a word the layer's names lack
    is refused."""
    layer = pd.DataFrame({"code": ["00001", "00002"], "name": ["A", "B"], "district_code": ["001", "002"],
                          "district_name": ["Xà Phìn", "Bản Phố"]})
    assert resolve_district("Xà Phìn", layer) == ("001", "Xà Phìn")
    assert resolve_district("xa phin", layer) == ("001", "Xà Phìn")


def test_unknown_district_suggests_closest(communes):
    with pytest.raises(UnknownUnitError, match=r"no district 'bat sat'.*Closest: 'Bát Xát \(082\)'"):
        resolve_district("bat sat", communes)
    with pytest.raises(LookupError):  # DxmapError subclasses also inherit the builtin
        resolve_district("999", communes)


def test_an_unknown_district_asks_for_a_code_of_the_layer_s_length(communes):
    """QA67 F10: a Thai layer's amphoe codes have 2 digits, a Peruvian one's provinces 4: the error asked for "a
    3-digit code" everywhere."""
    with pytest.raises(UnknownUnitError, match=r"Give a name \(diacritics optional\) or a 3-digit code; all districts"):
        resolve_district("bat sat", communes)
    layer = pd.DataFrame({"code": ["500101", "500201"], "name": ["Chang Phueak", "Mae Rim"],
                          "district_code": ["01", "02"], "district_name": ["Mueang", "Mae Rim"]})
    with pytest.raises(UnknownUnitError, match=r"or a 2-digit code; all districts: 'Mae Rim \(02\)'") as caught:
        resolve_district("San Sai", layer)
    assert "hoặc mã 2 chữ số; các huyện" in caught.value.dxmap_said["vi"]
    with pytest.raises(UnknownUnitError, match=r"or a 4-digit code"):
        resolve_district("Camacho", layer.assign(district_code=["0201", "0202"]))
    with pytest.raises(UnknownUnitError, match=r"or its code; all districts"):
        resolve_district("Camacho", layer.assign(district_code=["0201", "MR-02"]))


def test_in_district_keeps_only_that_district(communes):
    kept = in_district(communes, "082")
    assert len(kept) == 21 and set(kept["district_code"]) == {"082"}
    assert in_district(communes, None) is communes


# --- districts from names alone, or from codes alone --------------------------------------------------------

@pytest.fixture(scope="module")
def yenbai():
    """Yên Bái's 168 communes of 2025-01 (bundled, real): 9 districts, Văn Chấn with 24 communes."""
    from dxmap.io.bundled import data_dir

    return dxmap.as_communes(dxmap.read_boundaries(data_dir() / "boundaries" / "yenbai_communes_2025-01_derived.geojson"))


def test_a_layer_that_names_its_districts_without_codes_has_one_district_per_name(yenbai):
    names_only = yenbai.assign(district_code=pd.NA)  # as /tmp/qa_yb/v5_communes.geojson: code, name, district_name
    names_only.loc[names_only.index[:1], "district_name"] = "Thành phố Yên Bái"  # one row spelt with its unit word
    filled = filled_districts(names_only)
    assert filled["district_code"].nunique() == 9 and filled["district_name"].nunique() == 9
    assert resolve_district("van chan", names_only) == ("van chan", "Văn Chấn")
    assert len(in_district(filled, "van chan")) == 24
    assert filled.loc[names_only.index[:2], "district_name"].tolist() == ["Thành phố Yên Bái"] * 2  # one spelling
    with pytest.raises(UnknownUnitError, match=r"Closest: .+; all districts: 'Lục Yên', 'Mù Căng Chải', .*'Yên Bình'"):
        resolve_district("ha noi", names_only)
    # with the district layer, its codes
    districts = dxmap.as_districts(dxmap.read_boundaries(
        yenbai.attrs["source"].replace("communes_2025-01_derived", "districts_2025-01_derived")))
    assert filled_districts(names_only, districts)["district_code"].tolist() == yenbai["district_code"].tolist()
    assert names_only["district_code"].isna().all()  # the input is not changed


def test_a_layer_of_names_only_is_analysed_per_district(yenbai):
    """The map, the tables, the report and --district group by code: a layer without codes is not one district,
    and the total row comes after the districts."""
    from dxmap.render.tables import summary_table

    names_only = yenbai.assign(district_code=pd.NA)
    records = pd.DataFrame({"commune_code": names_only["code"], "technology": "lan", "status": "none",
                            "as_of": "2025-06-30"})
    data = dxmap.Dataset(communes=names_only, records=dxmap.as_records(records))
    whole = dxmap.analyse(data)
    table = summary_table(whole.status)
    assert len(table) == 10 and table["district_name"].iloc[-1] == "(total)" and table["none"].iloc[-1] == 168
    assert table["district_name"].iloc[:9].tolist() == sorted(table["district_name"].iloc[:9], key=name_key)
    one = dxmap.analyse(data, district="Văn Chấn")
    assert one.district == ("van chan", "Văn Chấn") and len(one.status) == 24


def test_a_layer_with_district_codes_but_no_names(communes):
    codes_only = communes.assign(district_name=pd.NA)
    assert resolve_district("082", codes_only) == ("082", "082")  # called by its code
    with pytest.raises(UnknownUnitError, match=r"all districts: '\(080\)', '\(082\)'"):
        resolve_district("bat xat", codes_only)
    named = filled_districts(codes_only, dxmap.bundled_districts())
    assert named["district_name"].tolist() == communes["district_name"].tolist()


def test_a_layer_without_districts_says_so(communes):
    with pytest.raises(UnknownUnitError, match=r"names no district .*columns=\{'district_name': 'Your header'\}"):
        resolve_district("bat xat", communes.assign(district_code=pd.NA, district_name=pd.NA))


def test_a_name_that_fits_several_districts_lists_their_codes():
    """Re-QA: "fits several districts: 'Van Chan', 'Van Chan'. Give its code." showed no code to give."""
    communes = pd.DataFrame({"district_code": ["140", "133"], "district_name": ["Van Chan", "Van Chan"]})
    with pytest.raises(UnknownUnitError, match=r"fits several districts: 'Van Chan \(140\)', 'Van Chan \(133\)'\. Give its code"):
        resolve_district("van chan", communes)


@pytest.mark.parametrize(("args", "said"), [
    (["--province", ""], "dxmap: lỗi: tỉnh '' để trống: hãy ghi tỉnh theo tên hoặc mã"),
    (["--province", "TP Lào Cai"], "dxmap: lỗi: tỉnh 'TP Lào Cai' là tên một thành phố hoặc huyện (TP), mà ở đây cần "
                                   "một tỉnh: hãy ghi tỉnh theo tên hoặc mã; muốn lấy các đơn vị của thành phố, huyện đó "
                                   "thì dùng --district 'Lào Cai'."),
    (["--units", "2025-07", "--province", "15"], "dxmap: tỉnh 15 trên ranh giới 2025-07 được hiểu là tỉnh cũ Yên Bái"),
])
def test_the_province_refusals_and_warning_speak_the_command_s_language(args, said):
    """An empty --province was the whole province without a word (QA19 finding 7); the refusals and the warning of
    finding 2 and 6 are said in Vietnamese on a Vietnamese console, with the command's options."""
    from click.testing import CliRunner

    from dxmap.cli import main

    result = CliRunner().invoke(main, ["summary", "--demo", *args, "-q"])
    assert said in result.stderr, result.stderr
    assert result.exit_code == (0 if "15" in args else 1)


@pytest.mark.parametrize("command", ["summary", "map", "report", "check"])
@pytest.mark.parametrize("units", [(), ("--units", "2025-07")])
def test_an_empty_district_is_refused_not_read_as_the_whole_province(command, units, tmp_path):
    """QA20 finding M3: ``--district "$HUYEN"`` with the variable unset gave the province's figures, exit 0."""
    from click.testing import CliRunner

    from dxmap.cli import main

    out = ["--out", str(tmp_path / ("o.html" if command == "map" else "o"))] if command in ("map", "report") else []
    args = [command, "--demo", "--district", "", *([] if command == "check" else units), *out, "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "để trống: hãy ghi huyện theo tên hoặc mã" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())
    with pytest.raises(UnknownUnitError, match=r"district (\(huyện cũ\) )?'' is empty: give a district by name or code"):
        dxmap.analyse(dxmap.demo_dataset(), district="", units=units[1] if units else None)


def test_a_district_named_with_its_unit_word_is_not_named_twice():
    """QA29: with a district column of full names, the head line said "district Huyện Bát Xát"."""
    from dxmap.reconcile.districts import district_words

    assert district_words("Huyện Bát Xát", None, "en") == "district Bát Xát"
    assert district_words("Huyện Bát Xát", None, "vi") == "huyện Bát Xát"
    assert district_words("Thị xã Sa Pa", None, "vi") == "thị xã Sa Pa"
    assert district_words("Bát Xát", None, "vi") == "huyện Bát Xát"


def test_a_former_city_is_named_in_sentences_as_the_tables_name_it():
    """Session 32: head lines and log lines said "former district (huyện cũ) Lào Cai" in English and "thành phố Lào
    Cai (cũ)" in Vietnamese, where the tables say "Lào Cai (former city)" / "Lào Cai (thành phố cũ)"."""
    from dxmap.reconcile.districts import district_words

    assert district_words("Lào Cai", "Thành phố Lào Cai", "en", former=True) == "Lào Cai (former city)"
    assert district_words("Lào Cai", "Thành phố Lào Cai", "vi", former=True) == "Lào Cai (thành phố cũ)"
    assert district_words("Sa Pa", "Thị xã Sa Pa", "vi", former=True) == "Sa Pa (thị xã cũ)"
    assert district_words("Bát Xát", "Huyện Bát Xát", "en", former=True) == "former district (huyện cũ) Bát Xát"
    assert district_words("Bát Xát", "Huyện Bát Xát", "vi", former=True) == "huyện cũ Bát Xát"


def test_a_district_the_records_say_nothing_of_is_warned(demo, caplog):
    """QA39 L10: a district of no record printed a table of "unknown" only, without a word."""
    import logging

    records = demo.records[demo.records["district_name"].ne("Mường Khương")]
    data = dxmap.Dataset(records=records, outcomes=dxmap.reconcile(records, demo.communes, demo.villages),
                         communes=demo.communes, districts=demo.districts, villages=demo.villages)
    for district, warned in (("Mường Khương", True), ("Bát Xát", False)):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="dxmap"):
            dxmap.analyse(data, district=district)
        assert ("no matched record of the files is of" in caplog.text) is warned, caplog.text
    later = records[~(records["district_name"].eq("Bát Xát") & records["as_of"].lt("2024-06-30"))]
    data = dxmap.Dataset(records=later, outcomes=dxmap.reconcile(later, demo.communes, demo.villages),
                         communes=demo.communes, districts=demo.districts, villages=demo.villages)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="dxmap"):  # QA40 M3: the district's records are later
        dxmap.analyse(data, district="Bát Xát", as_of="2024-04-30")
    assert "the records of district Bát Xát (082) begin on 2024-06-30, after the picture's date" in caplog.text
    assert "no matched record" not in caplog.text


def test_a_misspelt_district_is_said_before_the_records_that_did_not_match(demo):
    """QA39 L4: "Bat Sat" was said only after the refusal of the unmatched records: the cheaper fix comes first."""
    records = demo.records.copy()
    records.loc[0, "commune_code"] = "99999"
    data = dxmap.Dataset(records=records, outcomes=dxmap.reconcile(records, demo.communes, demo.villages),
                         communes=demo.communes, districts=demo.districts, villages=demo.villages)
    with pytest.raises(UnknownUnitError, match="no district 'Bat Sat'"):
        dxmap.analyse(data, district="Bat Sat")
    with pytest.raises(UnmatchedRecordsError):
        dxmap.analyse(data, district="Lào Cai")  # the district the record names (QA56 1: another's does not stop it)
    assert dxmap.analyse(data, district="Bát Xát").summary["gaps"]["fibre"]["count"] == 17


# --- communes (QA66 F4) ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["y ty", "Y Tý", "Xã Y Tý", "X. Y Ty", "02701", "2701", "YTý"])
def test_spellings_find_y_ty(communes, query):
    from dxmap.reconcile.districts import resolve_communes

    assert resolve_communes(query, communes) == (("02701", "Y Tý"),)


def test_communes_keep_their_order_and_are_found_once(communes):
    from dxmap.reconcile.districts import resolve_communes

    found = resolve_communes(["Y Tý", "a mu sung", "02695", "xã y tý"], communes)
    assert found == (("02701", "Y Tý"), ("02686", "A Mú Sung"), ("02695", "Trịnh Tường"))


def test_a_name_two_communes_share_is_refused_with_codes_and_districts(communes):
    from dxmap.reconcile.districts import resolve_communes

    with pytest.raises(UnknownUnitError) as err:
        resolve_communes("thanh binh", communes)
    assert "Thanh Bình (02779, Mường Khương)" in str(err.value) and "Thanh Bình (03022, Sa Pa)" in str(err.value)
    sa_pa = resolve_district("sa pa", communes)  # in one district, it is that district's
    assert resolve_communes("thanh binh", communes, district=sa_pa) == (("03022", "Thanh Bình"),)
    with pytest.raises(UnknownUnitError, match="03001.*03002"):  # "sa pa" fits both; "Sa Pả" only one
        resolve_communes("sa pa", communes)
    assert resolve_communes("Sa Pả", communes) == (("03002", "Sa Pả"),)


def test_unknown_empty_and_outside_communes_are_refused(communes):
    from dxmap.reconcile.districts import resolve_communes

    with pytest.raises(UnknownUnitError, match="no commune 'y tyy'.*Closest: Y Tý \\(02701, Bát Xát\\)"):
        resolve_communes("y tyy", communes)
    for empty in ("", "  ", []):
        with pytest.raises(UnknownUnitError, match="empty"):
            resolve_communes(empty, communes)
    with pytest.raises(UnknownUnitError, match=r"Y Tý \(02701, Bát Xát\), not of district Sa Pa \(088\)"):
        resolve_communes(["y ty"], communes, district=resolve_district("sa pa", communes))


def test_the_2025_units_are_found_and_a_former_commune_names_its_unit():
    from dxmap.io.bundled import bundled_units_2025
    from dxmap.reconcile.districts import resolve_communes, resolve_former_district

    units = bundled_units_2025()
    assert resolve_communes(["Y Tý", "a mu sung"], units) == (("02701", "Y Tý"), ("02686", "A Mú Sung"))
    with pytest.raises(UnknownUnitError, match="former commune A Lù, part of Y Tý \\(02701\\).*commune='Y Tý'"):
        resolve_communes("a lu", units)
    van_chan = resolve_former_district("van chan", units)
    with pytest.raises(UnknownUnitError, match="not of former district"):
        resolve_communes("y ty", units, district=van_chan)


@pytest.mark.parametrize("code", ["02950", "2950"])
def test_a_former_commune_s_code_names_its_unit_as_its_name_does(code):
    """QA71 C7: `--commune 02950` (former Tân Tiến's code) was refused with the closest names of the layer, wards of
    the former city of Lào Cai; its name gets the unit it went into. So does its code now, in both languages. A code
    that is a 2025-07 unit's (02953, Nghĩa Đô, also a former commune's) is that unit."""
    from click.testing import CliRunner

    from dxmap.cli import main
    from dxmap.io.bundled import bundled_units_2025
    from dxmap.reconcile.districts import resolve_communes

    units = bundled_units_2025()
    with pytest.raises(UnknownUnitError, match=f"'{code}' is the code of the former commune Tân Tiến, part of Nghĩa "
                                               "Đô \\(02953\\).*commune='Nghĩa Đô'") as caught:
        resolve_communes(code, units)
    assert "Closest" not in str(caught.value)
    result = CliRunner().invoke(main, ["summary", "--demo", "--units", "2025-07", "--commune", code, "-q"])
    assert result.exit_code == 1 and result.output.strip().splitlines()[-1] == (
        f"dxmap: lỗi: '{code}' là mã của xã cũ Tân Tiến, từ ngày 1/7/2025 thuộc Nghĩa Đô (02953): đơn vị 2025-07 "
        "không còn xã đó; hãy ghi đơn vị mới, ví dụ --commune 'Nghĩa Đô'.")
    assert resolve_communes("02953", units) == (("02953", "Nghĩa Đô"),)
