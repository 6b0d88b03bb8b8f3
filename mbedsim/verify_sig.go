package mbedsim

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"
	"math/big"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// sigResult is the outcome of one signature check.
type sigResult uint8

const (
	sigGood sigResult = iota
	sigBad
	// sigUnchecked: the check needs a digest Go's standard library lacks
	// (MD2, MD4, RIPEMD-160) or a key on a curve we cannot read (explicit
	// domain parameters). mbedTLS would compute it; we count it as bad and
	// say so. The curves Go lacks are checked by ecdsa_generic.go.
	sigUnchecked
)

var hashByNameLazy lazy.Value[map[string]Hash]

// hashByName maps a digest's name (Hash.String) to the Hash, built on first
// use so that commands that never verify pay nothing at start-up.
func hashByName() map[string]Hash { return hashByNameLazy.Get(buildHashByName) }

func buildHashByName() map[string]Hash {
	m := make(map[string]Hash, numHashes)
	for h := Hash(0); h < numHashes; h++ {
		m[h.String()] = h
	}
	return m
}

// newHash returns Go's implementation of h, or nil.
func newHash(h Hash) hash.Hash {
	switch h {
	case MD5:
		return md5.New()
	case SHA1:
		return sha1.New()
	case SHA224:
		return sha256.New224()
	case SHA256:
		return sha256.New()
	case SHA384:
		return sha512.New384()
	case SHA512:
		return sha512.New()
	case SHA3_224:
		return sha3.New224()
	case SHA3_256:
		return sha3.New256()
	case SHA3_384:
		return sha3.New384()
	case SHA3_512:
		return sha3.New512()
	}
	return nil
}

// hashOIDs are the DER contents of the digest OIDs that PKCS#1 v1.5
// DigestInfo carries (RFC 8017 §9.2 note 1; SHA-3 from NIST CSOR), indexed
// by Hash (an array the linker lays out, no start-up work); nil for the
// digests that have none here.
var hashOIDs = [numHashes][]byte{
	MD5:      {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x05},
	SHA1:     {0x2B, 0x0E, 0x03, 0x02, 0x1A},
	SHA224:   {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04},
	SHA256:   {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01},
	SHA384:   {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02},
	SHA512:   {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03},
	SHA3_224: {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x07},
	SHA3_256: {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08},
	SHA3_384: {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x09},
	SHA3_512: {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x0A},
}

// hashOIDLookup maps a digest OID back to its Hash.
func hashOIDLookup(oid []byte) (Hash, bool) {
	for h, o := range hashOIDs {
		if o != nil && bytes.Equal(o, oid) {
			return Hash(h), true
		}
	}
	return 0, false
}

// pssParams reads RSASSA-PSS-params from the signatureAlgorithm: the MGF1
// digest and the salt length, with the RFC 4055 defaults (SHA-1, 20) as
// library/x509.c:mbedtls_x509_get_rsassa_pss_params@2.28.3,3.6.6 applies them.
func pssParams(sigAlg []byte) (mgf Hash, salt int, ok bool) {
	mgf, salt = SHA1, 20
	_, rest, ok := derNext(sigAlg) // the OID
	if !ok {
		return 0, 0, false
	}
	if len(rest) == 0 {
		return mgf, salt, true
	}
	params, _, ok := derNext(rest)
	if !ok || params.tag != 0x30 {
		return mgf, salt, ok && params.tag == 0x05
	}
	for f := params.content; len(f) > 0; {
		var e derTLV
		if e, f, ok = derNext(f); !ok {
			return 0, 0, false
		}
		switch e.tag {
		case 0xA1: // maskGenAlgorithm: SEQUENCE { id-mgf1, AlgorithmIdentifier }
			seq, _, ok := derNext(e.content)
			if !ok {
				return 0, 0, false
			}
			id, r, ok := derNext(seq.content)
			if !ok || !bytes.Equal(id.content, vOidMGF1) {
				return 0, 0, false
			}
			ai, _, ok := derNext(r)
			if !ok {
				return 0, 0, false
			}
			hid, _, ok := derNext(ai.content)
			if !ok {
				return 0, 0, false
			}
			if mgf, ok = hashOIDLookup(hid.content); !ok {
				return 0, 0, false
			}
		case 0xA2: // saltLength
			n, _, ok := derNext(e.content)
			if !ok || n.tag != 0x02 || len(n.content) == 0 || len(n.content) > 4 {
				return 0, 0, false
			}
			salt = 0
			for _, c := range n.content {
				salt = salt<<8 | int(c)
			}
		}
	}
	return mgf, salt, true
}

