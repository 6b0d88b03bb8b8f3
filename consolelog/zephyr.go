package consolelog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
)

// notePlatform remembers what a line tells about the device and its
// connection: that the connection is TLS, that a cellular modem runs the
// TLS (the nRF91, whose modem firmware holds the root CA in a sec_tag), and
// that the log's format tells how to read errno values.
func (a *Annotator) notePlatform(p prefix, full string) {
	if errnoStack(p.format) {
		a.errnoOK = true
	}
	tag := strings.ToLower(p.tag)
	switch tag {
	case "lte_lc", "nrf_modem", "nrf_modem_lib", "modem_key_mgmt", "nrf_modem_lib_trace", "modem_info":
		a.modem = true
	}
	for _, w := range [...]string{"lte link", "lte network", "+cereg", "%cmng", "modem_key_mgmt", "nrf_modem", "sec_tag", "lte_lc"} {
		if strings.Contains(full, w) {
			a.modem = true
			break
		}
	}
	for _, w := range [...]string{":8883", ":443", ":8443", ":5684", ":8884", "mqtts://", "https://", "wss://", "tls", "ssl", "sec_tag", "%cmng", "x509", "certificate", "mbedtls"} {
		if strings.Contains(full, w) {
			a.tlsCtx = true
			break
		}
	}
}

// cmngReply reads the nRF91 modem's %CMNG list or read reply,
// "%CMNG: <sec_tag>,<type>,"<SHA-256>"[,"<content>"]" (nRF91 AT Commands
// Reference, credential storage management %CMNG; type 0 is the root CA,
// 1 the client certificate, 2 the client private key).
func (a *Annotator) cmngReply(ev *Event, s string) bool {
	if !strings.HasPrefix(strings.ToUpper(s), "%CMNG:") {
		return false
	}
	a.modem, a.tlsCtx = true, true
	f := strings.Split(s[len("%CMNG:"):], ",")
	if len(f) < 2 {
		return false
	}
	ev.Format = FormatAT
	ev.secTag = strings.TrimSpace(f[0])
	ev.Step, ev.Outcome = StepTLS, OutcomeNone
	switch strings.TrimSpace(f[1]) {
	case "0":
		ev.caStored = true
		ev.Summary = "sec_tag " + ev.secTag + " holds a root CA"
	case "1":
		ev.Summary = "sec_tag " + ev.secTag + " holds a client certificate"
	case "2":
		ev.Summary = "sec_tag " + ev.secTag + " holds a client private key"
	default:
		ev.Summary = "sec_tag " + ev.secTag + " holds a credential of type " + strings.TrimSpace(f[1])
	}
	return true
}

// withErrno adds the errno values a line prints to the codes errcode read,
// and drops errcode's readings of the same numbers: on a Zephyr, ESP-IDF or
// FreeRTOS line "-113" is ECONNABORTED, not wolfSSL's MP_TO_E.
func (a *Annotator) withErrno(codes []Code, msg, full string) []Code {
	ctx := errnoContext{
		dns:        strings.Contains(full, "getaddrinfo") || strings.Contains(full, "dns") || strings.Contains(full, "resolv"),
		credential: isCredentialLine(full),
	}
	for _, w := range [...]string{"connect()", "socket()", "send()", "recv()", "setsockopt", "connect failed", "connect() failed"} {
		if strings.Contains(full, w) {
			ctx.socketCall = true
			break
		}
	}
	ens := errnoCodes(msg, ctx)
	if len(ens) == 0 {
		return codes
	}
	var keep []Code
	for _, c := range codes {
		dup := false
		for _, e := range ens {
			t := strings.TrimSpace(c.Token)
			if t == e.Token || strings.HasSuffix(e.Token, t) || c.Value == e.Value || c.Value == -e.Value {
				dup = true
				break
			}
		}
		if !dup {
			keep = append(keep, c)
		}
	}
	for i := range ens {
		ens[i].next = a.errnoNext(&ens[i], ctx)
		ens[i].Explain = ens[i].next
		if ens[i].Stack == "errno" {
			ens[i].Explain = "tlsdoctor explain " + strconv.FormatInt(ens[i].Value, 10) + " --stack errno"
		}
	}
	return append(keep, ens...)
}

