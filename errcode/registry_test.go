package errcode

import (
	"strings"
	"testing"
)

// knownName reports whether a stack's tables define name.
func knownName(s Stack, name string) bool {
	switch s {
	case MbedTLS:
		for _, v := range MbedVersions {
			if _, ok := MbedByName(v, name); ok {
				return true
			}
			if _, ok := MbedStateByName(v, name); ok && strings.HasPrefix(name, "MBEDTLS_SSL_") {
				return true
			}
			for _, f := range v.flags() {
				if f.name == name {
					return true
				}
			}
		}
		return false
	}
	for _, c := range tableFor(s) {
		if c.Name == name {
			return true
		}
	}
	return false
}

func allExplanations() map[Stack][]Explanation {
	m := map[Stack][]Explanation{}
	for _, s := range explainedStacks {
		m[s] = explanationsFor(s)
	}
	return m
}

// TestExplanationsAreWellFormed enforces the rules every explanation follows:
// it names real codes, says what they mean, gives ranked causes each with a
// fix and a public source, and names the command that confirms it.
func TestExplanationsAreWellFormed(t *testing.T) {
	for s, ex := range allExplanations() {
		seen := map[string]bool{}
		for i, e := range ex {
			id := s.String() + ":" + strings.Join(e.Names, ",")
			if len(e.Names) == 0 {
				t.Errorf("%s explanation #%d has no names", s, i)
			}
			if e.Stack != s {
				t.Errorf("%s: Stack is %s", id, e.Stack)
			}
			for _, n := range e.Names {
				if !knownName(s, n) {
					t.Errorf("%s: %s is in no %s table", id, n, s.Title())
				}
				if seen[n] {
					t.Errorf("%s: %s is explained twice", id, n)
				}
				seen[n] = true
			}
			if strings.TrimSpace(e.Meaning) == "" {
				t.Errorf("%s: no meaning", id)
			}
			if len(e.Causes) == 0 {
				t.Errorf("%s: no causes", id)
			}
			for j, c := range e.Causes {
				if strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Fix) == "" {
					t.Errorf("%s cause %d: text and fix are required", id, j+1)
				}
				if strings.TrimSpace(c.Source) == "" {
					t.Errorf("%s cause %d: no source", id, j+1)
				}
			}
			if e.Confirm != "" && !strings.HasPrefix(e.Confirm, "tlsdoctor ") {
				t.Errorf("%s: Confirm %q is not a tlsdoctor command", id, e.Confirm)
			}
		}
	}
}

