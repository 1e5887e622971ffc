"""Schemathesis hooks for the intake's contract test (scripts/contract-test).

They make the run meaningful instead of a tour of 401s:

- the kiosk's request signature: schemathesis.toml gives the four kiosk security headers the
  value `sign-at-send`; just before a request leaves, `Session.send` is wrapped so that such a
  request is signed for real (Ed25519 over METHOD PATH, the body's SHA-256, a fresh timestamp and
  nonce) with the test kiosk key the intake trusts. Requests from which schemathesis removed or
  replaced those headers (its `ignored_auth` probes) are sent as they are, and must get 401.
- the dossier's document signature: a `Dossier-Signature` of `role=kiosk; key=…; sig=sign-at-send`
  (`sig=U0lHTi1BVC1TRU5E`) is signed over the exact body bytes (and a staff one with the test staff key when assisted).
- schema-valid requests are made consistent with what the contract states in words: the document's
  `kioskId` is the signing kiosk, its `dossierId` is the `Idempotency-Key`, an assisted document is
  signed by its staff member; half of the schema-valid requests that name a dossier, an upload or a
  kiosk name real ones (made once, at the first call) instead of random ids, so the operations'
  own checks run, not only their 404s. Schema-violating parts are left alone.

- a schema-valid `SealedDossier` is replaced by a real one: a valid document sealed with HPKE
  (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305, written out
  below from the RFC, so the intake's swift-crypto is checked against an independent sealer) to the
  intake's `--seal-key`; its `Dossier-Signature` is made over the sealed document, as the contract says.

Environment: CONTRACT_KEY_DIR (kiosk.key and staff.key, raw 32-byte Ed25519 seeds; seal.pub, the
intake's X25519 public key, base64),
CONTRACT_KIOSK_ID, CONTRACT_STAFF_ID, CONTRACT_BASE_URL, CONTRACT_SEED.
"""
import base64
import hashlib
import json
import os
import random
import time
import uuid

import requests
import schemathesis
import hmac
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives import serialization
from schemathesis.core.parameters import ParameterLocation

PLACEHOLDER = "sign-at-send"
# In Dossier-Signature the placeholder must itself match the header's pattern (base64 characters).
DOC_PLACEHOLDER = "U0lHTi1BVC1TRU5E"
KEY_DIR = os.environ["CONTRACT_KEY_DIR"]
KIOSK_ID = os.environ["CONTRACT_KIOSK_ID"]
STAFF_ID = os.environ["CONTRACT_STAFF_ID"]
BASE_URL = os.environ["CONTRACT_BASE_URL"]
RNG = random.Random(int(os.environ.get("CONTRACT_SEED", "0")))

# tus chunks are raw bytes, like application/octet-stream.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")


def _key(name):
    with open(os.path.join(KEY_DIR, name), "rb") as f:
        return Ed25519PrivateKey.from_private_bytes(f.read())


KIOSK_KEY = _key("kiosk.key")
STAFF_KEY = _key("staff.key")


def b64(data):
    return base64.b64encode(data).decode()


def sign_request(method, path, body, headers):
    digest = b64(hashlib.sha256(body).digest())
    timestamp = str(int(time.time()))
    nonce = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    message = f"{method.upper()} {path}\n{digest}\n{timestamp}\n{nonce}".encode()
    headers["Kiosk-Key-Id"] = KIOSK_ID
    headers["Kiosk-Timestamp"] = timestamp
    headers["Kiosk-Nonce"] = nonce
    headers["Kiosk-Signature"] = b64(KIOSK_KEY.sign(message))


def document_signatures(body, staff):
    parts = [f"role=kiosk; key={KIOSK_ID}; sig={b64(KIOSK_KEY.sign(body))}"]
    if staff:
        parts.append(f"role=staff; key={STAFF_ID}; sig={b64(STAFF_KEY.sign(body))}")
    return ", ".join(parts)


SEALED_SCHEMA = "onestop-kiosk/sealed-dossier/v1"
SEAL_SUITE = "DHKEM(X25519,HKDF-SHA256)/HKDF-SHA256/ChaCha20Poly1305"
with open(os.path.join(KEY_DIR, "seal.pub")) as _f:
    SEAL_PUB = X25519PublicKey.from_public_bytes(base64.b64decode(_f.read().strip()))
# The plain documents inside the sealed ones sent, by dossierId: their Dossier-Signature is over these.
_SEALED = {}


def _extract(salt, ikm):
    return hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()


def _expand(prk, info, length):
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out, i = out + t, i + 1
    return out[:length]


def _labeled_extract(suite, salt, label, ikm):
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite, prk, label, info, length):
    return _expand(prk, struct.pack(">H", length) + b"HPKE-v1" + suite + label + info, length)


