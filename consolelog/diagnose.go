package consolelog

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Finding IDs. They are stable: scripts match on them.
const (
	IDClockOverTLS     = "log.clock-over-tls"
	IDCANotProvisioned = "log.ca-not-provisioned"
	IDClockUnset       = "log.clock-unset"
	IDRootNotTrusted   = "log.root-not-trusted"
	IDCertExpired      = "log.cert-expired"
	IDNameMismatch     = "log.name-mismatch"
	IDBadAlgorithm     = "log.algorithm-not-accepted"
	IDVerifyFailed     = "log.verify-failed"
	IDTLSError         = "log.tls-error"
	IDTLSFailed        = "log.tls-failed"
	IDTLSRefused       = "log.tls-refused"
	IDTLSAborted       = "log.tls-aborted"
	IDConnectTimeout   = "log.connect-timeout"
	IDDNSFailed        = "log.dns-failed"
	IDTCPFailed        = "log.tcp-failed"
	IDLinkFailed       = "log.link-failed"
	IDNoIP             = "log.no-ip"
	IDCloudRefused     = "log.cloud-refused"
	IDStopped          = "log.stopped"
	IDBaudMismatch     = "log.baud-mismatch"
	IDEarlierBoots     = "log.earlier-boots-differ"
)

// Citations for the rules.
const (
	citeFuture  = "library/x509_crt.c:x509_crt_verify_chain@2.28.8 (MBEDTLS_X509_BADCERT_FUTURE when the clock is before notBefore)"
	citeParse   = "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.8"
	citeVerify  = "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.8 (MBEDTLS_ERR_X509_CERT_VERIFY_FAILED with the flags in mbedtls_ssl_get_verify_result)"
	citeESPTLS  = "components/esp-tls/esp_tls_mbedtls.c@v5.1 (esp_mbedtls_handshake, esp_mbedtls_verify_certificate)"
	citeTimeTLS = "RFC 5280 section 6.1.3 (a certificate is valid only between notBefore and notAfter by the verifier's clock)"
)

// facts are what the diagnosed boot shows, gathered once for the rules.
type facts struct {
	src      string
	boot     *Boot
	fail     *Event // first failing event
	tlsFail  *Event // first TLS failure with the most detail
	loadFail *Event // first failure loading the root CA
	clockTLS *Event // a time request over HTTPS
	clockBad *Event // the device printed a date before 2020
	clockOK  *Event // the clock set, before the TLS failure
	flags    uint32
	flagsEv  *Event
	host     string
	codes    []Code // of the TLS failure events
	codeEv   *Event
	anyClock bool   // a clock line before the TLS failure
	modem    bool   // a cellular modem runs the TLS (nRF91)
	secTag   string // the sec_tag the log names last
	caStored *Event // a %CMNG reply listing a root CA
}

func gather(l *Log, b *Boot) *facts {
	f := &facts{src: l.Source, boot: b, fail: b.Failure()}
	tlsIdx := -1
	for i := range b.Events {
		e := &b.Events[i]
		if e.Step == StepTLS && e.Outcome == OutcomeFail {
			if tlsIdx < 0 {
				tlsIdx = i
				f.tlsFail = e
			}
			if e.Phase == "load" && f.loadFail == nil && (isParse(e.Codes) || len(e.Codes) > 0 || strings.Contains(e.Summary, "root CA")) {
				f.loadFail = e
			}
		}
	}
	end := len(b.Events)
	if tlsIdx >= 0 {
		end = tlsIdx
		// The detail of one attempt spreads over the lines around the
		// first failure: codes, flags and verify info.
		for i := tlsIdx; i < len(b.Events) && i < tlsIdx+12; i++ {
			e := &b.Events[i]
			if e.Step != StepTLS && e.Step != StepNone {
				if e.Outcome == OutcomeStart {
					break
				}
				continue
			}
			if e.Flags != nil {
				if f.flagsEv == nil {
					f.flagsEv = e
				}
				f.flags |= e.Flags.Value
			}
			if len(e.Codes) > 0 && !allStates(e.Codes) && f.codes == nil {
				f.codes, f.codeEv = e.Codes, e
			}
		}
	}
	for i := range b.Events {
		e := &b.Events[i]
		if e.modem {
			f.modem = true
		}
		if e.secTag != "" {
			f.secTag = e.secTag
		}
		if e.caStored && f.caStored == nil {
			f.caStored = e
		}
	}
	for i := 0; i < end; i++ {
		e := &b.Events[i]
		if e.Host != "" {
			f.host = e.Host
		}
		if e.Step != StepClock {
			continue
		}
		f.anyClock = true
		switch {
		case e.clockViaTLS && f.clockTLS == nil:
			f.clockTLS = e
		case e.clockYear > 0 && e.clockYear < 2020:
			f.clockBad, f.clockOK = e, nil
		case e.Outcome == OutcomeOK:
			f.clockOK, f.clockBad = e, nil
		}
	}
	if f.host == "" {
		for i := range b.Events {
			if b.Events[i].Host != "" {
				f.host = b.Events[i].Host
				break
			}
		}
	}
	if f.host == "" && len(l.Hosts) > 0 {
		f.host = l.Hosts[0]
	}
	return f
}

func (f *facts) probe() string {
	h := f.host
	if h == "" {
		h = "HOST"
	}
	return "tlsdoctor probe " + h
}

func (f *facts) ev(e *Event) diag.Evidence {
	return diag.Evidence{
		Source: f.src,
		Item:   fmt.Sprintf("boot %d", f.boot.Index),
		Pos:    diag.Position{Offset: e.Offset, Line: e.Line, Col: 1},
		Shown:  diag.Visible([]byte(e.Text)),
	}
}

func (f *facts) evs(es ...*Event) []diag.Evidence {
	var out []diag.Evidence
	seen := map[int]bool{}
	for _, e := range es {
		if e == nil || seen[e.Line] {
			continue
		}
		seen[e.Line] = true
		out = append(out, f.ev(e))
	}
	return out
}

func codeNamed(cs []Code, names ...string) *Code {
	for i := range cs {
		for _, n := range names {
			if cs[i].Name == n || strings.Contains(cs[i].Name, n) {
				return &cs[i]
			}
		}
	}
	return nil
}

func codeList(cs []Code) string {
	var parts []string
	for _, c := range cs {
		if c.kind == errcode.KindState {
			continue
		}
		parts = append(parts, c.String())
	}
	return strings.Join(parts, ", ")
}

func lineRef(e *Event) string { return fmt.Sprintf("line %d", e.Line) }

// diagnose ranks what the diagnosed boot shows, most likely first.
func diagnose(l *Log, lines []line) []Diagnosis {
	var out []Diagnosis
	b := l.Boot()
	if b != nil {
		out = append(out, diagnoseBoot(l, b)...)
		if d, ok := earlierBoots(l); ok {
			out = append(out, d)
		}
	}
	if l.Cleaning.GarbageLines > 0 {
		out = append(out, baudMismatch(l, lines))
	}
	if out == nil {
		out = []Diagnosis{}
	}
	return out
}