// TestExplanationCoverage checks that the codes embedded users hit have an
// explanation, as the explain issue requires.
func TestExplanationCoverage(t *testing.T) {
	explained := func(s Stack, name string) bool { return FindExplanation(s, name) != nil }
	// Every X509, PEM, PK, ASN1 and BASE64 code of both lines.
	for _, v := range MbedVersions {
		for _, c := range v.codes() {
			for _, mod := range []string{"X509", "PEM", "PK", "ASN1", "BASE64"} {
				if strings.HasPrefix(c.name, "MBEDTLS_ERR_"+mod+"_") && !explained(MbedTLS, c.name) {
					t.Errorf("mbedTLS %s: %s has no explanation", v, c.name)
				}
			}
		}
		for _, f := range v.flags() {
			if strings.HasPrefix(f.name, "MBEDTLS_X509_BADCERT_") && !explained(MbedTLS, f.name) {
				t.Errorf("verify flag %s has no explanation", f.name)
			}
		}
	}
	for i, s := range mbedtls228States()[:17] {
		if !explained(MbedTLS, s) {
			t.Errorf("2.28 state %d %s has no explanation", i, s)
		}
	}
	required := map[Stack][]string{
		MbedTLS: {"MBEDTLS_ERR_SSL_INVALID_RECORD", "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", "MBEDTLS_ERR_SSL_CONN_EOF",
			"MBEDTLS_ERR_SSL_INTERNAL_ERROR", "MBEDTLS_ERR_SSL_BAD_INPUT_DATA", "MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE",
			"MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE", "MBEDTLS_ERR_SSL_BAD_CERTIFICATE", "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE",
			"MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED", "MBEDTLS_ERR_SSL_ALLOC_FAILED", "MBEDTLS_ERR_NET_CONN_RESET",
			"MBEDTLS_ERR_NET_RECV_FAILED", "MBEDTLS_ERR_NET_SEND_FAILED", "MBEDTLS_ERR_NET_UNKNOWN_HOST", "MBEDTLS_ERR_NET_CONNECT_FAILED",
			"MBEDTLS_ERR_MPI_ALLOC_FAILED", "MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL", "MBEDTLS_ERR_ECP_ALLOC_FAILED",
			"MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL", "MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE", "MBEDTLS_ERR_RSA_PUBLIC_FAILED",
			"MBEDTLS_ERR_RSA_VERIFY_FAILED", "MBEDTLS_ERR_CIPHER_ALLOC_FAILED", "MBEDTLS_ERR_CIPHER_FEATURE_UNAVAILABLE",
			"MBEDTLS_ERR_OID_NOT_FOUND", "MBEDTLS_ERR_ERROR_GENERIC_ERROR", "MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"},
		WolfSSL: {"ASN_PARSE_E", "ASN_BEFORE_DATE_E", "ASN_AFTER_DATE_E", "ASN_NO_SIGNER_E", "ASN_SIG_CONFIRM_E",
			"ASN_NO_PEM_HEADER", "MEMORY_E", "VERIFY_CERT_ERROR", "DOMAIN_NAME_MISMATCH", "SOCKET_ERROR_E"},
		BearSSL: {"BR_ERR_X509_EXPIRED", "BR_ERR_X509_NOT_TRUSTED", "BR_ERR_X509_BAD_SERVER_NAME", "BR_ERR_TOO_LARGE"},
		ESPIDF:  {"ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED", "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED", "ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME"},
		Errno: {"ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN",
			"ENOMEM", "EINVAL", "EAGAIN", "EWOULDBLOCK", "ENOTCONN", "EINPROGRESS", "EBADF"},
		TLS: {"handshake_failure", "unknown_ca", "protocol_version", "bad_certificate", "certificate_expired", "unrecognized_name"},
	}
	for s, names := range required {
		for _, n := range names {
			if !explained(s, n) {
				t.Errorf("%s %s has no explanation", s.Title(), n)
			}
		}
	}
	for _, c := range bearsslCodes() {
		if c.Value != 0 && !explained(BearSSL, c.Name) {
			t.Errorf("BearSSL %s has no explanation", c.Name)
		}
	}
}

// TestTablesSorted keeps the lookup tables in value order, as their
// comments promise and byValue and lookupLevel's binary searches need.
func TestTablesSorted(t *testing.T) {
	for _, s := range []Stack{WolfSSL, BearSSL, ESPIDF, Modem, TLS, Errno} {
		tab := tableFor(s)
		for i := 1; i < len(tab); i++ {
			a, b := tab[i-1].Value, tab[i].Value
			if s == WolfSSL {
				a, b = -a, -b
			}
			if a > b {
				t.Errorf("%s table not sorted at %s (%d) > %s (%d)", s, tab[i-1].Name, tab[i-1].Value, tab[i].Name, tab[i].Value)
				break
			}
		}
	}
	// lookupLevel searches the mbedTLS tables by magnitude.
	for _, v := range MbedVersions {
		codes := v.codes()
		for i := 1; i < len(codes); i++ {
			if codes[i-1].value > codes[i].value {
				t.Errorf("mbedTLS %s table not sorted at %s (%#x) > %s (%#x)", v, codes[i-1].name, codes[i-1].value, codes[i].name, codes[i].value)
				break
			}
		}
	}
}
