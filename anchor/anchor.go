// Package anchor turns trust anchors (root CA certificates) into the bytes a
// firmware build embeds: PEM and DER files, C strings and arrays, headers,
// BearSSL trust-anchor structures, ESP-IDF certificate bundles, and snippets
// for Arduino, Zephyr, wolfSSL, MicroPython and Rust.
//
// Users copy root CAs into firmware by hand and get the bytes wrong (a PEM
// string whose length leaves out the NUL, a DER array cut short, a bundle in
// the wrong layout), so every format here is written to what the consuming
// library reads, and the oracle tests compile and parse each one with the
// real library.
//
// The package is pure Go, prints nothing and reads no clock: the time that
// decides expiry is a parameter.
package anchor

import (
	"crypto/sha256"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Anchor is one certificate to be emitted as a trust anchor, with the facts
// the emitted comments and the BearSSL structures need.
type Anchor struct {
	// DER is the certificate, exactly as read.
	DER []byte
	// Source says where it came from ("roots.pem", "roots.pem#2").
	Source string
	// Serves names the endpoints the anchor is for, when known.
	Serves string
	// Subject is the readable subject ("CN=Root,O=Example,C=US");
	// RawSubject its DER, the full Name SEQUENCE.
	Subject    string
	RawSubject []byte
	// SPKI is the DER SubjectPublicKeyInfo.
	SPKI []byte
	// NotBefore and NotAfter are the validity dates in UTC.
	NotBefore, NotAfter time.Time
	// Key describes the public key ("RSA-2048", "EC P-256").
	Key string
	// Fingerprint is the SHA-256 of DER.
	Fingerprint [32]byte
	// IsCA is basicConstraints cA; SelfIssued that subject equals issuer.
	IsCA, SelfIssued bool

	key publicKey
}

// FingerprintHex returns the SHA-256 fingerprint as colon-separated
// upper-case hex, the way browsers and openssl show it.
func (a *Anchor) FingerprintHex() string {
	h := strings.ToUpper(hex.EncodeToString(a.Fingerprint[:]))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// publicKey is the parsed subject key, as BearSSL's structures need it.
type publicKey struct {
	kind  string // "RSA", "EC", "Ed25519", or the algorithm OID
	n, e  []byte // RSA modulus and exponent, unsigned big-endian, no leading zeros
	curve string // EC: "P-256", "P-384", "P-521", "secp256k1", "brainpoolP256r1", ...
	point []byte // EC: the encoded point as it appears in the BIT STRING
	bits  int
}

// ParseError says why bytes could not be used as a certificate.
type ParseError struct {
	Source string
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: not a certificate tlsdoctor can read: %s", e.Source, e.Reason)
}

type certificate struct {
	TBS    asn1.RawValue
	SigAlg asn1.RawValue
	Sig    asn1.BitString
}

type tbsCertificate struct {
	Version    int `asn1:"optional,explicit,default:0,tag:0"`
	Serial     asn1.RawValue
	SigAlg     asn1.RawValue
	Issuer     asn1.RawValue
	Validity   validity
	Subject    asn1.RawValue
	SPKI       asn1.RawValue
	IssuerUID  asn1.BitString   `asn1:"optional,tag:1"`
	SubjectUID asn1.BitString   `asn1:"optional,tag:2"`
	Extensions []pkix.Extension `asn1:"optional,explicit,tag:3"`
}

type validity struct {
	NotBefore, NotAfter time.Time
}

type spki struct {
	Algorithm pkix.AlgorithmIdentifier
	Key       asn1.BitString
}

type basicConstraints struct {
	IsCA       bool `asn1:"optional"`
	MaxPathLen int  `asn1:"optional,default:-1"`
}

var (
	oidRSA       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidEC        = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidBasicCons = asn1.ObjectIdentifier{2, 5, 29, 19}
)

// curves names the named-curve OIDs (RFC 5480 §2.1.1.1, RFC 5639 for
// brainpool, SEC 2 for secp256k1) with their field sizes.
var curves = []struct {
	oid  asn1.ObjectIdentifier
	name string
	bits int
}{
	{asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}, "P-256", 256},
	{asn1.ObjectIdentifier{1, 3, 132, 0, 34}, "P-384", 384},
	{asn1.ObjectIdentifier{1, 3, 132, 0, 35}, "P-521", 521},
	{asn1.ObjectIdentifier{1, 3, 132, 0, 10}, "secp256k1", 256},
	{asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 7}, "brainpoolP256r1", 256},
	{asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 11}, "brainpoolP384r1", 384},
	{asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 13}, "brainpoolP512r1", 512},
}

