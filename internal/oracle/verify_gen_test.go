//go:build oracle

package oracle

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/cryptotest"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// The generated verify corpus (issue 4, "Truth"): chains made at test time
// from the testcert keys, in systematic combinations of key family ×
// defect × leaf naming style × presentation order, plus the OpenSSL-made
// chains on curves Go lacks. Serial numbers and dates are fixed and
// cryptotest.SetGlobalRandom fixes the ECDSA nonces, so every run makes
// the same bytes.
//
// Cost: the real library spends about 0.3 ms on an RSA-2048 chain, 5 ms on
// a P-256 one, 9 ms on a P-521 one and up to 80 ms on a brainpool one (2.28,
// -O1). So every chain gets a default-profile and a suite-B call (host names
// taken in turn from genHosts); the all-RSA chains also get the host
// device.example.com and, in turn, the "next" profile, a 1970 or a 2046
// clock, and the validity defects every boundary second; the good chain of
// each family is tried under every host. The brainpool fixtures are not
// multiplied. See expand.

// genFamily is one key hierarchy: the keys (by testcert base certificate
// name) of the root, intermediate and leaf, a second root key (the "old"
// root of cross-signing and a wrong root's key), the digest and whether RSA
// signatures use PSS.
type genFamily struct {
	name                   string
	root, int, leaf, other string
	hash                   crypto.Hash
	pss                    bool
	// cheap: every key is RSA, so the real library verifies it in well
	// under a millisecond and the chain gets more calls (see expand).
	cheap bool
}

var genFamilies = []genFamily{
	{"rsa", "rsa2048-sha256-root", "rsa2048-sha256-int", "rsa2048-sha256-leaf", "rsa2048-sha256-root-digicertg2", crypto.SHA256, false, true},
	{"pss", "rsa2048-sha256-root", "rsa2048-sha256-int", "rsa2048-sha256-leaf", "rsa2048-sha256-root-digicertg2", crypto.SHA256, true, true},
	// MPI limits: 4096- and 3072-bit roots exceed the embedded build's
	// MBEDTLS_MPI_MAX_SIZE (256 bytes) and fail to parse there.
	{"rsa4096", "rsa4096-sha256-root-isrgx1", "rsa2048-sha256-int-r3like", "rsa2048-sha256-leaf-r3like", "rsa2048-sha1-root-dstx3", crypto.SHA256, false, true},
	{"rsa3072", "rsa3072-sha384-root", "rsa2048-pss256-int", "rsa3072-sha384-leaf", "rsa2048-sha256-root-digicertg2", crypto.SHA256, false, true},
	{"p256", "p256-sha256-root", "p256-sha256-int", "p256-sha256-leaf", "p256-sha256-leaf-selfsigned", crypto.SHA256, false, false},
	// P-384 and SHA-384: absent from the embedded builds.
	{"p384", "p384-sha384-root-isrgx2", "p384-sha384-int-e1like", "p384-sha384-leaf", "p384-sha256-int-cross", crypto.SHA384, false, false},
	// P-521 and SHA-512 (the leaf key is P-256).
	{"p521", "p521-sha512-root", "p521-sha512-leaf", "p256-sha384-leaf-e1like", "p384-sha256-int-cross", crypto.SHA512, false, false},
	// An RSA root over an ECDSA intermediate and leaf.
	{"rsa-ec", "rsa2048-sha256-root", "p256-sha256-int", "p256-sha256-leaf", "rsa2048-sha256-root-digicertg2", crypto.SHA256, false, false},
}

// Host names tried; "" passes NULL. The literal "*.wild.example.com" and the
// URI only match as exact bytes; the C string ends at the NUL.
var genHosts = []string{"", "device.example.com", "DEVICE.Example.COM", "other.example.com", "x.wild.example.com",
	"wild.example.com", "192.0.2.7", "198.51.100.7", "spiffe://device.example.com/x", "*.wild.example.com", "device.example.net",
	"2001:db8::7", "2001:DB8:0:0:0:0:0:7", "device.example.com.", "example.com", "device.example.com\x00.evil"}

// genLeafStyles are the ways a leaf names itself.
var genLeafStyles = []string{"san", "cn-only", "san-other", "san-ip", "san-upper-uri", "cn-wild", "no-name", "san-ipv6", "cn-two", "san-empty-subject"}

// genChain is one distinct chain and trust list with what to try it under.
type genChain struct {
	verifyCase
	cat      string // category, for the coverage count
	cheap    bool
	allHosts bool        // every host of genHosts, default profile
	hosts    []string    // names this chain is about (tried in addition)
	clocks   []time.Time // clocks of interest besides the fixed one
}

// gen makes certificates with fixed serials and dates.
type gen struct {
	t      *testing.T
	keys   map[string]crypto.Signer
	serial int64
	now    time.Time
	out    []genChain
}

func (g *gen) key(name string) crypto.Signer {
	if k, ok := g.keys[name]; ok {
		return k
	}
	k, err := testcert.Key(name)
	if err != nil {
		g.t.Fatalf("testcert.Key(%s): %v", name, err)
	}
	g.keys[name] = k
	return k
}

// sigAlg is the signature algorithm a key signs with in a family; weak
// selects SHA-1.
func sigAlg(k crypto.Signer, fam *genFamily, weak bool) x509.SignatureAlgorithm {
	switch k.Public().(type) {
	case *rsa.PublicKey:
		switch {
		case weak:
			return x509.SHA1WithRSA
		case fam.pss && fam.hash == crypto.SHA384:
			return x509.SHA384WithRSAPSS
		case fam.pss && fam.hash == crypto.SHA512:
			return x509.SHA512WithRSAPSS
		case fam.pss:
			return x509.SHA256WithRSAPSS
		case fam.hash == crypto.SHA384:
			return x509.SHA384WithRSA
		case fam.hash == crypto.SHA512:
			return x509.SHA512WithRSA
		}
		return x509.SHA256WithRSA
	case *ecdsa.PublicKey:
		switch {
		case weak:
			return x509.ECDSAWithSHA1
		case fam.hash == crypto.SHA384:
			return x509.ECDSAWithSHA384
		case fam.hash == crypto.SHA512:
			return x509.ECDSAWithSHA512
		}
		return x509.ECDSAWithSHA256
	}
	return x509.UnknownSignatureAlgorithm
}

