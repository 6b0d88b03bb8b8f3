// Package verdict predicts what a device's mbedTLS client does with a
// server's chain: the return of mbedtls_ssl_handshake (probe) or of the
// handshake's certificate step run on a chain file (verify), per mbedTLS
// line, with the verify flags mbedtls_ssl_get_verify_result would give.
//
// It combines the record limits of the Certificate message, the parse of each
// certificate (mbedsim.ParseDER), mbedtls_x509_crt_verify (mbedsim.Verify) and
// the SSL layer's own checks around it, each read from the real source:
// library/ssl_tls.c:ssl_parse_certificate_chain, ssl_parse_certificate_verify
// and mbedtls_ssl_check_cert_usage@2.28.3; library/ssl_tls.c:
// mbedtls_ssl_verify_certificate, get_hostname_for_verification and
// mbedtls_ssl_check_cert_usage@3.6.6. The CLI (probe, verify) and the web page
// render its results; it never prints.
package verdict

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// Verify flags the SSL layer adds to those of mbedtls_x509_crt_verify
// (include/mbedtls/x509.h@2.28.3,3.6.6: MBEDTLS_X509_BADCERT_KEY_USAGE,
// _EXT_KEY_USAGE; BAD_KEY is shared with the verify profile).
const (
	FlagKeyUsage    uint32 = 0x800
	FlagExtKeyUsage uint32 = 0x1000
	FlagBadKey      uint32 = mbedsim.FlagBadKey
)

// Return codes the SSL layer adds (include/mbedtls/ssl.h@2.28.3,3.6.6).
const (
	// ErrBadCertificate is -0x7A00: MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE in
	// 2.28, MBEDTLS_ERR_SSL_BAD_CERTIFICATE in 3.6 (same value and text).
	ErrBadCertificate = -0x7A00
	// ErrNoHostname is -0x5D80,
	// MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME (3.6.3+ and
	// 2.28.10+ only).
	ErrNoHostname      = -0x5D80
	errVerifyFailed    = -0x2700
	errUnknownSigAlg   = -0x262E
	errFragmented      = -0x7080
	errOverBuffer      = -0x7100
	errOverContentLen  = -0x7200
	defaultContentLen  = 16384
	maxPlainRecord     = 16384
	certMsgHeaderBytes = 4
)

// AuthMode is the authmode the device configures with mbedtls_ssl_conf_authmode.
type AuthMode uint8

const (
	// Required is MBEDTLS_SSL_VERIFY_REQUIRED, the client default.
	Required AuthMode = iota
	// Optional is MBEDTLS_SSL_VERIFY_OPTIONAL: a failed verification is
	// reported in the flags only, and the handshake goes on.
	Optional
)

// String returns the name users give ("required", "optional").
func (a AuthMode) String() string {
	if a == Optional {
		return "optional"
	}
	return "required"
}

// ParseAuthMode reads "required" or "optional".
func ParseAuthMode(s string) (AuthMode, bool) {
	switch strings.ToLower(s) {
	case "", "required":
		return Required, true
	case "optional":
		return Optional, true
	}
	return Required, false
}

// Handshake is what a probe saw of the server's handshake; nil for an
// offline chain file.
type Handshake struct {
	// CertificateMessage is the Certificate message's size in its TLS 1.2
	// form, header included; Records how many records carried it (0:
	// unknown); Measured whether it was seen on the wire.
	CertificateMessage int
	Records            int
	Measured           bool
	// TLSVersion is what the server negotiated with the probe ("TLS 1.2",
	// "TLS 1.3"); CipherSuite crypto/tls's name for the suite.
	TLSVersion  string
	CipherSuite string
}

// Input is one chain as the device meets it, and how the device's code is
// set up around the handshake.
type Input struct {
	// Chain is the peer certificate first, then the untrusted intermediates
	// in the order sent.
	Chain [][]byte
	// Trust is the device's trust list (mbedtls_ssl_conf_ca_chain);
	// TrustName says where it came from.
	Trust     [][]byte
	TrustName string
	// Host is the name passed to mbedtls_ssl_set_hostname. "" with
	// NoHostname false means set_hostname(NULL): no name check, on every
	// version. NoHostname means set_hostname is never called: 3.6.3+ (and
	// 2.28.10+) then refuse to verify (-0x5D80); 2.28.3 verifies without a
	// name.
	Host       string
	NoHostname bool
	// Groups is the curve list of mbedtls_ssl_conf_curves (2.28) or
	// mbedtls_ssl_conf_groups (3.6), by name ("secp256r1", "x25519"); nil
	// means the library's default list.
	Groups []string
	// AuthMode is the device's mbedtls_ssl_conf_authmode.
	AuthMode AuthMode
	// Handshake is set when the chain arrives in a live Certificate
	// message (probe): record limits apply, and a certificate the build
	// cannot parse aborts the handshake.
	Handshake *Handshake
}

// Prediction is what one mbedTLS line does with one chain: the contract of
// `verify --json` and `probe --json` (issue 4).
type Prediction struct {
	Endpoint        string   `json:"endpoint,omitempty"`
	MbedTLSVersion  string   `json:"mbedtls_version"`
	Release         string   `json:"release"`
	ReturnCode      int      `json:"return_code"`
	ReturnCodeHex   string   `json:"return_code_hex"`
	ReturnName      string   `json:"return_name,omitempty"`
	VerifyFlags     uint32   `json:"verify_flags"`
	VerifyFlagNames []string `json:"verify_flag_names"`
	// Stage is where it stops: "record", "parse", "hostname", "verify",
	// "usage" (an SSL-layer check after verify), "after-certificate" (a
	// later handshake step that depends on it) or "ok".
	Stage string `json:"stage"`
	// State is ssl->state when mbedtls_ssl_handshake returns (3 for every
	// certificate failure, 16 on 2.28 and 27 on 3.6 on success); omitted
	// offline.
	State int      `json:"state,omitempty"`
	Path  []string `json:"path,omitempty"`
	Fix   string   `json:"fix,omitempty"`
	Notes []string `json:"notes,omitempty"`
}

// Predict runs the verdict for every mbedTLS line of the profile. Findings
// saying the same for several lines are merged.
func Predict(p *profile.Profile, in Input) ([]Prediction, []diag.Finding) {
	var preds []Prediction
	var finds []diag.Finding
	for _, v := range p.Versions {
		b := mbedsim.FromMacros(v, p.Config[v])
		pr, fs := PredictBuild(p, v, b, in)
		preds = append(preds, pr)
		finds = append(finds, fs...)
	}
	return preds, MergeFindings(finds)
}

// contentLen is MBEDTLS_SSL_IN_CONTENT_LEN of the profile's build.
func contentLen(p *profile.Profile, v errcode.MbedVersion) int {
	if n, ok := p.Int(v, "MBEDTLS_SSL_IN_CONTENT_LEN"); ok && n > 0 {
		return n
	}
	return defaultContentLen
}

// inBufferLen is MBEDTLS_SSL_IN_BUFFER_LEN without zlib or CID: 13 bytes of
// header and the payload overhead (16 IV + 48 MAC + 256 padding) on top of
// IN_CONTENT_LEN (include/mbedtls/ssl_internal.h@2.28.3, ssl_misc.h@3.6.6).
func inBufferLen(content int) int { return content + 13 + 16 + 48 + 256 }

func codeName(v errcode.MbedVersion, ret int) string {
	return errcode.MbedPartNames(v, int64(ret), false)
}

// okState is MBEDTLS_SSL_HANDSHAKE_OVER (include/mbedtls/ssl.h@2.28.3,3.6.6).
func okState(v errcode.MbedVersion) int {
	if v == errcode.Mbed36 {
		return 27
	}
	return 16
}

// tls13 reports whether a 3.6 device talks TLS 1.3 with this server: the
// probe got TLS 1.3 and the build has MBEDTLS_SSL_PROTO_TLS1_3. Offline the
// version is unknown and TLS 1.2 is assumed (the Certificate message sizes
// are TLS 1.2's too).
func tls13(p *profile.Profile, v errcode.MbedVersion, in Input) bool {
	return v == errcode.Mbed36 && in.Handshake != nil && in.Handshake.TLSVersion == "TLS 1.3" &&
		p.Defined(v, "MBEDTLS_SSL_PROTO_TLS1_3")
}

// predictor holds one version's prediction while it is built.
type predictor struct {
	p     *profile.Profile
	v     errcode.MbedVersion
	b     mbedsim.Build
	in    Input
	pr    Prediction
	finds []diag.Finding
}

func (x *predictor) versions() []string { return []string{x.v.String()} }

func (x *predictor) add(f diag.Finding) {
	f.Versions = x.versions()
	x.finds = append(x.finds, f)
}

func (x *predictor) finish(ret int, stage string) (Prediction, []diag.Finding) {
	pr := &x.pr
	pr.ReturnCode, pr.ReturnCodeHex, pr.ReturnName, pr.Stage = ret, mbedsim.HexCode(ret), codeName(x.v, ret), stage
	pr.VerifyFlagNames = flagNames(x.v, pr.VerifyFlags)
	if x.in.Handshake != nil {
		pr.State = 3
		switch {
		case ret == 0:
			pr.State = okState(x.v)
		case stage == "record" && tls13(x.p, x.v, x.in):
			// The TLS 1.3 client reads the record after EncryptedExtensions
			// in MBEDTLS_SSL_CERTIFICATE_REQUEST (5), not knowing yet whether
			// it holds a CertificateRequest or the Certificate
			// (library/ssl_tls13_client.c@3.6.6; observed by the oracle).
			pr.State = 5
		case stage == "after-certificate":
			pr.State = 4
		}
	}
	return *pr, x.finds
}

// flagNames names each flag without its MBEDTLS_X509_ prefix
// ("NOT_TRUSTED"); none for 0 or for 0xFFFFFFFF (a fatal error, not flags).
func flagNames(v errcode.MbedVersion, flags uint32) []string {
	names := []string{}
	if flags == 0xFFFFFFFF {
		return names
	}
	set, _ := errcode.MbedFlags(v, flags)
	for _, f := range set {
		names = append(names, strings.TrimPrefix(strings.TrimPrefix(f.Name, "MBEDTLS_X509_"), "BADCERT_"))
	}
	return names
}

// PredictBuild is the verdict of one mbedTLS line with build b (the model
// of p's configuration for v, or of an oracle build).
func PredictBuild(p *profile.Profile, v errcode.MbedVersion, b mbedsim.Build, in Input) (Prediction, []diag.Finding) {
	x := &predictor{p: p, v: v, b: b, in: in, pr: Prediction{MbedTLSVersion: v.String(), Release: v.Release(), VerifyFlagNames: []string{}}}
	if ret, ok := x.records(); ok {
		return x.finish(ret, "record")
	}
	chain, ret, failed := x.parseChain()
	if failed {
		return x.finish(ret, "parse")
	}
	trust := x.parseTrust()

	// mbedtls_ssl_verify_certificate@3.6.6 asks get_hostname_for_verification
	// first: without a set_hostname call and with authmode REQUIRED it returns
	// -0x5D80 before any verification. As for a parse failure, verify_flags
	// is then 0: verification never ran (mbedtls_ssl_get_verify_result
	// gives 3.6's "never verified" value, 0xFFFFFFFF). 2.28.3 has no such
	// check: ssl->hostname is NULL and the name is simply not checked.
	if in.NoHostname && v == errcode.Mbed36 && in.AuthMode == Required && !p.Defined(v, "MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME") {
		x.pr.Fix = "call mbedtls_ssl_set_hostname(&ssl, \"HOST\") with the server's name before mbedtls_ssl_handshake (it also sends SNI); mbedtls_ssl_set_hostname(&ssl, NULL) skips the name check on purpose"
		x.add(diag.Finding{ID: "handshake.no-hostname", Severity: diag.Error,
			Message:  fmt.Sprintf("the device never calls mbedtls_ssl_set_hostname: mbedTLS %s (as every 3.6.3+ and 2.28.10+ release) refuses to verify the server without a name and stops at state 3 with -0x5D80 (CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME), whatever the chain", v.Release()),
			Fix:      x.pr.Fix,
			Citation: "library/ssl_tls.c:get_hostname_for_verification@3.6.6"})
		return x.finish(ErrNoHostname, "hostname")
	}
	host := in.Host
	if in.NoHostname {
		host = ""
		if v == errcode.Mbed228 {
			x.add(diag.Finding{ID: "handshake.no-hostname", Severity: diag.Warning,
				Message:  fmt.Sprintf("the device never calls mbedtls_ssl_set_hostname: mbedTLS %s sends no SNI and checks no name, so any certificate from a trusted CA passes; 2.28.10 and 3.6.3+ refuse this with -0x5D80", v.Release()),
				Fix:      "call mbedtls_ssl_set_hostname(&ssl, \"HOST\") before the handshake: it sends SNI and checks the name, and later releases need it",
				Citation: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3"})
		}
	}

	vr := mbedsim.Verify(b, chain, trust, mbedsim.VerifyOptions{Time: p.DeviceTime, HostName: host})
	x.pr.VerifyFlags = vr.Flags
	x.pr.Notes = vr.Notes
	for _, c := range vr.Path {
		x.pr.Path = append(x.pr.Path, c.Subject)
	}
	ret = vr.Ret
	usageFail := false
	if len(chain) > 0 {
		usageFail = x.secondary(chain[0])
	}
	if usageFail && ret == 0 {
		ret = ErrBadCertificate
	}
	stage := "verify"
	if ret == ErrBadCertificate {
		stage = "usage"
	}
	if in.AuthMode == Optional && (ret == errVerifyFailed || ret == ErrBadCertificate) && len(chain) == 0 && !tls13(p, v, in) {
		// Every certificate was skipped (-0x262E) and OPTIONAL let the
		// handshake go on without a peer key: the ServerKeyExchange
		// signature cannot be checked. Observed by the handshake oracle:
		// 2.28.3 -0x6D00 (PK_TYPE_MISMATCH), 3.6.6 -0x6600
		// (ILLEGAL_PARAMETER), both at state 4
		// (library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3,
		// ssl_tls12_client.c@3.6.6).
		code := -0x6D00
		if v == errcode.Mbed36 {
			code = -0x6600
		}
		x.pr.Fix = "the build cannot read any certificate the server sends (see the findings above): enable what they need, and use authmode REQUIRED"
		x.add(diag.Finding{ID: "handshake.no-peer-key", Severity: diag.Error,
			Message: fmt.Sprintf("mbedTLS %s skipped every certificate of the chain; with authmode OPTIONAL it goes on without the server's key and fails at the ServerKeyExchange (state 4) with %s", v.String(), mbedsim.HexCode(code)),
			Fix:     x.pr.Fix, Citation: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3"})
		return x.finish(code, "after-certificate")
	}
	if in.AuthMode == Optional && (ret == errVerifyFailed || ret == ErrBadCertificate) {
		if x.pr.VerifyFlags != 0 {
			x.add(diag.Finding{ID: "handshake.authmode-optional", Severity: diag.Warning,
				Message:  fmt.Sprintf("with authmode OPTIONAL mbedTLS %s goes on despite verify flags 0x%X (%s): the connection is not authenticated unless the application checks mbedtls_ssl_get_verify_result", v.String(), x.pr.VerifyFlags, strings.Join(flagNames(v, x.pr.VerifyFlags), "|")),
				Fix:      "use MBEDTLS_SSL_VERIFY_REQUIRED, or refuse the connection when mbedtls_ssl_get_verify_result is not 0",
				Citation: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3"})
		}
		ret = 0
	}
	if ret == 0 {
		return x.finish(0, "ok")
	}
	if stage == "verify" {
		x.pr.Fix = flagFix(vr.Flags, p, in)
		x.add(diag.Finding{ID: "verify.flags", Severity: diag.Error,
			Message: fmt.Sprintf("mbedTLS %s: mbedtls_x509_crt_verify sets flags 0x%08X (%s) and the handshake returns %s at state 3", v.String(), vr.Flags, strings.Join(flagNames(v, vr.Flags), "|"), mbedsim.HexCode(vr.Ret)),
			Fix:     x.pr.Fix, Citation: "library/x509_crt.c:x509_crt_verify_chain@2.28.3"})
	}
	return x.finish(ret, stage)
}

// records applies the record limits (research §5.5), checked when the
// Certificate message is read, before any certificate is parsed.
func (x *predictor) records() (int, bool) {
	hs := x.in.Handshake
	if hs == nil {
		return 0, false
	}
	v := x.v
	icl := contentLen(x.p, v)
	buf := inBufferLen(icl)
	fragmented := hs.Records > 1 || hs.CertificateMessage > maxPlainRecord+certMsgHeaderBytes
	switch {
	case fragmented && v == errcode.Mbed228:
		x.pr.Fix = "mbedTLS 2.28 cannot reassemble a Certificate message split across records: make the server send its chain in one record (a chain under 16 KB, no small max_send_frag, and do not negotiate max_fragment_length), or move to mbedTLS 3.6.3 or later"
		x.add(diag.Finding{ID: "handshake.fragmented-certificate", Severity: diag.Error,
			Message: fmt.Sprintf("the server sends its %d-byte Certificate message in %d records; mbedTLS %s stops at state 3 with -0x7080 (FEATURE_UNAVAILABLE: handshake fragmentation not supported), also on 3.6.0 to 3.6.2", hs.CertificateMessage, max(hs.Records, 2), v.String()),
			Fix:     x.pr.Fix, Citation: "library/ssl_msg.c:mbedtls_ssl_prepare_handshake_record@2.28.3"})
		return errFragmented, true
	case hs.CertificateMessage > buf:
		x.pr.Fix = fmt.Sprintf("raise MBEDTLS_SSL_IN_CONTENT_LEN to at least %d (the Certificate message is %d bytes), or shorten the server's chain", hs.CertificateMessage, hs.CertificateMessage)
		x.add(diag.Finding{ID: "handshake.certificate-over-buffer", Severity: diag.Error,
			Message: fmt.Sprintf("the Certificate message (%d bytes) does not fit the input buffer (%d bytes: MBEDTLS_SSL_IN_CONTENT_LEN %d plus overhead); mbedTLS %s stops at state 3 with -0x7100 (BAD_INPUT_DATA)", hs.CertificateMessage, buf, icl, v.String()),
			Fix:     x.pr.Fix, Citation: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3"})
		return errOverBuffer, true
	case !fragmented && hs.CertificateMessage > icl:
		x.pr.Fix = fmt.Sprintf("raise MBEDTLS_SSL_IN_CONTENT_LEN to at least %d (the Certificate message is %d bytes), or shorten the server's chain", hs.CertificateMessage, hs.CertificateMessage)
		x.add(diag.Finding{ID: "handshake.certificate-over-content-len", Severity: diag.Error,
			Message: fmt.Sprintf("the Certificate message (%d bytes) is larger than MBEDTLS_SSL_IN_CONTENT_LEN (%d); mbedTLS %s stops at state 3 with -0x7200 (INVALID_RECORD: bad message length)", hs.CertificateMessage, icl, v.String()),
			Fix:     x.pr.Fix, Citation: "library/ssl_msg.c:ssl_parse_record_header@2.28.3"})
		return errOverContentLen, true
	}
	return 0, false
}

// parseChain parses each certificate as the device does. In a Certificate
// message (probe) every certificate goes through mbedtls_x509_crt_parse_der
// and any failure but -0x262E aborts the handshake with that code, the
// intermediates included (library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3,
// same in 3.6.6). From a chain file (verify), mbedtls_x509_crt_parse leaves a
// failing intermediate out and goes on; only the peer certificate failing
// stops the prediction there.
func (x *predictor) parseChain() ([]*mbedsim.Cert, int, bool) {
	v, in := x.v, x.in
	var chain []*mbedsim.Cert
	for i, der := range in.Chain {
		c, f := mbedsim.ParseDER(x.b, der)
		if f == nil {
			chain = append(chain, c)
			continue
		}
		what := "the server's certificate"
		if i > 0 {
			what = fmt.Sprintf("certificate %d of the chain (an intermediate)", i)
		}
		live := in.Handshake != nil
		switch {
		case live && f.Ret == errUnknownSigAlg:
			x.add(diag.Finding{ID: "chain.certificate-skipped", Severity: diag.Warning,
				Message:  fmt.Sprintf("mbedTLS %s does not know the signature algorithm of %s (%s): in a Certificate message it skips such a certificate silently, so paths through it are lost", v.String(), what, f.Reason),
				Citation: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3"})
		case live || i == 0:
			how := "the handshake stops at state 3 with that code and verify flags 0"
			if !live {
				how = "verification never runs; the handshake would return that code at state 3"
			}
			x.pr.Fix = "the device's build cannot parse it: " + f.Reason + "; enable what it needs in the config, or have the server use a certificate the build can read"
			x.add(diag.Finding{ID: "chain.unparsable-certificate", Severity: diag.Error,
				Message: fmt.Sprintf("mbedTLS %s cannot parse %s: mbedtls_x509_crt_parse_der returns %s (%s at %s); %s", v.String(), what, f.Hex(), f.Reason, f.Step, how),
				Fix:     x.pr.Fix, Citation: f.Cite})
			return nil, f.Ret, true
		default:
			// The same certificate in a live Certificate message aborts the
			// handshake: say so, since verify stands for the handshake.
			x.add(diag.Finding{ID: "chain.intermediate-dropped", Severity: diag.Warning,
				Message:  fmt.Sprintf("mbedTLS %s cannot parse certificate %d of the chain (%s, %s): mbedtls_x509_crt_parse on the chain file leaves it out, so paths through it are lost; sent by a server in its Certificate message, the same certificate aborts the handshake with %s at state 3", v.String(), i, f.Hex(), f.Reason, f.Hex()),
				Fix:      "have the server leave this intermediate out if a path exists without it, or enable what it needs in the device's config: " + f.Reason,
				Citation: f.Cite})
		}
	}
	return chain, 0, false
}

func (x *predictor) parseTrust() []*mbedsim.Cert {
	var trust []*mbedsim.Cert
	for i, der := range x.in.Trust {
		c, f := mbedsim.ParseDER(x.b, der)
		if f != nil {
			x.add(diag.Finding{ID: "trust.unparsable-root", Severity: diag.Error,
				Message:  fmt.Sprintf("mbedTLS %s cannot parse trusted certificate %d of %s (%s, %s): the device's trust list loses it, and nothing chains to it", x.v.String(), i+1, x.in.TrustName, f.Hex(), f.Reason),
				Fix:      "enable what the root needs in the config (see `tlsdoctor check` on the file), or embed another root of the same CA the build can read",
				Citation: f.Cite})
			continue
		}
		trust = append(trust, c)
	}
	return trust
}

// flagFix is the fix for every flag set, the most important first: a
// device with an unset clock and the wrong root needs both fixed.
func flagFix(flags uint32, p *profile.Profile, in Input) string {
	if flags == 0xFFFFFFFF {
		return "the chain is longer than MBEDTLS_X509_MAX_INTERMEDIATE_CA allows: raise it, or have the server send fewer intermediates"
	}
	var fixes []string
	add := func(cond bool, fix string) {
		if cond {
			fixes = append(fixes, fix)
		}
	}
	unsetClock := flags&mbedsim.FlagFuture != 0 && (p.ClockUnset || p.DeviceTime.Year() < 2015)
	add(unsetClock, "the device clock is not set ("+p.DeviceTime.Format("2006-01-02")+"): set it by SNTP before the handshake, or build without MBEDTLS_HAVE_TIME_DATE")
	add(flags&mbedsim.FlagNotTrusted != 0, "the device's trust store has no root the chain leads to: embed the recommended root (see the roots section), e.g. `tlsdoctor emit`")
	add(flags&mbedsim.FlagCNMismatch != 0, fmt.Sprintf("the certificate is not valid for %q: pass the name the certificate lists to mbedtls_ssl_set_hostname, or connect to that name", in.Host))
	add(flags&mbedsim.FlagExpired != 0, "a certificate on the path has expired (or the device clock is ahead): renew it on the server, or embed a root whose path is still valid")
	add(flags&mbedsim.FlagFuture != 0 && !unsetClock, "a certificate is not yet valid at the device's clock: check the device's time source")
	add(flags&(mbedsim.FlagBadMD|mbedsim.FlagBadPK|mbedsim.FlagBadKey) != 0, "a signature hash, key type or key size is outside the verify profile: use mbedtls_ssl_conf_cert_profile with one that allows it, or have the CA issue a stronger chain")
	add(flags&(FlagKeyUsage|FlagExtKeyUsage) != 0, "the server certificate's keyUsage/extendedKeyUsage does not allow TLS server use: have the CA reissue it with digitalSignature (and serverAuth)")
	if len(fixes) == 0 {
		return "see `tlsdoctor explain -0x2700 --flags` for each flag"
	}
	return strings.Join(fixes, "; and ")
}

// MergeFindings joins findings that say the same for several versions.
func MergeFindings(fs []diag.Finding) []diag.Finding {
	var out []diag.Finding
	for _, f := range fs {
		merged := false
		for i := range out {
			if out[i].ID == f.ID && stripVersion(out[i].Message) == stripVersion(f.Message) {
				out[i].Versions = append(out[i].Versions, f.Versions...)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, f)
		}
	}
	return out
}

func stripVersion(s string) string {
	for _, v := range errcode.MbedVersions {
		s = strings.ReplaceAll(s, v.Release(), "")
		s = strings.ReplaceAll(s, v.String(), "")
	}
	return s
}

// Root is one candidate trust anchor for PredictEachRoot.
type Root struct {
	Name   string // the subject, as users read it
	SHA256 string // hex fingerprint of the DER
	DER    []byte
}

// RootOutcome is the verdict with one root as the device's only trust
// anchor.
type RootOutcome struct {
	Root        string       `json:"root"`
	SHA256      string       `json:"sha256,omitempty"`
	Predictions []Prediction `json:"predictions"`
	// Works lists the mbedTLS lines that connect with this root alone.
	Works []string `json:"works_on"`
}

// PredictEachRoot runs the verdict with each root in turn as the whole
// trust list (in.Trust is replaced): which recommended root works on this
// build, e.g. an RSA-4096 root fails to parse on an MPI_MAX_SIZE 256 build
// where its ECDSA twin works.
func PredictEachRoot(p *profile.Profile, in Input, roots []Root) []RootOutcome {
	out := make([]RootOutcome, 0, len(roots))
	for _, r := range roots {
		one := in
		one.Trust, one.TrustName = [][]byte{r.DER}, r.Name
		preds, _ := Predict(p, one)
		o := RootOutcome{Root: r.Name, SHA256: r.SHA256, Predictions: preds, Works: []string{}}
		for _, pr := range preds {
			if pr.ReturnCode == 0 {
				o.Works = append(o.Works, pr.MbedTLSVersion)
			}
		}
		out = append(out, o)
	}
	return out
}
