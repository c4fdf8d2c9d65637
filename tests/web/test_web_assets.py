"""The map's vendor files (faultline/web/assets.py) and the `serve` command's refusals."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from faultline import cli
from faultline.web.assets import INSTALL_HINT, VENDOR, install_assets, missing_assets


def test_install_copies_every_vendor_file_from_node_modules(tmp_path) -> None:
    node_modules, target = tmp_path / "node_modules", tmp_path / "vendor"
    for source, _ in VENDOR:
        (node_modules / source).parent.mkdir(parents=True, exist_ok=True)
        (node_modules / source).write_text(source, encoding="utf-8")
    assert missing_assets(target) == [name for _, name in VENDOR]
    install_assets(node_modules, target)
    assert missing_assets(target) == []
    leaflet = dict(VENDOR)["leaflet/dist/leaflet.js"]
    assert (target / leaflet).read_text(encoding="utf-8") == "leaflet/dist/leaflet.js"


def test_install_names_the_first_file_npm_did_not_install(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="npm ci"):
        install_assets(tmp_path / "node_modules", tmp_path / "vendor")
    assert not (tmp_path / "vendor").exists()


def test_the_installed_assets_are_all_there() -> None:
    """`make install` ran `make assets`; the map cannot be drawn without them."""
    assert missing_assets() == [], INSTALL_HINT


@pytest.mark.parametrize(("args", "message"), [
    (["serve", "--db", "no-such-store.db"], "no database at"),
    (["serve", "--db", "mysql://localhost/events"], "unsupported database URL"),
    (["serve", "--port", "0"], "Invalid value"),
])  # fmt: skip
def test_serve_refuses_what_it_cannot_serve(tmp_path, monkeypatch, args, message) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code != 0
    assert message in result.output
    assert list(tmp_path.iterdir()) == []  # no database was created
