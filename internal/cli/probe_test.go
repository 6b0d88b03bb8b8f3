package cli

import (
	"bytes"
	"context"
	"crypto"
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// runCmd executes a command built directly (cli.go registers most
// commands lazily) and turns its error into stderr text and an exit code
// as Main does.
func runCmd(t *testing.T, cmd *cobra.Command, out, errb *bytes.Buffer, args ...string) int {
	t.Helper()
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errb)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return reportError(errb, cmd.ExecuteContext(context.Background()))
}

func chainFile(t *testing.T, dir, name string, certs ...string) string {
	t.Helper()
	var b bytes.Buffer
	for _, c := range certs {
		d, err := testcert.Cert(c)
		if err != nil {
			t.Fatal(err)
		}
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: d})
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func testIO() (IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}, &out, &errb
}

func decode(t *testing.T, b []byte) *render.ProbeJSON {
	t.Helper()
	// Only the predictions: diag.Severity is written as text and not read
	// back, and the rest is checked through the text.
	var rep struct {
		Predictions []render.VerifyPredictionJSON `json:"predictions"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	return &render.ProbeJSON{Predictions: rep.Predictions}
}

type want struct {
	version string
	ret     int
	flags   uint32
	names   []string
	state   int
}

func checkPreds(t *testing.T, rep *render.ProbeJSON, ws []want) {
	t.Helper()
	for _, w := range ws {
		found := false
		for _, p := range rep.Predictions {
			if p.MbedTLSVersion != w.version {
				continue
			}
			found = true
			if p.ReturnCode != w.ret || p.VerifyFlags != w.flags || strings.Join(p.VerifyFlagNames, ",") != strings.Join(w.names, ",") || p.State != w.state {
				t.Errorf("mbedTLS %s: got ret %s flags 0x%X %v state %d, want %s 0x%X %v state %d", w.version, p.ReturnCodeHex, p.VerifyFlags, p.VerifyFlagNames, p.State, mbedHex(w.ret), w.flags, w.names, w.state)
			}
		}
		if !found {
			t.Errorf("no prediction for mbedTLS %s in %+v", w.version, rep.Predictions)
		}
	}
}

func mbedHex(r int) string { return mbedsim.HexCode(r) }

func TestVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	chainEC := chainFile(t, dir, "chain.pem", "p256-sha256-leaf", "p256-sha256-int")
	chainP384 := chainFile(t, dir, "p384.pem", "p384-sha384-leaf", "p384-sha384-int-e1like")
	rootEC := chainFile(t, dir, "root.pem", "p256-sha256-root")
	rootRSA := chainFile(t, dir, "rsa.pem", "rsa2048-sha256-root")
	pinLeaf := chainFile(t, dir, "pin.pem", "p256-sha256-leaf")
	tests := []struct {
		name     string
		args     []string
		code     int
		preds    []want
		contains string
	}{
		{"trusted", []string{"--chain", chainEC, "--trust", rootEC, "--host", "device.local"}, ExitOK,
			[]want{{"2.28", 0, 0, nil, 0}, {"3.6", 0, 0, nil, 0}}, ""},
		{"wrong host", []string{"--chain", chainEC, "--trust", rootEC, "--host", "other.local"}, ExitProblems,
			[]want{{"2.28", -0x2700, 4, []string{"CN_MISMATCH"}, 0}}, ""},
		{"wrong root", []string{"--chain", chainEC, "--trust", rootRSA}, ExitProblems,
			[]want{{"2.28", -0x2700, 8, []string{"NOT_TRUSTED"}, 0}, {"3.6", -0x2700, 8, []string{"NOT_TRUSTED"}, 0}}, ""},
		{"clock unset", []string{"--chain", chainEC, "--trust", rootEC, "--device-time", "unset"}, ExitProblems,
			[]want{{"2.28", -0x2700, 0x200, []string{"FUTURE"}, 0}}, ""},
		{"no trust: the recommended root", []string{"--chain", chainEC, "--roots", rootEC}, ExitOK,
			[]want{{"2.28", 0, 0, nil, 0}}, "p256-sha256-root"},
		// mbedTLS trusts an end-entity in its CA list only when it is self-issued
		// (x509_crt_verify_chain), so a pinned CA-issued leaf fails as well.
		{"pinned leaf", []string{"--chain", chainEC, "--trust", pinLeaf}, ExitProblems, []want{{"2.28", -0x2700, 8, []string{"NOT_TRUSTED"}, 0}}, "trust.pinned-leaf"},
		{"peer the build cannot parse", []string{"--chain", chainP384, "--trust", rootEC, "--preset", "embedded-small", "--mbedtls", "2.28"}, ExitProblems,
			nil, "chain.unparsable-certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdio, out, errb := testIO()
			cmd := newVerifyCmdWith(stdio, nil)
			args := append([]string{"--json", "--at", "2026-01-01"}, tt.args...)
			code := runCmd(t, cmd, out, errb, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s\nstdout: %s", code, tt.code, errb, out)
			}
			rep := decode(t, out.Bytes())
			checkPreds(t, rep, tt.preds)
			if tt.contains != "" && !strings.Contains(out.String(), tt.contains) {
				t.Errorf("output lacks %q:\n%s", tt.contains, out)
			}
		})
	}
	t.Run("parse failure carries the parse code", func(t *testing.T) {
		stdio, out, errb := testIO()
		runCmd(t, newVerifyCmdWith(stdio, nil), out, errb, "--json", "--at", "2026-01-01", "--chain", chainP384, "--trust", rootEC, "--preset", "embedded-small", "--mbedtls", "2.28")
		rep := decode(t, out.Bytes())
		p := rep.Predictions[0]
		if p.ReturnCode >= 0 || p.ReturnCode == -0x2700 || p.VerifyFlags != 0 || p.Stage != "parse" {
			t.Errorf("got %+v, want the parse code with verify flags 0", p)
		}
	})
	t.Run("text", func(t *testing.T) {
		stdio, out, errb := testIO()
		code := runCmd(t, newVerifyCmdWith(stdio, nil), out, errb, "--at", "2026-01-01", "--chain", chainEC, "--trust", rootRSA)
		if code != ExitProblems || !strings.Contains(out.String(), "the device will fail with -0x2700") || !strings.Contains(out.String(), "fix:") {
			t.Errorf("exit %d, text:\n%s", code, out)
		}
	})
}

func TestVerifyUsage(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.pem")
	_ = os.WriteFile(garbage, []byte("hello\n"), 0o600)
	for _, args := range [][]string{
		{},
		{"--chain", filepath.Join(dir, "missing.pem")},
		{"--chain", garbage},
		{"--chain", garbage, "--at", "yesterday"},
	} {
		stdio, out, errb := testIO()
		if code := runCmd(t, newVerifyCmdWith(stdio, nil), out, errb, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errb)
		}
	}
}

func TestProbeArgsToOptions(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
		chk  func(*probeOptions) bool
	}{
		{[]string{"broker.example.com:8883"}, true, func(o *probeOptions) bool {
			return o.Addrs[0] == "broker.example.com:8883" && o.MFL == 1024 && o.Timeout == 10*time.Second
		}},
		{[]string{"a", "b", "--alpn", "x-amzn-mqtt-ca", "--timeout", "2s"}, true, func(o *probeOptions) bool {
			return len(o.Addrs) == 2 && o.ALPN[0] == "x-amzn-mqtt-ca" && o.Timeout == 2*time.Second
		}},
		{[]string{"h", "--no-sni"}, true, func(o *probeOptions) bool { return o.NoSNI }},
		{[]string{"h", "--no-sni", "--sni", "x"}, false, nil},
		{[]string{"h", "--mfl", "1000"}, false, nil},
		{[]string{"h:99999"}, false, nil},
		{[]string{}, false, nil},
	}
	for _, tt := range tests {
		stdio, out, errb := testIO()
		var got *probeOptions
		code := runCmd(t, newProbeCmdWith(stdio, func(o *probeOptions) error { got = o; return nil }), out, errb, tt.args...)
		if (code == ExitOK) != tt.ok {
			t.Errorf("%v: exit %d (%s)", tt.args, code, errb)
			continue
		}
		if tt.ok && !tt.chk(got) {
			t.Errorf("%v: got %+v", tt.args, got)
		}
	}
}

func tlsServer(t *testing.T, leaf string, chain ...string) string {
	t.Helper()
	key, err := testcert.Key(leaf)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := testcert.Cert(leaf)
	ders := [][]byte{d}
	for _, n := range chain {
		d, _ := testcert.Cert(n)
		ders = append(ders, d)
	}
	return serveChain(t, ders, key)
}

// serveChain starts a TLS 1.2 server on 127.0.0.1 with one fixed suite per
// key type, so the cipher suite does not depend on the machine's AES
// hardware (crypto/tls orders suites by it).
func serveChain(t *testing.T, ders [][]byte, key crypto.Signer) string {
	t.Helper()
	c := tls.Certificate{Certificate: ders, PrivateKey: key}
	cfg := &tls.Config{Certificates: []tls.Certificate{c}, MaxVersion: tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}
	return testcert.TLSServer(t, cfg, 3*time.Second)
}

func TestProbeCommand(t *testing.T) {
	dir := t.TempDir()
	rootEC := chainFile(t, dir, "root.pem", "p256-sha256-root")
	rootRSA := chainFile(t, dir, "rsa.pem", "rsa2048-sha256-root")
	small := tlsServer(t, "p256-sha256-leaf", "p256-sha256-int")
	big := tlsServer(t, "rsa2048-sha256-leaf-big", "rsa2048-sha256-int")
	now := func() time.Time { return testcert.Now() }
	tests := []struct {
		name  string
		args  []string
		code  int
		preds []want
	}{
		{"accepted", []string{small, "--sni", "device.local", "--trust", rootEC}, ExitOK, []want{{"2.28", 0, 0, nil, 16}, {"3.6", 0, 0, nil, 27}}},
		{"wrong root", []string{small, "--sni", "device.local", "--trust", rootRSA}, ExitProblems, []want{{"2.28", -0x2700, 8, []string{"NOT_TRUSTED"}, 3}}},
		{"over IN_CONTENT_LEN", []string{big, "--trust", rootRSA, "--host", "www.example.com", "--preset", "embedded-small", "--mbedtls", "2.28"}, ExitProblems, []want{{"2.28", -0x7100, 0, nil, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdio, out, errb := testIO()
			cmd := newProbeCmdWith(stdio, func(o *probeOptions) error { o.now = now; return runProbe(o) })
			args := append([]string{"--json", "--timeout", "3s"}, tt.args...)
			code := runCmd(t, cmd, out, errb, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s\nstdout: %s", code, tt.code, errb, out)
			}
			checkPreds(t, decode(t, out.Bytes()), tt.preds)
		})
	}
	t.Run("refused is a usage failure naming the step", func(t *testing.T) {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := ln.Addr().String()
		ln.Close()
		stdio, out, errb := testIO()
		code := runCmd(t, newProbeCmdWith(stdio, nil), out, errb, addr, "--timeout", "2s")
		if code != ExitUsage || !strings.Contains(errb.String(), "connect "+addr) {
			t.Errorf("exit %d, stderr %q", code, errb)
		}
	})
}

// TestProbeUnparsableIntermediate: an intermediate the build cannot parse
// (a P-384 key on a build without P-384). verify reads the chain file as
// mbedtls_x509_crt_parse does and leaves it out; probe reads it from the
// Certificate message, where mbedtls_x509_crt_parse_der's failure aborts
// the handshake (library/ssl_tls.c:ssl_parse_certificate_chain, confirmed by
// internal/oracle/handshake_test.go). Both say which certificate and why.
func TestProbeUnparsableIntermediate(t *testing.T) {
	dir := t.TempDir()
	leafKey, err := testcert.Key("p256-sha256-leaf")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := testcert.IssueUnder("p384-sha256-int-cross", leafKey.Public())
	if err != nil {
		t.Fatal(err)
	}
	cross, _ := testcert.Cert("p384-sha256-int-cross")
	var b bytes.Buffer
	for _, d := range [][]byte{leaf, cross} {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: d})
	}
	chainPath := filepath.Join(dir, "chain.pem")
	if err := os.WriteFile(chainPath, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	root := chainFile(t, dir, "root.pem", "rsa2048-sha256-root")
	addr := serveChain(t, [][]byte{leaf, cross}, leafKey)
	common := []string{"--json", "--trust", root, "--host", "device.local", "--preset", "embedded-small"}

	stdio, out, errb := testIO()
	runCmd(t, newVerifyCmdWith(stdio, nil), out, errb, append([]string{"--chain", chainPath, "--at", "2026-01-01"}, common...)...)
	checkPreds(t, decode(t, out.Bytes()), []want{{"2.28", -0x2700, 8, []string{"NOT_TRUSTED"}, 0}, {"3.6", -0x2700, 8, []string{"NOT_TRUSTED"}, 0}})
	if !strings.Contains(out.String(), "chain.intermediate-dropped") || !strings.Contains(out.String(), "aborts the handshake with -0x3A00") {
		t.Errorf("verify does not say the intermediate is left out and what a live handshake does:\n%s", out)
	}

	stdio, out, errb = testIO()
	cmd := newProbeCmdWith(stdio, func(o *probeOptions) error { o.now = testcert.Now; return runProbe(o) })
	runCmd(t, cmd, out, errb, append([]string{addr, "--timeout", "3s", "--mfl", "0"}, common...)...)
	checkPreds(t, decode(t, out.Bytes()), []want{{"2.28", -0x3A00, 0, nil, 3}, {"3.6", -0x3A00, 0, nil, 3}})
	if !strings.Contains(out.String(), "certificate 1 of the chain (an intermediate)") {
		t.Errorf("probe does not name the intermediate:\n%s", out)
	}
}

// normalise replaces the fields of a probe report that change between runs:
// the server's port, our clock, the time taken.
func normalise(s string) string {
	for _, v := range []struct{ re, with string }{
		{`127\.0\.0\.1:[0-9]+`, "127.0.0.1:PORT"},
		{`"local_time": "[^"]*"`, `"local_time": "TIME"`},
		{`"elapsed_ns": [0-9]+`, `"elapsed_ns": 0`},
	} {
		s = regexp.MustCompile(v.re).ReplaceAllString(s, v.with)
	}
	return s
}

