package mbedsim

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

func mustCert(t testing.TB, b Build, name string) *Cert {
	t.Helper()
	c, f := ParseDER(b, testcert.MustDER(t, name)[0])
	if f != nil {
		t.Fatalf("%s: parse %s: %s", name, f.Hex(), f.Reason)
	}
	return c
}

// TestVerifyObserved pins the results of mbedtls-behaviour.md table T4
// (mbedtls_x509_crt_verify_with_profile on 2.28.3 and 3.6.6, identical on
// both for these scenarios), rebuilt from the test PKI.
func TestVerifyObserved(t *testing.T) {
	for _, v := range []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36} {
		b := Stock(v)
		c := func(name string) *Cert { return mustCert(t, b, name) }
		p256Leaf := c("p256-sha256-leaf")
		host := p256Leaf.DNSNames[0]
		p256Chain := []*Cert{p256Leaf, c("p256-sha256-int")}
		p256Root := []*Cert{c("p256-sha256-root")}
		rsaRoot := []*Cert{c("rsa2048-sha256-root")}
		now := testcert.Now()
		tests := []struct {
			name    string
			chain   []*Cert
			trust   []*Cert
			opt     VerifyOptions
			ret     int
			flags   uint32
			pathLen int
		}{
			{"ok_ec_leaf", p256Chain, p256Root, VerifyOptions{Time: now, HostName: host}, 0, 0, 3},
			{"ok_cn_NULL", p256Chain, p256Root, VerifyOptions{Time: now}, 0, 0, 3},
			{"cn_mismatch", p256Chain, p256Root, VerifyOptions{Time: now, HostName: "wrong.example.org"}, -0x2700, FlagCNMismatch, 3},
			{"ip_as_cn", p256Chain, p256Root, VerifyOptions{Time: now, HostName: "192.168.1.10"}, -0x2700, FlagCNMismatch, 3},
			{"untrusted_other_ca", p256Chain, rsaRoot, VerifyOptions{Time: now}, -0x2700, FlagNotTrusted, 2},
			{"trusted_in_second_root", p256Chain, append(append([]*Cert{}, rsaRoot...), p256Root...), VerifyOptions{Time: now}, 0, 0, 3},
			{"expired", []*Cert{c("p256-sha256-leaf-expired"), c("p256-sha256-int")}, p256Root, VerifyOptions{Time: now}, -0x2700, FlagExpired, 3},
			{"future", []*Cert{c("p256-sha256-leaf-future"), c("p256-sha256-int")}, p256Root, VerifyOptions{Time: now}, -0x2700, FlagFuture, 3},
			{"clock_1970", p256Chain, p256Root, VerifyOptions{Time: time.Unix(0, 0)}, -0x2700, FlagFuture, 3},
			{"no_time_date", []*Cert{c("p256-sha256-leaf-expired"), c("p256-sha256-int")}, p256Root, VerifyOptions{}, 0, 0, 3},
			{"sha1_sig", []*Cert{c("rsa2048-sha1-leaf")}, rsaRoot, VerifyOptions{Time: now}, -0x2700, FlagBadMD, 2},
			{"md5_sig", []*Cert{c("rsa2048-md5-leaf")}, rsaRoot, VerifyOptions{Time: now}, -0x2700, FlagBadMD, 2},
			{"rsa1024_key", []*Cert{c("rsa1024-sha256-leaf")}, rsaRoot, VerifyOptions{Time: now}, -0x2700, FlagBadKey, 2},
			{"pss_sig", []*Cert{c("rsa2048-pss256-leaf-salt20")}, rsaRoot, VerifyOptions{Time: now}, 0, 0, 2},
			{"selfsigned_untrusted", []*Cert{c("p256-sha256-leaf-selfsigned")}, p256Root, VerifyOptions{Time: now}, -0x2700, FlagNotTrusted, 1},
			{"selfsigned_trusted", []*Cert{c("p256-sha256-leaf-selfsigned")}, []*Cert{c("p256-sha256-leaf-selfsigned")}, VerifyOptions{Time: now}, 0, 0, 1},
			{"root_in_chain_ok", append(append([]*Cert{}, p256Chain...), p256Root...), p256Root, VerifyOptions{Time: now}, 0, 0, 3},
			{"rsa_leaf_suiteb", []*Cert{c("rsa3072-sha384-leaf")}, []*Cert{c("rsa3072-sha384-root")}, VerifyOptions{Time: now, Profile: "suite_b"}, -0x2700, FlagBadPK, 2},
			{"missing_intermediate", []*Cert{p256Leaf}, p256Root, VerifyOptions{Time: now}, -0x2700, FlagNotTrusted, 1},
			{"null_profile", p256Chain, p256Root, VerifyOptions{Time: now, Profile: "nonsense"}, -0x2800, 0xFFFFFFFF, 0},
			{"empty_chain", nil, p256Root, VerifyOptions{Time: now, HostName: host}, -0x2700, 0x1C00D, 0},
		}
		for _, tt := range tests {
			t.Run(v.String()+"/"+tt.name, func(t *testing.T) {
				r := Verify(b, tt.chain, tt.trust, tt.opt)
				if r.Ret != tt.ret || r.Flags != tt.flags {
					t.Errorf("got %s flags %#x, want %s flags %#x (per cert %x, notes %v)",
						HexCode(r.Ret), r.Flags, HexCode(tt.ret), tt.flags, r.PerCert, r.Notes)
				}
				if tt.pathLen > 0 && len(r.Path) != tt.pathLen {
					t.Errorf("path of %d certificates, want %d", len(r.Path), tt.pathLen)
				}
			})
		}
	}
}

