#!/usr/bin/python3
"""The HTML report in a real browser: headless Chromium loads the page of
the fixture run (`--out report.html`), the page's script must run to its
end without a console error, every statement is where its manager-id
anchor says, the run's standing (a draft) is a banner on the first screen,
and a screenshot must show the page (not a blank image).
Usage: check_html_chromium.py MERIT FIXTURE_SQL WORK_DIR
Exit 77 (skipped) when Chromium is not installed."""
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib

merit, fixture, work = sys.argv[1], sys.argv[2], sys.argv[3]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("chromium not installed: skipped")
    sys.exit(77)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
ws = os.path.join(work, "ws.merit")
subprocess.run([merit, "init", ws], check=True, capture_output=True)
with sqlite3.connect(ws) as db, open(fixture, encoding="utf-8") as sql:
    db.executescript(sql.read())
html_file = os.path.join(work, "report.html")
subprocess.run([merit, "report", ws, "--run", "1", "--format", "html", "--out", html_file], check=True,
               capture_output=True)
page = "file://" + os.path.abspath(html_file)
failures = []


def browse(*extra):
    profile = tempfile.mkdtemp(prefix="merit-chromium-", dir=work)
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", *extra, page]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    return result


def console_problems(stderr):
    # The page logs nothing; any console line or uncaught exception is a fault.
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


dom = browse("--dump-dom")
if dom.returncode != 0:
    failures.append(f"chromium --dump-dom failed ({dom.returncode}): {dom.stderr[-2000:]}")
if 'data-ready="1"' not in dom.stdout:
    failures.append("the page's script did not run to its end (no data-ready on <body>)")
if dom.stdout.count('class="statement"') != 3:
    failures.append("expected 3 statements in the rendered page")
# Anchors by manager id: each ranking link points at the statement of the
# manager it names, whatever the row's position.
for manager in ("M01", "M02", "M03"):
    if f'<article class="statement" id="manager-{manager}">' not in dom.stdout:
        failures.append(f"no statement anchored #manager-{manager}")
    if f'href="#manager-{manager}"' not in dom.stdout:
        failures.append(f"the ranking does not link #manager-{manager}")
failures += [f"console: {line}" for line in console_problems(dom.stderr)]
# The fixture run is a draft: the page says so above everything else.
if '<p class="standing standing-draft" id="standing" role="status"><strong>草稿</strong>' not in dom.stdout:
    failures.append("no draft banner (#standing) in the rendered page")


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA PNG (what Chromium writes): (width, height, rows of bytes, bytes per pixel)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"unsupported PNG depth {depth} colour type {colour}")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            up_left = previous[i - bpp] if i >= bpp else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows, bpp


shot_path = os.path.join(work, "page.png")
shot = browse("--screenshot=" + shot_path, "--window-size=1200,900", "--hide-scrollbars")
if shot.returncode != 0 or not os.path.exists(shot_path):
    failures.append(f"chromium --screenshot failed ({shot.returncode}): {shot.stderr[-2000:]}")
else:
    width, height, rows, bpp = png_pixels(shot_path)
    colours, background = set(), rows[height - 1][:3]
    differing = 0
    for y in range(0, height, 3):
        row = rows[y]
        for x in range(0, width * bpp, bpp * 3):
            pixel = row[x:x + 3]
            colours.add(pixel)
            if pixel != background:
                differing += 1
    sampled = ((height + 2) // 3) * ((width + 2) // 3)
    # The header band, the chart bars and text give many colours over a good part of the page.
    if len(colours) < 20 or differing < sampled // 20:
        failures.append(f"screenshot looks blank: {len(colours)} colours, {differing}/{sampled} non-background")
    failures += [f"console: {line}" for line in console_problems(shot.stderr)]
    # ... and the banner's colour (#fff4cc) is on the first screen, under the title band.
    draft = bytes((0xFF, 0xF4, 0xCC))
    banner_rows = [y for y in range(min(height, 300)) if draft in
                   [rows[y][x:x + 3] for x in range(0, width * bpp, bpp)]]
    if len(banner_rows) < 20:
        failures.append(f"the draft banner is not on the first screen ({len(banner_rows)} rows of its colour)")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("the page renders in Chromium without console errors, the draft banner on its first screen; "
      "the screenshot is not blank")