// gcert is a made certificate.
type gcert struct {
	der []byte
	c   *x509.Certificate
	key crypto.Signer
}

// sign makes tmpl with subject key subj, issued by parent (nil:
// self-signed) with the parent's key.
func (g *gen) sign(fam *genFamily, tmpl *x509.Certificate, subj crypto.Signer, parent *gcert, weak bool) *gcert {
	g.t.Helper()
	g.serial++
	tmpl.SerialNumber = big.NewInt(g.serial)
	pc, pk := tmpl, subj
	if parent != nil {
		pc, pk = parent.c, parent.key
	}
	tmpl.SignatureAlgorithm = sigAlg(pk, fam, weak)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, pc, subj.Public(), pk)
	if err != nil {
		g.t.Fatalf("CreateCertificate %s: %v", tmpl.Subject.CommonName, err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		g.t.Fatalf("ParseCertificate %s: %v", tmpl.Subject.CommonName, err)
	}
	return &gcert{der: der, c: c, key: subj}
}

func (g *gen) ca(fam *genFamily, cn string) *x509.Certificate {
	return &x509.Certificate{Subject: pkix.Name{CommonName: cn, Organization: []string{"tlsdoctor gen " + fam.name}},
		NotBefore: g.now.AddDate(-1, 0, 0), NotAfter: g.now.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, MaxPathLen: -1}
}

// leaf returns a leaf template named in one of genLeafStyles.
func (g *gen) leaf(style string) *x509.Certificate {
	l := &x509.Certificate{Subject: pkix.Name{CommonName: "device.example.com"}, NotBefore: g.now.AddDate(0, -1, 0),
		NotAfter: g.now.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	switch style {
	case "san":
		l.DNSNames = []string{"device.example.com", "*.wild.example.com"}
		l.IPAddresses = []net.IP{net.ParseIP("192.0.2.7")}
	case "cn-only":
	case "san-other": // the SAN hides the CN
		l.DNSNames = []string{"other.example.com"}
	case "san-ip": // 2.28 reads only dNSName entries
		l.IPAddresses = []net.IP{net.ParseIP("192.0.2.7")}
	case "san-upper-uri":
		l.DNSNames = []string{"DEVICE.EXAMPLE.COM"}
		u, _ := url.Parse("spiffe://device.example.com/x")
		l.URIs = []*url.URL{u}
	case "cn-wild":
		l.Subject.CommonName = "*.wild.example.com"
	case "no-name":
		l.Subject = pkix.Name{Organization: []string{"tlsdoctor gen device"}}
	case "san-ipv6":
		l.IPAddresses = []net.IP{net.ParseIP("2001:db8::7")}
	case "san-empty-subject": // Go marks the SAN critical then (RFC 5280 4.2.1.6)
		l.Subject = pkix.Name{}
		l.DNSNames = []string{"device.example.com"}
	case "cn-two": // two CN attributes, each its own RDN
		cn := asn1.ObjectIdentifier{2, 5, 4, 3}
		l.Subject = pkix.Name{ExtraNames: []pkix.AttributeTypeAndValue{{Type: cn, Value: "other.example.com"}, {Type: cn, Value: "device.example.com"}}}
	default:
		panic("unknown leaf style " + style)
	}
	return l
}

func (g *gen) add(c genChain, fam *genFamily, chain []*gcert, trust ...*gcert) {
	for _, x := range chain {
		c.Chain = append(c.Chain, x.der)
	}
	for _, x := range trust {
		c.Trust = append(c.Trust, x.der)
	}
	c.cheap = fam.cheap
	g.out = append(g.out, c)
}

// spoilIn replaces x in l by a copy whose signature has its last bit
// flipped.
func spoilIn(l []*gcert, x *gcert) []*gcert {
	out := append([]*gcert(nil), l...)
	for i, y := range out {
		if y == x {
			d := append([]byte(nil), x.der...)
			d[len(d)-1] ^= 1
			out[i] = &gcert{der: d, c: x.c, key: x.key}
		}
	}
	return out
}

var (
	genCritExt    = pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Critical: true, Value: []byte{5, 0}}
	genNonCritExt = pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 2}, Value: []byte{5, 0}}
)

// genMutation is one defect of the root → intermediate → leaf chain.
type genMutation struct {
	name string
	tmpl func(g *gen, ts []*x509.Certificate) // edits [root, int, leaf] templates
	weak [3]bool                              // SHA-1 signature on [root, int, leaf]
	key  [3]string                            // replace the family's key at a position
	// shape builds chain and trust from the three certificates.
	shape string
	// spoil flips the last bit of the signature of [root, int, leaf].
	spoil [3]bool
	// clocks of interest for this defect.
	clocks func(now time.Time) []time.Time
}

// leafNamedLikeInt gives the leaf the intermediate's subject.
func leafNamedLikeInt(_ *gen, ts []*x509.Certificate) { ts[2].Subject = ts[1].Subject }

// genPast and genFuture move a template's validity before or after
// testcert.Now.
func genPast(t *x509.Certificate) {
	t.NotBefore, t.NotAfter = testcert.Now().AddDate(-5, 0, 0), testcert.Now().AddDate(-1, 0, 0)
}

func genFuture(t *x509.Certificate) {
	t.NotBefore, t.NotAfter = testcert.Now().AddDate(1, 0, 0), testcert.Now().AddDate(5, 0, 0)
}

