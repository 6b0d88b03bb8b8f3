package anchor

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// UnsupportedKeyError says a format cannot carry an anchor's key.
type UnsupportedKeyError struct {
	Format  Format
	Subject string
	Key     string
	Reason  string
}

func (e *UnsupportedKeyError) Error() string {
	return fmt.Sprintf("%s: %q has a %s key: %s", e.Format, e.Subject, e.Key, e.Reason)
}

var bearCurvesLazy lazy.Value[map[string]string]

// bearCurves maps our curve names to BearSSL's curve macros (bearssl_ec.h;
// the values are the TLS NamedCurve numbers). Only the three NIST curves
// are implemented by br_ec_all_m15 and br_ec_all_m31, which the X.509
// minimal engine uses, so only they are offered.
func bearCurves() map[string]string { return bearCurvesLazy.Get(buildBearCurves) }

func buildBearCurves() map[string]string {
	return map[string]string{
		"P-256": "BR_EC_secp256r1",
		"P-384": "BR_EC_secp384r1",
		"P-521": "BR_EC_secp521r1",
	}
}

// bearSSL writes trust anchors in the shape `brssl ta` prints: per anchor a
// DN array (the subject's full DER encoding, which the engine compares
// with the issuer name of the chain's top certificate) and the key's
// arrays, then one br_x509_trust_anchor table. BearSSL's anchors carry no
// validity dates, so they are given in comments.
func (e *emitter) bearSSL() ([]byte, error) {
	up := strings.ToUpper(e.name)
	var b strings.Builder
	b.WriteString("/*\n * Trust anchors for BearSSL:\n")
	fmt.Fprintf(&b, " *   br_x509_minimal_init(&xc, &br_sha256_vtable, %s_TAs, %s_TAs_NUM);\n", up, up)
	fmt.Fprintf(&b, " * or br_ssl_client_init_full(&sc, &xc, %s_TAs, %s_TAs_NUM).\n", up, up)
	b.WriteString(" * A BearSSL trust anchor has no dates: the validity below is for you.\n */\n")
	b.WriteString("#include <bearssl.h>\n")
	for i, a := range e.anchors {
		p := fmt.Sprintf("%s_TA%d", up, i)
		lines := append(describe(a), "valid:    "+a.NotBefore.Format("2006-01-02")+" to "+a.NotAfter.Format("2006-01-02"))
		b.WriteByte('\n')
		cComment(&b, "", lines)
		fmt.Fprintf(&b, "static const unsigned char %s_DN[] = {\n", p)
		hexBytes(&b, "    ", a.RawSubject, false)
		b.WriteString("};\n")
		switch a.key.kind {
		case "RSA":
			fmt.Fprintf(&b, "\nstatic const unsigned char %s_RSA_N[] = {\n", p)
			hexBytes(&b, "    ", a.key.n, false)
			fmt.Fprintf(&b, "};\n\nstatic const unsigned char %s_RSA_E[] = {\n", p)
			hexBytes(&b, "    ", a.key.e, false)
			b.WriteString("};\n")
		case "EC":
			if _, ok := bearCurves()[a.key.curve]; !ok {
				return nil, &UnsupportedKeyError{Format: BearSSL, Subject: a.Subject, Key: a.Key, Reason: "BearSSL verifies only P-256, P-384 and P-521"}
			}
			fmt.Fprintf(&b, "\nstatic const unsigned char %s_EC_Q[] = {\n", p)
			hexBytes(&b, "    ", a.key.point, false)
			b.WriteString("};\n")
		default:
			return nil, &UnsupportedKeyError{Format: BearSSL, Subject: a.Subject, Key: a.Key, Reason: "BearSSL trust anchors hold RSA or EC keys only"}
		}
	}
	fmt.Fprintf(&b, "\n#define %s_TAs_NUM %d\n\n", up, len(e.anchors))
	fmt.Fprintf(&b, "static const br_x509_trust_anchor %s_TAs[%s_TAs_NUM] = {\n", up, up)
	for i, a := range e.anchors {
		p := fmt.Sprintf("%s_TA%d", up, i)
		flags := "BR_X509_TA_CA"
		if !a.IsCA {
			// A non-CA anchor is trusted as the end-entity key itself.
			flags = "0"
		}
		fmt.Fprintf(&b, "    {\n        { (unsigned char *)%s_DN, sizeof %s_DN },\n        %s,\n        {\n", p, p, flags)
		if a.key.kind == "RSA" {
			b.WriteString("            BR_KEYTYPE_RSA,\n            { .rsa = {\n")
			fmt.Fprintf(&b, "                (unsigned char *)%s_RSA_N, sizeof %s_RSA_N,\n", p, p)
			fmt.Fprintf(&b, "                (unsigned char *)%s_RSA_E, sizeof %s_RSA_E,\n", p, p)
		} else {
			b.WriteString("            BR_KEYTYPE_EC,\n            { .ec = {\n")
			fmt.Fprintf(&b, "                %s,\n", bearCurves()[a.key.curve])
			fmt.Fprintf(&b, "                (unsigned char *)%s_EC_Q, sizeof %s_EC_Q,\n", p, p)
		}
		b.WriteString("            } }\n        }\n    },\n")
	}
	b.WriteString("};\n")
	return []byte(b.String()), nil
}