// publicKey is a parent's key as the signature check uses it.
type publicKey struct {
	rsaN, rsaE *big.Int
	ecKey      *ecdsa.PublicKey
	// ecGen and ecX, ecY hold a key on a curve Go lacks, checked by
	// ecdsa_generic.go; both ecKey and ecGen nil means a curve we cannot
	// read (explicit parameters), named in ecCurve.
	ecGen    *curveInfo
	ecX, ecY *big.Int
	ecCurve  string
	isRSA    bool
	isEC     bool
	isECDH   bool // id-ecDH: mbedtls_pk_can_do refuses ECDSA with it
}

func readPublicKey(p *certParts) (publicKey, bool) {
	var k publicKey
	switch {
	case bytes.Equal(p.spkiAlg, vOidRSA):
		k.isRSA = true
		seq, _, ok := derNext(p.spkiKey)
		if !ok {
			return k, false
		}
		n, r, ok := derNext(seq.content)
		if !ok {
			return k, false
		}
		e, _, ok := derNext(r)
		if !ok {
			return k, false
		}
		k.rsaN = new(big.Int).SetBytes(n.content)
		k.rsaE = new(big.Int).SetBytes(e.content)
		return k, true
	case bytes.Equal(p.spkiAlg, vOidECPublicKey), bytes.Equal(p.spkiAlg, vOidECDH):
		k.isEC = true
		k.isECDH = bytes.Equal(p.spkiAlg, vOidECDH)
		var c elliptic.Curve
		switch string(p.spkiPar.content) {
		case "\x2A\x86\x48\xCE\x3D\x03\x01\x07":
			c = elliptic.P256()
		case "\x2B\x81\x04\x00\x22":
			c = elliptic.P384()
		case "\x2B\x81\x04\x00\x23":
			c = elliptic.P521()
		case "\x2B\x81\x04\x00\x21":
			c = elliptic.P224()
		default:
			return readGenericECKey(k, p)
		}
		pt := p.spkiKey
		if len(pt) > 0 && (pt[0] == 2 || pt[0] == 3) {
			// 3.6 decompresses (2.28 refused the key at parse time).
			x, y := elliptic.UnmarshalCompressed(c, pt)
			if x == nil {
				return k, false
			}
			size := (c.Params().BitSize + 7) / 8
			u := make([]byte, 1+2*size)
			u[0] = 4
			x.FillBytes(u[1 : 1+size])
			y.FillBytes(u[1+size:])
			pt = u
		}
		key, err := ecdsa.ParseUncompressedPublicKey(c, pt)
		if err != nil {
			return k, false
		}
		k.ecKey = key
		return k, true
	}
	return k, false
}

