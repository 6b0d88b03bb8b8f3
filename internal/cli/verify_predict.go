package cli

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// The device verdict for verify and probe: what mbedtls_ssl_handshake (or
// mbedtls_x509_crt_verify, offline) returns per mbedTLS line. It combines
// the record-level limits (research §5.5), the parse of each certificate
// (mbedsim.ParseDER) and mbedsim.Verify. It lives here until a second
// caller (the web page) needs it; then it moves to doctor.

// Handshake facts a probe measured; nil for an offline chain file.
type handshakeFacts struct {
	CertificateMessage int  // bytes, TLS 1.2 form, header included
	Records            int  // records the Certificate message spanned (0: unknown)
	Measured           bool // seen on the wire, not computed
}

// predictInput is one chain as the device meets it.
type predictInput struct {
	Chain     [][]byte // peer first, then the untrusted intermediates in order
	Trust     [][]byte // the device's trust list
	TrustName string
	Host      string // expected name; "" passes NULL
	// Handshake is set for probe: the certificates arrive in a Certificate
	// message, where a parse failure aborts the handshake.
	Handshake *handshakeFacts
}

type prediction = render.VerifyPredictionJSON

// contentLen is MBEDTLS_SSL_IN_CONTENT_LEN of the profile's build.
func contentLen(p *profile.Profile, v errcode.MbedVersion) int {
	if n, ok := p.Int(v, "MBEDTLS_SSL_IN_CONTENT_LEN"); ok && n > 0 {
		return n
	}
	return 16384
}

// inBufferLen is MBEDTLS_SSL_IN_BUFFER_LEN without zlib or CID: 13 bytes of
// header and the payload overhead (16 IV + 48 MAC + 256 padding) on top of
// IN_CONTENT_LEN (include/mbedtls/ssl_internal.h@2.28.3, ssl_misc.h@3.6.6).
func inBufferLen(content int) int { return content + 13 + 16 + 48 + 256 }

func predictAll(p *profile.Profile, in predictInput) ([]prediction, []diag.Finding) {
	var preds []prediction
	var finds []diag.Finding
	for _, v := range p.Versions {
		b := mbedsim.FromMacros(v, p.Config[v])
		pr, fs := predictOne(p, v, b, in)
		preds = append(preds, pr)
		finds = append(finds, fs...)
	}
	return preds, mergeFindings(finds)
}

func codeName(v errcode.MbedVersion, ret int) string {
	return errcode.MbedPartNames(v, int64(ret), false)
}

func okState(v errcode.MbedVersion) int {
	if v == errcode.Mbed36 {
		return 27
	}
	return 16
}

