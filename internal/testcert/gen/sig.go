package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	_ "crypto/md5" // md5WithRSAEncryption certificates
	"crypto/rsa"
	_ "crypto/sha1" // sha1WithRSA and ecdsa-with-SHA1 certificates
	"crypto/sha256"
	_ "crypto/sha512"
	"crypto/x509"
	"fmt"
	"io"
	"math/big"
)

// sigAlg is one signature algorithm as it appears in a certificate.
type sigAlg struct {
	name string
	kind string // rsa, pss, ecdsa, ed25519
	oid  []byte // DER OBJECT IDENTIFIER
	// params is the DER of the AlgorithmIdentifier parameters, nil when absent.
	params []byte
	hash   crypto.Hash
	// PSS only: the MGF1 hash and the salt length actually used.
	mgfHash crypto.Hash
	salt    int
	// goAlg is the crypto/x509 constant when Go can sign this exact encoding
	// itself, 0 when the generator has to.
	goAlg x509.SignatureAlgorithm
}

// The OIDs are those of RFC 3279, RFC 4055, RFC 5758 and RFC 8410.
var (
	oidRSAPSS      = []int{1, 2, 840, 113549, 1, 1, 10}
	oidMGF1        = []int{1, 2, 840, 113549, 1, 1, 8}
	oidECPublicKey = []int{1, 2, 840, 10045, 2, 1}
	hashOIDs       = map[crypto.Hash][]int{
		crypto.SHA1:   {1, 3, 14, 3, 2, 26},
		crypto.SHA224: {2, 16, 840, 1, 101, 3, 4, 2, 4},
		crypto.SHA256: {2, 16, 840, 1, 101, 3, 4, 2, 1},
		crypto.SHA384: {2, 16, 840, 1, 101, 3, 4, 2, 2},
		crypto.SHA512: {2, 16, 840, 1, 101, 3, 4, 2, 3},
	}
)

var nullDER = []byte{tagNull, 0}

func rsaAlg(name string, last int, h crypto.Hash, g x509.SignatureAlgorithm) sigAlg {
	return sigAlg{name: name, kind: "rsa", oid: oid(1, 2, 840, 113549, 1, 1, last), params: nullDER, hash: h, goAlg: g}
}

func ecdsaAlg(name string, h crypto.Hash, g x509.SignatureAlgorithm, arc ...int) sigAlg {
	return sigAlg{name: name, kind: "ecdsa", oid: oid(append([]int{1, 2, 840, 10045, 4}, arc...)...), hash: h, goAlg: g}
}

// pssAlg encodes RSASSA-PSS-params (RFC 4055 §3.1). explicitTrailer writes
// the trailerField [3] 1 that DER would omit, as some CAs did.
func pssAlg(name string, h, mgf crypto.Hash, salt int, explicitTrailer bool, g x509.SignatureAlgorithm) sigAlg {
	var p []byte
	if h != crypto.SHA1 {
		p = append(p, tlv(0xA0, seq(oid(hashOIDs[h]...), nullDER))...)
	}
	if mgf != crypto.SHA1 {
		p = append(p, tlv(0xA1, seq(oid(oidMGF1...), seq(oid(hashOIDs[mgf]...), nullDER)))...)
	}
	if salt != 20 {
		p = append(p, tlv(0xA2, smallInt(int64(salt)))...)
	}
	if explicitTrailer {
		p = append(p, tlv(0xA3, smallInt(1))...)
	}
	return sigAlg{name: name, kind: "pss", oid: oid(oidRSAPSS...), params: seq(p), hash: h, mgfHash: mgf, salt: salt, goAlg: g}
}

var sigAlgs = map[string]sigAlg{}

