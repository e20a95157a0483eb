"""A self-signed seal for the demo and the tests: a root certificate and the seal
certificate it issues, the seal's key and chain in a PKCS#12 file. Production
agencies use a seal certificate from a qualified provider instead."""

from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils import timezone


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Portail"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(subject, issuer, public_key, signing_key, *, ca: bool):
    now = timezone.now()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650 if ca else 825))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
    return builder.sign(signing_key, hashes.SHA256())


def seal_create(*, pkcs12_path: Path, root_path: Path, name: str, password: str = ""):
    """Write a root (PEM) and a seal issued by it (PKCS#12) for `name`."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _certificate(
        _name(f"{name} — racine"),
        _name(f"{name} — racine"),
        root_key.public_key(),
        root_key,
        ca=True,
    )
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = _certificate(
        _name(f"{name} — cachet"),
        root.subject,
        seal_key.public_key(),
        root_key,
        ca=False,
    )
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    pkcs12_path.parent.mkdir(parents=True, exist_ok=True)
    root_path.parent.mkdir(parents=True, exist_ok=True)
    pkcs12_path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name.encode(), seal_key, seal, [root], encryption
        )
    )
    root_path.write_bytes(root.public_bytes(serialization.Encoding.PEM))
