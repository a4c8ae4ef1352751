"""The docs tree rendered for the seeds matches tests/golden/ (regenerate
with `make golden` and review the diff when a change is intended)."""
from .golden import GOLDEN, render_seeds


def test_docs_tree_matches_golden():
    files = render_seeds()
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(golden), "pages added or removed: run `make golden` and review"
    changed = [dest for dest in sorted(files) if files[dest] != golden[dest]]
    assert changed == [], f"pages differ from tests/golden: {changed[:5]}; run `make golden` and review the diff"
