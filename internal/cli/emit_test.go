package cli

import (
	"bytes"
	"crypto/tls"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/anchor"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// execEmit runs the emit command in-process, as Main would once it is
// registered, with the test PKI's clock.
func execEmit(t *testing.T, stdin []byte, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	stdio := IO{In: bytes.NewReader(stdin), Out: &out, Err: &errb}
	cmd := newEmitCmd(stdio, func(o *emitOptions) error { o.now = testcert.Now; return runEmit(o) })
	code = runCmd(t, cmd, &out, &errb, args...)
	return out.String(), errb.String(), code
}

func pemFile(t *testing.T, dir string, names ...string) string {
	t.Helper()
	var b []byte
	for _, der := range testcert.MustDER(t, names...) {
		b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	p := filepath.Join(dir, strings.Join(names, "+")+".pem")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEmitArgsToOptions(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want emitOptions
	}{
		{"minimal", []string{"--format", "c-pem", "ca.pem"}, emitOptions{Inputs: []string{"ca.pem"}, Format: "c-pem"}},
		{"stdin default", []string{"-f", "pem"}, emitOptions{Inputs: []string{"-"}, Format: "pem"}},
		{"all flags", []string{"a.pem", "b.pem", "--format", "esp-idf-bundle", "--name", "roots", "-o", "out.bin", "--idf-version", "5.3", "--allow-leaf", "--allow-expired", "--json"},
			emitOptions{Inputs: []string{"a.pem", "b.pem"}, Format: "esp-idf-bundle", Name: "roots", Output: "out.bin", IDFVersion: "5.3", AllowLeaf: true, AllowExpired: true, JSON: true}},
		{"console eol", []string{"--format", "console", "--eol", "crlf", "x"}, emitOptions{Inputs: []string{"x"}, Format: "console", EOL: "crlf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *emitOptions
			cmd := newEmitCmd(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, func(o *emitOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			if err := cmd.Execute(); err != nil {
				t.Fatalf("parse: %v", err)
			}
			w := tt.want
			if strings.Join(got.Inputs, ",") != strings.Join(w.Inputs, ",") || got.Format != w.Format || got.Name != w.Name || got.Output != w.Output ||
				got.IDFVersion != w.IDFVersion || got.EOL != w.EOL || got.AllowLeaf != w.AllowLeaf || got.AllowExpired != w.AllowExpired || got.JSON != w.JSON {
				t.Errorf("options = %+v, want %+v", *got, w)
			}
		})
	}
}

func TestEmitUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no format", []string{"x.pem"}, "--format is required"},
		{"bad format", []string{"-f", "c-string", "x.pem"}, `unknown format "c-string"`},
		{"bad name", []string{"-f", "c-pem", "--name", "root-ca", "x.pem"}, "not a usable C identifier"},
		{"keyword name", []string{"-f", "c-pem", "--name", "static", "x.pem"}, "keyword"},
		{"idf version elsewhere", []string{"-f", "c-pem", "--idf-version", "5.3", "x.pem"}, "esp-idf-bundle only"},
		{"bad idf version", []string{"-f", "esp-idf-bundle", "--idf-version", "4.4", "x.pem"}, "want 5.3"},
		{"bad eol", []string{"-f", "console", "--eol", "cr", "x.pem"}, "want lf or crlf"},
		{"json to stdout", []string{"-f", "pem", "--json", "x.pem"}, "--json without -o"},
		{"missing file", []string{"-f", "pem", "nope.pem"}, "open nope.pem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := execEmit(t, nil, tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d stderr %q, want exit 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestEmitRun(t *testing.T) {
	dir := t.TempDir()
	roots := pemFile(t, dir, "rsa2048-sha256-root", "p256-sha256-root")
	dup := pemFile(t, dir, "p256-sha256-root", "p256-sha256-root")
	leaf := pemFile(t, dir, "p256-sha256-leaf")
	expired := pemFile(t, dir, "rsa2048-sha1-root-dstx3")

	t.Run("c-pem to stdout", func(t *testing.T) {
		out, _, code := execEmit(t, nil, "-f", "c-pem", "--name", "my_roots", roots)
		if code != 0 || !strings.Contains(out, "static const size_t my_roots_len = sizeof(my_roots);") || strings.Count(out, "BEGIN CERTIFICATE") != 2 {
			t.Errorf("exit %d, output:\n%s", code, out)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		data, _ := os.ReadFile(roots)
		out, _, code := execEmit(t, data, "-f", "pem-bundle")
		if code != 0 || strings.Count(out, "# sha256:") != 2 {
			t.Errorf("exit %d, output:\n%s", code, out)
		}
	})
	t.Run("duplicates said", func(t *testing.T) {
		out, stderr, code := execEmit(t, nil, "-f", "pem", dup)
		if code != 0 || strings.Count(out, "BEGIN") != 1 || !strings.Contains(stderr, "duplicate of") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
	})
	t.Run("leaf refused", func(t *testing.T) {
		_, stderr, code := execEmit(t, nil, "-f", "pem", leaf)
		if code != ExitUsage || !strings.Contains(stderr, "not a CA certificate") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
	})
	t.Run("leaf allowed with warning", func(t *testing.T) {
		_, stderr, code := execEmit(t, nil, "-f", "pem", "--allow-leaf", leaf)
		if code != 0 || !strings.Contains(stderr, "pinned as a leaf") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
	})
	t.Run("expired refused then allowed", func(t *testing.T) {
		if _, stderr, code := execEmit(t, nil, "-f", "pem", expired); code != ExitUsage || !strings.Contains(stderr, "expired on 2021-09-30") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
		if _, stderr, code := execEmit(t, nil, "-f", "pem", "--allow-expired", expired); code != 0 || !strings.Contains(stderr, "--allow-expired") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
	})
	t.Run("bundle to file, read back", func(t *testing.T) {
		for _, v := range []string{"5.3", "5.4"} {
			out := filepath.Join(dir, "bundle-"+v)
			if _, stderr, code := execEmit(t, nil, "-f", "esp-idf-bundle", "--idf-version", v, "-o", out, roots); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			entries, err := anchor.ReadIDFBundle(data, v)
			if err != nil || len(entries) != 2 {
				t.Errorf("%s: %d entries, %v", v, len(entries), err)
			}
		}
	})
	t.Run("binary refused on a terminal", func(t *testing.T) {
		var out, errb bytes.Buffer
		cmd := newEmitCmd(IO{In: strings.NewReader(""), Out: &out, Err: &errb, OutTTY: true}, nil)
		cmd.SetArgs([]string{"-f", "der", roots})
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		if err := cmd.Execute(); err == nil || out.Len() != 0 {
			t.Errorf("err %v, %d bytes written to the terminal", err, out.Len())
		}
	})
	t.Run("several files need a directory", func(t *testing.T) {
		if _, stderr, code := execEmit(t, nil, "-f", "zephyr", roots); code != ExitUsage || !strings.Contains(stderr, "-o DIR") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
		out := filepath.Join(dir, "zephyr") + "/"
		stdout, stderr, code := execEmit(t, nil, "-f", "zephyr", "-o", out, "--json", roots)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, f := range []string{"root_ca_1.inc", "root_ca_2.inc", "root_ca_credentials.c"} {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Error(err)
			}
		}
		if !strings.Contains(stdout, `"schema_version": 1`) || !strings.Contains(stdout, "root_ca_credentials.c") {
			t.Errorf("json:\n%s", stdout)
		}
		left, _ := filepath.Glob(filepath.Join(out, ".*tmp*"))
		if len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
	t.Run("private key refused", func(t *testing.T) {
		key := filepath.Join(dir, "key.pem")
		os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte{0x30, 0}}), 0o644)
		target := filepath.Join(dir, "never.h")
		if _, stderr, code := execEmit(t, nil, "-f", "c-pem", "-o", target, key); code != ExitUsage || !strings.Contains(stderr, "private key") {
			t.Errorf("exit %d stderr %q", code, stderr)
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Errorf("output written despite the refusal: %v", err)
		}
	})
	t.Run("every format", func(t *testing.T) {
		for _, f := range anchor.Formats() {
			o := filepath.Join(dir, "all", string(f)) + "/"
			if _, stderr, code := execEmit(t, nil, "-f", string(f), "-o", o, roots); code != 0 {
				t.Errorf("%s: exit %d: %s", f, code, stderr)
			}
		}
	})
}

// TestEmitEndpoint probes a real TLS server on 127.0.0.1 whose chain leads
// to a private root given with --roots, and emits that root.
func TestEmitEndpoint(t *testing.T) {
	var ch testcert.Chain
	for _, c := range testcert.Chains() {
		if strings.HasPrefix(c.Name, "p256") {
			ch = c
			break
		}
	}
	if ch.Name == "" {
		t.Fatal("no P-256 chain in testcert")
	}
	key, err := testcert.Key(ch.Leaf.Name)
	if err != nil {
		t.Fatal(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{ch.Leaf.DER, ch.Intermediate.DER}, PrivateKey: key}
	addr := testcert.TLSServer(t, &tls.Config{Certificates: []tls.Certificate{cert}}, 10*time.Second)
	dir := t.TempDir()
	rootFile := pemFile(t, dir, ch.Root.Name)
	out, stderr, code := execEmit(t, nil, "--endpoint", addr, "--roots", rootFile, "--format", "pem", "--timeout", "5s")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	blk, _ := pem.Decode([]byte(out))
	if blk == nil || !bytes.Equal(blk.Bytes, ch.Root.DER) {
		t.Errorf("emitted %q, want the chain's root %s", out, ch.Root.Name)
	}
	// The comment names the endpoint the anchor serves.
	out, _, _ = execEmit(t, nil, "--endpoint", addr, "--roots", rootFile, "--format", "c-pem", "--timeout", "5s")
	if !strings.Contains(out, "serves:   "+addr) {
		t.Errorf("c-pem comment does not name the endpoint:\n%s", out)
	}
	// Without the private root the bundled store has no path: exit 1.
	if _, _, code := execEmit(t, nil, "--endpoint", addr, "--format", "pem", "--timeout", "5s"); code != ExitProblems {
		t.Errorf("without --roots: exit %d, want %d", code, ExitProblems)
	}
}
