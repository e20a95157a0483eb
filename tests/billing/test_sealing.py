import io
import json

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from billing import signatures as services
from billing.sealing import seal, verify
from tests.billing.signing import signed_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(client_account, terms, seal):
    """A quote's signature confirmed, not sealed yet."""
    return signed_signature(client_account, seal=False)


def original_of(signature):
    with signature.quote.document.file.open("rb") as stream:
        return stream.read()


def test_the_sealed_pdf_validates_and_keeps_the_original(signed, agency):
    original = original_of(signed)
    sealed = seal(signed, original)
    assert sealed.startswith(original)
    result = verify(sealed, agency)
    assert result["intact"] and result["trusted"] and result["covers_whole_file"]
    assert not result["timestamped"]  # no time-stamping server in the tests


def test_one_changed_byte_breaks_the_seal(signed, agency):
    sealed = bytearray(seal(signed, original_of(signed)))
    position = sealed.index(b"Preuve") if b"Preuve" in sealed else len(sealed) // 3
    sealed[position] ^= 0x01
    assert not verify(bytes(sealed), agency)["intact"]


def test_the_evidence_travels_inside_the_pdf(signed):
    reader = PdfFileReader(io.BytesIO(seal(signed, original_of(signed))))
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    proof = json.loads(spec["/EF"]["/F"].get_object().data)
    assert [e["step"] for e in proof["events"]][-1] == "code_verified"
    assert proof["events"][0]["data"]["document"]["sha256"] == signed.document_sha256


def test_a_pdf_changed_since_it_was_shown_is_not_sealed(signed):
    from billing.sealing import SealError

    with pytest.raises(SealError):
        seal(signed, original_of(signed) + b"\n%changed")


def test_sealing_twice_changes_nothing(signed):
    first = services.signature_seal(signature=signed)
    again = services.signature_seal(signature=signed)
    assert first.signed_document_id and again.signed_document_id == (
        first.signed_document_id
    )


def test_a_configured_time_stamp_server_stamps_the_seal(signed, agency, monkeypatch):
    from asn1crypto import keys, x509
    from cryptography import x509 as pyca
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509.oid import ExtendedKeyUsageOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    from billing import sealing
    from tests.certificates import key_bytes, self_signed

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = pyca.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING])
    certificate = self_signed(key, "TSA de test", days=30, extensions=[(usage, True)])
    stamper = DummyTimeStamper(
        tsa_cert=x509.Certificate.load(certificate.public_bytes(Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(key_bytes(key, Encoding.DER)),
    )
    monkeypatch.setattr(sealing, "timestamper", lambda: stamper)
    result = verify(seal(signed, original_of(signed)), agency)
    assert result["intact"] and result["timestamped"]


def test_the_sealed_evidence_says_whose_address_received_the_code(signed):
    from billing.evidence import evidence_json
    from billing.sealing import _lines

    events = evidence_json(signed)
    (sent,) = [e for e in events if e["step"] == "code_sent"]
    assert sent["data"]["contact"]["account_created_via"] == "password_typed"
    page = "\n".join(_lines(signed, events))
    assert "Adresse du compte : camille@example.org" in page
    assert "Adresse confirmée par le client : Non" in page
    assert "Identifiants du compte : Mot de passe saisi par l'agence" in page
