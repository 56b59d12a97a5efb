"""Reading YAML: positions, and every kind of bad input a planner can produce."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from acd_calendar.errors import InputError
from acd_calendar.limits import MAX_BYTES
from acd_calendar.load import load_dataset
from acd_calendar.yamlread import read_yaml
from conftest import WriteYaml


def codes(path: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in read_yaml(path).problems]


def test_values_keep_their_line_and_column(write_yaml: WriteYaml) -> None:
    doc = read_yaml(
        write_yaml("""
        a:
          - id: x
            due: 2022-11-30
        b: "text"
    """)
    )
    assert doc.problems == []
    assert doc.data == {"a": [{"id": "x", "due": "2022-11-30"}], "b": "text"}
    assert doc.values[("a", 0, "due")].line == 3
    assert doc.values[("a", 0, "due")].column == 10
    assert doc.keys[("a", 0, "due")].column == 5
    assert doc.values[("a", 0)].line == 2


def test_a_date_yaml_parses_itself_reads_like_the_same_date_quoted(write_yaml: WriteYaml) -> None:
    doc = read_yaml(write_yaml("a: 2022-11-30\nb: '2022-11-30'\n"))
    assert doc.data == {"a": "2022-11-30", "b": "2022-11-30"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on: 1\n", [(1, 1, "yaml-boolean")]),
        ("yes: 1\n", [(1, 1, "yaml-boolean")]),
        ("a: no\n", [(1, 4, "yaml-boolean")]),
        ("a: 12:30\n", [(1, 4, "yaml-number")]),
        ("a: 017\n", [(1, 4, "yaml-number")]),
        ("a: 0x1f\n", [(1, 4, "yaml-number")]),
        ("a: 1\na: 2\n", [(2, 1, "duplicate-key")]),
        ("a: !!python/object:os.system x\n", [(1, 4, "tag")]),
        ("a: !!python/name:os.system\n", [(1, 4, "tag")]),
        ("a: [1, 2\n", [(2, 1, "yaml-syntax")]),
        ("a:\n\t- 1\n", [(2, 1, "yaml-syntax")]),
        ("", [(1, 1, "empty")]),
        ("# only a comment\n", [(1, 1, "empty")]),
        ("- a\n- b\n", [(1, 1, "not-a-mapping")]),
        ("just text\n", [(1, 1, "not-a-mapping")]),
        ("a: 1\n---\nb: 2\n", [(2, 1, "multiple-documents")]),
        ("a: &x 1\nb: *x\n", [(1, 4, "anchor")]),
        ("[a]: 1\n", [(1, 1, "bad-key")]),
    ],
)
def test_bad_yaml_is_a_finding_with_a_position(
    write_yaml: WriteYaml, text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert codes(write_yaml(text)) == expected


def test_yaml_booleans_say_to_quote(write_yaml: WriteYaml) -> None:
    (problem,) = read_yaml(write_yaml("on: 1\n")).problems
    assert problem.message == "key 'on' is read as a boolean by YAML 1.1: quote it ('on')"
    (problem,) = read_yaml(write_yaml("t: 12:30\n")).problems
    assert "read as the number 750" in problem.message


def test_true_false_and_plain_numbers_are_values(write_yaml: WriteYaml) -> None:
    doc = read_yaml(write_yaml("a: true\nb: 14\nc: -3\nd: 1.5\ne: ~\nf:\n"))
    assert doc.data == {"a": True, "b": 14, "c": -3, "d": 1.5, "e": None, "f": None}


def test_tab_indentation_is_named(write_yaml: WriteYaml) -> None:
    (problem,) = read_yaml(write_yaml("a:\n\t- 1\n")).problems
    assert "tab" in problem.message


def test_not_utf8_names_the_byte(write_yaml: WriteYaml) -> None:
    (problem,) = read_yaml(write_yaml(b"a: 1\ntitle: caf\x92\n")).problems
    assert (problem.line, problem.column, problem.code) == (2, 11, "encoding")
    assert "0x92" in problem.message and problem.unusable


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_characters_are_refused(write_yaml: WriteYaml, char: str) -> None:
    (problem,) = read_yaml(write_yaml(f"a: 1\nb: x{char}y\n".encode())).problems
    assert (problem.line, problem.column, problem.code) == (2, 5, "control-character")


def test_a_byte_order_mark_is_fine(write_yaml: WriteYaml) -> None:
    assert read_yaml(write_yaml("\ufeffa: 1\n".encode())).data == {"a": 1}


def test_billion_laughs_is_refused_fast_at_the_first_anchor(write_yaml: WriteYaml) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write_yaml("\n".join(lines) + "\n")
    assert path.stat().st_size < 400
    started = time.perf_counter()
    problems = read_yaml(path).problems
    assert time.perf_counter() - started < 0.5
    assert [p.code for p in problems] == ["anchor"]


@pytest.mark.parametrize("depth", [50, 5000])
def test_deep_nesting_is_refused(write_yaml: WriteYaml, depth: int) -> None:
    path = write_yaml("a: " + "[" * depth + "]" * depth + "\n")
    assert [p.code for p in read_yaml(path).problems] == ["too-deep"]


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    (problem,) = read_yaml(path).problems
    assert problem.code == "too-large" and problem.unusable


def test_a_missing_file(tmp_path: Path) -> None:
    (problem,) = read_yaml(tmp_path / "nope.yaml").problems
    assert problem.code == "unreadable"


# --- the national data file ----------------------------------------------------------------

MINIMAL = """
    version: 1
    documents:
      faq: {title: FAQ}
    milestones:
      - id: one
        title: One
        owners: [cluster]
        due: 2022-11
        basis: guidance
        source: {document: faq, section: S}