func genMutations() []genMutation {
	past, future := genPast, genFuture
	// The boundaries: mbedTLS compares to the second and counts equality
	// as valid.
	edges := func(now time.Time) []time.Time {
		var out []time.Time
		for _, d := range []time.Time{now.AddDate(-1, 0, 0), now.AddDate(1, 0, 0), now.AddDate(0, -1, 0), now.AddDate(10, 0, 0)} {
			out = append(out, d.Add(-time.Second), d, d.Add(time.Second))
		}
		return out
	}
	// "ok" first: the defects that leave root and intermediate alone
	// share its two.
	ms := []genMutation{{name: "ok", clocks: edges}}
	for i, pos := range []string{"root", "int", "leaf"} {
		k1024 := "rsa1024-sha1-root"
		if pos == "leaf" {
			k1024 = "rsa1024-sha256-leaf"
		}
		var weak [3]bool
		weak[i] = true
		var key [3]string
		key[i] = k1024
		ms = append(ms,
			genMutation{name: "expired-" + pos, tmpl: func(_ *gen, ts []*x509.Certificate) { past(ts[i]) }, clocks: edges},
			genMutation{name: "future-" + pos, tmpl: func(_ *gen, ts []*x509.Certificate) { future(ts[i]) }, clocks: edges},
			genMutation{name: "sha1-" + pos, weak: weak},
			genMutation{name: "crit-unknown-" + pos, tmpl: func(_ *gen, ts []*x509.Certificate) { ts[i].ExtraExtensions = []pkix.Extension{genCritExt} }},
			genMutation{name: "noncrit-unknown-" + pos, tmpl: func(_ *gen, ts []*x509.Certificate) { ts[i].ExtraExtensions = []pkix.Extension{genNonCritExt} }},
			genMutation{name: "rsa1024-" + pos, key: key},
			genMutation{name: "badsig-" + pos, spoil: weak},
		)
	}
	ku := func(i int, u x509.KeyUsage) func(*gen, []*x509.Certificate) {
		return func(_ *gen, ts []*x509.Certificate) { ts[i].KeyUsage = u }
	}
	ms = append(ms,
		genMutation{name: "expired-all", tmpl: func(_ *gen, ts []*x509.Certificate) { past(ts[0]); past(ts[1]); past(ts[2]) }, clocks: edges},
		genMutation{name: "int-not-ca", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[1].IsCA = false }},
		genMutation{name: "int-no-bc", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[1].IsCA, ts[1].BasicConstraintsValid = false, false }},
		genMutation{name: "root-not-ca", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[0].IsCA = false }},
		genMutation{name: "int-no-certsign", tmpl: ku(1, x509.KeyUsageDigitalSignature)},
		genMutation{name: "int-no-ku", tmpl: ku(1, 0)},
		genMutation{name: "int-ku-certsign-digsig", tmpl: ku(1, x509.KeyUsageCertSign|x509.KeyUsageDigitalSignature)},
		genMutation{name: "int-ku-encipheronly", tmpl: ku(1, x509.KeyUsageCertSign|x509.KeyUsageKeyAgreement|x509.KeyUsageEncipherOnly)},
		genMutation{name: "int-ku-decipheronly", tmpl: ku(1, x509.KeyUsageCertSign|x509.KeyUsageKeyAgreement|x509.KeyUsageDecipherOnly)},
		genMutation{name: "root-no-certsign", tmpl: ku(0, x509.KeyUsageCRLSign)},
		genMutation{name: "leaf-is-ca", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[2].IsCA = true }},
		// x509_crt_verify does not look at extendedKeyUsage (the SSL
		// layer does): a client-only leaf verifies.
		genMutation{name: "leaf-eku-client", tmpl: func(_ *gen, ts []*x509.Certificate) {
			ts[2].ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		}},
		genMutation{name: "leaf-ku-certsign", tmpl: ku(2, x509.KeyUsageCertSign)},
		genMutation{name: "root-pathlen0", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[0].MaxPathLenZero, ts[0].MaxPathLen = true, 0 }},
		genMutation{name: "int-pathlen0", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[1].MaxPathLenZero, ts[1].MaxPathLen = true, 0 }},
		genMutation{name: "pathlen0-two-ints", shape: "two-ints", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[1].MaxPathLenZero, ts[1].MaxPathLen = true, 0 }},
		genMutation{name: "pathlen1-two-ints", shape: "two-ints", tmpl: func(_ *gen, ts []*x509.Certificate) { ts[1].MaxPathLen = 1 }},
		genMutation{name: "two-ints-reversed", shape: "two-ints-reversed"},
		genMutation{name: "missing-int", shape: "missing-int"},
		genMutation{name: "wrong-root", shape: "wrong-root"},
		genMutation{name: "wrong-then-right-root", shape: "wrong-then-right-root"},
		genMutation{name: "root-renamed", shape: "root-renamed"},
		genMutation{name: "root-name-case", shape: "root-name-case"},
		genMutation{name: "root-in-chain", shape: "root-in-chain"},
		genMutation{name: "root-before-int", shape: "root-before-int"},
		genMutation{name: "dup-int", shape: "dup-int"},
		genMutation{name: "dup-leaf", shape: "dup-leaf"},
		genMutation{name: "int-trusted", shape: "int-trusted"},
		genMutation{name: "int-and-root-trusted", shape: "int-and-root-trusted"},
		genMutation{name: "expired-root-then-valid", shape: "expired-root-then-valid", clocks: edges},
		genMutation{name: "valid-root-then-expired", shape: "valid-root-then-expired", clocks: edges},
		genMutation{name: "expired-int-then-valid", shape: "expired-int-then-valid", clocks: edges},
		genMutation{name: "valid-int-then-future", shape: "valid-int-then-future", clocks: edges},
		genMutation{name: "leaf-trusted-self", shape: "leaf-trusted"},
		genMutation{name: "leaf-self-untrusted", shape: "leaf-self"},
		// A leaf named like its issuer is self-issued, so a byte-identical
		// copy in the trusted list makes it locally trusted
		// (x509_crt_check_ee_locally_trusted), signature or not.
		genMutation{name: "leaf-self-issued-trusted", shape: "leaf-self-issued-trusted", tmpl: leafNamedLikeInt},
		genMutation{name: "leaf-self-issued", tmpl: leafNamedLikeInt},
	)
	return ms
}

