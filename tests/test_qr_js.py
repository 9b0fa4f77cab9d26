"""The browser's QR encoder (docs/js/qr.js) against segno, module for module, in every version.

Handout links are only known in the browser, so their QR codes are drawn there. For each of the
40 versions, the longest text that fits at level M is encoded by both, with every mask in turn:
the codes must be the same, module for module, and the mask the script picks on its own must
give one of segno's eight codes. A shorter text is padded, where segno departs from the standard
(it adds a zero byte when the data already ends on a byte: segno/encoder.py, write_padding_bits),
so those codes are read back with zbarimg instead. That a printed code scans is checked in
test_handouts_browser.py.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from conftest import BuiltSite

pytestmark = pytest.mark.browser

BASE = "https://guide.example.org/en/handout/?r=R07,R12&c=avant-inviter&o=accepter-demande/laisser"


def segno_version(length: int) -> int:
    # A fixed mask: segno then skips scoring the eight, which is most of its time on large codes.
    return segno.make_qr(text_of(length), error="m", mode="byte", mask=0, boost_error=False).version


def text_of(length: int) -> str:
    return (BASE * (length // len(BASE) + 1))[:length]


@functools.cache
def longest_per_version() -> dict[int, int]:
    """Version -> the longest text segno puts in it (byte mode, level M)."""
    longest: dict[int, int] = {}
    length = 1
    while length <= 2331:
        low, high = length, 2331
        version = segno_version(length)
        while low < high:  # the last length with this version
            middle = (low + high + 1) // 2
            if segno_version(middle) == version:
                low = middle
            else:
                high = middle - 1
        longest[version] = low
        length = low + 1
    return longest


def segno_matrix(text: str, mask: int) -> list[list[bool]]:
    code = segno.make_qr(text, error="m", mode="byte", mask=mask, boost_error=False)
    return [[bool(module) for module in row] for row in code.matrix]


@pytest.fixture(scope="module")
def qr_page(browser, served_site: BuiltSite) -> object:
    context = browser.new_context(base_url=served_site.base_url)
    tab = context.new_page()
    tab.goto("/en/handout/")
    tab.wait_for_function("window.netguideQR !== undefined")
    yield tab
    context.close()


def test_every_version_matches_segno_module_for_module(qr_page) -> None:
    longest = longest_per_version()
    assert sorted(longest) == list(range(1, 41))
    for version, length in longest.items():
        text = text_of(length)
        mask = version % 8
        ours = qr_page.evaluate("([text, mask]) => netguideQR.matrix(text, mask)", [text, mask])
        assert len(ours) == 4 * version + 17, version
        assert ours == segno_matrix(text, mask), f"version {version}, mask {mask}"


@pytest.mark.parametrize("version", [2, 7, 10, 27])
def test_every_mask_matches_segno_and_the_one_picked_is_one_of_them(qr_page, version: int) -> None:
    text = text_of(longest_per_version()[version])
    codes = [segno_matrix(text, mask) for mask in range(8)]
    for mask in range(8):
        assert qr_page.evaluate("([text, mask]) => netguideQR.matrix(text, mask)", [text, mask]) == codes[mask]
    assert qr_page.evaluate("(text) => netguideQR.matrix(text)", text) in codes


def read_back(modules: list[list[bool]], workdir: Path) -> str:
    """The text zbarimg reads from a code drawn 6 pixels a module, with its quiet zone."""
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing: apt-get install zbar-tools (scripts/test installs it)")
    scale, quiet = 6, 4
    side = (len(modules) + 2 * quiet) * scale
    rows = []
    for y in range(side):
        row_y = y // scale - quiet
        rows.append(" ".join("1" if 0 <= row_y < len(modules) and 0 <= x // scale - quiet < len(modules)
                             and modules[row_y][x // scale - quiet] else "0" for x in range(side)))
    image = workdir / "code.pbm"
    image.write_text(f"P1\n{side} {side}\n" + "\n".join(rows) + "\n", encoding="ascii")
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip()


@pytest.mark.parametrize("length", [20, 61, 90, 150, 220, 400])
def test_padded_codes_read_back(qr_page, tmp_path: Path, length: int) -> None:
    text = text_of(length)
    assert read_back(qr_page.evaluate("(text) => netguideQR.matrix(text)", text), tmp_path) == text


def test_text_beyond_any_version_is_refused(qr_page) -> None:
    assert qr_page.evaluate("() => { try { netguideQR.matrix('x'.repeat(2332)); return 'drawn'; } "
                            "catch (error) { return error.name; } }") == "RangeError"
