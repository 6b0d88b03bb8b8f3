// Package chain builds certification paths from the certificates a server
// presents to the roots a device could carry, and recommends which roots to
// embed.
//
// A device does not search for paths the way a browser does: it holds one or
// two roots chosen years before it fails, and the server's chain must lead
// to one of them. So every path is reported, not just the best one, with the
// sizes and algorithms the device must handle, and the recommendation says
// for how long each root keeps working (a cross-signed path ends when its
// cross-certificate expires, not when the root does).
//
// The package is pure Go and prints nothing. Signatures are checked with
// crypto/x509; what a given mbedTLS build accepts is mbedsim's job.
package chain

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"
)

// Origin says where a certificate on a path came from.
type Origin uint8

// Origins.
const (
	Presented Origin = iota // sent by the server (or given in the chain file)
	Anchor                  // a trust anchor from a store
	Extra                   // a known cross-certificate given by the caller
)

func (o Origin) String() string {
	switch o {
	case Presented:
		return "presented"
	case Anchor:
		return "anchor"
	case Extra:
		return "extra"
	}
	return fmt.Sprintf("Origin(%d)", uint8(o))
}

// MarshalText names the origin in JSON.
func (o Origin) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Cert is one certificate with what a device developer asks about it.
type Cert struct {
	X509 *x509.Certificate `json:"-"`
	// Subject and Issuer are readable names ("CN=R3, O=Let's Encrypt, C=US").
	Subject string `json:"subject"`
	Issuer  string `json:"issuer"`
	// Key is "RSA-2048", "ECDSA P-256", "Ed25519".
	Key string `json:"key"`
	// SignatureAlgorithm is crypto/x509's name ("SHA256-RSA").
	SignatureAlgorithm string    `json:"signature_algorithm"`
	NotBefore          time.Time `json:"not_before"`
	NotAfter           time.Time `json:"not_after"`
	// Bytes is the DER size.
	Bytes int `json:"bytes"`
	// SHA256 is the fingerprint of the DER, in lower-case hex.
	SHA256   string `json:"sha256"`
	IsCA     bool   `json:"is_ca"`
	SelfSign bool   `json:"self_signed"`
	// Origin says where it came from; Index is its position in the
	// presented chain (-1 when not presented) and Store the store's name for
	// an anchor.
	Origin Origin `json:"origin"`
	Index  int    `json:"index"`
	Store  string `json:"store,omitempty"`
}

// NewCert describes c.
func NewCert(c *x509.Certificate, o Origin, index int, store string) *Cert {
	sum := sha256.Sum256(c.Raw)
	return &Cert{
		X509: c, Subject: c.Subject.String(), Issuer: c.Issuer.String(),
		Key: KeyDescription(c), SignatureAlgorithm: c.SignatureAlgorithm.String(),
		NotBefore: c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(), Bytes: len(c.Raw),
		SHA256: hex.EncodeToString(sum[:]), IsCA: c.BasicConstraintsValid && c.IsCA || c.Version < 3 && selfSigned(c),
		SelfSign: selfSigned(c), Origin: o, Index: index, Store: store,
	}
}

// KeyDescription names a certificate's public key as people say it.
func KeyDescription(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA-%d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return c.PublicKeyAlgorithm.String()
}

func selfSigned(c *x509.Certificate) bool { return bytes.Equal(c.RawSubject, c.RawIssuer) }

// Pool is a set of trust anchors indexed by subject, built once and shared
// by every path search (a store of 150 roots is indexed in microseconds,
// and a search then looks only at roots with the right subject).
type Pool struct {
	name      string
	certs     []*x509.Certificate
	bySubject map[string][]int
}

// NewPool indexes anchors under the store name name. Duplicates (same DER)
// are kept once.
func NewPool(name string, anchors []*x509.Certificate) *Pool {
	p := &Pool{name: name, bySubject: make(map[string][]int, len(anchors))}
	seen := make(map[[32]byte]bool, len(anchors))
	for _, c := range anchors {
		sum := sha256.Sum256(c.Raw)
		if seen[sum] {
			continue
		}
		seen[sum] = true
		p.bySubject[string(c.RawSubject)] = append(p.bySubject[string(c.RawSubject)], len(p.certs))
		p.certs = append(p.certs, c)
	}
	return p
}

// Name is the store's name.
func (p *Pool) Name() string { return p.name }

// Len is the number of anchors.
func (p *Pool) Len() int { return len(p.certs) }

// contains reports whether c (by DER) is an anchor.
func (p *Pool) contains(c *x509.Certificate) bool {
	for _, i := range p.bySubject[string(c.RawSubject)] {
		if bytes.Equal(p.certs[i].Raw, c.Raw) {
			return true
		}
	}
	return false
}

// UnmarshalText reads the name MarshalText writes.
func (o *Origin) UnmarshalText(b []byte) error {
	for _, c := range []Origin{Presented, Anchor, Extra} {
		if c.String() == string(b) {
			*o = c
			return nil
		}
	}
	return fmt.Errorf("chain: unknown origin %q", b)
}