// mutations: every family × defect × leaf style (all styles for the cheap
// families, two for the others).
func (g *gen) mutations() {
	for fi := range genFamilies {
		fam := &genFamilies[fi]
		styles := genLeafStyles
		switch {
		case fam.name == "p521": // 9 ms a call on 2.28
			styles = genLeafStyles[:1]
		case !fam.cheap:
			styles = genLeafStyles[:2]
		}
		var plainRoot, plainInt *gcert // shared by the defects that leave them alone
		for _, m := range genMutations() {
			// The leaf template here only absorbs edits; each style makes its own.
			ts := []*x509.Certificate{g.ca(fam, "Gen Root "+fam.name), g.ca(fam, "Gen Int "+fam.name), g.leaf("san")}
			keys := [3]crypto.Signer{g.key(fam.root), g.key(fam.int), g.key(fam.leaf)}
			for i, k := range m.key {
				if k != "" {
					keys[i] = g.key(k)
				}
			}
			if m.tmpl != nil {
				m.tmpl(g, ts)
			}
			plain := func(i int, tmpl *x509.Certificate) bool {
				return m.key[i] == "" && !m.weak[i] && reflect.DeepEqual(ts[i], tmpl)
			}
			var root, in1 *gcert
			if plain(0, g.ca(fam, "Gen Root "+fam.name)) && plainRoot != nil {
				root = plainRoot
			} else {
				root = g.sign(fam, ts[0], keys[0], nil, m.weak[0])
			}
			if root == plainRoot && plain(1, g.ca(fam, "Gen Int "+fam.name)) && plainInt != nil {
				in1 = plainInt
			} else {
				in1 = g.sign(fam, ts[1], keys[1], root, m.weak[1])
			}
			if m.name == "ok" {
				plainRoot, plainInt = root, in1
			}
			// Certificates some shapes add, all made before the leaves
			// so the serials do not depend on the style count.
			extra := map[string]*gcert{}
			switch m.shape {
			case "two-ints", "two-ints-reversed":
				extra["int2"] = g.sign(fam, g.ca(fam, "Gen Int2 "+fam.name), g.key(fam.other), in1, false)
			case "wrong-root", "wrong-then-right-root":
				extra["other"] = g.sign(fam, g.ca(fam, "Gen Root "+fam.name), g.key(fam.other), nil, false)
			case "root-renamed":
				extra["other"] = g.sign(fam, g.ca(fam, "Gen Root Renamed "+fam.name), keys[0], nil, false)
			case "root-name-case":
				extra["other"] = g.sign(fam, g.ca(fam, strings.ToUpper("Gen Root "+fam.name)), keys[0], nil, false)
			case "expired-root-then-valid", "valid-root-then-expired":
				o := g.ca(fam, "Gen Root "+fam.name)
				genPast(o)
				extra["other"] = g.sign(fam, o, keys[0], nil, false)
			case "expired-int-then-valid":
				o := g.ca(fam, "Gen Int "+fam.name)
				genPast(o)
				extra["int-b"] = g.sign(fam, o, keys[1], root, false)
			case "valid-int-then-future":
				o := g.ca(fam, "Gen Int "+fam.name)
				genFuture(o)
				extra["int-b"] = g.sign(fam, o, keys[1], root, false)
			}
			for _, style := range styles {
				lt := g.leaf(style)
				if m.tmpl != nil {
					// Root and intermediate are made; only the leaf edit counts.
					m.tmpl(g, []*x509.Certificate{g.ca(fam, "Gen Root "+fam.name), g.ca(fam, "Gen Int "+fam.name), lt})
				}
				parent := in1
				if p := extra["int2"]; p != nil {
					parent = p
				}
				if m.shape == "leaf-trusted" || m.shape == "leaf-self" {
					lt.IsCA = false
					parent = nil
				}
				leaf := g.sign(fam, lt, keys[2], parent, m.weak[2])
				c := genChain{cat: "defect/" + m.name, allHosts: m.name == "ok"}
				c.ID = fmt.Sprintf("%s/%s/%s", fam.name, m.name, style)
				if m.clocks != nil && style == styles[0] {
					c.clocks = m.clocks(g.now)
				}
				ch, tr := []*gcert{leaf, in1}, []*gcert{root}
				switch m.shape {
				case "two-ints":
					ch = []*gcert{leaf, extra["int2"], in1}
				case "two-ints-reversed":
					ch = []*gcert{leaf, in1, extra["int2"]}
				case "missing-int":
					ch = ch[:1]
				case "wrong-root", "root-renamed", "root-name-case":
					tr = []*gcert{extra["other"]}
				case "wrong-then-right-root", "expired-root-then-valid":
					tr = []*gcert{extra["other"], root}
				case "valid-root-then-expired":
					tr = []*gcert{root, extra["other"]}
				case "root-in-chain":
					ch = append(ch, root)
				case "root-before-int":
					ch = []*gcert{leaf, root, in1}
				case "dup-int":
					ch = append(ch, in1)
				case "dup-leaf":
					ch = []*gcert{leaf, leaf, in1}
				case "int-trusted":
					ch, tr = ch[:1], []*gcert{in1}
				case "int-and-root-trusted":
					tr = []*gcert{in1, root}
				case "expired-int-then-valid":
					ch = []*gcert{leaf, extra["int-b"], in1}
				case "valid-int-then-future":
					ch = []*gcert{leaf, in1, extra["int-b"]}
				case "leaf-trusted":
					ch, tr = ch[:1], []*gcert{root, leaf}
				case "leaf-self":
					ch = ch[:1]
				case "leaf-self-issued-trusted":
					ch, tr = ch[:1], []*gcert{root, leaf}
				}
				for i, x := range []*gcert{root, in1, leaf} {
					if m.spoil[i] {
						ch, tr = spoilIn(ch, x), spoilIn(tr, x)
					}
				}
				g.add(c, fam, ch, tr...)
			}
		}
	}
}

