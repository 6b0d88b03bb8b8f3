package chain

import (
	"crypto/rand"
	"crypto/x509"
	"math/big"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/roots"
)

func mustCert(t testing.TB, name string) *x509.Certificate {
	t.Helper()
	c, err := x509.ParseCertificate(testcert.MustDER(t, name)[0])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var crossUntil = time.Date(2028, 6, 1, 0, 0, 0, 0, time.UTC)

// crossSign makes a certificate with twin's subject and key, issued by
// issuer: the shape of ISRG Root X1 cross-signed by DST Root CA X3.
func crossSign(t testing.TB, twin, issuer *x509.Certificate, issuerName string) *x509.Certificate {
	t.Helper()
	key, err := testcert.Key(issuerName)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(77),
		RawSubject:            twin.RawSubject,
		SubjectKeyId:          twin.SubjectKeyId,
		NotBefore:             time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              crossUntil,
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, twin.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type pki struct {
	rsaRoot, ecRoot, ecInt, ecLeaf, rsaInt, rsaLeaf, cross *x509.Certificate
}

func newPKI(t testing.TB) pki {
	p := pki{
		rsaRoot: mustCert(t, "rsa2048-sha256-root"),
		ecRoot:  mustCert(t, "p256-sha256-root"),
		ecInt:   mustCert(t, "p256-sha256-int"),
		ecLeaf:  mustCert(t, "p256-sha256-leaf"),
		rsaInt:  mustCert(t, "rsa2048-sha256-int"),
		rsaLeaf: mustCert(t, "rsa2048-sha256-leaf"),
	}
	p.cross = crossSign(t, p.ecRoot, p.rsaRoot, "rsa2048-sha256-root")
	return p
}

func kinds(ps []*Path) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.AnchorKind+":"+p.Anchor.Key)
	}
	return out
}

func TestBuild(t *testing.T) {
	p := newPKI(t)
	tests := []struct {
		name      string
		presented []*x509.Certificate
		anchors   []*x509.Certificate
		want      []string // anchor kind and key per path, in order
		wantLens  []int
		unused    []int
		sentRoot  int
	}{
		{"simple", []*x509.Certificate{p.ecLeaf, p.ecInt}, []*x509.Certificate{p.ecRoot}, []string{"root:ECDSA P-256"}, []int{3}, nil, -1},
		{"cross-signed twin gives two paths", []*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, []*x509.Certificate{p.rsaRoot, p.ecRoot},
			[]string{"root:ECDSA P-256", "root:RSA-2048"}, []int{3, 4}, nil, -1},
		{"only the cross path", []*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, []*x509.Certificate{p.rsaRoot}, []string{"root:RSA-2048"}, []int{4}, nil, -1},
		{"cross sent but unused", []*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, []*x509.Certificate{p.ecRoot}, []string{"root:ECDSA P-256"}, []int{3}, []int{2}, -1},
		{"server sends the root", []*x509.Certificate{p.ecLeaf, p.ecInt, p.ecRoot}, []*x509.Certificate{p.ecRoot}, []string{"root:ECDSA P-256"}, []int{3}, nil, 2},
		{"pinned leaf", []*x509.Certificate{p.ecLeaf, p.ecInt}, []*x509.Certificate{p.ecLeaf}, []string{"leaf:ECDSA P-256"}, []int{1}, []int{1}, -1},
		{"pinned intermediate", []*x509.Certificate{p.ecLeaf, p.ecInt}, []*x509.Certificate{p.ecInt}, []string{"intermediate:ECDSA P-256"}, []int{2}, nil, -1},
		{"wrong root", []*x509.Certificate{p.ecLeaf, p.ecInt}, []*x509.Certificate{p.rsaRoot}, nil, nil, []int{1}, -1},
		{"missing intermediate", []*x509.Certificate{p.ecLeaf}, []*x509.Certificate{p.ecRoot}, nil, nil, nil, -1},
		{"no presented certificates", nil, []*x509.Certificate{p.ecRoot}, nil, nil, nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Build(tt.presented, Options{Anchors: []*Pool{NewPool("t", tt.anchors)}, At: testcert.Now()})
			if got := kinds(r.Paths); !equal(got, tt.want) {
				t.Fatalf("paths: got %v, want %v", got, tt.want)
			}
			for i, p := range r.Paths {
				if len(p.Certs) != tt.wantLens[i] {
					t.Errorf("path %d: got %d certificates, want %d", i, len(p.Certs), tt.wantLens[i])
				}
				if !p.Valid {
					t.Errorf("path %d: not valid at %v", i, testcert.Now())
				}
			}
			if !equalInts(r.Unused, tt.unused) {
				t.Errorf("unused: got %v, want %v", r.Unused, tt.unused)
			}
			if r.SentRoot != tt.sentRoot {
				t.Errorf("sent root: got %d, want %d", r.SentRoot, tt.sentRoot)
			}
		})
	}
}

