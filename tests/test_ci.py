"""CI wiring: .ci/run runs the README's test command; the deploy workflow
builds with the same make target a developer uses."""
import yaml

from .conftest import REPO


def test_ci_runs_make_test_and_a_small_bench():
    commands = [line for line in (REPO / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands[-2:] == ["make bench N=200", "make test"]


def test_workflow_builds_strict_with_make_site_and_deploys_to_pages():
    workflow = yaml.load((REPO / ".github" / "workflows" / "site.yml").read_text(), Loader=yaml.BaseLoader)
    assert set(workflow["on"]["push"]["paths"]) >= {"content/**", "generator/**", "theme/**", "mkdocs.yml"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("make site" in r and "STRICT=1" in r for r in runs)
    uses = [s.get("uses", "") for s in steps + workflow["jobs"]["deploy"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"


def test_readme_names_the_two_commands_first():
    readme = (REPO / "README.md").read_text()
    first_commands = [line.strip() for line in readme.splitlines() if line.strip().startswith("make ")][:2]
    assert first_commands == ["make site", "make test"]