// TestProbeGolden pins probe's rendered text and JSON against a local Go
// TLS server with fixed certificates.
func TestProbeGolden(t *testing.T) {
	dir := t.TempDir()
	// The fixed file names keep the trust list's name stable in the output.
	rootEC := chainFile(t, dir, "root.pem", "p256-sha256-root")
	rootRSA := chainFile(t, dir, "rsa.pem", "rsa2048-sha256-root")
	good := tlsServer(t, "p256-sha256-leaf", "p256-sha256-int")
	srv, err := testcert.Server("srv-eku-clientauth")
	if err != nil {
		t.Fatal(err)
	}
	eku := serveChain(t, srv.Chain, srv.Key)
	cases := []struct {
		name string
		args []string
	}{
		{"probe_trusted", []string{good, "--sni", "device.local", "--trust", rootEC}},
		{"probe_trusted_json", []string{good, "--sni", "device.local", "--trust", rootEC, "--json"}},
		{"probe_no_sni", []string{good, "--no-sni", "--trust", rootEC}},
		{"probe_recommended_roots", []string{good, "--sni", "device.local", "--roots", rootEC, "--roots", rootRSA, "--no-mozilla"}},
		{"probe_eku_clientauth", []string{eku, "--sni", "device.local", "--trust", rootRSA}},
		{"probe_eku_clientauth_json", []string{eku, "--sni", "device.local", "--trust", rootRSA, "--json"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdio, out, errb := testIO()
			cmd := newProbeCmdWith(stdio, func(o *probeOptions) error { o.now = testcert.Now; return runProbe(o) })
			runCmd(t, cmd, out, errb, append([]string{"--timeout", "3s", "--device-time", "2026-01-01"}, tc.args...)...)
			got := strings.ReplaceAll(normalise(out.String()), dir, "DIR")
			golden(t, tc.name, got, "TestProbeGolden")
		})
	}
}
