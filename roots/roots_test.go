package roots

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestBundledStore(t *testing.T) {
	st := Bundled()
	if got := len(st.Roots); got < 100 {
		t.Fatalf("bundled store has %d roots, want over 100", got)
	}
	if Bundled() != st {
		t.Error("Bundled parsed the store twice")
	}
	for _, r := range st.Roots {
		if r.Store != BundledStoreName || r.Name() == "" {
			t.Errorf("root %s: store %q, name %q", r.Fingerprint(), r.Store, r.Name())
		}
	}
}

// TestBundleVersionConst keeps BundleVersion and BundleDate in step with
// go.mod (test binaries carry no module list, so go.mod is read).
func TestBundleVersionConst(t *testing.T) {
	gomod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(regexp.QuoteMeta(BundleModule) + ` (v\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatalf("%s not in go.mod", BundleModule)
	}
	if v := string(m[1]); v != BundleVersion {
		t.Errorf("BundleVersion = %s, go.mod has %s: update BundleVersion and BundleDate", BundleVersion, v)
	}
	// A pseudo-version v0.0.0-YYYYMMDDhhmmss-commit carries the commit date.
	if d := strings.ReplaceAll(BundleDate, "-", ""); !strings.Contains(BundleVersion, "-"+d) {
		t.Errorf("BundleDate %s is not the date in %s", BundleDate, BundleVersion)
	}
}

// TestNoFallbackRegistration: importing the fallback package would call
// x509.SetFallbackRoots and change crypto/x509 for every importer.
func TestNoFallbackRegistration(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == BundleModule {
				t.Errorf("%s imports %s, which registers fallback roots in init", f, p)
			}
		}
	}
}

func TestSearch(t *testing.T) {
	tests := []struct {
		query     string
		wantFirst string   // name of the first match; "" for none
		wantAlso  []string // further names that must be among the matches
		wantKnown string   // a calendar root reported as not in the store
	}{
		{"baltimore", "", nil, "Baltimore CyberTrust Root"},
		{"Baltimor", "", nil, "Baltimore CyberTrust Root"},
		{"amazon root ca 1", "Amazon Root CA 1", nil, ""},
		{"AMAZON", "Amazon Root CA 1", []string{"Amazon Root CA 4"}, ""},
		{"isrg x2", "ISRG Root X2", nil, ""},
		{"isrg", "ISRG Root X1", []string{"ISRG Root X2"}, ""},
		{"digicert g2", "DigiCert Global Root G2", []string{"DigiCert Assured ID Root G2"}, ""},
		{"digicet global g2", "DigiCert Global Root G2", nil, ""},
		{"starfield services", "Starfield Services Root Certificate Authority - G2", nil, ""},
		{"starfield class 2", "", nil, "Starfield Class 2 Certification Authority"},
		{"globalsign r3", "GlobalSign Root CA - R3", nil, ""},
		{"dst root ca x3", "", nil, "DST Root CA X3"},
		{"entrust g2", "", nil, "Entrust Root Certification Authority - G2"},
		{"verisign g5", "", nil, "VeriSign Class 3 Public Primary Certification Authority - G5"},
		{"cb3ccbb76031e5e0138f8dd39a23f9de47ffc35e43c1144cea27d46a5ab1cb5f", "DigiCert Global Root G2", nil, ""},
		{"CB:3C:CB:B7", "DigiCert Global Root G2", nil, ""},
		{"06:87:26:03", "", nil, "DST Root CA X3"},
		{"no such root anywhere", "", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := Search(tt.query)
			var names []string
			for _, m := range res.Matches {
				names = append(names, m.Root.Name())
			}
			if tt.wantFirst == "" && len(names) > 0 {
				t.Errorf("got matches %q, want none", names)
			}
			if tt.wantFirst != "" && (len(names) == 0 || names[0] != tt.wantFirst) {
				t.Errorf("got matches %q, want %q first", names, tt.wantFirst)
			}
			for _, w := range tt.wantAlso {
				if !contains(names, w) {
					t.Errorf("got matches %q, want %q among them", names, w)
				}
			}
			var known []string
			for _, k := range res.Known {
				known = append(known, k.Ref.Subject)
				if len(k.Events) == 0 {
					t.Errorf("known root %s has no events", k.Ref.Subject)
				}
			}
			if tt.wantKnown != "" && !contains(known, tt.wantKnown) {
				t.Errorf("got not-in-store %q, want %q", known, tt.wantKnown)
			}
			if tt.wantKnown == "" && len(known) > 0 {
				t.Errorf("got not-in-store %q, want none", known)
			}
		})
	}
}

func TestSearchBySKI(t *testing.T) {
	r, err := NewSet().Find("ISRG Root X1")
	if err != nil {
		t.Fatal(err)
	}
	res := Search(r.SKI()[:10])
	if len(res.Matches) != 1 || res.Matches[0].Root != r || res.Matches[0].By != BySKI {
		t.Errorf("search by SKI %s: got %+v", r.SKI()[:10], res.Matches)
	}
}

func TestFind(t *testing.T) {
	set := NewSet()
	tests := []struct {
		id      string
		want    string
		wantErr any
	}{
		{"DigiCert Global Root G2", "DigiCert Global Root G2", nil},
		{"isrg x2", "ISRG Root X2", nil},
		{"8ecde688", "Amazon Root CA 1", nil},
		{"digicert", "", &AmbiguousError{}},
		{"baltimore", "", &NotFoundError{}},
		{"0000000000", "", &NotFoundError{}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r, err := set.Find(tt.id)
			switch want := tt.wantErr.(type) {
			case nil:
				if err != nil {
					t.Fatalf("got error %v", err)
				}
				if r.Name() != tt.want {
					t.Errorf("got %s, want %s", r.Name(), tt.want)
				}
			case *AmbiguousError:
				if !errors.As(err, &want) || len(want.Candidates) < 2 {
					t.Errorf("got %v, want an AmbiguousError with candidates", err)
				}
			case *NotFoundError:
				if !errors.As(err, &want) {
					t.Errorf("got %v, want a NotFoundError", err)
				}
			}
		})
	}
	var nf *NotFoundError
	if _, err := set.Find("baltimore"); !errors.As(err, &nf) || len(nf.Known) == 0 {
		t.Errorf("Find(baltimore): got %v, want NotFoundError that knows the root", err)
	}
}

func TestUserStores(t *testing.T) {
	data, err := os.ReadFile("testdata/baltimore.pem")
	if err != nil {
		t.Fatal(err)
	}
	st, err := Load("testdata/baltimore.pem", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) != 1 || st.Roots[0].Name() != "Baltimore CyberTrust Root" || st.Roots[0].Fingerprint() != fpBaltimore {
		t.Fatalf("got %d roots, first %s", len(st.Roots), st.Roots[0].Name())
	}
	res := NewSet(st).Search("baltimore")
	if len(res.Matches) != 1 || res.Matches[0].Root.Store != "testdata/baltimore.pem" || len(res.Known) != 0 {
		t.Errorf("with the user store: got %+v, known %+v", res.Matches, res.Known)
	}
	if evs := EventsFor(st.Roots[0]); len(evs) < 3 {
		t.Errorf("Baltimore has %d events, want its migrations and expiry", len(evs))
	}

	dir, err := LoadFS(os.DirFS("testdata/store"), ".", "testdata/store")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range dir.Roots {
		names = append(names, r.Name())
	}
	want := []string{"Entrust Root Certification Authority - G2", "GlobalSign Root CA", "Starfield Class 2 Certification Authority"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("directory store: got %q, want %q", names, want)
	}
	if len(dir.Skipped) != 1 || !strings.HasPrefix(dir.Skipped[0], "README.txt") {
		t.Errorf("skipped: got %q, want README.txt", dir.Skipped)
	}
	// Every fingerprint the calendar gives for these roots is theirs.
	for _, r := range dir.Roots {
		if len(EventsFor(r)) == 0 {
			t.Errorf("%s: no calendar event matches its fingerprint %s", r.Name(), r.Fingerprint())
		}
	}
}

// TestLoadCSource: a device's trust store is often a C header.
func TestLoadCSource(t *testing.T) {
	pemText, _ := os.ReadFile("testdata/baltimore.pem")
	var b strings.Builder
	b.WriteString("static const char root_ca[] =\n")
	for _, line := range strings.SplitAfter(strings.TrimSpace(string(pemText)), "\n") {
		fmt.Fprintf(&b, "  %q\n", line)
	}
	b.WriteString(";\n")
	st, err := Load("certs.h", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) != 1 || st.Roots[0].Source != "certs.h:root_ca" {
		t.Errorf("got %d roots, source %q", len(st.Roots), st.Roots[0].Source)
	}
	if _, err := Load("empty.pem", []byte("hello\n")); err == nil {
		t.Error("a file with no certificate loaded without error")
	}
}

func TestRootDetails(t *testing.T) {
	r, err := NewSet().Find("ISRG Root X2")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.KeyDescription(); got != "ECDSA P-384" {
		t.Errorf("key: got %s", got)
	}
	if len(r.DER()) == 0 || r.PEMSize() <= len(r.DER()) || !r.SelfSigned() {
		t.Errorf("DER %d, PEM %d, self-signed %v", len(r.DER()), r.PEMSize(), r.SelfSigned())
	}
	r1, _ := NewSet().Find("ISRG Root X1")
	if got := r1.KeyDescription(); got != "RSA 4096" {
		t.Errorf("ISRG Root X1 key: got %s", got)
	}
}

var (
	hex64   = regexp.MustCompile(`^[0-9a-f]{64}$`)
	eventID = regexp.MustCompile(`^[a-z0-9-]+\.[a-z0-9-]+$`)
)

func TestCalendarWellFormed(t *testing.T) {
	bundledByFP := map[string]*Root{}
	for _, r := range Bundled().Roots {
		bundledByFP[r.Fingerprint()] = r
	}
	seen := map[string]bool{}
	var prev time.Time
	for _, e := range Calendar() {
		t.Run(e.ID, func(t *testing.T) {
			if !eventID.MatchString(e.ID) || seen[e.ID] {
				t.Errorf("ID %q is malformed or repeated", e.ID)
			}
			seen[e.ID] = true
			if e.Date.IsZero() || e.Date.Before(prev) {
				t.Errorf("date %s is zero or out of order (previous %s)", e.DateString(), prev.Format("2006-01-02"))
			}
			prev = e.Date
			if e.Kind.String() == "unknown" {
				t.Errorf("kind %d unknown", e.Kind)
			}
			if len(e.Summary) < 40 || !strings.HasSuffix(e.Summary, ".") {
				t.Errorf("summary is not a sentence: %q", e.Summary)
			}
			if !strings.HasPrefix(e.Source, "https://") || strings.ContainsAny(e.Source, " \n") {
				t.Errorf("source %q is not an https URL", e.Source)
			}
			if len(e.Roots) == 0 || len(e.Concerns) == 0 {
				t.Error("no roots or no concerns")
			}
			for _, ref := range e.Roots {
				if ref.Subject == "" || (ref.SHA256 != "" && !hex64.MatchString(ref.SHA256)) {
					t.Errorf("bad root reference %+v", ref)
				}
				// A fingerprint of a bundled root must carry that root's name.
				if r := bundledByFP[ref.SHA256]; r != nil && r.Name() != ref.Subject {
					t.Errorf("reference %q has the fingerprint of %q", ref.Subject, r.Name())
				}
			}
		})
	}
}

func TestEventsAt(t *testing.T) {
	got := Events(time.Date(2021, time.October, 1, 0, 0, 0, 0, time.UTC))
	var ids []string
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	if !contains(ids, "letsencrypt.dst-root-ca-x3-expiry") || contains(ids, "baltimore.expiry") {
		t.Errorf("events in effect on 2021-10-01: %q", ids)
	}
	if n := len(Events(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))); n != len(Calendar()) {
		t.Errorf("events by 2100: %d, want all %d", n, len(Calendar()))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// BenchmarkLoadBundle measures parsing the whole bundled store, which
// happens once per process, on first use.
func BenchmarkLoadBundle(b *testing.B) {
	for b.Loop() {
		if st := parseBundle(); len(st.Roots) == 0 {
			b.Fatal("empty store")
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	set := NewSet()
	for _, q := range []string{"amazon root ca 1", "baltimore", "cb:3c:cb:b7"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				set.Search(q)
			}
		})
	}
}
