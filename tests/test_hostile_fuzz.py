"""Random bytes and random CSV shapes given to `dxmap check` as records: never a traceback, at most one error
line, and when the file is read, every reported row is a line where a row of the file starts, and the outcome
table has as many rows as the count printed. (That no row is left out is checked on files whose rows are
known, in tests/test_check_cli.py: a random shape may hold a title row or a wide row of several records.)"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxmap.cli import main
from tests.hostile.make_corpus import communes

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")

HEADERS = ["level", "commune_code", "commune_name", "technology", "status", "as_of", "Mã xã", "Tên xã", "Ngày cập nhật",
           "Mạng LAN chuẩn", "Di động (4G)", "", "note", "=cmd", "lon", "lat"]
CELLS = st.one_of(
    st.sampled_from(["commune", "village", "02692", "2692", "A Mú Sung", "lan", "fibre", "mobile", "none", "covered",
                     "Có", "Chưa có", "x", "2024-06-30", "30/06/2024", "31/02/2024", "45473", "=1+1", "", "\x07", "Tổng cộng"]),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def communes_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "c.geojson"
    communes().to_file(path, engine="pyogrio")
    return path


def _no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.stderr, result.stderr  # the CLI's last resort is for bugs
    assert result.exit_code in (0, 1), result.exit_code
    assert "Traceback" not in result.output + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("dxmap: error")]
    assert len(errors) <= 1 and (not errors or result.exit_code == 1), result.stderr


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".tsv", ".txt"]))
def test_random_bytes(data, suffix, communes_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("bytes") / f"r{suffix}"
    path.write_bytes(data)
    _no_traceback(CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--communes", str(communes_file), "-q",
                                            "--records-date", "2024-06-30"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7),
       rows=st.lists(st.lists(CELLS, max_size=8), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_csv_shapes(header, rows, delimiter, communes_file, tmp_path_factory):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    folder = tmp_path_factory.mktemp("shapes")
    path = folder / "r.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    out = folder / "outcomes.csv"
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--records", str(path), "--communes", str(communes_file), "-q",
                                       "--records-date", "2024-06-30", "--outcomes", str(out)])
    _no_traceback(result)
    if "dxmap: error" in result.stderr:  # a problem of the whole file: nothing written
        assert not out.exists()
        return
    # Read: each row reported is on a line a person sees, and the count printed is the table's.
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    counted = int(result.stdout.split(" ", 1)[0])  # "12 records: …", "1 record: …"
    assert len(table) == counted
    lines = _record_lines(buf.getvalue(), delimiter)
    assert set(table["row"].astype(int)) <= set(lines), (table["row"].tolist(), lines)
    assert result.exit_code == int(not table["outcome"].isin(["matched", "ignored"]).all())


def _record_lines(text: str, delimiter: str) -> list[int]:
    """The line each row of ``text`` starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts, line = [], 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts
