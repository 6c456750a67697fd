"""Words shown to people, in Vietnamese (default) and English.

A label is filled in by :func:`label` (and by the page script's ``dxmap.fmt``): ``{n}`` is a value, ``{n|row|rows}``
the English word for how many ``n`` is."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["Lang", "label", "say", "said_all", "log_said", "LABELS", "date_text", "number_text", "text_columns"]

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
        # a gap now with no record at the earlier date: newly reported, never "mới chưa có"
        "chg_first": "Chưa có số liệu kỳ trước",
        "chg_first_n": "{n} chưa có số liệu kỳ trước",
        "chg_first_said": "{n} {unit} chưa có {tech} và chưa có số liệu ngày {date}",
        "rpt_map_status_on": "Tình trạng ngày {date}",  # the printed map legend's statuses, apart from the change
        "chg_layer": "Thay đổi {since}", "chg_since": "từ sau {date}", "chg_quarter": "quý {q}/{y}",
        "chg_gained": "{n} {unit} đã có {tech} {since}", "chg_lost": "{n} {unit} mới chưa có {tech} {since}",
        "chg_still": "{n} {unit} vẫn chưa có {tech}",
        # a count of 0 in the report's headline, in words: "0 thôn/bản vẫn chưa có" read as a figure left blank
        "headline_none": "Không có {unit} nào chưa có {tech}", "chg_still_none": "Không còn {unit} nào chưa có {tech}",
        "headline_none_known": "Trong {known} {units} có số liệu, không có đơn vị nào chưa có {tech}",
        "chg_still_none_known": "Trong {known} {units} có số liệu, không còn đơn vị nào chưa có {tech}",
        "chg_tech_mobile": "băng rộng di động", "chg_tech_fibre": "cáp quang (FTTH)", "chg_tech_lan": "mạng LAN chuẩn",
        "rpt_title": "Báo cáo hạ tầng số còn thiếu", "rpt_compared": "So sánh với ngày {date}",
        "rpt_no_previous": "Không có số liệu kỳ trước để so sánh",
        "rpt_headline": "Tổng hợp", "rpt_by_district": "Theo huyện", "rpt_maps": "Bản đồ",
        "rpt_gap_list": "Danh sách thôn/bản và xã còn thiếu", "rpt_technology": "Hạ tầng", "rpt_level": "Cấp",
        "rpt_without": "Chưa có ({date})", "rpt_change": "Thay đổi", "rpt_fixed": "Đã có thêm",
        "rpt_new": "Mới chưa có", "rpt_stayed": "Vẫn chưa có", "rpt_missing": "Còn thiếu",
        "rpt_first": "Chưa có số liệu kỳ trước",
        "rpt_new_since": "Mới chưa có {since}", "rpt_total": "Tổng", "rpt_page": "Trang {n}",
        "rpt_made": "Tạo bằng dxmap {version}", "rpt_none_left": "Không còn đơn vị nào thiếu.",
        "rpt_list_nodata": "Chưa có số liệu, nên không lập được danh sách còn thiếu.",
        "rpt_list_nodata_some": "({techs}: chưa có số liệu.)",
        "rpt_count_note": "Chỉ đếm các đơn vị có trạng thái “chưa có”; lõm sóng, đã có kế hoạch và chưa rõ "
                          "(không có số liệu) không được cộng vào.",
        "rpt_units": "{nv} thôn/bản, {nc} xã/phường", "rpt_about": "Thông tin",
        # the report's tables, source-and-method block and files (dxmap.render.report)
        "rpt_units_total": "Số đơn vị", "rpt_unknown_short": "Chưa rõ", "rpt_share": "Tỷ lệ (%)",
        "rpt_people": "Số dân", "rpt_of": "{n} trong {total} {unit} ({share})",
        "rpt_of_listed": "{n} trong {total} {unit} có tên trong số liệu ({share})",
        "rpt_villages_listed": "thôn/bản (có tên trong số liệu)", "rpt_district_code": "Mã huyện",
        "rpt_village_id": "Mã thôn/bản", "rpt_record_date": "Ngày số liệu", "rpt_data_of": "số liệu {date}",
        "rpt_method": "Nguồn số liệu và cách tính", "rpt_by_commune": "Theo xã", "rpt_item": "Mục",
        "rpt_value": "Nội dung", "rpt_m_records": "Số liệu trạng thái", "rpt_m_file": "{file}: {n} bản ghi{ignored}, {dates}",
        "rpt_m_ignored": " (và {n} bỏ qua)",
        "rpt_m_sheets": "{file} ({n} trang tính)",
        "rpt_m_more_files": "… và {n} tệp khác", "rpt_m_matching": "Đối chiếu với ranh giới",
        "rpt_m_left_out": "Không được tính", "rpt_left_out": "Bản ghi không được tính",
        "rpt_former_city": "{name} (thành phố cũ)", "rpt_former_town": "{name} (thị xã cũ)",
        "rpt_province_code": "Mã tỉnh", "rpt_province": "Tỉnh", "rpt_former_province_code": "Mã tỉnh cũ",
        "rpt_former_province": "Tỉnh cũ",
        "rpt_m_left_out_text": "{list}; danh sách kèm lý do: trang tính “{sheet}” của report.xlsx.",
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
        "rpt_b_points": "điểm", "rpt_b_areas": "vùng",
        "rpt_b_listed": "lập theo tên thôn/bản trong bản ghi", "rpt_b_unplaced": ", {n} chưa có vị trí", "rpt_o_matched": "khớp", "rpt_o_unmatched": "không khớp",
        "rpt_o_ambiguous": "không xác định được đơn vị", "rpt_o_duplicate": "trùng", "rpt_o_conflict": "mâu thuẫn",
        "rpt_o_ignored": "bỏ qua (dòng tổng, tiêu đề, dòng trống, mạng LAN của xã ghi lại ở các thôn/bản)", "rpt_o_invalid": "không đọc được",
        "rpt_records_n": "{n} bản ghi", "rpt_run_title": "{title} — {date}", "rpt_doc": "Báo cáo",
        "rpt_compared_item": "So sánh với ngày", "rpt_former_district_code": "Mã huyện cũ",
        "rpt_by_former_district": "Theo huyện cũ", "rpt_former_commune": "Xã cũ",
        "rpt_former_commune_code": "Mã xã cũ", "rpt_tech_former": "{tech} (xã cũ)",
        "rpt_units_former": "{nv} thôn/bản, {nc} xã cũ", "rpt_m_units": "Đơn vị hành chính",
        "rpt_m_units_text": "Số liệu ghi theo các xã cũ (trước ngày 1/7/2025), thể hiện theo {n} xã/phường của ranh "
                            "giới 2025-07 (sau sắp xếp ngày 1/7/2025) qua bảng chuyển đổi: mỗi thôn/bản giữ trạng thái của mình "
                            "({loc} thôn/bản của xã chỉ nhập một phần được đặt theo vị trí). Mạng LAN chuẩn được "
                            "đếm theo {nf} xã cũ (“k trong n xã cũ”), không gán một trạng thái chung cho xã mới: "
                            "trụ sở xã mới là một trong các trụ sở cũ và số liệu không cho biết là trụ sở nào. Cấp "
                            "huyện không còn: các bảng nhóm theo huyện cũ, một xã mới nằm trên hai huyện cũ có mặt "
                            "ở cả hai.",
        "rpt_m_units_2025": "Ranh giới 2025-07 ({n} xã/phường); cấp huyện không còn, các bảng nhóm theo huyện cũ.",
        "rpt_m_approx": "{n} xã có ranh giới gần đúng (nét đứt trên bản đồ): {list}.",
        "rpt_m_no_data": "{n} xã không có bản ghi nào: chưa rõ (gạch chéo trên bản đồ), không phải “chưa có”.",
        "rpt_m_several": "Xã/phường nằm trong hai huyện cũ trở lên được đếm trong mỗi huyện cũ đó ({nc} xã/phường), "
                         "thôn/bản của nó không ghi xã cũ hợp lệ cũng vậy ({nv} thôn/bản), như bản đồ và báo cáo của "
                         "từng huyện cũ đếm: các dòng theo huyện cũ có thể cộng lại lớn hơn dòng Tổng.",
        "rpt_k_of_n": "Số trên xã: số xã cũ chưa có / số xã cũ",
        # the 2025-07 units: a 2024 commune counted in a merged commune (unit word; plural map_former_communes)
        "former_commune": "xã cũ",
        # the planner map page (dxmap.render.webmap)
        "map_basemap_online": "Bản đồ nền OpenStreetMap (cần Internet)",
        "map_basemap_failed": "Không tải được bản đồ nền (không có mạng?); ranh giới và mọi chức năng vẫn dùng được.",
        "map_district_filter": "Huyện", "map_technology": "Hạ tầng", "map_labels": "Tên xã, huyện", "map_labels_former": "Tên xã, huyện cũ",
        "map_labels_communes": "Tên xã",
        "map_search": "Tìm xã hoặc thôn/bản", "map_search_hint": "gõ tên, có dấu hoặc không",
        "map_hit_code": "mã {code}",  # a search hit found by its GSO code
        "map_no_match": "Không tìm thấy", "map_more": "… và {n} kết quả khác", "map_found": "Kết quả: {n}", "map_shown": "Đang hiện: {statuses}",
        "map_no_rows": "Không có {units} nào ở trạng thái đang hiển thị ({statuses}).", "map_not_drawn": "không vẽ",
        "map_no_status": "Chưa chọn trạng thái nào: hãy đánh dấu ít nhất một ô trong chú giải.",
        "map_more_rows": "Hiện thêm {n} dòng",
        "map_zoom_in": "Phóng to", "map_zoom_out": "Thu nhỏ",
        "map_area": "Bản đồ (phím mũi tên: di chuyển; phím + và −: phóng to, thu nhỏ)",
        "map_table_title": "Đơn vị đang hiển thị: {tech}", "map_rows_shown": "Hiển thị {shown} trong {total} dòng; tệp CSV có đủ.",
        "map_download_csv": "Tải CSV", "map_show_table": "Hiện bảng", "map_hide_table": "Ẩn bảng", "map_print": "In bản đồ",
        "map_shared_short": "{n} đơn vị chung một ranh giới", "map_show_status": "Hiện trên bản đồ và trong bảng: {status}",
        "map_fill_gaps": "Số thôn/bản chưa có trong mỗi xã ({tech})",
        "map_fill_nodata": "chưa có số liệu thôn/bản nào", "map_fill_lan": "Màu xã: trạng thái ({tech})",
        "map_id": "Mã", "map_commune_code": "Mã xã", "map_district_code": "Mã huyện", "map_former_district_code": "Mã huyện cũ", "map_lon": "Kinh độ", "map_lat": "Vĩ độ", "map_kind_district": "huyện",
        "map_zoom_to": "Phóng tới {name}", "map_rows": "{n} dòng",
        "map_short_mobile": "Di động", "map_short_fibre": "Cáp quang", "map_short_lan": "LAN",
        "map_nodata_mobile": "không có số liệu băng rộng di động ở đây", "map_nodata_fibre": "không có số liệu cáp quang ở đây",
        "map_nodata_lan": "không có số liệu mạng LAN ở đây", "map_nodata_any": "không có số liệu ở đây",
        "map_shared_line": "Nhiều xã chung một ranh giới",
        "map_unplaced": "{n} thôn/bản lập theo bản ghi, chưa có vị trí: được đếm và tô màu xã, không vẽ điểm",
        "rpt_bin": "xã có {n} {unit} chưa có",
        "map_former_without": "{k}/{n} xã cũ chưa có {tech}", "map_former_none": "{n} xã cũ, không xã nào chưa có {tech}", "map_former_some": "Một phần số xã cũ chưa có",
        "map_former_nodata": "{n} xã cũ: chưa có số liệu", "map_former_list": "Xã cũ chưa có",
        "map_nodata": "chưa có số liệu cho {n} {units}", "map_no_units": "không có {units} nào",
        "map_former_partly": "gồm {n} xã mới nằm một phần trong huyện cũ",
        # a former commune (2024) as search, cards and the table name it: "A Lù (xã cũ) → nay thuộc Xã Y Tý"
        "map_former_now": "(xã cũ) → nay thuộc {commune}", "map_former_of": "xã cũ {name}",
        "map_former_made_of": "Gồm các xã cũ: {names}",
        "map_approx_line": "Ranh giới gần đúng", "map_former_district_filter": "Huyện cũ", "map_former_mark": "cũ", "map_first_short": "mới có số liệu",
        # why a 2025-07 outline is approximate (the layer's approximate_kind), as the commune card says it
        "approx_part": "chỉ một phần của một xã cũ nhập vào xã này, nhưng cả ranh giới xã cũ được vẽ",
        "approx_shared": "vẽ chung một ranh giới với {others}: ranh giới xã cũ không chia được",
        "approx_extra": "ranh giới xã cũ được vẽ gồm cả phần không thuộc xã mới nào",
        "map_all_former_districts": "Tất cả các huyện cũ", "map_commune_filter": "Xã", "map_all_communes": "Tất cả các xã", "map_former_gap_share": "{k} trong {n} xã cũ chưa có {tech} ({share})",
        "map_simplified": "Ranh giới đã đơn giản hóa ~{m} m",
        "map_markers_reduced": "Quá nhiều điểm ở mức thu phóng này: chỉ vẽ một phần, bằng chấm nhỏ. Phóng to để xem từng {unit}.",
        "map_markers_reduced_short": "phóng to để xem từng {unit}",
        "map_menu": "Tìm kiếm, lớp bản đồ, in", "map_download_png": "Tải ảnh PNG",
        "map_province": "Tỉnh {name}",
        "map_former_province": "Tỉnh cũ {name}", "map_province_all": "Cả tỉnh {name}", "map_former_province_all": "Toàn bộ tỉnh cũ {name}",
        "map_copy_link": "Sao chép liên kết", "map_copy_link_short": "Liên kết", "map_link_sentence": "Mở tệp {file} rồi thêm vào cuối địa chỉ: {hash}",
        "map_link_this_file": "bản đồ này", "map_link_copied": "Đã sao chép:", "map_link_select": "Chọn và sao chép (Ctrl+C) dòng dưới:",
        "map_close": "Đóng",
        "map_gap_share": "{n} trong {total} {units} chưa có ({share})", "map_nearby": "{n} đơn vị ở cùng chỗ",
        "map_gap_villages_in": "Thôn/bản chưa có {tech}", "map_png_note": "Tạo bằng dxmap",
        "map_people": "~{n} người", "map_people_gaps": "dân số ~{n}", "map_people_note": "Số dân ở các thôn/bản chưa có (cột population, làm tròn)",
        "map_people_col": "Số dân", "map_former_communes": "xã cũ", "map_former_district_line": "Ranh giới huyện cũ",
        "any": "Thiếu ít nhất một hạ tầng", "map_short_any": "Bất kỳ",
        "map_any_share": "{n} trong {total} thôn/bản thiếu ít nhất một hạ tầng ({share})",
        "map_any_communes": "{c} xã/phường có thiếu",
        "map_any_note": "Xã/phường có thiếu: chưa có mạng LAN chuẩn, hoặc có thôn/bản thiếu di động hoặc cáp quang",
        "map_missing": "Thiếu: {techs}",
        "map_change_gone": "{n} {units} chỉ có trong số liệu ngày {date} (không tính vào thay đổi)",
        "map_change_nothen": "ngày {date} chưa đơn vị nào ở đây có số liệu: chưa rõ, không phải 0",
        # the summary as a text table and CSV (dxmap.render.tables, dxmap.gaps.change): the report's words
        "sum_as_of": "Số liệu đến ngày {date}", "sum_newest": "bản ghi mới nhất ngày {date}",
        "sum_compared": "Số liệu đến ngày {date}, so sánh với ngày {before}",
        "sum_district": "huyện {name}", "sum_former_district": "huyện cũ {name}",
        "sum_province": "tỉnh {name}", "sum_former_province": "tỉnh cũ {name}",
        "sum_bundled": "{where} (ranh giới kèm theo dxmap)", "rpt_b_bundled": "kèm theo dxmap",
        "sum_commune": "xã/phường {name}", "sum_communes_n": "{n} xã/phường: {list}",
        "log_province": "tỉnh {name} ({code}), số liệu đến ngày {date}: {n} xã/phường",
        "log_former_province": "tỉnh cũ {name} ({code}), số liệu đến ngày {date}: {n} xã/phường (ranh giới 2025-07) "
                               "nằm toàn bộ hoặc một phần trong tỉnh cũ",
        "sum_units_2025": "ranh giới 2025-07", "sum_crosswalk": "từ số liệu theo xã cũ qua bảng chuyển đổi",
        "sum_illustrative": "DỮ LIỆU MINH HỌA", "col_data": "Dữ liệu", "sum_technology": "Hạ tầng", "sum_level": "Cấp",
        "sum_illustrative_parts": "DỮ LIỆU MINH HỌA (không phải số liệu thật): {parts}",
        "ill_records": "bản ghi trong {file}", "ill_records_any": "bản ghi", "ill_villages": "thôn/bản",
        "ill_village_areas": "ranh giới thôn/bản", "ill_communes": "ranh giới xã", "ill_districts": "ranh giới huyện",
        "sum_none": "Chưa có", "sum_weak": "Lõm sóng", "sum_planned": "Có kế hoạch", "sum_unknown": "Chưa rõ",
        "sum_covered": "Đã có", "sum_total": "Tổng", "sum_former_level": "xã cũ",
        "sum_no_district": "(không thuộc huyện nào)",
        "sum_district_col": "Huyện", "sum_former_district_col": "Huyện cũ",
        "sum_province_code_col": "Mã tỉnh", "sum_province_col": "Tỉnh", "sum_former_province_code_col": "Mã tỉnh cũ",
        "sum_former_province_col": "Tỉnh cũ",
        "sum_units": "Đơn vị: {nc} xã/phường, {nv} thôn/bản",
        "sum_units_no_villages": "Đơn vị: {nc} xã/phường; không có thôn/bản nào được tính (không có danh mục thôn/bản)",
        "sum_units_no_villages_here": "Đơn vị: {nc} xã/phường; không có thôn/bản nào được tính (không có danh mục "
                                      "thôn/bản, hoặc không thôn/bản nào của danh mục nằm trong đó)",
        "sum_units_former": "Đơn vị: {nc} xã/phường (ranh giới 2025-07), gồm {nf} xã cũ; {nv} thôn/bản",
        "sum_former_nodata": "không có số liệu: cả {n} xã cũ đều không có bản ghi về {tech}",
        "sum_former_nodata_part": " ({m} xã cũ không có số liệu)",
        "sum_former_line": "{tech}: {text}{nodata}; đếm theo xã cũ: trụ sở xã mới là một "
                           "trong các trụ sở cũ và số liệu không cho biết là trụ sở nào",
        "sum_no_data": "Không có số liệu: {k} trong {n} xã/phường không có bản ghi nào (chưa rõ, không phải "
                       "“chưa có”)",
        "sum_former_districts": "Cấp huyện không còn: các bảng nhóm theo huyện cũ",
        "chg_col_previous_rule": "Kỳ trước tính theo",
        "chg_rule_any_former_commune": "xã/phường thiếu khi có một xã cũ của nó thiếu",
        "chg_col_now": "Kỳ này", "chg_col_then": "Kỳ trước", "chg_col_fixed": "Đã có thêm",
        "chg_col_new": "Mới chưa có", "chg_col_stayed": "Vẫn chưa có", "chg_col_left": "Sang trạng thái khác",
        "chg_col_first": "Chưa có số liệu kỳ trước",
        "chg_former_text": "{text} (ngày {date}: {previous}): {fixed} đã có thêm,{left} {new} mới chưa có,{first} "
                           "{stayed} vẫn chưa có; đếm theo xã cũ",
        "chg_former_first": " {n} chưa có số liệu kỳ trước,",
        # units that were "chưa có" and are now weak, planned or unknown: off the gap list, not covered
        "chg_left": "{n} {unit} chưa có {tech} đã chuyển sang trạng thái khác {since}, chưa phải đã có: {statuses}",
        "chg_former_left": " {n} sang trạng thái khác,", "rpt_left": "Sang trạng thái khác",
        "chg_former_nodata": "{text} (chưa rõ, không phải “chưa có”)",
        "chg_former_nothen": "{text} (ngày {date} chưa có số liệu); đếm theo xã cũ",
        "chg_districts_nodata": "{n} huyện cũ khác không có số liệu (không liệt kê)",
        "chg_districts_nodata_2024": "{n} huyện khác không có số liệu (không liệt kê)",
        # a 2024 round compared with a round written for the 2025-07 units (dxmap.gaps.change, across_versions)
        "chg_versions_head": "Số liệu ngày {date} là số liệu theo xã cũ (đơn vị 2024), đưa về đơn vị 2025-07 qua "
                             "bảng chuyển đổi; số liệu kỳ này viết theo đơn vị 2025-07",
        "chg_versions_villages": "Thôn/bản khớp giữa hai kỳ: {n} ({former} theo xã mới, xã cũ và tên; {named} theo xã "
                                 "mới và tên)",
        "chg_versions_earlier": "Thôn/bản của số liệu 2024 không khớp, không được tính vào thay đổi: {earlier} không "
                                "có trong số liệu 2025-07, {ambiguous} trùng tên với nhiều thôn/bản, {unplaced} không "
                                "xếp được vào xã mới nào{gaps}",
        "chg_versions_later": "Thôn/bản của số liệu 2025-07 không khớp: {later} không có trong số liệu 2024, "
                              "{ambiguous} trùng tên với nhiều thôn/bản; được tính là kỳ trước chưa có số liệu",
        "chg_versions_gaps": "{n} chưa có {tech} kỳ trước",
        "chg_versions_lan": "so sánh theo xã/phường 2025-07: một xã được tính là chưa có {tech} ngày {date} nếu có "
                            "ít nhất một xã cũ của nó chưa có ({k}/{n} xã cũ chưa có ngày đó)",
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
        # a gap now with no record at the earlier date: newly reported, never "newly missing"
        "chg_first": "No earlier data",
        "chg_first_n": "{n} with no earlier data",
        "chg_first_said": "{n} {unit} without {tech}, with no data on {date}",
        "rpt_map_status_on": "Status on {date}",
        "chg_layer": "Change {since}", "chg_since": "since {date}", "chg_quarter": "Q{q} {y}",
        "chg_gained": "{n} {unit} gained {tech} {since}", "chg_lost": "{n} {unit} newly without {tech} {since}",
        "chg_still": "{n} {unit} still without {tech}",
        # a count of 0 in the report's headline, in words
        "headline_none": "No {unit} without {tech}", "chg_still_none": "No {unit} left without {tech}",
        "headline_none_known": "Among the {known} {units} with data, none without {tech}",
        "chg_still_none_known": "Among the {known} {units} with data, none left without {tech}",
        "chg_tech_mobile": "mobile broadband", "chg_tech_fibre": "fibre (FTTH)", "chg_tech_lan": "a standard LAN",
        "rpt_title": "Report: missing digital infrastructure", "rpt_compared": "Compared with {date}",
        "rpt_no_previous": "No earlier snapshot to compare with",
        "rpt_headline": "Headline", "rpt_by_district": "By district", "rpt_maps": "Maps",
        "rpt_gap_list": "Villages and communes still without", "rpt_technology": "Technology", "rpt_level": "Level",
        "rpt_without": "Without ({date})", "rpt_change": "Change", "rpt_fixed": "Fixed",
        "rpt_new": "Newly missing", "rpt_stayed": "Still missing", "rpt_missing": "Missing",
        "rpt_first": "No earlier data",
        "rpt_new_since": "Newly missing {since}", "rpt_total": "Total", "rpt_page": "Page {n}",
        "rpt_made": "Made with dxmap {version}", "rpt_none_left": "No unit is missing anything.",
        "rpt_list_nodata": "There are no data, so there is no list of gaps.",
        "rpt_list_nodata_some": "({techs}: no data.)",
        "rpt_count_note": "Counts only units whose status is “none”; weak, planned and unknown (no record) "
                          "are not added in.",
        "rpt_units": "{nv} {nv|village|villages}, {nc} {nc|commune|communes}", "rpt_about": "About",
        # the report's tables, source-and-method block and files (dxmap.render.report)
        "rpt_units_total": "Units", "rpt_unknown_short": "Unknown", "rpt_share": "Share (%)", "rpt_people": "People",
        "rpt_of": "{n} of {total} {unit} ({share})",
        "rpt_of_listed": "{n} of the {total} {unit} the records name ({share})",
        "rpt_villages_listed": "villages (named in the records)", "rpt_district_code": "District code",
        "rpt_village_id": "Village ID", "rpt_record_date": "Record date", "rpt_data_of": "as of {date}", "rpt_method": "Source and method",
        "rpt_by_commune": "By commune", "rpt_item": "Item", "rpt_value": "Value", "rpt_m_records": "Status records",
        "rpt_m_file": "{file}: {n} {n|record|records}{ignored}, {dates}",
        "rpt_m_ignored": " (and {n} ignored)",
        "rpt_m_sheets": "{file} ({n} {n|sheet|sheets})", "rpt_m_more_files": "… and {n} more {n|file|files}",
        "rpt_m_matching": "Matched to boundaries", "rpt_m_sources": "Sources", "rpt_m_boundaries": "Boundaries",
        "rpt_m_left_out": "Not counted", "rpt_left_out": "Records not counted",
        "rpt_former_city": "{name} (former city)", "rpt_former_town": "{name} (former town)",
        "rpt_province_code": "Province code", "rpt_province": "Province",
        "rpt_former_province_code": "Former province code", "rpt_former_province": "Former province",
        "rpt_m_left_out_text": "{list}; the list with reasons: sheet “{sheet}” of report.xlsx.",
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
        "rpt_b_points": "points", "rpt_b_areas": "areas",
        "rpt_b_listed": "listed from the village names in the records", "rpt_b_unplaced": ", {n} without a location", "rpt_o_matched": "matched", "rpt_o_unmatched": "unmatched",
        "rpt_o_ambiguous": "ambiguous", "rpt_o_duplicate": "duplicate", "rpt_o_conflict": "conflicting",
        "rpt_o_ignored": "ignored (total, heading and blank rows, a commune's LAN repeated beside its villages)", "rpt_o_invalid": "unreadable",
        "rpt_records_n": "{n} {n|record|records}", "rpt_run_title": "{title} — {date}", "rpt_doc": "Report",
        "rpt_compared_item": "Compared with", "rpt_former_district_code": "Former district code",
        "rpt_by_former_district": "By former district", "rpt_former_commune": "Former commune",
        "rpt_former_commune_code": "Former commune code", "rpt_tech_former": "{tech} (former communes)",
        "rpt_units_former": "{nv} {nv|village|villages}, {nc} {nc|former commune|former communes}",
        "rpt_m_units": "Units",
        "rpt_m_units_text": "Records written for the former communes (before 1 July 2025), shown in the {n} "
                            "{n|commune|communes} of the 2025-07 boundaries (after the reorganisation of 1 July 2025) "
                            "through the crosswalk: each "
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
        "rpt_m_several": "A commune that lies in two or more former districts counts in each of them ({nc} "
                         "{nc|commune|communes}), as do its villages whose row names no valid former commune, Xã cũ "
                         "({nv} {nv|village|villages}), as the map and each former district's report count them: the "
                         "rows by former district may add up to more than the total.",
        "rpt_k_of_n": "Figures on a commune: former communes without it / former communes",
        # the 2025-07 units: a 2024 commune counted in a merged commune (unit word; plural map_former_communes)
        "former_commune": "former commune",
        # the planner map page (dxmap.render.webmap)
        "map_basemap_online": "OpenStreetMap basemap (needs internet)",
        "map_basemap_failed": "The basemap could not load (offline?); the outlines and every control still work.",
        "map_district_filter": "District", "map_technology": "Technology", "map_labels": "Place names", "map_labels_former": "Place names",
        "map_labels_communes": "Place names",
        "map_search": "Find a commune or village", "map_search_hint": "type a name, diacritics optional",
        "map_hit_code": "code {code}",  # a search hit found by its GSO code
        "map_no_match": "No match", "map_more": "… and {n} more", "map_found": "Results: {n}", "map_shown": "Shown: {statuses}",
        "map_no_rows": "No {units} with the statuses shown ({statuses}).", "map_not_drawn": "not drawn",
        "map_no_status": "No status chosen: tick at least one in the legend.",
        "map_more_rows": "Show {n} more {n|row|rows}",
        "map_zoom_in": "Zoom in", "map_zoom_out": "Zoom out",
        "map_area": "Map (arrow keys move it; + and − zoom)",
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
        "map_nodata_mobile": "no mobile broadband data here", "map_nodata_fibre": "no fibre data here",
        "map_nodata_lan": "no LAN data here", "map_nodata_any": "no data here",
        "map_shared_line": "Several communes, one shared outline",
        "map_unplaced": "{n} {n|village|villages} listed from the records, without a location: counted and shading "
                        "their communes, not drawn",
        "rpt_bin": "commune with {n} {unit} without it",
        "map_former_without": "{k} of {n} {n|former commune|former communes} without {tech}", "map_former_none": "{n} {n|former commune|former communes}, none without {tech}", "map_former_some": "some former communes without",
        "map_former_nodata": "{n} {n|former commune|former communes}: no data", "map_former_list": "Former communes without it",
        "map_nodata": "no data for {n} {units}", "map_no_units": "no {units}",
        "map_former_partly": "incl. communes only partly in it: {n}",
        "map_former_now": "(former commune) → now part of {commune}", "map_former_of": "former commune {name}",
        "map_former_made_of": "Made of the former communes: {names}",
        "map_approx_line": "Approximate outline", "map_former_district_filter": "Former district", "map_former_mark": "former", "map_first_short": "newly reported",
        "approx_part": "only part of a former commune went into this commune, but its whole outline is drawn",
        "approx_shared": "drawn as one outline with {others}: the former commune's outline cannot be divided",
        "approx_extra": "the former commune's outline drawn here also holds land that went into no new commune",
        "map_all_former_districts": "All former districts", "map_commune_filter": "Commune", "map_all_communes": "All communes",
        "map_former_gap_share": "{k} of {n} {n|former commune|former communes} without {tech} ({share})",
        "map_simplified": "Boundaries simplified to ~{m} m",
        "map_markers_reduced": "Too many markers at this zoom: some are drawn, as small dots. Zoom in to see each {unit}.",
        "map_markers_reduced_short": "zoom in to see each {unit}",
        "map_menu": "Search, layers, print", "map_download_png": "Download PNG",
        "map_province": "{name} province",
        "map_former_province": "{name} (former province)", "map_province_all": "All of {name}", "map_former_province_all": "All of {name} (former province)",
        "map_copy_link": "Copy link", "map_copy_link_short": "Link", "map_link_sentence": "Open {file} and add this to the end of its address: {hash}",
        "map_link_this_file": "this map", "map_link_copied": "Copied:", "map_link_select": "Select and copy (Ctrl+C) the line below:",
        "map_close": "Close",
        "map_gap_share": "{n} of {total} {units} {n|lacks|lack} it ({share})", "map_nearby": "{n} units at the same place",
        "map_gap_villages_in": "Villages without {tech}", "map_png_note": "Made with dxmap",
        "map_people": "~{n} people", "map_people_gaps": "population ~{n}", "map_people_note": "People living in the villages without it (population column, rounded)",
        "map_people_col": "Population", "map_former_communes": "former communes", "map_former_district_line": "Former district boundary",
        "any": "Lacking at least one technology", "map_short_any": "Any gap",
        "map_any_share": "{n} of {total} {total|village|villages} lacking at least one technology ({share})",
        "map_any_communes": "{c} {c|commune|communes} with a gap",
        "map_any_note": "Communes with a gap: no standard LAN, or a village without mobile broadband or fibre",
        "map_missing": "Lacking: {techs}",
        "map_change_gone": "{n} {units} only in the data of {date} (not counted in the change)",
        "map_change_nothen": "no unit here had a record on {date}: not known, not 0",
        # the summary as a text table and CSV (dxmap.render.tables, dxmap.gaps.change): English keeps the words it
        # always printed (lower case; the level's code), which scripts may read
        "sum_as_of": "as of {date}", "sum_newest": "newest record {date}",
        "sum_compared": "as of {date}, compared with {before}",
        "sum_district": "district {name}", "sum_former_district": "former district (huyện cũ) {name}",
        "sum_province": "province {name}", "sum_former_province": "former province {name}",
        "sum_bundled": "{where} (dxmap's bundled boundaries)", "rpt_b_bundled": "bundled with dxmap",
        "sum_commune": "commune {name}", "sum_communes_n": "{n} {n|commune|communes}: {list}",
        "log_province": "province {name} ({code}) at {date}: {n} {n|commune|communes}",
        "log_former_province": "former province (tỉnh cũ) {name} ({code}) at {date}: {n} {n|commune|communes} "
                               "(2025-07 units wholly or partly in it)",
        "sum_units_2025": "2025-07 units", "sum_crosswalk": "from records of the former communes through the crosswalk",
        "sum_illustrative": "ILLUSTRATIVE sample data", "col_data": "data", "sum_technology": "technology", "sum_level": "level",
        "sum_illustrative_parts": "ILLUSTRATIVE (made up, not real figures): {parts}",
        "ill_records": "the records of {file}", "ill_records_any": "the records", "ill_villages": "the villages",
        "ill_village_areas": "the village areas", "ill_communes": "the communes", "ill_districts": "the districts",
        "sum_none": "none", "sum_weak": "weak", "sum_planned": "planned", "sum_unknown": "unknown",
        "sum_covered": "covered", "sum_total": "(total)", "sum_former_level": "commune",
        "sum_no_district": "(no district)",
        "sum_district_col": "district", "sum_former_district_col": "former district",
        "sum_province_code_col": "province code", "sum_province_col": "province",
        "sum_former_province_code_col": "former province code", "sum_former_province_col": "former province",
        "sum_units": "units: {nc} {nc|commune|communes}, {nv} {nv|village|villages}",
        "sum_units_no_villages": "units: {nc} {nc|commune|communes}; no villages counted (no village layer)",
        "sum_units_no_villages_here": "units: {nc} {nc|commune|communes}; no villages counted (no village layer, or "
                                      "none of its villages in it)",
        "sum_units_former": "units: {nc} {nc|commune|communes} (2025-07), made of {nf} "
                            "{nf|former commune|former communes}; {nv} {nv|village|villages}",
        "sum_former_nodata": "no data: none of the {n} {n|former commune|former communes} has a record on {tech}",
        "sum_former_nodata_part": " ({m} with no data)",
        "sum_former_line": "{tech}: {text}{nodata}; counted per former commune: the new commune's office "
                           "is one of theirs and the data does not say which",
        "sum_no_data": "no data: {k} of {n} {n|commune|communes} {k|has|have} no records at all (unknown, not a gap)",
        "sum_former_districts": "districts no longer exist: tables group by former district (huyện cũ)",
        "chg_col_previous_rule": "previous_rule",
        "chg_rule_any_former_commune": "a commune lacked it when any of its former communes did",
        "chg_col_now": "now", "chg_col_then": "then", "chg_col_fixed": "fixed", "chg_col_new": "new",
        "chg_col_stayed": "stayed", "chg_col_left": "left", "chg_col_first": "no data then",
        "chg_former_text": "{text} ({previous} on {date}): {fixed} fixed,{left} {new} new,{first} {stayed} stayed, "
                           "counted per former commune",
        "chg_former_first": " {n} with no earlier data,",
        # units that were without it and are now weak, planned or unknown: off the gap list, not covered
        "chg_left": "{n} {unit} without {tech} left the gap list {since} without being covered: {statuses}",
        "chg_former_left": " {n} left for another status,", "rpt_left": "Left for another status",
        "chg_former_nodata": "{text} (unknown, not a gap)",
        "chg_former_nothen": "{text} (no data on {date}), counted per former commune",
        "chg_districts_nodata": "{n} other former {n|district|districts} with no data (not listed)",
        "chg_districts_nodata_2024": "{n} other {n|district|districts} with no data (not listed)",
        # a 2024 round compared with a round written for the 2025-07 units (dxmap.gaps.change, across_versions)
        "chg_versions_head": "The picture of {date} is of records of the former communes (2024 units), moved into the "
                             "2025-07 units through the crosswalk; the later one is of records written for the "
                             "2025-07 units",
        "chg_versions_villages": "villages matched between the two rounds: {n} ({former} by new commune, former "
                                 "commune and name; {named} by new commune and name)",
        "chg_versions_earlier": "villages of the 2024 records not matched, left out of the change: {earlier} not in "
                                "the 2025-07 records, {ambiguous} with several namesakes, {unplaced} placed in no "
                                "2025-07 commune{gaps}",
        "chg_versions_later": "villages of the 2025-07 records not matched: {later} not in the 2024 records, "
                              "{ambiguous} with several namesakes; counted with no data then",
        "chg_versions_gaps": "{n} without {tech} then",
        "chg_versions_lan": "counted per 2025-07 commune: a commune lacked {tech} on {date} when any of its former "
                            "communes did ({k} of {n} {n|former commune|former communes} then)",
        # the gap list: a commune's point on an outline it shares with other communes is not its own
        "rpt_location": "Location", "rpt_location_shared": "approximate: outline shared with {others}",
    },
}

# What ``dxmap check`` says of every record (dxmap.reconcile.outcomes, the console lines): keys "chk_…".
_CHECK: dict[str, dict[str, str]] = {
    "vi": {
        # the outcomes file's columns
        "chk_col_file": "Tệp", "chk_col_row": "Dòng", "chk_col_technology": "Hạ tầng", "chk_col_status": "Trạng thái",
        "chk_col_outcome": "Kết quả kiểm tra", "chk_col_unit_id": "Mã đơn vị khớp", "chk_col_matched_commune_code": "Mã xã khớp",
        "chk_col_matched_name": "Tên đơn vị khớp", "chk_col_method": "Khớp theo", "chk_col_reason": "Lý do",
        "chk_col_suggestions": "Gợi ý", "chk_col_name_note": "Ghi chú về tên", "chk_col_level": "Cấp",
        "chk_col_commune_code": "Mã xã", "chk_col_commune_name": "Tên xã", "chk_col_district_code": "Mã huyện",
        "chk_col_district_name": "Huyện", "chk_col_village_id": "Mã thôn/bản", "chk_col_village_name": "Tên thôn/bản",
        "chk_col_former_commune_code": "Mã xã cũ", "chk_col_former_commune_name": "Xã cũ",
        "chk_col_as_of": "Ngày", "chk_col_source": "Nguồn", "chk_col_note": "Ghi chú", "chk_col_lon": "Kinh độ",
        "chk_col_lat": "Vĩ độ", "chk_col_boundary_version": "Phiên bản",
        # outcomes and methods as cells and in the console
        "chk_o_matched": "khớp", "chk_o_unmatched": "không khớp", "chk_o_ambiguous": "nhiều đơn vị",
        "chk_o_duplicate": "trùng", "chk_o_conflict": "mâu thuẫn", "chk_o_ignored": "bỏ qua",
        "chk_o_invalid": "không đọc được",
        "chk_m_code": "mã", "chk_m_name": "tên", "chk_m_location": "vị trí", "chk_m_crosswalk": "bảng chuyển đổi",
        "chk_records": "{n} bản ghi: {counts}", "chk_matched_by": "khớp theo: {counts}",
        "chk_spelt": "{n} dòng có tên viết khác với danh mục (vẫn khớp): {list}",
        "chk_other_district": "{n} bản ghi của huyện khác, không kiểm tra (--district {district}): {list}",
        "chk_other_province": "{n} bản ghi của tỉnh khác, không kiểm tra (--province {province}): {list}",
        "chk_other_commune": "{n} bản ghi của xã/phường khác, không kiểm tra ({communes}): {list}",
        "chk_units_no_commune": "--units {units} cho biết tên trong --commune được hiểu theo đơn vị nào; không có "
                                "--commune thì không dùng đến: hãy bỏ --units, hoặc thêm --commune",
        "chk_communes_checked": "{communes}: kiểm tra {n} trong {total} bản ghi; {other} bản ghi còn lại thuộc "
                                "xã/phường khác",
        "chk_in_province": "--province {province}: kiểm tra {k} trong {n} bản ghi; {m} bản ghi còn lại của tỉnh khác",
        # check --commune in a 2024 round: in the 2025-07 units, or its own (cli._commune_codes)
        "chk_communes_2025": "{communes}: kỳ 2024 được kiểm tra theo đơn vị 2025-07: {units}, gồm {formers}",
        "chk_commune_also_2024": "{communes} được hiểu ở kỳ 2024 là xã/phường 2025-07 {unit} (như summary --units "
                                 "2025-07 và khi so sánh hai kỳ), không phải xã năm 2024 {old} (địa giới khác); để "
                                 "chỉ kiểm tra bản ghi của xã đó, hãy kiểm tra riêng tệp kỳ 2024, không có --units "
                                 "2025-07",
        "chk_commune_also_2025": "{communes}: xã năm 2024 {old}, theo đơn vị của số liệu; xã/phường 2025-07 {unit} "
                                 "còn gồm cả {others}: thêm --units 2025-07 để kiểm tra bản ghi của toàn bộ xã/phường "
                                 "đó",
        "chk_commune_is_2025": "{inner} {communes} là xã/phường 2025-07 {unit}: thêm --units 2025-07 để kiểm tra bản "
                               "ghi của các xã cũ của nó.",
        "chk_row": "dòng {row}", "chk_record": "bản ghi {row}",
        "chk_alike": "giống {n}%",
        "chk_did_you_mean": " (có thể là: {suggestions})", "chk_more_same": " (và {n} dòng khác cùng lý do)",
        "chk_more_in": "  … còn {n} dòng trong {file}", "chk_more_list": "  … còn {n} dòng; xem đủ bằng --outcomes ket_qua.xlsx",
        # the XLSX summary sheet
        "chk_sheet_report": "Kết quả", "chk_sheet_summary": "Tổng hợp",
        "chk_sum_what": "Mục", "chk_sum_value": "Giá trị", "chk_sum_records": "Số bản ghi",
        "chk_sum_outcome": "kết quả", "chk_sum_method": "khớp theo", "chk_sum_note": "ghi chú về tên",
        "chk_sum_note_value": "tên viết khác với danh mục", "chk_sum_total": "tổng",
        "chk_sum_note_former": "xã cũ không thuộc xã ghi ở dòng",
        "chk_sum_left_out": "không kiểm tra (của nơi khác)",
        # the command's own lines and its errors' frame (dxmap.cli): "dxmap: lỗi: …"
        "chk_error": "lỗi", "chk_internal": "lỗi nội bộ: {what} (hãy báo lỗi này; chạy lại với -v để xem chi tiết)",
        "chk_see_help": " (xem '{command} --help')", "chk_interrupted": "đã dừng; không có tệp nào bị ghi dở.",
        "chk_interrupted_usage": "đã dừng.", "chk_cannot_read": "{what}. Hãy kiểm tra đường dẫn và quyền đọc tệp.",
        "chk_demo": "dùng bộ dữ liệu mẫu Lào Cai kèm theo: ranh giới thật năm 2024, thôn/bản và số liệu MINH HỌA",
        "chk_demo_with": "--demo dùng bộ dữ liệu mẫu kèm theo, không dùng cùng {options} được. Bỏ --demo để dùng tệp "
                         "của bạn.",
        "chk_no_records": "hãy chọn tệp số liệu bằng --records TỆP (dùng nhiều lần được), hoặc --demo để dùng bộ dữ "
                          "liệu mẫu.",
        "chk_versions_count": "--records-version được ghi {n} lần cho {files} tệp --records: hãy ghi một lần (phiên "
                              "bản của mọi tệp), hoặc mỗi --records một lần, theo đúng thứ tự.",
        "chk_dates_count": "--records-date được ghi {n} lần cho {files} tệp --records: hãy ghi một lần (ngày của mọi "
                           "tệp), hoặc mỗi --records một lần, theo đúng thứ tự.",
        "chk_district_checked": "--district {district}: kiểm tra {n} trong {total} bản ghi; {other} bản ghi còn lại "
                                "thuộc huyện khác",
        "err_outcomes_over_records": "{path}: bản ghi được đọc từ một tệp cùng tên ({name}); ghi kết quả kiểm tra vào đó sẽ "
                                     "ghi đè lên tệp số liệu. Hãy đặt tên khác cho tệp kết quả, ví dụ {other}.",
        "chk_outcomes_suffix": "_ket_qua",
        "chk_output_is_input": "{option} {out} là tệp đã chọn bằng {input} ({path}): ghi vào đó sẽ ghi đè lên tệp đầu "
                               "vào. Hãy chọn tên khác cho tệp kết quả.",
        "chk_outputs_same": "{option} {out} và {other} {path} là cùng một tệp; hãy đặt cho mỗi tệp kết quả một tên riêng.",
        "chk_cannot_write": "không ghi được {path}: {why}; {fix}. Không có gì được ghi vào {path} (tệp cũ ở đó, nếu có, vẫn "
                            "giữ nguyên).",
        "chk_fix_access": "hãy chọn thư mục có quyền ghi bằng {option}",
        "chk_fix_read_only": "ổ đĩa chỉ cho đọc; hãy chọn thư mục khác bằng {option}",
        "chk_fix_full": "ổ đĩa đã đầy; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác bằng {option}",
        "chk_fix_quota": "đã dùng hết hạn mức dung lượng; hãy giải phóng chỗ trống hoặc chọn ổ đĩa khác bằng {option}",
        "chk_fix_too_big": "tệp lớn hơn mức hệ thống cho phép; hãy chọn ổ đĩa khác bằng {option}",
        "chk_fix_not_folder": "một phần của đường dẫn là tệp, không phải thư mục; hãy chọn đường dẫn khác bằng {option}",
        "chk_fix_is_folder": "đó là một thư mục; hãy ghi tên tệp bằng {option}",
        "chk_fix_too_long": "tên quá dài; hãy chọn tên ngắn hơn bằng {option}",
        "chk_fix_other": "hãy chọn chỗ khác bằng {option}",
    },
    "en": {
        "chk_col_file": "file", "chk_col_row": "row", "chk_col_technology": "technology", "chk_col_status": "status",
        "chk_col_outcome": "outcome", "chk_col_unit_id": "unit_id", "chk_col_matched_commune_code": "matched_commune_code",
        "chk_col_matched_name": "matched_name", "chk_col_method": "method", "chk_col_reason": "reason",
        "chk_col_suggestions": "suggestions", "chk_col_name_note": "name_note", "chk_col_level": "level",
        "chk_col_commune_code": "commune_code", "chk_col_commune_name": "commune_name",
        "chk_col_district_code": "district_code", "chk_col_district_name": "district_name",
        "chk_col_village_id": "village_id", "chk_col_village_name": "village_name",
        "chk_col_former_commune_code": "former_commune_code", "chk_col_former_commune_name": "former_commune_name",
        "chk_col_as_of": "as_of",
        "chk_col_source": "source", "chk_col_note": "note", "chk_col_lon": "lon", "chk_col_lat": "lat",
        "chk_col_boundary_version": "boundary_version",
        "chk_o_matched": "matched", "chk_o_unmatched": "unmatched", "chk_o_ambiguous": "ambiguous",
        "chk_o_duplicate": "duplicate", "chk_o_conflict": "conflict", "chk_o_ignored": "ignored",
        "chk_o_invalid": "invalid",
        "chk_m_code": "code", "chk_m_name": "name", "chk_m_location": "location", "chk_m_crosswalk": "crosswalk",
        "chk_records": "{n} {n|record|records}: {counts}", "chk_matched_by": "matched by: {counts}",
        "chk_spelt": "{n} matched by a name spelt differently from the layer: {list}",
        "chk_other_district": "{n} {n|record|records} of other districts not checked (--district {district}): {list}",
        "chk_other_province": "{n} {n|record|records} of other provinces not checked (--province {province}): {list}",
        "chk_other_commune": "{n} {n|record|records} of other communes not checked ({communes}): {list}",
        "chk_units_no_commune": "--units {units} says which units the names of --commune are; without --commune it "
                                "does nothing: leave --units out, or add --commune",
        "chk_communes_checked": "{communes}: {n} of {total} {total|record|records} checked; the other {other} "
                                "{other|is|are} of other communes",
        "chk_in_province": "--province {province}: {k} of {n} {n|record|records} checked; the other {m} "
                           "{m|is|are} of other provinces",
        "chk_communes_2025": "{communes}: the 2024 round is checked in the 2025-07 units: {units}, made of "
                             "{formers}",
        "chk_commune_also_2024": "{communes} is read in the 2024 round as the 2025-07 commune {unit} (as summary "
                                 "--units 2025-07 and the comparison of the rounds read it), not as the 2024 commune "
                                 "{old}, whose area is not the same; for that commune's records alone, check the 2024 "
                                 "file on its own, without --units 2025-07",
        "chk_commune_also_2025": "{communes}: the 2024 commune {old}, as the records are written; the 2025-07 commune "
                                 "{unit} also takes in {others}: --units 2025-07 checks the records of all of it",
        "chk_commune_is_2025": "{inner} {communes} names the 2025-07 commune {unit}: add --units 2025-07 to check the "
                               "records of its former communes.",
        "chk_row": "row {row}", "chk_record": "record {row}",
        "chk_alike": "{n}% alike",
        "chk_did_you_mean": " (did you mean: {suggestions})", "chk_more_same": " (and {n} more {n|row|rows} for the same reason)",
        "chk_more_in": "  … {n} more in {file}", "chk_more_list": "  … {n} more; list them all with --outcomes check.xlsx",
        "chk_sheet_report": "report", "chk_sheet_summary": "summary",
        "chk_sum_what": "what", "chk_sum_value": "value", "chk_sum_records": "records",
        "chk_sum_outcome": "outcome", "chk_sum_method": "matched by", "chk_sum_note": "name_note",
        "chk_sum_note_value": "name spelt otherwise in the layer", "chk_sum_total": "total",
        "chk_sum_note_former": "former commune not one of the row's commune's",
        "chk_sum_left_out": "not checked (of another place)",
        "chk_error": "error", "chk_internal": "internal error: {what} (please report it; run with -v to see the traceback)",
        "chk_see_help": " (see '{command} --help')", "chk_interrupted": "interrupted; no output was left half-written.",
        "chk_interrupted_usage": "interrupted.", "chk_cannot_read": "{what}. Check the path and that you may read the file.",
        "chk_demo": "using the bundled Lào Cai demo: real 2024 boundaries, ILLUSTRATIVE villages and records",
        "chk_demo_with": "--demo uses the bundled sample; it cannot be combined with {options}. Drop --demo to use your "
                         "files.",
        "chk_no_records": "give --records FILE (repeatable), or --demo for the bundled sample.",
        "chk_versions_count": "--records-version is given {n} times for {files} --records files: give it once (the "
                              "version of every file), or once per --records, in the same order.",
        "chk_dates_count": "--records-date is given {n} times for {files} --records files: give it once (the date of "
                           "every file), or once per --records, in the same order.",
        "chk_district_checked": "--district {district}: {n} of {total} {total|record|records} checked; the other "
                                "{other} {other|is|are} of other districts",
        "err_outcomes_over_records": "{path}: the records were read from a file of that name ({name}); writing the "
                                     "outcomes there would overwrite a records file. Give the outcomes another name, "
                                     "e.g. {other}.",
        "chk_outcomes_suffix": "_outcomes",
        "chk_output_is_input": "{option} {out} is the file given with {input} ({path}): writing it would overwrite your "
                               "input. Choose another output name.",
        "chk_outputs_same": "{option} {out} and {other} {path} are the same file; give each output its own name.",
        "chk_cannot_write": "cannot write {path}: {why}; {fix}. Nothing was written to {path} (an older file there is "
                            "unchanged).",
        "chk_fix_access": "choose a folder you can write to with {option}",
        "chk_fix_read_only": "the disk is read-only; choose another folder with {option}",
        "chk_fix_full": "the disk is full; free some space or choose another disk with {option}",
        "chk_fix_quota": "your disk quota is used up; free some space or choose another disk with {option}",
        "chk_fix_too_big": "the file is larger than this system allows; choose another disk with {option}",
        "chk_fix_not_folder": "a part of the path is a file, not a folder; choose another path with {option}",
        "chk_fix_is_folder": "it is a folder; give a file name with {option}",
        "chk_fix_too_long": "the name is too long; choose a shorter one with {option}",
        "chk_fix_other": "choose another place with {option}",
    },
}

# Why a record was not matched, in the ``reason`` of dxmap.reconcile's outcomes: keys "rsn_…".
_REASONS: dict[str, dict[str, str]] = {
    "vi": {
        # the commune (dxmap.reconcile.match)
        "rsn_no_unit": "không có mã xã, tên xã hay vị trí (kinh độ, vĩ độ) để xác định đơn vị",
        "rsn_invalid_also": "{problem}; ngoài ra, {reason}",
        "rsn_no_commune": "không có mã xã, tên xã hay vị trí (kinh độ, vĩ độ) để xác định xã",
        "rsn_code_is_other": "mã xã {code} là {layer_name} nhưng tên ghi là {name}",
        "rsn_commune_ambiguous": "tên xã {name} khớp với nhiều xã ({units}); hãy ghi thêm mã xã hoặc tên huyện",
        "rsn_code_unknown_name_fits": "mã xã {code} không có trong danh mục xã; tên khớp với {fit_code} {fit_name}: "
                                      "hãy sửa mã, hoặc xóa mã để khớp theo tên",
        "rsn_name_other_kind": "tên {name} là một {kind}, đơn vị cấp huyện, không phải xã; đơn vị cùng tên trong danh "
                               "mục xã là {fit_code} {fit_name}: hãy ghi tên xã (hoặc mã xã)",
        "rsn_code_unknown_other_kind": "mã xã {code} không có trong danh mục xã; tên trùng với {fit_code} {fit_name}, "
                                       "nhưng đơn vị này không phải {kind}: hãy sửa mã (xã có thể đã sáp nhập vào xã "
                                       "khác)",
        "rsn_point_shared_commune": "vị trí (kinh độ, vĩ độ) nằm trong vùng bản đồ vẽ chung cho nhiều xã ({units}); "
                                    "hãy ghi thêm mã xã",
        "rsn_no_commune_named": "không có xã nào tên {name}", "rsn_in_district": " ở huyện {district}",
        "rsn_district_unknown": "huyện {district} không có trong danh mục xã: hãy sửa lại, hoặc xóa đi để tìm {name} "
                                "chỉ theo tên",
        "rsn_code_unknown": "mã xã {code} không có trong danh mục xã",
        "rsn_code_merged": "mã xã {code} là mã của xã cũ đã nhập vào {into}: hãy ghi số liệu cho xã đó",
        "rsn_point_outside": "vị trí (kinh độ, vĩ độ) nằm ngoài mọi xã; kiểm tra lại tọa độ",
        "rsn_point_swapped": "vị trí (kinh độ {x}, vĩ độ {y}) nằm ngoài mọi xã, nhưng nếu đảo lại thì nằm trong {code} "
                             "{name}: kinh độ và vĩ độ bị ghi ngược? Hãy kiểm tra lại thứ tự hai cột",
        "rsn_namesake_district": "{unit}, {district}",
        # the village
        # what the commune can act on only: how to give the village list is said once, to whoever runs dxmap (the
        # log lines "log_no_village_layer" and "log_per_village_…")
        "rsn_no_village_layer": "bản ghi cấp thôn/bản, nhưng chưa có danh mục thôn/bản để đối chiếu",
        "rsn_no_village_layer_yenbai": "bản ghi cấp thôn/bản, nhưng chưa có danh mục thôn/bản của Yên Bái để đối chiếu",
        "rsn_per_village_no_layer": "{tech} được tính theo thôn/bản, nhưng dòng này không nêu thôn/bản nào: để tính, "
                                    "hãy ghi tên thôn/bản vào dòng này",
        "rsn_per_village_no_village": "{tech} được tính theo thôn/bản, nhưng dòng này không nêu thôn/bản nào (không có "
                                      "mã, tên hay vị trí của thôn/bản): hãy ghi tên hoặc mã thôn/bản vào dòng này",
        "rsn_position_points_only": "{tech} được tính theo thôn/bản; dòng này có kinh độ, vĩ độ, nhưng danh mục thôn/bản "
                                    "chỉ có điểm, không có vùng để xác định vị trí thuộc thôn/bản nào: hãy ghi tên hoặc "
                                    "mã thôn/bản vào dòng này",
        "rsn_village_is_commune": "{tech} được tính theo thôn/bản, nhưng ô thôn/bản của dòng này ('{name}') ghi cả xã, "
                                  "không phải một thôn/bản: hãy ghi riêng từng thôn/bản",
        "rsn_position_listed": "{tech} được tính theo thôn/bản; dòng này có kinh độ, vĩ độ nhưng không nêu tên thôn/bản, và "
                               "danh mục thôn/bản lập theo bản ghi không có vùng để xác định vị trí thuộc thôn/bản nào: "
                               "hãy ghi tên hoặc mã thôn/bản vào dòng này",
        "rsn_position_no_village": "{tech} được tính theo thôn/bản; vị trí (kinh độ, vĩ độ) của dòng này không nằm trong "
                                   "thôn/bản nào của xã: hãy kiểm tra vị trí, hoặc ghi tên hoặc mã thôn/bản",
        "rsn_this_tech": "Hạ tầng này",
        "rsn_village_other_commune": "thôn/bản {village} thuộc xã {theirs}, không phải xã {given}",
        "log_village_ids_zeros": "{n} bản ghi có mã thôn/bản mất số 0 ở đầu (bảng tính thường bỏ chúng), đã khớp "
                                 "với mã của lớp thôn/bản ({examples})",
        "log_village_ids_made": "{n} bản ghi có mã thôn/bản là mã của thôn/bản khác trong lớp thôn/bản, mà lớp này "
                                "không có cột mã nên dxmap đánh mã theo thứ tự dòng ({examples}): đã tìm theo tên. "
                                "Hãy chọn cột mã của lớp (--villages-column village_id=…) hoặc bỏ mã thôn/bản khỏi "
                                "số liệu",
        "rsn_village_id_is_other": "mã thôn/bản {village} là {layer_name} nhưng tên ghi là {name}: hãy sửa mã hoặc tên "
                                   "(xóa mã để khớp theo tên)",
        "rsn_village_ambiguous": "tên thôn/bản {name} khớp với nhiều thôn/bản ({units}); hãy ghi thêm mã thôn/bản",
        "rsn_village_which_former": "xã này có thôn/bản {name} ở nhiều xã cũ: hãy ghi xã cũ của thôn/bản ({formers})",
        "rsn_village_other_former": "xã này có thôn/bản {name} ở nhiều xã cũ, nhưng không ở xã cũ {given}: hãy sửa "
                                    "xã cũ của thôn/bản ({formers})",
        "rsn_village_former_one": "xã này chỉ có thôn/bản {name} ở xã cũ {former}; dòng khác ghi thôn/bản này ở "
                                  "{others} (không phải xã cũ của xã này): hãy ghi xã cũ {former} cho dòng này, hoặc "
                                  "sửa tên xã hoặc tên xã cũ ở các dòng kia",
        "rsn_village_former_none": "các dòng khác ghi thôn/bản {name} của xã này ở {others} (không phải xã cũ của "
                                   "xã này): hãy sửa tên xã hoặc tên xã cũ ở các dòng đó, rồi ghi xã cũ cho dòng này",
        "rsn_or": "{a} hoặc {b}",
        "rsn_point_shared_village": "vị trí (kinh độ, vĩ độ) nằm trong nhiều thôn/bản cùng lúc; hãy ghi thêm mã "
                                    "thôn/bản",
        "rsn_no_village_named": "xã {commune} không có thôn/bản nào tên {name}",
        "rsn_village_id_unknown": "mã thôn/bản {village} không có trong danh mục thôn/bản",
        "rsn_namesake_commune": "{unit}, xã {commune}",
        # duplicates, and records at another level than their technology is counted at
        "rsn_duplicate": "cùng đơn vị, hạ tầng và ngày với dòng {row} của {file}",
        "rsn_duplicate_status": "; dòng này ghi “{own}”, dòng đó ghi “{kept}”: tạm lấy dòng đó; hãy sửa một trong "
                                "hai",
        "rsn_commune_tech_repeated": "{tech} được tính theo xã: dòng {row} đã ghi trạng thái này của xã, dòng này "
                                     "chỉ nhắc lại",
        "rsn_row_copied": "chép y nguyên dòng {row} của {file} (cùng đơn vị, hạ tầng, ngày, trạng thái và ghi chú): "
                          "chỉ tính một lần",
        "log_rows_copied": "{n} dòng chép y nguyên một dòng trước đó của cùng tệp, chỉ tính một lần ({rows}); "
                           "hãy xóa các dòng chép khỏi tệp",
        "rsn_other_level": "bản ghi cấp {level}, nhưng {tech} được tính theo {counted}",
        "rsn_level_village": "thôn/bản", "rsn_level_commune": "xã",
        # boundary versions and the 2024 → 2025-07 crosswalk (dxmap.reconcile.versions)
        "rsn_crosswalk_lost": "xã trong danh mục xã {source} không có đúng một đơn vị kế thừa trong danh mục xã "
                              "{target} (theo bảng chuyển đổi): {code} ({relation}); hãy ghi vị trí (kinh độ, vĩ độ) "
                              "hoặc mã của đơn vị mới",
        "rsn_rel_whole": "nhập toàn bộ", "rsn_rel_part": "nhập một phần", "rsn_rel_none": "không có đơn vị kế thừa",
        "rsn_rel_missing": "không có trong bảng chuyển đổi",
        "rsn_merged": "; nhiều xã cũ nay thuộc cùng đơn vị mới này: trạng thái của các xã cũ cần được tổng hợp lại",
        "rsn_dated_before_new_units": "ngày {date} là trước ngày 1/7/2025, khi chưa có các đơn vị 2025-07 mà bản ghi "
                                      "được đọc theo; hãy kiểm tra lại năm",
        "rsn_version_hint": "; mã và tên này là của một xã trong danh mục xã {version}, nên bản ghi có vẻ được viết "
                            "theo danh mục {version}",
        "rsn_former_hint": "; là xã cũ (đến ngày 1/7/2025): {list}. Hãy ghi đơn vị mới (từ ngày 1/7/2025)",
        "rsn_former_kind": "tên {name} ghi là {kind}, nhưng {unit} không phải {kind}",
        "rsn_former_district": "{unit} không có phần nào thuộc {district} cũ",
        "rsn_former_spelt": "tên {name} viết như tên một xã cũ, không như {unit}",
        "rsn_former_kind_district": "tên {name} ghi là {kind}, nhưng {unit} không phải {kind} và không có phần nào "
                                    "thuộc {district} cũ",
        "rsn_former_whole": "{old} nay thuộc {new}", "rsn_former_part": "{old} nay có một phần thuộc {new}",
        "rsn_since_new_units": "{unit} (từ 1/7/2025)",
        # name_note: dxmap.reconcile.outcomes reads the name back from these two
        "rsn_note_commune": "tên xã trong danh mục viết là '{name}'",
        "rsn_note_village": "tên thôn/bản trong danh mục viết là '{name}'",
        "rsn_note_former_other": "xã cũ {former} nay thuộc {now}, không thuộc {commune}: hãy sửa tên xã hoặc tên xã cũ",
        "rsn_note_former_unknown": "{former} không phải xã cũ của {commune}: hãy sửa tên xã hoặc tên xã cũ",
    },
    "en": {
        "rsn_no_unit": "no commune code, commune name or position (longitude, latitude) to identify the unit",
        "rsn_invalid_also": "{problem}; also, {reason}",
        "rsn_no_commune": "no commune code, commune name or position (longitude, latitude) to identify the commune",
        "rsn_code_is_other": "commune code {code} is {layer_name} but the name says {name}",
        "rsn_commune_ambiguous": "commune name {name} fits several communes ({units}); add the commune code or the "
                                 "district",
        "rsn_code_unknown_name_fits": "commune code {code} is not in the boundary set; the name fits {fit_code} "
                                      "{fit_name}: correct the code, or clear it to match by the name",
        "rsn_name_other_kind": "the name {name} says {kind}, a unit of district rank, not a commune; its namesake among "
                               "the communes is {fit_code} {fit_name}: give the commune's name (or code)",
        "rsn_code_unknown_other_kind": "commune code {code} is not in the boundary set; the name is that of {fit_code} "
                                       "{fit_name}, which is not a {kind}: correct the code (the commune may have "
                                       "merged into another)",
        "rsn_point_shared_commune": "the position (longitude, latitude) lies where the map draws several communes as "
                                    "one ({units}); add the commune code",
        "rsn_no_commune_named": "no commune named {name}", "rsn_in_district": " in district {district}",
        "rsn_district_unknown": "district {district} is not in the boundary set: correct it, or clear it to find "
                                "{name} by its name alone",
        "rsn_code_unknown": "commune code {code} is not in the boundary set",
        "rsn_code_merged": "commune code {code} is that of a former commune, merged into {into}: write its records "
                           "for that commune",
        "rsn_point_outside": "the position (longitude, latitude) lies outside every commune; check the coordinates",
        "rsn_point_swapped": "the position (longitude {x}, latitude {y}) lies outside every commune, but swapped it lies "
                             "in {code} {name}: longitude and latitude typed the other way round? Check the two columns",
        "rsn_namesake_district": "{unit}, {district} district",
        "rsn_no_village_layer": "a village record, but there is no village list to check it against",
        "rsn_no_village_layer_yenbai": "a village record, but there is no village list of Yên Bái to check it against",
        "rsn_per_village_no_layer": "{tech} is counted per village, but the row names no village: add the village's "
                                    "name to this row to count it",
        "rsn_per_village_no_village": "{tech} is counted per village, but the row names no village (no village code, "
                                      "name or position): add the village's name or code to this row",
        "rsn_position_points_only": "{tech} is counted per village; the row gives a position, but the village layer "
                                    "has points only, which no position falls in: add the village's name or code to "
                                    "this row",
        "rsn_village_is_commune": "{tech} is counted per village, but the row's village cell ('{name}') names the whole "
                                  "commune, not a village: give each village its own row",
        "rsn_position_listed": "{tech} is counted per village; the row gives a position but names no village, and the "
                               "village list made from the records has no areas a position could fall in: add the "
                               "village's name or code to this row",
        "rsn_position_no_village": "{tech} is counted per village; the row's position (longitude, latitude) lies in no "
                                   "village of its commune: check the position, or add the village's name or code",
        "rsn_this_tech": "this technology",
        "rsn_village_other_commune": "village {village} belongs to commune {theirs}, not {given}",
        "log_village_ids_zeros": "{n} {n|record gives its village id|records give their village ids} without the "
                                 "leading zeros the village layer writes (a spreadsheet drops them): matched to the "
                                 "layer's ({examples})",
        "log_village_ids_made": "{n} {n|record gives|records give} the village id of another village of the village "
                                "layer, which has no id column, so dxmap numbered its villages in row order "
                                "({examples}): looked up by their names instead. Name the layer's id column "
                                "(--villages-column village_id=…) or leave the village ids out of the records",
        "rsn_village_id_is_other": "village id {village} is {layer_name} but the name says {name}: fix the id or the "
                                   "name (or clear the id to match by name)",
        "rsn_village_ambiguous": "village name {name} fits several villages ({units}); add the village code",
        "rsn_village_which_former": "this commune has a village {name} in several former communes: fill in the "
                                    "village's former commune ({formers})",
        "rsn_village_other_former": "this commune has a village {name} in several former communes, but not in the "
                                    "former commune {given}: correct the village's former commune ({formers})",
        "rsn_village_former_one": "this commune has a village {name} in former commune {former} only; other rows "
                                  "name one in {others} (not among this commune's former communes): give this row the "
                                  "former commune {former}, or correct the other rows' commune or former commune",
        "rsn_village_former_none": "other rows name a village {name} of this commune in {others} (not among this "
                                   "commune's former communes): correct their commune or former commune, then fill "
                                   "in this row's former commune",
        "rsn_or": "{a} or {b}",
        "rsn_point_shared_village": "the position (longitude, latitude) lies in several villages at once; add the "
                                    "village code",
        "rsn_no_village_named": "no village named {name} in commune {commune}",
        "rsn_village_id_unknown": "village id {village} is not in the village layer",
        "rsn_namesake_commune": "{unit}, {commune} commune",
        "rsn_duplicate": "same unit, technology and date as row {row} of {file}",
        "rsn_duplicate_status": ", with another status ({own} here, {kept} there): the first is kept; correct one of "
                                "them",
        "rsn_commune_tech_repeated": "{tech} is counted per commune: row {row} gives the commune this status, and "
                                     "this row only repeats it",
        "rsn_row_copied": "a word-for-word copy of row {row} of {file} (same unit, technology, date, status and "
                          "note): counted once",
        "log_rows_copied": "{n} {n|row copies|rows copy} an earlier row of {n|its|their} file word for word, counted "
                           "once ({rows}); delete the copies from the file",
        "rsn_other_level": "a {level}-level record, but {tech} is counted per {counted}",
        "rsn_level_village": "village", "rsn_level_commune": "commune",
        "rsn_crosswalk_lost": "a {source} commune with no single {target} successor in the crosswalk: {code} "
                              "({relation}); give its position (longitude, latitude) or the new unit's code",
        "rsn_rel_whole": "whole", "rsn_rel_part": "part", "rsn_rel_none": "none",
        "rsn_rel_missing": "not in the crosswalk",
        "rsn_merged": "; several former communes lie in this new unit: their statuses are to be summed up together",
        "rsn_dated_before_new_units": "dated {date}, before 1 July 2025, when the 2025-07 units it is read in did not "
                                      "exist yet; check the year",
        "rsn_version_hint": "; this code and name are the {version} unit: the record seems written for version "
                            "{version}",
        "rsn_former_hint": "; a commune until 1 July 2025: {list}. Name the unit it is part of since 1 July 2025",
        "rsn_former_kind": "the name {name} says {kind}, but {unit} is no {kind}",
        "rsn_former_district": "{unit} has no part in the former {district}",
        "rsn_former_spelt": "the name {name} is spelt as a former commune's, not as {unit}",
        "rsn_former_kind_district": "the name {name} says {kind}, but {unit} is no {kind} and has no part in the "
                                    "former {district}",
        "rsn_former_whole": "{old} is part of {new}", "rsn_former_part": "{old} lies partly in {new}",
        "rsn_since_new_units": "{unit} (since 1 July 2025)",
        "rsn_note_commune": "commune name spelt '{name}' in the layer",
        "rsn_note_village": "village name spelt '{name}' in the layer",
        "rsn_note_former_other": "former commune {former} is now part of {now}, not of {commune}: correct the "
                                 "commune or the former commune",
        "rsn_note_former_unknown": "{former} is no former commune of {commune}: correct the commune or the former "
                                   "commune",
    },
}

# Why a row cannot be read as a record (``problem``) or is not one (``ignore_reason``), from dxmap.io.records and
# dxmap.validate: keys "row_…".
_ROW_PROBLEMS: dict[str, dict[str, str]] = {
    "vi": {
        # ignore_reason: rows that are no record
        "row_total": "dòng tổng ({text})",
        "row_signature": "dòng chữ ký hoặc ghi chú ('{text}'): không phải bản ghi",
        "row_heading_merged": "dòng tiêu đề ({text}, ô gộp {cells}): không phải bản ghi",
        "row_heading": "dòng tiêu đề hoặc ghi chú ({text}): không phải bản ghi",
        "row_packed": "mọi ô của dòng nằm chung trong cột {column}, cách nhau bởi {sep} ({text}): hãy đưa mỗi giá trị "
                      "về đúng cột của nó",
        "row_empty": "không có hạ tầng và trạng thái: dòng tiêu đề hoặc dòng trống",
        "row_wide_empty": "không có trạng thái và không có đơn vị: dòng tiêu đề hoặc dòng trống",
        "row_wide_no_status": "không có trạng thái ở cột hạ tầng nào ({columns}): không có bản ghi, đơn vị vẫn là "
                              "“chưa rõ”",
        "row_unknown_undated": "trạng thái “chưa rõ” không kèm ngày: không có bản ghi, đơn vị vẫn là “chưa rõ” (như "
                               "danh sách tải từ bản đồ ghi những đơn vị chưa có số liệu)",
        # problem: rows that cannot be read as a record
        "row_not_a_mark": "{column}: {cells}, không phải dấu x; chỉ đánh dấu x vào một trong các cột ({subcolumns})",
        "row_mark_cell": "ô cột {column} ghi {value}",
        "row_any_of_unread": "không nhận ra trạng thái {cells}, và không cột nào khác ghi có nên không biết trạng thái "
                             "của dòng; các từ được chấp nhận: {accepted}",
        "row_marked_twice": "{column}: {marked} đều được đánh dấu; chỉ đánh dấu một cột",
        "row_and": "{a} và {b}",
        "row_formula": "ô {cell} là công thức mà tệp không lưu giá trị (cột {column}): mở tệp bằng Excel hoặc "
                       "LibreOffice rồi lưu lại, hoặc gõ giá trị vào ô",
        "row_cut_short": "dòng chỉ có {n} ô, trong khi dòng tiêu đề cột có {total} ô (dòng bị cắt?): thiếu {columns}; "
                         "hãy điền đủ dòng này",
        "row_too_many_cells": "dòng có {n} ô, trong khi dòng tiêu đề cột chỉ có {total} ô, có lẽ vì một ô có dấu phẩy: "
                              "phần thừa ({extra}) được ghi nối vào cột cuối ({last}); hãy kiểm tra lại dòng này",
        "row_open_quote": "dấu ngoặc kép (\") mở một ô ở cột {column} (dòng {line}) mà không đóng: {n} dòng ({lines}) "
                          "nằm trong ô đó, trông như dòng riêng nhưng không được đọc: thêm dấu ngoặc kép đóng ô",
        "row_unknown_technology": "không nhận ra hạ tầng {value}{column}; các từ được chấp nhận: {accepted}",
        "row_unknown_status": "không nhận ra trạng thái {value}{column}; các từ được chấp nhận: {accepted}",
        "row_two_statuses": "ô {value}{column} ghi hai trạng thái: {word} ({status}) và, trong ngoặc, {remark} "
                            "({other}); hãy ghi một trạng thái (trong ngoặc chỉ ghi chú thích không nói trạng thái, "
                            "ví dụ tên nhà mạng)",
        "row_excel_error": "ô lỗi của Excel ({value}){column}: công thức bị lỗi; hãy sửa công thức trong tệp hoặc ghi "
                           "trạng thái",
        "row_unknown_level": "không nhận ra cấp {value}{column}; các từ được chấp nhận: {accepted}",
        "row_in_column": " ở cột {column}",
        "row_no_technology": "chưa ghi hạ tầng; các từ được chấp nhận: {accepted}",
        "row_future_date": "ngày {date} muộn hơn hôm nay ({today}), có thể gõ nhầm năm; hãy sửa lại (ngày cập nhật "
                           "không thể ở tương lai)",
        "row_past_date": "ngày {date} trước năm {year}, có thể gõ nhầm năm; hãy sửa lại (số liệu kết nối không có từ "
                         "trước năm {year})",
        "row_no_date": "chưa ghi ngày cập nhật: hãy điền ngày (ngày/tháng/năm)",
        "row_bad_lon": "kinh độ {value} không phải là số: hãy ghi số độ thập phân, ví dụ 103,85",
        "row_bad_lat": "vĩ độ {value} không phải là số: hãy ghi số độ thập phân, ví dụ 22,48",
        "row_no_unit": "không xác định được đơn vị: không có mã hoặc tên xã, mã thôn/bản, hay kinh độ và vĩ độ",
        "row_no_unit_below": "không xác định được đơn vị: ô xã trống ở dòng thôn/bản này, dù dòng trên có ghi xã (ô gộp "
                             "cho các thôn/bản chỉ giữ giá trị ở dòng đầu khi lưu thành CSV): hãy ghi xã ở mọi dòng, "
                             "hoặc dùng tệp Excel (.xlsx)",
        # dates (dxmap.validate.dates): {column} is the date column's word
        "row_date_column": "ngày",
        "row_not_a_date": "{column} {value} không phải là ngày: hãy viết ngày/tháng/năm, ví dụ 30/6/2024 (tháng hoặc quý "
                          "viết 'Tháng 6/2024' hoặc 'Quý II/2024')",
        "row_period_not_ended": "{column} {value} là kỳ chưa kết thúc (đến hết ngày {date}): hãy ghi ngày cụ thể đã "
                                "xác nhận hiện trạng (ngày/tháng/năm)",
        "row_no_such_period": "{column} {value} không tồn tại: không có tháng hoặc quý này; hãy sửa lại",
        "row_no_such_day_iso": "{column} {value} không tồn tại (đọc theo năm-tháng-ngày); hãy sửa lại",
        "row_no_such_day_month": "{column} {value} không tồn tại: {month} năm {year} có {days} ngày; hãy sửa lại",
        "row_no_such_day_named": "{column} {value} không tồn tại; hãy sửa lại",
        "row_no_such_day_dmy": "{column} {value} không tồn tại (đọc theo ngày/tháng/năm); hãy sửa lại",
        "row_month_first_only": "{column} {value} không tồn tại (đọc theo ngày/tháng/năm): không có tháng {month}. Có "
                                "lẽ gõ đảo ngày và tháng? Nếu là {day}, hãy viết {fixed}",
        "row_no_such_day_mdy": "{column} {value} không tồn tại (đọc theo tháng/ngày/năm); hãy sửa lại",
        "row_no_such_day_ymd": "{column} {value} không tồn tại (đọc theo năm/tháng/ngày, năm 2 chữ số); hãy sửa lại",
    },
    "en": {
        "row_total": "a total row ({text})",
        "row_signature": "a signature or note row ('{text}'): no record",
        "row_heading_merged": "a heading row ({text} merged across {cells}): no record",
        "row_heading": "a heading or note row ({text}): no record",
        "row_packed": "the row's cells are all in column {column}, separated by {sep} ({text}): put each value in its "
                      "column",
        "row_empty": "no technology and no status: a heading or empty row",
        "row_wide_empty": "no status and no unit: a heading or empty row",
        "row_wide_no_status": "no status in any technology column ({columns}): no record, the unit stays unknown",
        "row_unknown_undated": "status unknown without a date: no record, the unit stays unknown (as the map's "
                               "downloaded list writes the units without data)",
        "row_not_a_mark": "{column}: {cells} is not a mark; mark one sub-column with x ({subcolumns})",
        "row_mark_cell": "{column}: {value}",
        "row_any_of_unread": "unknown status {cells}, and no other column says covered, so the row's status is not "
                             "known; accepted: {accepted}",
        "row_marked_twice": "{column}: {marked} are both marked; mark one",
        "row_and": "{a} and {b}",
        "row_formula": "cell {cell} is a formula whose value the file does not hold (column {column}): open the file "
                       "in Excel or LibreOffice and save it, or type the value",
        "row_cut_short": "the line has {n} of the header's {total} cells (cut short?): no {columns}; complete the line",
        "row_too_many_cells": "{n} cells, but the header has {total}, perhaps because a cell holds a comma: the extra "
                              "text ({extra}) is joined to the last column ({last}); check this row",
        "row_open_quote": "a quote (\") opens a cell in column {column} (line {line}) and is never closed: {n} {n|line|lines} "
                          "({lines}) {n|is|are} inside it, like {n|a row|rows} of {n|its|their} own, not read: close the "
                          "quote",
        "row_unknown_technology": "unknown technology {value}{column}; accepted: {accepted}",
        "row_unknown_status": "unknown status {value}{column}; accepted: {accepted}",
        "row_two_statuses": "{value}{column} holds two statuses: {word} ({status}) and, in brackets, {remark} "
                            "({other}); write one status (brackets may hold a remark that says no status, such as the "
                            "network's name)",
        "row_excel_error": "an Excel error value ({value}){column}: the formula failed; correct the formula in the "
                           "file or write the status",
        "row_unknown_level": "unknown level {value}{column}; accepted: {accepted}",
        "row_in_column": " in column {column}",
        "row_no_technology": "no technology; accepted: {accepted}",
        "row_future_date": "date {date} is after today ({today}): a mistyped year? Correct it (a record cannot be "
                           "dated in the future)",
        "row_past_date": "date {date} is before {year}: a mistyped year? Correct it (no connectivity record is older "
                         "than {year})",
        "row_no_date": "no date: fill in the day the status was true (dd/mm/yyyy)",
        "row_bad_lon": "longitude {value} is not a number: write it in decimal degrees, e.g. 103.85",
        "row_bad_lat": "latitude {value} is not a number: write it in decimal degrees, e.g. 22.48",
        "row_no_unit": "nothing identifies the unit: no commune code or name, village code, or longitude and latitude",
        "row_no_unit_below": "nothing identifies the unit: the commune cell of this village's row is empty, though a "
                             "row above names one (a cell merged down the villages keeps its value only in its first "
                             "row when saved as CSV): write the commune on every row, or give the workbook (.xlsx)",
        "row_date_column": "date",
        "row_not_a_date": "{column} {value} is not a date: write it as dd/mm/yyyy (day first) or yyyy-mm-dd (a month "
                          "or quarter as 'June 2024' or 'Q2 2024')",
        "row_period_not_ended": "{column} {value} is a period that has not ended (it ends on {date}): write the day "
                                "the status was true, as dd/mm/yyyy",
        "row_no_such_period": "impossible {column} {value}: no such month or quarter",
        "row_no_such_day_iso": "impossible {column} {value} (as year-month-day): no such day",
        "row_no_such_day_month": "impossible {column} {value}: {month} {year} has {days} days",
        "row_no_such_day_named": "impossible {column} {value}: no such day",
        "row_no_such_day_dmy": "impossible {column} {value} (read day first, dd/mm/yyyy): no such day",
        "row_month_first_only": "impossible {column} {value} (read day first, dd/mm/yyyy): there is no month {month}. "
                                "Day and month swapped by mistake? If {day} was meant, write {fixed}",
        "row_no_such_day_mdy": "impossible {column} {value} (read month first, mm/dd/yyyy): no such day",
        "row_no_such_day_ymd": "impossible {column} {value} (read year first, yy/mm/dd): no such day",
    },
}

# What the reader says of a whole file on the console (dxmap.io.records, dxmap.io.xlsx, dxmap.io.encodings,
# dxmap.validate.dates: its log lines "log_…" and the errors that stop reading it "err_…"), and reconciliation's
# warnings (dxmap.reconcile.match). Python words (as_of='…', columns={…}) stay as such in both languages: the
# command line turns them into its options.
_READER: dict[str, dict[str, str]] = {
    "vi": {
        # pieces
        "log_in_all": " … (tổng cộng {n})", "log_row_one": "dòng {list}", "log_rows": "dòng {list}",
        "log_where_sheet": "{file}, trang tính {sheet}", "log_count": "{what} {n}", "log_ignored": "bỏ qua",
        "log_your_header": "Tên cột", "log_tech_mobile": "di động", "log_tech_fibre": "cáp quang", "log_tech_lan": "mạng LAN",
        "log_kind_technology": "hạ tầng", "log_kind_status": "trạng thái", "log_kind_level": "cấp",
        "log_months": "tháng 1, tháng 2, tháng 3, tháng 4, tháng 5, tháng 6, tháng 7, tháng 8, tháng 9, tháng 10, "
                      "tháng 11, tháng 12",
        "log_day": "ngày {day} {month}", "log_at_byte": " ({reason} ở byte {byte})",
        "log_order_dmy": "ngày trước, dd/mm/yyyy", "log_order_mdy": "tháng trước, mm/dd/yyyy",
        "log_order_ymd": "năm trước, yy/mm/dd",
        # reading a file (dxmap.io.records, dxmap.io.xlsx, dxmap.io.encodings)
        "log_chart_sheets": "{file}: {n} trang tính là biểu đồ ({sheets}), không có ô số liệu: không đọc",
        "err_chart_sheet": "{path}: trang tính {sheet} là một biểu đồ, không phải bảng số liệu; hãy chọn trang tính có "
                           "bảng: {names}",
        "log_headless_sheets": "{file}: {n} trang tính ({sheets}) không có dòng tiêu đề nào trong {rows} dòng đầu (cần "
                               "ít nhất hai tên cột dxmap biết, như 'Mã xã' và 'Trạng thái'): không đọc",
        "log_no_records_sheets": "{file}: {n} trang tính ({sheets}) không có cột trạng thái hay cột hạ tầng nào: không "
                                 "đọc số liệu ở đó",
        "log_sheets_read": "{file}: {n} trang tính có số liệu ({sheets}); đọc tất cả",
        "log_sheet_rows": "{file}: trang tính {sheet}, {n} dòng số liệu từ dòng {row}",
        "log_counts_sheet": "{file}: trang tính {sheet} ghi số lượng (cột {column}: {values}), không phải trạng thái "
                            "của từng đơn vị: không đọc (chọn trang tính cần đọc bằng sheet=)",
        "log_sheets_none_here": "{file}: không có trang tính nào tên {sheets} (các trang tính: {names}): đọc mọi trang "
                                "tính có số liệu, như khi không có sheet=",
        "log_sheets_not_here": "{file}: không có trang tính tên {sheets}: chỉ đọc {read}",
        "log_header_line": "{file}: dòng tên cột là dòng {line}, {n} dòng số liệu",
        "log_utf16": "{file}: văn bản {bom} (\"Unicode Text\" của Excel)",
        "log_detected": "{file}: không phải UTF-8; đã đọc theo bảng mã {encoding} (tự nhận ra). Dùng encoding= để "
                        "chọn bảng mã khác.",
        "log_utf8_given": "{file}: tệp là văn bản UTF-8 có chữ có dấu, nhưng đã chọn encoding={given}: nếu tệp không "
                          "thật sự là {encoding}, các tên sẽ bị lỗi phông. Với tệp UTF-8, hãy bỏ encoding=.",
        "log_encoding_detected": "bảng mã nhận ra: {encoding}",
        "log_dbf_utf8": "{file}: chữ trong bảng thuộc tính đọc theo bảng mã {encoding}",
        "log_dbf_utf8_kept": "{file}: chữ trong bảng thuộc tính là UTF-8 hợp lệ, giữ nguyên: không đọc lại theo "
                             "--encoding {encoding} (dành cho tệp gõ bằng phông cũ)",
        "log_dbf_given": "{file}: chữ trong bảng thuộc tính đọc theo bảng mã {encoding}",
        "log_dbf_not_given": "{file}: chữ trong bảng thuộc tính không phải bảng mã {given} (encoding=, dành cho tệp số "
                             "liệu): đọc như khi không chọn encoding=, theo bảng mã {encoding}",
        "log_dbf_cut": "{file}: {n} giá trị không phải UTF-8 trọn vẹn (một chữ bị cắt theo độ rộng của cột?), đọc bỏ chữ "
                       "bị cắt: {values}",
        "log_dbf_also_utf8": "{file}: {n} giá trị khác là UTF-8, đọc theo UTF-8",
        "log_dbf_page": "{file}: chữ trong bảng thuộc tính đọc theo bảng mã {encoding} (theo tệp .cpg)",
        "log_dbf_detected": "{file}: chữ trong bảng thuộc tính gõ bằng phông cũ, nhận ra bảng mã {encoding} và đã "
                            "chuyển sang Unicode (nếu sai, hãy chọn --encoding)",
        "log_redecoded": "{file}: trang tính {sheet}: đã chuyển {n} ô gõ bằng phông chữ tiếng Việt cũ ({encoding}) "
                         "sang Unicode",
        "log_redecoded_text": "{file}: đã chuyển {n} ô gõ bằng phông chữ tiếng Việt cũ (TCVN3/ABC, VNI) sang Unicode; "
                              "hãy xem lại các ô đó",
        "log_hidden_sheets": "{file}: không đọc {n} trang tính ẩn ({sheets}); muốn đọc trang tính nào thì chọn bằng "
                             "sheet=.",
        "log_only_tech": "{file}: technology={given}: chỉ đọc {read}, không đọc {unread}.",
        "log_every_record": "{file}: mọi bản ghi là {tech} (cột trạng thái là {column})",
        "log_any_of": "{file}: {n} cột được đọc là {tech}: {columns}; một {unit} được tính là đã có khi bất kỳ cột "
                      "nào ghi có (mỗi dòng là một bản ghi, lấy trạng thái tốt nhất: có, lõm sóng, có kế hoạch, rồi "
                      "mới đến chưa có; ô các cột ghi khác nhau được chép vào ghi chú)",
        "log_unread_statuses": "{file}: cột {column} không được đọc, dù phần lớn trong {n} ô của cột ghi trạng thái (có, "
                               "chưa có…): "
                               "dxmap không nhận ra hạ tầng nào trong tên cột. Nếu đó là trạng thái của một hạ tầng, "
                               "hãy nói rõ bằng {mapping} (mobile, fibre hoặc lan).",
        "log_unread_counted": "{file}: cột {column} không được đọc, dù phần lớn trong {n} ô của cột ghi trạng thái: tên "
                              "cột nói về {tech} nhưng giống một số đếm hoặc kế hoạch. Nếu đó là trạng thái {tech}, hãy "
                              "nói rõ bằng {mapping}.",
        "log_twin_column": "{file}: cột {column} cũng là cột “{field}”; dxmap đọc cột {read}. Nếu cần đọc cột kia, "
                           "hãy dùng {mapping}.",
        "log_unread_tech": "{file}: không đọc cột {columns}: mọi bản ghi là {tech}, lấy từ cột trạng thái {column}. "
                           "Để đọc mỗi cột theo hạ tầng của nó, hãy khai báo cột trạng thái bằng {mapping} (các cột "
                           "kia được đọc theo tên cột).",
        "log_unread_techs": "{file}: không đọc các cột {columns}: mọi bản ghi là {tech}, lấy từ cột trạng thái "
                            "{column}. Để đọc mỗi cột theo hạ tầng của nó, hãy khai báo cột trạng thái bằng {mapping} "
                            "(các cột kia được đọc theo tên cột).",
        "log_spelt": "{kind} {value} ({rows}) được đọc là {word} ({parsed})",
        "log_spellings": "{file}: {list}{more}; hãy kiểm tra chính tả",
        "log_commune_headings": "{file}: không có cột xã; mỗi thôn/bản thuộc xã ở dòng tiêu đề phía trên nó ({n} "
                                "dòng: {rows})",
        "log_spellings_more": " … (tổng cộng {n} cách viết)",
        "log_joined_last": "{where}: {n} dòng có nhiều ô hơn dòng tiêu đề cột, có lẽ vì dấu phẩy trong cột cuối "
                           "({last}): phần thừa được ghi nối vào cột đó ({rows}); hãy kiểm tra lại",
        "log_ignored_rows": "{file}: {n} dòng tổng, dòng tiêu đề hoặc dòng trống được bỏ qua: {rows}",
        "log_unknown_undated": "{file}: {n} dòng “chưa rõ” không kèm ngày, không phải bản ghi (đơn vị vẫn là "
                               "“chưa rõ”): {rows}",
        "log_blank_rows": "{file}: {n} dòng có đơn vị nhưng để trống mọi cột hạ tầng ({columns}): không có bản ghi, "
                          "đơn vị vẫn là “chưa rõ”, không tính là chưa có: {rows}. Nếu ô trống nghĩa là chưa có, "
                          "hãy ghi “Chưa có” vào ô",
        "log_invalid_rows": "{file}: không đọc được {n} bản ghi ở {rows} dòng (kết quả “không đọc được”): {list}",
        "log_formula_free_text": "{where}: {n} ô của cột {column} là công thức mà tệp không lưu giá trị ({cells}): được "
                                 "đọc là ô trống; mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để giữ giá trị",
        "log_any_of_unread": "{file}: {n} dòng được tính là đã có theo một cột ghi có, dù có ô ở cột khác "
                             "không nhận ra (ghi chú của dòng đánh dấu ô đó bằng “(?)”): {list}",
        "log_unknown_status": "{file}: {n} từ trạng thái không nhận ra: {list}. Nếu một từ nói một trạng thái, hãy cho "
                              "biết, ví dụ {example} (hoặc {others})",
        "log_unknown_status_blank": "{file}: {n} từ trạng thái không nhận ra: {list}. Nếu một từ nói một trạng thái, "
                                    "hãy cho biết, ví dụ {example}, thay TRẠNG_THÁI bằng một trong {others}",
        "status_blank": "TRẠNG_THÁI",
        "log_records": "{file}: {n} bản ghi ({counts})",
        "log_versions_read": "{file}: cột Phiên bản ghi {list}: được đọc là phiên bản {version}",
        # dates (dxmap.validate.dates)
        "log_periods": "{where}: {n} dòng ở cột {column} ghi tháng hoặc quý, được hiểu là ngày cuối kỳ: {list}{more}",
        "log_period": "{value} ({rows}) là {date}", "log_periods_more": " … (tổng cộng {n} kỳ)",
        "log_month_first": "{where}: cột {column} được đọc theo tháng trước (mm/dd/yyyy): {rows} chỉ đúng khi đọc "
                           "như vậy. Dùng date_order='dmy' để đọc theo ngày trước (khi đó các dòng này thành lỗi).",
        "log_month_first_also": "{where}: cột {column} được đọc theo tháng trước (mm/dd/yyyy): {rows} chỉ đúng khi "
                                "đọc như vậy. Cách đọc này cũng quyết định nghĩa của {n} dòng có cả ngày và tháng "
                                "không quá 12: {list}{more}. Nếu {kind} viết ngày trước, hãy sửa các dòng chỉ đúng khi "
                                "đọc tháng trước, hoặc dùng date_order='dmy' (khi đó các dòng đó thành lỗi); nếu "
                                "viết tháng trước, hãy dùng date_order='mdy' để xác nhận. Viết ngày thống nhất dạng "
                                "dd/mm/yyyy, hoặc yyyy-mm-dd, sẽ không gây nhầm lẫn.",
        "log_day_first_either": "{where}: {n} dòng ở cột {column} đọc được cả hai cách (như {value}): đọc theo ngày "
                                "trước (dd/mm/yyyy), như cách viết ở Việt Nam ({value} là {day} năm {year}); nếu "
                                "{kind} viết tháng trước, hãy dùng date_order='mdy'.",
        "log_month_first_typos": "{where}: {rows} ở cột {column} chỉ đúng khi đọc tháng trước (mm/dd/yyyy), nhưng "
                                 "chỉ là {n} trong {total} dòng có ngày phụ thuộc vào cách đọc: cột được đọc theo ngày "
                                 "trước (dd/mm/yyyy), như cách viết ở Việt Nam, và các dòng đó thành lỗi. Hãy sửa các "
                                 "dòng đó (gõ đảo ngày và tháng?); nếu cả {kind} viết tháng trước, hãy dùng "
                                 "date_order='mdy'.",
        "log_month_first_read": "{value} ({rows}) được đọc là {date} ({day}), không phải {other}",
        "log_such_dates_more": " … (tổng cộng {n} ngày như vậy)",
        "log_excel_swaps": "{where}: cột {column} có ô kiểu ngày của Excel lẫn với ngày gõ dạng chữ theo ngày trước "
                           "({typed}): Excel có thể đã đảo ngày và tháng của {n} ô ngày: {list}{more}. Excel đặt kiểu "
                           "ngày tháng trước sẽ biến 01/04/2024 gõ vào thành ngày 4 tháng 1, và giữ 13/04/2024 ở "
                           "dạng chữ. Hãy kiểm tra các ô đó và gõ lại dạng chữ dd/mm/yyyy (định dạng cột là Text "
                           "trước) hoặc yyyy-mm-dd; đến khi sửa, dxmap đọc theo ngày Excel đang lưu.",
        "log_typed_in": "{value} ở {rows}", "log_swapped": "{date} ({rows}) được đọc là {day}, nếu bị đảo thì là {swapped}",
        "log_arg_period": "{what}={value} là một tháng hoặc quý: được hiểu là ngày cuối kỳ, {date}",
        "log_arg_month_first": "{what}={value} chỉ đúng khi đọc tháng trước (mm/dd/yyyy): được đọc là {date} ({day}). "
                               "Để chắc chắn, hãy viết dạng 'YYYY-MM-DD' hoặc dd/mm/yyyy (ngày trước), ví dụ "
                               "{what}='{example}'.",
        # reconciliation's warnings (dxmap.reconcile.match)
        "log_older_round": "{files}: không ghi phiên bản, và cả {n} bản ghi đều có ngày trước 1/7/2025: đọc là đợt số "
                           "liệu theo các đơn vị 2024, bên cạnh số liệu viết theo các đơn vị 2025-07.",
        "log_newer_round": "{files}: không ghi phiên bản, và cả {n} bản ghi đều có ngày từ 1/7/2025 trở đi: đọc là số "
                           "liệu viết theo các đơn vị 2025-07, bên cạnh đợt số liệu theo các đơn vị 2024.",
        "log_version_implied_left": " Không tính {where}: {m} dòng số liệu cũng ghi cả xã mới lẫn xã cũ nhưng có ngày "
                                    "trước 1/7/2025 hoặc không có ngày.",
        "log_dated_before_new_units": "{n} bản ghi đọc theo các đơn vị 2025-07 nhưng có ngày trước 1/7/2025 ({where}): "
                                      "không đọc được, hãy kiểm tra lại năm (nếu là số liệu theo các đơn vị 2024, hãy "
                                      "ghi 2024 vào cột Phiên bản của các dòng đó).",
        "log_rows_by_date": "{file}: không ghi phiên bản đơn vị, và ngày của các bản ghi nằm ở cả hai phía ngày "
                            "1/7/2025: {old} bản ghi có ngày trước ngày đó (nêu các xã của đơn vị 2024) đọc theo các "
                            "đơn vị 2024, {new} bản ghi có ngày từ ngày đó đọc theo các đơn vị 2025-07. Nếu không "
                            "phải, hãy ghi phiên bản (2024 hoặc 2025-07) vào cột Phiên bản.",
        "log_version_implied": "{n} dòng số liệu{where} ghi cả xã mới lẫn xã cũ và có ngày từ 1/7/2025 trở đi: đọc là "
                               "số liệu viết theo các đơn vị 2025-07 (như --records-version 2025-07). Nếu không phải, "
                               "hãy ghi phiên bản vào cột Phiên bản (2024).{also}",
        "log_rounds_by_date": "không tệp số liệu nào ghi phiên bản đơn vị, nên ngày tháng chia chúng thành hai đợt: "
                              "{old} (mọi bản ghi có ngày trước 1/7/2025) đọc theo các đơn vị 2024, {new} (mọi bản "
                              "ghi có ngày từ 1/7/2025 trở đi, chỉ nêu các xã của đơn vị 2025-07) đọc theo các đơn vị "
                              "2025-07. Để đọc tất cả theo các đơn vị 2024, khi chạy lệnh hãy thêm --records-version "
                              "2024 (records_version='2024' trong Python).",
        "log_dated_new_units_files": "{n} dòng số liệu có ngày từ 1/7/2025 trở đi{where}, khi các đơn vị 2025-07 có "
                                     "hiệu lực, nhưng được đối chiếu với danh mục xã năm 2024. Nếu số liệu được viết "
                                     "theo các xã mới, hãy ghi --records-version cho từng tệp --records, theo đúng thứ "
                                     "tự, 2025-07 chỉ cho {late}: {options} (records_version={versions} trong Python).",
        "log_dated_new_units": "{n} dòng số liệu có ngày từ 1/7/2025 trở đi{where}, khi các đơn vị 2025-07 có hiệu lực, "
                               "nhưng được đối chiếu với danh mục xã năm 2024. Nếu số liệu được viết theo các xã mới, "
                               "khi chạy lệnh, hãy đọc tệp với --records-version 2025-07 (records_version='2025-07' "
                               "trong Python).",
        "log_dated_unknown_units": "{n} dòng số liệu có ngày từ 1/7/2025 trở đi{where}, khi các đơn vị 2025-07 có hiệu "
                                   "lực, và danh mục xã không cho biết là danh mục nào. Nếu đó là danh mục trước ngày "
                                   "ấy, bản ghi viết theo các xã mới sẽ khớp nhầm đơn vị vì mã được dùng lại: hãy đối "
                                   "chiếu với danh mục các đơn vị mới. Nếu đó là danh mục các đơn vị mới, hãy ghi rõ "
                                   "(--communes-version 2025-07 khi chạy lệnh, cột boundary_version có giá trị '2025-07' "
                                   "trong Python).",
        "log_reused_codes": "{n} bản ghi có mã và tên của một xã trong danh mục xã {version} (ví dụ {examples}): có vẻ "
                            "số liệu được viết theo danh mục {version}, và mã của chúng, được dùng lại từ ngày "
                            "1/7/2025, có thể đã khớp nhầm đơn vị. Khi chạy lệnh, hãy đọc tệp với --records-version "
                            "{version} (records_version='{version}' trong Python).",
        "log_per_village_one": "{n} dòng {techs} không nêu thôn/bản nào và chưa có danh mục thôn/bản: các dòng này "
                               "được bỏ qua, vì hạ tầng này được tính theo thôn/bản. Để tính các dòng này, hãy thêm "
                               "tên thôn/bản (cột 'Tên thôn'), và khi chạy lệnh, thêm tệp danh mục thôn/bản bằng "
                               "--villages (villages= trong Python).",
        "log_per_village_many": "{n} dòng {techs} không nêu thôn/bản nào và chưa có danh mục thôn/bản: các dòng này "
                                "được bỏ qua, vì các hạ tầng này được tính theo thôn/bản. Để tính các dòng này, hãy "
                                "thêm tên thôn/bản (cột 'Tên thôn'), và khi chạy lệnh, thêm tệp danh mục thôn/bản "
                                "bằng --villages (villages= trong Python).",
        # what to do about rows whose reason the commune cannot act on, said once to whoever runs dxmap (the reasons
        # say only what the commune must correct)
        "log_no_date": "{file}: {n} dòng chưa ghi ngày ({rows}), chưa đọc được cho đến khi điền ngày. Nếu mọi dòng chưa "
                       "ghi ngày đều là số liệu của cùng một ngày, có thể ghi ngày đó cho chúng bằng as_of='{example}'.",
        "log_villages_from_records_some": "chưa có lớp thôn/bản: lập danh mục {n} thôn/bản của {communes} xã theo tên "
                                          "thôn/bản trong bản ghi; {placed} thôn/bản được đặt tại vị trí (kinh độ, vĩ độ) "
                                          "bản ghi ghi, {unplaced} thôn/bản chưa có vị trí: được đếm, liệt kê và tìm "
                                          "được, nhưng không vẽ trên bản đồ (thêm --villages để vẽ).",
        "log_villages_from_records_all": "chưa có lớp thôn/bản: lập danh mục {n} thôn/bản của {communes} xã theo tên "
                                         "thôn/bản trong bản ghi, mỗi thôn/bản đặt tại vị trí (kinh độ, vĩ độ) bản ghi ghi.",
        "log_query_unplaced": "{n} đơn vị không có vị trí (thôn/bản lập theo bản ghi, không có lớp thôn/bản): không đo "
                              "được khoảng cách từ các đơn vị này.",
        "log_village_position_outside": "{n} dòng ghi vị trí (kinh độ, vĩ độ) nằm ngoài xã của thôn/bản ({rows}): vị trí "
                                        "đó không được dùng để đặt thôn/bản; hãy kiểm tra (có thể ghi đảo kinh độ và "
                                        "vĩ độ).",
        "log_former_pair": "{file}: cột {new} được đọc là xã, cột {old} là xã cũ (trước ngày 1/7/2025) của "
                           "thôn/bản, như biểu theo đơn vị từ ngày 1/7/2025; nếu số liệu viết theo đơn vị 2024, hãy "
                           "đọc cột {old} là xã: {mapping}",
        # a village row's former commune (xã cũ) that is not one of its 2025-07 commune's
        "log_former_elsewhere": "{n} dòng thôn/bản ghi xã cũ không phải xã cũ của xã ghi ở dòng ({rows}): thôn/bản vẫn "
                                "được tính vào xã ghi ở dòng và phân biệt với thôn/bản cùng tên theo xã cũ đó; hãy sửa "
                                "lại tên xã hoặc tên xã cũ.",
        "log_former_of_other": "{row}: {former} nay thuộc {now}, không thuộc {commune} (gồm các xã cũ {listed})",
        "log_former_unknown": "{row}: {former} không phải xã cũ của {commune} (gồm các xã cũ {listed})",
        "log_villages_from_records": "chưa có lớp thôn/bản: lập danh mục {n} thôn/bản của {communes} xã theo tên thôn/bản "
                                     "trong bản ghi; các thôn/bản này được đếm, liệt kê và tìm được, nhưng không có vị trí "
                                     "nên không vẽ trên bản đồ (thêm --villages để vẽ).",
        "log_no_village_layer": "{n} bản ghi cấp thôn/bản chưa đối chiếu được vì chưa có danh mục thôn/bản: hãy thêm "
                                "tệp danh mục thôn/bản (--villages khi chạy lệnh, villages= trong Python) để đối "
                                "chiếu, hoặc trong Python lập danh mục từ tên thôn/bản trong số liệu: "
                                "villages_from_records(records, communes) của dxmap.reconcile.named_villages "
                                "(read_dataset tự làm việc này).",
        "log_no_village_layer_yenbai": "{n} bản ghi cấp thôn/bản chưa đối chiếu được vì chưa có danh mục thôn/bản, và "
                                       "dxmap không kèm sẵn danh mục thôn/bản nào cho Yên Bái: hãy thêm tệp danh mục "
                                       "thôn/bản (--villages khi chạy lệnh, villages= trong Python) để đối chiếu, hoặc "
                                       "trong Python lập danh mục từ tên thôn/bản trong số liệu: "
                                       "villages_from_records(records, communes) của dxmap.reconcile.named_villages.",
        "log_former_communes": "{n} bản ghi ghi tên xã cũ (trước ngày 1/7/2025), không có trong danh mục xã 2025-07. Nếu "
                               "số liệu được viết theo các đơn vị năm 2024, khi chạy lệnh, hãy đọc tệp với "
                               "--records-version 2024 (records_version='2024' trong Python).",
        "log_merged": "{n} bản ghi của các xã cũ nay thuộc cùng một đơn vị mới với bản ghi của xã cũ khác nên được báo là "
                      "trùng: trạng thái của đơn vị mới cần được tổng hợp từ các xã cũ (--units 2025-07 khi chạy lệnh, "
                      "dxmap.reconcile.versions.crosswalk_summary trong Python).",
        "log_reconciled": "đã đối chiếu {n} bản ghi: {counts}",
        "log_crosswalk_moved": "bảng chuyển đổi {source} → {target}: chuyển {n} bản ghi, {lost} bản ghi không có đúng "
                               "một đơn vị kế thừa",
        "log_evident_version": "{file}: mã và tên của {k} trong {n} xã là của {units}: đọc lớp theo phiên bản "
                               "{version}; nếu không phải, hãy ghi rõ phiên bản (--communes-version khi chạy lệnh, "
                               "communes_version= trong Python)",
        "log_version_not_evident": "{file}: phiên bản đã ghi là {given}, nhưng mã và tên của {k} trong {n} xã là của "
                                   "{units} (phiên bản {version}): hãy kiểm tra lại phiên bản của tệp",
        # a boundary version in words, by the date that parts them: a layer dated 2025-01 is of "the 2024 units"
        "ver_units_2024": "các đơn vị trước ngày 1/7/2025", "ver_units_2025_07": "các đơn vị từ ngày 1/7/2025",
        "log_version_unknown_layer": "số liệu được viết theo danh mục {versions}, nhưng lớp ranh giới xã không cho biết "
                                     "là danh mục nào, nên dxmap không kiểm tra được. Nếu đúng là danh mục đó, hãy ghi "
                                     "rõ (--communes-version {version} khi chạy lệnh, cột boundary_version có giá trị "
                                     "'{version}' trong Python).",
        "log_crosswalk_unused": "bảng chuyển đổi (crosswalk=) không được dùng: nó dẫn tới các đơn vị {target}, mà lớp "
                                "ranh giới xã không cho biết là chứa chúng. Nếu đúng vậy, hãy ghi rõ: "
                                "set_boundary_version(lớp, '{target}').",
        "log_pyarrow": "{file}: pyarrow không đọc được ({error}); đọc từng dòng",
        # what code given no language logs in English (boundaries, the bundled layers, the outcomes file), carrying
        # its text in every language (log_said): the CLI says it in its user's language
        "log_read_features": "{file}: đọc {n} đối tượng bản đồ",
        "log_repaired": "{file}: đã sửa {n} hình không hợp lệ: {list}",
        "log_feature_row": "đối tượng {i}",
        "log_feature_rows": "đối tượng {list}",
        "log_kept_own_crs": "{file}: giữ hệ tọa độ của tệp {own}: hệ tọa độ đã chọn (--crs) {given} không khớp với tọa độ "
                            "của tệp",
        "log_kept_own_crs_far": "{file}: giữ hệ tọa độ của tệp ({own}), hệ đặt lớp lên các xã: đọc theo hệ tọa độ đã chọn "
                                "(--crs) {given} sẽ dời lớp đi {km} km, ra ngoài các xã",
        "log_given_crs_far": "{file}: đọc theo hệ tọa độ đã chọn (--crs) {given}, không theo tệp .prj ({own}): lớp dời đi "
                             "{km} km so với vị trí tệp .prj ghi. Nếu tệp .prj đúng, hãy chỉ cho hệ tọa độ với tệp cần nó, ví dụ "
                             "{example}",
        "crs_datum_problem": "{where}: {why}{size}. {fix}, hoặc sửa tệp .prj.",
        "crs_why_tm3": "tệp .prj ghi WGS 84 nhưng dùng phép chiếu VN-2000 TM-3 của {crs} (kinh tuyến trục {meridian}°, hệ "
                       "số 0,9999), nên bước chuyển mốc VN-2000 → WGS 84 bị bỏ qua",
        "crs_why_no_shift": "mốc tọa độ của tệp ({datum}) không có tham số chuyển sang WGS 84 (không có TOWGS84), nên "
                            "chuyển hệ tọa độ không dịch được vị trí nào",
        "crs_offset": "; các vị trí lệch khoảng {m} m ở giữa lớp",
        "crs_fix_vn2000": "Nếu đây là số liệu VN-2000 ({crs}), hãy đọc với --crs {crs}",
        "crs_fix_any": "Hãy ghi hệ tọa độ thật của tệp bằng --crs EPSG:...",
        # coordinates that cannot be in the CRS a boundary file is read in (dxmap.validate.crs): {said} says who gave it
        "crs_said_file": "tệp ghi", "crs_said_given": "hệ tọa độ đã chọn (--crs) là",
        "crs_swapped": "tọa độ của tệp ({coords}) có vẻ là vĩ độ/kinh độ bị đảo thứ tự, nhưng {said} {name}, hệ ghi "
                       "kinh độ trước: hãy đổi lại thứ tự hai trục khi xuất tệp",
        "crs_metres": "tọa độ của tệp ({coords}) tính bằng mét, không phải bằng độ, nhưng {said} {name}: hãy ghi hệ tọa "
                      "độ phẳng thật của tệp, ví dụ --crs EPSG:9208 (VN-2000 / TM-3 104-45) hoặc --crs EPSG:32648 "
                      "(UTM 48N)",
        "crs_degrees": "tọa độ của tệp ({coords}) có vẻ tính bằng độ, nhưng {said} {name}, hệ tính bằng mét: hãy ghi "
                       "--crs EPSG:4326 (kinh độ/vĩ độ) hoặc EPSG:4756 (VN-2000)",
        "crs_unconvertible": "không chuyển được tọa độ của tệp từ {name} sang kinh độ/vĩ độ: hãy kiểm tra hệ tọa độ",
        "crs_outside": "các đối tượng của tệp nằm ở {lies}, ngoài vùng dùng hệ {name} ({area}): hệ tọa độ tệp ghi có lẽ "
                       "sai; hãy ghi hệ đúng (--crs khi chạy lệnh, crs= trong Python)",
        "crs_outside_listed": "các đối tượng của tệp nằm ở {lies}, ngoài vùng EPSG ghi cho hệ {name} ({area})",
        "log_crs_outside_listed": "{file}: {why}; vẫn đọc theo hệ đó, vì tệp ghi hệ đó. Nếu bản đồ đặt lớp sai "
                                  "chỗ, hãy ghi hệ tọa độ đúng (--crs khi chạy lệnh, crs= trong Python)",
        "log_crs_outside_given": "{file}: {why}; vẫn đọc theo hệ tọa độ đã chọn (crs=). Nếu bản đồ đặt lớp sai chỗ thì "
                                 "hệ đã chọn không phải hệ của lớp",
        "crs_unknown": "{option} {text} không phải là hệ tọa độ nào dxmap biết. Hãy ghi mã EPSG, ví dụ EPSG:4326 (kinh "
                       "độ/vĩ độ), EPSG:9208 (VN-2000 / TM-3 104-45, Lào Cai và Yên Bái) hoặc EPSG:32648 (UTM 48N).",
        "crs_implausible": "{path}: {why}.",
        "log_reprojecting": "{file}: chuyển {n} đối tượng bản đồ từ hệ tọa độ {source} sang {target}",
        "log_layers": "{file}: {n} lớp ({layers}); đọc lớp {layer}. Chọn lớp khác bằng layer={other}.",
        "log_layer_picked": "{file}: {n} lớp ({layers}); đọc lớp {layer} làm {what}. Chọn lớp khác bằng {option}={other}.",
        "log_no_geometry": "{file}: {n} đối tượng không có hình ({rows}); vẫn giữ, không có hình",
        "log_shared_polygons": "{where}: {n} xã dùng chung {polygons} vùng ranh giới ({names}); mỗi vùng được vẽ một lần "
                               "và đếm theo từng xã",
        "log_districts_by_name": "{where}: không có cột mã: huyện được xác định theo tên ({codes})",
        "log_no_commune_layer": "chưa chọn tệp ranh giới xã: số liệu được đối chiếu với {which}",
        "log_province_code_moved": "tỉnh {code} trên ranh giới 2025-07 được hiểu là tỉnh cũ {name}, mã của tỉnh này "
                                   "trước ngày 1/7/2025; từ đó mã này là của tỉnh {now}, và mọi đơn vị đều thuộc tỉnh "
                                   "đó: muốn lấy cả tỉnh thì bỏ --province, hoặc ghi tên tỉnh cũ",
        "log_province_name_now": "tỉnh {name} trên ranh giới 2025-07 được hiểu là tỉnh cũ {name} (trước ngày "
                                 "1/7/2025): {n} trong {of} đơn vị; tỉnh {name} ngày nay gồm cả các tỉnh cũ khác: muốn "
                                 "lấy cả tỉnh thì bỏ --province",
        "log_bundled_laocai": "danh mục xã và huyện của Lào Cai kèm theo dxmap (152 xã, giữa năm 2024)",
        "err_own_word": "{given}: {value} không phải là trạng thái; hãy dùng một trong {accepted}.",
        "err_own_word_empty": "{given}: chưa ghi từ nào trước dấu '='; hãy ghi từ trong tệp, ví dụ 'Mất sóng'=none.",
        "err_own_word_twice": "{given}: từ {word} đã được gán trạng thái {value} (chữ hoa, chữ thường, dấu và khoảng "
                              "trắng không tính); mỗi từ chỉ gán một trạng thái.",
        "err_bundled_none": "không có mã xã, tên huyện, tên xã hay vị trí nào trong số liệu ({examples}) thuộc các danh "
                            "mục kèm theo dxmap (Lào Cai 2024, Yên Bái 2025-01): hãy chọn danh mục xã của bạn bằng "
                            "communes= (và districts=, villages= nếu có).",
        "err_bundled_other_names": "mã xã trong số liệu trùng với mã xã của Lào Cai kèm theo dxmap, nhưng phần lớn tên "
                                   "xã ghi bên cạnh không phải tên của Lào Cai ({examples}): đây là số liệu của nơi "
                                   "khác. Hãy chọn danh mục xã của bạn bằng communes= (và districts=, villages= nếu "
                                   "có).",
        "err_bundled_other_codes": "{files}{n} trong {of} mã xã của số liệu ({examples}) không phải mã của xã nào "
                                   "trong các danh mục kèm theo dxmap (Lào Cai 2024, Yên Bái 2025-01), và tên xã, tên "
                                   "huyện hay vị trí ghi cùng dòng cũng không thuộc các danh mục đó: đây là số liệu "
                                   "của nơi khác. Hãy chọn danh mục xã của bạn bằng communes= (và districts=, "
                                   "villages= nếu có). Số liệu chỉ được đối chiếu với danh mục kèm theo khi phần lớn "
                                   "mã xã là của danh mục đó; nếu đây là số liệu của Lào Cai hoặc Yên Bái, hãy sửa "
                                   "các mã sai.",
        "log_bundled_yenbai": "danh mục xã và huyện của Yên Bái kèm theo dxmap (168 xã, tháng 1/2025)",
        "log_bundled_both": "danh mục xã và huyện của Lào Cai (152 xã, giữa năm 2024) và Yên Bái (168 xã, tháng 1/2025) "
                            "kèm theo dxmap",
        "log_new_units_bundled": "số liệu viết theo các đơn vị 2025-07: được đối chiếu với 99 xã/phường của tỉnh Lào "
                                 "Cai mới kèm theo dxmap",
        "log_no_records_file": "{file}: không có bản ghi: chỉ có dòng tên cột, không có dòng số liệu nào",
        "log_wrote": "đã ghi {path} ({n} dòng)", "log_writing": "đang ghi {n} dòng vào {file}…",
        "log_made_folder": "đã tạo thư mục {folder}",
        "log_bundled_debug": "danh mục xã kèm theo: {n} đơn vị, {polygons} vùng ({shared} đơn vị dùng chung vùng gộp "
                             "của Sa Pa)",
        "log_engine_debug": "bộ xử lý {engine}: {points} điểm, {polygons} vùng → {pairs} cặp",
        "log_encoding_scores": "điểm của các bảng mã: {scores}",
        # errors that stop reading a file
        "err_folder": "{path}: là một thư mục, không phải tệp số liệu trạng thái. Hãy chọn tệp .csv, .txt hoặc .xlsx trong "
                      "thư mục đó.",
        "err_not_found": "{path}: không tìm thấy tệp số liệu trạng thái. Hãy kiểm tra đường dẫn (tính từ thư mục {cwd}).",
        "err_data_env": "{name}={path} không phải thư mục dữ liệu của dxmap (không có boundaries/): hãy bỏ {name}, hoặc "
                        "đặt nó là thư mục có boundaries/, crosswalk/ và sample/.",
        "err_engine_dask": "engine='dask' cần dask-geopandas và distributed, chưa được cài. Hãy cài bằng: pip install "
                           "'dxmap[dask]' (hoặc dùng engine='pandas').",
        "err_mixed_encodings": "{path}: tệp có hai kiểu mã hóa: {n} dòng là UTF-8, nhưng {lines} thì không (tệp được "
                               "sửa bằng hai chương trình?). Hãy mở tệp trong Excel và lưu lại thành CSV UTF-8, rồi "
                               "xem lại các dòng đó.",
        "err_format": "{path}: dxmap không đọc tệp dạng '{suffix}'. Hãy lưu lại thành .csv (UTF-8) hoặc .xlsx.",
        "err_empty": "{path}: tệp rỗng: không có dòng tên cột và không có bản ghi nào.",
        "err_no_header_line": "{path}: không có dòng tên cột: dòng có chữ đầu tiên không có ô nào.",
        "err_quote_open": "{path}: không đọc được thành bảng từ dòng {line} ({error}): có lẽ một dấu ngoặc kép (\") "
                          "mở ô mà không đóng. Hãy mở tệp bằng Excel, kiểm tra dòng đó, rồi lưu lại dạng CSV UTF-8.",
        "err_zip": "tệp nén zip (bảng tính XLSX?), không phải văn bản. Nếu là bảng tính, hãy đổi đuôi tên tệp thành "
                   ".xlsx; nếu không, hãy lưu số liệu dạng CSV UTF-8",
        "err_ole": "bảng tính Excel 97-2003 hoặc bảng tính có mật khẩu, không phải văn bản. Hãy mở bằng Excel và lưu "
                   "thành 'CSV UTF-8' hoặc bảng tính .xlsx (không đặt mật khẩu)",
        "err_pdf": "tài liệu PDF, không phải bảng. Hãy gửi bảng tính đã dùng để tạo PDF đó (.xlsx hoặc CSV UTF-8)",
        "err_sqlite": "cơ sở dữ liệu GeoPackage hoặc SQLite, không phải bảng số liệu trạng thái. Tệp ranh giới được "
                      "chọn bằng --communes, --districts hoặc --villages khi chạy lệnh (communes=, districts=, "
                      "villages= trong Python)",
        "err_geojson": "{kind} (ranh giới?), không phải bảng số liệu trạng thái. Tệp ranh giới được chọn bằng "
                       "--communes, --districts hoặc --villages khi chạy lệnh (communes=, districts=, villages= trong "
                       "Python); số liệu trạng thái là tệp CSV hoặc XLSX",
        "err_json": "JSON, không phải bảng số liệu trạng thái. Hãy lưu số liệu dạng CSV UTF-8 hoặc .xlsx",
        "err_xml": "XML (KML?), không phải bảng số liệu trạng thái. Hãy lưu số liệu dạng CSV UTF-8 hoặc .xlsx",
        "err_nul": "tệp nhị phân, không phải văn bản (byte NUL ở byte {byte}). Nếu là văn bản UTF-16 không có dấu BOM, "
                   "hãy dùng encoding='utf-16'; nếu không, hãy lưu số liệu dạng CSV UTF-8 hoặc .xlsx",
        "err_controls": "tệp nhị phân, không phải văn bản ({n} byte điều khiển trong {size} byte đầu). Hãy lưu số liệu "
                        "dạng CSV UTF-8 hoặc .xlsx",
        "err_bom": "{path}: bắt đầu bằng dấu BOM của {bom} nhưng không phải văn bản {bom}{at}. Hãy lưu lại số liệu "
                   "trong Excel dạng 'Unicode Text' hoặc 'CSV UTF-8'.",
        "err_not_utf8": "{path}: không phải văn bản UTF-8{at}. Hãy lưu lại trong Excel dạng 'CSV UTF-8', hoặc dùng "
                        "encoding= với bảng mã thật của tệp (tcvn3, vni, cp1258, auto…).",
        "err_not_encoding": "{path}: không đọc được theo bảng mã {encoding}{at}. Hãy thử encoding='auto', hoặc lưu lại "
                            "dạng 'CSV UTF-8'.",
        "err_unknown_encoding": "không có bảng mã {given}. Hãy dùng một trong {choices} hoặc tên bảng mã của Python "
                                "(ví dụ utf-8, cp1252).",
        "err_xlsx_empty": "tệp rỗng (0 byte)",
        "err_xlsx_encrypted": "bảng tính được đặt mật khẩu (mã hóa), nên không đọc được. Hãy mở bằng Excel, bỏ mật "
                              "khẩu (File > Info > Protect Workbook > Encrypt with Password, xóa mật khẩu) rồi lưu lại",
        "err_xls": "bảng tính Excel 97-2003 (.xls), không phải .xlsx. Hãy mở bằng Excel hoặc LibreOffice Calc và lưu "
                   "thành 'Excel Workbook (.xlsx)'",
        # a spreadsheet whose name lies about what it holds (dxmap.io.xlsx.read_as)
        "err_xls_binary": "{path}: bảng tính Excel 97-2003 (.xls dạng nhị phân cũ), dxmap không đọc dạng này. Hãy mở "
                          "bằng Excel hoặc LibreOffice Calc, chọn File > Save As (Lưu thành) 'Excel Workbook (.xlsx)', "
                          "rồi dùng tệp {fixed} vừa lưu.",
        "err_xls_html": "{path}: trang web (HTML, thường do phần mềm quản lý xuất ra với đuôi {suffix}) không có bảng "
                        "nào có dòng tên cột mà dxmap nhận ra. Hãy mở bằng Excel hoặc LibreOffice Calc, xem lại bảng, "
                        "chọn File > Save As (Lưu thành) 'Excel Workbook (.xlsx)', rồi dùng tệp {fixed} vừa lưu.",
        "log_read_as_html": "{file}: tệp có đuôi {suffix} nhưng thực ra là trang web (bảng HTML): đã đọc bảng trong "
                            "đó, {n} dòng số liệu từ dòng {row} (mở bằng Excel hoặc LibreOffice và lưu thành .xlsx thì "
                            "không còn dòng này)",
        "err_xls_xml": "{path}: bảng tính 'XML Spreadsheet 2003' (tệp văn bản XML có đuôi {suffix}), dxmap không đọc "
                       "dạng này. Hãy mở bằng Excel hoặc LibreOffice Calc, chọn File > Save As (Lưu thành) 'Excel "
                       "Workbook (.xlsx)', rồi dùng tệp {fixed} vừa lưu.",
        "err_xls_other": "{path}: không phải bảng tính (tệp .xls là bảng tính Excel 97-2003; tệp này không phải dạng "
                         "đó, không phải .xlsx và không phải văn bản). Hãy mở bằng Excel hoặc LibreOffice Calc và lưu "
                         "thành 'Excel Workbook (.xlsx)' hoặc CSV UTF-8.",
        "log_read_as_xlsx": "{file}: tệp có đuôi {suffix} nhưng thực ra là bảng tính .xlsx: đọc như tệp .xlsx (đổi "
                            "tên thành {fixed} thì không còn dòng này)",
        "log_read_as_text": "{file}: tệp có đuôi {suffix} nhưng thực ra là bảng dạng văn bản (CSV/TSV): đọc như tệp "
                            "CSV (đổi tên thành {fixed} thì không còn dòng này)",
        "err_xlsx_cut": "bảng tính không đầy đủ hoặc bị hỏng (tệp nén zip không có phần cuối: bị cắt khi sao chép "
                        "hoặc tải về?). Hãy sao chép lại, hoặc mở bằng Excel và lưu lại thành .xlsx",
        "err_not_xlsx": "không phải bảng tính XLSX (tệp XLSX là một tệp nén zip). Hãy mở bằng Excel và lưu thành .xlsx",
        "err_zip_damaged": "tệp nén zip bị hỏng ({error}). Hãy mở bằng Excel và lưu lại thành .xlsx",
        "err_xlsb": "bảng tính nhị phân Excel (.xlsb). Hãy mở bằng Excel và lưu thành 'Excel Workbook (.xlsx)'",
        "err_ods": "bảng tính OpenDocument (.ods). Hãy lưu thành .xlsx (Excel Workbook) hoặc CSV UTF-8",
        "err_zip_other": "tệp nén zip, không phải bảng tính (bên trong có {names}). Hãy gửi chính tệp .xlsx",
        "err_xlsx_open": "{path}: không mở được như tệp XLSX ({error}). Hãy mở bằng Excel và lưu lại thành .xlsx.",
        "err_no_sheet_number": "{path}: không có trang tính số {index}; bảng tính có {n} trang tính: {names}.",
        "err_no_sheet_named": "{path}: không có trang tính tên {sheet}; bảng tính có: {names}. Hãy chọn một trong số "
                              "đó bằng sheet=.",
        "err_sheet_no_header": "{path}: trang tính {sheet} không có dòng tên cột nào dxmap nhận ra trong {n} dòng có chữ đầu "
                               "(ví dụ 'Mã xã', 'Tên thôn', 'Trạng thái', 'Mạng LAN chuẩn'). Hãy khai báo tên cột "
                               "bằng columns=.",
        "err_no_sheet_header": "{path}: không trang tính nào có dòng tên cột dxmap nhận ra (các trang tính: "
                               "{names}{more}). Hãy khai báo cột trạng thái bằng {mapping}; với bảng mỗi hạ tầng một "
                               "cột (ô ghi Có/Chưa có), khai báo hạ tầng của từng cột bằng {wide}; "
                               "hoặc chọn trang tính bằng sheet=.",
        "err_hidden_more": "; trang tính ẩn chỉ được đọc khi được chọn: {names}",
        "err_counts_sheet": "{path}: {n} trang tính ({sheets}) ghi số lượng (cột {column}: {values}), không phải "
                            "trạng thái của từng thôn/bản hay xã; dxmap đọc mỗi đơn vị một dòng kèm trạng thái ('Có', "
                            "'Chưa có'). Hãy đưa các trang tính hoặc tệp ghi trạng thái từng đơn vị mà số lượng được "
                            "tổng hợp từ đó.",
        "err_counts_file": "{path}: cột {column} ghi số lượng ({values}), không phải trạng thái của từng thôn/bản hay "
                           "xã; dxmap đọc mỗi đơn vị một dòng kèm trạng thái ('Có', 'Chưa có'). Hãy đưa tệp ghi "
                           "trạng thái từng đơn vị mà số lượng được tổng hợp từ đó.",
        "err_sheet_in_no_workbook": "sheet= chọn {sheets}, nhưng không bảng tính nào có trang tính đó; các trang tính "
                                    "của từng tệp: {each}. Hãy viết tên trang tính như trong tệp.",
        # the file's shape: which columns it has (dxmap.io.records)
        "err_not_technology": "{what}: {value} không phải là hạ tầng. Hãy dùng một trong: {accepted}.",
        "err_columns_not_field": "columns= khai báo {names}, không phải trường dxmap đọc; các trường là {fields}.",
        "err_columns_not_fields": "columns= khai báo {names}, không phải trường dxmap đọc; các trường là {fields}.",
        "err_columns_same_header": "columns= khai báo {fields} cùng một cột {header}: một cột không thể chứa cả hai. "
                                   "Nếu cột {header} chứa trạng thái của một hạ tầng, chỉ khai báo status và dùng "
                                   "technology='{tech}' (mọi dòng là hạ tầng đó), hoặc dùng {mapping}.",
        "err_not_in_file": "{option} nêu {names}, nhưng {kind} không có cột đó; các cột hiện có: {headers}.",
        "err_columns_in_no_file": "{option} nêu {names}, nhưng không tệp bản ghi nào có cột đó; các cột của từng tệp: "
                                  "{headers}. Hãy viết tên cột đúng như trong tệp, hoặc bỏ cột đó khỏi {option}.",
        "log_columns_not_here": "{file} không có cột {headers}: {mapping} không dùng cho tệp này (chỉ dùng cho các tệp "
                                "và trang tính bản ghi có cột đó)",
        "log_own_technology": "{file} có cột công nghệ riêng ({columns}): {given} không dùng cho tệp này (chỉ dùng "
                              "cho các tệp và trang tính bản ghi không có cột đó)",
        "err_both_shapes": "có cả cột trạng thái ({status}) lẫn các cột hạ tầng ({columns}); hãy đọc thành hai {kind}, "
                           "hoặc chỉ khai báo một loại",
        "err_no_status": "không có cột trạng thái: không có cột nào tên 'Trạng thái' hay 'status', và không có cột nào "
                         "mang tên một hạ tầng ('Mạng LAN chuẩn', 'Di động (4G)', 'Cáp quang (FTTH)'…). Hãy khai báo "
                         "cột trạng thái bằng {mapping} và technology='lan', hoặc một cột hạ tầng bằng {wide}",
        "err_no_status_guess": "không có cột trạng thái: cột {column} nói về {tech} nhưng không được đọc: tên cột hoặc "
                               "các ô của nó ({values}) giống một số đếm hoặc kế hoạch. Nếu cột ghi trạng thái {tech}, "
                               "hãy khai báo bằng {wide}",
        "err_remark_twins": "{n} cột cùng là cột {field}, chỉ khác phần ghi chú trong ngoặc: {columns}; dxmap không chọn "
                            "cột theo thứ tự và không đọc cột nào: hãy cho biết cột cần đọc, ví dụ {mapping}",
        "err_tech_columns": "{n} cột cùng ghi {tech}: {columns}. dxmap không chọn cột theo thứ tự: hãy cho biết cột "
                            "nào ghi trạng thái cần đọc, ví dụ {mapping} (các cột khác được đọc theo tên cột; cột "
                            "kia không được đọc), hoặc tách mỗi kỳ ra một {kind}",
        "err_several_statuses": "không có cột hạ tầng, và {n} cột có trạng thái: {listed}. Nếu mỗi cột là của một hạ "
                                "tầng, hãy ghi hạ tầng của cột bằng {mapping}{likewise} (mobile, fibre hoặc "
                                "lan{by_header}); nếu chỉ cột {status} có trạng thái, hãy khai báo cột hạ tầng bằng "
                                "{technology}, hoặc dùng technology='lan' khi mọi dòng là cùng một hạ tầng",
        "err_likewise": ", và tương tự cho {columns}",
        "err_by_header_one": "; cột {columns} được đọc theo tên cột",
        "err_by_header_many": "; các cột {columns} được đọc theo tên cột",
        "err_no_technology": "không có cột hạ tầng. Hãy khai báo cột đó bằng {mapping}, hoặc dùng technology='lan' "
                             "khi mọi dòng là cùng một hạ tầng",
        "err_technology_twice": "đã chọn technology={given}, nhưng {kind} có cột hạ tầng ({columns}); hãy bỏ một "
                                "trong hai",
        "err_no_date": "không có cột ngày (ví dụ 'Ngày cập nhật'). Hãy thêm cột ngày, hoặc ghi ngày cho mọi bản ghi "
                       "bằng as_of='30/6/2024'",
        "err_no_date_column": "không có cột ngày được nhận ra, nhưng cột {column} ghi ngày: hãy khai báo cột đó bằng "
                              "{mapping}, hoặc ghi ngày cho mọi bản ghi bằng as_of='30/6/2024'",
        "err_no_unit": "không có cột xác định đơn vị (mã hoặc tên xã, mã thôn/bản, hoặc kinh độ và vĩ độ). Hãy khai "
                       "báo cột bằng {mapping}",
        "err_shape": "{where}: {problems}. Các cột của {kind}: {headers}.",
        # what err_shape and the messages of a whole table call it: a file read, or a DataFrame (as_records)
        "rd_kind_file": "tệp", "rd_kind_table": "bảng",
        # dates (dxmap.validate.dates; as_of= of dxmap.io.records)
        "err_two_orders": "{where}: cột {column} có ngày viết theo hai thứ tự khác nhau: {dmy} chỉ đúng khi đọc ngày "
                          "trước, {mdy} chỉ đúng khi đọc tháng trước. Hãy sửa các dòng viết khác thứ tự, hoặc chọn "
                          "cách đọc cả cột bằng date_order='dmy' hoặc date_order='mdy' (khi đó các dòng không hợp sẽ "
                          "thành lỗi).",
        "err_date_arg": "{what}={value} {why}. Hãy viết dạng YYYY-MM-DD hoặc dd/mm/yyyy (ngày trước), ví dụ "
                        "2024-06-30 hoặc 30/06/2024.",
        "err_arg_no_period": "không phải tháng hoặc quý nào có thật",
        "err_arg_open_period": "là kỳ chưa kết thúc (đến hết ngày {date})",
        "err_arg_not_a_date": "không phải là ngày",
        "err_arg_no_day_iso": "không phải ngày có thật (đọc theo năm-tháng-ngày)",
        "err_arg_no_day_month": "không phải ngày có thật: {month} năm {year} có {days} ngày",
        "err_arg_no_day_named": "không phải ngày có thật",
        "err_arg_no_day": "không phải ngày có thật (đọc theo {order})",
        "err_arg_future": "as_of={given} muộn hơn hôm nay ({today}): số liệu không thể mang ngày trong tương lai. Hãy "
                          "ghi ngày số liệu được xác nhận, ví dụ as_of='30/6/2024'.",
        "err_arg_past": "as_of={given} trước năm {year}: số liệu kết nối không có từ trước năm {year} (gõ nhầm năm?). "
                        "Hãy ghi ngày số liệu được xác nhận, ví dụ as_of='30/6/2024'.",
    },
    "en": {
        "log_in_all": " … ({n} in all)", "log_row_one": "row {list}", "log_rows": "rows {list}",
        "log_where_sheet": "{file}, sheet {sheet}", "log_count": "{what}={n}", "log_ignored": "ignored",
        "log_your_header": "Your header", "log_tech_mobile": "mobile", "log_tech_fibre": "fibre", "log_tech_lan": "lan",
        "log_kind_technology": "technology", "log_kind_status": "status", "log_kind_level": "level",
        "log_months": "January, February, March, April, May, June, July, August, September, October, November, "
                      "December",
        "log_day": "{day} {month}", "log_at_byte": " ({reason} at byte {byte})",
        "log_order_dmy": "day first, dd/mm/yyyy", "log_order_mdy": "month first, mm/dd/yyyy",
        "log_order_ymd": "year first, yy/mm/dd",
        "log_chart_sheets": "{file}: {n} {n|sheet is a chart|sheets are charts} ({sheets}), without cells: not read",
        "err_chart_sheet": "{path}: sheet {sheet} is a chart, not a table; choose a sheet with the table: {names}",
        "log_headless_sheets": "{file}: {n} {n|sheet|sheets} ({sheets}) {n|has|have} no header row in {n|its|their} "
                               "first {rows} {rows|row|rows} (at least two headers dxmap knows, such as 'Mã xã' and "
                               "'Trạng thái'): not read",
        "log_no_records_sheets": "{file}: {n} {n|sheet|sheets} ({sheets}) {n|has|have} no status or technology column: "
                                 "not read as records",
        "log_sheets_read": "{file}: {n} sheets hold records ({sheets}); every one is read",
        "log_sheet_rows": "{file}: sheet {sheet}, {n} data rows from row {row}",
        "log_counts_sheet": "{file}: sheet {sheet} holds counts (column {column}: {values}), not a status per unit: "
                            "not read (sheet= names the sheets to read)",
        "log_sheets_none_here": "{file}: no sheet named {sheets} (its sheets: {names}): every sheet holding records "
                                "is read, as without sheet=",
        "log_sheets_not_here": "{file}: no sheet named {sheets}: only {read} read",
        "log_header_line": "{file}: header on line {line}, {n} data {n|row|rows}",
        "log_utf16": "{file}: {bom} text (Excel's \"Unicode Text\")",
        "log_detected": "{file}: not UTF-8; decoded as {encoding} (detected). Pass encoding= to choose.",
        "log_utf8_given": "{file}: the file is UTF-8 text with accented letters, yet encoding={given} was given: its "
                          "names will be garbled if the file is not really {encoding}. Leave encoding= out for a UTF-8 "
                          "file.",
        "log_encoding_detected": "detected text encoding: {encoding}",
        "log_dbf_utf8": "{file}: attribute text read as {encoding}",
        "log_dbf_utf8_kept": "{file}: the attribute text is valid UTF-8 and is kept: not read again as encoding= "
                             "{encoding} (which is for files typed with a legacy font)",
        "log_dbf_given": "{file}: attribute text read as {encoding}",
        "log_dbf_not_given": "{file}: the attribute text is not {given} (encoding=, taken for the records): read as "
                             "without encoding=, as {encoding}",
        "log_dbf_cut": "{file}: {n} {n|value is|values are} no whole UTF-8 (a letter cut by the column's width?), read "
                       "without the cut letter: {values}",
        "log_dbf_also_utf8": "{file}: {n} other {n|value is|values are} UTF-8, read as such",
        "log_dbf_page": "{file}: attribute text read as {encoding} (as its .cpg file says)",
        "log_dbf_detected": "{file}: attribute text typed with a legacy font: read as {encoding}, detected (if that "
                            "is wrong, give encoding=)",
        "log_redecoded": "{file}: sheet {sheet}: re-decoded {n} {n|cell|cells} typed in a legacy Vietnamese font ({encoding})",
        "log_redecoded_text": "{file}: re-decoded {n} {n|cell|cells} typed in a legacy Vietnamese font (TCVN3/ABC, VNI); "
                              "check {n|it|them}",
        "log_hidden_sheets": "{file}: {n} hidden {n|sheet|sheets} ({sheets}) not read; name {n|it|one} with sheet= to "
                             "read it.",
        "log_only_tech": "{file}: technology={given}: only {read} is read, not {unread}.",
        "log_every_record": "{file}: every record is {tech} (the status column is {column})",
        "log_any_of": "{file}: {n} columns read as {tech}: {columns}; a {unit} counts as covered when any of them "
                      "says so (one record per row, with the best status: covered, then weak, planned, and only then "
                      "none; cells that differ are copied into the note)",
        "log_unread_statuses": "{file}: column {column} is not read, though most of its {n} {n|cell|cells} hold "
                               "status words (yes, no…): its header names no technology dxmap knows. If it holds one "
                               "technology's statuses, say which with {mapping} (mobile, fibre or lan).",
        "log_unread_counted": "{file}: column {column} is not read, though most of its {n} {n|cell|cells} hold status "
                              "words: its header names {tech} but reads as a count or a plan. If it holds {tech}'s "
                              "statuses, say so with {mapping}.",
        "log_twin_column": "{file}: column {column} also names {field}; column {read} is read. Map the other with "
                           "{mapping} if it is the one to read.",
        "log_unread_tech": "{file}: {columns} is not read: every record is {tech}, from the status column {column}. To "
                           "read each column as its technology's, name the status column's with {mapping} instead (the "
                           "others are read by their headers).",
        "log_unread_techs": "{file}: {columns} are not read: every record is {tech}, from the status column {column}. "
                            "To read each column as its technology's, name the status column's with {mapping} instead "
                            "(the others are read by their headers).",
        "log_spelt": "{kind} {value} ({rows}) read as {word} ({parsed})",
        "log_spellings": "{file}: {list}{more}; check the spelling",
        "log_commune_headings": "{file}: no commune column; each village is of the commune in the heading row above "
                                "it ({n} {n|row|rows}: {rows})",
        "log_spellings_more": " … ({n} spellings in all)",
        "log_joined_last": "{where}: {n} {n|row has|rows have} more cells than the header, most likely because of a "
                           "comma in the last column ({last}): the extra text is joined to it ({rows}); check {n|it|them}",
        "log_ignored_rows": "{file}: {n} total, heading or empty {n|row|rows} kept as ignored: {rows}",
        "log_unknown_undated": "{file}: {n} {n|row|rows} of status unknown without a date, no record (the unit stays "
                               "unknown): {rows}",
        "log_blank_rows": "{file}: {n} {n|row names|rows name} a unit but {n|leaves|leave} every technology column "
                          "blank ({columns}): no record, the unit stays unknown, not counted as a gap: {rows}. If a "
                          "blank means “not yet”, write “no” (or “Chưa có”) in the cell",
        "log_invalid_rows": "{file}: {n} {n|record|records} of {rows} {rows|row|rows} cannot be read and {n|is|are} reported as invalid: {list}",
        "log_formula_free_text": "{where}: {n} {n|cell|cells} of column {column} {n|is a formula|are formulas} whose "
                                 "value the file does not hold ({cells}): read as empty; open the file in Excel or "
                                 "LibreOffice and save it to keep the values",
        "log_any_of_unread": "{file}: {n} {n|row|rows} read as covered by a column that says so, beside a cell "
                             "not understood (marked “(?)” in the row's note): {list}",
        "log_unknown_status": "{file}: {n} unknown status {n|word|words}: {list}. If one says a status, give it, e.g. "
                              "{example} (or {others})",
        "log_unknown_status_blank": "{file}: {n} unknown status {n|word|words}: {list}. If one says a status, give it, "
                                    "e.g. {example}, with STATUS one of {others}",
        "status_blank": "STATUS",
        "log_records": "{file}: {n} {n|record|records} ({counts})",
        "log_versions_read": "{file}: the boundary_version column says {list}: read as version {version}",
        "log_periods": "{where}: {n} {n|row|rows} of the {column} column {n|names|name} a month or quarter, read as its last day: "
                       "{list}{more}",
        "log_period": "{value} ({rows}) as {date}", "log_periods_more": " … ({n} periods in all)",
        "log_month_first": "{where}: the {column} column is read month first (mm/dd/yyyy): {rows} only make sense that "
                           "way. Pass date_order='dmy' to read it day first (those rows then become invalid).",
        "log_month_first_also": "{where}: the {column} column is read month first (mm/dd/yyyy): {rows} only make sense "
                                "that way. That order also decides the meaning of {n} {n|row|rows} whose day and month are "
                                "both 12 or less: {list}{more}. If the {kind} is written day first, correct the rows "
                                "that only make sense month first, or pass date_order='dmy' (they then become "
                                "invalid); if it is month first, pass date_order='mdy' to say so. Dates written "
                                "dd/mm/yyyy throughout, or yyyy-mm-dd, leave no doubt.",
        "log_day_first_either": "{where}: {n} {n|row|rows} of the {column} column {n|reads|read} either way (such as "
                                "{value}): read day first (dd/mm/yyyy), dxmap's default ({value} is {day} "
                                "{year}); if the {kind} is written month first, pass date_order='mdy'.",
        "log_month_first_typos": "{where}: {rows} of the {column} column only {n|makes|make} sense month first "
                                 "(mm/dd/yyyy), but {n|it is|they are} {n} of the {total} {total|row|rows} whose day "
                                 "depends on the order: the column is read day first (dd/mm/yyyy), dxmap's default, "
                                 "and {n|that row is|those rows are} invalid. Correct {n|it|them} (day and month "
                                 "swapped?); if the whole {kind} is written month first, pass date_order='mdy'.",
        "log_month_first_read": "{value} ({rows}) read as {date} ({day}), not {other}",
        "log_such_dates_more": " … ({n} such dates in all)",
        "log_excel_swaps": "{where}: the {column} column holds Excel date cells among dates typed as text day first "
                           "({typed}): Excel may have swapped the day and month of {n} date {n|cell|cells}: {list}{more}. An "
                           "Excel set to month-first dates turns a typed 01/04/2024 into 4 January and keeps "
                           "13/04/2024 as text. Check those cells and type them again as text dd/mm/yyyy (format the "
                           "column as Text first) or as yyyy-mm-dd; until then they are read as the dates Excel holds.",
        "log_typed_in": "{value} in {rows}", "log_swapped": "{date} ({rows}) read as {day}, {swapped} if swapped",
        "log_arg_period": "{what}={value} names a month or quarter: read as its last day, {date}",
        "log_arg_month_first": "{what}={value} only makes sense month first (mm/dd/yyyy): read as {date} ({day}). "
                               "Write it as ISO 'YYYY-MM-DD' or dd/mm/yyyy (day first) to be sure, e.g. "
                               "{what}='{example}'.",
        "log_older_round": "{files}: no version said, and every record ({n}) is dated before 1 July 2025: read as "
                           "the round of the 2024 units, beside the records written for the 2025-07 units.",
        "log_newer_round": "{files}: no version said, and every record ({n}) is dated on or after 1 July 2025: read "
                           "as written for the 2025-07 units, beside the round of the 2024 units.",
        "log_version_implied_left": " Not counted: {where}, {m} {m|record|records} also naming a commune and its "
                                    "former commune but dated before 1 July 2025 or not dated.",
        "log_dated_before_new_units": "{n} {n|record|records} read in the 2025-07 units {n|is|are} dated before 1 July "
                                      "2025 ({where}): not read; check the year (if {n|it is|they are} of the 2024 "
                                      "units, write 2024 in the Phiên bản column there).",
        "log_rows_by_date": "{file} says no version of the units, and its records' dates lie on both sides of 1 July "
                            "2025: {old} {old|record|records} dated before that day (naming communes of the 2024 "
                            "units) read in the 2024 units, {new} dated from that day in the 2025-07 units. If that is "
                            "not right, write the version (2024 or 2025-07) in a Phiên bản column.",
        "log_version_implied": "{n} {n|row|rows} of records{where} {n|names|name} a commune and its former commune and "
                               "{n|is|are} dated on or after 1 July 2025: read as written for the 2025-07 units (as "
                               "--records-version 2025-07 reads them). If {n|it is|they are} not, say the version in "
                               "a Phiên bản column (2024).{also}",
        "log_rounds_by_date": "no records file says its version of the units, so their dates part them into two "
                              "rounds: {old} (every record dated before 1 July 2025) read in the 2024 units, {new} "
                              "(every record dated from that day, naming only communes of the 2025-07 units) in the "
                              "2025-07 units. To read them all in the 2024 units, give --records-version 2024 "
                              "(records_version='2024' in Python).",
        "log_dated_new_units_files": "{n} {n|row|rows} of records {n|is|are} dated on or after 1 July 2025{where}, "
                                     "when the 2025-07 units took effect, and {n|is|are} read against the 2024 "
                                     "communes. If they are written for the new communes, give --records-version once "
                                     "per --records file, in their order, 2025-07 for {late} alone: {options} "
                                     "(records_version={versions} in Python).",
        "log_dated_new_units": "{n} {n|row|rows} of records {n|is|are} dated on or after 1 July 2025{where}, when the "
                               "2025-07 units took effect, and {n|is|are} read against the 2024 communes. If they are "
                               "written for the new communes, read them with --records-version 2025-07 (records_version='2025-07' in "
                               "Python).",
        "log_dated_unknown_units": "{n} {n|row|rows} of records {n|is|are} dated on or after 1 July 2025{where}, when "
                                   "the 2025-07 units took effect, and the commune layer does not say which units it holds. If it holds "
                                   "the units before that day, records written for the new communes match wrong units "
                                   "by their reused codes: read them against a layer of the new units. If it holds the "
                                   "new units, say so (--communes-version 2025-07 on the command line, a boundary_version "
                                   "column of '2025-07' in Python).",
        "log_reused_codes": "{n} {n|record has|records have} the code and name of a {version} unit (e.g. {examples}): "
                            "{n|it seems|they seem} written for version {version}, and {n|its code|their codes}, reused "
                            "on 1 July 2025, may have matched the wrong units. Read {n|it|them} with --records-version {version} "
                            "(records_version='{version}' in Python).",
        "log_per_village_one": "{n} {n|row|rows} of {techs} {n|names|name} no village and no village layer was given: ignored, as it "
                               "is counted per village. Add the villages' names (a 'Tên thôn' column) and their layer "
                               "(--villages on the command line, villages= in Python) to count them.",
        "log_per_village_many": "{n} {n|row|rows} of {techs} {n|names|name} no village and no village layer was given: ignored, as "
                                "they are counted per village. Add the villages' names (a 'Tên thôn' column) and their "
                                "layer (--villages on the command line, villages= in Python) to count them.",
        "log_no_date": "{file}: {n} {n|row has|rows have} no date ({rows}) and cannot be read until one is filled "
                       "in. If every row without a date is of one day, give that day with as_of='{example}'.",
        "log_villages_from_records_some": "no village layer: {n} {n|village|villages} in {communes} "
                                          "{communes|commune|communes} listed from the village names in the records; "
                                          "{placed} placed at the position (longitude, latitude) {placed|its|their} "
                                          "records give, {unplaced} without a location: counted, listed and searched, "
                                          "but not drawn (give --villages to draw them).",
        "log_villages_from_records_all": "no village layer: {n} {n|village|villages} in {communes} "
                                         "{communes|commune|communes} listed from the village names in the records, "
                                         "each placed at the position (longitude, latitude) its records give.",
        "log_query_unplaced": "{n} {n|unit has|units have} no location (villages listed from the records, without a "
                              "village layer): no distance is measured from {n|it|them}.",
        "log_village_position_outside": "{n} {n|row gives|rows give} a position (longitude, latitude) outside {n|its|their} "
                                        "village's commune ({rows}): not used to place the village; check {n|it|them} "
                                        "(longitude and latitude swapped?).",
        "log_former_pair": "{file}: {new} is read as the commune and {old} as the village's former commune (before 1 "
                           "July 2025), as a sheet of the units since 1 July 2025 has them; if the records are written "
                           "for the 2024 units, read {old} as the commune: {mapping}",
        "log_former_elsewhere": "{n} village {n|row names|rows name} a former commune (xã cũ) that is not one of the "
                                "row's commune's ({rows}): the village is counted in the commune the row gives, and "
                                "told from its namesakes by that former commune; correct the commune or the former "
                                "commune.",
        "log_former_of_other": "{row}: {former} is part of {now}, not of {commune} (made of {listed})",
        "log_former_unknown": "{row}: {former} is no former commune of {commune} (made of {listed})",
        "log_villages_from_records": "no village layer: {n} {n|village|villages} in {communes} {communes|commune|communes} "
                                     "listed from the village names in the records; they are counted, listed and "
                                     "searched, but have no location and are not drawn (give --villages to draw them).",
        "log_no_village_layer": "{n} village {n|record|records} cannot be matched: no village layer was given. Give "
                                "one (--villages on the command line, villages= in Python) to check them, or in Python "
                                "list them from the village names the records give: villages_from_records(records, "
                                "communes) of dxmap.reconcile.named_villages (read_dataset does this by itself).",
        "log_no_village_layer_yenbai": "{n} village {n|record|records} cannot be matched: no village layer was given, "
                                       "and dxmap bundles none for Yên Bái. Give one (--villages on the command line, "
                                       "villages= in Python) to check them, or in Python list them from the village "
                                       "names the records give: villages_from_records(records, communes) of "
                                       "dxmap.reconcile.named_villages.",
        "log_former_communes": "{n} {n|record names a commune|records name communes} of before 1 July 2025 that the "
                               "2025-07 commune layer does not hold. If the file is written for the 2024 units, read it "
                               "with --records-version 2024 (records_version='2024' in Python).",
        "log_merged": "{n} {n|record|records} of former communes {n|lies|lie} in a new unit together with records of "
                      "other former communes, and {n|is|are} reported as {n|a duplicate|duplicates}: the new unit's "
                      "status is to be summed up from its former communes' (--units 2025-07 on the command line, "
                      "dxmap.reconcile.versions.crosswalk_summary in Python).",
        "log_reconciled": "reconciled {n} {n|record|records}: {counts}",
        "log_crosswalk_moved": "crosswalk {source} → {target}: {n} {n|record|records} moved, {lost} without a single "
                               "successor",
        "log_evident_version": "{file}: the codes and names of {k} of its {n} {n|commune|communes} are those of "
                               "{units}: read as version {version}; if it is not, say which (--communes-version on the "
                               "command line, communes_version= in Python)",
        "log_version_not_evident": "{file}: the version given is {given}, but the codes and names of {k} of its {n} "
                                   "{n|commune|communes} are those of {units} (version {version}): check the file's "
                                   "version",
        "ver_units_2024": "the units before 1 July 2025", "ver_units_2025_07": "the units from 1 July 2025",
        "log_version_unknown_layer": "the records are written for version {versions}, and the commune layer does not "
                                     "say which units it holds, so dxmap cannot check that they fit. If it holds them, "
                                     "say so (--communes-version {version} on the command line, a boundary_version column "
                                     "of '{version}' in Python).",
        "log_crosswalk_unused": "the crosswalk (crosswalk=) was not used: it leads to the units of {target}, and the "
                                "commune layer does not say it holds them. If it does, say so: "
                                "set_boundary_version(layer, '{target}').",
        "log_pyarrow": "{file}: pyarrow could not read it ({error}); reading it line by line",
        "log_read_features": "{file}: read {n} {n|feature|features}",
        "log_repaired": "{file}: repaired {n} invalid {n|geometry|geometries}: {list}",
        "log_feature_row": "row {i}",
        "log_feature_rows": "rows {list}",
        "log_kept_own_crs": "{file}: kept the file's own CRS {own}: the CRS given (crs=) {given} does not fit its "
                            "coordinates",
        "log_kept_own_crs_far": "{file}: kept the file's own CRS ({own}), which puts the layer on the communes: read in "
                                "the CRS given (crs=) {given} it would move {km} km, off them",
        "log_given_crs_far": "{file}: read in the CRS given (crs=) {given}, not its .prj's ({own}): that moves the layer "
                             "{km} km from where its .prj puts it. If the .prj is right, give the CRS for the files that need it "
                             "alone, e.g. {example}",
        "crs_datum_problem": "{where}: {why}{size}. {fix}, or fix the .prj.",
        "crs_why_tm3": "its .prj says WGS 84 but uses the VN-2000 TM-3 projection of {crs} (central meridian {meridian}°, "
                       "scale 0.9999), so the VN-2000 → WGS 84 datum shift is skipped",
        "crs_why_no_shift": "its datum ({datum}) has no known shift to WGS 84 (no TOWGS84), so reprojecting it moves "
                            "nothing",
        "crs_offset": "; positions are about {m} m off at the layer's centre",
        "crs_fix_vn2000": "If the data are VN-2000, read them with crs='{crs}' (CLI: --crs {crs})",
        "crs_fix_any": "Pass the file's real CRS with crs=... (CLI: --crs EPSG:...)",
        "crs_said_file": "the file says", "crs_said_given": "the CRS given (crs=) is",
        "crs_swapped": "its coordinates ({coords}) look like latitude/longitude in swapped order, but {name} ({said}) "
                       "puts longitude first: swap the axes when exporting",
        "crs_metres": "its coordinates ({coords}) are metres, not degrees, but {said} {name}: give the projected CRS it "
                      "is really in, e.g. --crs EPSG:9208 (VN-2000 / TM-3 104-45) or --crs EPSG:32648 (UTM 48N)",
        "crs_degrees": "its coordinates ({coords}) look like degrees, but {said} {name}, which is in metres: give --crs "
                       "EPSG:4326 (longitude/latitude) or EPSG:4756 (VN-2000)",
        "crs_unconvertible": "its coordinates cannot be converted from {name} to longitude/latitude: check the CRS",
        "crs_outside": "its features lie at {lies}, outside where {name} is used ({area}): the CRS it declares is "
                       "probably wrong; give the right one (--crs on the command line, crs= in Python)",
        "crs_outside_listed": "its features lie at {lies}, outside the area EPSG lists for {name} ({area})",
        "log_crs_outside_listed": "{file}: {why}; read in that CRS all the same, as the file declares it. If the map "
                                  "shows the layer in the wrong place, give its right CRS (--crs on the command line, "
                                  "crs= in Python)",
        "log_crs_outside_given": "{file}: {why}; read in the CRS given (crs=) all the same. If the map shows the "
                                 "layer in the wrong place, the CRS given is not the layer's",
        "crs_unknown": "{option} {text} is not a coordinate reference system PROJ knows. Give an EPSG code such as "
                       "EPSG:4326 (longitude/latitude), EPSG:9208 (VN-2000 / TM-3 104-45, Lào Cai and Yên Bái) or "
                       "EPSG:32648 (UTM 48N).",
        "crs_implausible": "{path}: {why}.",
        "log_reprojecting": "{file}: reprojecting {n} {n|feature|features} from {source} to {target}",
        "log_layers": "{file}: {n} {n|layer|layers} ({layers}); reading {layer}. Choose another with layer={other}.",
        "log_layer_picked": "{file}: {n} {n|layer|layers} ({layers}); reading {layer} as the {what} layer. Choose "
                            "another with {option}={other}.",
        "log_no_geometry": "{file}: {n} {n|feature|features} without geometry at {rows}; kept without a shape",
        "log_shared_polygons": "{where}: {n} {n|commune shares|communes share} {polygons} {polygons|polygon|polygons} "
                               "({names}); each is drawn once and counted per commune",
        "log_districts_by_name": "{where}: no code column: districts keyed by name ({codes})",
        "log_no_commune_layer": "no commune layer given: the records are reconciled with {which}",
        "log_province_code_moved": "province {code} in the 2025-07 units is read as the former province (tỉnh cũ) "
                                   "{name}, whose code it was before 1 July 2025; {now} has it since, and every unit "
                                   "is of it: leave the province out for it, or give the former province by name",
        "log_province_name_now": "province {name} in the 2025-07 units is read as the former province (tỉnh cũ) {name} "
                                 "(before 1 July 2025): {n} {n|unit|units} of {of}; today's {name} holds other former provinces "
                                 "too: leave the province out for all of it",
        "log_bundled_laocai": "the bundled Lào Cai communes (152, mid-2024) and districts",
        "err_own_word": "{given}: {value} is no status; use one of {accepted}.",
        "err_own_word_empty": "{given}: no word before the '='; give the word as the file writes it, e.g. "
                              "'No signal'=none.",
        "err_own_word_twice": "{given}: the word {word} is already given the status {value} (case, diacritics and "
                              "spacing aside); give each word one status.",
        "err_bundled_none": "no commune code, district or commune name, or position of the records ({examples}) is in "
                            "dxmap's bundled layers (Lào Cai 2024, Yên Bái 2025-01): give your commune layer with "
                            "communes= (and districts=, villages= if you have them).",
        "err_bundled_other_names": "the records' commune codes are codes of dxmap's bundled Lào Cai communes, but most "
                                   "of the commune names beside them are not Lào Cai's ({examples}): these are "
                                   "another place's records. Give your commune layer with communes= (and districts=, "
                                   "villages= if you have them).",
        "err_bundled_other_codes": "{files}{n} of the records' {of} commune codes ({examples}) are codes of no "
                                   "commune of dxmap's bundled layers (Lào Cai 2024, Yên Bái 2025-01), and no commune "
                                   "or district name or position on their rows is of them either: these are another "
                                   "place's records. Give your commune layer with communes= (and districts=, "
                                   "villages= if you have them). Records are read against the bundled layers only "
                                   "when most of their commune codes are of them; if these are Lào Cai's or Yên "
                                   "Bái's, correct the mistyped codes.",
        "log_bundled_yenbai": "the bundled Yên Bái communes (168, as of 2025-01) and districts",
        "log_bundled_both": "the bundled communes of Lào Cai (152, mid-2024) and Yên Bái (168, as of 2025-01) and their "
                            "districts",
        "log_new_units_bundled": "records written for the 2025-07 units: reconciled with the bundled 99 communes of the "
                                 "new Lào Cai",
        "log_no_records_file": "{file}: no records: a header line and no rows below it",
        "log_wrote": "wrote {path} ({n} {n|row|rows})", "log_writing": "writing {n} {n|row|rows} to {file}…",
        "log_made_folder": "made the folder {folder}",
        "log_bundled_debug": "bundled communes: {n} {n|unit|units}, {polygons} {polygons|polygon|polygons} ({shared} "
                             "{shared|unit shares|units share} the Sa Pa cluster polygon)",
        "log_engine_debug": "{engine} engine: {points} {points|point|points}, {polygons} {polygons|polygon|polygons} → "
                            "{pairs} {pairs|pair|pairs}",
        "log_encoding_scores": "encoding scores: {scores}",
        "err_folder": "{path}: a folder, not a status records file. Give the .csv, .txt or .xlsx file in it.",
        "err_not_found": "{path}: status records file not found. Check the path (it is relative to {cwd}).",
        "err_data_env": "{name}={path} is not a dxmap data folder (it has no boundaries/): unset {name}, or point it "
                        "at a folder holding boundaries/, crosswalk/ and sample/.",
        "err_engine_dask": "engine='dask' needs dask-geopandas and distributed, which are not installed. Install them "
                           "with: pip install 'dxmap[dask]' (or use engine='pandas').",
        "err_mixed_encodings": "{path}: the file mixes two encodings: {n} {n|line is|lines are} UTF-8, but not {lines} "
                               "(edited with two programs?). Open it in Excel and save it again as "
                               "CSV UTF-8, then check those lines.",
        "err_format": "{path}: '{suffix}' is not a records format dxmap reads. Save it as .csv (UTF-8) or .xlsx.",
        "err_empty": "{path}: the file is empty: no header line and no records.",
        "err_no_header_line": "{path}: no header line: the first line with text has no cells.",
        "err_quote_open": "{path}: cannot be read as a table from line {line} ({error}): a quote (\") that opens a cell "
                          "is probably never closed. Open it in a spreadsheet, check that line, and save it as CSV "
                          "UTF-8 again.",
        "err_zip": "a zip archive (an XLSX workbook?), not text. If it is a workbook, give it its .xlsx name; else save "
                   "the records as CSV UTF-8",
        "err_ole": "an Excel 97-2003 or password-protected workbook, not text. Open it in Excel and save it as "
                   "'CSV UTF-8' or as an .xlsx workbook (without a password)",
        "err_pdf": "a PDF document, not a table. Give the spreadsheet the PDF was made from (.xlsx or CSV UTF-8)",
        "err_sqlite": "a GeoPackage or SQLite database, not a records table. Boundary files are given with --communes, "
                      "--districts or --villages on the command line (communes=, districts=, villages= in Python)",
        "err_geojson": "{kind} (boundaries?), not a records table. Boundary files are given with --communes, "
                       "--districts or --villages on the command line (communes=, districts=, villages= in Python); "
                       "records are CSV or XLSX",
        "err_json": "JSON, not a records table. Save the records as CSV UTF-8 or .xlsx",
        "err_xml": "XML (KML?), not a records table. Save the records as CSV UTF-8 or .xlsx",
        "err_nul": "binary, not text (a NUL byte at byte {byte}). If it is UTF-16 text without a byte-order mark, pass "
                   "encoding='utf-16'; else save the records as CSV UTF-8 or .xlsx",
        "err_controls": "binary, not text ({n} control bytes in its first {size}). Save the records as CSV UTF-8 or "
                        ".xlsx",
        "err_bom": "{path}: starts with a {bom} byte-order mark but is not {bom} text{at}. Save the records again as "
                   "'Unicode Text' or 'CSV UTF-8' in Excel.",
        "err_not_utf8": "{path}: not UTF-8 text{at}. Save it as 'CSV UTF-8' in Excel, or pass encoding= with the "
                        "file's real encoding (tcvn3, vni, cp1258, auto…).",
        "err_not_encoding": "{path}: cannot be read as {encoding}{at}. Try encoding='auto', or save it as 'CSV UTF-8'.",
        "err_unknown_encoding": "unknown text encoding {given}. Use one of {choices} or a Python codec name (e.g. "
                                "utf-8, cp1252).",
        "err_xlsx_empty": "the file is empty (0 bytes)",
        "err_xlsx_encrypted": "the workbook is protected with a password (encrypted), so it cannot be read. Open it in "
                              "Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, "
                              "clear it) and save it",
        "err_xls": "an Excel 97-2003 workbook (.xls), not .xlsx. Open it in Excel or LibreOffice Calc and save it as "
                   "'Excel Workbook (.xlsx)'",
        # a spreadsheet whose name lies about what it holds (dxmap.io.xlsx.read_as)
        "err_xls_binary": "{path}: an Excel 97-2003 workbook (the old binary .xls), a format dxmap does not read. Open "
                          "it in Excel or LibreOffice Calc, use File > Save As 'Excel Workbook (.xlsx)', and give the "
                          "saved {fixed} instead.",
        "err_xls_html": "{path}: a web page (HTML, as management systems export tables under a {suffix} name) with no "
                        "table whose header dxmap recognises. Open it in Excel or LibreOffice Calc, check the table, "
                        "use File > Save As 'Excel Workbook (.xlsx)', and give the saved {fixed} instead.",
        "log_read_as_html": "{file}: named {suffix} but it is a web page (an HTML table): read its table, {n} data "
                            "{n|row|rows} from row {row} (save it as .xlsx in Excel or LibreOffice and this line goes)",
        "err_xls_xml": "{path}: an 'XML Spreadsheet 2003' (XML text named {suffix}), a format dxmap does not read. "
                       "Open it in Excel or LibreOffice Calc, use File > Save As 'Excel Workbook (.xlsx)', and give "
                       "the saved {fixed} instead.",
        "err_xls_other": "{path}: not a workbook (a .xls file is an Excel 97-2003 workbook; this one is neither that, "
                         "nor .xlsx, nor text). Open it in Excel or LibreOffice Calc and save it as 'Excel Workbook "
                         "(.xlsx)' or as CSV UTF-8.",
        "log_read_as_xlsx": "{file}: named {suffix} but it is an .xlsx workbook: read as .xlsx (rename it {fixed} and "
                            "this line goes)",
        "log_read_as_text": "{file}: named {suffix} but it is a text table (CSV/TSV): read as CSV (rename it {fixed} "
                            "and this line goes)",
        "err_xlsx_cut": "an incomplete or damaged workbook (the zip archive has no end: cut short while copying or "
                        "downloading?). Copy it again, or open it in Excel and save it again as .xlsx",
        "err_not_xlsx": "not an XLSX workbook (an XLSX file is a zip archive). Open it in Excel and save it as .xlsx",
        "err_zip_damaged": "a damaged zip archive ({error}). Open it in Excel and save it again as .xlsx",
        "err_xlsb": "an Excel binary workbook (.xlsb). Open it in Excel and save it as 'Excel Workbook (.xlsx)'",
        "err_ods": "an OpenDocument spreadsheet (.ods). Save it as .xlsx (Excel Workbook) or as CSV UTF-8",
        "err_zip_other": "a zip archive, not a workbook (it holds {names}). Give the .xlsx file itself",
        "err_xlsx_open": "{path}: cannot be opened as XLSX ({error}). Open it in Excel and save it again as .xlsx.",
        "err_no_sheet_number": "{path}: no sheet number {index}; the workbook has {n} {n|sheet|sheets}: {names}.",
        "err_no_sheet_named": "{path}: no sheet named {sheet}; the workbook has {names}. Pass one of them with sheet=.",
        "err_sheet_no_header": "{path}: sheet {sheet} has no header row dxmap recognises in its first {n} "
                               "{n|row|rows} with text (e.g. 'Mã xã', 'Tên thôn', 'Trạng thái', 'Mạng LAN chuẩn'). Map your "
                               "headers with columns=.",
        "err_no_sheet_header": "{path}: no sheet has a header row dxmap recognises (sheets: {names}{more}). Map your "
                               "status header with {mapping}; for one column per technology (cells saying yes/no), "
                               "give each column's technology with {wide}; or pass sheet=.",
        "err_hidden_more": "; hidden sheets are read only when named: {names}",
        "err_counts_sheet": "{path}: {n} {n|sheet|sheets} ({sheets}) {n|holds|hold} counts (column {column}: "
                            "{values}), not a status per village or commune; dxmap reads one row per unit with its "
                            "status ('Có', 'Chưa có'). Give the sheets or files of statuses per unit the counts were "
                            "made from.",
        "err_counts_file": "{path}: column {column} holds counts ({values}), not a status per village or commune; "
                           "dxmap reads one row per unit with its status ('Có', 'Chưa có'). Give the file of statuses "
                           "per unit the counts were made from.",
        "err_sheet_in_no_workbook": "sheet= names {sheets}, which no workbook has; the workbooks' sheets are {each}. "
                                    "Write each sheet's name as the workbook writes it.",
        "err_not_technology": "{what}: {value} is not a technology. Use one of {accepted}.",
        "err_columns_not_field": "columns= maps {names}, which is not a field dxmap reads; the fields are {fields}.",
        "err_columns_not_fields": "columns= maps {names}, which are not fields dxmap reads; the fields are {fields}.",
        "err_columns_same_header": "columns= maps {fields} to the same header {header}: one column cannot hold both. "
                                   "If {header} holds the statuses of one technology, map only status and pass "
                                   "technology='{tech}' (every row is that technology), or pass {mapping}.",
        "err_not_in_file": "{option} names {names}, which the {kind} does not have; its headers are {headers}.",
        "err_columns_in_no_file": "{option} names {names}, which no records file has; the files' headers are "
                                  "{headers}. Write each header as a file writes it, or leave it out of {option}.",
        "log_columns_not_here": "{file} does not have {headers}: {mapping} not used for it (only for the records "
                                "files and sheets that do)",
        "log_own_technology": "{file} has a technology column of its own ({columns}): {given} not used for it "
                              "(only for the records files and sheets without one)",
        "err_both_shapes": "both a status column ({status}) and technology columns ({columns}); read them as two "
                           "{kind}s, or map one",
        "err_no_status": "no status column: no header says 'Status' (or 'Trạng thái'), and none names a "
                         "technology ('LAN', 'Mobile 4G', 'Fibre'…). Map your status header with "
                         "{mapping} and technology='lan', or a technology column with {wide}",
        "err_no_status_guess": "no status column: the column {column} names {tech} but is not read: its header or its "
                               "cells ({values}) read as a count or a plan. If it holds {tech}'s statuses, say so with "
                               "{wide}",
        "err_remark_twins": "{n} columns are the {field} column but for their remarks in brackets: {columns}; dxmap "
                            "does not choose a column by its place and reads neither: say which to read, e.g. {mapping}",
        "err_tech_columns": "{n} columns hold {tech}: {columns}. dxmap does not choose a column by its place: say "
                            "which one holds the status to read, e.g. {mapping} (the other columns are read by their "
                            "headers; that one's twin is not read), or put each round in a {kind} of its own",
        "err_several_statuses": "no technology column, and {n} columns hold statuses: {listed}. If each is one "
                                "technology's column, name its technology with {mapping}{likewise} (mobile, fibre or "
                                "lan{by_header}); if only {status} holds statuses, map a technology column with "
                                "{technology}, or pass technology='lan' when every row is for one technology",
        "err_likewise": ", and likewise for {columns}",
        "err_by_header_one": "; {columns} is read by its header",
        "err_by_header_many": "; {columns} are read by their header",
        "err_no_technology": "no technology column. Map it with {mapping}, or pass technology='lan' when every row "
                             "is for one technology",
        "err_technology_twice": "technology={given} given, but the {kind} has a technology column ({columns}); drop "
                                "one of them",
        "err_no_date": "no date column. Pass the date of every record with as_of='2024-06-30'",
        "err_no_date_column": "no date column is recognised, but {column} holds dates: map it with {mapping}, or "
                              "pass the date of every record with as_of='2024-06-30'",
        "err_no_unit": "no column that identifies the unit (commune code or name, village id, or lon and lat). Map "
                       "yours with {mapping}",
        "err_shape": "{where}: {problems}. The {kind}'s headers are {headers}.",
        "rd_kind_file": "file", "rd_kind_table": "table",
        "err_two_orders": "{where}: the {column} column mixes two date orders: {dmy} only make sense day first, {mdy} "
                          "only month first. Correct the rows written the other way, or say how to read the column "
                          "with date_order='dmy' or date_order='mdy' (the rows that do not fit then become invalid).",
        "err_date_arg": "{what}={value} {why}. Write it as YYYY-MM-DD or dd/mm/yyyy (day first), e.g. 2024-06-30 or "
                        "30/06/2024.",
        "err_arg_no_period": "names no month or quarter that exists",
        "err_arg_open_period": "is a period that has not ended (it ends on {date})",
        "err_arg_not_a_date": "is not a date",
        "err_arg_no_day_iso": "is no real day (as year-month-day)",
        "err_arg_no_day_month": "is no real day: {month} {year} has {days} days",
        "err_arg_no_day_named": "is no real day",
        "err_arg_no_day": "is no real day (read {order})",
        "err_arg_future": "as_of={given} is after today ({today}): records cannot be dated in the future. Give the day "
                          "the records were true, e.g. as_of='2024-06-30'.",
        "err_arg_past": "as_of={given} is before {year}: no connectivity record is older than {year} (a mistyped "
                        "year?). Give the day the records were true, e.g. as_of='2024-06-30'.",
    },
}

# What map, summary, report and demo say on the console besides the readers' lines (dxmap.cli, dxmap.gaps): their
# own lines and refusals ("cli_…"), the lines and errors of the analysis ("gap_…"), the log lines of code given no
# language ("log_…", logged with log_said: English for a library user, every language for the console) and the
# errors of code given no language ("err_…", raised with their said_all text: likewise).
_CONSOLE: dict[str, dict[str, str]] = {
    "vi": {
        "cli_simplify": "{value}: hãy ghi auto, on, off hoặc dung sai tính bằng mét (ví dụ 100)",
        "cli_choice": "{value} không phải một trong {choices}.",
        "cli_invalid_value": "giá trị không hợp lệ cho {option}: {message}",
        "cli_no_such_option": "không có tùy chọn {option}.", "cli_did_you_mean": " Có phải ý bạn là {options}?",
        "cli_needs_value": "{option} cần một giá trị, ví dụ {option} GIÁ_TRỊ.",
        "cli_takes_no_value": "{option} không nhận giá trị; hãy ghi {option} thôi.",
        "cli_missing": "thiếu tùy chọn {option}.",
        "cli_no_such_command": "không có lệnh {command}; các lệnh là {commands}.",
        "cli_option_of_command": " {option} là tùy chọn của lệnh, ghi sau tên lệnh: {command} {option} …",
        "cli_extra": "thừa {args}: mỗi giá trị đi sau tùy chọn của nó.",
        "cli_extra_files": " Tên tệp đi sau {options}, ví dụ {example}.",
        "cli_extra_options": " Tên tệp hay thư mục đi sau tùy chọn của nó: {options}.",
        "cli_empty_path": "tên tệp hay thư mục trống; hãy ghi một tên.",
        "cli_path_is_file": "{path} là một tệp, không phải thư mục; hãy ghi tên một thư mục.",
        "cli_path_is_folder": "{path} là một thư mục, không phải tệp; hãy ghi tên một tệp.",
        "cli_extra_after_flag": "thừa {args}: {option} không nhận giá trị; hãy ghi {option} thôi.",
        "cli_missing_command": "thiếu lệnh; các lệnh là {commands}.",
        "cli_crs_kind": "{value}: {kind} không phải loại tệp nào; có phải là {near}? (communes, districts hoặc "
                        "villages)",
        "cli_crs_once": "cho hai lần ({values}): hãy cho một CRS cho mọi tệp, hoặc mỗi loại tệp một CRS (ví dụ --crs "
                        "communes=EPSG:9208).",
        "cli_pair": "{item}: hãy viết {form}, ví dụ {example}",
        "cli_pair_twice": "{item}: {name} đã được cho là {value}; mỗi {name} chỉ cho một lần",
        "cli_one_file": "cho hai tệp ({values}): mỗi lần chạy đọc một tệp {option}; hãy gộp các tệp thành một trước (ví "
                        "dụ ogr2ogr -append {example} tệp_thứ_hai), hoặc chạy mỗi tệp một lần",
        "cli_once": "cho hai lần ({values}): hãy cho một {what} (mỗi lần chạy chỉ lọc một; nhiều nơi thì chạy mỗi nơi "
                    "một lần), hoặc bỏ {option} để xem tất cả",
        "cli_folder_named_file": "{option} {out}: lệnh này ghi một thư mục gồm nhiều tệp ({files}), không phải một "
                                 "tệp; hãy đặt tên thư mục, ví dụ {option} {example}.",
        "cli_folder_over_input": "{option} {out} sẽ ghi {name} đè lên tệp đã chọn bằng {input} ({path}). Hãy chọn thư "
                                 "mục khác.",
        "cli_suffix": "{option} {out}: {what} được ghi dưới dạng {suffixes}; hãy đặt tên có đuôi {suffix}, ví dụ "
                      "{option} {example}{hint}.",
        "cli_suffix_sheet": "; muốn có bảng tính thì dùng --format csv --out {name}", "cli_or": " hoặc ",
        "cli_what_map": "bản đồ", "cli_what_table": "bảng", "cli_what_csv": "bảng CSV", "cli_what_json": "tệp JSON",
        "cli_what_outcomes": "danh sách kết quả đối chiếu",
        "cli_wrote": "đã ghi {files}",
        "cli_demo_written": "đã ghi bản đồ và bảng tổng hợp mẫu vào {out} trong {s} giây",
        "cli_report_written": "đã ghi báo cáo vào {out} trong {s} giây",
        # the system's words for why a file cannot be written or read (errno names); English keeps the system's own
        "cli_errno_ENOENT": "không có tệp hoặc thư mục đó", "cli_errno_EACCES": "không có quyền truy cập",
        "cli_errno_EPERM": "không được phép", "cli_errno_EROFS": "ổ đĩa chỉ cho đọc", "cli_errno_ENOSPC": "ổ đĩa đã đầy",
        "cli_errno_EDQUOT": "đã dùng hết hạn mức dung lượng", "cli_errno_EFBIG": "tệp quá lớn",
        "cli_errno_ENOTDIR": "không phải là thư mục", "cli_errno_EEXIST": "đã có tệp ở đó",
        "cli_errno_EISDIR": "là một thư mục", "cli_errno_ENAMETOOLONG": "tên tệp quá dài",
        # dxmap.gaps
        "gap_unmatched": "{bad} trong {total} bản ghi không khớp ({counts}): {list}.{cluster} Hãy sửa các bản ghi đó "
                         "(write_outcomes() liệt kê mọi bản ghi kèm lý do), hoặc dùng strict=False (CLI: "
                         "--allow-unmatched) để chỉ dùng các bản ghi đã khớp.",
        "gap_unmatched_row": "{file} dòng {row}: {outcome}, {reason}",
        "gap_more_same": " (và {n} bản ghi khác cùng lý do)",
        # the commune codes unmatched are those of the bundled Sa Pa cluster (QA69 F10)
        "gap_sapa_cluster": " Mã xã {codes} là các xã của Sa Pa không có ranh giới riêng (chung một vùng ranh giới, "
                            "xem docs/boundaries.md): một lớp xã không có các mã này, như tệp "
                            "laocai_communes_2024_derived.geojson đọc riêng, không khớp được bản ghi của chúng. Hãy "
                            "dùng lớp xã có sẵn của dxmap, có đủ các xã đó: communes=dxmap.bundled_communes() (CLI: bỏ "
                            "--communes), hoặc chọn một lớp xã có các mã đó.",
        "gap_skipped": "bỏ qua {n} bản ghi không được tính: {counts}",
        "ds_stale_outcomes": "{n} bản ghi khác với kết quả đối chiếu của chúng (hạ tầng, trạng thái hoặc ngày: "
                             "{rows}): bản ghi đã bị sửa sau khi đối chiếu, và số liệu vẫn theo kết quả cũ. Hãy đối "
                             "chiếu lại: dataclasses.replace(data, outcomes=None)",
        "gap_outcomes_version": "các bản ghi đã được đối chiếu với các xã {theirs}, mà lớp ranh giới đã cho là các đơn "
                                "vị {layer}: mã xã được dùng lại từ 1/7/2025, nên sẽ tính trạng thái của xã này cho "
                                "xã khác. {fix}",
        "gap_outcomes_version_moved": "Hãy dùng lớp mà bản ghi đã được đối chiếu (data.communes), hoặc chuyển bức "
                                      "tranh sang các đơn vị 2025-07: analyse(data, units='2025-07').",
        "gap_outcomes_version_again": "Hãy dùng lớp mà bản ghi đã được đối chiếu (data.communes), hoặc đối chiếu lại "
                                      "bản ghi với lớp này (reconcile(records, communes)).",
        "gap_not_in_layer": "bản ghi đã khớp của {n} đơn vị không có trong lớp ranh giới đã cho ({units}) không được "
                            "tính, các bản ghi khác được tính chỉ theo mã: hãy dùng lớp ranh giới mà bản ghi đã được đối chiếu, hoặc đối chiếu lại bản ghi "
                            "với lớp này (lớp chỉ một huyện: chỉ đưa bản ghi của huyện đó)",
        "gap_left_out": "Đã bỏ qua {n} bản ghi không được tính ({counts}; xem dxmap check)",
        "gap_units_not_version": "units={units} không phải phiên bản ranh giới; hãy ghi một trong {versions}.",
        "gap_units_2024": "units='2024': lớp ranh giới là phiên bản 2025-07, mà bảng chuyển đổi chỉ đi từ 2024 sang "
                          "2025-07. Hãy đối chiếu số liệu với ranh giới năm 2024.",
        "gap_before_first": "as_of={date} trước bản ghi sớm nhất ({first}; bản ghi mới nhất ngày {last}): khi đó mọi "
                            "đơn vị đều chưa rõ và không tìm thấy đơn vị nào còn thiếu. Hãy chọn ngày từ {first} trở "
                            "đi.",
        "gap_after_today": "as_of={date} muộn hơn hôm nay ({today}): bản đồ không thể thể hiện ngày chưa tới, và tiêu "
                           "đề sẽ nói số liệu đến ngày đó. Gõ nhầm năm? Hãy chọn ngày không muộn hơn hôm nay{newest}.",
        "gap_newest": " (bản ghi mới nhất ngày {date})",
        "gap_crosswalked": "số liệu theo xã cũ ngày {date} thể hiện theo đơn vị 2025-07: {n} xã/phường (từ {former} "
                           "xã cũ), cấp huyện là huyện cũ",
        "gap_former_district": "{place} ({code}), tìm trong các huyện cũ của đơn vị 2025-07: {n} xã/phường "
                               "2025-07 nằm toàn bộ hoặc một phần trong đó",
        "gap_split_no_former": "{n} thôn/bản của xã nằm trong hai huyện cũ trở lên ({communes}) không ghi xã cũ hợp "
                               "lệ ({villages}) nên được đếm trong mỗi huyện cũ của xã (ở đây xếp vào huyện cũ "
                               "{district}); hãy điền cột Xã cũ để mỗi thôn/bản chỉ được đếm ở một huyện cũ",
        "gap_several_no_former": "{n} thôn/bản của xã nằm trong hai huyện cũ trở lên ({communes}) không ghi xã cũ "
                                 "hợp lệ ({villages}) nên được đếm trong mỗi huyện cũ của xã: các dòng theo huyện cũ "
                                 "có thể cộng lại lớn hơn dòng Tổng; hãy điền cột Xã cũ để mỗi thôn/bản chỉ được đếm "
                                 "ở một huyện cũ",
        "gap_district": "{place} ({code}), số liệu đến ngày {date}: {n} đơn vị",
        "gap_communes": "{place} ({codes}), số liệu đến ngày {date}: {n} đơn vị",
        "gap_district_later": "các bản ghi của {place} ({code}) bắt đầu từ ngày {date}, sau ngày của bức tranh: mọi "
                              "đơn vị ở đó đều “chưa rõ” vào ngày này",
        "gap_district_no_records": "các tệp không có bản ghi nào (đã khớp) của {place} ({code}): mọi đơn vị ở đó "
                                   "đều “chưa rõ”; hãy kiểm tra tên huyện hoặc tệp số liệu",
        "gap_changed_nodata": "{tech}: chưa có số liệu ngày {date} (cả {n} đơn vị chưa rõ)",
        "gap_changed_none_then": "{tech}: {n} đơn vị chưa có ngày {date}; ngày {before} chưa đơn vị nào có số liệu",
        "gap_changed": "{tech}: {n} đơn vị chưa có ngày {date}, {then} ngày {before} (đã có thêm {fixed}, mới chưa "
                       "có {new})",
        "gap_changed_first": "{tech}: {n} đơn vị chưa có ngày {date}, {then} ngày {before} (đã có thêm {fixed}, mới "
                             "chưa có {new}, chưa có số liệu kỳ trước {first})",
        "gap_no_earlier": "không đơn vị nào có bản ghi trước bản ghi mới nhất đến ngày {date} (các ngày trong số liệu: "
                          "{shown}), nên không có kỳ trước để so sánh. Hãy thêm tệp số liệu kỳ trước (nhiều tệp số liệu "
                          "được đọc cùng nhau) hoặc ghi compare_to='2024-03-31'.",
        "gap_compare_not_before": "compare_to={date} không trước ngày số liệu {now}. Hãy chọn ngày sớm hơn (các ngày "
                                  "trong số liệu: {shown}) hoặc một as_of= muộn hơn.",
        "gap_compare_no_records": "compare_to={date}: không có bản ghi nào vào ngày đó hoặc trước đó (các ngày trong "
                                  "số liệu: {shown}), nên không có kỳ trước để so sánh. Hãy chọn một trong các ngày "
                                  "đó, hoặc thêm tệp số liệu của kỳ trước (nhiều tệp số liệu được đọc cùng nhau; tệp "
                                  "không có cột ngày lấy ngày riêng của nó, mỗi tệp một ngày).",
        # log lines of code given no language (log_said)
        "log_wrote_mb": "đã ghi {path} ({mb} MB)", "log_wrote_file": "đã ghi {path}",
        "log_map_counts": "bản đồ: {n} huyện, {polygons} vùng cho {communes} xã/phường, {villages} thôn/bản",
        "log_map_counts_former": "bản đồ: {n} huyện cũ, {polygons} vùng cho {communes} xã/phường, {villages} thôn/bản",
        "log_map_simplified": "bản đồ: ranh giới được đơn giản hóa để vẽ ở mức {m} m: {before} → {after} đỉnh của "
                              "ranh giới xã",
        "log_map_vertices": "bản đồ: ranh giới xã có {n} đỉnh (> {limit}): sẽ được đơn giản hóa",
        "log_map_dissolved": "bản đồ: {n} huyện không có ranh giới trong lớp huyện; ranh giới được ghép từ các xã",
        "log_map_orphans": "bản đồ: {n} thôn/bản thuộc xã không có trong lớp ranh giới xã; chỉ hiện khi chọn tất cả "
                           "các huyện",
        "log_map_orphans_page": "bản đồ: {n} thôn/bản thuộc xã không có trong lớp ranh giới xã",
        "log_remote_assets": "bản đồ vẫn tải {n} tệp từ mạng: {list}",
        "log_change_map": "thay đổi trên bản đồ: {changes}", "log_change_count": "{tech} {change} {n}",
        "log_change_fixed": "đã có thêm", "log_change_left": "sang trạng thái khác", "log_change_stayed": "vẫn chưa có",
        "log_change_new": "mới chưa có", "log_change_first": "chưa có số liệu kỳ trước",
        "log_change_gone": "lớp thay đổi: {n} đơn vị chỉ có trong số liệu ngày {date}",
        "log_change_other_date": "lớp thay đổi: thay đổi tính đến ngày {date} nhưng bản đồ thể hiện ngày {shown}; "
                                 "trạng thái hiện tại lấy theo bản đồ",
        "log_report_pdf": "báo cáo: PDF {pages} trang, {bytes} byte, trong {s} giây",
        "log_report_maps": "báo cáo: {n} ảnh bản đồ trong {s} giây",
        "log_report_spill": "báo cáo: các bảng đầu tràn sang một trang riêng; phần chi tiết được đặt tiếp vào trang đó",
        "log_report_no_change": "không đơn vị nào có bản ghi trước bản ghi mới nhất đến ngày {date}: báo cáo không có "
                                "phần thay đổi",
        "log_report_files": "đã ghi {n} tệp của báo cáo trong {s} giây",
        "err_report_missing": "báo cáo để in cần {names}, hiện chưa được cài đặt. Hãy cài phần mở rộng report: pip "
                              "install 'dxmap[report]'",
        "err_report_missing_all": "báo cáo để in cần {names}, hiện chưa được cài đặt. Hãy cài phần mở rộng report: "
                                  "pip install 'dxmap[report]'",
        "err_report_broken": "báo cáo để in: {problems}. Hãy cài Pango (Debian/Ubuntu: apt-get install libpango-1.0-0 "
                             "libpangoft2-1.0-0; với Windows và macOS, xem hướng dẫn cài đặt của WeasyPrint).",
        "err_report_library": "{dist} không nạp được một thư viện hệ thống ({reason})",
        "log_crosswalk": "bảng chuyển đổi{when}: {crosswalk} dòng được đặt theo bảng chuyển đổi, {location} theo vị "
                         "trí, {added} dòng được thêm cho các xã cũ không có dòng nào",
        "log_crosswalk_lost": "bảng chuyển đổi{when}: {n} dòng của {communes} xã năm 2024 không có đơn vị 2025-07: "
                              "{list}",
        "log_crosswalk_successor": "bảng chuyển đổi{when}: {n} thôn/bản của {communes} xã năm 2024 chỉ một phần thuộc "
                                   "đơn vị 2025-07 kế tiếp ({list}) không có vị trí: được tính vào đơn vị kế tiếp mà "
                                   "bảng chuyển đổi ghi",
        "log_both_provinces": "tên {unit} trong số liệu ({names}) có ở cả Lào Cai và Yên Bái; được đối chiếu với danh "
                              "mục xã của Lào Cai kèm theo dxmap. Hãy ghi mã huyện hoặc mã xã để phân biệt.",
        "log_no_layer": "{tech}: không có lớp {level}, bỏ qua",
        "log_unit_village": "thôn/bản", "log_unit_commune": "xã", "log_unit_district": "huyện",
        "log_arg_mdy": "{what}={value} chỉ đúng khi đọc tháng trước (mm/dd/yyyy): được đọc là {date}. Để chắc chắn, hãy "
                       "viết theo ISO 'YYYY-MM-DD' hoặc dd/mm/yyyy (ngày trước), ví dụ {again}='{example}'.",
        "log_arg_day_first": "{what}={value} được đọc ngày trước (dd/mm/yyyy): {date}. Nếu ý là {other}, hãy viết "
                             "{again}='{example}'.",
        "err_arg_two_days": "{what}={value} đọc được thành hai ngày: {dmy} ({dmy_day}) nếu ngày trước, {mdy} "
                            "({mdy_day}) nếu tháng trước; ngày tháng trong {files} được viết tháng trước, nên dxmap "
                            "không đoán. Hãy viết ngày muốn dùng theo ISO, {what}='{iso_mdy}' hoặc {what}='{iso_dmy}', "
                            "hoặc dùng date_order='mdy' (cho read_dataset trong Python) để đọc mọi ngày theo tháng "
                            "trước.",
        # errors of code given no language (dxmap.reconcile.districts, dxmap.validate.dates, dxmap.io.boundaries)
        "err_no_district_named": "không có {sought} {query} trong bộ ranh giới. Gần nhất: {close}. Hãy ghi tên (có dấu "
                                 "hoặc không) hoặc {code}; các huyện: {all}.",
        "err_no_province_named": "không có {sought} {query} trong bộ ranh giới. Gần nhất: {close}. Hãy ghi tên (có dấu "
                                 "hoặc không) hoặc {code}; các tỉnh: {all}.",
        "err_code_digits": "mã {n} chữ số", "err_code_its": "mã của đơn vị",
        "err_district_is_province": "{sought} {query} là tên một tỉnh, mà ở đây cần một huyện: hãy ghi huyện (huyện, thị "
                                    "xã, thành phố) theo tên hoặc mã, hoặc bỏ huyện để giữ mọi đơn vị của bộ ranh "
                                    "giới; muốn lấy các đơn vị của một tỉnh thì dùng province={province}.",
        "err_province_is_city": "{sought} {query} là tên một thành phố hoặc huyện ({word}), mà ở đây cần một tỉnh: hãy "
                                "ghi tỉnh theo tên hoặc mã; muốn lấy các đơn vị của thành phố, huyện đó thì dùng "
                                "district={rest}.",
        "err_province_empty": "{sought} {query} để trống: hãy ghi tỉnh theo tên hoặc mã (\"Yên Bái\", \"15\").",
        "log_orphan_villages_placed": "{n} thôn/bản thuộc xã không có trong lớp ranh giới xã ({codes}): được tính vào huyện "
                                      "mà lớp thôn/bản ghi. Hãy dùng lớp ranh giới xã có đủ các xã để bản đồ vẽ được xã "
                                      "của chúng.",
        "log_orphan_villages": "{n} thôn/bản thuộc xã không có trong lớp ranh giới xã ({codes}): không được tính vào huyện "
                               "nào trong các bảng theo huyện. Hãy dùng lớp ranh giới xã có đủ các xã, hoặc ghi huyện "
                               "trong lớp thôn/bản (cột district_code).",
        "err_no_match": "không bản ghi nào trong {n} bản ghi khớp với một đơn vị nên không có ngày nào để tổng hợp.{common} "
                        "Lý do của từng bản ghi: dxmap check --outcomes ket_qua.xlsx. Muốn xem mọi đơn vị là “chưa rõ” "
                        "vào một ngày, hãy ghi ngày đó (as_of='30/6/2024').",
        "err_no_match_reason": " Lý do thường gặp nhất ({n} bản ghi): {reason}.",
        "err_district_empty": "{sought} {query} để trống: hãy ghi huyện theo tên hoặc mã (\"Bát Xát\", \"082\"), hoặc bỏ "
                              "--district để xem cả tỉnh.",
        "err_several_districts": "{sought} {query} khớp với nhiều huyện: {list}. Hãy ghi mã huyện.",
        "err_several_provinces": "{sought} {query} khớp với nhiều tỉnh: {list}. Hãy ghi mã tỉnh.",
        "err_layer_no_districts": "không có {sought} {query}: lớp ranh giới xã không ghi huyện (cột district_code và "
                                  "district_name để trống). Hãy chỉ ra cột ghi huyện bằng {mapping}, hoặc bỏ "
                                  "huyện.",
        "err_layer_no_provinces": "không có {sought} {query}: lớp ranh giới xã không ghi tỉnh (không có cột "
                                  "province_code hay province_name, hoặc các cột đó để trống). Hãy chỉ ra cột ghi tỉnh "
                                  "bằng {mapping}, hoặc bỏ tỉnh.",
        "err_only_in_province": "{inner} Chỉ tìm trong các huyện của {kind} {name} ({code}) (province=).",
        "err_district_elsewhere": "{sought} {query} là {found} ({code}){its}, không thuộc {kind} {name} ({province}) "
                                  "(province=). Hãy ghi một huyện của {name}, hoặc bỏ province= để tìm {found} trong "
                                  "cả bộ ranh giới.",
        "err_its_province": " thuộc {kind} {other}", "err_its_other": " thuộc tỉnh khác",
        "err_districts_abolished": "{inner} Cấp huyện đã bỏ từ ngày 1/7/2025; các đơn vị 2025-07 được nhóm theo huyện "
                                   "mà các xã cũ của chúng thuộc về.",
        # a district asked for with a commune's word ("Phường Lào Cai"): not read as the district of that name
        "err_district_commune_word": "{query} được ghi như tên một xã/phường nên không được hiểu là huyện. {found} "
                                     "Muốn chọn huyện, hãy ghi {district}; muốn chọn xã/phường, hãy ghi "
                                     "commune='{commune}'.",
        "err_cw_names": "Đó là {list}.", "err_cw_none": "Bộ ranh giới không có xã/phường nào mang tên này.",
        "err_cw_layer": "xã/phường {list} trong bộ ranh giới", "err_cw_2025": "xã/phường 2025-07 {list}",
        "err_cw_in": "{code} {name} (huyện: {districts})", "err_cw_in_former": "{code} {name} (huyện cũ: {districts})",
        "err_cw_district_or": "district='{name}' hoặc district='{full}'",
        "err_district_is_commune": "{query} là một xã/phường 2025-07 ({code} {name}; huyện cũ: {districts}), không "
                                   "phải huyện cũ: district= nhận một huyện cũ (huyện đã bỏ từ ngày 1/7/2025), ví dụ "
                                   "district='{district}'; tìm xã/phường đó trên bản đồ.",
        "err_provinces_merged": "{inner} Các tỉnh đã hợp nhất ngày 1/7/2025; các đơn vị 2025-07 được nhóm theo tỉnh mà "
                                "các xã cũ của chúng thuộc về.",
        # commune= and --commune (dxmap.reconcile.districts.resolve_communes)
        "err_commune_empty": "xã/phường {query} để trống: hãy ghi xã/phường theo tên hoặc mã (\"Y Tý\", \"02701\"), "
                             "hoặc bỏ commune= để xem cả huyện hoặc cả tỉnh.",
        "err_several_communes": "xã/phường {query} khớp với nhiều xã/phường: {list}. Hãy ghi mã xã (5 chữ số), hoặc "
                                "chọn huyện bằng district=.",
        "err_no_commune_named": "không có xã/phường {query} trong bộ ranh giới. Gần nhất: {close}. Hãy ghi tên (có "
                                "dấu hoặc không) hoặc mã xã (5 chữ số).",
        "err_commune_elsewhere": "xã/phường {query} là {found}, không thuộc {kind} {name} ({code}) ({option}). Hãy ghi "
                                 "một xã/phường của {name}, hoặc bỏ {option} để tìm trong cả bộ ranh giới.",
        "err_commune_merged": "{query} là xã cũ {old}, từ ngày 1/7/2025 thuộc {into}: đơn vị 2025-07 không còn xã "
                              "đó; hãy ghi đơn vị mới, ví dụ commune='{first}'.",
        "err_commune_merged_code": "{query} là mã của xã cũ {old}, từ ngày 1/7/2025 thuộc {into}: đơn vị 2025-07 "
                                   "không còn xã đó; hãy ghi đơn vị mới, ví dụ commune='{first}'.",
        # reading a boundary file (dxmap.io.boundaries, dxmap._files)
        "err_boundary_not_found": "{path}: không tìm thấy tệp ranh giới. Hãy kiểm tra đường dẫn (tính từ thư mục "
                                  "{cwd}).",
        "err_boundary_format": "{path}: '{suffix}' không phải định dạng ranh giới mà dxmap đọc được. Hãy chuyển sang "
                               "GeoJSON hoặc GeoPackage (ví dụ bằng ogr2ogr), hoặc dùng một trong các định dạng "
                               "{formats} (một bảng điểm: lưu thành CSV có cột kinh độ và vĩ độ).",
        "err_csv_no_position": "{path}: một tệp CSV được đọc thành các điểm theo cột kinh độ và vĩ độ, nhưng không "
                               "tiêu đề nào của tệp ({headers}) chỉ chúng. Hãy đặt tên hai cột là 'lon' và 'lat' (hoặc "
                               "'Kinh độ', 'Vĩ độ', 'longitude', 'latitude', 'x', 'y'), hoặc chuyển tệp: ogr2ogr "
                               "{out} {path} -oo X_POSSIBLE_NAMES={lon} -oo Y_POSSIBLE_NAMES={lat} "
                               "-oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326 (thay tên cột và hệ tọa độ cho đúng tệp).",
        "err_csv_no_point": "{path}: {n} dòng không có kinh độ ({lon}) và vĩ độ ({lat}) đọc được thành số: {rows}. Hãy "
                            "ghi vị trí bằng độ thập phân (-74.5852), hoặc xóa các dòng đó.",
        "err_boundary_no_crs": "{path}: tệp không ghi hệ tọa độ (với shapefile: thiếu tệp .prj). Hãy cho biết đó là hệ "
                               "nào: {wgs84} cho kinh độ/vĩ độ, {vn2000} cho VN-2000 / TM-3 104-45 (Lào Cai, Yên "
                               "Bái), hoặc mã EPSG của phép chiếu khác (UTM: EPSG:326NN ở bắc bán cầu, EPSG:327NN ở "
                               "nam bán cầu, NN là múi).",
        "err_no_layer_named": "{path}: không có lớp tên {layer}. Tệp có các lớp {layers}; hãy chọn một trong số đó, ví "
                              "dụ {option}={first}.",
        "err_no_geometry_at_all": "{path}: không đối tượng nào trong {n} đối tượng của tệp có hình. Hãy xuất lại lớp "
                                  "kèm hình của nó (trong QGIS: Export → Save Features As…, có phần hình).",
        "err_zip_no_shapefile": "{path}: tệp zip chứa {names}, không có shapefile (.shp, .shx, .dbf, .prj) hay tệp bản "
                                "đồ nào khác mà dxmap đọc được.",
        "err_gdal_unreadable": "{path}: GDAL không đọc được tệp ({reason}). Hãy kiểm tra tệp mở được trong QGIS, hoặc "
                               "chuyển sang GeoJSON.",
        "err_gdal_not_vector": "{path}: GDAL không đọc được tệp như một tệp bản đồ vector ({reason}). Hãy kiểm tra tệp "
                               "mở được trong QGIS, hoặc chuyển sang GeoJSON.",
        "err_no_vector_layer": "tệp không có lớp vector nào",
        "err_shapefile_parts": "{path}: shapefile thiếu tệp {missing} đi kèm: hãy để mọi tệp của nó cùng một chỗ (.shp, "
                               ".shx, .dbf, .prj; trong cùng tệp zip nếu là shapefile nén), hoặc xuất lớp ra "
                               "GeoPackage.",
        "err_dbf_not_encoding": "{path}: chữ trong bảng thuộc tính không phải bảng mã {encoding} (byte {byte} trong "
                                "{value}): hãy chọn bảng mã khác bằng --encoding, hoặc --encoding auto",
        "err_shapefile_utf8": "{path}: không đọc được chữ trong tệp theo UTF-8. Shapefile chỉ giữ 10 byte của mỗi tên "
                              "cột, nên tên tiếng Việt như 'Tên huyện' bị cắt giữa một chữ cái: hãy lưu lớp thành "
                              "GeoPackage (.gpkg) hoặc GeoJSON, hoặc đặt tên cột không dấu (MA_XA, TEN_XA). Nếu tệp "
                              ".dbf dùng bảng mã cũ, hãy ghi bảng mã đó bằng encoding=.",
        "err_dbf_page_wrong": "{path}: tệp .cpg ghi bảng mã {page}, nhưng chữ trong bảng thuộc tính không phải {page}: "
                              "đọc được theo bảng mã {encoding}. Hãy ghi {encoding} vào tệp .cpg, hoặc xoá tệp .cpg "
                              "để dxmap tự nhận ra bảng mã.",
        "err_mixed_versions": "lớp ranh giới có nhiều phiên bản {versions}; hãy tách thành mỗi phiên bản một lớp.",
        # records written for other units than the boundary layer's (dxmap.reconcile.versions, dxmap.reconcile.match)
        "err_where_records": "số liệu",
        "err_records_version": "{where}: số liệu được viết theo đơn vị {records_version} nhưng bộ ranh giới là phiên bản "
                               "{layer_version}. Nhiều mã được dùng lại từ ngày 1/7/2025 (ví dụ 02647 là Phường Kim Tân "
                               "năm 2024 và Phường Lào Cai từ 2025-07), nên không đối chiếu trực tiếp được. Hãy đối "
                               "chiếu với ranh giới {records_version} (communes= của read_dataset, hoặc bỏ trống để dùng "
                               "ranh giới kèm theo){moved}",
        "err_records_version_moved": "; với ranh giới đó, units='2025-07' (analyse, build_report) hiển thị số liệu "
                                     "2024 theo các đơn vị 2025-07. reconcile() cũng nhận crosswalk=bundled_crosswalk() "
                                     "(từ dxmap.io.bundled).",
        "err_two_versions": "số liệu được viết theo hai phiên bản đơn vị hành chính: {files}. Để so sánh kỳ 2024 với "
                            "kỳ viết theo đơn vị 2025-07, mỗi bản ghi phải cho biết phiên bản của nó (cột Phiên bản, "
                            "hoặc records_version= cho tệp chỉ theo một phiên bản); hãy ghi phiên bản cho tệp chưa "
                            "ghi.",
        "err_version_dates_straddle": "{file} không ghi phiên bản đơn vị, và ngày của các bản ghi nằm ở cả hai "
                                      "phía ngày 1/7/2025: {rows} {side}, {m} dòng còn lại thì không. Hãy sửa ngày "
                                      "của các dòng đó nếu gõ nhầm, hoặc ghi phiên bản (2024 hoặc 2025-07) vào cột "
                                      "Phiên bản.",
        "ver_before": "có ngày trước ngày đó", "ver_from": "có ngày từ ngày đó",
        "err_version_rows_straddle": "{file} không ghi phiên bản đơn vị, và ngày của các bản ghi nằm ở cả hai phía "
                                     "ngày 1/7/2025: các dòng có ngày trước ngày đó nêu các xã của đơn vị 2024, nhưng "
                                     "{rows} không xếp được vào đợt nào (không có ngày, hoặc nêu xã không thuộc các "
                                     "đơn vị 2025-07). Hãy ghi 2024 hoặc 2025-07 vào cột Phiên bản của các dòng đó (và "
                                     "sửa ngày nếu gõ nhầm).",
        "err_two_versions_rows": "{file}: có dòng theo đơn vị 2024 và dòng theo đơn vị 2025-07, nhưng {rows} không ghi "
                                 "phiên bản nào. Hãy ghi 2024 hoặc 2025-07 vào cột Phiên bản của các dòng đó.",
        "err_two_versions_villages": "số liệu được viết theo hai phiên bản đơn vị hành chính: {files}; một lớp "
                                     "thôn/bản chỉ thuộc một phiên bản. Hãy bỏ villages= để dùng danh sách thôn/bản "
                                     "từ số liệu của mỗi kỳ, hoặc chạy riêng từng phiên bản.",
        "err_two_versions_layer": "số liệu được viết theo hai phiên bản đơn vị hành chính: {files}, nhưng không rõ lớp "
                                  "ranh giới xã đã cho thuộc phiên bản nào (chỉ dùng cho số liệu cùng phiên bản). Hãy "
                                  "ghi communes_version='2024' hoặc '2025-07', hoặc bỏ communes= để dùng ranh giới kèm "
                                  "theo.",
        "gap_two_versions_picture": "số liệu được viết theo hai phiên bản đơn vị hành chính: {files}. Số liệu của hai "
                                    "phiên bản chỉ dùng để so sánh: kỳ 2024 là kỳ trước, kỳ viết theo đơn vị 2025-07 "
                                    "là kỳ này (compare(data, compare_to=...)). Để xem một kỳ, hãy chỉ đọc các tệp "
                                    "của một phiên bản.",
        "gap_versions_units": "units={units}: số liệu 2024 và số liệu viết theo đơn vị 2025-07 được so sánh theo đơn "
                              "vị 2025-07; hãy bỏ units= hoặc dùng units='2025-07'.",
        "gap_versions_interleave": "số liệu 2024 có đến ngày {last}, còn số liệu viết theo đơn vị 2025-07 bắt đầu từ "
                                   "ngày {first}: kỳ trước là số liệu 2024 và kỳ này là số liệu 2025-07, nên ngày của "
                                   "hai kỳ không được xen nhau. Hãy sửa ngày hoặc phiên bản của các dòng đó.",
        "gap_versions_compare_late": "compare_to={date}: kỳ trước là số liệu 2024 (đến ngày {last}), nên phải trước "
                                     "ngày đầu tiên của số liệu viết theo đơn vị 2025-07 ({first}).",
        "log_two_versions": "số liệu theo hai phiên bản đơn vị: {files}; {old} bản ghi theo đơn vị 2024, {new} bản ghi "
                            "theo đơn vị 2025-07, mỗi phần đối chiếu với ranh giới của nó, để so sánh theo đơn vị "
                            "2025-07",
        "log_villages_across": "ghép thôn/bản giữa số liệu 2024 và 2025-07: {n} khớp ({former} theo xã cũ và tên, "
                               "{named} theo tên); {earlier} chỉ có ở kỳ 2024, {later} chỉ có ở kỳ 2025-07",
        "err_crosswalk_version": "{where}: số liệu theo phiên bản {versions} và bộ ranh giới phiên bản {layer_version}, "
                                 "nhưng bảng chuyển đổi đi từ {source} sang {target}. Hãy dùng ranh giới đúng phiên bản "
                                 "của số liệu.",
        "err_crosswalk_versions": "{where}: số liệu theo các phiên bản {versions} và bộ ranh giới phiên bản "
                                  "{layer_version}, nhưng bảng chuyển đổi đi từ {source} sang {target}. Hãy dùng ranh "
                                  "giới đúng phiên bản của số liệu.",
        # a boundary layer's columns (dxmap.io.boundaries: as_communes, as_districts, as_villages); {where} names it
        "lyr_communes": "lớp ranh giới xã", "lyr_districts": "lớp ranh giới huyện", "lyr_villages": "lớp thôn/bản",
        "lyr_columns": "{where}: {problems}.",
        "lyr_no_field": "{function}(..., columns=) nêu {names}, không phải trường dxmap đọc; các trường là {fields}",
        "lyr_absent_column": "cột {column} nêu ở {function}(..., columns=) không có trong lớp; lớp có các cột {headers}",
        "lyr_codes_twice": "{where}: mã xã bị trùng (hai đối tượng cùng một mã): {codes}. Mỗi xã chỉ được có một đối "
                           "tượng (hãy gộp chúng lại trước).",
        "lyr_codes_twice_villages": "{where}: mã xã bị trùng: {codes}, và lớp có cột mã thôn/bản {column}: đây là lớp "
                                    "thôn/bản? Hãy cho nó làm lớp thôn/bản (--villages khi chạy lệnh, dxmap.as_villages trong Python).",
        "lyr_ids_twice": "{where}: mã thôn/bản bị trùng: {ids}. Hãy cho mỗi thôn/bản một mã riêng.",
        # a village table edited after as_villages (dxmap.reconcile.match: reconcile's villages=)
        "lyr_villages_table": "{where}: {problems}.",
        "lyr_village_ids_again": "{n} mã thôn/bản xuất hiện nhiều lần: {ids}; bản ghi có mã đó có thể khớp với bất kỳ "
                                 "thôn/bản nào trong số đó. Hãy cho mỗi thôn/bản một mã riêng (dxmap.as_villages(layer) "
                                 "cũng từ chối lớp như vậy)",
        "lyr_villages_no_geometry": "{n} thôn/bản không có hình (trống hoặc rỗng): {where}; không vẽ hay đo được trạng "
                                    "thái của chúng. Hãy cho chúng một điểm hoặc một vùng, hoặc bỏ chúng đi{drop}",
        "lyr_drop_rows": " (xóa {n} dòng đó trong tệp)",
        "lyr_village_index": "chỉ số {i} ({id})",
        "lyr_not_polygons": "{where}: lớp chỉ có {kinds}, không có ranh giới (vùng) của các xã: đây có phải lớp thôn/bản "
                            "không? Hãy cho nó làm lớp thôn/bản (--villages khi chạy lệnh, dxmap.as_villages trong Python).",
        "lyr_some_not_polygons": "{where}: {n} đối tượng không phải vùng ({kinds}; {rows}): vẫn giữ nhưng không vẽ được",
        "lyr_code_guess": "{where}: không có cột mã; cột {column} được dùng làm mã nhưng chỉ đánh số các dòng ({values} …), "
                          "không phải mã của Tổng cục Thống kê: bản ghi có mã đúng sẽ bị báo là mâu thuẫn. Hãy chỉ ra cột mã "
                          "bằng {function}(..., columns={mapping}), hoặc xóa mã trong bản ghi để khớp theo tên",
        "lyr_villages_far": "{where}: {n} thôn/bản nằm xa ngoài xã của mình (cách khung bao của xã hơn khoảng 1 km): "
                            "{villages}. Hãy kiểm tra vị trí và mã xã của chúng (lớp ghi sai hệ tọa độ sẽ lệch hàng km)",
        "lyr_no_column": "{where}: không có cột cho {missing}; {have}. Hãy chỉ ra cột bằng {function}(..., "
                         "columns={mapping}).{hints}",
        "lyr_no_columns": "{where}: không có cột cho {missing}; {have}. Hãy chỉ ra các cột bằng {function}(..., "
                          "columns={mapping}).{hints}",
        "lyr_has_columns": "lớp có các cột {headers}", "lyr_no_attributes": "lớp không có cột thuộc tính nào",
        "lyr_no_features": "{where}: lớp không có đối tượng nào (tệp rỗng?); hãy chọn tệp hoặc lớp có các đơn vị",
        "lyr_hint_other_layers": " Tệp còn có các lớp khác ({others}): {kind} có phải là một lớp trong số đó không? "
                                 "Hãy chọn lớp đó bằng {option}={first}.",
        "lyr_hint_district_columns": " Các cột của lớp này ghi huyện: đây có phải lớp ranh giới huyện không? Hãy chọn "
                                     "tệp này bằng districts=, và lớp ranh giới xã bằng communes=.",
        "lyr_hint_commune_layer": " Các đối tượng là vùng có mã 5 chữ số, như các xã: đây có phải lớp ranh giới xã "
                                  "không? Hãy chọn tệp này bằng communes=, và lớp thôn/bản bằng villages=.",
        "lyr_no_crs": "{where}: lớp không có hệ tọa độ, và dxmap không đoán hệ tọa độ. Hãy đặt hệ tọa độ: "
                      "layer.set_crs('EPSG:4326') cho kinh độ/vĩ độ, layer.set_crs('EPSG:9208') cho VN-2000 / TM-3 "
                      "104-45 (Lào Cai, Yên Bái); read_boundaries(path, crs=...) khi đọc một tệp.",
        # a district layer given as the commune layer, or the other way round (dxmap.io.boundaries, dxmap.reconcile.match)
        "lyr_of_its_all": "cả {whole}", "lyr_of_its": "{part} trong {whole}",
        "lyr_level_district": "huyện", "lyr_level_commune": "xã",
        "lyr_worded_as": "{part} tên bắt đầu bằng từ chỉ đơn vị cấp {level} ({spelt}: {names})",
        "lyr_is_district_layer": "{where}: đây có vẻ là lớp ranh giới huyện, không phải lớp ranh giới xã: {why}. Hãy "
                                 "chọn tệp này bằng districts= và lớp ranh giới xã bằng communes=.",
        "lyr_records_districts": "{part} tên là tên huyện trong số liệu ({names})",
        "lyr_records_district_codes": "{part} mã là mã huyện trong số liệu ({codes})",
        "lyr_no_commune_code": "và không mã nào trong {n} mã xã của số liệu có trong lớp này",
        "lyr_few_commune_codes": "và chỉ {hits} trong {n} mã xã của số liệu có trong lớp này",
        "lyr_is_commune_layer": "{where}: đây có vẻ là lớp ranh giới xã, không phải lớp ranh giới huyện: {why}{short}"
                                "{fix}",
        "lyr_commune_codes": "{part} mã là mã xã của lớp ranh giới xã ({codes})",
        "lyr_commune_digits": "cả {n} đối tượng có mã {digits} chữ số ({codes}), không phải mã huyện của các xã trong "
                              "lớp ranh giới xã, cũng không ngắn hơn mã xã",
        "lyr_more_than_communes": "lớp này có nhiều đối tượng ({n}) hơn lớp ranh giới xã ({communes})",
        "lyr_commune_names": "{part} tên là tên xã của lớp ranh giới xã ({names}), không phải tên huyện",
        "lyr_short_codes": "; và lớp ranh giới xã{other} có {n} đối tượng mã {digits} chữ số ({codes}), ngắn hơn, như "
                           "mã huyện",
        "lyr_fix_same": ". Cùng một tệp được chọn cho cả hai lớp: hãy chọn lớp ranh giới huyện bằng districts=, hoặc "
                        "bỏ lớp đó đi.",
        "lyr_fix_swapped": ". Hai tệp bị đổi chỗ cho nhau: hãy chọn communes={source} và districts={other}.",
        "lyr_fix_give": ". Hãy chọn lớp ranh giới xã bằng communes= và lớp ranh giới huyện bằng districts=.",
        # dxmap.pipeline.read_dataset
        "err_versions_count": "records_version: {n} phiên bản cho {files} tệp số liệu; hãy ghi một phiên bản cho mọi "
                              "tệp, hoặc một danh sách mỗi tệp một phiên bản, theo thứ tự của records.",
        "err_communes_version": "communes_version={given}: không phải phiên bản ranh giới; hãy ghi một trong {versions}.",
        "err_records_version_value": "records_version={given}: không phải phiên bản đơn vị; hãy ghi một trong "
                                     "{versions}.",
        "err_version_values": "{where}: cột Phiên bản ghi {values}: không phải phiên bản đơn vị. Hãy ghi một trong "
                              "{versions} (2024: các đơn vị trước ngày 1/7/2025, có huyện; 2025-07: các đơn vị từ "
                              "ngày 1/7/2025), hoặc để trống; chỉ ghi năm 2025 hay “mới” thì không rõ là đơn vị nào, "
                              "vì ngày 1/1/2025 cũng có xã được sáp nhập.",
        "err_map_units_2024": "bức tranh này đã được chuyển sang các đơn vị 2025-07 (có cột old_commune_code), mà lớp "
                              "xã là các xã 2024: mã xã được dùng lại từ 1/7/2025, nên mỗi dòng sẽ tô lên đa giác của "
                              "một xã khác. Hãy vẽ với các xã của chính bức tranh: gap_map(a.status, a.communes, ...) "
                              "với a = analyse(data, units='2025-07').",
        "err_map_units_2025": "bức tranh này là của các xã 2024, mà lớp xã là các đơn vị 2025-07: mã xã được dùng lại "
                              "từ 1/7/2025, nên mỗi dòng sẽ tô lên đa giác của một xã khác. Hãy chuyển bức tranh sang "
                              "các đơn vị 2025-07 (a = analyse(data, units='2025-07'); "
                              "gap_map(a.status, a.communes, ...)) hoặc vẽ với các xã 2024 (data.communes).",
        "err_communes_version_other": "{path}: lớp ranh giới xã ghi phiên bản {own} (cột boundary_version), mà "
                                      "communes_version={given}. Hãy bỏ communes_version=, hoặc dùng tệp của các đơn "
                                      "vị {given}.",
        "err_version_no_file": "communes_version= cho biết tệp communes= chứa các đơn vị nào, nhưng chưa có communes=: "
                               "lớp ranh giới kèm theo đã ghi phiên bản của nó. Hãy ghi tệp bằng communes=, hoặc bỏ "
                               "communes_version=.",
        "err_layer_no_file": "{option}= chọn một lớp trong tệp {what}, nhưng chưa có {layer}=: hãy ghi tệp bằng {layer}=, "
                             "hoặc bỏ {option}=.",
        "err_columns_no_layer": "{option}= đặt tên cột của lớp {what}, nhưng chưa có {layer}=: hãy ghi tệp của lớp "
                                "bằng {layer}=, hoặc bỏ {option}=.",
        "err_only_header": "{files}: không có bản ghi nào, chỉ có dòng tên cột. Hãy điền các dòng số liệu, hoặc chọn "
                           "tệp có số liệu.",
        "err_records_twice": "tệp số liệu {path} được chọn hai lần{also}: mỗi bản ghi sẽ trùng với chính nó. Hãy chọn "
                             "mỗi tệp số liệu một lần (nhiều tệp được đọc cùng nhau).",
        "err_twice_also": " (lần nữa là {path})",
        "err_what_district": "huyện", "err_what_former_district": "huyện cũ", "err_what_province": "tỉnh",
        "err_what_former_province": "tỉnh cũ",
    },
    "en": {
        "cli_simplify": "{value}: give auto, on, off or a tolerance in metres (e.g. 100)",
        "cli_choice": "{value} is not one of {choices}.",
        "cli_invalid_value": "Invalid value for {option}: {message}",
        "cli_no_such_option": "No such option: {option}.", "cli_did_you_mean": " Did you mean {options}?",
        "cli_needs_value": "{option} needs a value, e.g. {option} VALUE.",
        "cli_takes_no_value": "{option} takes no value; give {option} alone.",
        "cli_missing": "Missing option {option}.",
        "cli_no_such_command": "No such command {command}; the commands are {commands}.",
        "cli_option_of_command": " {option} is an option of a command, written after it: {command} {option} …",
        "cli_extra": "unexpected {args}: every value comes after its option.",
        "cli_extra_files": " A file's name comes after {options}, e.g. {example}.",
        "cli_extra_options": " A file's or folder's name comes after its option: {options}.",
        "cli_empty_path": "an empty name; give a file's or folder's name.",
        "cli_path_is_file": "{path} is a file, not a folder; give a folder's name.",
        "cli_path_is_folder": "{path} is a folder, not a file; give a file's name.",
        "cli_extra_after_flag": "unexpected {args}: {option} takes no value; give {option} alone.",
        "cli_missing_command": "Missing command; the commands are {commands}.",
        "cli_crs_kind": "{value}: {kind} is no kind of file; did you mean {near}? (communes, districts or villages)",
        "cli_crs_once": "given twice ({values}): give one CRS for every file, or one for each kind of file (e.g. --crs "
                        "communes=EPSG:9208).",
        "cli_pair": "{item}: write {form}, e.g. {example}",
        "cli_pair_twice": "{item}: {name} is already given as {value}; give each {name} once",
        "cli_one_file": "two files given ({values}): a run reads one {option} file; merge them into one first (e.g. "
                        "ogr2ogr -append {example} second_file), or run once for each",
        "cli_once": "given twice ({values}): give one {what} (a run shows one; for several, run once for each), or "
                    "leave {option} out to see them all",
        "cli_folder_named_file": "{option} {out}: this command writes a folder of files ({files}), not one file; "
                                 "give a folder name, e.g. {option} {example}.",
        "cli_folder_over_input": "{option} {out} would write {name} over the file given with {input} ({path}). Choose "
                                 "another folder.",
        "cli_suffix": "{option} {out}: {what} is written as {suffixes}; give a name ending in {suffix}, e.g. {option} "
                      "{example}{hint}.",
        "cli_suffix_sheet": "; for a spreadsheet, --format csv --out {name}", "cli_or": " or ",
        "cli_what_map": "the map", "cli_what_table": "the table", "cli_what_csv": "the CSV", "cli_what_json": "the JSON",
        "cli_what_outcomes": "the list of outcomes",
        "cli_wrote": "wrote {files}",
        "cli_errno_ENOENT": "No such file or directory", "cli_errno_EACCES": "Permission denied",
        "cli_errno_EPERM": "Operation not permitted", "cli_errno_EROFS": "Read-only file system",
        "cli_errno_ENOSPC": "No space left on device", "cli_errno_EDQUOT": "Disk quota exceeded",
        "cli_errno_EFBIG": "File too large", "cli_errno_ENOTDIR": "Not a directory", "cli_errno_EEXIST": "File exists",
        "cli_errno_EISDIR": "Is a directory", "cli_errno_ENAMETOOLONG": "File name too long",
        "cli_demo_written": "demo written to {out} in {s} s",
        "cli_report_written": "report written to {out} in {s} s",
        "gap_unmatched": "{bad} of {total} {total|record|records} did not match ({counts}): {list}.{cluster} Fix them "
                         "(write_outcomes() lists "
                         "every record with its reason), or pass strict=False (CLI: --allow-unmatched) to use the "
                         "matched records only.",
        "gap_unmatched_row": "{file} row {row}: {outcome}, {reason}",
        "gap_more_same": " (and {n} more {n|record|records} for the same reason)",
        "gap_sapa_cluster": " Commune codes {codes} are Sa Pa communes with no polygon of their own (they share one, "
                            "see docs/boundaries.md): a commune layer without them, such as "
                            "laocai_communes_2024_derived.geojson read on its own, cannot match their records. Use "
                            "dxmap's bundled communes, which have them: communes=dxmap.bundled_communes() (CLI: leave "
                            "--communes out), or give a commune layer that has these codes.",
        "gap_skipped": "skipped {n} {n|record|records} not counted: {counts}",
        "ds_stale_outcomes": "{n} {n|record differs|records differ} from {n|its|their} outcomes (technology, status or "
                             "date: {rows}): the records were changed after they were reconciled, and the figures "
                             "still follow the old outcomes. Reconcile them again: dataclasses.replace(data, "
                             "outcomes=None)",
        "gap_outcomes_version": "the records were reconciled against the communes of {theirs}, and the layer given "
                                "holds the units of {layer}: codes were reused on 1 July 2025, so one commune's status would be "
                                "counted for another. {fix}",
        "gap_outcomes_version_moved": "Pass the layer they were reconciled against (data.communes), or move the "
                                      "picture into the 2025-07 units: analyse(data, units='2025-07').",
        "gap_outcomes_version_again": "Pass the layer they were reconciled against (data.communes), or reconcile the "
                                      "records against this one (reconcile(records, communes)).",
        "gap_not_in_layer": "the matched records of {n} {n|unit|units} not in the layers given ({units}) are left "
                            "out, and the others are counted by their codes alone: pass the boundaries the records were reconciled against, or reconcile "
                            "them against these (a layer cut to one district: pass that district's records only)",
        "gap_left_out": "{n} {n|record|records} not counted {n|was|were} left out ({counts}; see dxmap check)",
        "gap_units_not_version": "units={units} is not a boundary version; give one of {versions}.",
        "gap_units_2024": "units='2024': the boundary layer is version 2025-07, and the crosswalk only leads from 2024 "
                          "to 2025-07. Reconcile the records with 2024 boundaries instead.",
        "gap_before_first": "as_of={date} is before the earliest record ({first}; the newest is {last}): every unit "
                            "would be unknown then, and no gap would be found. Give a date from {first} on.",
        "gap_after_today": "as_of={date} is after today ({today}): a picture cannot show a day still to come, and its "
                           "title would say the data reach it. A mistyped year? Give a date up to today{newest}.",
        "gap_newest": " (the newest record is {date})",
        "gap_crosswalked": "the former communes' picture of {date} shown in the 2025-07 units: {n} "
                           "{n|commune|communes} (from {former} former {former|commune|communes}), districts are "
                           "former districts (huyện cũ)",
        "gap_former_district": "{place} ({code}), matched among the former districts of the "
                               "2025-07 units: {n} 2025-07 communes lie wholly or partly in it",
        "gap_split_no_former": "{n} {n|village|villages} of a commune that lies in two or more former districts "
                               "({communes}) {n|names|name} no valid former commune, Xã cũ ({villages}), so "
                               "{n|it counts|they count} in each former district of {n|its|their} commune (here "
                               "filed under former district {district}); fill in Xã cũ to count each in one",
        "gap_several_no_former": "{n} {n|village|villages} of a commune that lies in two or more former districts "
                                 "({communes}) {n|names|name} no valid former commune, Xã cũ ({villages}), so "
                                 "{n|it counts|they count} in each former district of {n|its|their} commune: the "
                                 "rows by former district may add up to more than the total; fill in Xã cũ to count "
                                 "each in one",
        "gap_district": "{place} ({code}) at {date}: {n} {n|unit|units}",
        "gap_communes": "{place} ({codes}) at {date}: {n} {n|unit|units}",
        "gap_district_later": "the records of {place} ({code}) begin on {date}, after the picture's date: every unit "
                              "there is unknown at that date",
        "gap_district_no_records": "no matched record of the files is of {place} ({code}): every unit there is "
                                   "unknown; check the district or the records files",
        "gap_changed_nodata": "{tech}: no data at {date} (all {n} {n|unit|units} unknown)",
        "gap_changed_none_then": "{tech}: {n} gaps at {date}; no unit had a record at {before}",
        "gap_changed": "{tech}: {n} gaps at {date}, {then} at {before} (fixed {fixed}, new {new})",
        "gap_changed_first": "{tech}: {n} gaps at {date}, {then} at {before} (fixed {fixed}, new {new}, no earlier "
                             "data {first})",
        "gap_no_earlier": "no unit has a record before its newest one up to {date} (dates in the records: {shown}), so "
                          "there is no earlier picture to compare with. Add an earlier status file (several records "
                          "files are read together) or give compare_to='2024-03-31'.",
        "gap_compare_not_before": "compare_to={date} is not before the picture's date {now}. Give an earlier date "
                                  "(snapshots in the records: {shown}) or a later as_of=.",
        "gap_compare_no_records": "compare_to={date}: no record is dated on or before it (snapshots in the records: "
                                  "{shown}), so there is no earlier picture to compare with. Give one of those dates, "
                                  "or add the earlier round's file (several records files are read together; a file "
                                  "without a date column takes its own date, one per file).",
        "log_wrote_mb": "wrote {path} ({mb} MB)", "log_wrote_file": "wrote {path}",
        "log_map_counts": "map: {n} {n|district|districts}, {polygons} polygons for {communes} "
                          "{communes|commune|communes}, {villages} {villages|village|villages}",
        "log_map_counts_former": "map: {n} former {n|district|districts}, {polygons} polygons for {communes} "
                                 "{communes|commune|communes}, {villages} {villages|village|villages}",
        "log_map_simplified": "map: outlines simplified for drawing at {m} m: {before} → {after} commune vertices",
        "log_map_vertices": "map: {n} vertices in the commune outlines (> {limit}): to be simplified",
        "log_map_dissolved": "map: {n} {n|district|districts} without an outline in the district layer; dissolved from "
                             "communes",
        "log_map_orphans": "map: {n} {n|village|villages} whose commune is not in the commune layer; shown under all "
                           "districts only",
        "log_map_orphans_page": "map: {n} {n|village|villages} whose commune is not in the commune layer",
        "log_remote_assets": "the map still loads {n} {n|asset|assets} from the network: {list}",
        "log_change_map": "change on the map: {changes}", "log_change_count": "{tech} {change} {n}",
        "log_change_fixed": "fixed", "log_change_left": "left", "log_change_stayed": "stayed", "log_change_new": "new",
        "log_change_first": "no earlier data",
        "log_change_gone": "change layer: {n} {n|unit|units} present only at {date}",
        "log_change_other_date": "change layer: the change is to {date} but the map shows {shown}; its current "
                                 "statuses are the map's",
        "log_report_pdf": "report: PDF of {pages} pages, {bytes} bytes in {s} s",
        "log_report_maps": "report: {n} map images in {s} s",
        "log_report_spill": "report: the first tables spill onto a page of their own; the details fill it",
        "log_report_no_change": "no unit has a record before its newest one up to {date}: the report shows no change",
        "log_report_files": "wrote the report's {n} {n|file|files} in {s} s",
        "err_report_missing": "the printable report needs {names}, which is not installed. Install the report extra: "
                              "pip install 'dxmap[report]'",
        "err_report_missing_all": "the printable report needs {names}, which are not installed. Install the report "
                                  "extra: pip install 'dxmap[report]'",
        "err_report_broken": "the printable report: {problems}. Install Pango (Debian/Ubuntu: apt-get install "
                             "libpango-1.0-0 libpangoft2-1.0-0; see WeasyPrint's installation notes for Windows and "
                             "macOS).",
        "err_report_library": "{dist} cannot load a system library ({reason})",
        "log_crosswalk": "crosswalk{when}: {crosswalk} {crosswalk|row|rows} placed by the crosswalk, {location} by location, {added} "
                         "added for former communes without a row",
        "log_crosswalk_lost": "crosswalk{when}: {n} {n|row|rows} from {communes} 2024 {communes|commune|communes} {n|has|have} "
                              "no 2025-07 unit: {list}",
        "log_crosswalk_successor": "crosswalk{when}: {n} {n|village|villages} of {communes} 2024 "
                                   "{communes|commune|communes} that went only partly into {communes|its|their} 2025-07 "
                                   "successor ({list}) {n|has|have} no position: counted in the one successor the "
                                   "crosswalk names",
        "log_both_provinces": "the records' {unit} names ({names}) are names of both Lào Cai and Yên Bái; they are read "
                              "against the bundled Lào Cai communes. Give their district or commune codes to tell them "
                              "apart.",
        "log_no_layer": "{tech}: no {level} layer, skipped",
        "log_unit_village": "village", "log_unit_commune": "commune", "log_unit_district": "district",
        "log_arg_mdy": "{what}={value} only makes sense month first (mm/dd/yyyy): read as {date}. Write it as ISO "
                       "'YYYY-MM-DD' or dd/mm/yyyy (day first) to be sure, e.g. {again}='{example}'.",
        "log_arg_day_first": "{what}={value} read day first (dd/mm/yyyy): {date}. If you meant {other}, write "
                             "{again}='{example}'.",
        "err_arg_two_days": "{what}={value} reads as two days: {dmy} ({dmy_day}) day first, {mdy} ({mdy_day}) month "
                            "first, and the dates of {files} are written month first, so dxmap does not guess. Write "
                            "the day you mean as ISO, {what}='{iso_mdy}' or {what}='{iso_dmy}', or pass "
                            "date_order='mdy' (to read_dataset in Python) to read every date month first.",
        "err_no_district_named": "no {sought} {query} in the boundary set. Closest: {close}. Give a name (diacritics "
                                 "optional) or {code}; all districts: {all}.",
        "err_code_digits": "a {n}-digit code", "err_code_its": "its code",
        "err_province_is_city": "{sought} {query} names a city or district ({word}), and a province is asked for: give "
                                "the province (tỉnh) by name or code, or for the units of that city or district pass "
                                "district={rest}.",
        "err_province_empty": "{sought} {query} is empty: give a province by name or code (\"Yên Bái\", \"15\").",
        "log_orphan_villages_placed": "{n} {n|village is|villages are} in a commune the commune layer does not have "
                                      "({codes}): counted in the district the village layer gives. Give a commune layer "
                                      "with every commune to draw their communes.",
        "log_orphan_villages": "{n} {n|village is|villages are} in a commune the commune layer does not have ({codes}): "
                               "counted in no district of the per-district tables. Give a commune layer with every "
                               "commune, or the villages' district in the village layer (district_code).",
        "err_no_match": "none of the {n} {n|record|records} matched a unit, so there is no date to summarise.{common} "
                        "Each record's reason says why it did not match: write_outcomes() lists them. To see every "
                        "unit as unknown at a date, give that date (as_of='2024-06-30').",
        "err_no_match_reason": " The commonest reason ({n} {n|record|records}): {reason}.",
        "err_district_empty": "{sought} {query} is empty: give a district by name or code (\"Bát Xát\", \"082\"), or "
                              "leave the district out for the whole province.",
        "err_no_province_named": "no {sought} {query} in the boundary set. Closest: {close}. Give a name (diacritics "
                                 "optional) or {code}; all provinces: {all}.",
        "err_district_is_province": "{sought} {query} names a province (tỉnh), and a district is asked for: give a "
                                    "district (huyện, thị xã, thành phố) by name or code, or leave the district out to "
                                    "keep every unit of the boundary set; for the units of a province, pass "
                                    "province={province} instead.",
        "err_several_districts": "{sought} {query} fits several districts: {list}. Give its code.",
        "err_several_provinces": "{sought} {query} fits several provinces: {list}. Give its code.",
        "err_layer_no_districts": "no {sought} {query}: the commune layer names no district (its district_code and "
                                  "district_name are empty). Name the columns that hold them with {mapping}, or "
                                  "leave the district out.",
        "err_layer_no_provinces": "no {sought} {query}: the commune layer names no province (it has no province_code or "
                                  "province_name column, or they are empty). Name the column that holds them with "
                                  "{mapping}, or leave the province out.",
        "err_only_in_province": "{inner} Only the districts of {kind} {name} ({code}), which province= names, are "
                                "looked in.",
        "err_district_elsewhere": "{sought} {query} is {found} ({code}){its}, not of {kind} {name} ({province}), which "
                                  "province= names. Give a district of {name}, or leave province= out to find {found} "
                                  "in the whole boundary set.",
        "err_its_province": " of {kind} {other}", "err_its_other": " of another province",
        "err_districts_abolished": "{inner} Districts were abolished on 2025-07-01; the 2025-07 units are grouped by "
                                   "the district their old communes belonged to.",
        "err_district_commune_word": "{query} is written as a commune or ward, so it is not read as a district. "
                                     "{found} For the district, give {district}; for the commune, "
                                     "commune='{commune}'.",
        "err_cw_names": "It names {list}.", "err_cw_none": "No commune of the boundary set has that name.",
        "err_cw_layer": "the commune {list} of the boundary set", "err_cw_2025": "the 2025-07 commune {list}",
        "err_cw_in": "{code} {name} (district: {districts})",
        "err_cw_in_former": "{code} {name} (former district: {districts})",
        "err_cw_district_or": "district='{name}' or district='{full}'",
        "err_district_is_commune": "{query} is a 2025-07 commune ({code} {name}; former district: {districts}), "
                                   "not a former district: district= takes a former district (districts were abolished "
                                   "on 2025-07-01), e.g. district='{district}'; find the commune on the map.",
        "err_provinces_merged": "{inner} Provinces were merged on 2025-07-01; the 2025-07 units are grouped by the "
                                "province their old communes belonged to.",
        "err_commune_empty": "commune {query} is empty: give a commune by name or code (\"Y Tý\", \"02701\"), or "
                             "leave commune= out for the whole district or province.",
        "err_several_communes": "commune {query} fits several communes: {list}. Give its 5-digit code, or the "
                                "district with district=.",
        "err_no_commune_named": "no commune {query} in the boundary set. Closest: {close}. Give a name (diacritics "
                                "optional) or its 5-digit code.",
        "err_commune_elsewhere": "commune {query} is {found}, not of {kind} {name} ({code}), which {option} names. "
                                 "Give a commune of {name}, or leave {option} out to look in the whole boundary set.",
        "err_commune_merged": "{query} is the former commune {old}, part of {into} since 2025-07-01: the 2025-07 "
                              "units have it no more; give the new unit, e.g. commune='{first}'.",
        "err_commune_merged_code": "{query} is the code of the former commune {old}, part of {into} since "
                                   "2025-07-01: the 2025-07 units have it no more; give the new unit, e.g. "
                                   "commune='{first}'.",
        "err_boundary_not_found": "{path}: boundary file not found. Check the path (it is relative to {cwd}).",
        "err_boundary_format": "{path}: '{suffix}' is not a boundary format dxmap reads. Convert it to GeoJSON or "
                               "GeoPackage (e.g. with ogr2ogr), or use one of {formats} (a table of points: save it as "
                               "CSV with longitude and latitude columns).",
        "err_csv_no_position": "{path}: a CSV is read as points from its longitude and latitude columns, and none of "
                               "its headers ({headers}) names them. Name the two columns 'lon' and 'lat' (or "
                               "'longitude', 'latitude', 'x', 'y', 'Kinh độ', 'Vĩ độ'), or convert the file: ogr2ogr "
                               "{out} {path} -oo X_POSSIBLE_NAMES={lon} -oo Y_POSSIBLE_NAMES={lat} "
                               "-oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326 (with the file's own headers and CRS).",
        "err_csv_no_point": "{path}: {n} {n|row has|rows have} no longitude ({lon}) and latitude ({lat}) that read as "
                            "numbers: {rows}. Write the position in decimal degrees (-74.5852), or delete "
                            "{n|the row|those rows}.",
        "err_boundary_no_crs": "{path}: the file has no coordinate reference system (for a shapefile: no .prj). Say "
                               "which one it is: {wgs84} for longitude/latitude, {vn2000} for VN-2000 / TM-3 104-45 "
                               "(Lào Cai, Yên Bái), or the EPSG code of another projection (UTM: EPSG:326NN north of "
                               "the equator, EPSG:327NN south, NN the zone).",
        "err_no_layer_named": "{path}: no layer named {layer}. The file has layers {layers}; pass one of them, e.g. "
                              "{option}={first}.",
        "err_no_geometry_at_all": "{path}: none of its {n} features has a geometry. Export the layer again with its "
                                  "shapes (in QGIS: Export → Save Features As…, geometry included).",
        "err_zip_no_shapefile": "{path}: the zip holds {names}, no shapefile (.shp, .shx, .dbf, .prj) or other vector "
                                "file dxmap can read.",
        "err_gdal_unreadable": "{path}: GDAL could not read it ({reason}). Check the file opens in QGIS, or convert it "
                               "to GeoJSON.",
        "err_gdal_not_vector": "{path}: GDAL could not read it as a vector file ({reason}). Check the file opens in "
                               "QGIS, or convert it to GeoJSON.",
        "err_no_vector_layer": "it has no vector layer",
        "err_shapefile_parts": "{path}: the shapefile comes without its {missing}: keep all of its files together (.shp, "
                               ".shx, .dbf, .prj; in the zip for a zipped one), or export the layer as a GeoPackage.",
        "err_dbf_not_encoding": "{path}: the attribute text is not {encoding} (byte {byte} in {value}): give another "
                                "encoding=, or encoding='auto'",
        "err_shapefile_utf8": "{path}: its text cannot be read as UTF-8. A Shapefile keeps 10 bytes of each column "
                              "name, which cuts Vietnamese names such as 'Tên huyện' inside a letter: save the layer as "
                              "a GeoPackage (.gpkg) or GeoJSON, or name its columns without diacritics (MA_XA, TEN_XA). "
                              "If its .dbf is in a legacy encoding, give it with encoding=.",
        "err_dbf_page_wrong": "{path}: its .cpg file says {page}, but its attribute text is not {page}: it reads as "
                              "{encoding}. Write {encoding} in the .cpg file, or delete that file for dxmap to tell "
                              "the encoding from the text.",
        "err_mixed_versions": "the boundary layer mixes versions {versions}; split it into one layer per version.",
        "err_where_records": "records",
        "err_records_version": "{where}: the records are written for the {records_version} units but the boundary set "
                               "is version {layer_version}. Codes were reused on 1 July 2025 (e.g. 02647 is Phường Kim "
                               "Tân in 2024 and Phường Lào Cai in 2025-07), so they cannot be joined directly. Join "
                               "them to {records_version} boundaries (read_dataset's communes=, or none for the bundled "
                               "ones){moved}",
        "err_records_version_moved": "; with them, units='2025-07' (analyse, build_report) shows a 2024 picture in "
                                     "the 2025-07 units. reconcile() also takes crosswalk=bundled_crosswalk() (from "
                                     "dxmap.io.bundled).",
        "err_two_versions": "the records are written for two versions of the units: {files}. To compare a 2024 round "
                            "with one written for the 2025-07 units, each record must say its version (a Phiên bản "
                            "column, or records_version= for a file of one version); say the version of the file "
                            "that says none.",
        "err_version_dates_straddle": "{file} says no version of the units, and its records' dates lie on both sides "
                                      "of 1 July 2025: {rows} {side}, the other {m} not. Correct the dates of the "
                                      "fewer if mistyped, or write the version (2024 or 2025-07) in a Phiên bản "
                                      "column.",
        "ver_before": "dated before that day", "ver_from": "dated from that day",
        "err_version_rows_straddle": "{file} says no version of the units, and its records' dates lie on both sides of "
                                     "1 July 2025: its rows dated before name communes of the 2024 units, but {rows} "
                                     "cannot be placed in either round (not dated, or naming a commune that is no "
                                     "unit of 2025-07). Write 2024 or 2025-07 in a Phiên bản column there (and "
                                     "correct any mistyped date).",
        "err_two_versions_rows": "{file}: rows of the 2024 units and rows of the 2025-07 units, but no version is "
                                 "written in {rows}. Write 2024 or 2025-07 in the Phiên bản column there.",
        "err_two_versions_villages": "the records are written for two versions of the units: {files}; a village "
                                     "layer is of one version. Leave villages= out to list each round's villages "
                                     "from its records, or run each version apart.",
        "err_two_versions_layer": "the records are written for two versions of the units: {files}, but which version "
                                  "the commune layer given is of is not known (it is used for the records of its "
                                  "version). Give communes_version='2024' or '2025-07', or leave communes= out for "
                                  "the bundled boundaries.",
        "gap_two_versions_picture": "the records are written for two versions of the units: {files}. Records of two "
                                    "versions make a comparison only: the 2024 round the earlier picture, the round "
                                    "written for the 2025-07 units the later one (compare(data, compare_to=...)). "
                                    "For one picture, read the files of one version.",
        "gap_versions_units": "units={units}: a 2024 round and one written for the 2025-07 units are compared in the "
                              "2025-07 units; leave units= out or give units='2025-07'.",
        "gap_versions_interleave": "the 2024 records reach {last} and those written for the 2025-07 units begin on "
                                   "{first}: the earlier picture is of the 2024 records and the later of the 2025-07 "
                                   "ones, so the dates of the two rounds cannot interleave. Correct the dates or the "
                                   "version of those rows.",
        "gap_versions_compare_late": "compare_to={date}: the earlier picture is of the 2024 records (up to {last}), so "
                                     "it must be before the first record written for the 2025-07 units ({first}).",
        "log_two_versions": "records of two versions of the units: {files}; {old} {old|record|records} of the 2024 "
                            "units and {new} of the 2025-07 units, each joined to its own units, to be compared in "
                            "the 2025-07 units",
        "log_villages_across": "villages of the 2024 and 2025-07 records matched: {n} ({former} by former commune "
                               "and name, {named} by name); {earlier} only in the 2024 round, {later} only in the "
                               "2025-07 round",
        "err_crosswalk_version": "{where}: records for version {versions} and a boundary set of version {layer_version}, "
                                 "but the crosswalk goes from {source} to {target}. Use boundaries of the records' "
                                 "version.",
        "err_crosswalk_versions": "{where}: records for versions {versions} and a boundary set of version "
                                  "{layer_version}, but the crosswalk goes from {source} to {target}. Use boundaries of "
                                  "the records' version.",
        "lyr_communes": "communes", "lyr_districts": "districts", "lyr_villages": "villages",
        "lyr_columns": "{where}: {problems}.",
        "lyr_no_field": "{function}(..., columns=) names no field {names}: the fields are {fields}",
        "lyr_absent_column": "column {column} given in {function}(..., columns=) is not in the layer; it has {headers}",
        "lyr_codes_twice": "{where}: codes occur twice: {codes}. Each commune needs one feature (dissolve them first).",
        "lyr_codes_twice_villages": "{where}: codes occur twice: {codes}, and the layer has a village id column {column}: "
                                    "is it a village layer? Give it as the village layer (--villages on the command "
                                    "line, dxmap.as_villages in Python).",
        "lyr_ids_twice": "{where}: village ids occur twice: {ids}. Give each village its own id.",
        "lyr_villages_table": "{where}: {problems}.",
        "lyr_village_ids_again": "{n} village {n|id occurs|ids occur} more than once: {ids}; records with such an id "
                                 "would match one of those villages. Give each village its own id "
                                 "(dxmap.as_villages(layer) refuses such a layer too)",
        "lyr_villages_no_geometry": "{n} {n|village has|villages have} no geometry (null or empty): {where}; {n|its|their} "
                                    "status could be neither drawn nor measured. Give {n|it|them} a point or polygon, "
                                    "or drop {n|it|them}{drop}",
        "lyr_drop_rows": " (delete the {n} {n|row|rows} in the file)",
        "lyr_village_index": "index {i} ({id})",
        "lyr_not_polygons": "{where}: the layer holds {kinds} only, no outlines (polygons) of communes: is it a village "
                            "layer? Give it as the village layer (--villages on the command line, dxmap.as_villages in "
                            "Python).",
        "lyr_some_not_polygons": "{where}: {n} {n|feature is|features are} no polygon ({kinds}; {rows}): kept, but not "
                                 "drawn",
        "lyr_code_guess": "{where}: no code column; the column {column} is taken for codes, but it only numbers the rows "
                          "({values} …), it holds no GSO codes: records with the right codes will be called conflicts. "
                          "Name the code column with {function}(..., columns={mapping}), or clear the records' codes to "
                          "match by name",
        "lyr_villages_far": "{where}: {n} {n|village lies|villages lie} well outside {n|its|their} commune (more than "
                            "about 1 km beyond its bounding box): {villages}. Check {n|its|their} position and commune "
                            "code (a layer in another CRS than it says lands kilometres off)",
        "lyr_no_column": "{where}: no column for {missing}; {have}. Name it with {function}(..., "
                         "columns={mapping}).{hints}",
        "lyr_no_columns": "{where}: no column for {missing}; {have}. Name them with {function}(..., "
                          "columns={mapping}).{hints}",
        "lyr_has_columns": "the layer has {headers}", "lyr_no_attributes": "the layer has no attribute columns",
        "lyr_no_features": "{where}: the layer has no features (an empty file?); give the file or layer that holds the "
                           "units",
        "lyr_hint_other_layers": " The file has other layers too ({others}): is the {kind} layer another one? Choose it "
                                 "with {option}={first}.",
        "lyr_hint_district_columns": " Its columns name districts: is it the district layer? Give it as districts=, and "
                                     "the commune layer as communes=.",
        "lyr_hint_commune_layer": " Its features are polygons with five-digit codes, as communes are: is it the commune "
                                  "layer? Give it as communes=, and the village layer as villages=.",
        "lyr_no_crs": "{where}: the layer has no coordinate reference system, and dxmap does not guess one. Set it: "
                      "layer.set_crs('EPSG:4326') for longitude/latitude, layer.set_crs('EPSG:9208') for VN-2000 / TM-3 "
                      "104-45 (Lào Cai, Yên Bái); read_boundaries(path, crs=...) for a file.",
        "lyr_of_its_all": "its {whole}", "lyr_of_its": "{part} of its {whole}",
        "lyr_level_district": "district's", "lyr_level_commune": "commune's",
        "lyr_worded_as": "{part} names start with a {level} unit word ({spelt}: {names})",
        "lyr_is_district_layer": "{where}: this looks like a district layer, not a commune layer: {why}. Give it as "
                                 "districts= and the commune layer as communes=.",
        "lyr_records_districts": "{part} names are the records' district names ({names})",
        "lyr_records_district_codes": "{part} codes are the records' district codes ({codes})",
        "lyr_no_commune_code": "and none of the records' {n} commune codes is in it",
        "lyr_few_commune_codes": "and only {hits} of the records' {n} commune codes are in it",
        "lyr_is_commune_layer": "{where}: this looks like a commune layer, not a district layer: {why}{short}{fix}",
        "lyr_commune_codes": "{part} codes are the commune layer's commune codes ({codes})",
        "lyr_commune_digits": "its {n} features have codes of {digits} digits ({codes}), not the district codes of "
                              "the commune layer's communes, nor shorter than their codes",
        "lyr_more_than_communes": "it has more features ({n}) than the commune layer ({communes})",
        "lyr_commune_names": "{part} names are the commune layer's commune names ({names}), not its district names",
        "lyr_short_codes": "; and the commune layer{other} has {n} features with {digits}-digit codes ({codes}), "
                           "shorter ones, as districts have",
        "lyr_fix_same": ". The same file is given as both layers: give the district layer as districts=, or leave it "
                        "out.",
        "lyr_fix_swapped": ". The two files are swapped: give communes={source} and districts={other}.",
        "lyr_fix_give": ". Give the commune layer as communes= and the district layer as districts=.",
        "err_versions_count": "records_version: {n} {n|version|versions} for {files} {files|file|files} of records; "
                              "give one version for every file, or a list with one per file, in the order of records.",
        "err_communes_version": "communes_version={given} is not a boundary version; give one of {versions}.",
        "err_records_version_value": "records_version={given} is not a version of the units; give one of "
                                     "{versions}.",
        "err_version_values": "{where}: the boundary_version column says {values}, which is no version of the "
                              "units. Write one of {versions} (2024: the units before 1 July 2025, with districts; "
                              "2025-07: those from that day), or leave it blank; a year alone (2025) or “new” does not "
                              "say which units, as communes were merged on 1 January 2025 too.",
        "err_map_units_2024": "this picture was moved into the 2025-07 units (it has an old_commune_code column), and "
                              "the commune layer is the 2024 communes: codes were reused on 1 July 2025, so each row "
                              "would be painted on another unit's polygon. Draw it on the picture's own communes: "
                              "gap_map(a.status, a.communes, ...) with a = analyse(data, units='2025-07').",
        "err_map_units_2025": "this picture is of the 2024 communes, and the commune layer is the 2025-07 units: codes "
                              "were reused on 1 July 2025, so each row would be painted on another unit's polygon. "
                              "Move the picture into the 2025-07 units (a = analyse(data, units='2025-07'); "
                              "gap_map(a.status, a.communes, ...)) or draw it on the 2024 communes (data.communes).",
        "err_communes_version_other": "{path}: the commune layer says version {own} (its boundary_version column), "
                                      "and communes_version={given}. Leave communes_version= out, or give a file of "
                                      "the units of {given}.",
        "err_version_no_file": "communes_version= says which units the communes= file holds, but no communes= is given: "
                               "the bundled layers say their own. Give the file with communes=, or leave "
                               "communes_version= out.",
        "err_layer_no_file": "{option}= chooses a layer of the {what} file, but no {layer}= is given: give the file with "
                             "{layer}=, or leave {option}= out.",
        "err_columns_no_layer": "{option}= names the columns of the {what} layer, but no {layer}= is given: give "
                                "the layer's file with {layer}=, or leave {option}= out.",
        "err_only_header": "{files}: no records, only a header line. Fill in the rows, or give the file that has them.",
        "err_records_twice": "the records file {path} is given twice{also}: every record would be a duplicate of itself. "
                             "Give each records file once (several files are read together).",
        "err_twice_also": " (also as {path})",
        "err_what_district": "district", "err_what_former_district": "former district (huyện cũ)",
        "err_what_province": "province", "err_what_former_province": "former province (tỉnh cũ)",
    },
}

for _words in (_CHECK, _REASONS, _ROW_PROBLEMS, _READER, _CONSOLE):
    for _lang, _table in _words.items():
        LABELS[_lang].update(_table)


# "{n}" is a value; "{n|village|villages}" is the word for how many ``n`` is: the first when it is 1, else the second.
_FIELD = re.compile(r"\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}")


def label(key: str, lang: Lang = "vi", **values: object) -> str:
    """The word for ``key`` in ``lang`` (the key itself when there is none), filled in with ``values``.

    A label names a value as ``{n}`` and, where English needs a plural, chooses a word by it as
    ``{n|village|villages}`` (the first word when ``n`` is 1 or "1", else the second); Vietnamese has no
    plural and does not use it. A whole number is a count, written grouped as the language writes numbers
    (``n=6497``: "6.497" in Vietnamese, "6,497" in English), except a place: a row, a line, a feature, a byte or
    a year (``row``, ``line``, ``i``, ``index``, ``byte``, ``y``). The page's script fills labels the same way
    (``dxmap.fmt``) and groups its counts where it passes them. A name without a value is left as it is; without
    ``values`` the label is returned unfilled.

    >>> label("rpt_units", "en", nv=5, nc=1)
    '5 villages, 1 commune'
    """
    text = _text(key, lang)
    if not values:
        return text

    def fill(m: re.Match) -> str:
        name, one, other = m.groups()
        if name not in values:
            return m[0]
        if one is None:
            return _value_text(name, values[name], lang)
        return one if str(values[name]) == "1" else other

    return _FIELD.sub(fill, text)


# Fields whose whole number is a place, not a count: a row or line of a file, a feature's index, a byte's
# offset, a year. They are not grouped.
_PLACES = frozenset({"row", "line", "y", "i", "index", "byte"})


def _value_text(name: str, value: object, lang: Lang) -> str:
    """A value as a label writes it: a count grouped as the language groups numbers (6497 → "6.497" / "6,497"),
    as the report and the page write them; anything else as ``str`` writes it."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and name not in _PLACES:
        return number_text(int(value), lang)
    return str(value)