"""


def test_a_minimal_dataset_loads(write_yaml: WriteYaml) -> None:
    dataset = load_dataset(write_yaml(MINIMAL))
    assert dataset.milestones[0].when.label == "November 2022"


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("due: 2022-11", "due: 2022-02-30", ":8:10", "bad-date: due: '2022-02-30' is not a real"),
        ("due: 2022-11", "due: 0", ":8:10", "bad-date: due: expected a date as text, got int 0"),
        ("due: 2022-11", "window: 2022-11\n        due: 2022-12", ":5:5", "exactly one of"),
        ("owners: [cluster]", "owners: [clutser]", ":7:14", "unknown kind of body 'clutser'"),
        ("title: One", "titel: One", ":5:5", "missing required key 'title' (and 1 more)"),
        ("basis: guidance", "basis: hearsay", ":9:12", "bad-value: basis: Input should be"),
        ("document: faq", "document: faqs", ":10:24", "unknown-document: no document 'faqs'"),
        ("version: 1", "version: 2", ":1:10", "version"),
        ("id: one", "id: One", ":5:9", "'One' is not an id"),
        ("owners: [cluster]", "owners: []", ":7:13", "owners"),
    ],
)
def test_a_broken_dataset_is_refused_with_its_position(
    write_yaml: WriteYaml, old: str, new: str, where: str, message: str
) -> None:
    path = write_yaml(MINIMAL.replace(old, new, 1))
    with pytest.raises(InputError) as raised:
        load_dataset(path)
    text = str(raised.value)
    assert text.startswith(f"{path}{where}: "), text
    assert message in text


def test_a_missing_key_points_at_its_mapping(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL.replace("        title: One\n", ""))
    with pytest.raises(InputError, match=r":5:5: missing-key: missing required key 'title'"):
        load_dataset(path)


def test_unusable_data_file_is_refused(write_yaml: WriteYaml) -> None:
    with pytest.raises(InputError, match=r":1:1: empty"):
        load_dataset(write_yaml(""))


def test_an_unknown_key_points_at_the_key(write_yaml: WriteYaml) -> None:
    path = write_yaml(MINIMAL.replace("basis: guidance", "basis: guidance\n        bassis: x"))
    with pytest.raises(InputError, match=r":10:5: unknown-key: unknown key 'bassis'; did you"):
        load_dataset(path)


def test_dependency_problems_point_at_the_reference(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        MINIMAL.replace("basis: guidance", "basis: guidance\n        depends_on: [nothing]")
    )
    with pytest.raises(InputError, match=r":10:18: unknown-reference: depends on 'nothing'"):
        load_dataset(path)


# --- the cache of validated national data ----------------------------------------------


def test_the_cache_round_trips_the_bundled_data() -> None:
    from acd_calendar import schema
    from acd_calendar.datafiles import bundled_path, load_valid
    from acd_calendar.national import Dataset

    fresh = load_valid(bundled_path("milestones.yaml"), schema.Dataset).plain()
    assert Dataset.from_json(fresh.to_json()) == fresh


def test_a_second_load_comes_from_the_cache(
    write_yaml: WriteYaml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write_yaml(MINIMAL)
    first = load_dataset(path)
    (cached,) = (tmp_path / "cache" / "acd-calendar").glob("national-*.json")
    assert load_dataset(path) == first
    # a changed file is validated again, never served from an old cache
    path.write_text(path.read_text().replace("due: 2022-11", "due: 2022-12"))
    assert load_dataset(path).milestones[0].when.label == "December 2022"
    # and a broken one is refused even though a cache exists for its old content
    path.write_text(path.read_text().replace("due: 2022-12", "due: 2022-13"))
    with pytest.raises(InputError, match="has month 13"):
        load_dataset(path)
    assert cached.exists()


def test_a_corrupt_cache_is_ignored(
    write_yaml: WriteYaml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write_yaml(MINIMAL)
    expected = load_dataset(path)
    for cached in (tmp_path / "cache" / "acd-calendar").glob("national-*.json"):
        cached.write_text('{"format": 1, "milestones": [')
    assert load_dataset(path) == expected


def test_no_cache_when_off_or_unwritable(
    write_yaml: WriteYaml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_yaml(MINIMAL)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ACD_CACHE", "off")
    load_dataset(path)
    assert not (tmp_path / "cache").exists()
    monkeypatch.delenv("ACD_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_dataset(path).milestones[0].id == "one"
