package errcode

import (
	"errors"
	"strings"
	"testing"
)

// TestErrnoValues checks the numbers that differ between numberings against
// newlib's sys/errno.h and Zephyr's minimal libc errno.h (Linux has 113
// EHOSTUNREACH, 110 ETIMEDOUT, 115 EINPROGRESS; Zephyr's old BSD table 61
// ECONNREFUSED).
func TestErrnoValues(t *testing.T) {
	tests := []struct {
		name string
		v    int64
	}{
		{"EBADF", 9}, {"EAGAIN", 11}, {"EWOULDBLOCK", 11}, {"ENOMEM", 12}, {"EINVAL", 22},
		{"ECONNRESET", 104}, {"ECONNREFUSED", 111}, {"ECONNABORTED", 113}, {"ENETUNREACH", 114},
		{"ENETDOWN", 115}, {"ETIMEDOUT", 116}, {"EHOSTUNREACH", 118}, {"EINPROGRESS", 119},
		{"ENOTCONN", 128}, {"ENOTSUP", 134}, {"ECANCELED", 140},
	}
	for _, tt := range tests {
		c, ok := errnoByName(tt.name)
		if !ok || c.Value != tt.v {
			t.Errorf("%s = %d (found %v), want %d", tt.name, c.Value, ok, tt.v)
		}
	}
	if c, ok := ErrnoByValue(11); !ok || c.Name != "EAGAIN" {
		t.Errorf("ErrnoByValue(11) = %s, %v; want EAGAIN", c.Name, ok)
	}
	if _, ok := ErrnoByValue(110); ok {
		t.Errorf("ErrnoByValue(110) found a code: 110 is ETIMEDOUT only in Linux numbering")
	}
	for _, c := range errnoCodes() {
		if c.Stack != Errno || c.Source == "" || c.Module == "" || c.Text == "" || c.Value <= 0 {
			t.Errorf("errno %s: incomplete entry %+v", c.Name, c)
		}
	}
}

func TestParseStackErrno(t *testing.T) {
	if s, ok := ParseStack("errno"); !ok || s != Errno || s.String() != "errno" {
		t.Errorf("ParseStack(errno) = %v, %v", s, ok)
	}
}

// TestExplainErrno checks how numbers read as errno rank beside the TLS
// libraries' codes, alone and in log lines.
func TestExplainErrno(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		stack     Stack
		first     string // Stack:Name of the first reading
		firstVal  int64
		has       []string // other Stack:Name readings that must be there
		hasNot    []Stack  // stacks that must not be read
		ambiguous bool
	}{
		{"bare -111", "-111", StackUnknown, "errno:ECONNREFUSED", -111, []string{"wolfssl:MP_READ_E"}, nil, true},
		{"--stack errno", "-111", Errno, "errno:ECONNREFUSED", -111, nil, []Stack{WolfSSL, MbedTLS}, false},
		{"--stack wolfssl", "-111", WolfSSL, "wolfssl:MP_READ_E", -111, nil, []Stack{Errno}, false},
		{"name", "ECONNREFUSED", StackUnknown, "errno:ECONNREFUSED", 111, nil, []Stack{WolfSSL}, false},
		{"name lower case", "etimedout", StackUnknown, "errno:ETIMEDOUT", 116, nil, nil, false},
		{"alias", "EWOULDBLOCK", StackUnknown, "errno:EWOULDBLOCK", 11, nil, nil, false},
		{"zephyr mqtt line", "mqtt_connect, error: -111", StackUnknown, "errno:ECONNREFUSED", -111, nil, []Stack{WolfSSL}, false},
		{"zephyr log prefix", "[00:00:03.481,000] <err> app: mqtt_connect failed: -113", StackUnknown, "errno:ECONNABORTED", -113, nil, []Stack{WolfSSL}, false},
		{"errno word", "connect() failed, errno 113", StackUnknown, "errno:ECONNABORTED", 113, nil, []Stack{WolfSSL, MbedTLS}, false},
		{"esp-mqtt hex errno", "E (41205) mqtt_example: Last error captured as transport's socket errno: 0x71", StackUnknown, "errno:ECONNABORTED", 113, nil, nil, false},
		{"name in a line", "connect failed: ECONNRESET", StackUnknown, "errno:ECONNRESET", 104, nil, nil, false},
		{"mbedTLS beside errno", "<err> app: connect failed -113 (tls -0x2700)", StackUnknown, "mbedtls:MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", -0x2700, []string{"errno:ECONNABORTED"}, []Stack{WolfSSL}, false},
		// A wolfSSL code that is also an errno nobody meets ranks first.
		{"ASN_PARSE_E over ECANCELED", "-140", StackUnknown, "wolfssl:ASN_PARSE_E", -140, []string{"errno:ECANCELED"}, nil, true},
		{"wolfSSL line", "wolfSSL_connect error = -111", StackUnknown, "wolfssl:MP_READ_E", -111, nil, []Stack{Errno}, false},
		{"no errno outside its range", "-188", StackUnknown, "wolfssl:ASN_NO_SIGNER_E", -188, nil, []Stack{Errno}, false},
		{"hex is no errno without the word", "0x71", StackUnknown, "", 0, nil, []Stack{Errno}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Explain(tt.in, Options{Stack: tt.stack})
			if err != nil {
				if tt.first == "" {
					return
				}
				t.Fatalf("Explain(%q): %v", tt.in, err)
			}
			got := map[string]bool{}
			for _, r := range res.Readings {
				if r.Code != nil {
					got[r.Stack.String()+":"+r.Code.Name] = true
				}
				if r.Stack == MbedTLS && len(r.Mbed) > 0 && len(r.Mbed[0].Parts) == 1 {
					got["mbedtls:"+r.Mbed[0].Parts[0].Name] = true
				}
				for _, s := range tt.hasNot {
					if r.Stack == s {
						t.Errorf("Explain(%q): unwanted %s reading %q", tt.in, s, r.Token)
					}
				}
			}
			if tt.first != "" {
				r := res.Readings[0]
				name := ""
				if r.Code != nil {
					name = r.Code.Name
				} else if len(r.Mbed) > 0 && len(r.Mbed[0].Parts) == 1 {
					name = r.Mbed[0].Parts[0].Name
				}
				if g := r.Stack.String() + ":" + name; g != tt.first || r.Value != tt.firstVal {
					t.Errorf("Explain(%q) first reading = %s %d, want %s %d", tt.in, g, r.Value, tt.first, tt.firstVal)
				}
			}
			for _, h := range tt.has {
				if !got[h] {
					t.Errorf("Explain(%q): no %s reading; got %v", tt.in, h, got)
				}
			}
			if (res.Ambiguous != "") != tt.ambiguous {
				t.Errorf("Explain(%q) ambiguous = %q, want ambiguous %v", tt.in, res.Ambiguous, tt.ambiguous)
			}
		})
	}
}

