package main

import (
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
	"unicode/utf16"
)

// spec describes one base certificate. Names say key, signature, role and
// the one thing that makes the certificate special, because the corpus case
// names start with them.
type spec struct {
	name   string
	key    string // key file name; the part before '-' is the key kind
	issuer string // name of the issuing certificate; "" for self-signed
	sig    string // key of sigAlgs
	role   string // root, int or leaf
	desc   string
	tpl    func(*x509.Certificate)
	// tbs edits the TBSCertificate elements after Go wrote them; the result
	// is signed again with the issuer's key.
	tbs func([][]byte) [][]byte
	// opensslSkip says why openssl cannot be asked about this certificate.
	opensslSkip string
}

func date(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
}

var (
	testOrg = []string{"tlsdoctor test PKI"}
	// 2.23.140.1.2.1: CA/Browser Forum domain-validated policy.
	policyDV = []int{2, 23, 140, 1, 2, 1}
	// 1.3.6.1.4.1.32473 is the documentation enterprise number (RFC 5612);
	// every private OID here lives under it.
	pen = []int{1, 3, 6, 1, 4, 1, 32473}
)

func penOID(arc ...int) []int { return append(append([]int(nil), pen...), arc...) }

// baseTemplate is the profile of a role: what a CA of the Web PKI would put
// in a root, an intermediate or a server certificate.
func baseTemplate(s spec, k *keyPair) *x509.Certificate {
	sum := sha256.Sum256([]byte("tlsdoctor serial " + s.name))
	serial := sum[:16]
	serial[0] = serial[0]&0x3F | 0x10 // positive, 16 octets, like most CAs
	t := &x509.Certificate{
		SerialNumber: new(big.Int).SetBytes(serial),
		SubjectKeyId: k.ski,
	}
	issuerURL := "http://ca.example.net/" + s.issuer
	switch s.role {
	case "root":
		t.Subject = pkix.Name{Country: []string{"US"}, Organization: testOrg, CommonName: "tlsdoctor " + s.name}
		t.NotBefore, t.NotAfter = date(2024, 1, 1, 0, 0, 0), date(2049, 12, 31, 23, 59, 59)
		t.IsCA, t.BasicConstraintsValid = true, true
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	case "int":
		t.Subject = pkix.Name{Country: []string{"US"}, Organization: testOrg, CommonName: "tlsdoctor " + s.name}
		t.NotBefore, t.NotAfter = date(2024, 1, 1, 0, 0, 0), date(2044, 1, 1, 0, 0, 0)
		t.IsCA, t.BasicConstraintsValid = true, true
		t.MaxPathLen, t.MaxPathLenZero = 0, true
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
		t.IssuingCertificateURL = []string{issuerURL + ".der"}
		t.CRLDistributionPoints = []string{"http://crl.example.net/" + s.issuer + ".crl"}
		t.Policies = []x509.OID{mustOID(2, 23, 140, 1, 2, 1)}
	case "leaf":
		t.Subject = pkix.Name{Organization: testOrg, OrganizationalUnit: []string{s.name}, CommonName: "www.example.com"}
		t.NotBefore, t.NotAfter = date(2025, 1, 1, 0, 0, 0), date(2045, 1, 1, 0, 0, 0)
		t.BasicConstraintsValid = true
		t.KeyUsage = x509.KeyUsageDigitalSignature
		if strings.HasPrefix(k.kind, "rsa") {
			t.KeyUsage |= x509.KeyUsageKeyEncipherment
		}
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
		t.DNSNames = []string{"www.example.com", "example.com", "api.example.com", "*.cdn.example.com", "device.local"}
		t.IPAddresses = []net.IP{net.IPv4(192, 0, 2, 10)}
		t.OCSPServer = []string{"http://ocsp.example.net"}
		t.IssuingCertificateURL = []string{issuerURL + ".der"}
		t.Policies = []x509.OID{mustOID(policyDV...)}
	default:
		panic("unknown role " + s.role)
	}
	return t
}

func mustOID(ids ...int) x509.OID {
	u := make([]uint64, len(ids))
	for i, v := range ids {
		u[i] = uint64(v)
	}
	o, err := x509.OIDFromInts(u)
	if err != nil {
		panic(err)
	}
	return o
}

func ext(id []int, critical bool, value []byte) pkix.Extension {
	return pkix.Extension{Id: asn1.ObjectIdentifier(id), Critical: critical, Value: value}
}

// Attribute types used in hand-made names.
var (
	atC     = []int{2, 5, 4, 6}
	atST    = []int{2, 5, 4, 8}
	atL     = []int{2, 5, 4, 7}
	atO     = []int{2, 5, 4, 10}
	atOU    = []int{2, 5, 4, 11}
	atCN    = []int{2, 5, 4, 3}
	atSN    = []int{2, 5, 4, 5}
	atTitle = []int{2, 5, 4, 12}
	atEmail = []int{1, 2, 840, 113549, 1, 9, 1}
	atDC    = []int{0, 9, 2342, 19200300, 100, 1, 25}
	atUID   = []int{0, 9, 2342, 19200300, 100, 1, 1}
)