// crossSigned: an intermediate under a new root, the new root cross-signed
// by an old one, and the intermediate also issued directly by the old root;
// presented in several orders against trust lists holding one root, both in
// either order, an expired old root, or neither.
func (g *gen) crossSigned() {
	for fi := range genFamilies {
		fam := &genFamilies[fi]
		nk, ok, ik, lk := g.key(fam.root), g.key(fam.other), g.key(fam.int), g.key(fam.leaf)
		newRoot := g.sign(fam, g.ca(fam, "Gen New Root "+fam.name), nk, nil, false)
		oldRoot := g.sign(fam, g.ca(fam, "Gen Old Root "+fam.name), ok, nil, false)
		oe := g.ca(fam, "Gen Old Root "+fam.name)
		oe.NotBefore, oe.NotAfter = g.now.AddDate(-20, 0, 0), g.now.AddDate(-1, 0, 0)
		oldExpired := g.sign(fam, oe, ok, nil, false)
		// X: the new root's name and key, issued by the old root.
		x := g.sign(fam, g.ca(fam, "Gen New Root "+fam.name), nk, oldRoot, false)
		xe := g.ca(fam, "Gen New Root "+fam.name)
		xe.NotBefore, xe.NotAfter = g.now.AddDate(-5, 0, 0), g.now.AddDate(0, -6, 0)
		xExpired := g.sign(fam, xe, nk, oldRoot, false)
		intNew := g.sign(fam, g.ca(fam, "Gen Int "+fam.name), ik, newRoot, false)
		intOld := g.sign(fam, g.ca(fam, "Gen Int "+fam.name), ik, oldRoot, false)
		stranger := g.sign(fam, g.ca(fam, "Gen Stranger Root "+fam.name), g.key("rsa2048-sha256-leaf-r3like"), nil, false)
		leaf := g.sign(fam, g.leaf("san"), lk, intNew, false)
		chains := []struct {
			name string
			ch   []*gcert
		}{
			{"int", []*gcert{leaf, intNew}},
			{"int-x", []*gcert{leaf, intNew, x}},
			{"x-int", []*gcert{leaf, x, intNew}},
			{"int-xexpired", []*gcert{leaf, intNew, xExpired}},
			{"int-xexpired-x", []*gcert{leaf, intNew, xExpired, x}},
			{"int-x-oldroot", []*gcert{leaf, intNew, x, oldRoot}},
			{"intold", []*gcert{leaf, intOld}},
			{"intnew-intold", []*gcert{leaf, intNew, intOld}},
			{"intold-intnew", []*gcert{leaf, intOld, intNew}},
		}
		trusts := []struct {
			name string
			tr   []*gcert
		}{
			{"new", []*gcert{newRoot}},
			{"old", []*gcert{oldRoot}},
			{"old+new", []*gcert{oldRoot, newRoot}},
			{"new+old", []*gcert{newRoot, oldRoot}},
			{"oldexpired", []*gcert{oldExpired}},
			{"oldexpired+new", []*gcert{oldExpired, newRoot}},
			{"new+oldexpired", []*gcert{newRoot, oldExpired}},
			{"x", []*gcert{x}},
			{"stranger", []*gcert{stranger}},
		}
		for _, ch := range chains {
			for _, tr := range trusts {
				c := genChain{cat: "cross-signed"}
				c.ID = fmt.Sprintf("%s/cross/%s/trust=%s", fam.name, ch.name, tr.name)
				g.add(c, fam, ch.ch, tr.tr...)
			}
		}
	}
}

// nameConstraints: permitted or excluded dNSName and iPAddress subtrees on
// the root or the intermediate, critical or not, over a leaf inside or
// outside them (by SAN, or by CN only).
func (g *gen) nameConstraints() {
	_, in4, _ := net.ParseCIDR("192.0.2.0/24")
	_, out4, _ := net.ParseCIDR("203.0.113.0/24")
	kinds := []struct {
		name string
		set  func(*x509.Certificate)
	}{
		{"permit-dns", func(c *x509.Certificate) { c.PermittedDNSDomains = []string{"example.com"} }},
		{"exclude-dns", func(c *x509.Certificate) { c.ExcludedDNSDomains = []string{"example.com"} }},
		{"permit-ip", func(c *x509.Certificate) { c.PermittedIPRanges = []*net.IPNet{in4} }},
		{"exclude-ip", func(c *x509.Certificate) { c.ExcludedIPRanges = []*net.IPNet{in4} }},
		{"permit-dns-exclude-ip", func(c *x509.Certificate) {
			c.PermittedDNSDomains = []string{".example.com"}
			c.ExcludedIPRanges = []*net.IPNet{out4}
		}},
	}
	leaves := []struct {
		name string
		mk   func() *x509.Certificate
		host string
	}{
		{"san-inside", func() *x509.Certificate {
			l := g.leaf("cn-only")
			l.DNSNames, l.IPAddresses = []string{"device.example.com"}, []net.IP{net.ParseIP("192.0.2.7")}
			return l
		}, "device.example.com"},
		{"san-outside", func() *x509.Certificate {
			l := g.leaf("cn-only")
			l.Subject.CommonName = "device.example.net"
			l.DNSNames, l.IPAddresses = []string{"device.example.net"}, []net.IP{net.ParseIP("198.51.100.7")}
			return l
		}, "device.example.net"},
		{"cn-inside", func() *x509.Certificate { return g.leaf("cn-only") }, "device.example.com"},
		{"cn-outside", func() *x509.Certificate {
			l := g.leaf("cn-only")
			l.Subject.CommonName = "device.example.net"
			return l
		}, "device.example.net"},
	}
	for _, fname := range []string{"rsa", "rsa4096", "p256"} {
		var fam *genFamily
		for i := range genFamilies {
			if genFamilies[i].name == fname {
				fam = &genFamilies[i]
			}
		}
		for _, pos := range []string{"root", "int"} {
			for _, k := range kinds {
				for _, crit := range []bool{false, true} {
					rt, it := g.ca(fam, "Gen NC Root "+fam.name), g.ca(fam, "Gen NC Int "+fam.name)
					target := rt
					if pos == "int" {
						target = it
					}
					k.set(target)
					target.PermittedDNSDomainsCritical = crit
					root := g.sign(fam, rt, g.key(fam.root), nil, false)
					in1 := g.sign(fam, it, g.key(fam.int), root, false)
					for _, lf := range leaves {
						leaf := g.sign(fam, lf.mk(), g.key(fam.leaf), in1, false)
						c := genChain{cat: "name-constraints", hosts: []string{lf.host, "192.0.2.7"}}
						c.ID = fmt.Sprintf("%s/nc/%s/%s/crit=%t/%s", fam.name, pos, k.name, crit, lf.name)
						g.add(c, fam, []*gcert{leaf, in1}, root)
					}
				}
			}
		}
	}
}