def _text(key: str, lang: Lang) -> str:
    return LABELS.get(lang, LABELS["vi"]).get(key, key)


def say(key: str, lang: Lang = "vi", **values: object) -> str | pd.Series:
    """:func:`label` for many rows at once: a value may be a Series, and each row is filled with its own.

    With no Series among ``values`` this is :func:`label`. Otherwise the result is a ``string`` Series on the
    index of the first Series given (the others are taken on that index); a row whose value is missing is
    missing, as ``"text " + series`` would be. Scalars fill every row alike.

    >>> say("rpt_units", "en", nv=pd.Series([1, 4]), nc=2).tolist()
    ['1 village, 2 communes', '4 villages, 2 communes']
    """
    rows = [v for v in values.values() if isinstance(v, pd.Series)]
    if not rows:
        return label(key, lang, **values)
    index = rows[0].index
    text = _text(key, lang)
    out = pd.Series("", index=index, dtype="string")
    at = 0
    for m in _FIELD.finditer(text):
        name, one, other = m.groups()
        out, at = out + text[at:m.start()], m.end()
        if name not in values:
            out = out + m[0]
            continue
        value = values[name]
        if isinstance(value, pd.Series):
            value = value if value.index.equals(index) else value.reindex(index)
            if value.dtype.kind == "f" and (value.dropna() % 1 == 0).all():  # counts with a gap: 3, not 3.0
                value = value.astype("Int64")
            if value.dtype.kind in "iu" and name not in _PLACES:  # counts grouped, as label() writes them
                value = value.map(lambda v: number_text(v, lang), na_action="ignore")
            value = value.astype("string")
            out = out + (value if one is None else value.where(value.isna(), value.eq("1").map({True: one, False: other})))
        else:
            out = out + (_value_text(name, value, lang) if one is None else one if str(value) == "1" else other)
    return out + text[at:]


