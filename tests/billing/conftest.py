import pytest

from billing.seal_keys import seal_create
from billing.services import terms_publish
from tests.documents import pdf_upload


@pytest.fixture(scope="session")
def seal_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seal")
    seal_create(
        pkcs12_path=folder / "seal.p12",
        root_path=folder / "root.pem",
        name="Agence test",
        password="secret-de-test",
    )
    return folder


@pytest.fixture
def seal(settings, seal_files):
    settings.PORTAL_SEAL_PKCS12 = str(seal_files / "seal.p12")
    settings.PORTAL_SEAL_ROOT = str(seal_files / "root.pem")
    settings.PORTAL_SEAL_PASSWORD = "secret-de-test"
    return seal_files


@pytest.fixture
def terms(agency):
    return terms_publish(
        agency=agency, version="2026-11", upload=pdf_upload(title="CGV")
    )
