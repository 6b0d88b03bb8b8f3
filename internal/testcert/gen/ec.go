package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/asn1"
	"fmt"
	"math/big"
)

// curve is a short-Weierstrass curve y² = x³ + ax + b over GF(p). Go's crypto
// has only the NIST curves, so keys and signatures on brainpoolP256r1 and
// secp256k1 are made here with math/big. This is test-fixture code: it runs
// once in the generator, is not constant-time, and its signatures are checked
// by verify below (and by openssl when present) before anything is written.
type curve struct {
	name                  string
	oid                   asn1.ObjectIdentifier
	p, a, b, gx, gy, n, h *big.Int
	bytes                 int
}

func hexInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bad hex constant " + s)
	}
	return v
}

// The domain parameters are those of RFC 5639 §3.4 (brainpoolP256r1) and
// SEC 2 §2.4.1 (secp256k1); `openssl ecparam -param_enc explicit -text`
// prints the same values.
var (
	brainpoolP256r1 = &curve{
		name:  "brainpoolP256r1",
		oid:   asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 7},
		p:     hexInt("A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377"),
		a:     hexInt("7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9"),
		b:     hexInt("26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6"),
		gx:    hexInt("8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262"),
		gy:    hexInt("547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997"),
		n:     hexInt("A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7"),
		h:     big.NewInt(1),
		bytes: 32,
	}
	secp256k1 = &curve{
		name:  "secp256k1",
		oid:   asn1.ObjectIdentifier{1, 3, 132, 0, 10},
		p:     hexInt("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F"),
		a:     big.NewInt(0),
		b:     big.NewInt(7),
		gx:    hexInt("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"),
		gy:    hexInt("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8"),
		n:     hexInt("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"),
		h:     big.NewInt(1),
		bytes: 32,
	}
)

// point is an affine point; x == nil is the point at infinity.
type point struct{ x, y *big.Int }

func (c *curve) mod(v *big.Int) *big.Int { return v.Mod(v, c.p) }

func (c *curve) onCurve(q point) bool {
	if q.x == nil {
		return false
	}
	lhs := c.mod(new(big.Int).Mul(q.y, q.y))
	rhs := new(big.Int).Exp(q.x, big.NewInt(3), c.p)
	rhs.Add(rhs, new(big.Int).Mul(c.a, q.x))
	rhs.Add(rhs, c.b)
	return lhs.Cmp(c.mod(rhs)) == 0
}

func (c *curve) add(p1, p2 point) point {
	if p1.x == nil {
		return p2
	}
	if p2.x == nil {
		return p1
	}
	var lambda *big.Int
	if p1.x.Cmp(p2.x) == 0 {
		if new(big.Int).Add(p1.y, p2.y).Cmp(c.p) == 0 || p1.y.Sign() == 0 && p2.y.Sign() == 0 {
			return point{}
		}
		// Tangent: (3x² + a) / 2y.
		num := new(big.Int).Mul(p1.x, p1.x)
		num.Mul(num, big.NewInt(3)).Add(num, c.a)
		den := new(big.Int).Lsh(p1.y, 1)
		lambda = c.mod(num.Mul(num, new(big.Int).ModInverse(c.mod(den), c.p)))
	} else {
		num := new(big.Int).Sub(p2.y, p1.y)
		den := c.mod(new(big.Int).Sub(p2.x, p1.x))
		lambda = c.mod(num.Mul(num, new(big.Int).ModInverse(den, c.p)))
	}
	x := new(big.Int).Mul(lambda, lambda)
	x.Sub(x, p1.x).Sub(x, p2.x)
	c.mod(x)
	y := new(big.Int).Sub(p1.x, x)
	y.Mul(y, lambda).Sub(y, p1.y)
	return point{x, c.mod(y)}
}

func (c *curve) mul(k *big.Int, q point) point {
	var r point
	for i := k.BitLen() - 1; i >= 0; i-- {
		r = c.add(r, r)
		if k.Bit(i) == 1 {
			r = c.add(r, q)
		}
	}
	return r
}

func (c *curve) base() point { return point{c.gx, c.gy} }

// check is the generator's self-test of the constants: G on the curve, nG = O.
func (c *curve) check() error {
	if !c.onCurve(c.base()) {
		return fmt.Errorf("%s: G is not on the curve", c.name)
	}
	if c.mul(c.n, c.base()).x != nil {
		return fmt.Errorf("%s: nG is not the point at infinity", c.name)
	}
	return nil
}

