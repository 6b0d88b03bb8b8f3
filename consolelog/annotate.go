package consolelog

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Annotation is what one console line tells about a failure: the step, the
// decoded codes and verify flags, a one-line cause in our words and the
// tlsdoctor command to run next.
type Annotation struct {
	Step    Step    `json:"step"`
	Outcome Outcome `json:"outcome"`
	Codes   []Code  `json:"codes,omitempty"`
	Flags   *Flags  `json:"verify_flags,omitempty"`
	// Cause is one line: "the clock is unset, so the server's certificate
	// is not yet valid".
	Cause string `json:"cause"`
	// Next is the command to run next ("tlsdoctor explain -0x2700 --flags 0x200").
	Next string `json:"next,omitempty"`
}

// Annotator reads console lines one at a time, as a live console view
// receives them, and annotates those that carry an error. It keeps a little
// state between lines, because devices spread one failure over several:
// the verify flags or verify-info text come on the lines after
// "mbedtls_ssl_handshake returned -0x2700", a clock printed as 1970 earlier
// explains a later "not yet valid", and the server name comes from the line
// that started the connection. Create one per console (NewAnnotator); it is
// not safe for concurrent use.
//
// Each call costs a few microseconds for an ordinary line (no regular
// expression is compiled per call; the few used are compiled once, on first
// use) and some tens of microseconds for a line with an error code, which
// errcode.Explain decodes.
type Annotator struct {
	lastFail   Step // step of the latest failure
	sinceFail  int  // events since it
	lastStart  Step
	host       string
	clockUnset bool
	clockSet   bool
	handshake  bool // the handshake itself started (not only the CA load)
	caLoading  bool
	atTLS      bool // the modem was configured for TLS
	// tlsCtx is set once a line shows the connection is TLS (port 8883 or
	// 443, mqtts://, a sec_tag, TLS words); modem once the device shows a
	// cellular modem that runs TLS itself (nRF91: lte_lc, nrf_modem,
	// %CMNG); errnoOK once a line's format tells the errno numbering.
	tlsCtx  bool
	modem   bool
	errnoOK bool
	// The latest error code, for flags printed on a later line.
	lastCode  *Code
	sinceCode int
	lastFlags uint32
}

// NewAnnotator returns an Annotator for one console.
func NewAnnotator() *Annotator { return &Annotator{} }

// reset forgets the state at a new boot.
func (a *Annotator) reset() { *a = Annotator{} }

// Line annotates one raw console line (with or without its line end; ANSI
// colour codes, a terminal program's timestamp and stray unprintable bytes
// are removed here). It returns false for a line that shows no failure:
// progress, successes, and lines it does not know.
func (a *Annotator) Line(raw string) (Annotation, bool) {
	text, _, _, garbage := cleanLine([]byte(strings.TrimRight(raw, "\r\n")))
	if garbage {
		return Annotation{}, false
	}
	t, _ := stripTimestamp(text)
	t = strings.TrimSpace(t)
	if t == "" {
		return Annotation{}, false
	}
	if a.lastCode != nil {
		a.sinceCode++
	}
	ev, ok := a.classify(t)
	if !ok {
		return Annotation{}, false
	}
	if ev.bootMarker {
		a.startBoot(&ev)
	}
	if ev.Outcome != OutcomeFail && len(ev.Codes) == 0 && ev.Flags == nil {
		return Annotation{}, false
	}
	if allStates(ev.Codes) && ev.Outcome != OutcomeFail {
		return Annotation{}, false
	}
	an := Annotation{Step: ev.Step, Outcome: ev.Outcome, Codes: ev.Codes, Flags: ev.Flags}
	// Flags on their own line complete the code printed just before.
	var code *Code
	if len(ev.Codes) > 0 {
		c := ev.Codes[0]
		code = &c
		a.lastCode, a.sinceCode = &c, 0
	} else if a.lastCode != nil && a.sinceCode <= 6 {
		code = a.lastCode
	}
	flags := uint32(0)
	if ev.Flags != nil {
		flags = ev.Flags.Value
		if ev.Flags.FromText {
			// Verify-info lines come one flag a line: gather them.
			flags |= a.lastFlags
		}
		a.lastFlags = flags
	}
	an.Cause, an.Next = a.cause(&ev, code, flags)
	return an, true
}

// AnnotateLine annotates one line without context: Line on a fresh
// Annotator. A console view should keep one Annotator instead, so that
// flags and dates on other lines count.
func AnnotateLine(line string) (Annotation, bool) {
	return NewAnnotator().Line(line)
}