func init() {
	for _, a := range []sigAlg{
		rsaAlg("md5-rsa", 4, crypto.MD5, 0), // Go refuses to sign with MD5
		rsaAlg("sha1-rsa", 5, crypto.SHA1, x509.SHA1WithRSA),
		rsaAlg("sha224-rsa", 14, crypto.SHA224, 0), // no x509 constant
		rsaAlg("sha256-rsa", 11, crypto.SHA256, x509.SHA256WithRSA),
		rsaAlg("sha384-rsa", 12, crypto.SHA384, x509.SHA384WithRSA),
		rsaAlg("sha512-rsa", 13, crypto.SHA512, x509.SHA512WithRSA),
		ecdsaAlg("ecdsa-sha1", crypto.SHA1, x509.ECDSAWithSHA1, 1),
		ecdsaAlg("ecdsa-sha224", crypto.SHA224, 0, 3, 1),
		ecdsaAlg("ecdsa-sha256", crypto.SHA256, x509.ECDSAWithSHA256, 3, 2),
		ecdsaAlg("ecdsa-sha384", crypto.SHA384, x509.ECDSAWithSHA384, 3, 3),
		ecdsaAlg("ecdsa-sha512", crypto.SHA512, x509.ECDSAWithSHA512, 3, 4),
		pssAlg("pss-sha256", crypto.SHA256, crypto.SHA256, 32, false, x509.SHA256WithRSAPSS),
		pssAlg("pss-sha384", crypto.SHA384, crypto.SHA384, 48, false, x509.SHA384WithRSAPSS),
		pssAlg("pss-sha512", crypto.SHA512, crypto.SHA512, 64, false, x509.SHA512WithRSAPSS),
		pssAlg("pss-sha256-salt20", crypto.SHA256, crypto.SHA256, 20, false, 0),
		pssAlg("pss-sha256-mgf1sha1", crypto.SHA256, crypto.SHA1, 32, false, 0),
		pssAlg("pss-sha256-trailer", crypto.SHA256, crypto.SHA256, 32, true, 0),
		pssAlg("pss-defaults", crypto.SHA1, crypto.SHA1, 20, false, 0),
		{name: "ed25519", kind: "ed25519", oid: oid(1, 3, 101, 112), goAlg: x509.PureEd25519},
	} {
		sigAlgs[a.name] = a
	}
}

func (a sigAlg) algorithmIdentifier() []byte {
	if a.params == nil {
		return seq(a.oid)
	}
	return seq(a.oid, a.params)
}

func digest(h crypto.Hash, msg []byte) []byte {
	w := h.New()
	w.Write(msg)
	return w.Sum(nil)
}

// sign signs tbs with key under a. Every path is deterministic: PKCS #1 v1.5
// and Ed25519 are by construction, ECDSA on the NIST curves uses RFC 6979
// (crypto/ecdsa with a nil random source), the other curves use ecKey.sign,
// and PSS takes its salt from a hash of the message.
func sign(key any, a sigAlg, tbs []byte) ([]byte, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		switch a.kind {
		case "rsa":
			return rsa.SignPKCS1v15(nil, k, a.hash, digest(a.hash, tbs))
		case "pss":
			return signPSS(k, a.hash, a.mgfHash, a.salt, digest(a.hash, tbs))
		}
	case *ecdsa.PrivateKey:
		if a.kind == "ecdsa" {
			return k.Sign(nil, digest(a.hash, tbs), a.hash)
		}
	case *ecKey:
		if a.kind == "ecdsa" {
			return k.sign(digest(a.hash, tbs)), nil
		}
	case ed25519.PrivateKey:
		if a.kind == "ed25519" {
			return ed25519.Sign(k, tbs), nil
		}
	}
	return nil, fmt.Errorf("cannot sign %s with a %T", a.name, key)
}

// verify checks a signature the generator made, whatever the algorithm, so a
// mistake in sign or signPSS cannot reach testdata.
func verify(pub any, a sigAlg, tbs, sig []byte) error {
	ok := false
	switch k := pub.(type) {
	case *rsa.PublicKey:
		switch a.kind {
		case "rsa":
			ok = rsa.VerifyPKCS1v15(k, a.hash, digest(a.hash, tbs), sig) == nil
		case "pss":
			ok = verifyPSS(k, a.hash, a.mgfHash, a.salt, digest(a.hash, tbs), sig)
		}
	case *ecdsa.PublicKey:
		ok = a.kind == "ecdsa" && ecdsa.VerifyASN1(k, digest(a.hash, tbs), sig)
	case *ecKey:
		ok = a.kind == "ecdsa" && k.c.verify(k.q, digest(a.hash, tbs), sig)
	case ed25519.PublicKey:
		ok = a.kind == "ed25519" && ed25519.Verify(k, tbs, sig)
	}
	if !ok {
		return fmt.Errorf("%s signature by %T does not verify", a.name, pub)
	}
	return nil
}

