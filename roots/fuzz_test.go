package roots

import (
	"crypto/sha256"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// Seeds for these targets are in testdata/fuzz/Fuzz*/ and, for FuzzLoad,
// also the stores under testdata/ (PEM, DER, a .crt, a README).

// FuzzLoad reads arbitrary bytes as a user store. It must return an error
// or a store whose every root is a parsed certificate with the fingerprint
// of its DER, held once; and reading the store's own PEM back gives the
// same roots.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/baltimore.pem", "testdata/store/entrust-g2.der",
		"testdata/store/globalsign-root-ca.pem", "testdata/store/starfield-class-2.crt", "testdata/store/README.txt"} {
		if b, err := testdataFile(name); err == nil {
			f.Add(name, b)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		st, err := Load(name, data)
		if err != nil {
			if st != nil {
				t.Fatal("store returned with an error")
			}
			return
		}
		checkStore(t, st)
		var bundle []byte
		for _, r := range st.Roots {
			bundle = append(bundle, r.PEM()...)
		}
		again, err := Load("again.pem", bundle)
		if err != nil {
			t.Fatalf("the store's own PEM does not load: %v", err)
		}
		if len(again.Roots) != len(st.Roots) {
			t.Fatalf("the store's own PEM holds %d roots, the store %d", len(again.Roots), len(st.Roots))
		}
	})
}

// FuzzLoadFS reads a directory of two fuzzed files.
func FuzzLoadFS(f *testing.F) {
	pem, _ := testdataFile("testdata/baltimore.pem")
	f.Add(pem, []byte("not a certificate\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		fsys := fstest.MapFS{"a.pem": {Data: a}, "b.crt": {Data: b}}
		st, err := LoadFS(fsys, ".", "dir")
		if err != nil {
			return
		}
		checkStore(t, st)
		if len(st.Skipped) > 2 {
			t.Fatalf("%d skipped files of 2", len(st.Skipped))
		}
	})
}

func checkStore(t *testing.T, st *Store) {
	t.Helper()
	if len(st.Roots) == 0 {
		t.Fatal("empty store without an error")
	}
	seen := map[[32]byte]bool{}
	for _, r := range st.Roots {
		if r.Cert == nil || len(r.DER()) == 0 {
			t.Fatal("root without a certificate")
		}
		if sha256.Sum256(r.DER()) != r.SHA256 {
			t.Fatalf("%s: fingerprint is not that of the DER", r.Name())
		}
		if seen[r.SHA256] {
			t.Fatalf("%s held twice", r.Name())
		}
		seen[r.SHA256] = true
		_ = r.KeyDescription()
	}
}

// FuzzSearch runs a query over the bundled store: no panic, hex matches
// start with the query's digits, and Find agrees with Search on how many
// roots match.
func FuzzSearch(f *testing.F) {
	f.Fuzz(func(t *testing.T, q string) {
		set := NewSet()
		res := set.Search(q)
		hex, isHex := hexQuery(q)
		for _, m := range res.Matches {
			switch m.By {
			case BySHA256:
				if !isHex || !strings.HasPrefix(m.Root.Fingerprint(), hex) {
					t.Fatalf("%q: SHA-256 match %s", q, m.Root.Fingerprint())
				}
			case BySKI:
				if !isHex || !strings.HasPrefix(m.Root.SKI(), hex) {
					t.Fatalf("%q: SKI match %s", q, m.Root.SKI())
				}
			}
		}
		r, err := set.Find(q)
		if len(res.Matches) == 0 && err == nil {
			t.Fatalf("%q: Find found %s where Search found nothing", q, r.Name())
		}
		if len(res.Matches) == 1 && (err != nil || r != res.Matches[0].Root) {
			t.Fatalf("%q: one match, Find gave %v", q, err)
		}
	})
}

func testdataFile(name string) ([]byte, error) { return os.ReadFile(name) }