def hpke_seal(recipient, info, aad, plaintext):
    """RFC 9180 SetupBaseS + Seal (sequence 0): returns (enc, ciphertext)."""
    kem = b"KEM" + struct.pack(">H", 0x0020)
    suite = b"HPKE" + struct.pack(">HHH", 0x0020, 0x0001, 0x0003)
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    ephemeral = X25519PrivateKey.generate()
    enc = ephemeral.public_key().public_bytes(*raw)
    dh = ephemeral.exchange(recipient)
    eae_prk = _labeled_extract(kem, b"", b"eae_prk", dh)
    shared = _labeled_expand(kem, eae_prk, b"shared_secret", enc + recipient.public_bytes(*raw), 32)
    context = b"\x00" + _labeled_extract(suite, b"", b"psk_id_hash", b"") + _labeled_extract(suite, b"", b"info_hash", info)
    secret = _labeled_extract(suite, shared, b"secret", b"")
    key = _labeled_expand(suite, secret, b"key", context, 32)
    nonce = _labeled_expand(suite, secret, b"base_nonce", context, 12)
    return enc, ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def sealed_dossier(dossier_id, code):
    """A valid document of `dossier_id`, sealed to the intake's key: (envelope dict, plain bytes)."""
    document = json.dumps({
        "schema": "onestop-kiosk/dossier/v1", "dossierId": dossier_id, "dossierCode": code, "kioskId": KIOSK_ID,
        "procedureCode": "1.001193", "procedureName": "Đăng ký khai sinh", "field": "HT", "fieldName": "Hộ tịch",
        "channel": "kiosk", "receivedAt": "2026-11-25T02:15:03Z", "appointmentDate": "2026-11-27",
        "applicant": {"idNumber": "060150001234", "fullName": "Nguyễn Văn An", "identifiedBy": "typed"},
        "answers": [], "originalsAtCounter": [], "attachments": [],
        "consent": {"acceptedAt": "2026-11-25T02:14:51Z", "purpose": "Kiểm thử hợp đồng.", "retention": "7 ngày",
                    "recipients": "onestop-intake", "language": "vi"},
    }, sort_keys=True, separators=(",", ":")).encode()
    aad = f"dossier|{dossier_id}|{code}|1.001193|{KIOSK_ID}".encode()
    enc, ct = hpke_seal(SEAL_PUB, b"onestop-kiosk sealed dossier v1", aad, document)
    return {"schema": SEALED_SCHEMA, "suite": SEAL_SUITE, "dossierId": dossier_id, "dossierCode": code,
            "procedureCode": "1.001193", "kioskId": KIOSK_ID, "enc": b64(enc), "ciphertext": b64(ct)}, document


def _signed_bytes(body):
    """What a Dossier-Signature covers: the body, or the document inside a sealed body this hook made."""
    try:
        envelope = json.loads(body)
    except ValueError:
        return body
    if isinstance(envelope, dict) and envelope.get("schema") == SEALED_SCHEMA:
        return _SEALED.get(envelope.get("dossierId"), body)
    return body


_send = requests.Session.send


def _signing_send(self, request, **kwargs):
    headers = request.headers
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    if DOC_PLACEHOLDER in headers.get("Dossier-Signature", ""):
        headers["Dossier-Signature"] = document_signatures(_signed_bytes(body), staff="role=staff" in headers["Dossier-Signature"])
    if headers.get("Kiosk-Signature") == PLACEHOLDER:
        sign_request(request.method, request.path_url.split("?")[0], body, headers)
    return _send(self, request, **kwargs)


requests.Session.send = _signing_send

# Real resources, made once: a dossier with one declared attachment and its upload.
_REAL = {}


def real():
    if _REAL:
        return _REAL
    dossier_id = "0c6e5b1a-3f0e-4e1b-9d55-%012d" % RNG.randrange(10**12)
    code = "26%010d" % RNG.randrange(10**10)
    content = b"contract test attachment\n" * 40
    sha = hashlib.sha256(content).hexdigest()
    document = json.dumps({
        "schema": "onestop-kiosk/dossier/v1", "dossierId": dossier_id, "dossierCode": code, "kioskId": KIOSK_ID,
        "procedureCode": "1.001193", "procedureName": "Đăng ký khai sinh", "field": "HT", "fieldName": "Hộ tịch",
        "channel": "kiosk", "receivedAt": "2026-11-25T02:15:03Z", "appointmentDate": "2026-11-27",
        "answers": [], "originalsAtCounter": [],
        "consent": {"acceptedAt": "2026-11-25T02:14:51Z", "purpose": "Kiểm thử hợp đồng.", "retention": "7 ngày",
                    "recipients": "onestop-intake", "language": "vi"},
        "attachments": [{"id": "giay-chung-sinh", "sha256": sha, "size": len(content), "mediaType": "text/plain",
                         "title": "Giấy chứng sinh"}],
    }, sort_keys=True, separators=(",", ":")).encode()
    session = requests.Session()

    def call(method, path, body=b"", headers=None):
        h = dict(headers or {})
        h["Kiosk-Signature"] = PLACEHOLDER
        response = session.request(method, BASE_URL + path, data=body, headers=h)
        if response.status_code >= 300:
            raise RuntimeError(f"contract fixture: {method} {path} answered {response.status_code}: {response.text}")
        return response

    call("POST", "/v1/dossiers", document, {"Idempotency-Key": dossier_id, "Content-Type": "application/json",
                                            "Dossier-Signature": f"role=kiosk; key={KIOSK_ID}; sig={DOC_PLACEHOLDER}"})
    metadata = _metadata("giay-chung-sinh", sha)
    created = call("POST", f"/v1/dossiers/{dossier_id}/attachments", b"",
                   {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(content)), "Upload-Metadata": metadata})
    _REAL.update(dossierId=dossier_id, dossierCode=code, uploadId=created.headers["Location"].rsplit("/", 1)[1],
                 kioskId=KIOSK_ID)
    return _REAL