// Parse reads one DER certificate. It uses its own small ASN.1 reading
// rather than crypto/x509 because roots on curves Go does not implement
// (brainpool, secp256k1) are still valid anchors for mbedTLS.
func Parse(der []byte, source string) (*Anchor, error) {
	fail := func(format string, args ...any) (*Anchor, error) {
		return nil, &ParseError{Source: source, Reason: fmt.Sprintf(format, args...)}
	}
	var c certificate
	rest, err := asn1.Unmarshal(der, &c)
	if err != nil {
		return fail("%v", err)
	}
	if len(rest) != 0 {
		return fail("%d bytes after the certificate", len(rest))
	}
	var tbs tbsCertificate
	if _, err := asn1.Unmarshal(c.TBS.FullBytes, &tbs); err != nil {
		return fail("tbsCertificate: %v", err)
	}
	var rdn pkix.RDNSequence
	if _, err := asn1.Unmarshal(tbs.Subject.FullBytes, &rdn); err != nil {
		return fail("subject: %v", err)
	}
	var name pkix.Name
	name.FillFromRDNSequence(&rdn)
	a := &Anchor{
		DER:         der,
		Source:      source,
		Subject:     name.String(),
		RawSubject:  tbs.Subject.FullBytes,
		SPKI:        tbs.SPKI.FullBytes,
		NotBefore:   tbs.Validity.NotBefore.UTC(),
		NotAfter:    tbs.Validity.NotAfter.UTC(),
		Fingerprint: sha256.Sum256(der),
		SelfIssued:  string(tbs.Subject.FullBytes) == string(tbs.Issuer.FullBytes),
	}
	if a.Subject == "" {
		a.Subject = "(empty subject)"
	}
	for _, ext := range tbs.Extensions {
		if ext.Id.Equal(oidBasicCons) {
			var bc basicConstraints
			if _, err := asn1.Unmarshal(ext.Value, &bc); err == nil {
				a.IsCA = bc.IsCA
			}
		}
	}
	// A v1 certificate has no basicConstraints; mbedTLS (and BearSSL)
	// accept a self-signed v1 certificate as a CA only because it is
	// configured as trusted, so treat a self-issued v1 as a root.
	if tbs.Version == 0 && a.SelfIssued {
		a.IsCA = true
	}
	k, err := parseKey(tbs.SPKI.FullBytes)
	if err != nil {
		return fail("public key: %v", err)
	}
	a.key = k
	switch k.kind {
	case "RSA":
		a.Key = fmt.Sprintf("RSA-%d", k.bits)
	case "EC":
		a.Key = "EC " + k.curve
	default:
		a.Key = k.kind
	}
	return a, nil
}

func parseKey(raw []byte) (publicKey, error) {
	var s spki
	if _, err := asn1.Unmarshal(raw, &s); err != nil {
		return publicKey{}, err
	}
	alg := s.Algorithm.Algorithm
	switch {
	case alg.Equal(oidRSA), alg.Equal(oidRSAPSS):
		var rk struct{ N, E *big.Int }
		if _, err := asn1.Unmarshal(s.Key.RightAlign(), &rk); err != nil {
			return publicKey{}, fmt.Errorf("RSA key: %v", err)
		}
		if rk.N.Sign() <= 0 || rk.E.Sign() <= 0 {
			return publicKey{}, errors.New("RSA key: modulus or exponent not positive")
		}
		kind := "RSA"
		if alg.Equal(oidRSAPSS) {
			kind = "RSA-PSS"
		}
		// big.Int.Bytes has no leading zeros: the form BearSSL wants.
		return publicKey{kind: kind, n: rk.N.Bytes(), e: rk.E.Bytes(), bits: rk.N.BitLen()}, nil
	case alg.Equal(oidEC):
		var curve asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(s.Algorithm.Parameters.FullBytes, &curve); err != nil {
			return publicKey{kind: "EC", curve: "explicit parameters"}, nil
		}
		pk := publicKey{kind: "EC", curve: curve.String(), point: s.Key.RightAlign()}
		for _, c := range curves {
			if c.oid.Equal(curve) {
				pk.curve, pk.bits = c.name, c.bits
			}
		}
		return pk, nil
	case alg.Equal(oidEd25519):
		return publicKey{kind: "Ed25519", bits: 256}, nil
	}
	return publicKey{kind: alg.String()}, nil
}
