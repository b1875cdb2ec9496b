"""The GitHub workflows only call commands that exist and are tested; they cannot run here, so they are read."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from aanbod.cli import build_parser
from conftest import ROOT

WORKFLOWS = ROOT / ".github/workflows"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key 'on' as True
    return workflow


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(workflow: dict) -> list[list[str]]:
    found = []
    for step in steps(workflow):
        for line in step.get("run", "").splitlines():
            if line.strip():
                found.append(shlex.split(re.sub(r'"\$[A-Z_]+[^"]*"', "VALUE", line)))
    return found


MAKE_TARGETS = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE))


ALL = sorted(path.name for path in WORKFLOWS.glob("*.yml"))


@pytest.mark.parametrize("name", ALL)
def test_every_command_exists(name):
    calls = commands(load(name))
    assert calls
    for call in calls:
        if call[0] == "make":
            targets = [part for part in call[1:] if not part.startswith("-") and "=" not in part]
            assert targets and set(targets) <= MAKE_TARGETS, call
        elif call[:3] == [".venv/bin/python", "-m", "aanbod"]:
            build_parser().parse_args(call[3:])  # exits (fails the test) on an unknown command or option
        elif call[0] == "printf":  # writes an untrusted value from the environment to a file, nothing else
            assert call[1:3] == ["%s", "VALUE"] and call[3] == ">", call
        else:
            assert call[0] == "git" and call[1] in ("diff", "worktree"), call


def test_the_pull_request_workflow_checks_changes_owners_and_builds_a_preview():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    calls = [" ".join(call) for call in commands(workflow)]
    assert any(call.startswith(".venv/bin/python -m aanbod validate --changed-list") and "--format github" in call for call in calls)
    assert any(call.startswith(".venv/bin/python -m aanbod owners --author") and "--base-content" in call for call in calls)
    assert any("codeowners --check" in call for call in calls) and any("schemas --check" in call for call in calls)
    assert "make html" in calls
    uploads = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "output/"
    checkouts = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@")]
    assert all(step["with"]["fetch-depth"] == 0 for step in checkouts)


def test_the_publish_workflow_builds_main_and_deploys_to_pages():
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert any(call[:2] == ["make", "pages"] for call in commands(workflow))
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps(workflow))


@pytest.mark.parametrize("name", ALL)
def test_untrusted_values_reach_commands_through_the_environment_only(name):
    for step in steps(load(name)):
        assert "${{" not in step.get("run", ""), step["run"]


def test_the_report_workflow_mentions_maintainers_of_reports_only():
    workflow = load("report-error.yml")
    assert workflow["on"] == {"issues": {"types": ["opened"]}}
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    job = workflow["jobs"]["mention"]
    assert "<!-- aanbod: klopt-er-iets-niet -->" in job["if"]
    calls = [" ".join(call) for call in commands(workflow)]
    assert any(call.startswith(".venv/bin/python -m aanbod mention --body-file") and "--github" in call and "--issue" in call for call in calls)


def test_the_reminders_workflow_runs_weekly_and_keeps_one_issue_per_provider():
    workflow = load("reminders.yml")
    crons = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(crons) == 1 and crons[0].split()[2:] == ["*", "*", "1"]  # every Monday
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    calls = [" ".join(call) for call in commands(workflow)]
    assert ".venv/bin/python -m aanbod links --format github" in calls
    assert ".venv/bin/python -m aanbod reminders --github VALUE --links-report .cache/links/rapport.json" in calls
    assert calls.index(".venv/bin/python -m aanbod links --format github") < len(calls) - 1  # links first, then the issues
    caches = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/cache@")]
    assert caches and caches[0]["with"]["path"] == ".cache/links"


def test_the_published_site_shows_the_last_link_report():
    restores = [step for step in steps(load("publish.yml")) if step.get("uses", "").startswith("actions/cache/restore@")]
    assert restores and restores[0]["with"]["path"] == ".cache/links"
    from aanbod.content.settings import DEFAULTS

    assert DEFAULTS["AANBOD_LINKS_REPORT"].startswith(".cache/links/")
