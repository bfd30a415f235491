"""The README's Tour, rebuilt from the journey's screenshots (``tests/e2e/tour.py``, run by scripts/tour)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e import tour


def _walk(folder: Path, platform: str, names: list[str]) -> None:
    (folder / platform).mkdir(parents=True)
    listed = []
    for index, name in enumerate(names, start=1):
        file = f"{index:02d}-{name}.jpg"
        (folder / platform / file).write_bytes(b"jpeg")
        listed.append({"file": file, "title": name.title(), "caption": f"The {name} step."})
    (folder / platform / "tour.json").write_text(json.dumps(listed))


def test_the_section_between_the_markers_is_rewritten_and_unshown_shots_removed(tmp_path: Path) -> None:
    shots = tmp_path / "docs" / "tour"
    _walk(shots, "magento2", ["dashboard", "orders"])
    _walk(shots, "magento1", ["dashboard", "magento1-connection", "orders"])
    (shots / "magento2" / "failure.png").write_bytes(b"png")
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n## Tour\n\n{tour.START}\nold text\n{tour.END}\n\n## Next\n")

    tour.main([str(readme), str(shots)])

    assert readme.read_text() == (
        "# Title\n\n## Tour\n\n"
        f"{tour.START}\n\n"
        "**1. Dashboard.** The dashboard step.\n\n![Dashboard](docs/tour/magento2/01-dashboard.jpg)\n\n"
        "**2. Orders.** The orders step.\n\n![Orders](docs/tour/magento2/02-orders.jpg)\n\n"
        "On Magento 1 the walk is the same, after one more step on the Configuration page:\n\n"
        "**Magento1-Connection.** The magento1-connection step.\n\n"
        "![Magento1-Connection](docs/tour/magento1/02-magento1-connection.jpg)\n\n"
        f"{tour.END}\n\n## Next\n"
    )
    left = sorted(p.relative_to(shots).as_posix() for p in shots.glob("*/*") if p.name != "tour.json")
    assert left == [
        "magento1/02-magento1-connection.jpg",
        "magento2/01-dashboard.jpg",
        "magento2/02-orders.jpg",
    ]


def test_a_readme_without_the_markers_is_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n")
    _walk(tmp_path / "tour", "magento2", ["dashboard"])
    with pytest.raises(SystemExit, match="expected one"):
        tour.rewrite(readme, tmp_path / "tour")
    assert readme.read_text() == "# Title\n"