func predictOne(p *profile.Profile, v errcode.MbedVersion, b mbedsim.Build, in predictInput) (prediction, []diag.Finding) {
	ver := v.String()
	pr := prediction{MbedTLSVersion: ver, Release: v.Release(), VerifyFlagNames: []string{}}
	var finds []diag.Finding
	finish := func(ret int, stage string) (prediction, []diag.Finding) {
		pr.ReturnCode, pr.ReturnCodeHex, pr.ReturnName, pr.Stage = ret, mbedsim.HexCode(ret), codeName(v, ret), stage
		if in.Handshake != nil {
			pr.State = 3
			if ret == 0 {
				pr.State = okState(v)
			}
		}
		return pr, finds
	}
	versions := []string{ver}

	// 1. Records (research §5.5): checked when the Certificate message is
	// read, before any certificate is parsed.
	if hs := in.Handshake; hs != nil {
		icl := contentLen(p, v)
		buf := inBufferLen(icl)
		fragmented := hs.Records > 1 || hs.CertificateMessage > 16384+4
		switch {
		case fragmented && v == errcode.Mbed228:
			pr.Fix = "mbedTLS 2.28 cannot reassemble a Certificate message split across records: make the server send its chain in one record (a chain under 16 KB, no small max_send_frag, and do not negotiate max_fragment_length), or move to mbedTLS 3.6.3 or later"
			finds = append(finds, diag.Finding{ID: "handshake.fragmented-certificate", Severity: diag.Error, Versions: versions,
				Message: fmt.Sprintf("the server sends its %d-byte Certificate message in %d records; mbedTLS %s stops at state 3 with -0x7080 (FEATURE_UNAVAILABLE: handshake fragmentation not supported), also on 3.6.0 to 3.6.2", hs.CertificateMessage, max(hs.Records, 2), ver),
				Fix:     pr.Fix, Citation: "library/ssl_msg.c:mbedtls_ssl_prepare_handshake_record@2.28.3"})
			return finish(-0x7080, "record")
		case fragmented && hs.CertificateMessage > buf || !fragmented && hs.CertificateMessage > buf:
			pr.Fix = fmt.Sprintf("raise MBEDTLS_SSL_IN_CONTENT_LEN to at least %d (the Certificate message is %d bytes), or shorten the server's chain", hs.CertificateMessage, hs.CertificateMessage)
			finds = append(finds, diag.Finding{ID: "handshake.certificate-over-buffer", Severity: diag.Error, Versions: versions,
				Message: fmt.Sprintf("the Certificate message (%d bytes) does not fit the input buffer (%d bytes: MBEDTLS_SSL_IN_CONTENT_LEN %d plus overhead); mbedTLS %s stops at state 3 with -0x7100 (BAD_INPUT_DATA)", hs.CertificateMessage, buf, icl, ver),
				Fix:     pr.Fix, Citation: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3"})
			return finish(-0x7100, "record")
		case !fragmented && hs.CertificateMessage > icl:
			pr.Fix = fmt.Sprintf("raise MBEDTLS_SSL_IN_CONTENT_LEN to at least %d (the Certificate message is %d bytes), or shorten the server's chain", hs.CertificateMessage, hs.CertificateMessage)
			finds = append(finds, diag.Finding{ID: "handshake.certificate-over-content-len", Severity: diag.Error, Versions: versions,
				Message: fmt.Sprintf("the Certificate message (%d bytes) is larger than MBEDTLS_SSL_IN_CONTENT_LEN (%d); mbedTLS %s stops at state 3 with -0x7200 (INVALID_RECORD: bad message length)", hs.CertificateMessage, icl, ver),
				Fix:     pr.Fix, Citation: "library/ssl_msg.c:ssl_parse_record_header@2.28.3"})
			return finish(-0x7200, "record")
		}
	}

	// 2. Parse. The peer certificate failing is what the handshake (or the
	// application's own parse) returns; verification never runs.
	var chain []*mbedsim.Cert
	for i, der := range in.Chain {
		c, f := mbedsim.ParseDER(b, der)
		if f == nil {
			chain = append(chain, c)
			continue
		}
		// -0x262E (unknown signature algorithm) is skipped silently in a
		// Certificate message (library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3).
		skip := in.Handshake != nil && f.Ret == -0x262E
		if i == 0 && !skip || in.Handshake != nil && !skip {
			what := "the server's certificate"
			if i > 0 {
				what = fmt.Sprintf("certificate %d of the chain (an intermediate)", i)
			}
			pr.Fix = "the device's build cannot parse it: " + f.Reason + "; enable what it needs in the config, or have the server use a certificate the build can read"
			finds = append(finds, diag.Finding{ID: "chain.unparsable-certificate", Severity: diag.Error, Versions: versions,
				Message: fmt.Sprintf("mbedTLS %s cannot parse %s: %s returns %s (%s at %s); the handshake stops there with verify flags 0", ver, what, "mbedtls_x509_crt_parse_der", f.Hex(), f.Reason, f.Step),
				Fix:     pr.Fix, Citation: f.Cite})
			return finish(f.Ret, "parse")
		}
		finds = append(finds, diag.Finding{ID: "chain.intermediate-dropped", Severity: diag.Warning, Versions: versions,
			Message:  fmt.Sprintf("mbedTLS %s cannot parse certificate %d of the chain (%s, %s): mbedtls_x509_crt_parse leaves it out, so paths through it are lost", ver, i, f.Hex(), f.Reason),
			Citation: f.Cite})
	}
	var trust []*mbedsim.Cert
	for i, der := range in.Trust {
		c, f := mbedsim.ParseDER(b, der)
		if f != nil {
			finds = append(finds, diag.Finding{ID: "trust.unparsable-root", Severity: diag.Error, Versions: versions,
				Message:  fmt.Sprintf("mbedTLS %s cannot parse trusted certificate %d of %s (%s, %s): the device's trust list loses it, and nothing chains to it", ver, i+1, in.TrustName, f.Hex(), f.Reason),
				Fix:      "enable what the root needs in the config (see `tlsdoctor check` on the file), or embed another root of the same CA the build can read",
				Citation: f.Cite})
			continue
		}
		trust = append(trust, c)
	}

	// 3. Verify.
	t := p.DeviceTime
	vr := mbedsim.Verify(b, chain, trust, mbedsim.VerifyOptions{Time: t, HostName: in.Host})
	pr.VerifyFlags = vr.Flags
	pr.Notes = vr.Notes
	for _, c := range vr.Path {
		pr.Path = append(pr.Path, c.Subject)
	}
	if vr.Flags != 0xFFFFFFFF {
		set, _ := errcode.MbedFlags(v, vr.Flags)
		for _, f := range set {
			pr.VerifyFlagNames = append(pr.VerifyFlagNames, strings.TrimPrefix(f.Name, "MBEDTLS_X509_BADCERT_"))
		}
	}
	if vr.Ret == 0 && in.Handshake != nil && in.Host == "" && v == errcode.Mbed36 {
		pr.Fix = "call mbedtls_ssl_set_hostname(&ssl, \"HOST\") before the handshake"
		finds = append(finds, diag.Finding{ID: "handshake.no-hostname", Severity: diag.Warning, Versions: versions,
			Message: "without mbedtls_ssl_set_hostname, mbedTLS 3.6.3+ and 2.28.10 stop at state 3 with -0x5D80 (CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME)", Fix: pr.Fix,
			Citation: "library/ssl_tls.c:mbedtls_ssl_verify_certificate@3.6.6"})
		return finish(-0x5D80, "verify")
	}
	if vr.Ret == 0 {
		return finish(0, "ok")
	}
	pr.Fix = flagFix(vr.Flags, p, in)
	finds = append(finds, diag.Finding{ID: "verify.flags", Severity: diag.Error, Versions: versions,
		Message: fmt.Sprintf("mbedTLS %s: mbedtls_x509_crt_verify sets flags 0x%08X (%s) and the handshake returns %s at state 3", ver, vr.Flags, strings.Join(pr.VerifyFlagNames, "|"), mbedsim.HexCode(vr.Ret)),
		Fix:     pr.Fix, Citation: "library/x509_crt.c:x509_crt_verify_chain@2.28.3"})
	return finish(vr.Ret, "verify")
}

// flagFix is the fix for every flag set, the most important first: a
// device with an unset clock and the wrong root needs both fixed.
func flagFix(flags uint32, p *profile.Profile, in predictInput) string {
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
	if len(fixes) == 0 {
		return "see `tlsdoctor explain -0x2700 --flags` for each flag"
	}
	return strings.Join(fixes, "; and ")
}

// mergeFindings joins findings that say the same for several versions.
func mergeFindings(fs []diag.Finding) []diag.Finding {
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
		s = strings.ReplaceAll(s, v.String(), "")
	}
	return s
}
