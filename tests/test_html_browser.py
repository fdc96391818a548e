"""The HTML report in a real browser: Debian's headless chromium, checking what a person sees.

The report is rendered for the seed pair, with one paragraph that tries to run a script.
A small probe script is appended to a copy of the page; after the page's own script ran, it
records into the DOM what is visible (rows, the missing ending, the title), clicks the
"show only problems" switch and records again. `chromium --dump-dom` prints the DOM after
the scripts ran, and the test reads the probe's record from it.

Locally the test skips when chromium is not installed; on CI (`CI` set) it fails instead,
since `.ci/run` installs chromium.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hupli.api import align_paths
from hupli.report.html import alignment_html
from tests.conftest import EN_BLOG, FI_BLOG

INJECTED = '<script>document.title = "pwned"; document.body.dataset.pwned = "yes"</script>'

PROBE = """
<script>
(function () {
  function shown(selector) {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      return el.getClientRects().length > 0;
    });
  }
  function state() {
    return {
      rows: shown("tr.link").length,
      ok: shown("tr.link.ok").length,
      missing: shown("tr.link.missing").length,
      missingCells: shown("tr.link.missing td.target").map(function (td) {
        return td.innerText.trim();
      }),
      missingBackground: getComputedStyle(
        document.querySelector("tr.link.missing td.target")).backgroundColor,
      okBackground: getComputedStyle(document.querySelector("tr.link.ok td.target"))
        .backgroundColor
    };
  }
  var record = {title: document.title, pwned: document.body.dataset.pwned || ""};
  record.scripts = document.scripts.length;
  record.injectedText = shown(".block .text").map(function (el) { return el.innerText; })
    .filter(function (text) { return text.indexOf("<script>") >= 0; });
  record.before = state();
  document.getElementById("problems-only").click();
  record.after = state();
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(record);
  document.body.appendChild(out);
})();
</script>
"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run should have installed it")
    pytest.skip("chromium not installed (apt-get install -y chromium); CI runs this test")


def _chromium_args(binary: str, profile: Path) -> list[str]:
    return [
        binary,
        "--headless",
        "--no-sandbox",  # CI runs as root, where chromium's sandbox refuses to start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, str]:
    """The seed pair's report, with a paragraph that tries to run a script."""
    folder = tmp_path_factory.mktemp("browser")
    original = folder / FI_BLOG.name
    # The page is Markdown, where a bare tag is inline HTML and not text; the backslashes make
    # the tag the paragraph's own text, which the report has to show and never run.
    escaped = INJECTED.replace("<", "\\<")
    original.write_text(
        FI_BLOG.read_text(encoding="utf-8") + f"\n\nKokeilu: {escaped} loppuu tähän.\n",
        encoding="utf-8",
    )
    alignment = align_paths(original, EN_BLOG)
    page = alignment_html(alignment)
    assert INJECTED not in page
    path = folder / "report.html"
    path.write_text(page, encoding="utf-8")
    return path, page


def test_report_in_headless_chromium(report, tmp_path):
    binary = _chromium()
    _, page = report
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    args = [*_chromium_args(binary, tmp_path / "profile"), "--dump-dom", probed.as_uri()]
    result = subprocess.run(args, capture_output=True, text=True, timeout=180, check=False)
    match = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, re.DOTALL)
    assert match, f"no probe output; chromium said: {result.stderr[-2000:]}"
    record = json.loads(html.unescape(match.group(1)))

    # The injected script did not run: the title is the report's, and it shows as text.
    assert record["title"].startswith("hupli: ")
    assert record["pwned"] == ""
    assert record["scripts"] == 2  # the report's switch and the probe
    assert any(INJECTED in text for text in record["injectedText"])

    before, after = record["before"], record["after"]
    # The missing ending is visible and marked in words and colour.
    assert before["missing"] == 6  # the seed's five, and the injected paragraph
    assert before["missingCells"] == ["missing from the translation"] * 6
    assert before["missingBackground"] != before["okBackground"]
    # "Show only problems" hides the rows that are fine and keeps every problem.
    assert before["ok"] > 0 and after["ok"] == 0
    assert after["missing"] == before["missing"]
    assert after["rows"] == before["rows"] - before["ok"]


def test_report_screenshot_renders(report, tmp_path):
    binary = _chromium()
    path, _ = report
    shot = tmp_path / "report.png"
    args = [
        *_chromium_args(binary, tmp_path / "profile"),
        "--hide-scrollbars",
        "--window-size=1280,1600",
        f"--screenshot={shot}",
        path.as_uri(),
    ]
    subprocess.run(args, capture_output=True, timeout=180, check=False)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a page, not a blank image
