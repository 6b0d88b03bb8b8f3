package mbedsim

import (
	"crypto/ecdsa"
	"crypto/x509"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// katCurves are the curves of testdata/ecdsa (made by its gen.sh with
// OpenSSL), by OpenSSL's name. prime256v1 and secp224r1 are there to
// cross-check the generic arithmetic against crypto/ecdsa.
var katCurves = []string{"prime192v1", "secp224r1", "secp192k1", "secp224k1", "secp256k1", "prime256v1",
	"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"}

var katDigests = []struct {
	name string
	h    Hash
}{{"sha1", SHA1}, {"sha256", SHA256}, {"sha384", SHA384}, {"sha512", SHA512}}

// katKey reads a SubjectPublicKeyInfo fixture into its curve and point.
func katKey(t *testing.T, name string) (*curveInfo, *big.Int, *big.Int, []byte) {
	t.Helper()
	tables()
	spki, err := os.ReadFile(filepath.Join("testdata", "ecdsa", name+".pub.der"))
	if err != nil {
		t.Fatal(err)
	}
	seq, _, ok := derNext(spki)
	if !ok {
		t.Fatalf("%s: SPKI does not parse", name)
	}
	alg, rest, ok := derNext(seq.content)
	if !ok {
		t.Fatalf("%s: SPKI algorithm does not parse", name)
	}
	bits, _, ok := derNext(rest)
	if !ok || len(bits.content) < 2 {
		t.Fatalf("%s: SPKI key does not parse", name)
	}
	_, par, _ := derNext(alg.content)
	oid, _, ok := derNext(par)
	if !ok {
		t.Fatalf("%s: no curve OID", name)
	}
	for i := range curves {
		c := &curves[i]
		if string(c.oid) == string(oid.content) {
			x, y, ok := c.decodePoint(bits.content[1:])
			if !ok {
				t.Fatalf("%s: public point does not decode", name)
			}
			return c, x, y, bits.content[1:]
		}
	}
	t.Fatalf("%s: curve OID %x not in the curves table", name, oid.content)
	return nil, nil, nil, nil
}

func katSig(t *testing.T, curve, digest string) []byte {
	t.Helper()
	sig, err := os.ReadFile(filepath.Join("testdata", "ecdsa", curve+"."+digest+".sig"))
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func katDigest(t *testing.T, h Hash, msg []byte) []byte {
	t.Helper()
	hh := newHash(h)
	hh.Write(msg)
	return hh.Sum(nil)
}

// TestGenericECDSAKnownAnswers checks OpenSSL's signatures verify, and that
// every way of spoiling one (the message, a bit of the signature, r or s out
// of range, another key, a point off the curve) does not.
func TestGenericECDSAKnownAnswers(t *testing.T) {
	msg, err := os.ReadFile(filepath.Join("testdata", "ecdsa", "msg.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range katCurves {
		t.Run(name, func(t *testing.T) {
			c, qx, qy, _ := katKey(t, name)
			n := new(big.Int).SetBytes(c.n)
			gx, gy := new(big.Int).SetBytes(c.gx), new(big.Int).SetBytes(c.gy)
			for _, d := range katDigests {
				digest := katDigest(t, d.h, msg)
				sig := katSig(t, name, d.name)
				r, s, ok := ecdsaSigRS(sig)
				if !ok {
					t.Fatalf("%s: signature does not parse", d.name)
				}
				if !c.verifyECDSA(qx, qy, digest, r, s) {
					t.Errorf("%s: OpenSSL's signature does not verify", d.name)
				}
				other := katDigest(t, d.h, append([]byte("x"), msg...))
				if c.verifyECDSA(qx, qy, other, r, s) {
					t.Errorf("%s: verifies for another message", d.name)
				}
				if c.verifyECDSA(gx, gy, digest, r, s) {
					t.Errorf("%s: verifies under the generator as key", d.name)
				}
				bad := []struct {
					what string
					r, s *big.Int
				}{
					{"r=0", big.NewInt(0), s},
					{"s=0", r, big.NewInt(0)},
					{"r=n", n, s},
					{"s=n", r, n},
					{"r+n", new(big.Int).Add(r, n), s},
					{"s+n", r, new(big.Int).Add(s, n)},
					{"r+1", new(big.Int).Add(r, big.NewInt(1)), s},
				}
				for _, b := range bad {
					if c.verifyECDSA(qx, qy, digest, b.r, b.s) {
						t.Errorf("%s: %s verifies", d.name, b.what)
					}
				}
				// (r, n-s) is the same signature mirrored (ECDSA's
				// malleability); mbedTLS accepts it too.
				if !c.verifyECDSA(qx, qy, digest, r, new(big.Int).Sub(n, s)) {
					t.Errorf("%s: (r, n-s) does not verify", d.name)
				}
				if d.name != "sha256" {
					continue
				}
				// Single-bit flips of the DER (every fifth bit, to keep the
				// big.Int arithmetic quick) either stop it parsing or fail
				// the check.
				for i := 0; i < len(sig)*8; i += 5 {
					f := append([]byte(nil), sig...)
					f[i/8] ^= 0x80 >> (i % 8)
					if fr, fs, ok := ecdsaSigRS(f); ok && c.verifyECDSA(qx, qy, digest, fr, fs) {
						if fr.Cmp(r) == 0 && fs.Cmp(s) == 0 {
							continue // a flip in a tag/length that reads the same values
						}
						t.Errorf("%s: bit %d flipped still verifies", d.name, i)
					}
				}
			}
		})
	}
}

// TestGenericECDSAMatchesGo runs the generic arithmetic on the NIST curves
// Go has and compares with crypto/ecdsa, genuine and spoiled signatures
// alike.
func TestGenericECDSAMatchesGo(t *testing.T) {
	msg, err := os.ReadFile(filepath.Join("testdata", "ecdsa", "msg.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"prime256v1", "secp224r1"} {
		c, qx, qy, _ := katKey(t, name)
		spki, err := os.ReadFile(filepath.Join("testdata", "ecdsa", name+".pub.der"))
		if err != nil {
			t.Fatal(err)
		}
		pub, err := x509.ParsePKIXPublicKey(spki)
		if err != nil {
			t.Fatal(err)
		}
		key := pub.(*ecdsa.PublicKey)
		for _, d := range katDigests {
			digest := katDigest(t, d.h, msg)
			sig := katSig(t, name, d.name)
			// Every fourth bit of the DER (the arithmetic is slow).
			for i := -1; i < len(sig)*8; i += 4 {
				f := append([]byte(nil), sig...)
				if i >= 0 {
					f[i/8] ^= 0x80 >> (i % 8)
				}
				r, s, ok := ecdsaSigRS(f)
				if !ok {
					continue
				}
				der, _ := ecdsaSigDER(f)
				if got, want := c.verifyECDSA(qx, qy, digest, r, s), ecdsa.VerifyASN1(key, digest, der); got != want {
					t.Errorf("%s %s bit %d: generic %v, crypto/ecdsa %v", name, d.name, i, got, want)
				}
			}
		}
	}
}

// TestGenericPointDecoding checks compressed points decode to the
// uncompressed one and that points off the curve or out of range are refused.
func TestGenericPointDecoding(t *testing.T) {
	for _, name := range katCurves {
		c, x, y, raw := katKey(t, name)
		comp := append([]byte{byte(2 + y.Bit(0))}, raw[1:1+c.plen]...)
		cx, cy, ok := c.decodePoint(comp)
		if !ok || cx.Cmp(x) != 0 || cy.Cmp(y) != 0 {
			t.Errorf("%s: compressed point decodes to (%v, %v, %v), want the uncompressed point", name, cx, cy, ok)
		}
		off := append([]byte(nil), raw...)
		off[len(off)-1] ^= 1
		if _, _, ok := c.decodePoint(off); ok {
			t.Errorf("%s: point with y+-1 accepted", name)
		}
		big := append([]byte{4}, c.p...)
		big = append(big, raw[1+c.plen:]...)
		if len(big) == len(raw) {
			if _, _, ok := c.decodePoint(big); ok {
				t.Errorf("%s: x = p accepted", name)
			}
		}
		for _, short := range [][]byte{nil, {4}, raw[:len(raw)-1], {5}} {
			if _, _, ok := c.decodePoint(short); ok {
				t.Errorf("%s: %x accepted", name, short)
			}
		}
	}
}

// curveChain reads a chain fixture of testdata/ecdsa/chains.
func curveChain(t *testing.T, b Build, curve string, names ...string) []*Cert {
	t.Helper()
	var out []*Cert
	for _, n := range names {
		der, err := os.ReadFile(filepath.Join("testdata", "ecdsa", "chains", curve, n+".der"))
		if err != nil {
			t.Fatal(err)
		}
		c, f := ParseDER(b, der)
		if f != nil {
			t.Fatalf("%s/%s: parse %s: %s", curve, n, f.Hex(), f.Reason)
		}
		out = append(out, c)
	}
	return out
}

// TestVerifyGenericCurves verifies OpenSSL-made chains on curves Go lacks:
// a good chain is trusted (before this the signature counted as bad and the
// result was NOT_TRUSTED), a spoiled signature or a root with another key is
// not, on the 2.28 default profile (any curve) and 3.6 (P-192 and the
// Koblitz curves are outside its default profile: BAD_KEY).
func TestVerifyGenericCurves(t *testing.T) {
	now := testcert.Now()
	for _, curve := range []string{"prime192v1", "secp192k1", "secp224k1", "secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"} {
		for _, v := range []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36} {
			b := Stock(v)
			chain := curveChain(t, b, curve, "leaf", "int")
			root := curveChain(t, b, curve, "root")
			other := curveChain(t, b, curve, "other-root")
			var keyFlag uint32
			if v == errcode.Mbed36 && (curve == "prime192v1" || curve == "secp192k1" || curve == "secp224k1" || curve == "secp256k1") {
				keyFlag = FlagBadKey
			}
			opt := VerifyOptions{Time: now, HostName: "device.example.com"}
			if got := Verify(b, chain, root, opt); got.Flags != keyFlag {
				t.Errorf("%s %s good chain: flags %#x, want %#x (notes %v)", curve, v, got.Flags, keyFlag, got.Notes)
			}
			if got := Verify(b, chain, other, opt); got.Flags&FlagNotTrusted == 0 {
				t.Errorf("%s %s other root: flags %#x, want NOT_TRUSTED", curve, v, got.Flags)
			}
			// Spoil the leaf's signature: its last octet is inside s.
			raw := append([]byte(nil), chain[0].Raw...)
			raw[len(raw)-1] ^= 1
			bad, f := ParseDER(b, raw)
			if f != nil {
				t.Fatalf("%s: spoiled leaf does not parse: %s", curve, f.Reason)
			}
			if got := Verify(b, []*Cert{bad, chain[1]}, root, opt); got.Flags&FlagNotTrusted == 0 {
				t.Errorf("%s %s spoiled leaf signature: flags %#x, want NOT_TRUSTED", curve, v, got.Flags)
			}
		}
	}
}

// FuzzGenericECDSA decodes a point and checks a signature on each generic
// curve, seeded with the known-answer fixtures of testdata/ecdsa: no input
// may panic, and a point that decodes is on the curve.
func FuzzGenericECDSA(f *testing.F) {
	msg, err := os.ReadFile(filepath.Join("testdata", "ecdsa", "msg.txt"))
	if err != nil {
		f.Fatal(err)
	}
	tables()
	for i, name := range katCurves {
		spki, err1 := os.ReadFile(filepath.Join("testdata", "ecdsa", name+".pub.der"))
		sig, err2 := os.ReadFile(filepath.Join("testdata", "ecdsa", name+".sha256.sig"))
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(uint8(i), spkiPoint(spki), sig, msg)
	}
	f.Fuzz(func(t *testing.T, ci uint8, pt, sig, digest []byte) {
		c := katCurveInfo(int(ci))
		if c.montgomery {
			return
		}
		x, y, ok := c.decodePoint(pt)
		if !ok {
			return
		}
		if !c.onCurve(x, y) {
			t.Fatal("decoded point is not on the curve")
		}
		if r, s, ok := ecdsaSigRS(sig); ok && r.BitLen() <= 1024 && s.BitLen() <= 1024 {
			c.verifyECDSA(x, y, digest, r, s)
		}
	})
}

// spkiPoint returns the subjectPublicKey octets of a SubjectPublicKeyInfo.
func spkiPoint(spki []byte) []byte {
	seq, _, _ := derNext(spki)
	_, rest, _ := derNext(seq.content)
	bits, _, _ := derNext(rest)
	if len(bits.content) == 0 {
		return nil
	}
	return bits.content[1:]
}

// katCurveInfo returns the curve of katCurves[i] (wrapping around).
func katCurveInfo(i int) *curveInfo {
	name := map[string]string{"prime192v1": "secp192r1", "prime256v1": "secp256r1"}
	n := katCurves[i%len(katCurves)]
	if m, ok := name[n]; ok {
		n = m
	}
	for j := range curves {
		if curves[j].name == n {
			return &curves[j]
		}
	}
	return &curves[0]
}