// atv is one AttributeTypeAndValue with an explicit string tag.
func atv(typ []int, tag byte, value []byte) []byte {
	return seq(oid(typ...), tlv(tag, value))
}

func rdn(atvs ...[]byte) []byte { return tlv(tagSet, atvs...) }

func bmp(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u>>8), byte(u))
	}
	return out
}

func ucs4(s string) []byte {
	var out []byte
	for _, r := range s {
		out = append(out, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
	}
	return out
}

// nameWith is the usual leaf subject with one attribute of the given string
// type added before the CN.
func nameWith(name string, extra []byte) []byte {
	return seq(
		rdn(atv(atO, tagPrintable, []byte(testOrg[0]))),
		rdn(atv(atOU, tagPrintable, []byte(name))),
		rdn(extra),
		rdn(atv(atCN, tagPrintable, []byte("www.example.com"))),
	)
}

// Edits of the TBSCertificate element list.

// dropVersionAndExtensions makes a v1 certificate.
func dropVersionAndExtensions(f [][]byte) [][]byte {
	var out [][]byte
	for _, e := range f {
		if e[0] != 0xA0 && e[0] != 0xA3 {
			out = append(out, e)
		}
	}
	return out
}

// insertBeforeExtensions puts elements just before the [3] extensions.
func insertBeforeExtensions(f [][]byte, add ...[]byte) [][]byte {
	out := append([][]byte(nil), f[:len(f)-1]...)
	out = append(out, add...)
	return append(out, f[len(f)-1])
}

// editExtensions rewrites the extension list.
func editExtensions(f [][]byte, edit func(exts [][]byte) [][]byte) [][]byte {
	last := len(f) - 1
	if f[last][0] != 0xA3 {
		panic("no extensions to edit")
	}
	wrapper := mustChildren(f[last])[0]
	exts := fulls(mustChildren(mustChildren(wrapper.content)[0].content))
	out := append([][]byte(nil), f...)
	out[last] = tlv(0xA3, seq(edit(exts)...))
	return out
}

func extOID(e []byte) []byte { return mustChildren(mustChildren(e)[0].content)[0].full }

func findExt(exts [][]byte, id []int) []byte {
	want := oid(id...)
	for _, e := range exts {
		if string(extOID(e)) == string(want) {
			return e
		}
	}
	panic(fmt.Sprintf("extension %v not found", id))
}

// setValidity replaces notBefore and notAfter with explicitly tagged times.
func setValidity(nbTag byte, nb string, naTag byte, na string) func([][]byte) [][]byte {
	return func(f [][]byte) [][]byte {
		out := append([][]byte(nil), f...)
		out[tbsIndex(f, fValidity)] = seq(tlv(nbTag, []byte(nb)), tlv(naTag, []byte(na)))
		return out
	}
}

// sctList is a SignedCertificateTimestampList extension value (RFC 6962
// §3.3) of realistic size and shape; its contents are filler, since nothing
// that parses a certificate checks SCTs.
func sctList(seed string) []byte {
	fill := func(n int, tag string) []byte {
		var out []byte
		for i := 0; len(out) < n; i++ {
			s := sha256.Sum256([]byte(fmt.Sprintf("%s/%s/%d", seed, tag, i)))
			out = append(out, s[:]...)
		}
		return out[:n]
	}
	sct := func(i int) []byte {
		var b []byte
		b = append(b, 0)                                           // v1
		b = append(b, fill(32, fmt.Sprint("log", i))...)           // log id
		b = append(b, 0, 0, 0x01, 0x8c, 0xc0, 0x00, byte(i), 0x2a) // timestamp
		b = append(b, 0, 0)                                        // no extensions
		b = append(b, 4, 3)                                        // ecdsa, sha256
		sig := seq(tlv(tagInteger, append([]byte{0}, fill(32, fmt.Sprint("r", i))...)), tlv(tagInteger, append([]byte{0}, fill(32, fmt.Sprint("s", i))...)))
		b = append(b, byte(len(sig)>>8), byte(len(sig)))
		b = append(b, sig...)
		return append([]byte{byte(len(b) >> 8), byte(len(b))}, b...)
	}
	list := append(sct(0), sct(1)...)
	return tlv(tagOctetString, append([]byte{byte(len(list) >> 8), byte(len(list))}, list...))
}

// cpsPolicies is certificatePolicies with a CPS pointer, as Let's Encrypt and
// most public CAs write it.
func cpsPolicies() []byte {
	return seq(
		seq(oid(policyDV...)),
		seq(oid(penOID(1, 1, 1)...), seq(seq(oid(1, 3, 6, 1, 5, 5, 7, 2, 1), tlv(tagIA5, []byte("http://cps.example.net"))))),
	)
}

var (
	oidSAN        = []int{2, 5, 29, 17}
	oidKeyUsage   = []int{2, 5, 29, 15}
	oidSKI        = []int{2, 5, 29, 14}
	oidAKI        = []int{2, 5, 29, 35}
	oidBasic      = []int{2, 5, 29, 19}
	oidPolicies   = []int{2, 5, 29, 32}
	oidSCT        = []int{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
	oidNSCertType = []int{2, 16, 840, 1, 113730, 1, 1}
	anyPolicy     = []int{2, 5, 29, 32, 0}
)

func specs() []spec {
	var all []spec
	add := func(s spec) { all = append(all, s) }
	withTpl := func(s spec, f func(*x509.Certificate)) spec { s.tpl = f; return s }

	// Roots.
	add(spec{name: "rsa2048-sha256-root", key: "rsa2048-root", sig: "sha256-rsa", role: "root",
		desc: "RSA-2048 root, sha256WithRSA; issues the main RSA hierarchy"})
	add(spec{name: "rsa3072-sha384-root", key: "rsa3072-root", sig: "sha384-rsa", role: "root",
		desc: "RSA-3072 root, sha384WithRSA, notAfter 2054 (GeneralizedTime)",
		tpl:  func(t *x509.Certificate) { t.NotAfter = date(2054, 1, 1, 0, 0, 0) }})
	add(spec{name: "rsa4096-sha256-root-isrgx1", key: "rsa4096-isrgx1", sig: "sha256-rsa", role: "root",
		desc: "RSA-4096 root shaped like ISRG Root X1 (generated, not the real key)",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: []string{"Internet Security Research Group"}, CommonName: "ISRG Root X1 lookalike"}
			t.NotBefore, t.NotAfter = date(2015, 6, 4, 11, 4, 38), date(2035, 6, 4, 11, 4, 38)
		}})
	add(spec{name: "rsa8192-sha512-root", key: "rsa8192-root", sig: "sha512-rsa", role: "root",
		desc: "RSA-8192 root, sha512WithRSA: the largest modulus mbedTLS accepts by default",
		tpl:  func(t *x509.Certificate) { t.NotAfter = date(2064, 1, 1, 0, 0, 0) }})
	add(spec{name: "rsa2048-sha256-root-digicertg2", key: "rsa2048-digicertg2", sig: "sha256-rsa", role: "root",
		desc: "RSA-2048 root shaped like DigiCert Global Root G2 (generated)",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: []string{"DigiCert Inc"}, OrganizationalUnit: []string{"www.digicert.com"}, CommonName: "DigiCert Global Root G2 lookalike"}
			t.NotBefore, t.NotAfter = date(2013, 8, 1, 12, 0, 0), date(2038, 1, 15, 12, 0, 0)
			t.KeyUsage |= x509.KeyUsageDigitalSignature
		}})
	add(spec{name: "rsa2048-sha1-root-dstx3", key: "rsa2048-dstx3", sig: "sha1-rsa", role: "root",
		desc: "RSA-2048 root, sha1WithRSA, shaped like DST Root CA X3: expired 2021-09-30",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Organization: []string{"Digital Signature Trust Co."}, CommonName: "DST Root CA X3 lookalike"}
			t.NotBefore, t.NotAfter = date(2000, 9, 30, 21, 12, 19), date(2021, 9, 30, 14, 1, 15)
		}})
	add(spec{name: "rsa1024-sha1-root", key: "rsa1024-root", sig: "sha1-rsa", role: "root",
		desc: "RSA-1024 root, sha1WithRSA: an old embedded-vendor root",
		tpl: func(t *x509.Certificate) {
			t.NotBefore, t.NotAfter = date(1999, 1, 1, 0, 0, 0), date(2029, 1, 1, 0, 0, 0)
		}})
	add(spec{name: "rsa1024-md5-root-v1", key: "rsa1024-v1", sig: "md5-rsa", role: "root",
		desc: "v1 root (no extensions), RSA-1024, md5WithRSA, like the 1996 Class 3 roots",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: testOrg, OrganizationalUnit: []string{"Class 3 Public Primary Certification Authority lookalike"}}
			t.NotBefore, t.NotAfter = date(1996, 1, 29, 0, 0, 0), date(2028, 8, 1, 23, 59, 59)
		},
		tbs: dropVersionAndExtensions})
	add(spec{name: "rsa2048-sha256-root-v1", key: "rsa2048-v1", sig: "sha256-rsa", role: "root",
		desc: "v1 root (no version field, no extensions), RSA-2048, sha256WithRSA", tbs: dropVersionAndExtensions})
	add(spec{name: "p256-sha256-root", key: "p256-root", sig: "ecdsa-sha256", role: "root",
		desc: "P-256 root, ecdsa-with-SHA256; issues the main ECDSA hierarchy"})
	add(spec{name: "p384-sha384-root-isrgx2", key: "p384-isrgx2", sig: "ecdsa-sha384", role: "root",
		desc: "P-384 root shaped like ISRG Root X2 (generated)",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: []string{"Internet Security Research Group"}, CommonName: "ISRG Root X2 lookalike"}
			t.NotBefore, t.NotAfter = date(2020, 9, 4, 0, 0, 0), date(2040, 9, 17, 16, 0, 0)
		}})
	add(spec{name: "p521-sha512-root", key: "p521-root", sig: "ecdsa-sha512", role: "root",
		desc: "P-521 root, ecdsa-with-SHA512"})
	add(spec{name: "bp256-sha256-root", key: "bp256-root", sig: "ecdsa-sha256", role: "root",
		desc: "brainpoolP256r1 root, ecdsa-with-SHA256 (key and signature made by the generator)"})
	add(spec{name: "k256-sha256-root", key: "k256-root", sig: "ecdsa-sha256", role: "root",
		desc: "secp256k1 root, ecdsa-with-SHA256 (key and signature made by the generator)"})
	add(spec{name: "ed25519-root", key: "ed25519-root", sig: "ed25519", role: "root",
		desc: "Ed25519 root: Ed25519 key and signature (RFC 8410)"})

	// Intermediates.
	add(spec{name: "rsa2048-sha256-int", key: "rsa2048-int", issuer: "rsa2048-sha256-root", sig: "sha256-rsa", role: "int",
		desc: "RSA-2048 intermediate, pathLen 0, EKU, AIA, CRL DP, policy"})
	add(spec{name: "rsa2048-sha256-int-r3like", key: "rsa2048-r3like", issuer: "rsa4096-sha256-root-isrgx1", sig: "sha256-rsa", role: "int",
		desc: "RSA-2048 intermediate shaped like Let's Encrypt R3; template of Leaves",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: []string{"Let's Encrypt lookalike"}, CommonName: "R3-000000"}
			t.NotBefore, t.NotAfter = date(2024, 3, 13, 0, 0, 0), date(2044, 3, 12, 23, 59, 59)
			t.Policies = nil
			t.ExtraExtensions = []pkix.Extension{ext(oidPolicies, false, cpsPolicies())}
		}})
	add(spec{name: "p384-sha384-int-e1like", key: "p384-e1like", issuer: "p384-sha384-root-isrgx2", sig: "ecdsa-sha384", role: "int",
		desc: "P-384 intermediate shaped like Let's Encrypt E1; template of Leaves",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{Country: []string{"US"}, Organization: []string{"Let's Encrypt lookalike"}, CommonName: "E1-000000"}
			t.NotBefore, t.NotAfter = date(2024, 3, 13, 0, 0, 0), date(2044, 3, 12, 23, 59, 59)
		}})
	add(spec{name: "p256-sha256-int", key: "p256-int", issuer: "p256-sha256-root", sig: "ecdsa-sha256", role: "int",
		desc: "P-256 intermediate, pathLen 0"})
	add(spec{name: "p384-sha256-int-cross", key: "p384-cross", issuer: "rsa2048-sha256-root", sig: "sha256-rsa", role: "int",
		desc: "P-384 intermediate signed by the RSA-2048 root (sha256WithRSA), pathLen 1",
		tpl:  func(t *x509.Certificate) { t.MaxPathLen, t.MaxPathLenZero = 1, false }})
	add(spec{name: "rsa2048-pss256-int", key: "rsa2048-pssint", issuer: "rsa2048-sha256-root", sig: "pss-sha256", role: "int",
		desc: "RSA-2048 intermediate signed RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)"})
	add(spec{name: "rsa2048-sha256-int-nameconstraints", key: "rsa2048-ncint", issuer: "rsa2048-sha256-root", sig: "sha256-rsa", role: "int",
		desc: "RSA-2048 intermediate with critical nameConstraints (an extension mbedTLS does not know)",
		tpl: func(t *x509.Certificate) {
			t.PermittedDNSDomainsCritical = true
			t.PermittedDNSDomains = []string{".example.com", "example.com"}
			t.ExcludedIPRanges = []*net.IPNet{{IP: net.IPv4(0, 0, 0, 0), Mask: net.IPv4Mask(0, 0, 0, 0)}}
		}})

	// Leaves: key and signature algorithms.
	add(spec{name: "rsa2048-sha256-leaf", key: "rsa2048-leaf", issuer: "rsa2048-sha256-int", sig: "sha256-rsa", role: "leaf",
		desc: "RSA-2048 server certificate with SAN, AKI/SKI, KU, EKU, AIA, policy"})
	add(spec{name: "p256-sha256-leaf", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "P-256 server certificate with SAN, AKI/SKI, KU, EKU, AIA, policy"})
	add(spec{name: "rsa2048-sha256-leaf-r3like", key: "rsa2048-web", issuer: "rsa2048-sha256-int-r3like", sig: "sha256-rsa", role: "leaf",
		desc: "RSA-2048 leaf shaped like a Let's Encrypt certificate (SCTs, CPS, OCSP); template of Leaves",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{CommonName: "api-000000.example.com"}
			t.NotBefore, t.NotAfter = date(2025, 3, 1, 8, 15, 0), date(2045, 5, 30, 8, 14, 59)
			t.DNSNames = []string{"api-000000.example.com", "www-000000.example.com", "cdn-000000.example.net", "*.svc-000000.example.org", "mail-000000.example.com", "000000.example.io"}
			t.IPAddresses = nil
			t.Policies = nil
			t.ExtraExtensions = []pkix.Extension{ext(oidPolicies, false, cpsPolicies()), ext(oidSCT, false, sctList("r3like"))}
		}})
	add(spec{name: "p256-sha384-leaf-e1like", key: "p256-web", issuer: "p384-sha384-int-e1like", sig: "ecdsa-sha384", role: "leaf",
		desc: "P-256 leaf under a P-384 intermediate, shaped like a Let's Encrypt ECDSA certificate; template of Leaves",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{CommonName: "shop-000000.example.com"}
			t.NotBefore, t.NotAfter = date(2025, 4, 2, 10, 0, 0), date(2045, 7, 1, 9, 59, 59)
			t.DNSNames = []string{"shop-000000.example.com", "static-000000.example.com", "*.eu-000000.example.com"}
			t.IPAddresses = nil
			t.ExtraExtensions = []pkix.Extension{ext(oidSCT, false, sctList("e1like"))}
		}})
	add(spec{name: "p384-sha384-leaf", key: "p384-leaf", issuer: "p384-sha384-int-e1like", sig: "ecdsa-sha384", role: "leaf",
		desc: "P-384 server certificate, ecdsa-with-SHA384"})
	add(spec{name: "p521-sha512-leaf", key: "p521-leaf", issuer: "p521-sha512-root", sig: "ecdsa-sha512", role: "leaf",
		desc: "P-521 server certificate, ecdsa-with-SHA512"})
	add(spec{name: "rsa3072-sha384-leaf", key: "rsa3072-leaf", issuer: "rsa3072-sha384-root", sig: "sha384-rsa", role: "leaf",
		desc: "RSA-3072 server certificate, sha384WithRSA"})
	add(spec{name: "rsa4096-sha512-leaf", key: "rsa4096-leaf", issuer: "rsa8192-sha512-root", sig: "sha512-rsa", role: "leaf",
		desc: "RSA-4096 server certificate under the RSA-8192 root, sha512WithRSA"})
	add(spec{name: "rsa1024-sha256-leaf", key: "rsa1024-leaf", issuer: "rsa2048-sha256-root", sig: "sha256-rsa", role: "leaf",
		desc: "RSA-1024 server certificate (too small for the default verify profile)"})
	for _, a := range []struct{ sig, name string }{
		{"sha1-rsa", "sha1"}, {"sha224-rsa", "sha224"}, {"sha384-rsa", "sha384"}, {"sha512-rsa", "sha512"}, {"md5-rsa", "md5"},
	} {
		add(spec{name: "rsa2048-" + a.name + "-leaf", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: a.sig, role: "leaf",
			desc: "RSA-2048 server certificate signed " + a.name + "WithRSAEncryption"})
	}
	for _, a := range []struct{ sig, name string }{{"ecdsa-sha1", "sha1"}, {"ecdsa-sha224", "sha224"}, {"ecdsa-sha512", "sha512"}} {
		add(spec{name: "p256-ecdsa" + a.name + "-leaf", key: "p256-leaf", issuer: "p256-sha256-root", sig: a.sig, role: "leaf",
			desc: "P-256 server certificate signed ecdsa-with-" + strings.ToUpper(a.name)})
	}
	add(spec{name: "rsa2048-pss384-leaf", key: "rsa2048-leaf", issuer: "rsa3072-sha384-root", sig: "pss-sha384", role: "leaf",
		desc: "RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48)"})
	add(spec{name: "rsa2048-pss512-leaf", key: "rsa2048-leaf", issuer: "rsa3072-sha384-root", sig: "pss-sha512", role: "leaf",
		desc: "RSASSA-PSS (SHA-512, MGF1-SHA-512, salt 64)"})
	add(spec{name: "rsa2048-pss256-leaf-salt20", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: "pss-sha256-salt20", role: "leaf",
		desc: "RSASSA-PSS SHA-256 with salt length 20 (absent saltLength field)"})
	add(spec{name: "rsa2048-pss256-leaf-mgf1sha1", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: "pss-sha256-mgf1sha1", role: "leaf",
		desc: "RSASSA-PSS SHA-256 with the default MGF1-SHA-1 (maskGenAlgorithm absent)"})
	add(spec{name: "rsa2048-pss256-leaf-trailer", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: "pss-sha256-trailer", role: "leaf",
		desc: "RSASSA-PSS SHA-256 with an explicit trailerField 1"})
	add(spec{name: "rsa2048-pssdefault-leaf", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: "pss-defaults", role: "leaf",
		desc: "RSASSA-PSS with empty parameters (SHA-1, MGF1-SHA-1, salt 20)"})
	add(spec{name: "ed25519-key-ecdsa-leaf", key: "ed25519-leaf", issuer: "p256-sha256-root", sig: "ecdsa-sha256", role: "leaf",
		desc: "Ed25519 subject key, signed ecdsa-with-SHA256 by the P-256 root"})
	add(spec{name: "p256-ed25519sig-leaf", key: "p256-leaf", issuer: "ed25519-root", sig: "ed25519", role: "leaf",
		desc: "P-256 subject key, signed Ed25519 by the Ed25519 root"})
	add(spec{name: "bp256-sha256-leaf", key: "bp256-leaf", issuer: "bp256-sha256-root", sig: "ecdsa-sha256", role: "leaf",
		desc: "brainpoolP256r1 server certificate under the brainpool root"})
	add(spec{name: "k256-sha256-leaf", key: "k256-leaf", issuer: "k256-sha256-root", sig: "ecdsa-sha256", role: "leaf",
		desc: "secp256k1 server certificate under the secp256k1 root"})

	// Leaves: extensions.
	unknown := func(critical bool) func(*x509.Certificate) {
		return func(t *x509.Certificate) {
			t.ExtraExtensions = []pkix.Extension{ext(penOID(7, 1), critical, tlv(tagUTF8, []byte("tlsdoctor private extension")))}
		}
	}
	add(withTpl(spec{name: "rsa2048-sha256-leaf-crit-unknown", key: "rsa2048-leaf", issuer: "rsa2048-sha256-int", sig: "sha256-rsa", role: "leaf",
		desc: "an unknown extension marked critical"}, unknown(true)))
	add(withTpl(spec{name: "rsa2048-sha256-leaf-noncrit-unknown", key: "rsa2048-leaf", issuer: "rsa2048-sha256-int", sig: "sha256-rsa", role: "leaf",
		desc: "an unknown extension, not critical"}, unknown(false)))
	add(spec{name: "p256-sha256-leaf-policy-critical", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "critical certificatePolicies with a specific policy (2.23.140.1.2.1)",
		tpl: func(t *x509.Certificate) {
			t.Policies = nil
			t.ExtraExtensions = []pkix.Extension{ext(oidPolicies, true, seq(seq(oid(policyDV...))))}
		}})
	add(spec{name: "p256-sha256-leaf-anypolicy-critical", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "critical certificatePolicies with anyPolicy only",
		tpl: func(t *x509.Certificate) {
			t.Policies = nil
			t.ExtraExtensions = []pkix.Extension{ext(oidPolicies, true, seq(seq(oid(anyPolicy...))))}
		}})
	add(spec{name: "rsa2048-sha256-leaf-big", key: "rsa2048-leaf", issuer: "rsa2048-sha256-int", sig: "sha256-rsa", role: "leaf",
		desc: "about 5 KB: 110 SAN entries (a multi-tenant CDN certificate)",
		tpl: func(t *x509.Certificate) {
			t.DNSNames = nil
			for i := range 110 {
				t.DNSNames = append(t.DNSNames, fmt.Sprintf("tenant-%03d.region-%d.cdn.example.com", i, i%7))
			}
		}})
	add(spec{name: "p256-sha256-leaf-nscerttype", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "Netscape certificate type extension (SSL server)",
		tpl: func(t *x509.Certificate) {
			t.ExtraExtensions = []pkix.Extension{ext(oidNSCertType, false, []byte{tagBitString, 2, 6, 0x40})}
		}})
	add(spec{name: "p256-sha256-leaf-san-mixed", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "SAN with every GeneralName form: otherName (hardware module name), email, DNS, directoryName, URI, IPv4, IPv6, registeredID",
		tpl: func(t *x509.Certificate) {
			t.DNSNames, t.IPAddresses = nil, nil
			san := seq(
				tlv(0xA0, oid(1, 3, 6, 1, 5, 5, 7, 8, 4), tlv(0xA0, seq(oid(penOID(2, 1)...), tlv(tagOctetString, []byte("HW-0001"))))),
				tlv(0x81, []byte("ops@example.com")),
				tlv(0x82, []byte("device.example.com")),
				tlv(0xA4, seq(rdn(atv(atCN, tagPrintable, []byte("device directory name"))))),
				tlv(0x86, []byte("https://device.example.com/id")),
				tlv(0x87, []byte{192, 0, 2, 20}),
				tlv(0x87, net.ParseIP("2001:db8::20")),
				tlv(0x88, oid(penOID(3, 1)...)[2:]),
			)
			t.ExtraExtensions = []pkix.Extension{ext(oidSAN, false, san)}
		}})
	add(spec{name: "p256-sha256-leaf-aki-full", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "authorityKeyIdentifier with keyIdentifier, authorityCertIssuer and serial",
		tpl: func(t *x509.Certificate) {
			aki := seq(
				tlv(0x80, make([]byte, 20)),
				tlv(0xA1, tlv(0xA4, seq(rdn(atv(atCN, tagPrintable, []byte("tlsdoctor p256-sha256-root")))))),
				tlv(0x82, []byte{0x10, 0x20, 0x30}),
			)
			t.ExtraExtensions = []pkix.Extension{ext(oidAKI, false, aki)}
		}})
	add(spec{name: "p256-sha256-leaf-bc-false-explicit", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "basicConstraints with cA FALSE written out (BER default, not DER)",
		tpl: func(t *x509.Certificate) {
			t.BasicConstraintsValid = false
			t.ExtraExtensions = []pkix.Extension{ext(oidBasic, true, seq([]byte{tagBoolean, 1, 0}))}
		}})
	add(spec{name: "p256-sha256-leaf-dup-keyusage", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "keyUsage twice (mbedTLS: duplicate known extension)", opensslSkip: "openssl rejects duplicate extensions",
		tbs: func(f [][]byte) [][]byte {
			return editExtensions(f, func(e [][]byte) [][]byte { return append(e, findExt(e, oidKeyUsage)) })
		}})
	add(spec{name: "p256-sha256-leaf-dup-ski", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "subjectKeyIdentifier twice (known to mbedTLS 3.6 only)", opensslSkip: "openssl rejects duplicate extensions",
		tbs: func(f [][]byte) [][]byte {
			return editExtensions(f, func(e [][]byte) [][]byte { return append(e, findExt(e, oidSKI)) })
		}})
	add(spec{name: "rsa2048-sha256-leaf-noext", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root", sig: "sha256-rsa", role: "leaf",
		desc: "v3 certificate without any extension",
		tpl: func(t *x509.Certificate) {
			t.SubjectKeyId, t.BasicConstraintsValid, t.KeyUsage, t.ExtKeyUsage = nil, false, 0, nil
			t.DNSNames, t.IPAddresses, t.OCSPServer, t.IssuingCertificateURL, t.Policies = nil, nil, nil, nil, nil
		},
		tbs: func(f [][]byte) [][]byte {
			if f[len(f)-1][0] == 0xA3 { // Go adds the AKI from the issuer
				return f[:len(f)-1]
			}
			return f
		}})

	// Leaves: dates.
	add(spec{name: "p256-sha256-leaf-gentime", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "GeneralizedTime for dates before 2050 (allowed by mbedTLS, not by RFC 5280)",
		tbs:  setValidity(tagGenTime, "20250101000000Z", tagGenTime, "20450101000000Z")})
	add(spec{name: "p256-sha256-leaf-expired", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "expired: 2010-01-01 to 2012-01-01 (UTCTime)",
		tpl: func(t *x509.Certificate) {
			t.NotBefore, t.NotAfter = date(2010, 1, 1, 0, 0, 0), date(2012, 1, 1, 0, 0, 0)
		}})
	add(spec{name: "p256-sha256-leaf-future", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "not yet valid: 2055-01-01 to 2060-01-01 (GeneralizedTime)",
		tpl: func(t *x509.Certificate) {
			t.NotBefore, t.NotAfter = date(2055, 1, 1, 0, 0, 0), date(2060, 1, 1, 0, 0, 0)
		}})
	add(spec{name: "p256-sha256-leaf-until2050", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "notBefore UTCTime, notAfter 2050-01-01 GeneralizedTime (the RFC 5280 switch)",
		tpl:  func(t *x509.Certificate) { t.NotAfter = date(2050, 1, 1, 0, 0, 0) }})

	// Leaves: names.
	rawSubject := func(name, desc string, subject []byte, skip string) {
		add(spec{name: "p256-sha256-leaf-names-" + name, key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
			desc: desc, opensslSkip: skip,
			tpl: func(t *x509.Certificate) { t.RawSubject = subject }})
	}
	leafName := func(n string) string { return "p256-sha256-leaf-names-" + n }
	rawSubject("printable", "subject of PrintableStrings only (C, ST, L, O, OU, serialNumber, CN)", seq(
		rdn(atv(atC, tagPrintable, []byte("US"))),
		rdn(atv(atST, tagPrintable, []byte("California"))),
		rdn(atv(atL, tagPrintable, []byte("San Jose"))),
		rdn(atv(atO, tagPrintable, []byte("Example Devices Ltd."))),
		rdn(atv(atOU, tagPrintable, []byte(leafName("printable")))),
		rdn(atv(atSN, tagPrintable, []byte("SN-0001"))),
		rdn(atv(atCN, tagPrintable, []byte("sensor-01.example.com"))),
	), "")
	rawSubject("utf8", "UTF8String attributes with non-ASCII text", seq(
		rdn(atv(atC, tagPrintable, []byte("CH"))),
		rdn(atv(atL, tagUTF8, []byte("Zürich"))),
		rdn(atv(atO, tagUTF8, []byte("Bücher & Söhne GmbH – 研究所"))),
		rdn(atv(atOU, tagUTF8, []byte(leafName("utf8")))),
		rdn(atv(atCN, tagUTF8, []byte("gerät-7.example.com"))),
	), "")
	rawSubject("ia5", "IA5String attributes: emailAddress and domainComponent", seq(
		rdn(atv(atDC, tagIA5, []byte("com"))),
		rdn(atv(atDC, tagIA5, []byte("example"))),
		rdn(atv(atOU, tagPrintable, []byte(leafName("ia5")))),
		rdn(atv(atCN, tagPrintable, []byte("www.example.com"))),
		rdn(atv(atEmail, tagIA5, []byte("ops@example.com"))),
	), "")
	rawSubject("bmp", "a BMPString organisation", nameWith(leafName("bmp"), atv(atTitle, tagBMP, bmp("Gerät ☃ BMP"))), "")
	rawSubject("t61", "a T61String organisation", nameWith(leafName("t61"), atv(atTitle, tagT61, []byte("T61 Title"))), "")
	rawSubject("universal", "a UniversalString attribute", nameWith(leafName("universal"), atv(atTitle, tagUniversal, ucs4("Universal ✓"))), "")
	rawSubject("visible", "a VisibleString attribute (a string type mbedTLS rejects)", nameWith(leafName("visible"), atv(atTitle, tagVisible, []byte("Visible Title"))), "")
	rawSubject("numeric", "a NumericString serialNumber (a string type mbedTLS rejects)", nameWith(leafName("numeric"), atv(atSN, tagNumeric, []byte("0012345678"))), "")
	rawSubject("multivalue", "multi-valued RDN (CN + UID in one SET) among nine RDNs", seq(
		rdn(atv(atC, tagPrintable, []byte("DE"))),
		rdn(atv(atST, tagUTF8, []byte("Bayern"))),
		rdn(atv(atL, tagUTF8, []byte("München"))),
		rdn(atv(atO, tagUTF8, []byte("Example Fabrik AG"))),
		rdn(atv(atOU, tagUTF8, []byte("Werk 4"))),
		rdn(atv(atOU, tagPrintable, []byte(leafName("multivalue")))),
		rdn(atv(atDC, tagIA5, []byte("example"))),
		rdn(atv(atCN, tagUTF8, []byte("plc-4.example.com")), atv(atUID, tagUTF8, []byte("plc4"))),
		rdn(atv(atSN, tagPrintable, []byte("4711"))),
	), "")
	add(spec{name: "p256-sha256-leaf-empty-subject", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "empty subject, identity in a critical SAN (RFC 5280 §4.2.1.6)",
		tpl:  func(t *x509.Certificate) { t.Subject = pkix.Name{} }})

	// Leaves: structure.
	uid := tlv(tagBitString, []byte{0, 0xDE, 0xAD, 0xBE, 0xEF})
	add(spec{name: "p256-sha256-leaf-uid-81", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "issuerUniqueID as RFC 5280 encodes it: IMPLICIT [1] BIT STRING, tag 0x81",
		tbs: func(f [][]byte) [][]byte {
			return insertBeforeExtensions(f, append([]byte{0x81}, uid[1:]...))
		}})
	add(spec{name: "p256-sha256-leaf-uid-a1", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "issuerUniqueID with a constructed [1] tag (0xA1), what mbedTLS looks for",
		tbs:  func(f [][]byte) [][]byte { return insertBeforeExtensions(f, tlv(0xA1, uid)) }})
	add(spec{name: "p256-sha256-leaf-v2-uids", key: "p256-leaf", issuer: "p256-sha256-int", sig: "ecdsa-sha256", role: "leaf",
		desc: "v2 certificate with issuerUniqueID and subjectUniqueID (0x81, 0x82) and no extensions",
		tbs: func(f [][]byte) [][]byte {
			out := [][]byte{tlv(0xA0, smallInt(1))}
			out = append(out, f[1:len(f)-1]...)
			return append(out, append([]byte{0x81}, uid[1:]...), append([]byte{0x82}, uid[1:]...))
		}})
	add(spec{name: "rsa2048-sha256-leaf-v1", key: "rsa2048-leaf", issuer: "rsa2048-sha256-root-v1", sig: "sha256-rsa", role: "leaf",
		desc: "v1 server certificate under the v1 root", tbs: dropVersionAndExtensions})
	add(spec{name: "p256-sha256-leaf-selfsigned", key: "p256-self", sig: "ecdsa-sha256", role: "leaf",
		desc: "self-signed end-entity certificate (CN device.local), as devices make for themselves",
		tpl: func(t *x509.Certificate) {
			t.Subject = pkix.Name{CommonName: "device.local"}
			t.DNSNames = []string{"device.local"}
			t.OCSPServer, t.IssuingCertificateURL, t.Policies = nil, nil, nil
		}})

	return all
}
