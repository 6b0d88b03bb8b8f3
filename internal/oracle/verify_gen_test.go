//go:build oracle

package oracle

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// genFamily is one key hierarchy of the test PKI: root, intermediate and
// leaf keys by their testcert base names.
type genFamily struct {
	name            string
	root, int, leaf string
	sig, weakSig    x509.SignatureAlgorithm
}

var genFamilies = []genFamily{
	{"rsa", "rsa2048-sha256-root", "rsa2048-sha256-int", "rsa2048-sha256-leaf", x509.SHA256WithRSA, x509.SHA1WithRSA},
	{"p256", "p256-sha256-root", "p256-sha256-int", "p256-sha256-leaf", x509.ECDSAWithSHA256, x509.ECDSAWithSHA1},
	{"p384", "p384-sha384-root-isrgx2", "p384-sha384-int-e1like", "p384-sha384-leaf", x509.ECDSAWithSHA384, x509.ECDSAWithSHA1},
	{"pss", "rsa2048-sha256-root", "rsa2048-sha256-int", "rsa2048-sha256-leaf", x509.SHA256WithRSAPSS, x509.SHA1WithRSA},
}

// genMutation changes one chain; applied to the templates before signing.
type genMutation struct {
	name string
	// tmpl edits templates [root, int, leaf] (and may add a second
	// intermediate by returning extra = true).
	tmpl func(ts []*x509.Certificate)
	sig  [3]bool // use the family's weak signature for [root, int, leaf]
	// shape says what is presented and trusted.
	shape    string // "", "missing-int", "wrong-root", "root-in-chain", "two-ints", "leaf-trusted", "leaf-self"
	leaf1024 bool
}

func genMutations() []genMutation {
	past := func(t *x509.Certificate) {
		t.NotBefore, t.NotAfter = testcert.Now().AddDate(-5, 0, 0), testcert.Now().AddDate(-1, 0, 0)
	}
	future := func(t *x509.Certificate) {
		t.NotBefore, t.NotAfter = testcert.Now().AddDate(1, 0, 0), testcert.Now().AddDate(5, 0, 0)
	}
	crit := pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 55555, 1}, Critical: true, Value: []byte{5, 0}}
	var ms []genMutation
	for i, pos := range []string{"root", "int", "leaf"} {
		i := i
		ms = append(ms,
			genMutation{name: "expired-" + pos, tmpl: func(ts []*x509.Certificate) { past(ts[i]) }},
			genMutation{name: "future-" + pos, tmpl: func(ts []*x509.Certificate) { future(ts[i]) }},
		)
		var s [3]bool
		s[i] = true
		ms = append(ms, genMutation{name: "weaksig-" + pos, sig: s})
	}
	ms = append(ms,
		genMutation{name: "ok"},
		genMutation{name: "int-not-ca", tmpl: func(ts []*x509.Certificate) { ts[1].IsCA = false }},
		genMutation{name: "int-no-certsign", tmpl: func(ts []*x509.Certificate) { ts[1].KeyUsage = x509.KeyUsageDigitalSignature }},
		genMutation{name: "int-crit-unknown", tmpl: func(ts []*x509.Certificate) { ts[1].ExtraExtensions = []pkix.Extension{crit} }},
		genMutation{name: "leaf-crit-unknown", tmpl: func(ts []*x509.Certificate) { ts[2].ExtraExtensions = []pkix.Extension{crit} }},
		genMutation{name: "missing-int", shape: "missing-int"},
		genMutation{name: "wrong-root", shape: "wrong-root"},
		genMutation{name: "root-in-chain", shape: "root-in-chain"},
		genMutation{name: "pathlen0-two-ints", shape: "two-ints", tmpl: func(ts []*x509.Certificate) { ts[1].MaxPathLenZero = true; ts[1].MaxPathLen = 0 }},
		genMutation{name: "pathlen1-two-ints", shape: "two-ints", tmpl: func(ts []*x509.Certificate) { ts[1].MaxPathLen = 1 }},
		genMutation{name: "root-pathlen0", tmpl: func(ts []*x509.Certificate) { ts[0].MaxPathLenZero = true; ts[0].MaxPathLen = 0 }},
		genMutation{name: "leaf-trusted-self", shape: "leaf-trusted"},
		genMutation{name: "leaf-self-untrusted", shape: "leaf-self"},
		genMutation{name: "leaf-rsa1024", leaf1024: true},
	)
	return ms
}

