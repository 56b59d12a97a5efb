"""``acd report``: the board assurance report as HTML, CSV for Excel and PDF."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from conftest import REPO, Run, WriteYaml

EXAMPLE = str(REPO / "examples" / "hywel-dda.yaml")


def report(run: Run, tmp_path: Path, *args: str, name: str = "report.html") -> Path:
    target = tmp_path / name
    result = run(
        "report",
        "--health-board",
        "hywel-dda",
        "--file",
        EXAMPLE,
        "--on",
        "2026-11-24",
        "-o",
        str(target),
        *args,
    )
    assert result.exit_code == 0, result.output
    return target


def test_one_self_contained_file(run: Run, tmp_path: Path) -> None:
    text = report(run, tmp_path).read_text(encoding="utf-8")
    assert "<link" not in text and "<script" not in text and "<svg" in text
    assert "<style>" in text and '"Segoe UI"' in text  # the stylesheet, not escaped
    for heading in [
        "Position as of 24 November 2026",
        "Exceptions: overdue items",
        "Coming in the next 60 days (to 23 January 2027)",
        "Assurance matrix",
        "Chart of the planning year",
    ]:
        assert heading in text
    assert text.count("<h1>") == 1


def test_exceptions_say_who_how_late_and_what_waits(run: Run, tmp_path: Path) -> None:
    text = report(run, tmp_path).read_text(encoding="utf-8")
    section = text.split('id="exceptions"')[1].split('id="coming"')[0]
    # the header; five clusters late with drafts; three PCPGs with no annual review
    # and no chair rotation recorded since April
    assert section.count("<tr>") == 1 + 5 + 3 * 2
    assert "208 days" in section  # by end of April 2026, as of 24 November 2026
    assert "North Ceredigion" in section and "South Ceredigion" not in section
    assert "8 days" in section
    assert "PCPG three-year plans to the health board planning team" in section


def test_csv_matrix_for_excel(run: Run, tmp_path: Path) -> None:
    data = report(run, tmp_path, "--format", "csv", name="matrix.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["body", "kind"]
    by_body = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    column = "Draft cluster plans 2027/28 to the PCPG planning lead (by 16 November 2026)"
    assert by_body["South Ceredigion"][column] == "Done 12 Nov 2026"
    assert by_body["Llanelli"][column] == "Overdue"


def test_csv_cells_are_formula_safe(run: Run, tmp_path: Path, write_yaml: WriteYaml) -> None:
    local = write_yaml(
        """
        version: 1
        health_board: hywel-dda
        bodies:
          - {id: p, kind: pcpg, name: '=HYPERLINK("http://x","y")', parent: ceredigion}
          - {id: q, kind: pcpg, name: '@SUM(A1)', parent: ceredigion}
        deadlines:
          - {id: a, title: '+cmd|x', owners: [p], due: 2026-12-01}
        """,
        "local.yaml",
    )
    target = tmp_path / "m.csv"
    result = run(
        "report",
        "--health-board",
        "hywel-dda",
        "--file",
        str(local),
        "--on",
        "2026-11-24",
        "-o",
        str(target),
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'@SUM(A1)" in cells
    assert any(c.startswith("'+cmd|x") for c in rows[0])


def test_pdf(run: Run, tmp_path: Path) -> None:
    try:
        import weasyprint
    except ImportError:
        pytest.skip("the pdf extra (WeasyPrint) is not installed")
    except OSError as exc:  # installed, but the Pango library it needs is not
        pytest.skip(f"WeasyPrint cannot start here: {exc}")
    pdf = tmp_path / "report.pdf"
    report(run, tmp_path, "--pdf", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF-")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    pages = weasyprint.HTML(string=html).render().pages
    sizes = {(round(p.width), round(p.height)) for p in pages}
    assert sizes == {(794, 1123), (1123, 794)}  # A4 portrait, and landscape for the matrix


def test_pdf_without_weasyprint_is_one_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed
    result = run(
        "report",
        "--health-board",
        "hywel-dda",
        "--on",
        "2026-11-24",
        "-o",
        str(tmp_path / "r.html"),
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "acd: error: --pdf needs WeasyPrint: pip install 'acd-calendar[pdf]'\n"
    )
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--health-board", "nowhere"], "--health-board: no health board 'nowhere'; valid: "),
        (["--health-board", "ceredigion"], "no health board 'ceredigion'"),
        (
            ["--health-board", "hywel-dda", "--format", "csv", "--pdf", "x.pdf"],
            "--pdf and --format csv",
        ),
    ],
)
def test_report_usage_errors(run: Run, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("report", "-o", str(tmp_path / "r.html"), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_a_file_of_another_board_is_refused(run: Run, tmp_path: Path) -> None:
    """A "Powys" report built from Hywel Dda's file named one board and counted another."""
    target = tmp_path / "r.html"
    result = run("report", "--health-board", "powys-teaching", "--file", EXAMPLE, "-o", str(target))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "is a planning file of hywel-dda" in result.stderr
    assert not target.exists()


