import subprocess
from datetime import date

from aanbod.content.history import file_modified_times, head_commit_date


def git(folder, *arguments, when="2026-03-04T10:00:00+01:00"):
    environment = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "HOME": str(folder),
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.nl", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.nl"}
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, env=environment)


def test_modified_times_come_from_the_last_commit_of_each_file(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.yaml").write_text("a: 1\n")
    (tmp_path / "content/b.yaml").write_text("b: 1\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    (tmp_path / "content/b.yaml").write_text("b: 2\n")
    git(tmp_path, "commit", "-qam", "second", when="2026-05-06T23:30:00+02:00")
    times = file_modified_times(tmp_path / "content")
    assert times[(tmp_path / "content/a.yaml").resolve()].isoformat() == "2026-03-04T09:00:00+00:00"
    assert times[(tmp_path / "content/b.yaml").resolve()].isoformat() == "2026-05-06T21:30:00+00:00"
    assert head_commit_date(tmp_path) == date(2026, 5, 6)


def test_outside_git_there_is_no_history(tmp_path):
    assert file_modified_times(tmp_path) == {}
    assert head_commit_date(tmp_path) is None