// errnoNext is the command to run after an errno: what confirms the cause,
// where `tlsdoctor explain` (Code.Explain) only says what it means.
func (a *Annotator) errnoNext(c *Code, ctx errnoContext) string {
	host := a.host
	if host == "" {
		host = "HOST"
	}
	switch {
	case ctx.credential && a.modem:
		return "tlsdoctor provision --port PORT --dialogue nrf91 --cert ROOT_CA.pem --dry-run"
	}
	// The probe shows whether the server answers, its chain, the root to
	// hold and the chain's size (for a memory errno).
	return "tlsdoctor probe " + host
}

// isCredentialLine reports whether a line is about the device's TLS
// credentials (nRF Connect SDK modem_key_mgmt, %CMNG, a provisioning step).
func isCredentialLine(full string) bool {
	for _, w := range [...]string{"modem_key_mgmt", "%cmng", "provision", "credential", "sec_tag", "certificate", "root ca", "ca cert"} {
		if strings.Contains(full, w) {
			return true
		}
	}
	return false
}

func firstErrno(cs []Code) *Code {
	for i := range cs {
		if cs[i].errno != nil {
			return &cs[i]
		}
	}
	return nil
}

// errnoStep places a line by its errno. A connect errno is a failure of
// the transport: the TCP connect, or, where the connection is TLS and the
// TLS runs in the connect call, the TLS handshake. Zephyr's mqtt_connect()
// does the socket connect (and the handshake) before it sends CONNECT
// (zephyrproject-rtos/zephyr subsys/net/lib/mqtt/mqtt.c, mqtt_connect ->
// client->transport.connect), so its errno never means the broker said no.
//
//   - The nRF91 modem runs TCP and TLS inside connect(): a failed handshake
//     comes back as ECONNREFUSED (a root CA the server no longer chains to
//     gave errno 111 with the modem's TLS; nrfconnect/sdk-nrf#13808).
//   - Zephyr's own TLS sockets turn every mbedTLS handshake error into
//     ECONNABORTED and a handshake timeout into ETIMEDOUT
//     (subsys/net/lib/sockets/sockets_tls.c, tls_mbedtls_handshake), after
//     logging "TLS handshake error: -0x...".
func (a *Annotator) errnoStep(ev *Event, c *Code, full string) {
	e := c.errno
	switch e.class {
	case errnoDNS:
		ev.Step, ev.Outcome = StepDNS, OutcomeFail
		ev.Summary = "the server's name did not resolve (" + e.name + ")"
		return
	case errnoConnect:
		if ev.Step != StepNone && ev.Step != StepSocket && ev.Step != StepTLS && ev.Step != StepCloud {
			return
		}
		step := StepSocket
		switch e.name {
		case "ECONNREFUSED":
			if a.tlsCtx && a.modem {
				step = StepTLS
			}
		case "ECONNABORTED":
			if a.tlsCtx {
				step = StepTLS
			}
		case "ETIMEDOUT", "ECONNRESET", "EPIPE", "ENOTCONN":
			if a.tlsCtx && (a.modem || a.handshake) {
				step = StepTLS
			}
		}
		ev.Step, ev.Outcome = step, OutcomeFail
		ev.Summary = "the connect failed: " + e.name + " (" + e.text + ")"
		if step == StepTLS {
			ev.Phase = "handshake"
			if a.modem {
				ev.Summary = "the modem's TCP/TLS connect failed: " + e.name + " (" + e.text + ")"
			}
		}
	default:
		if isCredentialLine(full) {
			ev.Step, ev.Outcome, ev.Phase = StepTLS, OutcomeFail, "load"
			ev.Summary = "storing or reading a TLS credential failed: " + e.name + " (" + e.text + ")"
		}
	}
}

