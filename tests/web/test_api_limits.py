"""Issue 14: POST /api/extract's limits are enforced before work; odd text is no 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from faultline.store import open_store
from faultline.web import api, create_app, open_readonly

TEXT = "Soldiers killed four militants near Warri, Nigeria, on Monday, the army said."


@pytest.fixture(scope="module")
def client(tmp_path_factory, resources):
    path = tmp_path_factory.mktemp("api") / "empty.db"
    open_store(str(path)).close()
    store = open_readonly(str(path))
    with TestClient(create_app(store, resources=lambda: resources)) as test_client:
        yield test_client
    store.close()


@pytest.mark.model
def test_a_lone_surrogate_is_replaced_not_a_500(client) -> None:
    body = '{"id": "s\\ud800", "published": "2024-06-12", "text": "' + TEXT + ' \\udfff"}'
    response = client.post("/api/extract", content=body,
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["article"]["id"] == "s\ufffd" and result["article"]["text"].endswith("\ufffd")
    assert "read.unencodable" in [p["code"] for p in result["problems"]]


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, monkeypatch) -> None:
    monkeypatch.setitem(client.app.state._state, "pipeline", lambda r: pytest.fail("no work"))
    body = '{"text": "' + "word " * (api.MAX_BODY_BYTES // 5) + '"}'
    response = client.post("/api/extract", content=body,
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert "over the limit of 8,000,000" in response.json()["detail"]


def test_a_text_over_the_limit_is_refused_before_work(client, monkeypatch) -> None:
    monkeypatch.setitem(client.app.state._state, "pipeline", lambda r: pytest.fail("no work"))
    text = "word " * (api.MAX_TEXT_CHARS // 5 + 1)
    assert client.post("/api/extract", json={"text": text}).status_code == 422


def test_a_body_of_unknown_length_is_refused(client) -> None:
    def chunks():
        yield b'{"text": "' + TEXT.encode() + b'"}'

    response = client.post("/api/extract", content=chunks(),
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 411


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_outside_1900_2100_is_a_422(client, published) -> None:
    response = client.post("/api/extract", json={"text": TEXT, "published": published})
    assert response.status_code == 422
    assert "outside 1900-2100" in response.json()["detail"]
