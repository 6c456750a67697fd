"""Words shown to people, in Vietnamese (default) and English.

A label is filled in by :func:`label` (and by the page script's ``dxmap.fmt``): ``{n}`` is a value, ``{n|row|rows}``
the English word for how many ``n`` is."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Lang", "label", "LABELS", "date_text", "text_columns"]

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
        "districts": "Ranh giới huyện",
        "shared_polygon": "Các đơn vị dưới đây chỉ có chung một ranh giới (không tách được)",
        "legend": "Chú giải", "all_districts": "Tất cả các huyện",
        "headline": "{n} {unit} chưa có {tech}",
        # change between snapshots (dxmap.gaps.change) and the printable report (dxmap.render.report)
        "chg_fixed": "Đã có (ra khỏi danh sách)", "chg_stayed": "Vẫn chưa có", "chg_new": "Mới chưa có",
        "chg_layer": "Thay đổi {since}", "chg_since": "từ sau {date}", "chg_quarter": "quý {q}/{y}",
        "chg_gained": "{n} {unit} đã có {tech} {since}", "chg_lost": "{n} {unit} mới chưa có {tech} {since}",
        "chg_still": "{n} {unit} vẫn chưa có {tech}",
        "chg_tech_mobile": "băng rộng di động", "chg_tech_fibre": "cáp quang (FTTH)", "chg_tech_lan": "mạng LAN chuẩn",
        "rpt_title": "Báo cáo hạ tầng số còn thiếu", "rpt_compared": "So sánh với ngày {date}",
        "rpt_no_previous": "Không có số liệu kỳ trước để so sánh",
        "rpt_headline": "Tổng hợp", "rpt_by_district": "Theo huyện", "rpt_maps": "Bản đồ",
        "rpt_gap_list": "Danh sách thôn/bản và xã còn thiếu", "rpt_technology": "Hạ tầng", "rpt_level": "Cấp",
        "rpt_without": "Chưa có ({date})", "rpt_change": "Thay đổi", "rpt_fixed": "Đã có thêm",
        "rpt_new": "Mới chưa có", "rpt_stayed": "Vẫn chưa có", "rpt_missing": "Còn thiếu",
        "rpt_new_since": "Mới chưa có {since}", "rpt_total": "Tổng", "rpt_page": "Trang {n}",
        "rpt_made": "Tạo bằng dxmap {version}", "rpt_none_left": "Không còn đơn vị nào thiếu.",
        "rpt_count_note": "Chỉ đếm các đơn vị có trạng thái “chưa có”; lõm sóng, đã có kế hoạch và chưa rõ "
                          "(không có số liệu) không được cộng vào.",
        "rpt_units": "{nv} thôn/bản, {nc} xã/phường", "rpt_about": "Thông tin",
        # the report's tables, source-and-method block and files (dxmap.render.report)
        "rpt_units_total": "Số đơn vị", "rpt_unknown_short": "Chưa rõ", "rpt_share": "Tỷ lệ (%)",
        "rpt_people": "Số dân", "rpt_of": "{n} trong {total} {unit} ({share})", "rpt_district_code": "Mã huyện",
        "rpt_village_id": "Mã thôn/bản", "rpt_record_date": "Ngày số liệu",
        "rpt_method": "Nguồn số liệu và cách tính", "rpt_by_commune": "Theo xã", "rpt_item": "Mục",
        "rpt_value": "Nội dung", "rpt_m_records": "Số liệu trạng thái", "rpt_m_file": "{file}: {n} bản ghi, {dates}",
        "rpt_m_more_files": "… và {n} tệp khác", "rpt_m_matching": "Đối chiếu với ranh giới",
        "rpt_m_sources": "Đơn vị cung cấp", "rpt_m_boundaries": "Ranh giới", "rpt_m_dates": "Ngày",
        "rpt_m_dates_text": "Tình trạng tại {date}: mỗi đơn vị lấy bản ghi mới nhất đến ngày này.",
        "rpt_m_compared": "So sánh với tình trạng tại {date}.", "rpt_m_rule": "Cách đếm",
        "rpt_m_rule_text": "Chỉ đếm các đơn vị có trạng thái “chưa có”. “Chưa rõ” (không có bản ghi) không bao giờ "
                           "được tính là “chưa có”, và được nêu riêng; lõm sóng và đã có kế hoạch cũng không được "
                           "cộng vào.",
        "rpt_m_unknown": "Chưa rõ tại {date}: {list}.",
        "rpt_m_share": "Tỷ lệ: số đơn vị chưa có trên tổng số đơn vị cùng cấp trong phạm vi báo cáo (kể cả đơn vị "
                       "chưa rõ).",
        "rpt_m_people": "Số dân: tổng cột population của các thôn/bản chưa có (lớp thôn/bản), làm tròn.",
        "rpt_m_people_missing": "{n} thôn/bản chưa có số dân (tính là 0).", "rpt_b_communes": "{n} xã/phường",
        "rpt_b_villages": "{n} thôn/bản", "rpt_b_districts": "{n} huyện", "rpt_b_version": "ranh giới {version}",
        "rpt_b_points": "điểm", "rpt_b_areas": "vùng", "rpt_o_matched": "khớp", "rpt_o_unmatched": "không khớp",
        "rpt_o_ambiguous": "không xác định được đơn vị", "rpt_o_duplicate": "trùng", "rpt_o_conflict": "mâu thuẫn",
        "rpt_o_ignored": "bỏ qua (dòng tổng, tiêu đề, dòng trống)", "rpt_o_invalid": "không đọc được",
        "rpt_records_n": "{n} bản ghi", "rpt_run_title": "{title} — {date}", "rpt_doc": "Báo cáo",
        "rpt_compared_item": "So sánh với ngày", "rpt_former_district_code": "Mã huyện cũ",
        "rpt_by_former_district": "Theo huyện cũ", "rpt_former_commune": "Xã cũ",
        "rpt_former_commune_code": "Mã xã cũ", "rpt_tech_former": "{tech} (xã cũ)",
        "rpt_units_former": "{nv} thôn/bản, {nc} xã cũ", "rpt_m_units": "Đơn vị hành chính",
        "rpt_m_units_text": "Số liệu ghi theo đơn vị năm 2024, thể hiện theo {n} xã/phường của ranh giới 2025-07 "
                            "(sau sắp xếp ngày 1/7/2025) qua bảng chuyển đổi: mỗi thôn/bản giữ trạng thái của mình "
                            "({loc} thôn/bản của xã chỉ nhập một phần được đặt theo vị trí). Mạng LAN chuẩn được "
                            "đếm theo {nf} xã cũ (“k trong n xã cũ”), không gán một trạng thái chung cho xã mới: "
                            "trụ sở xã mới là một trong các trụ sở cũ và số liệu không cho biết là trụ sở nào. Cấp "
                            "huyện không còn: các bảng nhóm theo huyện cũ, một xã mới nằm trên hai huyện cũ có mặt "
                            "ở cả hai.",
        "rpt_m_units_2025": "Ranh giới 2025-07 ({n} xã/phường); cấp huyện không còn, các bảng nhóm theo huyện cũ.",
        "rpt_m_approx": "{n} xã có ranh giới gần đúng (nét đứt trên bản đồ): {list}.",
        "rpt_m_no_data": "{n} xã không có bản ghi nào: chưa rõ (gạch chéo trên bản đồ), không phải “chưa có”.",
        "rpt_k_of_n": "Số trên xã: số xã cũ chưa có / số xã cũ",
        # the 2025-07 units: a 2024 commune counted in a merged commune (unit word; plural map_former_communes)
        "former_commune": "xã cũ",
        # the planner map page (dxmap.render.webmap)
        "map_basemap_online": "Bản đồ nền OpenStreetMap (cần Internet)",
        "map_basemap_failed": "Không tải được bản đồ nền (không có mạng?); ranh giới và mọi chức năng vẫn dùng được.",
        "map_district_filter": "Huyện", "map_technology": "Hạ tầng", "map_labels": "Tên xã, huyện",
        "map_search": "Tìm xã hoặc thôn/bản", "map_search_hint": "gõ tên, có dấu hoặc không",
        "map_no_match": "Không tìm thấy", "map_more": "… và {n} kết quả khác",
        "map_table_title": "Đơn vị đang hiển thị: {tech}", "map_rows_shown": "Hiển thị {shown} trong {total} dòng; tệp CSV có đủ.",
        "map_download_csv": "Tải CSV", "map_show_table": "Hiện bảng", "map_hide_table": "Ẩn bảng", "map_print": "In bản đồ",
        "map_shared_short": "{n} đơn vị chung một ranh giới", "map_show_status": "Hiện trên bản đồ và trong bảng: {status}",
        "map_fill_gaps": "Số thôn/bản chưa có trong mỗi xã ({tech})",
        "map_fill_nodata": "chưa có số liệu thôn/bản nào", "map_fill_lan": "Màu xã: trạng thái ({tech})",
        "map_id": "Mã", "map_commune_code": "Mã xã", "map_district_code": "Mã huyện", "map_former_district_code": "Mã huyện cũ", "map_lon": "Kinh độ", "map_lat": "Vĩ độ", "map_kind_district": "huyện",
        "map_zoom_to": "Phóng tới {name}", "map_rows": "{n} dòng",
        "map_short_mobile": "Di động", "map_short_fibre": "Cáp quang", "map_short_lan": "LAN",
        "map_shared_line": "Nhiều xã chung một ranh giới",
        "map_former_without": "{k}/{n} xã cũ chưa có {tech}", "map_former_some": "1–n xã cũ chưa có",
        "map_former_nodata": "{n} xã cũ: chưa có số liệu", "map_former_list": "Xã cũ chưa có",
        "map_nodata": "chưa có số liệu cho {n} {units}", "map_no_units": "không có {units} nào",
        "map_former_partly": "gồm {n} xã mới nằm một phần trong huyện cũ",
        "map_approx_line": "Ranh giới gần đúng", "map_former_district_filter": "Huyện cũ",
        # why a 2025-07 outline is approximate (the layer's approximate_kind), as the commune card says it
        "approx_part": "chỉ một phần của một xã cũ nhập vào xã này, nhưng cả ranh giới xã cũ được vẽ",
        "approx_shared": "vẽ chung một ranh giới với {others}: ranh giới xã cũ không chia được",
        "approx_extra": "ranh giới xã cũ được vẽ gồm cả phần không thuộc xã mới nào",
        "map_all_former_districts": "Tất cả các huyện cũ", "map_commune_filter": "Xã", "map_all_communes": "Tất cả các xã", "map_former_gap_share": "{k} trong {n} xã cũ chưa có {tech} ({share})",
        "map_simplified": "Ranh giới đã đơn giản hóa ~{m} m",
        "map_menu": "Tìm kiếm, lớp bản đồ, in", "map_download_png": "Tải ảnh PNG",
        "map_gap_share": "{n} trong {total} {units} chưa có ({share})", "map_nearby": "{n} đơn vị ở cùng chỗ",
        "map_gap_villages_in": "Thôn/bản chưa có {tech}", "map_png_note": "Tạo bằng dxmap",
        "map_people": "~{n} người", "map_people_note": "Số dân ở các thôn/bản chưa có (cột population, làm tròn)",
        "map_people_col": "Số dân", "map_former_communes": "xã cũ", "map_former_district_line": "Ranh giới huyện cũ",
        "any": "Thiếu ít nhất một hạ tầng", "map_short_any": "Bất kỳ",
        "map_any_share": "{n} trong {total} thôn/bản thiếu ít nhất một hạ tầng ({share}) · {c} xã/phường có thiếu",
        "map_any_note": "Xã/phường có thiếu: chưa có mạng LAN chuẩn, hoặc có thôn/bản thiếu di động hoặc cáp quang",
        "map_missing": "Thiếu: {techs}",
        "map_change_gone": "{n} {units} chỉ có trong số liệu ngày {date} (không tính vào thay đổi)",
        # the summary as a text table and CSV (dxmap.render.tables, dxmap.gaps.change): the report's words
        "sum_as_of": "Số liệu đến ngày {date}", "sum_newest": "bản ghi mới nhất ngày {date}",
        "sum_compared": "Số liệu đến ngày {date}, so sánh với ngày {before}",
        "sum_district": "huyện {name}", "sum_former_district": "huyện cũ {name}",
        "sum_units_2025": "ranh giới 2025-07", "sum_crosswalk": "từ số liệu {version} qua bảng chuyển đổi",
        "sum_illustrative": "DỮ LIỆU MINH HỌA", "sum_technology": "Hạ tầng", "sum_level": "Cấp",
        "sum_none": "Chưa có", "sum_weak": "Lõm sóng", "sum_planned": "Có kế hoạch", "sum_unknown": "Chưa rõ",
        "sum_covered": "Đã có", "sum_total": "Tổng", "sum_former_level": "xã cũ",
        "sum_district_col": "Huyện", "sum_former_district_col": "Huyện cũ",
        "sum_units": "Đơn vị: {nc} xã/phường, {nv} thôn/bản",
        "sum_units_no_villages": "Đơn vị: {nc} xã/phường; không có thôn/bản nào được tính (không có lớp thôn/bản)",
        "sum_units_former": "Đơn vị: {nc} xã/phường (ranh giới 2025-07), gồm {nf} xã cũ; {nv} thôn/bản",
        "sum_former_nodata": "không có số liệu: cả {n} xã cũ đều không có bản ghi về {tech}",
        "sum_former_line": "{tech}: {text} ({m} xã cũ không có số liệu); đếm theo xã cũ: trụ sở xã mới là một "
                           "trong các trụ sở cũ và số liệu không cho biết là trụ sở nào",
        "sum_no_data": "Không có số liệu: {k} trong {n} xã/phường không có bản ghi nào (chưa rõ, không phải "
                       "“chưa có”)",
        "sum_former_districts": "Cấp huyện không còn: các bảng nhóm theo huyện cũ",
        "chg_col_now": "Kỳ này", "chg_col_then": "Kỳ trước", "chg_col_fixed": "Đã có thêm",
        "chg_col_new": "Mới chưa có", "chg_col_stayed": "Vẫn chưa có", "chg_col_left": "Sang trạng thái khác",
        "chg_former_text": "{text} (ngày {date}: {previous}): {fixed} đã có thêm,{left} {new} mới chưa có, {stayed} "
                           "vẫn chưa có; đếm theo xã cũ",
        # units that were "chưa có" and are now weak, planned or unknown: off the gap list, not covered
        "chg_left": "{n} {unit} chưa có {tech} đã chuyển sang trạng thái khác {since}, chưa phải đã có: {statuses}",
        "chg_former_left": " {n} sang trạng thái khác,", "rpt_left": "Sang trạng thái khác",
        "chg_former_nodata": "{text} (chưa rõ, không phải “chưa có”)",
        # the gap list: a commune's point on an outline it shares with other communes is not its own
        "rpt_location": "Vị trí", "rpt_location_shared": "gần đúng: chung ranh giới với {others}",
    },
    "en": {
        "mobile": "Mobile broadband", "fibre": "Fibre (FTTH)", "lan": "Standard LAN",
        "none": "Missing", "weak": "Weak / patchy", "planned": "Planned", "unknown": "Unknown (no record)", "covered": "Covered",
        "village": "village", "villages": "villages", "commune": "commune", "communes": "communes",
        "district": "District", "commune_label": "Commune", "village_label": "Village", "status": "Status",
        "date": "Date", "source": "Source", "note": "Note", "as_of": "Data as of",
        "title": "Missing digital infrastructure", "illustrative": "ILLUSTRATIVE DATA — not real survey figures",
        "districts": "District boundaries",
        "shared_polygon": "These units exist only as one shared polygon (boundaries not separable)",
        "legend": "Legend", "all_districts": "All districts",
        "headline": "{n} {unit} without {tech}",
        # change between snapshots (dxmap.gaps.change) and the printable report (dxmap.render.report)
        "chg_fixed": "Fixed (left the gap list)", "chg_stayed": "Still missing", "chg_new": "Newly missing",
        "chg_layer": "Change {since}", "chg_since": "since {date}", "chg_quarter": "Q{q} {y}",
        "chg_gained": "{n} {unit} gained {tech} {since}", "chg_lost": "{n} {unit} newly without {tech} {since}",
        "chg_still": "{n} {unit} still without {tech}",
        "chg_tech_mobile": "mobile broadband", "chg_tech_fibre": "fibre (FTTH)", "chg_tech_lan": "a standard LAN",
        "rpt_title": "Report: missing digital infrastructure", "rpt_compared": "Compared with {date}",
        "rpt_no_previous": "No earlier snapshot to compare with",
        "rpt_headline": "Headline", "rpt_by_district": "By district", "rpt_maps": "Maps",
        "rpt_gap_list": "Villages and communes still without", "rpt_technology": "Technology", "rpt_level": "Level",
        "rpt_without": "Without ({date})", "rpt_change": "Change", "rpt_fixed": "Fixed",
        "rpt_new": "Newly missing", "rpt_stayed": "Still missing", "rpt_missing": "Missing",
        "rpt_new_since": "Newly missing {since}", "rpt_total": "Total", "rpt_page": "Page {n}",
        "rpt_made": "Made with dxmap {version}", "rpt_none_left": "No unit is missing anything.",
        "rpt_count_note": "Counts only units whose status is “none”; weak, planned and unknown (no record) "
                          "are not added in.",
        "rpt_units": "{nv} {nv|village|villages}, {nc} {nc|commune|communes}", "rpt_about": "About",
        # the report's tables, source-and-method block and files (dxmap.render.report)
        "rpt_units_total": "Units", "rpt_unknown_short": "Unknown", "rpt_share": "Share (%)", "rpt_people": "People",
        "rpt_of": "{n} of {total} {unit} ({share})", "rpt_district_code": "District code",
        "rpt_village_id": "Village ID", "rpt_record_date": "Record date", "rpt_method": "Source and method",
        "rpt_by_commune": "By commune", "rpt_item": "Item", "rpt_value": "Value", "rpt_m_records": "Status records",
        "rpt_m_file": "{file}: {n} {n|record|records}, {dates}", "rpt_m_more_files": "… and {n} more {n|file|files}",
        "rpt_m_matching": "Matched to boundaries", "rpt_m_sources": "Sources", "rpt_m_boundaries": "Boundaries",
        "rpt_m_dates": "Dates",
        "rpt_m_dates_text": "Status at {date}: each unit takes its newest record up to that date.",
        "rpt_m_compared": "Compared with the status at {date}.", "rpt_m_rule": "Counting rule",
        "rpt_m_rule_text": "Only units whose status is “none” are counted. “Unknown” (no record) is never counted "
                           "as “none” and is shown separately; weak and planned are not added in either.",
        "rpt_m_unknown": "Unknown at {date}: {list}.",
        "rpt_m_share": "Share: units without it out of all units of that level in the report's area (unknown "
                       "included).",
        "rpt_m_people": "People: sum of the village layer's population column over the gap villages, rounded.",
        "rpt_m_people_missing": "{n} {n|village has|villages have} no population (counted as 0).", "rpt_b_communes": "{n} {n|commune|communes}",
        "rpt_b_villages": "{n} {n|village|villages}", "rpt_b_districts": "{n} {n|district|districts}", "rpt_b_version": "{version} boundaries",
        "rpt_b_points": "points", "rpt_b_areas": "areas", "rpt_o_matched": "matched", "rpt_o_unmatched": "unmatched",
        "rpt_o_ambiguous": "ambiguous", "rpt_o_duplicate": "duplicate", "rpt_o_conflict": "conflicting",
        "rpt_o_ignored": "ignored (total, heading and blank rows)", "rpt_o_invalid": "unreadable",
        "rpt_records_n": "{n} {n|record|records}", "rpt_run_title": "{title} — {date}", "rpt_doc": "Report",
        "rpt_compared_item": "Compared with", "rpt_former_district_code": "Former district code",
        "rpt_by_former_district": "By former district", "rpt_former_commune": "Former commune",
        "rpt_former_commune_code": "Former commune code", "rpt_tech_former": "{tech} (former communes)",
        "rpt_units_former": "{nv} {nv|village|villages}, {nc} {nc|former commune|former communes}",
        "rpt_m_units": "Units",
        "rpt_m_units_text": "Records written for the 2024 units, shown in the {n} {n|commune|communes} of the "
                            "2025-07 boundaries (after the reorganisation of 1 July 2025) through the crosswalk: each "
                            "village keeps its own status (placed by their position: {loc} {loc|village|villages} of "
                            "communes that went only partly into one unit). The standard LAN is counted over {nf} "
                            "{nf|former commune|former communes} (“k of n former communes”), never one status for the "
                            "merged commune: the new commune's office is one of the old ones and the data does not say "
                            "which. Districts no longer exist: the tables group by former district, and a new commune "
                            "in two former districts appears under both.",
        "rpt_m_units_2025": "2025-07 boundaries ({n} {n|commune|communes}); districts no longer exist, the tables group "
                            "by former district.",
        "rpt_m_approx": "{n} {n|commune has|communes have} an approximate outline (dashed on the maps): {list}.",
        "rpt_m_no_data": "{n} {n|commune has|communes have} no record at all: unknown (hatched on the maps), not “none”.",
        "rpt_k_of_n": "Figures on a commune: former communes without it / former communes",
        # the 2025-07 units: a 2024 commune counted in a merged commune (unit word; plural map_former_communes)
        "former_commune": "former commune",
        # the planner map page (dxmap.render.webmap)
        "map_basemap_online": "OpenStreetMap basemap (needs internet)",
        "map_basemap_failed": "The basemap could not load (offline?); the outlines and every control still work.",
        "map_district_filter": "District", "map_technology": "Technology", "map_labels": "Place names",
        "map_search": "Find a commune or village", "map_search_hint": "type a name, diacritics optional",
        "map_no_match": "No match", "map_more": "… and {n} more",
        "map_table_title": "Units shown: {tech}", "map_rows_shown": "Showing {shown} of {total} {total|row|rows}; the CSV has them all.",
        "map_download_csv": "Download CSV", "map_show_table": "Show table", "map_hide_table": "Hide table",
        "map_print": "Print map",
        "map_shared_short": "{n} units, one shared outline", "map_show_status": "Show on the map and in the table: {status}",
        "map_fill_gaps": "Villages without it, per commune ({tech})",
        "map_fill_nodata": "no village with a record", "map_fill_lan": "Commune colour: status ({tech})",
        "map_id": "ID", "map_commune_code": "Commune code", "map_district_code": "District code", "map_former_district_code": "Former district code", "map_lon": "Longitude", "map_lat": "Latitude",
        "map_kind_district": "district",
        "map_zoom_to": "Zoom to {name}", "map_rows": "{n} {n|row|rows}",
        "map_short_mobile": "Mobile", "map_short_fibre": "Fibre", "map_short_lan": "LAN",
        "map_shared_line": "Several communes, one shared outline",
        "map_former_without": "{k} of {n} {n|former commune|former communes} without {tech}", "map_former_some": "some former communes without",
        "map_former_nodata": "{n} {n|former commune|former communes}: no data", "map_former_list": "Former communes without it",
        "map_nodata": "no data for {n} {units}", "map_no_units": "no {units}",
        "map_former_partly": "incl. communes only partly in it: {n}",
        "map_approx_line": "Approximate outline", "map_former_district_filter": "Former district",
        "approx_part": "only part of a former commune went into this commune, but its whole outline is drawn",
        "approx_shared": "drawn as one outline with {others}: the former commune's outline cannot be divided",
        "approx_extra": "the former commune's outline drawn here also holds land that went into no new commune",
        "map_all_former_districts": "All former districts", "map_commune_filter": "Commune", "map_all_communes": "All communes",
        "map_former_gap_share": "{k} of {n} {n|former commune|former communes} without {tech} ({share})",
        "map_simplified": "Boundaries simplified to ~{m} m",
        "map_menu": "Search, layers, print", "map_download_png": "Download PNG",
        "map_gap_share": "{n} of {total} {units} {n|lacks|lack} it ({share})", "map_nearby": "{n} units at the same place",
        "map_gap_villages_in": "Villages without {tech}", "map_png_note": "Made with dxmap",
        "map_people": "~{n} people", "map_people_note": "People living in the villages without it (population column, rounded)",
        "map_people_col": "Population", "map_former_communes": "former communes", "map_former_district_line": "Former district boundary",
        "any": "Lacking at least one technology", "map_short_any": "Any gap",
        "map_any_share": "{n} of {total} {total|village|villages} lacking at least one technology ({share}) · {c} {c|commune|communes} with a gap",
        "map_any_note": "Communes with a gap: no standard LAN, or a village without mobile broadband or fibre",
        "map_missing": "Lacking: {techs}",
        "map_change_gone": "{n} {units} only in the data of {date} (not counted in the change)",
        # the summary as a text table and CSV (dxmap.render.tables, dxmap.gaps.change): English keeps the words it
        # always printed (lower case; the level's code), which scripts may read
        "sum_as_of": "as of {date}", "sum_newest": "newest record {date}",
        "sum_compared": "as of {date}, compared with {before}",
        "sum_district": "district {name}", "sum_former_district": "former district (huyện cũ) {name}",
        "sum_units_2025": "2025-07 units", "sum_crosswalk": "from {version} records through the crosswalk",
        "sum_illustrative": "ILLUSTRATIVE sample data", "sum_technology": "technology", "sum_level": "level",
        "sum_none": "none", "sum_weak": "weak", "sum_planned": "planned", "sum_unknown": "unknown",
        "sum_covered": "covered", "sum_total": "(total)", "sum_former_level": "commune",
        "sum_district_col": "district", "sum_former_district_col": "former district",
        "sum_units": "units: {nc} {nc|commune|communes}, {nv} {nv|village|villages}",
        "sum_units_no_villages": "units: {nc} {nc|commune|communes}; no villages counted (no village layer)",
        "sum_units_former": "units: {nc} {nc|commune|communes} (2025-07), made of {nf} "
                            "{nf|former commune|former communes}; {nv} {nv|village|villages}",
        "sum_former_nodata": "no data: none of the {n} {n|former commune|former communes} has a record on {tech}",
        "sum_former_line": "{tech}: {text} ({m} with no data); counted per former commune: the new commune's office "
                           "is one of theirs and the data does not say which",
        "sum_no_data": "no data: {k} of {n} {n|commune|communes} {k|has|have} no records at all (unknown, not a gap)",
        "sum_former_districts": "districts no longer exist: tables group by former district (huyện cũ)",
        "chg_col_now": "now", "chg_col_then": "then", "chg_col_fixed": "fixed", "chg_col_new": "new",
        "chg_col_stayed": "stayed", "chg_col_left": "left",
        "chg_former_text": "{text} ({previous} on {date}): {fixed} fixed,{left} {new} new, {stayed} stayed, counted "
                           "per former commune",
        # units that were without it and are now weak, planned or unknown: off the gap list, not covered
        "chg_left": "{n} {unit} without {tech} left the gap list {since} without being covered: {statuses}",
        "chg_former_left": " {n} left for another status,", "rpt_left": "Left for another status",
        "chg_former_nodata": "{text} (unknown, not a gap)",
        # the gap list: a commune's point on an outline it shares with other communes is not its own
        "rpt_location": "Location", "rpt_location_shared": "approximate: outline shared with {others}",
    },
}


# "{n}" is a value; "{n|village|villages}" is the word for how many ``n`` is: the first when it is 1, else the second.
_FIELD = re.compile(r"\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}")


def label(key: str, lang: Lang = "vi", **values: object) -> str:
    """The word for ``key`` in ``lang`` (the key itself when there is none), filled in with ``values``.

    A label names a value as ``{n}`` and, where English needs a plural, chooses a word by it as
    ``{n|village|villages}`` (the first word when ``n`` is 1 or "1", else the second); Vietnamese has no
    plural and does not use it. The page's script fills labels the same way (``dxmap.fmt``). A name
    without a value is left as it is; without ``values`` the label is returned unfilled.

    >>> label("rpt_units", "en", nv=5, nc=1)
    '5 villages, 1 commune'
    """
    text = LABELS.get(lang, LABELS["vi"]).get(key, key)
    if not values:
        return text

    def fill(m: re.Match) -> str:
        name, one, other = m.groups()
        if name not in values:
            return m[0]
        if one is None:
            return str(values[name])
        return one if str(values[name]) == "1" else other

    return _FIELD.sub(fill, text)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def date_text(text: str | None, lang: Lang = "vi") -> str:
    """Dates as people read them: every ISO date in ``text`` written "30/6/2024" in Vietnamese; English keeps
    the ISO form, which no reader misreads. The rest of ``text`` is kept as it is ("" for None)."""
    text = "" if text is None else str(text)
    if lang != "vi":
        return text
    return _ISO_DATE.sub(lambda m: f"{int(m[3])}/{int(m[2])}/{m[1]}", text)


def text_columns(rows: list[list[object]], widths: list[int], *, left: int = 2) -> list[str]:
    """``rows`` as the lines of a text table: the first ``left`` columns aligned left (words), the others right
    (numbers). A column is ``widths`` wide, or two wider than its widest cell: a Vietnamese heading or a long
    district name moves the next column on rather than running into it."""
    cells = [[str(c) for c in row] for row in rows]
    sizes = [max([w, *(len(r[i]) + 2 for r in cells)]) for i, w in enumerate(widths)]
    return ["".join(c.ljust(n) if i < left else c.rjust(n) for i, (c, n) in enumerate(zip(r, sizes))).rstrip()
            for r in cells]