// pathLength: chains of one to four intermediates with a pathLenConstraint
// of 0-3 on the root, the top or the bottom intermediate, presented in
// order and reversed; a self-issued intermediate (not counted); and chains
// around MBEDTLS_X509_MAX_INTERMEDIATE_CA (8).
func (g *gen) pathLength() {
	intKeys := map[bool][]string{
		true:  {"rsa2048-sha256-int", "rsa2048-sha256-int-nameconstraints", "rsa2048-pss256-int", "rsa2048-sha256-int-r3like", "rsa2048-sha256-root-v1"},
		false: {"p256-sha256-int", "p256-sha384-leaf-e1like", "p256-sha256-leaf-selfsigned", "p256-sha256-leaf"},
	}
	build := func(fam *genFamily, n int, plPos, pl int, selfIssued int) (leaf *gcert, ints []*gcert, root *gcert) {
		rt := g.ca(fam, "Gen PL Root "+fam.name)
		tmpls := make([]*x509.Certificate, n)
		for i := range tmpls {
			tmpls[i] = g.ca(fam, fmt.Sprintf("Gen PL Int%d %s", i+1, fam.name))
			if i == selfIssued {
				tmpls[i].Subject = tmpls[i-1].Subject // issued by its namesake
			}
		}
		all := append([]*x509.Certificate{rt}, tmpls...)
		if plPos >= 0 {
			all[plPos].MaxPathLen, all[plPos].MaxPathLenZero = pl, pl == 0
		}
		root = g.sign(fam, rt, g.key(fam.root), nil, false)
		parent := root
		ks := intKeys[fam.cheap]
		for i, tm := range tmpls {
			parent = g.sign(fam, tm, g.key(ks[i%len(ks)]), parent, false)
			ints = append(ints, parent)
		}
		leaf = g.sign(fam, g.leaf("san"), g.key(fam.leaf), parent, false)
		return leaf, ints, root
	}
	for _, fname := range []string{"rsa", "p256"} {
		var fam *genFamily
		for i := range genFamilies {
			if genFamilies[i].name == fname {
				fam = &genFamilies[i]
			}
		}
		emit := func(id string, leaf *gcert, ints []*gcert, root *gcert, orders bool) {
			// ints[0] is issued by the root; present bottom-up.
			up := []*gcert{leaf}
			for i := len(ints) - 1; i >= 0; i-- {
				up = append(up, ints[i])
			}
			g.add(genChain{verifyCase: verifyCase{ID: id + "/ordered"}, cat: "path-length"}, fam, up, root)
			if orders && len(ints) > 1 {
				g.add(genChain{verifyCase: verifyCase{ID: id + "/reversed"}, cat: "path-length"}, fam, append([]*gcert{leaf}, ints...), root)
			}
		}
		for n := 1; n <= 4; n++ {
			leaf, ints, root := build(fam, n, -1, 0, -1)
			emit(fmt.Sprintf("%s/pathlen/ints=%d/none", fam.name, n), leaf, ints, root, true)
			// positions: root (0), top intermediate (1), bottom (n).
			for _, pos := range []int{0, 1, n} {
				if pos == n && n == 1 {
					continue
				}
				for pl := 0; pl <= 3; pl++ {
					leaf, ints, root := build(fam, n, pos, pl, -1)
					emit(fmt.Sprintf("%s/pathlen/ints=%d/at=%d/len=%d", fam.name, n, pos, pl), leaf, ints, root, fam.cheap)
				}
			}
		}
		// A self-issued second intermediate does not count.
		for _, pos := range []int{0, 1} {
			for pl := 0; pl <= 2; pl++ {
				leaf, ints, root := build(fam, 3, pos, pl, 1)
				emit(fmt.Sprintf("%s/pathlen/selfissued/at=%d/len=%d", fam.name, pos, pl), leaf, ints, root, true)
			}
		}
		if fam.cheap {
			for n := 6; n <= 10; n++ {
				leaf, ints, root := build(fam, n, -1, 0, -1)
				emit(fmt.Sprintf("%s/pathlen/long/ints=%d", fam.name, n), leaf, ints, root, false)
				// The same with the top intermediate as the anchor.
				up := []*gcert{leaf}
				for i := len(ints) - 1; i >= 0; i-- {
					up = append(up, ints[i])
				}
				g.add(genChain{verifyCase: verifyCase{ID: fmt.Sprintf("%s/pathlen/long/ints=%d/top-trusted", fam.name, n)}, cat: "path-length"},
					fam, up, ints[0])
			}
		}
	}
}