// TestExplainErrnoExplanations checks that errno readings carry our
// explanation, with the nRF91 root-CA cause first for ECONNREFUSED.
func TestExplainErrnoExplanations(t *testing.T) {
	res, err := Explain("mqtt_connect, error: -111", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Readings[0]
	if len(r.Explanations) != 1 || r.Explanations[0].Names[0] != "ECONNREFUSED" {
		t.Fatalf("explanations = %+v", r.Explanations)
	}
	if c := r.Explanations[0].Causes[0]; !strings.Contains(c.Text, "sec_tag") || !strings.Contains(c.Source, "13808") {
		t.Errorf("first ECONNREFUSED cause = %q (%s), want the nRF91 sec_tag root CA", c.Text, c.Source)
	}
	res, err = Explain("EWOULDBLOCK", Options{})
	if err != nil || len(res.Readings[0].Explanations) != 1 || res.Readings[0].Explanations[0].Names[0] != "EAGAIN" {
		t.Errorf("EWOULDBLOCK: %v, %+v", err, res)
	}
}

// TestExplainErrnoNotFound checks that an errno the table lacks says so
// under --stack errno, with the nearest errno values.
func TestExplainErrnoNotFound(t *testing.T) {
	_, err := Explain("-300", Options{Stack: Errno})
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Explain(-300, errno) = %v, want *NotFoundError", err)
	}
	if nf.Guessed != Errno || len(nf.Nearest) == 0 || nf.Nearest[0].Name != "ECANCELED" {
		t.Errorf("NotFoundError = %+v, want errno with ECANCELED nearest", nf)
	}
	// The nearest codes are sorted in a copy, never in the shared table.
	if tab := errnoCodes(); tab[0].Name != "EPERM" || tab[len(tab)-1].Name != "ECANCELED" {
		t.Errorf("the errno table was reordered: starts with %s, ends with %s", tab[0].Name, tab[len(tab)-1].Name)
	}
}

// TestErrnoLineWithoutHint checks that a getaddrinfo line's small negatives
// are not read as errno: there they are DNS_EAI_* values.
func TestErrnoLineWithoutHint(t *testing.T) {
	res, err := Explain("getaddrinfo() failed, error: -2", Options{})
	if err != nil {
		return
	}
	for _, r := range res.Readings {
		if r.Stack == Errno {
			t.Errorf("getaddrinfo -2 read as errno %s", r.Code.Name)
		}
	}
}
