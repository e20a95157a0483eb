import pytest

from tests.conftest import portal_url

pytestmark = pytest.mark.django_db


class TestErrorShape:
    @pytest.mark.parametrize(
        ("body", "content_type", "status", "code"),
        [
            # Malformed JSON is invalid input.
            ("{not json", "application/json", 400, "invalid"),
            # A body that is not JSON at all is refused with 415.
            (
                "identifier=x",
                "application/x-www-form-urlencoded",
                415,
                "unsupported_media_type",
            ),
        ],
    )
    def test_a_body_that_is_not_json_is_refused_in_the_error_shape(
        self, api, agency, body, content_type, status, code
    ):
        response = api.post(
            portal_url("alpha-clients", "auth/login"), body, content_type=content_type
        )
        assert response.status_code == status
        assert response.json()["error"]["code"] == code

    @pytest.mark.parametrize(
        "path", ["/api/", "/api/v1/nothing", "/api/v1/portals/alpha-clients/nothing"]
    )
    def test_unknown_routes_under_api_answer_json_404(self, api, agency, path):
        response = api.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "error": {"code": "not_found", "message": "Ressource introuvable."}
        }

    def test_wrong_method_answers_405_in_the_error_shape(self, api, agency):
        response = api.delete(portal_url("alpha-clients", "config"))
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"

    def test_validation_errors_list_messages_per_field(self, api, agency):
        response = api.post(
            portal_url("alpha-clients", "auth/login"), {}, format="json"
        )
        error = response.json()["error"]
        assert set(error["fields"]) == {"identifier", "password"}
        assert error["fields"]["password"] == ["Champ requis."]

    def test_messages_follow_the_request_language(self, api, agency):
        response = api.get("/api/v1/nothing", HTTP_ACCEPT_LANGUAGE="en")
        assert response.json()["error"]["message"] == "Not found."

    def test_an_unexpected_error_answers_json_500(self, agency, monkeypatch):
        from django.test import Client

        from portal_api import content

        def explode(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(content.ConfigApi, "get", explode)
        browser = Client(raise_request_exception=False)
        response = browser.get(portal_url("alpha-clients", "config"))
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "server_error"


def test_a_write_to_an_unknown_api_route_is_a_json_404(db):
    from django.test import Client as BrowserClient

    response = BrowserClient(enforce_csrf_checks=True).post("/api/v1/nothing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
