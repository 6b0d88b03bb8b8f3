package verdict

import (
	"testing"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

func stockProfile(t *testing.T, preset string) *profile.Profile {
	t.Helper()
	p, err := profile.New(profile.Options{Preset: preset, Now: testcert.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func der(t *testing.T, names ...string) [][]byte {
	t.Helper()
	return testcert.MustDER(t, names...)
}

func srv(t *testing.T, name string) testcert.ServerCert {
	t.Helper()
	s, err := testcert.Server(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPredict(t *testing.T) {
	good := der(t, "p256-sha256-leaf", "p256-sha256-int")
	root := der(t, "p256-sha256-root")
	rsaRoot := der(t, "rsa2048-sha256-root")
	hs12 := &Handshake{CertificateMessage: 1500, Records: 1, Measured: true, TLSVersion: "TLS 1.2", CipherSuite: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}
	type want struct {
		ret   int
		flags uint32
		stage string
	}
	tests := []struct {
		name string
		in   Input
		w228 want
		w36  want
	}{
		{"good", Input{Chain: good, Trust: root, Host: "device.local", Handshake: hs12}, want{0, 0, "ok"}, want{0, 0, "ok"}},
		{"no hostname: 3.6.6 refuses, 2.28.3 skips the name", Input{Chain: good, Trust: rsaRoot, NoHostname: true, Handshake: hs12},
			want{-0x2700, 8, "verify"}, want{ErrNoHostname, 0, "hostname"}},
		{"no hostname, optional", Input{Chain: good, Trust: root, NoHostname: true, AuthMode: Optional}, want{0, 0, "ok"}, want{0, 0, "ok"}},
		{"set_hostname(NULL)", Input{Chain: good, Trust: root}, want{0, 0, "ok"}, want{0, 0, "ok"}},
		{"keyAgreement only", Input{Chain: srv(t, "srv-ku-keyagreement-ec").Chain, Trust: rsaRoot, Host: "device.local"},
			want{ErrBadCertificate, FlagKeyUsage, "usage"}, want{ErrBadCertificate, FlagKeyUsage, "usage"}},
		{"keyAgreement only and wrong root: -0x2700 wins", Input{Chain: srv(t, "srv-ku-keyagreement-ec").Chain, Trust: root, Host: "device.local"},
			want{-0x2700, FlagKeyUsage | 8, "verify"}, want{-0x2700, FlagKeyUsage | 8, "verify"}},
		{"keyEncipherment only with RSA key transport", Input{Chain: srv(t, "srv-ku-keyencipherment-rsa").Chain, Trust: rsaRoot, Host: "device.local",
			Handshake: &Handshake{CertificateMessage: 1500, Records: 1, TLSVersion: "TLS 1.2", CipherSuite: "TLS_RSA_WITH_AES_128_GCM_SHA256"}}, want{0, 0, "ok"}, want{0, 0, "ok"}},
		{"encipherOnly", Input{Chain: srv(t, "srv-ku-encipheronly").Chain, Trust: rsaRoot, Host: "device.local"},
			want{ErrBadCertificate, FlagKeyUsage, "usage"}, want{ErrBadCertificate, FlagKeyUsage, "usage"}},
		{"clientAuth only", Input{Chain: srv(t, "srv-eku-clientauth").Chain, Trust: rsaRoot, Host: "device.local"},
			want{ErrBadCertificate, FlagExtKeyUsage, "usage"}, want{ErrBadCertificate, FlagExtKeyUsage, "usage"}},
		{"clientAuth only, optional", Input{Chain: srv(t, "srv-eku-clientauth").Chain, Trust: rsaRoot, Host: "device.local", AuthMode: Optional},
			want{0, FlagExtKeyUsage, "ok"}, want{0, FlagExtKeyUsage, "ok"}},
		{"anyExtendedKeyUsage", Input{Chain: srv(t, "srv-eku-any").Chain, Trust: rsaRoot, Host: "device.local"}, want{0, 0, "ok"}, want{0, 0, "ok"}},
		{"P-384 key, groups P-256", Input{Chain: srv(t, "srv-p384").Chain, Trust: rsaRoot, Host: "device.local", Groups: []string{"secp256r1"}},
			want{ErrBadCertificate, FlagBadKey, "usage"}, want{ErrBadCertificate, FlagBadKey, "usage"}},
		{"P-384 key, groups P-256, TLS 1.3 (no curve check on 3.6)", Input{Chain: srv(t, "srv-p384").Chain, Trust: rsaRoot, Host: "device.local", Groups: []string{"secp256r1"},
			Handshake: &Handshake{CertificateMessage: 1500, Records: 1, TLSVersion: "TLS 1.3", CipherSuite: "TLS_AES_128_GCM_SHA256"}},
			want{ErrBadCertificate, FlagBadKey, "usage"}, want{0, 0, "ok"}},
	}
	p := stockProfile(t, "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			preds, _ := Predict(p, tt.in)
			if len(preds) != 2 {
				t.Fatalf("got %d predictions, want 2", len(preds))
			}
			for i, w := range []want{tt.w228, tt.w36} {
				got := preds[i]
				if got.ReturnCode != w.ret || got.VerifyFlags != w.flags || got.Stage != w.stage {
					t.Errorf("mbedTLS %s: got %s flags %#x stage %s, want %#x flags %#x stage %s", got.MbedTLSVersion, got.ReturnCodeHex, got.VerifyFlags, got.Stage, w.ret, w.flags, w.stage)
				}
			}
		})
	}
}

// An intermediate the build cannot parse: left out of a chain file, fatal in
// a Certificate message (library/ssl_tls.c:ssl_parse_certificate_chain).
func TestUnparsableIntermediate(t *testing.T) {
	p := stockProfile(t, "embedded-small")
	leafKey, err := testcert.Key("p256-sha256-leaf")
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := testcert.IssueUnder("p384-sha256-int-cross", leafKey.Public())
	if err != nil {
		t.Fatal(err)
	}
	chain := append([][]byte{leaf}, der(t, "p384-sha256-int-cross")...)
	in := Input{Chain: chain, Trust: der(t, "rsa2048-sha256-root"), Host: "device.local"}
	file, ffinds := Predict(p, in)
	in.Handshake = &Handshake{CertificateMessage: 1200, Records: 1, TLSVersion: "TLS 1.2", CipherSuite: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}
	live, lfinds := Predict(p, in)
	for i := range file {
		if file[i].ReturnCode != -0x2700 || file[i].VerifyFlags != 8 || file[i].Stage != "verify" {
			t.Errorf("chain file, %s: got %s flags %#x, want -0x2700 NOT_TRUSTED (intermediate left out)", file[i].MbedTLSVersion, file[i].ReturnCodeHex, file[i].VerifyFlags)
		}
		if live[i].ReturnCode != -0x3A00 || live[i].Stage != "parse" || live[i].State != 3 {
			t.Errorf("handshake, %s: got %s stage %s state %d, want -0x3A00 at state 3", live[i].MbedTLSVersion, live[i].ReturnCodeHex, live[i].Stage, live[i].State)
		}
	}
	if !hasID(ffinds, "chain.intermediate-dropped") || !hasID(lfinds, "chain.unparsable-certificate") {
		t.Errorf("findings: file %v, live %v", ids(ffinds), ids(lfinds))
	}
}

func TestPredictEachRoot(t *testing.T) {
	p := stockProfile(t, "embedded-small")
	chain := der(t, "rsa2048-sha256-leaf-r3like", "rsa2048-sha256-int-r3like")
	roots := []Root{{Name: "rsa4096", DER: der(t, "rsa4096-sha256-root-isrgx1")[0]}, {Name: "rsa2048", DER: der(t, "rsa2048-sha256-root")[0]}}
	out := PredictEachRoot(p, Input{Chain: chain, Host: "www.example.com"}, roots)
	if len(out) != 2 {
		t.Fatalf("got %d outcomes", len(out))
	}
	// The RSA-4096 root does not parse with MPI_MAX_SIZE 256: nothing chains.
	for _, pr := range out[0].Predictions {
		if pr.ReturnCode != -0x2700 || pr.VerifyFlags&8 == 0 {
			t.Errorf("rsa4096, %s: got %s flags %#x, want NOT_TRUSTED", pr.MbedTLSVersion, pr.ReturnCodeHex, pr.VerifyFlags)
		}
	}
	if len(out[0].Works) != 0 {
		t.Errorf("rsa4096 works on %v, want none", out[0].Works)
	}
}

func hasID(fs []diag.Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}

func ids(fs []diag.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func TestCheckKeyUsage(t *testing.T) {
	tests := []struct {
		ku, usage uint
		ok        bool
	}{
		{kuDigitalSignature, kuDigitalSignature, true},
		{kuDigitalSignature | kuKeyEncipherment, kuKeyEncipherment, true},
		{kuKeyAgreement, kuDigitalSignature, false},
		{kuDigitalSignature | kuEncipherOnly, kuDigitalSignature, false},
		{kuDigitalSignature | kuDecipherOnly, kuDigitalSignature, false},
		{0, kuDigitalSignature, false},
	}
	for _, tt := range tests {
		if got := checkKeyUsage(tt.ku, tt.usage); got != tt.ok {
			t.Errorf("checkKeyUsage(%#x, %#x) = %v, want %v", tt.ku, tt.usage, got, tt.ok)
		}
	}
	if _, ok := CurveName("P-256"); !ok {
		t.Error("P-256 unknown")
	}
	if _, ok := ParseAuthMode("none"); ok {
		t.Error("authmode none accepted")
	}
	_ = errcode.Mbed36
}

func TestHasKeyUsage(t *testing.T) {
	for _, c := range []struct {
		name string
		ku   bool
	}{{"p256-sha256-leaf", true}, {"rsa2048-sha256-leaf-noext", false}} {
		crt, fail := mbedsim.ParseDER(mbedsim.Stock(errcode.Mbed36), der(t, c.name)[0])
		if fail != nil || crt == nil {
			t.Fatalf("%s: parse failed: %+v", c.name, fail)
		}
		if crt.HasKeyUsage != c.ku {
			t.Errorf("%s: HasKeyUsage %v, want %v", c.name, crt.HasKeyUsage, c.ku)
		}
	}
}
