"""Ed25519 signature verification in pure Python, from the group law of RFC 8032 (section 5.1):
the fallback where the platform's WebCrypto has no Ed25519. Verification is cofactorless and compares
the encoding of [S]B - [k]A with R byte for byte, S must be below L, and A is decoded the way
OpenSSL decodes it (the C++ client's verifier), so both accept exactly the same signatures."""

import hashlib

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    """The x of the curve point with this y and sign bit of x, or None when there is none."""
    yy = y * y % P
    u = (yy - 1) % P
    v = (D * yy + 1) % P
    # x = (u/v)^((p+3)/8) = u v^3 (u v^7)^((p-5)/8)
    v3 = v * v % P * v % P
    x = u * v3 % P * pow(u * v3 % P * v3 % P * v % P, (P - 5) // 8, P) % P
    vxx = v * x % P * x % P
    if vxx == u:
        pass
    elif vxx == (-u) % P:
        x = x * SQRT_M1 % P
    else:
        return None
    if (x & 1) != sign:
        x = (-x) % P
    return x


def _decode_point(raw):
    """Extended coordinates (X, Y, Z, T) of a 32-byte encoding, or None. Like OpenSSL's
    ge_frombytes_vartime: the 255-bit y is taken modulo p, and x = 0 with the sign bit set is 0."""
    n = int.from_bytes(raw, "little")
    y = (n & ((1 << 255) - 1)) % P
    x = _recover_x(y, n >> 255)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


def _add(p, q):
    x1, y1, z1, t1 = p
    x2, y2, z2, t2 = q
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = 2 * D * t1 * t2 % P
    d = 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _double(p):
    x1, y1, z1, _ = p
    a = x1 * x1 % P
    b = y1 * y1 % P
    c = 2 * z1 * z1 % P
    h = a + b
    e = h - (x1 + y1) * (x1 + y1)
    g = a - b
    f = c + g
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _encode(p):
    x, y, z, _ = p
    zi = pow(z, P - 2, P)
    x, y = x * zi % P, y * zi % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


_BY = 4 * pow(5, P - 2, P) % P
_BX = _recover_x(_BY, 0)
BASE = (_BX, _BY, 1, _BX * _BY % P)
_IDENTITY = (0, 1, 1, 0)


def _double_scalar(s, b, k, a):
    """[s]b + [k]a, both scalars at once (Straus)."""
    both = _add(b, a)
    r = _IDENTITY
    for i in range(max(s.bit_length(), k.bit_length()) - 1, -1, -1):
        r = _double(r)
        bits = ((s >> i) & 1, (k >> i) & 1)
        if bits == (1, 1):
            r = _add(r, both)
        elif bits[0]:
            r = _add(r, b)
        elif bits[1]:
            r = _add(r, a)
    return r


def verify(public_key, message, signature):
    """True when signature (64 bytes) is a valid Ed25519 signature of message by public_key (32 bytes)."""
    public_key, message, signature = bytes(public_key), bytes(message), bytes(signature)
    if len(public_key) != 32 or len(signature) != 64:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= L:
        return False
    a = _decode_point(public_key)
    if a is None:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % L
    minus_a = ((-a[0]) % P, a[1], a[2], (-a[3]) % P)
    return _encode(_double_scalar(s, BASE, k, minus_a)) == signature[:32]
