package testcert

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"sync"
	"time"
)

// ServerCert is a TLS server's certificate chain and key for one handshake
// scenario: the leaf first, then the intermediates the server sends.
type ServerCert struct {
	Name  string
	Chain [][]byte
	Key   crypto.Signer
	// Root names the base certificate a device trusts for this chain.
	Root  string
	About string
}

// serverSpec says how a scenario's leaf differs from a well-formed server
// certificate issued by rsa2048-sha256-int.
type serverSpec struct {
	name, about string
	key         string // base certificate whose key the leaf carries
	keyUsage    x509.KeyUsage
	extKeyUsage []x509.ExtKeyUsage
	// leafOnly: the server sends the leaf without its intermediate.
	leafOnly bool
	root     string
}

// Every leaf signed by an RSA CA: PKCS #1 v1.5 signatures are deterministic,
// so these certificates are the same bytes on every run (golden files rely
// on that); ECDSA signatures are not, since Go 1.26 ignores custom random
// sources.
func serverSpecs() []serverSpec {
	const ds, ke, ka = x509.KeyUsageDigitalSignature, x509.KeyUsageKeyEncipherment, x509.KeyUsageKeyAgreement
	sa := []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	return []serverSpec{
		{name: "srv-good-ec", about: "P-256 key, digitalSignature, serverAuth", key: "p256-sha256-leaf", keyUsage: ds, extKeyUsage: sa},
		{name: "srv-good-rsa", about: "RSA-2048 key, digitalSignature and keyEncipherment, serverAuth", key: "rsa2048-sha256-leaf", keyUsage: ds | ke, extKeyUsage: sa},
		{name: "srv-ku-keyagreement-ec", about: "P-256 key with keyUsage keyAgreement only: no digitalSignature for ECDHE-ECDSA", key: "p256-sha256-leaf", keyUsage: ka, extKeyUsage: sa},
		{name: "srv-ku-keyencipherment-rsa", about: "RSA key with keyUsage keyEncipherment only: enough for RSA key transport, not for ECDHE-RSA", key: "rsa2048-sha256-leaf", keyUsage: ke, extKeyUsage: sa},
		{name: "srv-ku-encipheronly", about: "digitalSignature plus encipherOnly, which mbedTLS refuses unless asked for", key: "p256-sha256-leaf", keyUsage: ds | x509.KeyUsageEncipherOnly, extKeyUsage: sa},
		{name: "srv-eku-clientauth", about: "extendedKeyUsage clientAuth only", key: "p256-sha256-leaf", keyUsage: ds, extKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}},
		{name: "srv-eku-any", about: "extendedKeyUsage anyExtendedKeyUsage", key: "p256-sha256-leaf", keyUsage: ds, extKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}},
		{name: "srv-no-ku-no-eku", about: "neither keyUsage nor extendedKeyUsage: no restriction", key: "p256-sha256-leaf"},
		{name: "srv-p384", about: "P-384 server key", key: "p384-sha384-leaf", keyUsage: ds, extKeyUsage: sa},
		{name: "srv-leaf-only", about: "the leaf alone, trusted through its intermediate: a Certificate message of about 700 bytes", key: "p256-sha256-leaf", keyUsage: ds, extKeyUsage: sa, leafOnly: true, root: "rsa2048-sha256-int"},
	}
}

var serverCerts = sync.OnceValues(makeServerCerts)

func makeServerCerts() ([]ServerCert, error) {
	issuerDER, err := Cert("rsa2048-sha256-int")
	if err != nil {
		return nil, err
	}
	issuer, err := x509.ParseCertificate(issuerDER)
	if err != nil {
		return nil, err
	}
	issuerKey, err := Key("rsa2048-sha256-int")
	if err != nil {
		return nil, err
	}
	if _, ok := issuerKey.(*rsa.PrivateKey); !ok {
		return nil, fmt.Errorf("testcert: rsa2048-sha256-int has no RSA key")
	}
	var out []ServerCert
	for i, s := range serverSpecs() {
		key, err := Key(s.key)
		if err != nil {
			return nil, err
		}
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(int64(0x5e7e0000 + i)),
			Subject:               pkix.Name{Organization: []string{"tlsdoctor test PKI"}, OrganizationalUnit: []string{s.name}, CommonName: "device.local"},
			NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:              time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC),
			KeyUsage:              s.keyUsage,
			ExtKeyUsage:           s.extKeyUsage,
			BasicConstraintsValid: true,
			DNSNames:              []string{"device.local", "www.example.com"},
			SubjectKeyId:          []byte{0x5e, 0x7e, byte(i)},
		}
		der, err := x509.CreateCertificate(nopReader{}, tmpl, issuer, key.Public(), issuerKey)
		if err != nil {
			return nil, fmt.Errorf("testcert: %s: %w", s.name, err)
		}
		sc := ServerCert{Name: s.name, Chain: [][]byte{der}, Key: key, Root: "rsa2048-sha256-root", About: s.about}
		if s.root != "" {
			sc.Root = s.root
		}
		if !s.leafOnly {
			sc.Chain = append(sc.Chain, issuerDER)
		}
		out = append(out, sc)
	}
	return out, nil
}

// nopReader stands for the random source crypto ignores since Go 1.26.
type nopReader struct{}

func (nopReader) Read(p []byte) (int, error) { return len(p), nil }

// ServerCerts returns the handshake scenarios' server certificates, each a
// leaf issued by rsa2048-sha256-int with one keyUsage / extendedKeyUsage /
// key choice (see About), valid from 2025 to 2045 for device.local and
// www.example.com.
func ServerCerts() ([]ServerCert, error) { return serverCerts() }

// Server returns the named scenario of ServerCerts.
func Server(name string) (ServerCert, error) {
	all, err := serverCerts()
	if err != nil {
		return ServerCert{}, err
	}
	for _, s := range all {
		if s.Name == name {
			return s, nil
		}
	}
	return ServerCert{}, fmt.Errorf("testcert: no server scenario %q", name)
}

// IssueUnder returns a leaf for key, signed with SHA-256 by the base
// certificate issuer (whose key must be one Go can sign with), valid at Now
// for device.local. ECDSA issuers give different bytes on every call.
func IssueUnder(issuer string, key crypto.PublicKey) ([]byte, error) {
	issDER, err := Cert(issuer)
	if err != nil {
		return nil, err
	}
	iss, err := x509.ParseCertificate(issDER)
	if err != nil {
		return nil, err
	}
	ik, err := Key(issuer)
	if err != nil {
		return nil, err
	}
	// SHA-256 whatever the issuer's key: Go would pick SHA-384 for a P-384
	// issuer, which a build without SHA-512 cannot parse.
	alg := x509.SHA256WithRSA
	if _, ok := ik.Public().(*ecdsa.PublicKey); ok {
		alg = x509.ECDSAWithSHA256
	}
	tmpl := &x509.Certificate{
		SignatureAlgorithm:    alg,
		SerialNumber:          big.NewInt(0x1e5e),
		Subject:               pkix.Name{Organization: []string{"tlsdoctor test PKI"}, CommonName: "device.local"},
		NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{"device.local"},
		SubjectKeyId:          []byte{0x1e, 0x5e},
	}
	return x509.CreateCertificate(nopReader{}, tmpl, iss, key, ik)
}