// hashInt is the leftmost bits of the digest as an integer (SEC 1 §4.1.3).
func (c *curve) hashInt(digest []byte) *big.Int {
	e := new(big.Int).SetBytes(digest)
	if excess := len(digest)*8 - c.n.BitLen(); excess > 0 {
		e.Rsh(e, uint(excess))
	}
	return e
}

// ecKey is a private key on one of the curves above.
type ecKey struct {
	c *curve
	d *big.Int
	q point
}

func (c *curve) keyFromScalar(d *big.Int) *ecKey {
	return &ecKey{c: c, d: d, q: c.mul(d, c.base())}
}

// uncompressed is the SEC 1 encoding 04 || X || Y.
func (k *ecKey) uncompressed() []byte {
	out := []byte{4}
	out = append(out, k.q.x.FillBytes(make([]byte, k.c.bytes))...)
	return append(out, k.q.y.FillBytes(make([]byte, k.c.bytes))...)
}

// sign makes an ECDSA signature (DER SEQUENCE of r, s). The nonce comes from
// HMAC-SHA256 over the key and digest, so the same input always gives the
// same signature and regeneration is byte-stable.
func (k *ecKey) sign(digest []byte) []byte {
	c := k.c
	e := c.hashInt(digest)
	for ctr := byte(0); ; ctr++ {
		mac := hmac.New(sha256.New, k.d.Bytes())
		mac.Write(digest)
		mac.Write([]byte{ctr})
		nonce := new(big.Int).SetBytes(mac.Sum(nil))
		nonce.Mod(nonce, new(big.Int).Sub(c.n, big.NewInt(1))).Add(nonce, big.NewInt(1))
		r := new(big.Int).Mod(c.mul(nonce, c.base()).x, c.n)
		if r.Sign() == 0 {
			continue
		}
		s := new(big.Int).Mul(r, k.d)
		s.Add(s, e).Mul(s, new(big.Int).ModInverse(nonce, c.n)).Mod(s, c.n)
		if s.Sign() == 0 {
			continue
		}
		return seq(derInt(r), derInt(s))
	}
}

// verify checks an ECDSA signature made by sign (or anyone else).
func (c *curve) verify(q point, digest, sig []byte) bool {
	var rs struct{ R, S *big.Int }
	if rest, err := asn1.Unmarshal(sig, &rs); err != nil || len(rest) != 0 {
		return false
	}
	if rs.R.Sign() <= 0 || rs.S.Sign() <= 0 || rs.R.Cmp(c.n) >= 0 || rs.S.Cmp(c.n) >= 0 {
		return false
	}
	w := new(big.Int).ModInverse(rs.S, c.n)
	u1 := new(big.Int).Mul(c.hashInt(digest), w)
	u1.Mod(u1, c.n)
	u2 := new(big.Int).Mul(rs.R, w)
	u2.Mod(u2, c.n)
	p := c.add(c.mul(u1, c.base()), c.mul(u2, q))
	if p.x == nil {
		return false
	}
	return new(big.Int).Mod(p.x, c.n).Cmp(rs.R) == 0
}

// sec1PrivateKey is RFC 5915 ECPrivateKey, the "EC PRIVATE KEY" PEM body
// openssl writes and reads for any named curve.
type sec1PrivateKey struct {
	Version    int
	PrivateKey []byte
	Curve      asn1.ObjectIdentifier `asn1:"optional,explicit,tag:0"`
	PublicKey  asn1.BitString        `asn1:"optional,explicit,tag:1"`
}

func (k *ecKey) marshalSEC1() ([]byte, error) {
	pub := k.uncompressed()
	return asn1.Marshal(sec1PrivateKey{
		Version:    1,
		PrivateKey: k.d.FillBytes(make([]byte, k.c.bytes)),
		Curve:      k.c.oid,
		PublicKey:  asn1.BitString{Bytes: pub, BitLength: len(pub) * 8},
	})
}

func parseSEC1(der []byte) (*ecKey, error) {
	var s sec1PrivateKey
	if _, err := asn1.Unmarshal(der, &s); err != nil {
		return nil, err
	}
	for _, c := range []*curve{brainpoolP256r1, secp256k1} {
		if c.oid.Equal(s.Curve) {
			k := c.keyFromScalar(new(big.Int).SetBytes(s.PrivateKey))
			if string(k.uncompressed()) != string(s.PublicKey.Bytes) {
				return nil, fmt.Errorf("%s key: stored public key does not match the private scalar", c.name)
			}
			return k, nil
		}
	}
	return nil, fmt.Errorf("EC PRIVATE KEY on an unexpected curve %v", s.Curve)
}