def said_all(key: str, /, **values: object) -> dict[str, str]:
    """Label ``key`` in every language, ``{"vi": …, "en": …}``: the text a log line (:func:`log_said`) or an error
    (:func:`dxmap.errors.in_languages`) carries, so that a library user reads English and the command line its user's
    language. A value said differently per language is a function of the language: ``partial(date_text, day)``,
    ``partial(label, "log_tech_lan")``, or the ``.get`` of a text in every language (another :func:`said_all`, nested).

    >>> said_all("log_wrote_file", path="a.csv")
    {'vi': 'đã ghi a.csv', 'en': 'wrote a.csv'}
    """
    return {lg: label(key, lg, **{k: v(lg) if callable(v) else v for k, v in values.items()}) for lg in ("vi", "en")}


def log_said(logger: logging.Logger, level: int, key: str, /, *, lang: Lang = "en", **values: object) -> None:
    """Log label ``key`` (filled as :func:`said_all` fills it) in ``lang``, carrying its text in every language
    (``extra={"dxmap_said": …}``) for a command that speaks another."""
    if logger.isEnabledFor(level):
        text = said_all(key, **values)
        logger.log(level, "%s", text[lang], extra={"dxmap_said": text}, stacklevel=2)  # the caller's line


def row_places(files: Iterable[object], rows: Iterable[object], lang: Lang = "vi") -> list[str]:
    """Where records are, file and row by file and row, each once: "q2.csv row 5", "q2.csv dòng 5" (a line of a wide
    sheet holds several records)."""
    before, _, after = label("log_row_one", lang, list="\0").partition("\0")  # "row {list}", "dòng {list}"
    return list(dict.fromkeys(f"{f} {before}{r}{after}" for f, r in zip(files, rows)))


def counts_text(counted: Iterable[tuple[str, int]], lang: Lang = "vi") -> str:
    """Words and their counts, as a line lists them: ``[("khớp", 6497), ("trùng", 2)]`` → "khớp 6.497, trùng 2"."""
    return ", ".join(f"{word} {number_text(n, lang)}" for word, n in counted)


def number_text(n: float, lang: Lang = "vi", decimals: int = 0) -> str:
    """A number as the language writes it: 1554 → "1.554" (vi) / "1,554" (en); 0.49 → "0,49" / "0.49"."""
    text = f"{n:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


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
