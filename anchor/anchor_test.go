package anchor

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

var update = flag.Bool("update", false, "rewrite golden files")

func cert(t testing.TB, name string) []byte {
	t.Helper()
	return testcert.MustDER(t, name)[0]
}

func anchors(t testing.TB, names ...string) []*Anchor {
	t.Helper()
	var cands []Candidate
	for _, n := range names {
		cands = append(cands, Candidate{DER: cert(t, n), Source: n})
	}
	as, _, err := Select(cands, Options{Now: testcert.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// TestGolden pins every format for one anchor and for two (RSA and EC).
func TestGolden(t *testing.T) {
	sets := map[string][]string{
		"one": {"p256-sha256-root"},
		"two": {"rsa2048-sha256-root", "p384-sha384-root-isrgx2"},
	}
	for set, names := range sets {
		as := anchors(t, names...)
		for _, f := range Formats() {
			opts := []struct {
				suffix string
				opt    EmitOptions
			}{{"", EmitOptions{}}}
			switch f {
			case ESPIDFBundle:
				opts = []struct {
					suffix string
					opt    EmitOptions
				}{{"-5.3", EmitOptions{IDFVersion: IDF53}}, {"-5.4", EmitOptions{IDFVersion: IDF54}}}
			case Console:
				opts = append(opts, struct {
					suffix string
					opt    EmitOptions
				}{"-crlf", EmitOptions{CRLF: true}})
			}
			for _, o := range opts {
				name := set + "_" + string(f) + o.suffix
				t.Run(name, func(t *testing.T) {
					files, err := Emit(f, as, o.opt)
					if err != nil {
						t.Fatal(err)
					}
					var got bytes.Buffer
					for _, file := range files {
						got.WriteString("==> " + file.Name + " <==\n")
						if Binary(f) || f == Console {
							got.WriteString(hex.Dump(file.Data))
						} else {
							got.Write(file.Data)
						}
					}
					path := filepath.Join("testdata", "golden", name+".txt")
					if *update {
						if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(path)
					if err != nil {
						t.Fatalf("%v (run go test ./anchor -run TestGolden -update)", err)
					}
					if !bytes.Equal(got.Bytes(), want) {
						t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", path, got.String())
					}
				})
			}
		}
	}
}

func TestIDFBundleRoundTrip(t *testing.T) {
	as := anchors(t, "rsa2048-sha256-root", "p384-sha384-root-isrgx2", "p256-sha256-root", "rsa4096-sha256-root-isrgx1", "bp256-sha256-root")
	for _, v := range []string{IDF53, IDF54} {
		t.Run(v, func(t *testing.T) {
			data, err := BuildIDFBundle(as, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadIDFBundle(data, v)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(as) {
				t.Fatalf("got %d entries, want %d", len(got), len(as))
			}
			want := map[string]bool{}
			for _, a := range as {
				want[string(a.RawSubject)+"|"+string(a.SPKI)] = true
			}
			for i, e := range got {
				if !want[string(e.Name)+"|"+string(e.Key)] {
					t.Errorf("entry %d is not one of the input anchors", i)
				}
				if i > 0 && bytes.Compare(got[i-1].Name, e.Name) > 0 {
					t.Errorf("entry %d out of order", i)
				}
			}
			other := IDF54
			if v == IDF54 {
				other = IDF53
			}
			if _, err := ReadIDFBundle(data, other); err == nil {
				t.Errorf("a %s bundle read as %s without error", v, other)
			}
			var be *BundleError
			if _, err := ReadIDFBundle(data[:len(data)-1], v); !errors.As(err, &be) {
				t.Errorf("truncated bundle: got %v, want a BundleError", err)
			}
		})
	}
}

// TestIDFBundleLayout checks the header bytes against the published layout.
func TestIDFBundleLayout(t *testing.T) {
	as := anchors(t, "p256-sha256-root")
	a := as[0]
	b53, _ := BuildIDFBundle(as, IDF53)
	want53 := append([]byte{0, 1, byte(len(a.RawSubject) >> 8), byte(len(a.RawSubject)), byte(len(a.SPKI) >> 8), byte(len(a.SPKI))}, a.RawSubject...)
	if !bytes.HasPrefix(b53, want53) {
		t.Errorf("5.3 header % x, want % x", b53[:6], want53[:6])
	}
	b54, _ := BuildIDFBundle(as, IDF54)
	want54 := append([]byte{4, 0, 0, 0, byte(len(a.RawSubject)), byte(len(a.RawSubject) >> 8), byte(len(a.SPKI)), byte(len(a.SPKI) >> 8)}, a.RawSubject...)
	if !bytes.HasPrefix(b54, want54) {
		t.Errorf("5.4 header % x, want % x", b54[:8], want54[:8])
	}
}

func TestSelect(t *testing.T) {
	root := cert(t, "p256-sha256-root")
	leaf := cert(t, "p256-sha256-leaf")
	expired := cert(t, "rsa2048-sha1-root-dstx3")
	tests := []struct {
		name      string
		cands     []Candidate
		opt       Options
		want      int
		reason    Reason
		noteIDs   []string
		wantError bool
	}{
		{"root", []Candidate{{DER: root, Source: "a"}}, Options{}, 1, 0, nil, false},
		{"duplicate", []Candidate{{DER: root, Source: "a"}, {DER: root, Source: "b"}}, Options{}, 1, 0, []string{"anchor.duplicate"}, false},
		{"leaf refused", []Candidate{{DER: leaf, Source: "l"}}, Options{}, 0, ReasonLeaf, nil, true},
		{"leaf allowed", []Candidate{{DER: leaf, Source: "l"}}, Options{AllowLeaf: true}, 1, 0, []string{"anchor.leaf"}, false},
		{"expired refused", []Candidate{{DER: expired, Source: "x"}}, Options{Now: testcert.Now()}, 0, ReasonExpired, nil, true},
		{"expired allowed", []Candidate{{DER: expired, Source: "x"}}, Options{Now: testcert.Now(), AllowExpired: true}, 1, 0, []string{"anchor.expired"}, false},
		{"intermediate", []Candidate{{DER: cert(t, "p256-sha256-int"), Source: "i"}}, Options{}, 1, 0, []string{"anchor.intermediate"}, false},
		{"garbage", []Candidate{{DER: []byte{0x30, 0x03, 1, 2, 3}, Source: "g"}}, Options{}, 0, ReasonUnreadable, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, err := Select(tt.cands, tt.opt)
			if tt.wantError {
				var re *RefusedError
				if !errors.As(err, &re) || re.Reason != tt.reason {
					t.Fatalf("got %v, want a RefusedError %v", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Errorf("got %d anchors, want %d", len(got), tt.want)
			}
			var ids []string
			for _, n := range notes {
				ids = append(ids, n.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tt.noteIDs, ",") {
				t.Errorf("notes %v, want %v", ids, tt.noteIDs)
			}
		})
	}
}

func TestExtract(t *testing.T) {
	root := cert(t, "p256-sha256-root")
	rsa := cert(t, "rsa2048-sha256-root")
	key, err := testcert.Key("p256-sha256-root")
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "device"}}, key)
	if err != nil {
		t.Fatal(err)
	}
	pemOfType := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	cSource := "static const unsigned char ca[] = {"
	for i, c := range root {
		if i > 0 {
			cSource += ","
		}
		cSource += "0x" + hex.EncodeToString([]byte{c})
	}
	cSource += "};\n"
	tests := []struct {
		name   string
		data   []byte
		want   int
		reason Reason
	}{
		{"pem", pemOfType("CERTIFICATE", root), 1, 0},
		{"pem bundle", append(pemOfType("CERTIFICATE", root), pemOfType("CERTIFICATE", rsa)...), 2, 0},
		{"der", root, 1, 0},
		{"c array", []byte(cSource), 1, 0},
		{"pem private key", pemOfType("PRIVATE KEY", pkcs8), 0, ReasonPrivateKey},
		{"der private key", pkcs8, 0, ReasonPrivateKey},
		{"key after cert", append(pemOfType("CERTIFICATE", root), pemOfType("EC PRIVATE KEY", pkcs8)...), 0, ReasonPrivateKey},
		{"pem csr", pemOfType("CERTIFICATE REQUEST", csr), 0, ReasonCSR},
		{"der csr", csr, 0, ReasonCSR},
		{"text", []byte("hello"), 0, ReasonNoCertificate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Extract(tt.data, "in")
			if tt.reason != 0 {
				var re *RefusedError
				if !errors.As(err, &re) || re.Reason != tt.reason {
					t.Fatalf("got %v, want a RefusedError %v", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want {
				t.Fatalf("got %d candidates, want %d", len(got), tt.want)
			}
		})
	}
}

func TestCheckName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"root_ca", true}, {"_x", true}, {"AWS_ROOT_CA_1", true},
		{"", false}, {"1ca", false}, {"root-ca", false}, {"root ca", false}, {"int", false},
		{"class", false}, {"__x", false}, {"_Root", false}, {"é", false}, {strings.Repeat("a", 64), false},
	}
	for _, tt := range tests {
		err := CheckName(tt.name)
		var ne *NameError
		if tt.ok && err != nil || !tt.ok && !errors.As(err, &ne) {
			t.Errorf("CheckName(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestBearSSLRefusesUnsupportedKeys(t *testing.T) {
	for _, n := range []string{"bp256-sha256-root", "ed25519-root", "k256-sha256-root"} {
		as := anchors(t, n)
		_, err := Emit(BearSSL, as, EmitOptions{})
		var ue *UnsupportedKeyError
		if !errors.As(err, &ue) {
			t.Errorf("%s: got %v, want UnsupportedKeyError", n, err)
		}
	}
}

// TestEveryBaseRootEmits runs every format over every root of the test PKI.
func TestEveryBaseRootEmits(t *testing.T) {
	for _, info := range testcert.Infos() {
		if info.Role != "root" {
			continue
		}
		var cands []Candidate
		cands = append(cands, Candidate{DER: cert(t, info.Name), Source: info.Name})
		as, _, err := Select(cands, Options{})
		if err != nil {
			t.Errorf("%s: %v", info.Name, err)
			continue
		}
		for _, f := range Formats() {
			if _, err := Emit(f, as, EmitOptions{}); err != nil {
				var ue *UnsupportedKeyError
				if f == BearSSL && errors.As(err, &ue) {
					continue
				}
				t.Errorf("%s %s: %v", info.Name, f, err)
			}
		}
	}
}

func FuzzReadIDFBundle(f *testing.F) {
	as := anchors(f, "rsa2048-sha256-root", "p256-sha256-root")
	for _, v := range []string{IDF53, IDF54} {
		b, _ := BuildIDFBundle(as, v)
		f.Add(b, v == IDF54)
	}
	f.Fuzz(func(t *testing.T, data []byte, v54 bool) {
		v := IDF53
		if v54 {
			v = IDF54
		}
		entries, err := ReadIDFBundle(data, v)
		if err != nil {
			var be *BundleError
			if !errors.As(err, &be) {
				t.Fatalf("error of the wrong type: %v", err)
			}
			return
		}
		_ = entries
	})
}
