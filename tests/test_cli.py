"""The command line: exit codes and messages, as CI and editors see them."""
import json
import os
import subprocess
import sys

from .conftest import CONTENT, FIXTURES, REPO


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_extract_prints_the_contract_json_for_a_folder():
    result = run("extract", str(CONTENT / "articles"), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [item["path"] for item in items] == sorted(str(p) for p in (CONTENT / "articles").glob("*.txt"))
    for item in items:
        assert set(item) >= {"path", "title", "published", "places", "countries", "factions", "people", "sources",
                             "events"}
        assert all(item[k] == sorted(item[k]) for k in ("places", "countries", "factions", "people", "sources"))
        for event in item["events"]:
            assert set(event) >= {"actor", "action", "place", "date", "sentence", "attributed_to"}


def test_extract_reports_unreadable_files_and_prints_the_others():
    bad, good = FIXTURES / "content" / "unknown_key.md", FIXTURES / "content" / "same_title_a.md"
    result = run("extract", str(bad), str(good), "--json")
    assert result.returncode == 1
    assert result.stderr.strip() == f"{bad}:3: unknown front-matter key 'publised' (did you mean 'published'?)"
    assert [item["path"] for item in json.loads(result.stdout)] == [str(good)]


def test_extract_uses_the_project_registry_for_a_bare_folder(tmp_path):
    (tmp_path / "x.txt").write_text("Rebels seized Deir Essor.\n")
    result = run("extract", str(tmp_path / "x.txt"), "--json")
    assert json.loads(result.stdout)[0]["places"] == ["Deir ez-Zor"]


def test_build_with_a_missing_content_folder_fails_clearly(tmp_path):
    result = run("build", "--content", str(tmp_path / "nope"), "--site", str(tmp_path / "site"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"build failed: content folder {tmp_path / 'nope'} does not exist"


def test_build_with_a_broken_registry_exits_1_and_names_file_and_line(content_dir, tmp_path):
    (content_dir / "registry" / "factions.yml").write_text("- name: HTS\n  kind: militia\n")
    result = run("build", "--content", str(content_dir), "--site", str(tmp_path / "site"), "--quiet")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (f"{(content_dir / 'registry' / 'factions.yml').as_posix()}:1: kind of 'HTS' must be one of "
                        "armed group, generic, government, foreign state, not 'militia'")
    assert lines[-1] == "build stopped: fix the registry above; the previous site was left as it was"
    assert not (tmp_path / "site").exists()


def test_a_registry_file_linking_outside_the_content_folder_stops_the_build(content_dir, tmp_path):
    places = content_dir / "registry" / "places.yml"
    elsewhere = tmp_path / "places.yml"
    places.rename(elsewhere)
    places.symlink_to(elsewhere)
    result = run("build", "--content", str(content_dir), "--site", str(tmp_path / "site"), "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{places.as_posix()}: a link to {os.path.realpath(elsewhere)}, outside the content folder: refused; copy "
        "what it links to into the content folder instead",
        "build stopped: fix the registry above; the previous site was left as it was"]
    assert not (tmp_path / "site").exists()


def test_extract_walks_a_folder_as_a_build_does_refusing_links_out_of_it(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Rebels seized Deir Essor.\n")
    (tmp_path / "secret.txt").write_text("Rebels seized Homs.\n")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    result = run("extract", str(folder), "--json")
    assert result.returncode == 1
    assert result.stderr.strip() == (f"{folder / 'leak.txt'}: a link to {os.path.realpath(tmp_path / 'secret.txt')}, "
                                     "outside the content folder: refused; copy what it links to into the content "
                                     "folder instead")
    assert [item["path"] for item in json.loads(result.stdout)] == [str(folder / "a.txt")]