// v1Roots: the version 1 roots of the test PKI (no extensions at all) as
// anchors. x509_crt_check_parent lets a trusted v1 certificate issue without
// basicConstraints; an untrusted one it refuses.
func (g *gen) v1Roots() {
	fam := &genFamilies[0]
	other := g.sign(fam, g.ca(fam, "Gen V1 Other Root"), g.key(fam.other), nil, false)
	for _, rn := range []string{"rsa2048-sha256-root-v1", "rsa1024-md5-root-v1"} {
		der, err := testcert.Cert(rn)
		if err != nil {
			g.t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			g.t.Fatalf("%s: %v", rn, err)
		}
		v1 := &gcert{der: der, c: c, key: g.key(rn)}
		in1 := g.sign(fam, g.ca(fam, "Gen V1 Int"), g.key(fam.int), v1, false)
		for _, style := range genLeafStyles[:3] {
			leaf := g.sign(fam, g.leaf(style), g.key(fam.leaf), in1, false)
			direct := g.sign(fam, g.leaf(style), g.key(fam.leaf), v1, false)
			for _, sh := range []struct {
				name  string
				ch    []*gcert
				trust []*gcert
			}{
				{"anchor", []*gcert{leaf, in1}, []*gcert{v1}},
				{"anchor-in-chain", []*gcert{leaf, in1, v1}, []*gcert{v1}},
				{"untrusted-no-anchor", []*gcert{leaf, in1, v1}, nil},
				{"untrusted-other-anchor", []*gcert{leaf, in1, v1}, []*gcert{other}},
				{"leaf-under-anchor", []*gcert{direct}, []*gcert{v1}},
				{"leaf-under-untrusted", []*gcert{direct, v1}, []*gcert{other}},
			} {
				c := genChain{cat: "v1-root"}
				c.ID = fmt.Sprintf("rsa/v1/%s/%s/%s", rn, sh.name, style)
				g.add(c, fam, sh.ch, sh.trust...)
			}
		}
	}
}

// testcertPaths: every base certificate of the test PKI that has an issuer,
// presented with the intermediates above it against its root, and the same
// with the root sent too. These carry what Go cannot make: v1 and v2
// certificates, PSS parameter variants, MD5, SHA-224, Ed25519, brainpool and
// secp256k1 keys, names in every string type, duplicate extensions.
func testcertPaths(t *testing.T) []genChain {
	t.Helper()
	infos := testcert.Infos()
	byName := map[string]testcert.Info{}
	for _, in := range infos {
		byName[in.Name] = in
	}
	var out []genChain
	for _, in := range infos {
		if in.Issuer == "" {
			continue
		}
		var chain [][]byte
		cheap := true
		cur := in
		for {
			der, err := testcert.Cert(cur.Name)
			if err != nil {
				t.Fatal(err)
			}
			chain = append(chain, der)
			cheap = cheap && strings.HasPrefix(cur.Key, "rsa")
			if cur.Issuer == "" {
				break
			}
			next, ok := byName[cur.Issuer]
			if !ok {
				t.Fatalf("testcert %s: issuer %s unknown", cur.Name, cur.Issuer)
			}
			cur = next
		}
		var hosts []string
		if c, err := x509.ParseCertificate(chain[0]); err == nil {
			if len(c.DNSNames) > 0 {
				hosts = []string{c.DNSNames[0]}
			} else if c.Subject.CommonName != "" {
				hosts = []string{c.Subject.CommonName}
			}
		}
		root := chain[len(chain)-1]
		out = append(out,
			genChain{verifyCase: verifyCase{ID: "testcert/" + in.Name, Chain: chain[:len(chain)-1], Trust: [][]byte{root}},
				cat: "testcert", cheap: cheap, hosts: hosts},
			genChain{verifyCase: verifyCase{ID: "testcert/" + in.Name + "/root-sent", Chain: chain, Trust: [][]byte{root}},
				cat: "testcert", cheap: cheap, hosts: hosts})
	}
	return out
}

// genChains makes the generated corpus, deduplicated by content.
func genChains(t *testing.T) []genChain {
	t.Helper()
	g := &gen{t: t, keys: map[string]crypto.Signer{}, serial: 1000, now: testcert.Now()}
	g.mutations()
	g.crossSigned()
	g.nameConstraints()
	g.pathLength()
	g.v1Roots()
	seen := map[[32]byte]string{}
	var out []genChain
	for _, c := range append(g.out, testcertPaths(t)...) {
		h := sha256.New()
		for _, l := range [][][]byte{c.Chain, c.Trust} {
			for _, d := range l {
				h.Write(d)
				h.Write([]byte{0})
			}
			h.Write([]byte{1})
		}
		var k [32]byte
		copy(k[:], h.Sum(nil))
		if prev, dup := seen[k]; dup {
			t.Fatalf("generated chains %s and %s are identical", prev, c.ID)
		}
		seen[k] = c.ID
		out = append(out, c)
	}
	return out
}

// curveFamilies are the OpenSSL-made chains of mbedsim/testdata/ecdsa/chains
// (its gen.sh): curves Go's standard library cannot sign or check, which
// mbedsim checks with its own arithmetic (mbedsim/ecdsa_generic.go).
var curveFamilies = []string{"prime192v1", "secp192k1", "secp224k1", "secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"}

// curveChains builds verify cases from those fixtures: the good chain and
// one defect at a time (validity, CA flag, digest, signature, root, shape).
func curveChains(t *testing.T) []genChain {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "mbedsim", "testdata", "ecdsa", "chains")
	var out []genChain
	for _, fam := range curveFamilies {
		der := func(name string) []byte {
			b, err := os.ReadFile(filepath.Join(dir, fam, name+".der"))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		// spoil flips a bit of the signature's last octet (inside s).
		spoil := func(b []byte) []byte {
			b = append([]byte(nil), b...)
			b[len(b)-1] ^= 1
			return b
		}
		root, other, in1, leaf := der("root"), der("other-root"), der("int"), der("leaf")
		shapes := []struct {
			name         string
			chain, trust [][]byte
		}{
			{"ok", [][]byte{leaf, in1}, [][]byte{root}},
			{"expired-leaf", [][]byte{der("leaf-expired"), in1}, [][]byte{root}},
			{"future-int", [][]byte{leaf, der("int-future")}, [][]byte{root}},
			{"int-not-ca", [][]byte{leaf, der("int-notca")}, [][]byte{root}},
			{"weaksig-leaf", [][]byte{der("leaf-sha1"), in1}, [][]byte{root}},
			{"sha512-leaf", [][]byte{der("leaf-sha512"), in1}, [][]byte{root}},
			{"badsig-leaf", [][]byte{spoil(leaf), in1}, [][]byte{root}},
			{"badsig-int", [][]byte{leaf, spoil(in1)}, [][]byte{root}},
			{"badsig-root", [][]byte{leaf, in1}, [][]byte{spoil(root)}},
			{"wrong-root", [][]byte{leaf, in1}, [][]byte{other}},
			{"wrong-then-right-root", [][]byte{leaf, in1}, [][]byte{other, root}},
			{"missing-int", [][]byte{leaf}, [][]byte{root}},
			{"root-in-chain", [][]byte{leaf, in1, root}, [][]byte{root}},
			{"int-trusted", [][]byte{leaf}, [][]byte{in1}},
		}
		for _, sh := range shapes {
			out = append(out, genChain{verifyCase: verifyCase{ID: fam + "/" + sh.name + "/san", Chain: sh.chain, Trust: sh.trust}, cat: "curves"})
		}
	}
	return out
}