// TestVerifyChainLength pins T4's chain_8_intermediates (accepted) and
// chain_10_intermediates (-0x3000, all flags).
func TestVerifyChainLength(t *testing.T) {
	b := Stock(errcode.Mbed228)
	rootKey, err := testcert.Key("p256-sha256-root")
	if err != nil {
		t.Fatal(err)
	}
	now := testcert.Now()
	mk := func(cn, issuer string, ca bool, parent *x509.Certificate) (*x509.Certificate, *Cert) {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(int64(len(cn))), Subject: pkix.Name{CommonName: cn},
			Issuer: pkix.Name{CommonName: issuer}, NotBefore: now.AddDate(-1, 0, 0), NotAfter: now.AddDate(1, 0, 0),
			IsCA: ca, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
		if parent == nil {
			parent = tmpl
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, rootKey.Public(), rootKey)
		if err != nil {
			t.Fatal(err)
		}
		c, f := ParseDER(b, der)
		if f != nil {
			t.Fatalf("parse: %s", f.Hex())
		}
		x, _ := x509.ParseCertificate(der)
		return x, c
	}
	for _, n := range []int{8, 9, 10} {
		rootX, root := mk("root", "root", true, nil)
		parentX := rootX
		var ints []*Cert
		for i := 0; i < n; i++ {
			cn := "int" + string(rune('a'+i))
			var c *Cert
			parentX, c = mk(cn, parentX.Subject.CommonName, true, parentX)
			ints = append([]*Cert{c}, ints...)
		}
		_, leaf := mk("leaf", parentX.Subject.CommonName, false, parentX)
		r := Verify(b, append([]*Cert{leaf}, ints...), []*Cert{root}, VerifyOptions{Time: now})
		wantRet, wantFlags := 0, uint32(0)
		if n > 8 {
			wantRet, wantFlags = -0x3000, 0xFFFFFFFF
		}
		if r.Ret != wantRet || r.Flags != wantFlags {
			t.Errorf("%d intermediates: got %s flags %#x, want %s flags %#x", n, HexCode(r.Ret), r.Flags, HexCode(wantRet), wantFlags)
		}
	}
}

// TestCheckCN pins the name rules of x509_crt_check_cn.
func TestCheckCN(t *testing.T) {
	for _, tt := range []struct {
		name, host string
		want       bool
	}{
		{"example.com", "EXAMPLE.com", true},
		{"*.example.com", "a.example.com", true},
		{"*.example.com", "a.b.example.com", false},
		{"*.example.com", "example.com", false},
		{"*.example.com", ".example.com", false},
		{"*.", "a.", false},
		{"a*.example.com", "ab.example.com", false},
	} {
		if got := checkCN([]byte(tt.name), []byte(tt.host)); got != tt.want {
			t.Errorf("checkCN(%q, %q) = %v, want %v", tt.name, tt.host, got, tt.want)
		}
	}
}

// FuzzVerify feeds random bytes through ParseCRT and verifies whatever
// parsed against itself: Verify must never panic.
func FuzzVerify(f *testing.F) {
	for _, n := range testcert.Certs() {
		f.Add(n.DER, "example.com")
	}
	f.Fuzz(func(t *testing.T, data []byte, host string) {
		for _, v := range []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36} {
			b := Stock(v)
			r := ParseCRT(b, data)
			for _, prof := range []string{"default", "suite_b"} {
				Verify(b, r.Certs, r.Certs, VerifyOptions{Time: testcert.Now(), HostName: host, Profile: prof})
				Verify(b, r.Certs, nil, VerifyOptions{HostName: host, Profile: prof, MaxIntermediates: 1})
			}
		}
	})
}
