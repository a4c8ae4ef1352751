"""The extraction targets: the seeds (scored by the copy of the shared
scorer in tests/fixtures against tests/fixtures/gold) and the real
reporting in ../shared/real, read in place (its texts are third-party news
and are never copied into the repository)."""
import json
import subprocess
import sys

from .conftest import CONTENT, FIXTURES, REPO

TARGETS = {"places": 0.97, "factions": 0.95, "people": 0.90, "countries": 0.90, "sources": 0.80, "events": 0.85,
           "actor": 0.85, "published": 1.0}


def test_seed_targets_hold(tmp_path):
    out = tmp_path / "extract.json"
    result = subprocess.run([sys.executable, "-m", "generator", "extract", str(CONTENT / "articles"), "--json"],
                            capture_output=True, text=True, check=True)
    out.write_text(result.stdout)
    assert len(json.loads(result.stdout)) == 5
    score = subprocess.run([sys.executable, str(FIXTURES / "score_extraction.py"), str(out), str(FIXTURES / "gold"),
                            *[f"--min={k}={v}" for k, v in TARGETS.items()]], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout


# tests/fixtures/unseen: articles written for the tests in other outlets'
# styles (wire, live blog, translations, typos, denials, village lists). The
# rules were improved while reading their misses, so this is a development
# set, not a held-out one; the floors keep those gains from slipping back.
UNSEEN_FLOORS = {"places": 0.93, "countries": 0.95, "factions": 0.95, "people": 0.90, "sources": 0.85,
                 "events": 0.85, "published": 1.0}


def test_unseen_style_articles_stay_above_their_floors(tmp_path):
    unseen = FIXTURES / "unseen"
    out = tmp_path / "extract.json"
    result = subprocess.run([sys.executable, "-m", "generator", "extract", str(unseen / "articles"), "--json"],
                            capture_output=True, text=True, check=True)
    out.write_text(result.stdout)
    score = subprocess.run([sys.executable, str(FIXTURES / "score_extraction.py"), str(out), str(unseen / "gold"),
                            *[f"--min={k}={v}" for k, v in UNSEEN_FLOORS.items()]], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout


# ../shared/real: 40 real news excerpts with gold annotations, each laid out
# as a user adds it (pasted, with its address as `url:` front matter) by the
# shared tool, extracted, and scored by the shared scorer.
SHARED = REPO.parent / "shared"
REAL_TARGETS = {"places": 0.95, "countries": 0.93, "factions": 0.93, "people": 0.90, "sources": 0.85, "events": 0.85,
                "actor": 0.88, "published": 0.95, "event_date": 0.80}


def test_real_reporting_targets_hold(tmp_path):
    real = SHARED / "real"
    assert real.is_dir(), f"{real} is missing: the tests read ../shared beside the repository"
    laid = tmp_path / "real"
    subprocess.run([sys.executable, str(SHARED / "tools" / "as_pasted.py"), str(real), str(laid)],
                   capture_output=True, check=True)
    result = subprocess.run([sys.executable, "-m", "generator", "extract", str(laid), "--json"],
                            capture_output=True, text=True, check=True)
    out = tmp_path / "extract.json"
    out.write_text(result.stdout)
    assert len(json.loads(result.stdout)) == 40
    score = subprocess.run([sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(out), str(real),
                            *[f"--min={k}={v}" for k, v in REAL_TARGETS.items()]], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout
