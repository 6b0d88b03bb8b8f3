package verdict

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// keyUsage bits as mbedTLS stores them (include/mbedtls/x509.h@2.28.3,3.6.6:
// MBEDTLS_X509_KU_*): the first octet of the BIT STRING in the low byte.
const (
	kuDigitalSignature = 0x80
	kuKeyEncipherment  = 0x20
	kuKeyAgreement     = 0x08
	kuEncipherOnly     = 0x01
	kuDecipherOnly     = 0x8000
)

// kx is the key exchange that decides which keyUsage bit the server's
// certificate needs (mbedtls_ssl_check_cert_usage).
type kx struct {
	usage uint
	name  string // for messages: "ECDHE (ECDSA or RSA signature)"
	bit   string // "digitalSignature"
	known bool   // false: assumed, not seen
}

// keyExchange decides the key exchange from what the probe negotiated. A
// TLS 1.3 handshake always authenticates with a signature. In TLS 1.2,
// RSA key transport (TLS_RSA_WITH_*) needs keyEncipherment, static ECDH
// keyAgreement, and every ECDHE/DHE suite digitalSignature
// (library/ssl_tls.c:mbedtls_ssl_check_cert_usage@2.28.3,3.6.6). Offline, or
// when the probe spoke TLS 1.3 but the device speaks 1.2, ECDHE is assumed:
// both versions' default suite lists put ECDHE first and servers prefer it.
func keyExchange(in Input, tls13 bool) kx {
	sig := kx{usage: kuDigitalSignature, name: "ECDHE (the server signs)", bit: "digitalSignature"}
	if tls13 {
		sig.name, sig.known = "TLS 1.3 (the server signs)", true
		return sig
	}
	hs := in.Handshake
	if hs == nil || hs.TLSVersion != "TLS 1.2" || hs.CipherSuite == "" {
		return sig
	}
	switch cs := hs.CipherSuite; {
	case strings.HasPrefix(cs, "TLS_RSA_"):
		return kx{usage: kuKeyEncipherment, name: "RSA key transport (" + cs + ")", bit: "keyEncipherment", known: true}
	case strings.HasPrefix(cs, "TLS_ECDH_"):
		return kx{usage: kuKeyAgreement, name: "static ECDH (" + cs + ")", bit: "keyAgreement", known: true}
	default:
		sig.name, sig.known = "ECDHE ("+cs+")", true
		return sig
	}
}

// checkKeyUsage is library/x509_crt.c:mbedtls_x509_crt_check_key_usage
// @2.28.3,3.6.6: with the extension present, every needed bit must be set,
// and encipherOnly/decipherOnly may only be set when asked for, which a TLS
// client never does.
func checkKeyUsage(ku, usage uint) bool {
	const may = kuEncipherOnly | kuDecipherOnly
	must := usage &^ may
	if (ku&^may)&must != must {
		return false
	}
	return (ku&may)|(usage&may) == usage&may
}

// checkExtKeyUsage is mbedtls_x509_crt_check_extended_key_usage for
// serverAuth: present means serverAuth or anyExtendedKeyUsage must be listed.
func checkExtKeyUsage(ekus []string) bool {
	return slices.Contains(ekus, "serverAuth") || slices.Contains(ekus, "anyExtendedKeyUsage")
}

// secondary runs the SSL layer's checks on the peer certificate after
// verification (ssl_parse_certificate_verify@2.28.3,
// mbedtls_ssl_verify_certificate@3.6.6): the EC curve against the
// configured curve list (3.6: TLS 1.2 only) and keyUsage/extKeyUsage against
// the key exchange. Each failure adds its flag; it reports whether any
// failed, which turns a return of 0 into -0x7A00.
func (x *predictor) secondary(leaf *mbedsim.Cert) bool {
	v, in := x.v, x.in
	failed := false
	t13 := tls13(x.p, v, in)
	if leaf.KeyType == "EC" && !t13 {
		if !curveAllowed(v, leaf.Curve, in.Groups) {
			failed = true
			x.pr.VerifyFlags |= FlagBadKey
			list := "the default list of mbedTLS " + v.String() + " (" + strings.Join(defaultGroups36(), ", ") + ")"
			fix := "add " + leaf.Curve + " to the curves given to mbedtls_ssl_conf_groups, or have the server use a P-256 key"
			if in.Groups != nil {
				list = "the configured list (" + strings.Join(in.Groups, ", ") + ")"
				if v == errcode.Mbed228 {
					fix = "add " + leaf.Curve + " to the list given to mbedtls_ssl_conf_curves, or have the server use a key on a listed curve"
				}
			}
			x.pr.Fix = fix
			x.add(diag.Finding{ID: "handshake.curve-not-allowed", Severity: diag.Error,
				Message: fmt.Sprintf("the server's key is on %s, which is not in %s: mbedTLS sets BAD_KEY and, if verification passed, returns -0x7A00 at state 3", leaf.Curve, list),
				Fix:     fix, Citation: citeVerify(v)})
		}
	}
	checkKU, checkEKU := true, true
	if v == errcode.Mbed228 {
		// Both checks are config options in 2.28, on by default; 3.6 always
		// runs them (the options are gone).
		checkKU = x.p.Defined(v, "MBEDTLS_X509_CHECK_KEY_USAGE")
		checkEKU = x.p.Defined(v, "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE")
	}
	k := keyExchange(in, t13)
	if checkKU {
		if leaf.HasKeyUsage && !checkKeyUsage(leaf.KeyUsage, k.usage) {
			failed = true
			x.pr.VerifyFlags |= FlagKeyUsage
			assumed := ""
			if !k.known {
				assumed = " (assumed: the key exchange was not seen)"
			}
			x.pr.Fix = "have the CA reissue the server certificate with keyUsage " + k.bit + " (or without a keyUsage extension)"
			x.add(diag.Finding{ID: "handshake.key-usage", Severity: diag.Error,
				Message: fmt.Sprintf("the server certificate's keyUsage (%s) does not allow %s, which %s needs%s: mbedTLS sets KEY_USAGE and, if verification passed, returns -0x7A00 at state 3", kuNames(leaf.KeyUsage), k.bit, k.name, assumed),
				Fix:     x.pr.Fix, Citation: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@" + v.Release()})
		}
	}
	if checkEKU && len(leaf.ExtKeyUsage) > 0 && !checkExtKeyUsage(leaf.ExtKeyUsage) {
		failed = true
		x.pr.VerifyFlags |= FlagExtKeyUsage
		x.pr.Fix = "have the CA reissue the server certificate with extendedKeyUsage serverAuth"
		x.add(diag.Finding{ID: "handshake.ext-key-usage", Severity: diag.Error,
			Message: fmt.Sprintf("the server certificate's extendedKeyUsage (%s) lacks serverAuth: mbedTLS sets EXT_KEY_USAGE and, if verification passed, returns -0x7A00 at state 3", strings.Join(leaf.ExtKeyUsage, ", ")),
			Fix:     x.pr.Fix, Citation: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@" + v.Release()})
	}
	return failed
}

func citeVerify(v errcode.MbedVersion) string {
	if v == errcode.Mbed36 {
		return "library/ssl_tls.c:mbedtls_ssl_verify_certificate@3.6.6"
	}
	return "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3"
}

// defaultGroups36 is ssl_preset_default_groups (library/ssl_tls.c@3.6.6)
// without the Montgomery curves and finite-field groups, which no
// certificate key uses: the curves of the default verify profile.
func defaultGroups36() []string {
	return []string{"secp256r1", "secp384r1", "secp521r1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"}
}

// curveAllowed is mbedtls_ssl_check_curve for the server key's curve. The
// 2.28 default list is every curve the build has
// (mbedtls_ecp_grp_id_list, library/ssl_tls.c:mbedtls_ssl_config_defaults
// @2.28.3), and a key on a curve the build lacks never parses; 3.6's default
// is ssl_preset_default_groups (@3.6.6), which leaves out secp192/224 and
// the Koblitz curves even when they are compiled in.
func curveAllowed(v errcode.MbedVersion, curve string, groups []string) bool {
	if groups == nil {
		if v == errcode.Mbed228 {
			return true
		}
		groups = defaultGroups36()
	}
	for _, g := range groups {
		if n, ok := CurveName(g); ok && n == curve {
			return true
		}
	}
	return false
}

// CurveName returns the name mbedTLS gives a curve ("secp256r1",
// "brainpoolP256r1", "x25519") for the names users write ("P-256",
// "prime256v1", "secp256r1", "bp256r1"), and false for an unknown name.
func CurveName(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "secp192r1", "p-192", "p192", "prime192v1":
		return "secp192r1", true
	case "secp224r1", "p-224", "p224":
		return "secp224r1", true
	case "secp256r1", "p-256", "p256", "prime256v1":
		return "secp256r1", true
	case "secp384r1", "p-384", "p384":
		return "secp384r1", true
	case "secp521r1", "p-521", "p521":
		return "secp521r1", true
	case "secp192k1":
		return "secp192k1", true
	case "secp224k1":
		return "secp224k1", true
	case "secp256k1":
		return "secp256k1", true
	case "brainpoolp256r1", "bp256r1", "bp256":
		return "brainpoolP256r1", true
	case "brainpoolp384r1", "bp384r1", "bp384":
		return "brainpoolP384r1", true
	case "brainpoolp512r1", "bp512r1", "bp512":
		return "brainpoolP512r1", true
	case "x25519", "curve25519":
		return "x25519", true
	case "x448", "curve448":
		return "x448", true
	}
	return "", false
}

// kuNames spells keyUsage bits as RFC 5280 names them.
func kuNames(ku uint) string {
	names := []struct {
		bit  uint
		name string
	}{{0x80, "digitalSignature"}, {0x40, "nonRepudiation"}, {0x20, "keyEncipherment"}, {0x10, "dataEncipherment"},
		{0x08, "keyAgreement"}, {0x04, "keyCertSign"}, {0x02, "cRLSign"}, {0x01, "encipherOnly"}, {0x8000, "decipherOnly"}}
	var out []string
	for _, n := range names {
		if ku&n.bit != 0 {
			out = append(out, n.name)
		}
	}
	if len(out) == 0 {
		return "no bits"
	}
	return strings.Join(out, ", ")
}