def _negative(case, location):
    return case.meta is not None and case.meta.is_negative_at(location)


def _metadata(attachment_id, sha):
    return ",".join(f"{k} {b64(v.encode())}" for k, v in
                    [("attachment_id", attachment_id), ("sha256", sha), ("media_type", "application/pdf")])


@schemathesis.hook
def before_call(context, case, kwargs):
    label = f"{case.operation.method.upper()} {case.operation.path}"
    if case.path_parameters and not _negative(case, ParameterLocation.PATH) and not case.operation.path.startswith("/v1/operator/"):
        for name in list(case.path_parameters):
            if name in ("dossierId", "dossierCode", "uploadId", "kioskId") and RNG.random() < 0.5:
                case.path_parameters[name] = real()[name]
    headers_ok = not _negative(case, ParameterLocation.HEADER) and case.headers is not None
    if label == "POST /v1/dossiers/{dossierId}/attachments" and headers_ok and "Upload-Metadata" in case.headers:
        # The contract states the metadata's keys and the sha256's form in words (no pattern can).
        case.headers["Upload-Metadata"] = _metadata(f"att-{RNG.randrange(10**6)}", hashlib.sha256(os.urandom(8)).hexdigest())
    if label != "POST /v1/dossiers":
        return
    body_ok = not _negative(case, ParameterLocation.BODY) and isinstance(case.body, dict)
    assisted = False
    if body_ok:
        if "kioskId" in case.body:
            case.body["kioskId"] = KIOSK_ID
        if "assistedBy" in case.body:
            case.body["assistedBy"] = STAFF_ID
            assisted = True
        if "staffSignatureKind" in case.body:
            # The hook's staff member signs with an Ed25519 key, not a token (tokens are tested in Swift).
            case.body["staffSignatureKind"] = "software-key"
    if headers_ok and "Idempotency-Key" in case.headers:
        # A fresh dossier each time: reusing a key with another body is 422 by contract (tested in Swift).
        key = str(uuid.UUID(int=RNG.getrandbits(128), version=4))
        case.headers["Idempotency-Key"] = key
        if body_ok and "dossierId" in case.body:
            case.body["dossierId"] = key
    if body_ok and case.body.get("schema") == SEALED_SCHEMA:
        # A real seal of a valid document (random bytes cannot open): what a kiosk with the key sends.
        dossier_id = (case.headers or {}).get("Idempotency-Key") if headers_ok else None
        dossier_id = dossier_id or str(uuid.UUID(int=RNG.getrandbits(128), version=4))
        envelope, document = sealed_dossier(dossier_id, "26%010d" % RNG.randrange(10**10))
        _SEALED[dossier_id] = document
        case.body.clear()
        case.body.update(envelope)
        assisted = False
    if headers_ok and "Dossier-Signature" in case.headers:
        value = f"role=kiosk; key={KIOSK_ID}; sig={DOC_PLACEHOLDER}"
        if assisted:
            value += f", role=staff; key={STAFF_ID}; sig={DOC_PLACEHOLDER}"
        case.headers["Dossier-Signature"] = value


def _headers_violate_their_schemas(case):
    """Whether a header the request carries does not match the schema its parameter declares."""
    validator = case.operation.schema.adapter.jsonschema_validator_cls
    for parameter in case.operation.headers:
        value = (case.headers or {}).get(parameter.name)
        if isinstance(value, str) and not validator(parameter.optimized_schema).is_valid(value):
            return True
    return False


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Two reports that are not the intake's fault are dropped; every other failure is kept.

    - HTTP servers ignore header fields they do not know (RFC 9110 §5.1): a request whose fault is
      schemathesis's extra `x-schemathesis-unknown-property` header is not data to refuse.
    - "Schema-valid request rejected" for a request one of whose headers does not match its declared
      schema (e.g. `Upload-Checksum: 0` against `^sha256 [A-Za-z0-9+/]{43}=$`): it was not schema-valid.
    """
    kind = type(failure).__name__
    extra = any(name.lower() == "x-schemathesis-unknown-property" for name in (case.headers or {}))
    if extra and kind == "AcceptedNegativeData":
        return False
    if kind == "RejectedPositiveData" and _headers_violate_their_schemas(case):
        return False
    return True