// zephyrFailWords reports whether a message says something failed.
func zephyrFailWords(low string) bool {
	for _, w := range [...]string{"fail", "error", "could not", "couldn't", "unable", "cannot", "can't", "timed out", "timeout"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// connackResult reads the return code on a CONNACK line ("MQTT_EVT_CONNACK:
// result 5", "CONNACK received, return code 5"), or -1. MQTT 3.1.1 section
// 3.2.2.3: 0 accepted, 1-5 refused.
func connackResult(low string) int {
	for _, w := range [...]string{"result", "return code", "rc", "connack:"} {
		i := strings.Index(low, w)
		if i < 0 {
			continue
		}
		j := i + len(w)
		for j < len(low) && (low[j] == ' ' || low[j] == ':' || low[j] == '=') {
			j++
		}
		k := j
		for k < len(low) && low[k] >= '0' && low[k] <= '9' {
			k++
		}
		if k > j && k-j <= 3 {
			v, _ := strconv.Atoi(low[j:k])
			return v
		}
	}
	return -1
}

// secTagIn returns the sec_tag a line names ("sec_tag 42", "sec tag: 42",
// "security tag 16842753"), or "".
func secTagIn(low string) string {
	for _, w := range [...]string{"sec_tag", "sec tag", "security tag"} {
		i := strings.Index(low, w)
		if i < 0 {
			continue
		}
		j := i + len(w)
		for j < len(low) && j < i+len(w)+4 && (low[j] == ' ' || low[j] == ':' || low[j] == '=' || low[j] == '(' || low[j] == '#') {
			j++
		}
		k := j
		for k < len(low) && low[k] >= '0' && low[k] <= '9' {
			k++
		}
		if k > j && k-j <= 10 {
			return low[j:k]
		}
	}
	return ""
}

// Citations for the errno diagnoses.
const (
	citeNRFRefused = "nrfconnect/sdk-nrf#13808 (a root CA the server no longer chains to: connect() errno 111 with the modem's TLS, 113 with native mbedTLS); " +
		"devzone.nordicsemi.com/f/nordic-q-a/126485 (mqtt_helper: mqtt_connect, error: -111); " +
		"devzone.nordicsemi.com/f/nordic-q-a/85312 (%CMNG provisioning, SNI from modem firmware 1.2.1)"
	citeZephyrTLS = "zephyrproject-rtos/zephyr subsys/net/lib/sockets/sockets_tls.c, tls_mbedtls_handshake (ECONNABORTED after any mbedTLS handshake error, ETIMEDOUT after a handshake timeout); zephyrproject-rtos/zephyr#104155"
)

// nrf91Fix is how to put the right root CA into the modem.
func nrf91Fix(secTag string) string {
	tag := secTag
	if tag == "" {
		tag = "SEC_TAG"
	}
	return "find the root the server's chain ends at (tlsdoctor probe shows it) and store it as the root CA (type 0) of the sec_tag the socket uses, with the modem offline: AT+CFUN=4, then AT%CMNG=0," + tag + ",0,\"<PEM>\"; " +
		"tlsdoctor provision --port PORT --dialogue nrf91 --cert ROOT_CA.pem --var sec_tag=" + tag + " sends it and reads it back. " +
		"Set TLS_HOSTNAME on the socket to the server's name (the modem sends it as SNI and checks the certificate against it), and connect only once the modem has network time"
}

// errnoDiagnosis explains an errno returned by the connect call of a TLS
// connection.
func errnoDiagnosis(f *facts, c *Code) (Diagnosis, bool) {
	host := f.host
	if host == "" {
		host = "the server"
	}
	e := f.codeEv
	ref := lineRef(e)
	switch {
	case c.Name == "ECONNREFUSED" || c.Name == "ECONNABORTED" && f.modem:
		id := IDTLSRefused
		if c.Name == "ECONNABORTED" {
			id = IDTLSAborted
		}
		msg := fmt.Sprintf("The connect to %s fails with %s (%s). The nRF91's modem runs the TLS handshake inside connect() (mqtt_connect calls it), and a handshake the modem gives up on comes back as this errno, the same one a closed port gives. "+
			"The usual reason is the root CA: the sec_tag the socket uses holds none, or not the root the server's chain ends at (the endpoint moved to another CA).", host, c.String(), ref)
		switch {
		case f.caStored != nil:
			msg += fmt.Sprintf(" The log shows a root CA stored in sec_tag %s (%s), so a wrong root for this server is likelier than a missing one; check too that the socket's TLS_SEC_TAG_LIST names that sec_tag.", f.caStored.secTag, lineRef(f.caStored))
		case f.secTag != "":
			msg += fmt.Sprintf(" The firmware names sec_tag %s: check that it holds the root CA (AT%%CMNG=1,%s lists it).", f.secTag, f.secTag)
		}
		msg += " Less often: the modem has no network time yet, so it cannot check the certificate's dates; the server needs SNI and TLS_HOSTNAME was not set; or nothing listens on that port."
		return Diagnosis{Finding: diag.Finding{
			ID: id, Severity: diag.Error, Evidence: f.evs(e, f.caStored),
			Message: msg, Fix: nrf91Fix(f.secTag), Citation: citeNRFRefused,
		}, Next: f.probe()}, true
	case c.Name == "ECONNABORTED":
		return Diagnosis{Finding: diag.Finding{
			ID: IDTLSAborted, Severity: diag.Error, Evidence: f.evs(e),
			Message:  fmt.Sprintf("The TLS handshake with %s is aborted: %s (%s). Zephyr's TLS sockets return ECONNABORTED for every mbedTLS handshake error and log the mbedTLS code on the line before (\"net_sock_tls: TLS handshake error: -0x...\"); this log does not show it.", host, c.String(), ref),
			Fix:      "enable the sockets' error log (CONFIG_NET_SOCKETS_LOG_LEVEL_ERR or _DBG) to see the mbedTLS code and explain it with tlsdoctor explain; the common causes are a root CA the server's chain does not end at (-0x2700 with the NOT_TRUSTED flag) and a certificate chain larger than CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN",
			Citation: citeZephyrTLS,
		}, Next: f.probe()}, true
	case c.Name == "ETIMEDOUT":
		msg := fmt.Sprintf("The connect to %s times out: %s (%s). With TLS inside the connect call the time covers the TCP connect and the handshake: the server did not answer on that port, a firewall drops the packets, or the link is too slow for the server's certificate chain to arrive in time.", host, c.String(), ref)
		fix := "check the host and port from another network with tlsdoctor probe (it shows the chain's size too); raise the socket's timeout for a slow link"
		if f.modem {
			msg += " On a cellular modem, weak coverage, NB-IoT's low rate or a modem still in power saving (PSM, eDRX) make a handshake of several kilobytes slow."
			fix += "; check the signal (AT+CESQ) and that the modem is registered (+CEREG: 1 or 5) before connecting"
		}
		return Diagnosis{Finding: diag.Finding{
			ID: IDConnectTimeout, Severity: diag.Error, Evidence: f.evs(e),
			Message: msg, Fix: fix, Citation: citeZephyrTLS,
		}, Next: f.probe()}, true
	case c.Name == "ECONNRESET" || c.Name == "EPIPE" || c.Name == "ENOTCONN":
		return Diagnosis{Finding: diag.Finding{
			ID: IDTLSAborted, Severity: diag.Error, Evidence: f.evs(e),
			Message: fmt.Sprintf("%s closed the connection during the TLS handshake: %s (%s). A server does this when it accepts nothing the device offered (TLS version, cipher suites, no SNI) or rejects the client certificate.", upperFirst(host), c.String(), ref),
			Fix:     "compare what the server accepts (tlsdoctor probe) with the device's TLS version and cipher suites; set the server name for SNI; for mutual TLS check that the client certificate is registered and active",
		}, Next: f.probe()}, true
	}
	return Diagnosis{Finding: diag.Finding{
		ID: IDTLSError, Severity: diag.Error, Evidence: f.evs(e),
		Message: fmt.Sprintf("The TLS connection fails with %s (%s): %s.", c.String(), ref, c.errno.text),
		Fix:     "look at the call that returned it (socket options, credentials, memory) in the lines before",
	}, Next: f.probe()}, true
}

// socketErrnoWhy says what a connect errno means for a plain TCP connect.
func socketErrnoWhy(cs []Code) string {
	c := firstErrno(cs)
	if c == nil {
		return ""
	}
	switch c.Name {
	case "ECONNREFUSED":
		return " The server (or a firewall) answered the TCP connect with a reset: nothing listens on that port."
	case "ETIMEDOUT":
		return " Nothing answered the TCP connect: a wrong address, a firewall dropping the packets, or no route out."
	case "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EHOSTDOWN":
		return " The device has no route to the server: the link or IP step is not really up."
	case "ECONNABORTED", "ECONNRESET":
		return " The connection was closed while it was being set up."
	}
	return " " + upperFirst(c.errno.text) + "."
}

// startBoot forgets the state at a new boot and keeps what the banner
// itself tells: a Zephyr banner or an ESP32 ROM line fixes the errno
// numbering for the plain printk/printf lines that follow.
func (a *Annotator) startBoot(ev *Event) {
	a.reset()
	if ev.Format == FormatZephyr || ev.Format == FormatESPROM {
		a.errnoOK = true
	}
}
