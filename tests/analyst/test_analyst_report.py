"""`newsetl report`: a self-contained HTML page whose charts a real browser draws."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from newsetl.cli import app

CHARTS = 5
"""Events over time, top entities, co-occurrence, stories, removed lines."""

MIN_COLOURED_SHARE = 0.01
"""Share of the screenshot's pixels that are strongly coloured when the charts are drawn (the
page's text is black and grey, so without charts the share is near 0; measured ~0.05)."""

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed "
    "(apt-get install -y chromium; .ci/run installs it)")


@pytest.fixture(scope="module")
def page(sample_warehouse, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", "--warehouse", str(sample_warehouse),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "index.html"


def chromium(*args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with no network side-traffic and a throw-away profile."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, check=True)


def coloured_share(png: Path) -> float:
    """Share of pixels with a clearly saturated colour (charts, not text)."""
    hsv = np.asarray(Image.open(png).convert("HSV"))
    return float(((hsv[..., 1] > 80) & (hsv[..., 2] > 60)).mean())


def test_the_page_holds_every_chart_and_needs_no_network(page):
    text = page.read_text()
    assert text.count("<svg") == CHARTS
    assert "Nothing to draw yet" not in text
    assert not re.search(r"<(script|link|img|iframe)\b", text)
    assert not re.search(r"""(src|href)=["']https?:""", text)


def test_a_missing_warehouse_is_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["report", "--warehouse", str(tmp_path / "none"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no warehouse" in result.output


@needs_chromium
def test_chromium_draws_the_charts(page, tmp_path):
    dom = chromium("--dump-dom", page.as_uri()).stdout
    svgs = re.findall(r"<svg\b.*?</svg>", dom, flags=re.DOTALL)
    assert len(svgs) == CHARTS
    for svg in svgs:  # each chart has drawn shapes, not an empty frame
        assert len(re.findall(r"<(path|rect|use)\b", svg)) > 10
    shot = tmp_path / "report.png"
    chromium("--window-size=1100,4400", f"--screenshot={shot}", page.as_uri())
    assert coloured_share(shot) > MIN_COLOURED_SHARE


@needs_chromium
def test_the_colour_check_sees_a_page_without_charts_as_blank(page, tmp_path):
    bare = tmp_path / "bare.html"
    bare.write_text(re.sub(r"<svg\b.*?</svg>", "", page.read_text(), flags=re.DOTALL))
    shot = tmp_path / "bare.png"
    chromium("--window-size=1100,4400", f"--screenshot={shot}", bare.as_uri())
    assert coloured_share(shot) < MIN_COLOURED_SHARE / 10