func TestPathFacts(t *testing.T) {
	p := newPKI(t)
	r := Build([]*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, Options{Anchors: []*Pool{NewPool("t", []*x509.Certificate{p.rsaRoot, p.ecRoot})}, At: testcert.Now()})
	cross := r.Paths[1]
	if !cross.Until.Equal(crossUntil) {
		t.Errorf("cross path until: got %v, want %v (the cross-certificate's notAfter)", cross.Until, crossUntil)
	}
	if want := len(p.ecLeaf.Raw) + len(p.ecInt.Raw) + len(p.cross.Raw); cross.SentBytes != want {
		t.Errorf("sent bytes: got %d, want %d", cross.SentBytes, want)
	}
	if want := cross.SentBytes + len(p.rsaRoot.Raw); cross.Bytes != want {
		t.Errorf("bytes: got %d, want %d", cross.Bytes, want)
	}
	if got := cross.Certs[3].Origin; got != Anchor {
		t.Errorf("origin of the last certificate: got %v, want anchor", got)
	}
	// After the cross-certificate expires only the direct path is valid.
	late := Build([]*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, Options{Anchors: []*Pool{NewPool("t", []*x509.Certificate{p.rsaRoot, p.ecRoot})}, At: crossUntil.Add(time.Hour)})
	if len(late.Paths) != 2 || !late.Paths[0].Valid || late.Paths[1].Valid {
		t.Errorf("after the cross-certificate expired: got validity %v, want [true false]", []bool{late.Paths[0].Valid, late.Paths[1].Valid})
	}
}

func names(cs []*Choice) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Role+":"+c.Anchor.Key)
	}
	return out
}

func TestRecommend(t *testing.T) {
	p := newPKI(t)
	pool := []*Pool{NewPool("t", []*x509.Certificate{p.rsaRoot, p.ecRoot})}
	opt := Options{Anchors: pool, At: testcert.Now()}
	ecCross := Endpoint{"ec:8883", Build([]*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, opt)}
	ec := Endpoint{"ec:443", Build([]*x509.Certificate{p.ecLeaf, p.ecInt}, opt)}
	rsa := Endpoint{"rsa:443", Build([]*x509.Certificate{p.rsaLeaf, p.rsaInt}, opt)}
	lost := Endpoint{"lost:443", Build([]*x509.Certificate{p.ecLeaf}, opt)}
	pinned := Endpoint{"pin:443", Build([]*x509.Certificate{p.ecLeaf, p.ecInt}, Options{Anchors: []*Pool{NewPool("t", []*x509.Certificate{p.ecLeaf})}, At: testcert.Now()})}

	tests := []struct {
		name                  string
		eps                   []Endpoint
		minimal, rotationSafe []string
		uncovered, noBackup   []string
		pinned                int
	}{
		{"one endpoint, cross-signed", []Endpoint{ecCross}, []string{"primary:ECDSA P-256"}, []string{"primary:ECDSA P-256", "backup:RSA-2048"}, nil, nil, 0},
		{"cross-sign lets one root cover both", []Endpoint{ecCross, rsa}, []string{"primary:RSA-2048"}, []string{"primary:RSA-2048", "backup:ECDSA P-256"}, nil, []string{"rsa:443"}, 0},
		{"two hierarchies need two roots", []Endpoint{ec, rsa}, []string{"primary:ECDSA P-256", "primary:RSA-2048"}, []string{"primary:ECDSA P-256", "primary:RSA-2048"}, nil, []string{"ec:443", "rsa:443"}, 0},
		{"no path", []Endpoint{lost}, nil, nil, []string{"lost:443"}, nil, 0},
		{"pinned leaf is not recommended", []Endpoint{pinned}, nil, nil, []string{"pin:443"}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := Recommend(tt.eps)
			if got := names(rec.Minimal); !equal(got, tt.minimal) {
				t.Errorf("minimal: got %v, want %v", got, tt.minimal)
			}
			if got := names(rec.RotationSafe); !equal(got, tt.rotationSafe) {
				t.Errorf("rotation-safe: got %v, want %v", got, tt.rotationSafe)
			}
			if !equal(rec.Uncovered, tt.uncovered) {
				t.Errorf("uncovered: got %v, want %v", rec.Uncovered, tt.uncovered)
			}
			if !equal(rec.NoBackup, tt.noBackup) {
				t.Errorf("no backup: got %v, want %v", rec.NoBackup, tt.noBackup)
			}
			if len(rec.Pinned) != tt.pinned {
				t.Errorf("pinned: got %d, want %d", len(rec.Pinned), tt.pinned)
			}
		})
	}
	rec := Recommend([]Endpoint{ecCross})
	if b := rec.RotationSafe[1]; !b.Until.Equal(crossUntil) {
		t.Errorf("backup until: got %v, want %v (when the cross-certificate expires)", b.Until, crossUntil)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// storeOf150 is the bundled Mozilla store plus the test roots: about the
// size of a real device-side search.
func storeOf150(b testing.TB) *Pool {
	var cs []*x509.Certificate
	for _, r := range roots.Bundled().Roots {
		cs = append(cs, r.Cert)
	}
	for _, info := range testcert.Infos() {
		if info.Role != "root" {
			continue
		}
		der, _ := testcert.Cert(info.Name)
		if c, err := x509.ParseCertificate(der); err == nil {
			cs = append(cs, c)
		}
	}
	return NewPool("mozilla+test", cs)
}

func TestBigStore(t *testing.T) {
	p := newPKI(t)
	pool := storeOf150(t)
	r := Build([]*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}, Options{Anchors: []*Pool{pool}, At: testcert.Now()})
	if len(r.Paths) != 2 {
		t.Fatalf("got %d paths against %d roots, want 2", len(r.Paths), pool.Len())
	}
}

// BenchmarkBuild is one chain against a store of about 150 roots; the
// budget is 1 ms (issue 4).
func BenchmarkBuild(b *testing.B) {
	p := newPKI(b)
	pool := storeOf150(b)
	presented := []*x509.Certificate{p.ecLeaf, p.ecInt, p.cross}
	opt := Options{Anchors: []*Pool{pool}, At: testcert.Now()}
	b.ReportMetric(float64(pool.Len()), "roots")
	for b.Loop() {
		Build(presented, opt)
	}
}