// genChains builds every family × mutation × leaf naming style.
func genChains(t *testing.T) []verifyCase {
	t.Helper()
	key := func(name string) crypto.Signer {
		k, err := testcert.Key(name)
		if err != nil {
			t.Fatalf("testcert.Key(%s): %v", name, err)
		}
		return k
	}
	serial := int64(1000)
	mk := func(tmpl, parent *x509.Certificate, pub crypto.PublicKey, priv crypto.Signer) []byte {
		serial++
		tmpl.SerialNumber = big.NewInt(serial)
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, priv)
		if err != nil {
			t.Fatalf("CreateCertificate %s: %v", tmpl.Subject.CommonName, err)
		}
		return der
	}
	now := testcert.Now()
	var out []verifyCase
	for _, fam := range genFamilies {
		rk, ik, lk := key(fam.root), key(fam.int), key(fam.leaf)
		for _, m := range genMutations() {
			for _, sanStyle := range []string{"san", "cn-only"} {
				ca := func(cn string) *x509.Certificate {
					return &x509.Certificate{Subject: pkix.Name{CommonName: cn, Organization: []string{"tlsdoctor gen " + fam.name}},
						NotBefore: now.AddDate(-1, 0, 0), NotAfter: now.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
						KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, MaxPathLen: -1}
				}
				root, in1 := ca("Gen Root "+fam.name), ca("Gen Int "+fam.name)
				in2 := ca("Gen Int2 " + fam.name)
				leaf := &x509.Certificate{Subject: pkix.Name{CommonName: "device.example.com"}, NotBefore: now.AddDate(0, -1, 0),
					NotAfter: now.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
					ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
				if sanStyle == "san" {
					leaf.DNSNames = []string{"device.example.com", "*.wild.example.com"}
					leaf.IPAddresses = []net.IP{net.ParseIP("192.0.2.7")}
					leaf.URIs = nil
				}
				ts := []*x509.Certificate{root, in1, leaf}
				if m.tmpl != nil {
					m.tmpl(ts)
				}
				algo := func(i int) x509.SignatureAlgorithm {
					if m.sig[i] {
						return fam.weakSig
					}
					return fam.sig
				}
				root.SignatureAlgorithm, in1.SignatureAlgorithm, leaf.SignatureAlgorithm = algo(0), algo(1), algo(2)
				in2.SignatureAlgorithm = fam.sig
				rootDER := mk(root, root, rk.Public(), rk)
				rootC, _ := x509.ParseCertificate(rootDER)
				intDER := mk(in1, rootC, ik.Public(), rk)
				intC, _ := x509.ParseCertificate(intDER)
				leafParent, leafParentKey := intC, ik
				var int2DER []byte
				if m.shape == "two-ints" {
					int2DER = mk(in2, intC, lk.Public(), ik)
					int2C, _ := x509.ParseCertificate(int2DER)
					leafParent, leafParentKey = int2C, lk
				}
				leafPub := lk.Public()
				if m.leaf1024 {
					leafPub = key("rsa1024-sha256-leaf").Public()
				}
				if m.shape == "leaf-trusted" || m.shape == "leaf-self" {
					leaf.IsCA = false
					leafParent, leafParentKey = leaf, lk
				}
				leafDER := mk(leaf, leafParent, leafPub, leafParentKey)
				c := verifyCase{Chain: [][]byte{leafDER, intDER}, Trust: [][]byte{rootDER}}
				switch m.shape {
				case "missing-int":
					c.Chain = [][]byte{leafDER}
				case "wrong-root":
					// Same name, different key: the signature check drops it.
					o := ca("Gen Root " + fam.name)
					o.SignatureAlgorithm = fam.sig
					other := mk(o, o, ik.Public(), ik)
					c.Trust = [][]byte{other}
				case "root-in-chain":
					c.Chain = append(c.Chain, rootDER)
				case "two-ints":
					c.Chain = [][]byte{leafDER, int2DER, intDER}
				case "leaf-trusted":
					c.Chain, c.Trust = [][]byte{leafDER}, [][]byte{rootDER, leafDER}
				case "leaf-self":
					c.Chain = [][]byte{leafDER}
				}
				c.ID = fmt.Sprintf("%s/%s/%s", fam.name, m.name, sanStyle)
				out = append(out, c)
			}
		}
	}
	return out
}

// curveFamilies are the OpenSSL-made chains of mbedsim/testdata/ecdsa/chains
// (its gen.sh): curves Go's standard library cannot sign or check, which
// mbedsim checks with its own arithmetic (mbedsim/ecdsa_generic.go).
var curveFamilies = []string{"prime192v1", "secp192k1", "secp224k1", "secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"}

// curveChains builds verify cases from those fixtures: the good chain and
// one defect at a time (validity, CA flag, digest, signature, root, shape).
func curveChains(t *testing.T) []verifyCase {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "mbedsim", "testdata", "ecdsa", "chains")
	var out []verifyCase
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
			out = append(out, verifyCase{ID: fam + "/" + sh.name + "/san", Chain: sh.chain, Trust: sh.trust})
		}
	}
	return out
}

// TestVerifyGenerated compares mbedsim.Verify with the real libraries on
// generated chains, each under several clocks, host names and profiles.
func TestVerifyGenerated(t *testing.T) {
	gen, curve := genChains(t), curveChains(t)
	base := append(gen, curve...)
	hosts := []string{"", "device.example.com", "DEVICE.Example.COM", "other.example.com", "x.wild.example.com",
		"wild.example.com", "192.0.2.7"}
	clocks := []time.Time{testcert.Now(), time.Unix(0, 0).UTC(), testcert.Now().AddDate(20, 0, 0)}
	var cases []verifyCase
	for i, c := range base {
		for hi, h := range hosts {
			for ci, tm := range clocks {
				for _, prof := range []string{"default", "suite_b", "next"} {
					// Keep the product small: every host on the fixed clock
					// and default profile; other combinations for two hosts.
					if (ci != 0 || prof != "default") && hi > 1 {
						continue
					}
					// The curve chains test signature arithmetic and the
					// profiles' curve lists; names and clocks are covered
					// above, and the real library is slow on these curves.
					if i >= len(gen) && (hi > 1 || ci != 0) {
						continue
					}
					v := c
					v.Host, v.Time, v.Profile = h, tm, prof
					v.ID = fmt.Sprintf("%s/host=%s/t=%d/%s", c.ID, h, tm.Unix(), prof)
					cases = append(cases, v)
				}
			}
		}
	}
	t.Logf("generated corpus: %d chains, %d verify calls", len(base), len(cases))
	for _, bc := range []struct{ v, c string }{{"2.28", "debian"}, {"2.28", "stock"}, {"2.28", "embedded"}, {"3.6", "stock"}} {
		t.Run(bc.v+"-"+bc.c, func(t *testing.T) {
			t.Parallel()
			compareVerify(t, bc.v, bc.c, "generated", cases)
		})
	}
}