// checkSignature is library/x509_crt.c:x509_crt_check_signature@2.28.3,3.6.6:
// hash the child's TBS with its signature digest, refuse a parent whose key
// cannot do the child's signature algorithm (mbedtls_pk_can_do), then
// mbedtls_pk_verify_ext.
func checkSignature(child *vcert, parent *vcert) sigResult {
	if child.parts == nil || parent.parts == nil || !parent.keyOK {
		return sigBad
	}
	md, ok := hashByName()[child.c.SigHash]
	if !ok {
		return sigUnchecked
	}
	h := newHash(md)
	if h == nil {
		return sigUnchecked
	}
	h.Write(child.parts.tbs)
	digest := h.Sum(nil)
	k := &parent.key
	sig := child.parts.sig
	switch child.c.SigPK {
	case "RSA":
		if !k.isRSA {
			return sigBad
		}
		em, ok := rsaPublic(k, sig)
		if !ok {
			return sigBad
		}
		if verifyPKCS1v15(em, md, digest) {
			return sigGood
		}
		return sigBad
	case "RSASSA-PSS":
		if !k.isRSA {
			return sigBad
		}
		mgf, salt, ok := pssParams(child.parts.sigAlg)
		if !ok {
			return sigBad
		}
		if newHash(mgf) == nil {
			return sigUnchecked
		}
		em, ok := rsaPublic(k, sig)
		if !ok {
			return sigBad
		}
		if verifyPSS(em, k.rsaN.BitLen(), digest, mgf, salt) {
			return sigGood
		}
		return sigBad
	case "ECDSA":
		// pk_can_do: an ECDH-only key (id-ecDH) cannot verify ECDSA.
		if !k.isEC || k.isECDH {
			return sigBad
		}
		if k.ecGen != nil {
			r, s, ok := ecdsaSigRS(sig)
			if !ok {
				return sigBad
			}
			if k.ecGen.verifyECDSA(k.ecX, k.ecY, digest, r, s) {
				return sigGood
			}
			return sigBad
		}
		if k.ecKey == nil {
			return sigUnchecked
		}
		asn, ok := ecdsaSigDER(sig)
		if !ok {
			return sigBad
		}
		if ecdsa.VerifyASN1(k.ecKey, digest, asn) {
			return sigGood
		}
		return sigBad
	}
	return sigBad
}

