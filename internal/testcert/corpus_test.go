package testcert

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/corpus.sha256 after an intended corpus change")
	dump   = flag.String("dump", "", "write every corpus case to this directory (for debugging), with an index.tsv")
)

// testCorpus is built once for the tests that only read it.
var testCorpus = sync.OnceValue(Corpus)

func corpusDigest(cases []Case) string {
	h := sha256.New()
	for _, c := range cases {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", c.Name, c.Mode, len(c.Input))
		h.Write(c.Input)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestCorpusDeterministic(t *testing.T) {
	a, b := Corpus(), Corpus()
	if len(a) != len(b) {
		t.Fatalf("two calls gave %d and %d cases", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Mode != b[i].Mode || !bytes.Equal(a[i].Input, b[i].Input) {
			t.Fatalf("case %d differs between calls: %s / %s", i, a[i].Name, b[i].Name)
		}
	}
}

// TestCorpusGolden pins the corpus across runs and machines: any change to
// the bytes (a Go version that encodes differently, a map iteration leaking
// into the order) shows here. After an intended change run with -update.
func TestCorpusGolden(t *testing.T) {
	got := corpusDigest(testCorpus())
	path := filepath.Join("testdata", "corpus.sha256")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestCorpusGolden -update)", err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("corpus digest %s, want %s (if the change is intended, run go test -run TestCorpusGolden -update)", got, want)
	}
}

func TestCorpusWellFormed(t *testing.T) {
	cases := testCorpus()
	names := map[string]bool{}
	for _, c := range cases {
		if names[c.Name] {
			t.Errorf("duplicate name %s", c.Name)
		}
		names[c.Name] = true
		if c.Mode != "crt" && c.Mode != "der" {
			t.Errorf("%s: mode %q", c.Name, c.Mode)
		}
		if c.Input == nil {
			t.Errorf("%s: nil input", c.Name)
		}
		if strings.ContainsAny(c.Name, " \t\n\x00\\") || strings.Contains(c.Name, "//") {
			t.Errorf("%s: name with whitespace, NUL, backslash or an empty segment", c.Name)
		}
		if len(c.Input) > 1<<20 {
			t.Errorf("%s: %d bytes", c.Name, len(c.Input))
		}
	}
}

// TestCorpusCounts checks size and balance, and that every kind of input
// the oracle must see is there. go test -v prints the table.
func TestCorpusCounts(t *testing.T) {
	start := time.Now()
	cases := Corpus()
	elapsed := time.Since(start)
	size := 0
	byCat, byForm, byCert := map[string]int{}, map[string]int{}, map[string]int{}
	for _, c := range cases {
		size += len(c.Input)
		cat := Category(c.Name)
		byCat[cat]++
		form, what, _ := strings.Cut(cat, "/")
		if what == "tlv" || what == "mut" || what == "ends-before" || strings.HasPrefix(what, "cut") {
			form += "/" + what
		}
		byForm[form]++
		byCert[strings.SplitN(c.Name, "/", 2)[0]]++
	}
	t.Logf("%d cases, %.1f MB, built in %v", len(cases), float64(size)/1e6, elapsed)
	var forms []string
	for f := range byForm {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	for _, f := range forms {
		t.Logf("  %-28s %6d", f, byForm[f])
	}
	if len(cases) < 20000 {
		t.Errorf("%d cases, want at least 20000", len(cases))
	}
	// Balance: no base certificate and no single form dominates.
	for cert, n := range byCert {
		if n > len(cases)/12 {
			t.Errorf("%s has %d of %d cases", cert, n, len(cases))
		}
	}
	for f, n := range byForm {
		if n > len(cases)/4 {
			t.Errorf("form %s has %d of %d cases", f, n, len(cases))
		}
	}
	want := map[string]int{
		"der/tlv": 5000, "der-crt/tlv": 1000, "der/cut": 1000, "der-crt/cut": 500, "der/mut": 4000,
		"pem-nul/mut": 4000, "pem-nul": 3000, "pem-strlen": 3000, "pem-nul/cut-after-line": 2000,
		"pem-nul/cut-every-7": 500, "pem-nul/cut-every-7+footer": 150, "pem-crlf-nul/cut-every-7": 100,
		"der/ends-before": 800, "der-crt/ends-before": 250, "bundle": 300, "input": 60,
		"der": 500, "der-crt": 500, "pem-as-der": 100,
	}
	for f, min := range want {
		if byForm[f] < min {
			t.Errorf("form %s: %d cases, want at least %d", f, byForm[f], min)
		}
	}
	// Every PEM variant reaches the corpus, and the variants of table T1 of
	// the research notes are there for a real certificate.
	for _, v := range pemVariants() {
		if byCat["pem-nul/"+v.name] == 0 {
			t.Errorf("PEM variant %s never applied", v.name)
		}
	}
	for _, name := range []string{
		"p256-sha256-leaf/pem-nul/lf", "p256-sha256-leaf/pem-strlen/lf", "p256-sha256-leaf/pem-nul/cr",
		"p256-sha256-leaf/pem-nul/literal-bn-all", "p256-sha256-leaf/pem-nul/utf16le-bom",
		"p256-sha256-leaf/pem-nul/label-trusted", "p256-sha256-leaf/pem-strlen/ff-fill-sector",
		"p256-sha256-leaf/pem-nul/proc-type-camellia", "p256-sha256-leaf/der/mut/version-3",
		"rsa2048-sha256-leaf/der/mut/rsa-e-even", "p256-sha256-leaf/der/mut/ec-point-off-curve",
		"p256-sha256-leaf/der/mut/uid-add-issuer-81", "p256-sha256-leaf/der/mut/ext-wrapper-a2",
		"rsa2048-sha256-leaf/der/twice", "rsa2048-sha256-leaf/der-crt/trailing-16-bytes",
		"bundle/cstrings/two", "input/der/empty", "input/crt/ff-4096",
		"rsa2048-sha256-leaf/der/tlv/tbs@4/tag-30-to-10",
	} {
		if !contains(cases, name) {
			t.Errorf("missing case %s", name)
		}
	}
	// Every base certificate is in the corpus as DER and as PEM.
	for _, c := range Certs() {
		for _, suffix := range []string{"/der/ok", "/der-crt/ok", "/pem-nul/lf", "/pem-strlen/lf"} {
			if !contains(cases, c.Name+suffix) {
				t.Errorf("missing %s%s", c.Name, suffix)
			}
		}
	}
}

func contains(cases []Case, name string) bool {
	for _, c := range cases {
		if c.Name == name {
			return true
		}
	}
	return false
}

// TestCorpusCasesAreWhatTheySay spot-checks inputs against their names.
func TestCorpusCasesAreWhatTheySay(t *testing.T) {
	byName := map[string]Case{}
	for _, c := range testCorpus() {
		byName[c.Name] = c
	}
	der, _ := Cert("p256-sha256-leaf")
	get := func(name string) []byte {
		c, ok := byName[name]
		if !ok {
			t.Fatalf("no case %s", name)
		}
		return c.Input
	}
	if got := get("p256-sha256-leaf/der/ok"); !bytes.Equal(got, der) {
		t.Errorf("der/ok is not the certificate")
	}
	if got := get("p256-sha256-leaf/pem-nul/lf"); string(got) != pemLF(der)+"\x00" {
		t.Errorf("pem-nul/lf is not PEM plus NUL")
	}
	if got := get("p256-sha256-leaf/pem-strlen/crlf"); bytes.Contains(got, []byte{0}) || !bytes.Contains(got, []byte("-----\r\nMII")) {
		t.Errorf("pem-strlen/crlf: %q", got[:40])
	}
	if got := get("p256-sha256-leaf/pem-nul/cr"); bytes.Contains(got, []byte("\n")) {
		t.Errorf("pem-nul/cr contains LF")
	}
	if got := get("p256-sha256-leaf/pem-nul/literal-bn-all"); bytes.Count(got, []byte("\n")) != 0 || !bytes.Contains(got, []byte(`-----\nMII`)) {
		t.Errorf("literal-bn-all: %q", got[:40])
	}
	if got := get("p256-sha256-leaf/der/cut/4-before-tbs"); !bytes.Equal(got, der[:4]) {
		t.Errorf("cut/4-before-tbs: %x", got)
	}
	if got := get("p256-sha256-leaf/der/mut/version-3"); !bytes.Contains(got, []byte{0xA0, 0x03, 0x02, 0x01, 0x03}) {
		t.Errorf("version-3 does not carry version 3")
	}
	// Every DER mutation differs from its certificate.
	for name, c := range byName {
		cert, rest, _ := strings.Cut(name, "/")
		if !strings.HasPrefix(rest, "der/mut/") && !strings.HasPrefix(rest, "der/tlv/") {
			continue
		}
		orig, err := Cert(cert)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(c.Input, orig) {
			t.Errorf("%s: same bytes as the certificate", name)
		}
	}
}

func TestLeaves(t *testing.T) {
	const n = 2000
	a, b := Leaves(n), Leaves(n)
	if len(a) != n {
		t.Fatalf("Leaves(%d) gave %d", n, len(a))
	}
	serials, subjects, keys := map[string]bool{}, map[string]bool{}, map[string]bool{}
	leaves := 0
	for i, der := range a {
		if !bytes.Equal(der, b[i]) {
			t.Fatalf("certificate %d differs between calls", i)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatalf("certificate %d: %v", i, err)
		}
		if serials[c.SerialNumber.String()] {
			t.Errorf("certificate %d: serial repeated", i)
		}
		serials[c.SerialNumber.String()] = true
		if subjects[string(c.RawSubject)] {
			t.Errorf("certificate %d: subject repeated", i)
		}
		subjects[string(c.RawSubject)] = true
		keys[string(c.SubjectKeyId)] = true
		if !c.IsCA {
			leaves++
			if len(c.DNSNames) < 3 || len(c.AuthorityKeyId) == 0 || len(c.ExtKeyUsage) == 0 ||
				len(c.OCSPServer) == 0 || c.KeyUsage == 0 {
				t.Errorf("certificate %d lacks realistic extensions", i)
			}
		}
	}
	if len(keys) != n {
		t.Errorf("%d distinct subject key IDs in %d certificates", len(keys), n)
	}
	if leaves != n*8/10 {
		t.Errorf("%d leaves in %d, want %d", leaves, n, n*8/10)
	}
	// Appending to one certificate must not overwrite the next.
	first := bytes.Clone(a[1])
	_ = append(a[0], 0xAA)
	if !bytes.Equal(a[1], first) {
		t.Errorf("append to Leaves()[0] changed Leaves()[1]")
	}
	if Leaves(0) != nil {
		t.Errorf("Leaves(0) is not nil")
	}
}

func TestLeavesSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 130 MB")
	}
	start := time.Now()
	ls := Leaves(100000)
	t.Logf("Leaves(100000): %v, %d certificates", time.Since(start), len(ls))
}

func BenchmarkCorpus(b *testing.B) {
	for b.Loop() {
		Corpus()
	}
}

func BenchmarkLeaves100k(b *testing.B) {
	for b.Loop() {
		Leaves(100000)
	}
}

// TestDump writes the corpus out: go test ./internal/testcert -run TestDump -dump /tmp/corpus
// gives one file per case (the name with '/' turned into "__") and index.tsv
// (number, name, mode, length, SHA-256).
func TestDump(t *testing.T) {
	if *dump == "" {
		t.Skip("set -dump DIR")
	}
	if err := os.MkdirAll(*dump, 0o755); err != nil {
		t.Fatal(err)
	}
	var index bytes.Buffer
	for i, c := range Corpus() {
		file := fmt.Sprintf("%05d-%s.%s", i, strings.ReplaceAll(c.Name, "/", "__"), c.Mode)
		if err := os.WriteFile(filepath.Join(*dump, file), c.Input, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(c.Input)
		fmt.Fprintf(&index, "%d\t%s\t%s\t%d\t%x\n", i, c.Name, c.Mode, len(c.Input), sum)
	}
	if err := os.WriteFile(filepath.Join(*dump, "index.tsv"), index.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
