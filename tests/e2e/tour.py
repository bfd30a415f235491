"""Rewrite the README's Tour section from the journey's screenshots (``scripts/tour`` runs the journey with
``JOURNEY_SHOTS=docs/tour``, then this). The section lies between the two markers below; everything else
in the README is left as it is. Shown: every step of the Magento 2 walk, and the one step the Magento 1
walk adds (moving the account to the Magento 1 store); the screenshots the section does not show are
removed, so the repository keeps only what the README shows.

    python -m tests.e2e.tour README.md docs/tour
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

START, END = "<!-- tour:start -->", "<!-- tour:end -->"
MAIN, EXTRA = "magento2", "magento1"
EXTRA_STEPS = ("magento1-connection",)  # the Magento 1 walk's own step; the rest is the same walk


def shots(folder: Path, platform: str) -> list[dict[str, str]]:
    listed: list[dict[str, str]] = json.loads((folder / platform / "tour.json").read_text())
    return listed


def section(folder: Path, readme_dir: Path) -> tuple[str, set[Path]]:
    """The Tour's markdown and the image files it shows."""
    shown: set[Path] = set()
    lines = [START, ""]
    for step, shot in enumerate(shots(folder, MAIN), start=1):
        path = folder / MAIN / shot["file"]
        shown.add(path)
        lines += [f"**{step}. {shot['title']}.** {shot['caption']}", ""]
        lines += [f"![{shot['title']}]({path.relative_to(readme_dir).as_posix()})", ""]
    extra = [s for s in shots(folder, EXTRA) if any(s["file"].endswith(f"-{n}.jpg") for n in EXTRA_STEPS)]
    if extra:
        lines += ["On Magento 1 the walk is the same, after one more step on the Configuration page:", ""]
    for shot in extra:
        path = folder / EXTRA / shot["file"]
        shown.add(path)
        lines += [f"**{shot['title']}.** {shot['caption']}", ""]
        lines += [f"![{shot['title']}]({path.relative_to(readme_dir).as_posix()})", ""]
    lines.append(END)
    return "\n".join(lines), shown


def rewrite(readme: Path, folder: Path) -> set[Path]:
    """Replace the README's section between the markers; return the images it shows."""
    text = readme.read_text()
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise SystemExit(f"{readme}: expected one {START} … {END} section")
    body, shown = section(folder.resolve(), readme.resolve().parent)
    head, rest = text.split(START)
    _, tail = rest.split(END)
    readme.write_text(head + body + tail)
    return shown


def prune(folder: Path, shown: set[Path]) -> list[Path]:
    """Remove the screenshots the Tour does not show (the failure shot, the Magento 1 walk's repeats)."""
    removed = [p for p in sorted(folder.resolve().glob("*/*.jpg")) if p not in shown]
    for path in [*removed, *folder.resolve().glob("*/*.png")]:
        path.unlink()
    return removed


def main(argv: list[str]) -> None:
    readme, folder = Path(argv[0]), Path(argv[1])
    shown = rewrite(readme, folder)
    prune(folder, shown)
    print(f"{readme}: Tour rewritten with {len(shown)} screenshots from {folder}")


if __name__ == "__main__":
    main(sys.argv[1:])
