"""The screenshots the metainfo and the README show are the ones in
data/screenshots/: each image the metainfo names exists there and is a PNG,
and each picture the README shows exists too."""

import os
import re
import sys

root = os.environ["LINEUP_SOURCE_ROOT"]
shots = os.path.join(root, "data", "screenshots")
failures = []

with open(os.path.join(root, "data", "io.github.lineup.Lineup.metainfo.xml.in"), encoding="utf-8") as f:
    metainfo = f.read()
images = re.findall(r"<image>([^<]+)</image>", metainfo)
if not images:
    failures.append("the metainfo shows no screenshot")
for url in images:
    name = url.rsplit("/", 1)[-1]
    if not url.endswith("/data/screenshots/" + name):
        failures.append(f"metainfo image {url} is not under data/screenshots/")
    path = os.path.join(shots, name)
    if not os.path.isfile(path):
        failures.append(f"metainfo image {url}: no data/screenshots/{name}")
        continue
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            failures.append(f"data/screenshots/{name} is not a PNG")

with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
    readme = f.read()
pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
for pic in pictures:
    if not os.path.isfile(os.path.join(root, pic)):
        failures.append(f"README shows {pic}, which does not exist")
for needed in ("data/screenshots/calendar.png", "data/screenshots/board.png", "data/screenshots/mix.png"):
    if needed not in pictures:
        failures.append(f"README does not show {needed}")

for f in failures:
    print("FAIL:", f)
print(f"{len(images)} metainfo screenshots, {len(pictures)} README pictures checked")
sys.exit(1 if failures else 0)