// mgf1 is the mask generation function of RFC 8017 §B.2.1.
func mgf1(h crypto.Hash, seed []byte, n int) []byte {
	var out []byte
	for ctr := uint32(0); len(out) < n; ctr++ {
		w := h.New()
		w.Write(seed)
		w.Write([]byte{byte(ctr >> 24), byte(ctr >> 16), byte(ctr >> 8), byte(ctr)})
		out = w.Sum(out)
	}
	return out[:n]
}

// signPSS is RSASSA-PSS-SIGN (RFC 8017 §8.1.1) with EMSA-PSS-ENCODE (§9.1.1)
// written out, because crypto/rsa draws the salt from the system random source
// (reproducible regeneration needs a fixed salt) and always uses the message
// hash for MGF1 (the mgf1sha1 variant does not).
func signPSS(k *rsa.PrivateKey, h, mgf crypto.Hash, saltLen int, mHash []byte) ([]byte, error) {
	salt := make([]byte, 0, saltLen)
	for i := 0; len(salt) < saltLen; i++ {
		s := sha256.Sum256(append([]byte{byte(i)}, mHash...))
		salt = append(salt, s[:]...)
	}
	salt = salt[:saltLen]
	emBits := k.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hLen := h.Size()
	if emLen < hLen+saltLen+2 {
		return nil, fmt.Errorf("pss: key too small")
	}
	w := h.New()
	w.Write(make([]byte, 8))
	w.Write(mHash)
	w.Write(salt)
	hh := w.Sum(nil)
	db := make([]byte, emLen-hLen-1)
	db[len(db)-saltLen-1] = 1
	copy(db[len(db)-saltLen:], salt)
	mask := mgf1(mgf, hh, len(db))
	for i := range db {
		db[i] ^= mask[i]
	}
	db[0] &= 0xFF >> (8*emLen - emBits)
	em := append(append(db, hh...), 0xBC)
	m := new(big.Int).SetBytes(em)
	s := new(big.Int).Exp(m, k.D, k.N)
	return s.FillBytes(make([]byte, (k.N.BitLen()+7)/8)), nil
}

// verifyPSS is EMSA-PSS-VERIFY (RFC 8017 §9.1.2) for a known salt length.
func verifyPSS(k *rsa.PublicKey, h, mgf crypto.Hash, saltLen int, mHash, sig []byte) bool {
	s := new(big.Int).SetBytes(sig)
	m := new(big.Int).Exp(s, big.NewInt(int64(k.E)), k.N)
	emBits := k.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	em := m.FillBytes(make([]byte, emLen))
	hLen := h.Size()
	if em[emLen-1] != 0xBC || emLen < hLen+saltLen+2 {
		return false
	}
	db := append([]byte(nil), em[:emLen-hLen-1]...)
	hh := em[emLen-hLen-1 : emLen-1]
	mask := mgf1(mgf, hh, len(db))
	for i := range db {
		db[i] ^= mask[i]
	}
	db[0] &= 0xFF >> (8*emLen - emBits)
	ps := len(db) - saltLen - 1
	if !bytes.Equal(db[:ps], make([]byte, ps)) || db[ps] != 1 {
		return false
	}
	w := h.New()
	w.Write(make([]byte, 8))
	w.Write(mHash)
	w.Write(db[ps+1:])
	return bytes.Equal(w.Sum(nil), hh)
}

// detSigner hands crypto/x509 a signer whose output does not depend on the
// random source: since Go 1.26 the io.Reader given to CreateCertificate is
// ignored (GODEBUG cryptocustomrand), so without this every run would write
// new ECDSA and PSS signatures.
type detSigner struct{ key crypto.Signer }

func (s detSigner) Public() crypto.PublicKey { return s.key.Public() }

func (s detSigner) Sign(_ io.Reader, d []byte, opts crypto.SignerOpts) ([]byte, error) {
	switch k := s.key.(type) {
	case *ecdsa.PrivateKey:
		return k.Sign(nil, d, opts)
	case *rsa.PrivateKey:
		if p, ok := opts.(*rsa.PSSOptions); ok {
			// crypto/x509 asks for a salt as long as the hash.
			return signPSS(k, p.Hash, p.Hash, p.Hash.Size(), d)
		}
		return rsa.SignPKCS1v15(nil, k, opts.HashFunc(), d)
	case ed25519.PrivateKey:
		return k.Sign(nil, d, opts)
	}
	return nil, fmt.Errorf("detSigner: unexpected key %T", s.key)
}
