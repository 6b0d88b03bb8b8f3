package errcode

import (
	"errors"
	"strings"
	"testing"
)

// Texts observed from the real mbedtls_strerror of Debian's 2.28.3
// (../shared/research/mbedtls-behaviour.md §4, T6); the oracle test checks
// every value against the library itself.
func TestStrerror(t *testing.T) {
	tests := []struct {
		name string
		v    MbedVersion
		ret  int
		want string
	}{
		{"plain high", Mbed228, -0x2180, "X509 - The CRT/CRL/CSR format is invalid, e.g. different type expected"},
		{"composite", Mbed228, -0x21E2, "X509 - The CRT/CRL/CSR format is invalid, e.g. different type expected : ASN1 - ASN1 tag was of an unexpected value"},
		{"unknown low", Mbed228, -0x2FFF, "PKCS5 - Bad input parameters to function : UNKNOWN ERROR CODE (007F)"},
		{"unknown high", Mbed228, -0x2A62, "UNKNOWN ERROR CODE (2A00) : ASN1 - ASN1 tag was of an unexpected value"},
		{"fatal alert drops the low part", Mbed228, -0x77E2, "SSL - A fatal alert message was received from our peer"},
		{"positive is negated", Mbed228, 1, "ERROR - Generic error"},
		{"pem base64", Mbed36, -0x112C, "PEM - PEM string is not as expected : BASE64 - Invalid character in input"},
		{"hkdf sits in the low table", Mbed228, -0x5F80, "UNKNOWN ERROR CODE (5F80)"},
		{"renamed in 3.6", Mbed36, -0x7300, "SSL - A message could not be parsed due to a syntactic error"},
		{"zero", Mbed228, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Strerror(tt.v, tt.ret, nil); got != tt.want {
				t.Errorf("Strerror(%s, %d) = %q, want %q", tt.v, tt.ret, got, tt.want)
			}
		})
	}
}

func TestStrerrorHonoursConfig(t *testing.T) {
	noX509 := Config(func(m string) bool { return m != "MBEDTLS_X509_USE_C" && m != "MBEDTLS_X509_CREATE_C" })
	if got, want := Strerror(Mbed228, -0x2180, noX509), "UNKNOWN ERROR CODE (2180)"; got != want {
		t.Errorf("without X509 modules: got %q, want %q", got, want)
	}
}

func TestMbedParts(t *testing.T) {
	parts, ok := MbedParts(Mbed228, -0x21E6)
	if !ok || len(parts) != 2 {
		t.Fatalf("MbedParts(-0x21E6) = %v, %v; want two parts", parts, ok)
	}
	if parts[0].Name != "MBEDTLS_ERR_X509_INVALID_FORMAT" || parts[0].Value != -0x2180 {
		t.Errorf("high part = %s %d, want MBEDTLS_ERR_X509_INVALID_FORMAT -0x2180", parts[0].Name, parts[0].Value)
	}
	if parts[1].Name != "MBEDTLS_ERR_ASN1_LENGTH_MISMATCH" || parts[1].Value != -0x66 {
		t.Errorf("low part = %s %d, want MBEDTLS_ERR_ASN1_LENGTH_MISMATCH -0x66", parts[1].Name, parts[1].Value)
	}
	if _, ok := MbedParts(Mbed228, -0x8000); ok {
		t.Errorf("-0x8000 is outside mbedTLS's range and must not decode")
	}
}

// first returns the most likely reading of input.
func first(t *testing.T, input string, opt Options) Reading {
	t.Helper()
	res, err := Explain(input, opt)
	if err != nil {
		t.Fatalf("Explain(%q): %v", input, err)
	}
	return res.Readings[0]
}

func partName(r Reading, v MbedVersion, i int) string {
	for _, m := range r.Mbed {
		if m.Version == v && i < len(m.Parts) {
			return m.Parts[i].Name
		}
	}
	return ""
}