def test_a_file_without_health_board_is_judged_by_its_bodies(
    run: Run, tmp_path: Path, write_yaml: WriteYaml
) -> None:
    path = write_yaml(
        """
        version: 1
        bodies:
          - {id: p, kind: pcpg, name: P, parent: ceredigion}
        """
    )
    args = ["report", "--file", str(path), "-o", str(tmp_path / "r.html"), "--on", "2026-11-24"]
    assert run(*args, "--health-board", "powys-teaching").exit_code == 2
    assert run(*args, "--health-board", "hywel-dda").exit_code == 0


@pytest.mark.parametrize("form", ["html", "csv"])
def test_dash_writes_to_stdout(run: Run, tmp_path: Path, form: str) -> None:
    result = run(
        "report", "--health-board", "hywel-dda", "--file", EXAMPLE, "--on", "2026-11-24",
        "-o", "-", "--format", form,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not Path("-").exists()
    assert result.stdout.startswith("<!DOCTYPE html>" if form == "html" else "\ufeffbody,kind")
    assert report(run, tmp_path, "--format", form).read_text(encoding="utf-8") == result.stdout


def test_overdue_on_assumed_dates_is_said_in_words(run: Run, tmp_path: Path) -> None:
    text = " ".join(report(run, tmp_path).read_text(encoding="utf-8").split())
    assert "11 overdue: 6 of them rest on dates this tool assumed" in text
    assert '6 <span class="assumed">(6 on assumed dates)</span>' in text
    section = text.split('id="exceptions"')[1].split('id="coming"')[0]
    assert section.count("Assumed: no date in the sources") == 6


def test_csv_marks_assumed_dates(run: Run, tmp_path: Path) -> None:
    data = report(run, tmp_path, "--format", "csv", name="m.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(data)))
    review = next(h for h in header if h.startswith("PCPG annual review"))
    assert review.endswith(", assumed date)")
    ceredigion = dict(zip(header, next(r for r in rows if r[0] == "Ceredigion PCPG"), strict=True))
    assert ceredigion[review] == "Overdue (assumed date)"
    draft = next(h for h in header if h.startswith("Draft cluster plans 2027/28"))
    llanelli = dict(zip(header, next(r for r in rows if r[0] == "Llanelli"), strict=True))
    assert llanelli[draft] == "Overdue"


@pytest.mark.parametrize("option", ["-o", "--pdf"])
def test_a_folder_for_a_file_is_said_to_be_one(run: Run, tmp_path: Path, option: str) -> None:
    args = {"-o": str(tmp_path / "r.html"), option: str(tmp_path)}
    result = run(
        "report", "--health-board", "hywel-dda", "--file", EXAMPLE, "--on", "2026-11-24",
        *[part for pair in args.items() for part in pair],
    )  # fmt: skip
    assert result.exit_code == 2
    assert f"{tmp_path}: is a folder" in result.stderr and len(result.stderr.splitlines()) == 1