func diagnoseBoot(l *Log, b *Boot) []Diagnosis {
	f := gather(l, b)
	var out []Diagnosis
	add := func(d Diagnosis) { out = append(out, d) }

	future := f.flags&flagFuture != 0 || codeNamed(f.codes, "ASN_BEFORE_DATE_E") != nil ||
		(codeNamed(f.codes, "BR_ERR_X509_EXPIRED") != nil && f.clockOK == nil)
	notTrusted := f.flags&flagNotTrusted != 0 || codeNamed(f.codes, "ASN_NO_SIGNER_E", "BR_ERR_X509_NOT_TRUSTED") != nil
	verifyFailed := codeNamed(f.codes, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED") != nil || f.flags != 0 ||
		f.tlsFail != nil && strings.Contains(f.tlsFail.Summary, "verification")

	// 1. The clock trap: the time itself comes over TLS.
	if f.clockTLS != nil && f.tlsFail != nil && f.clockOK == nil {
		switch {
		case f.loadFail != nil || notTrusted:
			why := "the server's chain does not lead to a root the device holds"
			if f.loadFail != nil {
				why = "the root CA is not provisioned yet: loading it fails (" + codeList(f.loadFail.Codes) + ")"
			}
			add(Diagnosis{Finding: diag.Finding{
				ID: IDClockOverTLS, Severity: diag.Error,
				Evidence: f.evs(f.clockTLS, firstNonNil(f.loadFail, f.codeEv, f.tlsFail), f.flagsEv),
				Message: fmt.Sprintf("The device sets its clock over HTTPS (%s), and that TLS connection fails because %s. A device that takes its time over TLS must hold the time server's root CA before the time step.",
					lineRef(f.clockTLS), why),
				Fix:      "provision the root CA (the time server's root too, if it differs) before the time step; or take the first time from SNTP or the Date header of a plain-HTTP request, which need no root",
				Citation: citeTimeTLS,
			}, Next: "tlsdoctor check ROOT_CA.pem"})
		case future || f.clockBad != nil || verifyFailed:
			detail := "the verify flags include MBEDTLS_X509_BADCERT_FUTURE"
			if f.flags&flagFuture == 0 {
				detail = "certificate verification fails"
				if f.clockBad != nil {
					detail += fmt.Sprintf(" while the device's date reads %d (%s)", f.clockBad.clockYear, lineRef(f.clockBad))
				}
			}
			add(Diagnosis{Finding: diag.Finding{
				ID: IDClockOverTLS, Severity: diag.Error,
				Evidence: f.evs(f.clockTLS, f.clockBad, firstNonNil(f.codeEv, f.tlsFail), f.flagsEv),
				Message: fmt.Sprintf("The device asks for the time over HTTPS (%s) while its clock is unset, so the time server's certificate is 'not yet valid' and the request that would set the clock fails: %s. Without a clock, every certificate looks not yet valid.",
					lineRef(f.clockTLS), detail),
				Fix:      "take the first time from SNTP (UDP port 123), the modem's network time (AT+CCLK?, AT+QLTS), or the Date header of a plain-HTTP request; or, for the time request only, skip just the validity-period check (an mbedTLS verify callback that clears MBEDTLS_X509_BADCERT_FUTURE and MBEDTLS_X509_BADCERT_EXPIRED) and keep the chain and name checks",
				Citation: citeFuture,
			}, Next: "tlsdoctor explain -0x2700 --flags 0x200"})
		default:
			add(Diagnosis{Finding: diag.Finding{
				ID: IDClockOverTLS, Severity: diag.Error,
				Evidence: f.evs(f.clockTLS, firstNonNil(f.codeEv, f.tlsFail)),
				Message: fmt.Sprintf("The device sets its clock over HTTPS (%s) and that TLS connection fails (%s). It needs the time server's root CA before the time step, and a clock to check the certificate's dates: both are missing at that point.",
					lineRef(f.clockTLS), orWords(codeList(f.codes), "no code printed")),
				Fix:      "provision the root CA before the time step, or take the first time from SNTP or a plain-HTTP Date header",
				Citation: citeTimeTLS,
			}, Next: nextFor(f.codes, "tlsdoctor explain -0x2700 --flags VALUE")})
		}
	}

	// 2. The root CA never loaded.
	if f.loadFail != nil && !has(out, IDClockOverTLS) {
		codes := codeList(f.loadFail.Codes)
		msg := "The root CA was never provisioned, or its stored bytes are not a certificate: loading it fails"
		if codes != "" {
			msg += " with " + codes
		}
		msg += fmt.Sprintf(" (%s), before any handshake.", lineRef(f.loadFail))
		if c := codeNamed(f.loadFail.Codes, "MBEDTLS_ERR_X509_INVALID_FORMAT", "MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT", "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT"); c != nil {
			msg += " mbedTLS says this when the buffer holds no PEM block it can read: empty or erased flash, a PEM passed without its terminating NUL (strlen instead of sizeof), or text damaged on the way (CR-only line ends from a terminal paste)."
		}
		add(Diagnosis{Finding: diag.Finding{
			ID: IDCANotProvisioned, Severity: diag.Error,
			Evidence: f.evs(f.loadFail),
			Message:  msg,
			Fix:      "run tlsdoctor check on the exact bytes the firmware loads (the file, or the C source that embeds it) and provision the fixed root; over a serial console, tlsdoctor provision sends it with the line ends the device needs",
			Citation: citeParse,
		}, Next: "tlsdoctor check ROOT_CA.pem"})
	}

	// 3. The clock is unset.
	if !has(out, IDClockOverTLS) && f.tlsFail != nil && (future || f.clockBad != nil && verifyFailed) {
		var why []string
		if f.flags&flagFuture != 0 {
			why = append(why, fmt.Sprintf("the verify flags include MBEDTLS_X509_BADCERT_FUTURE (%s)", lineRef(f.flagsEv)))
		}
		if c := codeNamed(f.codes, "ASN_BEFORE_DATE_E", "BR_ERR_X509_EXPIRED"); c != nil {
			why = append(why, fmt.Sprintf("%s (%s)", c.String(), lineRef(f.codeEv)))
		}
		if f.clockBad != nil {
			why = append(why, fmt.Sprintf("the device printed its date as %d before the handshake (%s)", f.clockBad.clockYear, lineRef(f.clockBad)))
		} else if !f.anyClock {
			why = append(why, "no clock step (SNTP, network time, RTC) appears before the handshake")
		}
		add(Diagnosis{Finding: diag.Finding{
			ID: IDClockUnset, Severity: diag.Error,
			Evidence: f.evs(f.clockBad, firstNonNil(f.codeEv, f.tlsFail), f.flagsEv),
			Message:  "The clock is unset: the server's certificate is 'not yet valid' by the device's date. " + upperFirst(strings.Join(why, "; ")) + ".",
			Fix:      "set the clock before the first TLS connection and wait for it: SNTP (wait for the sync event), the modem's network time (AT+CCLK?, AT+QLTS), or a battery-backed RTC; a device with no clock source at all must skip only the validity-period check",
			Citation: citeFuture,
		}, Next: "tlsdoctor explain -0x2700 --flags 0x200"})
	}

	// 4. The root is not the one the server needs.
	if notTrusted && !has(out, IDClockOverTLS) {
		ev := firstNonNil(f.flagsEv, f.codeEv, f.tlsFail)
		what := "the verify flags include MBEDTLS_X509_BADCERT_NOT_TRUSTED"
		if c := codeNamed(f.codes, "ASN_NO_SIGNER_E", "BR_ERR_X509_NOT_TRUSTED"); c != nil {
			what = c.String()
			ev = f.codeEv
		}
		add(Diagnosis{Finding: diag.Finding{
			ID: IDRootNotTrusted, Severity: diag.Error,
			Evidence: f.evs(ev),
			Message:  fmt.Sprintf("The server's chain does not lead to a root CA the device holds: %s (%s). The endpoint may have moved to another CA, or the device holds the root of another service.", what, lineRef(ev)),
			Fix:      "find the root the server's chain ends at and embed it (keep the old root too while the endpoint migrates)",
			Citation: citeVerify,
		}, Next: f.probe()})
	}

	// 5. Other verify flags.
	if f.flags&flagExpired != 0 && f.flags&flagFuture == 0 {
		add(Diagnosis{Finding: diag.Finding{
			ID: IDCertExpired, Severity: diag.Error, Evidence: f.evs(f.flagsEv),
			Message: fmt.Sprintf("A certificate in the chain has expired by the device's clock (MBEDTLS_X509_BADCERT_EXPIRED, %s): the server's certificate, an old intermediate, or the root the device holds; or the device clock is far ahead.", lineRef(f.flagsEv)),
			Fix:     "check the chain's dates against the device's date; replace an expired root the device holds",
		}, Next: f.probe()})
	}
	if f.flags&flagCNMismatch != 0 {
		add(Diagnosis{Finding: diag.Finding{
			ID: IDNameMismatch, Severity: diag.Error, Evidence: f.evs(f.flagsEv),
			Message: fmt.Sprintf("The server's certificate is not for the name the device asked for (MBEDTLS_X509_BADCERT_CN_MISMATCH, %s).", lineRef(f.flagsEv)),
			Fix:     "connect by the name in the certificate (not an IP address), and pass that name to mbedtls_ssl_set_hostname",
		}, Next: f.probe()})
	}
	if f.flags&(flagBadMD|flagBadPK|flagBadKey) != 0 {
		add(Diagnosis{Finding: diag.Finding{
			ID: IDBadAlgorithm, Severity: diag.Error, Evidence: f.evs(f.flagsEv),
			Message: fmt.Sprintf("The chain uses a hash, key type or key size the device's build does not accept (%s, %s).", strings.Join(flagsOf(f.flags&(flagBadMD|flagBadPK|flagBadKey), false).Names, ", "), lineRef(f.flagsEv)),
			Fix:     "enable the algorithm in the build's configuration, or embed a root whose chain the build accepts",
		}, Next: f.probe()})
	}

	// 6. Verification failed, and the log does not say why.
	if verifyFailed && f.flags == 0 && !notTrusted && !future && !has(out, IDClockOverTLS) && !has(out, IDClockUnset) {
		msg := fmt.Sprintf("Certificate verification failed (%s) and the log has no verify flags to say why.", lineRef(firstNonNil(f.codeEv, f.tlsFail)))
		if !f.anyClock {
			msg += " No clock step appears before the handshake: if the device has no clock, its date is 1970 and the certificate is 'not yet valid'."
		}
		add(Diagnosis{Finding: diag.Finding{
			ID: IDVerifyFailed, Severity: diag.Error, Evidence: f.evs(firstNonNil(f.codeEv, f.tlsFail)),
			Message:  msg,
			Fix:      "print mbedtls_ssl_get_verify_result() after the failed handshake (on ESP-IDF, set the esp-tls-mbedtls log level to debug for the verification info) and decode the value",
			Citation: citeVerify,
		}, Next: "tlsdoctor explain -0x2700 --flags VALUE"})
	}

	// 6b. An errno from the connect call of a TLS connection.
	if f.tlsFail != nil && len(out) == 0 && len(f.codes) > 0 && f.codes[0].errno != nil {
		if d, ok := errnoDiagnosis(f, &f.codes[0]); ok {
			add(d)
		}
	}

	// 7. Any other TLS failure: say what the codes mean.
	if f.tlsFail != nil && len(out) == 0 {
		if len(f.codes) > 0 {
			c := f.codes[0]
			msg := fmt.Sprintf("The TLS connection fails with %s (%s)", codeList(f.codes), lineRef(f.codeEv))
			if m := meaning(&c); m != "" {
				msg += ": " + m
			} else {
				msg += "."
			}
			fix := ""
			for _, e := range c.expl {
				phase := errcode.PhaseHandshake
				if f.codeEv.Phase == "load" {
					phase = errcode.PhaseLoad
				}
				if cs := errcode.RankCauses(e.Causes, phase); len(cs) > 0 {
					fix = cs[0].Fix
					if fix == "" {
						fix = cs[0].Text
					}
					break
				}
			}
			add(Diagnosis{Finding: diag.Finding{
				ID: IDTLSError, Severity: diag.Error, Evidence: f.evs(f.codeEv),
				Message: msg, Fix: fix, Citation: c.Token,
			}, Next: c.Explain})
		} else {
			add(Diagnosis{Finding: diag.Finding{
				ID: IDTLSFailed, Severity: diag.Error, Evidence: f.evs(f.tlsFail),
				Message: fmt.Sprintf("The TLS connection fails (%s) and the log prints no code for it.", lineRef(f.tlsFail)),
				Fix:     "raise the TLS log level (ESP-IDF: esp-tls and esp-tls-mbedtls to debug; mbedTLS: mbedtls_debug_set_threshold(3)) and capture the log again",
			}, Next: "tlsdoctor log NEW_LOG.txt"})
		}
	}

	// 8. A failure below TLS, when it comes first.
	if f.fail != nil && f.fail.Step != StepTLS && (f.tlsFail == nil || f.fail.Line < f.tlsFail.Line) {
		e := f.fail
		codes := ""
		if len(e.Codes) > 0 {
			codes = " (" + codeList(e.Codes) + ")"
		}
		d := Diagnosis{Finding: diag.Finding{Severity: diag.Error, Evidence: f.evs(e)}}
		switch e.Step {
		case StepDNS:
			d.ID, d.Next = IDDNSFailed, f.probe()
			d.Message = fmt.Sprintf("The server's name does not resolve (%s)%s: the TLS step is never reached.", lineRef(e), codes)
			d.Fix = "check the host name the firmware uses and the network's DNS server"
		case StepSocket:
			d.ID, d.Next = IDTCPFailed, f.probe()
			d.Message = fmt.Sprintf("The TCP connection to the server fails (%s)%s: the TLS step is never reached.", lineRef(e), codes)
			d.Message += socketErrnoWhy(e.Codes)
			d.Fix = "check the host, the port (8883 for MQTT over TLS, 443 for HTTPS) and any firewall between the device and the server"
		case StepLink:
			d.ID = IDLinkFailed
			d.Message = fmt.Sprintf("The device does not join the network (%s)%s.", lineRef(e), codes)
			d.Fix = "check the Wi-Fi credentials and signal, or the SIM, APN and coverage"
		case StepIP:
			d.ID = IDNoIP
			d.Message = fmt.Sprintf("The device gets no IP address (%s)%s.", lineRef(e), codes)
			d.Fix = "check DHCP on the Wi-Fi network, or the cellular APN and data plan"
		case StepClock:
			if !has(out, IDClockUnset) && !has(out, IDClockOverTLS) {
				d.ID, d.Next = IDClockUnset, "tlsdoctor explain -0x2700 --flags 0x200"
				d.Severity = diag.Warning
				d.Message = fmt.Sprintf("The device's clock is not set (%s)%s: once it connects, every certificate will look not yet valid.", lineRef(e), codes)
				d.Fix = "set the clock (SNTP, the modem's network time, an RTC) before the first TLS connection"
				d.Citation = citeFuture
			}
		case StepCloud:
			d.ID = IDCloudRefused
			d.Message = fmt.Sprintf("TLS works; the server refuses the application connection (%s)%s.", lineRef(e), codes)
			d.Fix = "check the device's credentials at the application level: the client ID, the policy attached to its certificate, the certificate's activation"
		}
		if d.ID != "" {
			add(d)
		}
	}
	if f.tlsFail == nil && f.fail != nil && f.fail.Step == StepCloud && !has(out, IDCloudRefused) {
		e := f.fail
		add(Diagnosis{Finding: diag.Finding{ID: IDCloudRefused, Severity: diag.Error, Evidence: f.evs(e),
			Message: fmt.Sprintf("TLS works; the server refuses the application connection (%s).", lineRef(e)),
			Fix:     "check the device's credentials at the application level: the client ID, the policy attached to its certificate, the certificate's activation"}})
	}

	// A failure the device got over is a warning.
	if b.Recovered {
		for i := range out {
			if out[i].Severity == diag.Error {
				out[i].Severity = diag.Warning
				out[i].Message = fmt.Sprintf("The device recovered later (it reached the %s step), but first: ", b.Reached.Title()) + out[i].Message
			}
		}
	}

	// 9. The log stops in the middle of a step.
	if f.fail == nil && len(b.Events) > 0 {
		last := &b.Events[len(b.Events)-1]
		if last.Outcome == OutcomeStart && last.Step > StepBoot && b.Reached < StepCloud {
			add(Diagnosis{Finding: diag.Finding{ID: IDStopped, Severity: diag.Warning, Evidence: f.evs(last),
				Message: fmt.Sprintf("The log ends during the %s step (%s) with no result: the device hung there, or the capture stopped too early.", last.Step.Title(), lineRef(last)),
				Fix:     "capture the log for longer; if the device hangs at this step, raise its log level for it"}})
		}
	}
	return out
}

func firstNonNil(es ...*Event) *Event {
	for _, e := range es {
		if e != nil {
			return e
		}
	}
	return nil
}

func has(ds []Diagnosis, id string) bool {
	for _, d := range ds {
		if d.ID == id {
			return true
		}
	}
	return false
}

func orWords(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func nextFor(cs []Code, alt string) string {
	if len(cs) > 0 {
		return cs[0].Explain
	}
	return alt
}

// outcomeOf describes how a boot ended, to compare boots.
func outcomeOf(b *Boot) string {
	if e := b.Failure(); e != nil {
		s := "failed at " + e.Step.Title()
		if len(e.Codes) > 0 {
			s += " (" + e.Codes[0].String() + ")"
		}
		if b.Recovered {
			s += ", then recovered"
		}
		return s
	}
	if b.Reached != StepNone {
		return "reached " + b.Reached.Title()
	}
	return "printed its banner only"
}

// earlierBoots says when boots before the diagnosed one ended differently.
func earlierBoots(l *Log) (Diagnosis, bool) {
	if l.Diagnosed <= 0 {
		return Diagnosis{}, false
	}
	last := &l.Boots[l.Diagnosed]
	want := outcomeOf(last)
	var diff []string
	var evs []diag.Evidence
	for i := 0; i < l.Diagnosed; i++ {
		b := &l.Boots[i]
		if !bootHasRun(b) {
			continue
		}
		if o := outcomeOf(b); o != want {
			if b.Firmware != "" && b.Firmware != last.Firmware {
				o += " running " + b.Firmware + " (boot " + fmt.Sprint(last.Index) + " runs " + orWords(last.Firmware, "an unnamed firmware") + ")"
			}
			diff = append(diff, fmt.Sprintf("boot %d (line %d) %s", b.Index, b.Line, o))
			evs = append(evs, diag.Evidence{Source: l.Source, Item: fmt.Sprintf("boot %d", b.Index), Pos: diag.Position{Offset: b.Offset, Line: b.Line, Col: 1}})
		}
	}
	if len(diff) == 0 {
		return Diagnosis{}, false
	}
	return Diagnosis{Finding: diag.Finding{
		ID: IDEarlierBoots, Severity: diag.Info, Evidence: evs,
		Message: fmt.Sprintf("The log holds %d boots; the diagnosis is of boot %d, which %s. Earlier boots differed: %s.", len(l.Boots), last.Index, want, strings.Join(diff, "; ")),
		Fix:     "compare what changed between the boots (firmware flashed, credentials provisioned, network)",
	}}, true
}

func baudMismatch(l *Log, lines []line) Diagnosis {
	var ev []diag.Evidence
	for _, ln := range lines {
		if ln.garbage {
			ev = append(ev, diag.Evidence{Source: l.Source, Pos: diag.Position{Offset: ln.offset, Line: ln.line, Col: 1}})
			break
		}
	}
	return Diagnosis{Finding: diag.Finding{
		ID: IDBaudMismatch, Severity: diag.Warning, Evidence: ev,
		Message: fmt.Sprintf("%d lines (first at line %d) are unreadable bytes and were skipped, as a terminal set to the wrong baud rate shows. A few at a reset are normal (the ESP8266 ROM prints at 74880 baud); many mean the capture missed what the device said.", l.Cleaning.GarbageLines, l.Cleaning.FirstGarbageLine),
		Fix:     "capture at the device's baud rate (115200 for ESP32 and most boards)",
	}}
}
