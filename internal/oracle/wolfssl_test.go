//go:build oracle

package oracle

import (
	"os"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// TestWolfSSLCodes checks our wolfSSL table against Debian's libwolfssl:
// every value from -1 to -1000 that wc_GetErrorString or
// wolfSSL_ERR_reason_error_string knows must be in our table, and every code
// in our table must be known to the library.
// wolfsslDivergences are values where Debian's libwolfssl 5.5.4 and our
// header-generated table disagree, each with its reason.
var wolfsslDivergences = map[int]string{
	-20:  "not a wolfSSL code: with OPENSSL_EXTRA the reason-string function also answers for -X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (OpenSSL's verify code 20)",
	-391: "SCR_DIFFERENT_CERT_E is in error-ssl.h but src/internal.c@5.5.4 has no text for it",
	-452: "QUIC_TP_MISSING_E has a text only in builds with WOLFSSL_QUIC, which Debian's lacks",
	-456: "QUIC_WRONG_ENC_LEVEL has a text only in builds with WOLFSSL_QUIC, which Debian's lacks",
}

func TestWolfSSLCodes(t *testing.T) {
	if _, err := os.Stat("/usr/include/wolfssl/ssl.h"); err != nil {
		Unavailable(t, "libwolfssl-dev not installed (apt-get install -y libwolfssl-dev)")
	}
	bin := CompileRunner(t, "wolfssl_strerror", nil, "-lwolfssl")
	values := make([]int, 0, 1000)
	for v := -1; v >= -1000; v-- {
		values = append(values, v)
	}
	got := RunBatch(t, bin, values)
	unknown := got[-999] // far outside every range: the library's "unknown" answer
	known, missing, extra := 0, 0, 0
	for _, v := range values {
		libKnows := got[v][0] != unknown[0] || got[v][1] != unknown[1]
		_, ours := errcode.WolfSSLByValue(int64(v))
		if libKnows {
			known++
		}
		if reason, ok := wolfsslDivergences[v]; ok {
			if libKnows == ours {
				t.Errorf("wolfSSL %d is listed as a divergence (%s) but library and table now agree: drop it from the list", v, reason)
			}
			continue
		}
		switch {
		case libKnows && !ours:
			missing++
			t.Errorf("wolfSSL %d (%q / %q) is not in our table", v, got[v][0], got[v][1])
		case !libKnows && ours:
			extra++
			t.Errorf("our table has wolfSSL %d but the library has no text for it", v)
		}
	}
	t.Logf("wolfSSL oracle: %d values checked, %d known to the library, %d missing from ours, %d only in ours", len(values), known, missing, extra)
}