func TestExplainForms(t *testing.T) {
	tests := []struct {
		input     string
		opt       Options
		stack     Stack
		kind      Kind
		value     int64
		name      string // mbedTLS 2.28 high part, or the code name
		ambiguous bool
	}{
		{"-0x2180", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"0x2180", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"-8576", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"FFFFDE80", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"0xffffde80", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"2180", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", true},
		{"MBEDTLS_ERR_X509_INVALID_FORMAT", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"X509 - The CRT/CRL/CSR format is invalid", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"PEM - PEM string is not as expected : BASE64 - Invalid character in input", Options{}, MbedTLS, KindCode, -0x112C, "MBEDTLS_ERR_PEM_INVALID_DATA", false},
		{"-188", Options{}, WolfSSL, KindCode, -188, "ASN_NO_SIGNER_E", false},
		{"ASN_NO_SIGNER_E", Options{}, WolfSSL, KindCode, -188, "ASN_NO_SIGNER_E", false},
		{"BR_ERR_X509_NOT_TRUSTED", Options{}, BearSSL, KindCode, 62, "BR_ERR_X509_NOT_TRUSTED", false},
		{"62", Options{Stack: BearSSL}, BearSSL, KindCode, 62, "BR_ERR_X509_NOT_TRUSTED", false},
		{"client state 3", Options{}, MbedTLS, KindState, 3, "", false},
		{"mbedtls_x509_crt_parse returned -0x2180 while parsing root cert", Options{}, MbedTLS, KindCode, -0x2180, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
		{"E (1234) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700", Options{}, MbedTLS, KindCode, -0x2700, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", false},
		{"-0x21E6", Options{}, MbedTLS, KindCode, -0x21E6, "MBEDTLS_ERR_X509_INVALID_FORMAT", false},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			res, err := Explain(tt.input, tt.opt)
			if err != nil {
				t.Fatalf("Explain: %v", err)
			}
			r := res.Readings[0]
			if r.Stack != tt.stack || r.Kind != tt.kind || r.Value != tt.value {
				t.Errorf("first reading = %s %s %d, want %s %s %d", r.Stack, r.Kind, r.Value, tt.stack, tt.kind, tt.value)
			}
			got := ""
			if r.Stack == MbedTLS && r.Kind == KindCode {
				got = partName(r, Mbed228, 0)
			} else if r.Code != nil {
				got = r.Code.Name
			}
			if tt.name != "" && got != tt.name {
				t.Errorf("name = %q, want %q", got, tt.name)
			}
			if (res.Ambiguous != "") != tt.ambiguous {
				t.Errorf("ambiguous = %q, want ambiguous=%v", res.Ambiguous, tt.ambiguous)
			}
		})
	}
}

func TestExplainAmbiguousBareNumberShowsBothBases(t *testing.T) {
	res, err := Explain("2180", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var hex, dec bool
	for _, r := range res.Readings {
		hex = hex || (r.Stack == MbedTLS && r.Value == -0x2180)
		dec = dec || r.Value == -2180 || r.Value == 2180
	}
	if !hex {
		t.Errorf("no hexadecimal reading of 2180: %+v", res.Readings)
	}
	if !strings.Contains(res.Ambiguous, "0x2180") || !strings.Contains(res.Ambiguous, "2180") {
		t.Errorf("Ambiguous = %q, want both bases named", res.Ambiguous)
	}
	_ = dec // decimal 2180 is a code in no stack; the note still names it
}

func TestExplainVersionDifferences(t *testing.T) {
	r := first(t, "-0x7A00", Options{})
	if a, b := partName(r, Mbed228, 0), partName(r, Mbed36, 0); a != "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE" || b != "MBEDTLS_ERR_SSL_BAD_CERTIFICATE" {
		t.Errorf("-0x7A00: 2.28 %q, 3.6 %q", a, b)
	}
	r = first(t, "-0x5D80", Options{Stack: MbedTLS})
	for _, m := range r.Mbed {
		if m.Version == Mbed228 && m.Known {
			t.Errorf("-0x5D80 must be unknown in 2.28.3 (added in 2.28.10 and 3.6.3): %+v", m)
		}
		if m.Version == Mbed36 && !m.Known {
			t.Errorf("-0x5D80 must be known in 3.6")
		}
	}
}

func TestExplainLogPhase(t *testing.T) {
	res, err := Explain("mbedtls_x509_crt_parse returned -0x2180 while parsing root cert", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Phase != PhaseLoad || res.Function != "mbedtls_x509_crt_parse" {
		t.Errorf("phase %s function %q, want load mbedtls_x509_crt_parse", res.Phase, res.Function)
	}
	res, err = Explain("mbedtls_ssl_handshake returned -0x2700", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Phase != PhaseHandshake {
		t.Errorf("phase %s, want handshake", res.Phase)
	}
}

func TestRankCausesPutsPhaseFirst(t *testing.T) {
	cs := []Cause{{Text: "hs", When: PhaseHandshake}, {Text: "any", When: PhaseAny}, {Text: "load", When: PhaseLoad}}
	got := RankCauses(cs, PhaseLoad)
	if got[0].Text != "any" || got[1].Text != "load" || got[2].Text != "hs" {
		t.Errorf("RankCauses = %v", got)
	}
}

func TestExplainBadInput(t *testing.T) {
	for _, in := range []string{"hello", "0xZZ", "!!!", strings.Repeat("x", 10<<20), "0x"} {
		_, err := Explain(in, Options{})
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("Explain(%.20q) error = %v, want *InputError", in, err)
		}
	}
	if _, err := Explain("   ", Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty input: %v, want ErrEmpty", err)
	}
}

func TestExplainUnknownCodeShowsNearest(t *testing.T) {
	_, err := Explain("-0x2A00", Options{})
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("error = %v, want *NotFoundError", err)
	}
	if nf.Guessed != MbedTLS || len(nf.Nearest) == 0 {
		t.Fatalf("guessed %s, nearest %v", nf.Guessed, nf.Nearest)
	}
	if d := dist(nf.Nearest[0].Value, -0x2A00); d > 0x100 {
		t.Errorf("nearest %s is %#x away", nf.Nearest[0].Name, d)
	}
}

func TestFlags(t *testing.T) {
	f := ExplainFlags(0x0C)
	if len(f.Set) != 2 || f.Set[0].Name != "MBEDTLS_X509_BADCERT_CN_MISMATCH" || f.Set[1].Name != "MBEDTLS_X509_BADCERT_NOT_TRUSTED" {
		t.Errorf("flags 0x0C = %+v", f.Set)
	}
	if f := ExplainFlags(0xFFFFFFFF); !f.AllSet {
		t.Errorf("0xFFFFFFFF must be reported as the abort marker")
	}
	if f := ExplainFlags(0x80000000); f.Unknown != 0x80000000 {
		t.Errorf("unknown bit not reported: %+v", f)
	}
}

func TestStates(t *testing.T) {
	for _, tt := range []struct {
		v    MbedVersion
		n    int
		want string
	}{
		{Mbed228, 3, "MBEDTLS_SSL_SERVER_CERTIFICATE"},
		{Mbed228, 16, "MBEDTLS_SSL_HANDSHAKE_OVER"},
		{Mbed36, 27, "MBEDTLS_SSL_HANDSHAKE_OVER"},
	} {
		if got, _ := MbedState(tt.v, tt.n); got != tt.want {
			t.Errorf("MbedState(%s, %d) = %q, want %q", tt.v, tt.n, got, tt.want)
		}
	}
}

func FuzzExplain(f *testing.F) {
	for _, s := range []string{"-0x2180", "FFFFDE80", "2180", "client state 3", "alert 40", "+CME ERROR: 572",
		"mbedtls_ssl_handshake returned -0x7780", "X509 - The CRT", "BR_ERR_X509_NOT_TRUSTED", "-188", "0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		res, err := Explain(in, Options{})
		if err == nil && len(res.Readings) == 0 {
			t.Fatalf("Explain(%q) returned no error and no reading", in)
		}
		var ie *InputError
		var nf *NotFoundError
		if err != nil && !errors.As(err, &ie) && !errors.As(err, &nf) && !errors.Is(err, ErrEmpty) {
			t.Fatalf("Explain(%q): unexpected error type %T", in, err)
		}
	})
}

func TestStrerrorBufTruncates(t *testing.T) {
	full := Strerror(Mbed228, -0x21E2, nil)
	for _, n := range []int{1, 10, 72, 73, 74, 75, 76, 77, 78, 100, len(full) + 1} {
		got := StrerrorBuf(Mbed228, -0x21E2, nil, n)
		if len(got) > n-1 {
			t.Errorf("buflen %d: %d bytes written", n, len(got))
		}
		if !strings.HasPrefix(full, got) {
			t.Errorf("buflen %d: %q is not a prefix of %q", n, got, full)
		}
	}
	// When fewer than 5 bytes remain after the high part, the library stops
	// before " : "; with 5 it writes " : " and one byte of the low part.
	high := Strerror(Mbed228, -0x2180, nil)
	if got := StrerrorBuf(Mbed228, -0x21E2, nil, len(high)+4); got != high {
		t.Errorf("buflen %d: %q, want the high part alone", len(high)+4, got)
	}
	if got, want := StrerrorBuf(Mbed228, -0x21E2, nil, len(high)+5), high+" : A"; got != want {
		t.Errorf("buflen %d: %q, want %q", len(high)+5, got, want)
	}
}