// rsaPublic is library/rsa.c:mbedtls_rsa_public@2.28.3,3.6.6 behind
// pk's rsa_verify_wrap: the signature must be exactly as long as the
// modulus and smaller than it.
func rsaPublic(k *publicKey, sig []byte) ([]byte, bool) {
	size := (k.rsaN.BitLen() + 7) / 8
	if size == 0 || len(sig) != size || k.rsaE.Sign() == 0 {
		return nil, false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(k.rsaN) >= 0 {
		return nil, false
	}
	m := new(big.Int).Exp(s, k.rsaE, k.rsaN)
	em := make([]byte, size)
	m.FillBytes(em)
	return em, true
}

// verifyPKCS1v15 compares the recovered block with the EMSA-PKCS1-v1_5
// encoding of the digest, as library/rsa.c:mbedtls_rsa_rsassa_pkcs1_v15_verify@2.28.3,3.6.6
// does (it re-encodes and compares; no lenient parsing).
func verifyPKCS1v15(em []byte, md Hash, digest []byte) bool {
	if md >= numHashes || hashOIDs[md] == nil {
		return false
	}
	oid := hashOIDs[md]
	di := []byte{0x30, byte(8 + len(oid) + len(digest)), 0x30, byte(4 + len(oid)), 0x06, byte(len(oid))}
	di = append(di, oid...)
	di = append(di, 0x05, 0x00, 0x04, byte(len(digest)))
	di = append(di, digest...)
	if len(em) < len(di)+11 {
		return false
	}
	want := make([]byte, len(em))
	want[1] = 1
	ps := len(em) - len(di) - 3
	for i := 0; i < ps; i++ {
		want[2+i] = 0xFF
	}
	copy(want[3+ps:], di)
	return bytes.Equal(em, want)
}

// verifyPSS is library/rsa.c:mbedtls_rsa_rsassa_pss_verify_ext@2.28.3:
// EMSA-PSS-VERIFY where the MGF1 digest (from the parameters) also hashes
// M' and gives hLen, and the salt length must equal the parameters' value.
func verifyPSS(em []byte, nBits int, digest []byte, mgf Hash, salt int) bool {
	siglen := len(em)
	if siglen < 16 || em[siglen-1] != 0xBC {
		return false
	}
	msb := nBits - 1
	if em[0]>>(8-siglen*8+msb) != 0 {
		return false
	}
	p := em
	if msb%8 == 0 {
		p = p[1:]
		siglen--
	}
	hlen := newHash(mgf).Size()
	if siglen < hlen+2 {
		return false
	}
	db := append([]byte(nil), p[:siglen-hlen-1]...)
	hh := p[siglen-hlen-1 : siglen-1]
	// MGF1 mask over DB.
	var counter [4]byte
	for off := 0; off < len(db); {
		h := newHash(mgf)
		h.Write(hh)
		h.Write(counter[:])
		mask := h.Sum(nil)
		for i := 0; i < len(mask) && off < len(db); i++ {
			db[off] ^= mask[i]
			off++
		}
		for i := 3; i >= 0; i-- {
			counter[i]++
			if counter[i] != 0 {
				break
			}
		}
	}
	db[0] &= 0xFF >> (siglen*8 - msb)
	i := 0
	for i < len(db)-1 && db[i] == 0 {
		i++
	}
	if db[i] != 1 {
		return false
	}
	s := db[i+1:]
	if len(s) != salt {
		return false
	}
	h := newHash(mgf)
	h.Write(make([]byte, 8))
	h.Write(digest)
	h.Write(s)
	return bytes.Equal(h.Sum(nil), hh)
}

// readGenericECKey reads a key on a named curve that Go's standard library
// lacks but mbedTLS knows (curves table), for ecdsa_generic.go. The parser
// (pk.go) has already refused points off the curve; a point that still
// does not decode leaves the key unusable, as it would be for mbedTLS.
func readGenericECKey(k publicKey, p *certParts) (publicKey, bool) {
	tables()
	if p.spkiPar.tag == 0x06 {
		for i := range curves {
			c := &curves[i]
			if c.montgomery || !bytes.Equal(c.oid, p.spkiPar.content) {
				continue
			}
			x, y, ok := c.decodePoint(p.spkiKey)
			if !ok {
				return k, false
			}
			k.ecGen, k.ecX, k.ecY = c, x, y
			return k, true
		}
	}
	k.ecCurve = "unsupported"
	return k, true
}

// ecdsaSigRS reads the signature as library/ecdsa.c:mbedtls_ecdsa_read_signature@2.28.3,3.6.6
// does: a SEQUENCE spanning the whole value, two INTEGERs read as unsigned
// magnitudes (mbedtls_asn1_get_mpi ignores the sign), nothing after them.
func ecdsaSigRS(sig []byte) (r, s *big.Int, ok bool) {
	seq, rest, ok := derNext(sig)
	if !ok || seq.tag != 0x30 || len(rest) != 0 {
		return nil, nil, false
	}
	rt, rest, ok := derNext(seq.content)
	if !ok || rt.tag != 0x02 {
		return nil, nil, false
	}
	st, rest, ok := derNext(rest)
	if !ok || st.tag != 0x02 || len(rest) != 0 || len(rt.content) == 0 || len(st.content) == 0 {
		return nil, nil, false
	}
	return new(big.Int).SetBytes(rt.content), new(big.Int).SetBytes(st.content), true
}

// ecdsaSigDER reads the signature as ecdsaSigRS does and re-encodes it
// minimally for Go.
func ecdsaSigDER(sig []byte) ([]byte, bool) {
	r, s, ok := ecdsaSigRS(sig)
	if !ok {
		return nil, false
	}
	enc := func(v *big.Int) []byte {
		n := v.Bytes()
		if len(n) == 0 || n[0]&0x80 != 0 {
			n = append([]byte{0}, n...)
		}
		return append(derLen(0x02, len(n)), n...)
	}
	body := append(enc(r), enc(s)...)
	return append(derLen(0x30, len(body)), body...), true
}

func derLen(tag byte, l int) []byte {
	switch {
	case l < 0x80:
		return []byte{tag, byte(l)}
	case l < 0x100:
		return []byte{tag, 0x81, byte(l)}
	}
	return []byte{tag, 0x82, byte(l >> 8), byte(l)}
}