// cause words the one-line cause and the next command for an event.
func (a *Annotator) cause(ev *Event, code *Code, flags uint32) (string, string) {
	host := a.host
	if host == "" {
		host = "HOST"
	}
	probe := "tlsdoctor probe " + host
	if flags != 0 {
		next := fmt.Sprintf("tlsdoctor explain -0x2700 --flags 0x%X", flags)
		switch {
		case flags&flagFuture != 0 && a.clockUnset:
			return "the device clock is unset (it printed a date before 2020), so the server's certificate is not yet valid", next
		case flags&flagFuture != 0:
			return "a certificate is not yet valid by the device's clock: the clock is unset or behind", next
		case flags&flagNotTrusted != 0:
			return "the root CA on the device did not sign the server's chain: wrong or missing root for this server", probe
		case flags&flagExpired != 0:
			return "a certificate in the chain has expired by the device's clock (or the clock is ahead)", probe
		case flags&flagCNMismatch != 0:
			return "the server's certificate is not for the host name the device asked for", probe
		case flags&(flagBadMD|flagBadPK|flagBadKey) != 0:
			return "the chain uses an algorithm or key size this build does not accept", probe
		case flags&flagMissing != 0:
			return "the server sent no certificate", probe
		}
		return "the server's certificate failed verification: " + strings.Join(flagsOf(flags, false).Names, ", "), next
	}
	if code != nil {
		return a.codeCause(ev, code, probe)
	}
	switch ev.Step {
	case StepDNS:
		return "the server's name did not resolve: check the host name and the network's DNS", probe
	case StepSocket:
		return "the TCP connection to the server failed: check the host, the port and any firewall", probe
	case StepLink:
		return "the device did not join the network (Wi-Fi credentials, signal, SIM or APN)", ""
	case StepIP:
		return "the device got no IP address (DHCP or the cellular data context)", ""
	case StepClock:
		return "the device clock is not set: every certificate will look not yet valid", "tlsdoctor explain -0x2700 --flags 0x200"
	case StepCloud:
		return "TLS worked; the server refused the application connection (credentials, policy, client ID)", ""
	case StepTLS:
		if ev.Phase == "load" {
			return "the root CA could not be loaded: it is missing or its bytes are not a certificate", "tlsdoctor check ROOT_CA.pem"
		}
		return "the TLS connection failed; the line before this one usually says why", ""
	}
	return "the device reported an error", ""
}

// codeCause words the cause of a decoded code.
func (a *Annotator) codeCause(ev *Event, c *Code, probe string) (string, string) {
	name := c.Name
	if c.errno != nil {
		return a.errnoCause(ev, c)
	}
	switch {
	case isParse([]Code{*c}) && ev.Phase != "handshake":
		return "the root CA bytes the device loaded do not parse: it was never provisioned, or stored damaged", "tlsdoctor check ROOT_CA.pem"
	case strings.Contains(name, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"):
		if a.clockUnset {
			return "certificate verification failed while the device clock is unset: the certificate looks not yet valid", "tlsdoctor explain -0x2700 --flags 0x200"
		}
		return "the server's certificate chain failed verification; print the verify flags (mbedtls_ssl_get_verify_result) to see why", "tlsdoctor explain -0x2700 --flags VALUE"
	case name == "ASN_NO_SIGNER_E", name == "BR_ERR_X509_NOT_TRUSTED":
		return "no root CA loaded on the device signed the server's chain: wrong or missing root", probe
	case name == "ASN_BEFORE_DATE_E", name == "BR_ERR_X509_EXPIRED" && a.clockUnset:
		return "the certificate is not yet valid by the device's clock: set the clock before connecting", c.Explain
	case name == "ASN_AFTER_DATE_E", name == "BR_ERR_X509_EXPIRED":
		return "a certificate is outside its validity period by the device's clock (expired, or the clock is unset)", c.Explain
	case name == "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED":
		return "the TLS handshake failed; the mbedTLS code logged with it says why", c.Explain
	}
	if c.kind == errcode.KindAlert {
		return "the TLS peer sent alert " + c.Name + ": " + firstSentence(meaning(c)), c.Explain
	}
	if m := meaning(c); m != "" {
		return firstSentence(m), c.Explain
	}
	if c.Text != "" {
		return c.Text, c.Explain
	}
	return c.Name, c.Explain
}

func meaning(c *Code) string {
	if c.errno != nil {
		return c.errno.text + "."
	}
	for _, e := range c.expl {
		if e.Meaning != "" {
			return e.Meaning
		}
	}
	return ""
}

// firstSentence cuts text at its first sentence end, without its period.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == ':' && i > 40) && s[i+1] == ' ' {
			return s[:i]
		}
	}
	return strings.TrimSuffix(s, ".")
}

// errnoCause words the cause of an errno, by the step it failed.
func (a *Annotator) errnoCause(ev *Event, c *Code) (string, string) {
	switch {
	case ev.Step == StepTLS && ev.Phase == "load":
		return "storing or reading the TLS credential failed: " + c.errno.text, c.next
	case ev.Step == StepTLS && a.modem && (c.Name == "ECONNREFUSED" || c.Name == "ECONNABORTED"):
		return "the modem's TLS handshake failed (or the port is closed): most often the sec_tag holds no root CA, or not the one the server's chain ends at", c.next
	case ev.Step == StepTLS && c.Name == "ECONNABORTED":
		return "the TLS handshake failed; the mbedTLS code on the net_sock_tls line before says why", c.next
	case c.Name == "ETIMEDOUT":
		return "the connect timed out: no answer on that port, a firewall dropping packets, or a link too slow for the handshake", c.next
	case ev.Step == StepSocket && c.Name == "ECONNREFUSED":
		return "the TCP connect was refused: nothing listens on that port", c.next
	case ev.Step == StepDNS:
		return "the server's name did not resolve: " + c.errno.text, c.next
	}
	return c.Name + ": " + c.errno.text, c.next
}
