package provision

import (
	"bytes"
	"encoding/pem"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

func testPayload(t *testing.T) (*Payload, []byte) {
	t.Helper()
	der, err := testcert.Cert("p256-sha256-root")
	if err != nil {
		t.Fatal(err)
	}
	p, err := LoadCert("root.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	return p, der
}

// TestLoadCert: whatever line ends or form the file has, the payload is
// the same canonical PEM; keys and junk are refused with a reason.
func TestLoadCert(t *testing.T) {
	want, der := testPayload(t)
	lf := string(want.PEM)
	for name, in := range map[string][]byte{
		"crlf":        []byte(strings.ReplaceAll(lf, "\n", "\r\n")),
		"cr-only":     []byte(strings.ReplaceAll(lf, "\n", "\r")),
		"der":         der,
		"text around": []byte("subject=CN=x\n" + lf + "trailer\n"),
	} {
		p, err := LoadCert(name, in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(p.PEM, want.PEM) {
			t.Errorf("%s: payload differs from the canonical PEM", name)
		}
	}
	for name, tc := range map[string]struct {
		in  string
		msg string
	}{
		"key":     {"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n", "never send a private key"},
		"csr":     {string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: []byte{1}})), `"CERTIFICATE REQUEST" block`},
		"nothing": {"hello\n", "no certificate in it"},
		"broken":  {"-----BEGIN CERTIFICATE-----\nMII!!\n", "no PEM block could be read"},
	} {
		_, err := LoadCert(name, []byte(tc.in))
		var ce *CertError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v, want a CertError saying %q", name, err, tc.msg)
		}
	}
}

// TestPlan: the dry run's bytes are exactly what Run sends.
func TestPlan(t *testing.T) {
	p, _ := testPayload(t)
	lines := p.Lines()
	d, _ := Builtin("generic")
	plan, err := Plan(d, p, Options{Ending: EndingCRLF})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(lines, "\r\n") + "\r\n\r\n"
	if got := string(plan[1].Bytes); got != want {
		t.Errorf("send-cert bytes:\n%q\nwant\n%q", got, want)
	}
	if plan[0].Bytes != nil || plan[2].Bytes != nil {
		t.Error("expect and confirm steps must send nothing")
	}
	if _, err := Plan(d, p, Options{Ending: EndingCR}); err == nil {
		t.Error("CR accepted for a device that reads LF or CR LF")
	}
	q, _ := Builtin("quectel")
	plan, _ = Plan(q, p, Options{Vars: map[string]string{"file": "x.pem"}})
	if got, want := string(plan[0].Bytes), "AT+QFUPL=\"UFS:x.pem\","+itoa(len(p.PEM))+",100\r\n"; got != want {
		t.Errorf("QFUPL %q, want %q", got, want)
	}
	if !bytes.Equal(plan[2].Bytes, p.PEM) {
		t.Error("raw upload is not the PEM byte for byte")
	}
	var out strings.Builder
	WritePlan(&out, q, p, Options{}, plan)
	if !strings.Contains(out.String(), `  > -----BEGIN CERTIFICATE-----\n`) {
		t.Errorf("plan text:\n%s", out.String())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEscapeAndTranscript(t *testing.T) {
	if got := Escape([]byte("a\r\n\t\\\x00\xff")); got != `a\r\n\t\\\x00\xff` {
		t.Errorf("Escape = %q", got)
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tr := &Transcript{Start: start}
	tr.add(start.Add(1500*time.Millisecond), Sent, []byte("AT\r\n"))
	tr.add(start.Add(1600*time.Millisecond), Received, []byte("\r\nOK\r\n"))
	tr.note(start.Add(2*time.Second), "confirmed")
	var b strings.Builder
	if err := tr.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"    1.500s > AT\\r\\n\n", "    1.600s < \\r\\n\n", "    1.600s < OK\\r\\n\n", "    2.000s # confirmed\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, b.String())
		}
	}
}