// expand turns each chain into its verify calls.
func expand(chains []genChain, curves int) []verifyCase {
	now := testcert.Now()
	var cases []verifyCase
	call := func(c genChain, host string, tm time.Time, prof string) {
		v := c.verifyCase
		v.Host, v.Time, v.Profile = host, tm, prof
		v.ID = fmt.Sprintf("%s/host=%q/t=%d/%s", c.ID, host, tm.Unix(), prof)
		cases = append(cases, v)
	}
	for i, c := range chains {
		rot := func(k int) string { return genHosts[(i+k)%len(genHosts)] }
		if i >= len(chains)-curves {
			// The real library is slow on these curves (up to 80 ms a
			// call for brainpoolP512r1): the two profiles the issue names,
			// and "next" (which drops secp192/224 and keeps secp256k1)
			// where it is cheap.
			call(c, "device.example.com", now, "default")
			call(c, "", now, "suite_b")
			if !strings.HasPrefix(c.ID, "brainpoolP384r1/") && !strings.HasPrefix(c.ID, "brainpoolP512r1/") {
				call(c, "other.example.com", now, "next")
			}
			continue
		}
		hosts := map[string]bool{}
		switch {
		case c.cheap || c.allHosts:
			hosts[rot(0)] = true
			for _, h := range c.hosts {
				hosts[h] = true
			}
		case len(c.hosts) > 0: // ECDSA: one name on the default profile
			hosts[c.hosts[0]] = true
		default:
			hosts[rot(0)] = true
		}
		for _, h := range genHosts {
			if c.allHosts || c.cheap && h == "device.example.com" {
				hosts[h] = true
			}
		}
		hs := make([]string, 0, len(hosts))
		for h := range hosts {
			hs = append(hs, h)
		}
		sort.Strings(hs)
		for _, h := range hs {
			call(c, h, now, "default")
		}
		call(c, rot(5), now, "suite_b")
		switch {
		case c.allHosts:
			call(c, rot(3), now, "next")
			call(c, "device.example.com", time.Unix(0, 0).UTC(), "default")
			call(c, "device.example.com", now.AddDate(20, 0, 0), "suite_b")
		case c.cheap: // one more call, in turn
			switch i % 3 {
			case 0:
				call(c, rot(3), now, "next")
			case 1:
				call(c, "device.example.com", time.Unix(0, 0).UTC(), "default")
			case 2:
				call(c, "device.example.com", now.AddDate(20, 0, 0), "suite_b")
			}
		}
		if c.cheap {
			for _, tm := range c.clocks {
				call(c, rot(1), tm, "default")
			}
		}
	}
	return cases
}

// TestVerifyGenerated compares mbedsim.Verify with the real libraries on
// the generated chains, each under one or more clocks, host names and
// profiles.
func TestVerifyGenerated(t *testing.T) {
	cryptotest.SetGlobalRandom(t, 4) // ECDSA nonces: the same chains every run
	start := time.Now()
	gen := genChains(t)
	curve := curveChains(t)
	all := append(gen, curve...)
	if len(gen) < 2000 {
		t.Fatalf("only %d distinct generated chains, want at least 2000", len(gen))
	}
	cats := map[string]int{}
	for _, c := range all {
		cat, _, _ := strings.Cut(c.cat, "/")
		cats[cat]++
	}
	// Every kind of chain issue 4 names must be there.
	for _, want := range []string{"defect/expired-", "defect/future-", "defect/sha1-", "defect/rsa1024-", "defect/crit-unknown-",
		"defect/missing-int", "defect/wrong-root", "defect/int-not-ca", "defect/int-no-certsign", "defect/pathlen",
		"defect/two-ints-reversed", "defect/dup-int", "defect/leaf-eku-client", "cross-signed", "name-constraints", "path-length", "v1-root", "curves"} {
		n := 0
		for _, c := range all {
			if strings.HasPrefix(c.cat, want) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no generated chain of kind %s", want)
		}
	}
	for _, fam := range genFamilies {
		n := 0
		for _, c := range gen {
			if strings.HasPrefix(c.ID, fam.name+"/") {
				n++
			}
		}
		if n < 60 {
			t.Errorf("family %s: %d chains, want at least 60", fam.name, n)
		}
	}
	cases := expand(all, len(curve))
	// The digest shows a run made the same bytes as the last one.
	sum := sha256.New()
	for _, c := range cases {
		fmt.Fprintf(sum, "%s %d %s %s %x %x\n", c.ID, c.Time.Unix(), c.Profile, c.Host, c.Chain, c.Trust)
	}
	t.Logf("generated corpus: %d distinct chains (%d made by Go, %d curve fixtures) in %v; %d verify calls (corpus sha256 %x); by category %v",
		len(all), len(gen), len(curve), time.Since(start).Round(time.Millisecond), len(cases), sum.Sum(nil)[:8], cats)
	for _, bc := range []struct{ v, c string }{{"2.28", "debian"}, {"2.28", "stock"}, {"2.28", "embedded"}, {"3.6", "stock"}} {
		t.Run(bc.v+"-"+bc.c, func(t *testing.T) {
			t.Parallel()
			compareVerify(t, bc.v, bc.c, "generated", cases)
		})
	}
}
