package errcode

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The errno values of the C libraries embedded TLS runs on, and our
// explanations of the ones TLS users meet at the socket under their TLS.
//
// One numbering only: newlib's (newlib/libc/include/sys/errno.h), which
// picolibc keeps and Zephyr's minimal libc copies
// (zephyrproject-rtos/zephyr lib/libc/minimal/include/errno.h@1cde741f5d06).
// ESP-IDF's lwIP takes <errno.h> from newlib (components/lwip/port/esp32xx/
// include/arch/cc.h leaves LWIP_PROVIDE_ERRNO unset), FreeRTOS+TCP's
// pdFREERTOS_ERRNO_* (include/projdefs.h) are a subset with the same values,
// and the nRF Connect SDK turns the nRF91 modem's NRF_E* values into these
// before the application sees them (nrfconnect/sdk-nrf
// lib/nrf_modem_lib/nrf_modem_os.c). Linux and lwIP's own table
// (LWIP_PROVIDE_ERRNO) number the network errors differently (there 113 is
// EHOSTUNREACH, 110 ETIMEDOUT, 115 EINPROGRESS), and Zephyr's minimal libc
// before it took the newlib values used BSD numbers (ECONNREFUSED 61): this
// table reads neither.

const (
	errnoSource = "newlib/libc/include/sys/errno.h; zephyrproject-rtos/zephyr lib/libc/minimal/include/errno.h@1cde741f5d06"
	errnoModule = "newlib/Zephyr errno"
	// errnoTableRelease names the headers for TableReleases.
	errnoTableRelease = "newlib sys/errno.h, Zephyr minimal libc errno.h@1cde741f5d06"
)

var errnoCodesLazy lazy.Value[[]Code]

// errnoCodes are the errno values, sorted by value; where two names share a
// value (EWOULDBLOCK is EAGAIN) the usual name comes first and a number reads
// as it. Text is ours, in a phrase that reads after "errno N: ".
func errnoCodes() []Code { return errnoCodesLazy.Get(buildErrnoCodes) }

func buildErrnoCodes() []Code {
	c := func(v int64, name, text string) Code {
		return Code{Stack: Errno, Name: name, Value: v, Module: errnoModule, Text: text, Source: errnoSource}
	}
	return []Code{
		c(1, "EPERM", "Operation not permitted."),
		c(2, "ENOENT", "No such entry (file, credential or object)."),
		c(5, "EIO", "Input/output error."),
		c(9, "EBADF", "Bad socket or file descriptor: the socket was closed or never opened."),
		c(11, "EAGAIN", "Try again: the operation would block, or a resource is busy."),
		c(11, "EWOULDBLOCK", "The operation would block (the same value as EAGAIN)."),
		c(12, "ENOMEM", "Out of memory."),
		c(13, "EACCES", "Permission denied."),
		c(14, "EFAULT", "Bad address, or a generic failure some libraries report with it."),
		c(16, "EBUSY", "Device or resource busy."),
		c(22, "EINVAL", "Invalid argument."),
		c(23, "ENFILE", "Too many open files in the system."),
		c(24, "EMFILE", "No free socket or file descriptor."),
		c(28, "ENOSPC", "No space left."),
		c(32, "EPIPE", "Broken pipe: the connection was closed before the write."),
		c(71, "EPROTO", "Protocol error."),
		c(77, "EBADMSG", "Bad message."),
		c(88, "ENOSYS", "Function not implemented in this build."),
		c(95, "EOPNOTSUPP", "Operation not supported on this socket."),
		c(104, "ECONNRESET", "Connection reset by the peer."),
		c(105, "ENOBUFS", "No buffer space available."),
		c(106, "EAFNOSUPPORT", "Address family not supported (IPv6 address on an IPv4-only link, or the reverse)."),
		c(107, "EPROTOTYPE", "Protocol wrong type for socket."),
		c(108, "ENOTSOCK", "Not a socket."),
		c(109, "ENOPROTOOPT", "Protocol option not available (a socket option this stack or modem lacks)."),
		c(111, "ECONNREFUSED", "Connection refused."),
		c(112, "EADDRINUSE", "Address already in use."),
		c(113, "ECONNABORTED", "Connection aborted."),
		c(114, "ENETUNREACH", "Network unreachable."),
		c(115, "ENETDOWN", "Network is down."),
		c(116, "ETIMEDOUT", "Connection timed out."),
		c(117, "EHOSTDOWN", "Host is down."),
		c(118, "EHOSTUNREACH", "No route to host."),
		c(119, "EINPROGRESS", "Operation in progress (a non-blocking connect not finished)."),
		c(120, "EALREADY", "Operation already in progress."),
		c(122, "EMSGSIZE", "Message too long."),
		c(123, "EPROTONOSUPPORT", "Protocol not supported (on an nRF91: a TLS version or socket type the modem firmware lacks)."),
		c(125, "EADDRNOTAVAIL", "Address not available."),
		c(126, "ENETRESET", "Connection dropped by the network."),
		c(127, "EISCONN", "Socket already connected."),
		c(128, "ENOTCONN", "Socket not connected."),
		c(134, "ENOTSUP", "Not supported."),
		c(140, "ECANCELED", "Operation canceled."),
	}
}

// ErrnoByValue returns the errno with a value (positive, as errno holds it)
// in the newlib/Zephyr numbering; where two names share the value, the
// usual one (EAGAIN, not EWOULDBLOCK).
func ErrnoByValue(v int64) (Code, bool) {
	for _, c := range errnoCodes() {
		if c.Value == v {
			return c, true
		}
	}
	return Code{}, false
}

// errnoByName returns the errno with a name, in capitals.
func errnoByName(name string) (Code, bool) {
	for _, c := range errnoCodes() {
		if c.Name == name {
			return c, true
		}
	}
	return Code{}, false
}

// errnoHints are words of a log line that say its numbers are errno values:
// a socket or MQTT call, Zephyr's log format, the nRF91's libraries.
var errnoHints = [...]string{
	"errno", "mqtt_connect", "connect()", "connect failed", "connect() failed", "zsock_", "net_sock", "socket",
	"send()", "recv()", "send failed", "recv failed", "setsockopt", "<err>", "nrf_modem", "lte_lc", "sec_tag",
	"http_client", "poll()",
}

// errnoLine reports whether a lower-cased log line says its numbers are
// errno values.
func errnoLine(l string) bool {
	return containsAny(l, errnoHints[:]...)
}

// dnsLine reports whether a lower-cased line is about name resolution:
// there Zephyr's getaddrinfo returns DNS_EAI_* (-1 to -12), not errno
// (zephyrproject-rtos/zephyr include/zephyr/net/dns_resolve.h).
func dnsLine(l string) bool {
	return containsAny(l, "getaddrinfo", "dns", "resolv")
}

// errnoFirst keeps, on a line about a socket or MQTT call, only the errno
// reading of each number read as an errno ("mqtt_connect, error: -111" is
// ECONNREFUSED, not wolfSSL's MP_READ_E); other tokens keep their readings
// (an mbedTLS -0x2700 on the same line).
func errnoFirst(rs []Reading) []Reading {
	errnoTok := map[string]bool{}
	for _, r := range rs {
		if r.Stack == Errno {
			errnoTok[r.Token] = true
		}
	}
	if len(errnoTok) == 0 {
		return rs
	}
	var out []Reading
	for _, r := range rs {
		if r.Stack == Errno || !errnoTok[r.Token] {
			out = append(out, r)
		}
	}
	return out
}

// errnoTagged reports whether tok follows the word "errno" in a line
// ("errno 113", "errno: 0x71", "errno=-9").
func errnoTagged(line, tok string) bool {
	l := strings.ToLower(line)
	for off := 0; ; {
		i := strings.Index(l[off:], "errno")
		if i < 0 {
			return false
		}
		j := off + i + len("errno")
		for j < len(l) && j-(off+i) < len("errno")+4 && strings.IndexByte(" :=(", l[j]) >= 0 {
			j++
		}
		if strings.HasPrefix(l[j:], strings.ToLower(tok)) {
			return true
		}
		off = j
	}
}

// errnoReading reads a number as an errno: the value itself or, as Zephyr
// and the nRF Connect SDK return them, its negation. Explained errnos (the
// ones TLS users meet) outrank a library code of the same number; the rest
// rank below it.
func errnoReading(n number, opt Options, res *Result) []Reading {
	v := n.value
	abs := v
	if abs < 0 {
		abs = -abs
	}
	line := ""
	if res != nil {
		line = strings.ToLower(res.Input)
	}
	tagged := res != nil && errnoTagged(res.Input, n.token)
	if n.base == 16 && !tagged && opt.Stack != Errno {
		return nil // hex is an errno only where the line says so (esp-mqtt: "errno: 0x71")
	}
	if n.ext32 || abs == 0 || (dnsLine(line) && abs <= 12 && !tagged && opt.Stack != Errno) {
		return nil
	}
	c, ok := ErrnoByValue(abs)
	if !ok {
		return nil
	}
	_, explained := findExplanation(Errno, c.Name)
	score := 55
	switch {
	case tagged:
		score = 100
	case n.sign && explained:
		score = 95
	case n.bare && explained:
		score = 45
	case n.bare:
		score = 30
	}
	note := ""
	if v < 0 {
		note = fmt.Sprintf("errno %d negated, as Zephyr and nRF Connect SDK calls return it", abs)
	}
	return []Reading{{Stack: Errno, Kind: KindCode, Token: n.token, Value: v, Note: note, Code: &c, score: score}}
}

// errnoNames reads the errno names written in a phrase ("connect failed:
// ECONNREFUSED"): whole words in capitals only.
func errnoNames(in string, opt Options) []Reading {
	if !allow(opt, Errno) {
		return nil
	}
	var rs []Reading
	for _, w := range strings.FieldsFunc(in, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') }) {
		if len(w) < 4 || w[0] != 'E' {
			continue
		}
		if c, ok := errnoByName(w); ok {
			rs = append(rs, Reading{Stack: Errno, Kind: KindCode, Token: w, Value: c.Value, Code: &c, score: 100})
		}
	}
	return rs
}

// errnoAmbiguity says, for a number read both as an errno and as a library
// code, that the function which returned it decides; "" when there is no
// such pair.
func errnoAmbiguity(rs []Reading) string {
	var e *Reading
	for i := range rs {
		if rs[i].Stack == Errno && rs[i].Code != nil {
			e = &rs[i]
			break
		}
	}
	if e == nil {
		return ""
	}
	var others []string
	for i := range rs {
		r := &rs[i]
		switch {
		case r.Token != e.Token || r.Stack == Errno:
		case r.Kind == KindCode && r.Stack == MbedTLS:
			others = append(others, "mbedTLS "+mbedLabel(r))
		case r.Kind == KindCode && r.Code != nil:
			others = append(others, r.Stack.Title()+" "+r.Code.Name)
		}
	}
	if len(others) == 0 {
		return ""
	}
	if len(others) > 2 {
		others = append(others[:2], "others")
	}
	return fmt.Sprintf("%s is errno %s (Zephyr, nRF Connect SDK, ESP-IDF lwIP, FreeRTOS+TCP) and also %s; "+
		"the call that returned it decides: a socket, MQTT or HTTP call means errno, a TLS library call that library; both are shown",
		e.Token, e.Code.Name, strings.Join(others, ", "))
}

func mbedLabel(r *Reading) string {
	for i := range r.Mbed {
		if r.Mbed[i].Known {
			return strings.Join(r.Mbed[i].PartNames(), " + ")
		}
	}
	return fmt.Sprintf("%d", r.Value)
}

// Sources of the errno explanations.
const (
	srcNRF13808     = "https://github.com/nrfconnect/sdk-nrf/issues/13808 (root CA the server no longer chains to: connect() errno 111 with the modem's TLS, 113 with native mbedTLS)"
	srcDZ126485     = "https://devzone.nordicsemi.com/f/nordic-q-a/126485 (mqtt_helper: mqtt_connect, error: -111)"
	srcDZ85312      = "https://devzone.nordicsemi.com/f/nordic-q-a/85312 (%CMNG provisioning; SNI sent only from modem firmware 1.2.1)"
	srcZephyrTLS    = "zephyrproject-rtos/zephyr subsys/net/lib/sockets/sockets_tls.c, tls_mbedtls_handshake (ECONNABORTED after an mbedTLS handshake error, ETIMEDOUT after a handshake timeout); zephyrproject-rtos/zephyr#104155"
	srcZephyrTLSCA  = "zephyrproject-rtos/zephyr subsys/net/lib/sockets/sockets_tls.c, tls_add_ca_certificate (EINVAL when mbedtls_x509_crt_parse rejects the sec_tag's CA)"
	srcZephyrTLSCtx = "zephyrproject-rtos/zephyr subsys/net/lib/sockets/sockets_tls.c, tls_alloc (ENOMEM when all CONFIG_NET_SOCKETS_TLS_MAX_CONTEXTS are in use)"
	srcZephyrMQTT   = "zephyrproject-rtos/zephyr subsys/net/lib/mqtt/mqtt.c, mqtt_connect (the transport connect, TCP and TLS, runs before CONNECT is sent)"
	srcKeyMgmt      = "nrfconnect/sdk-nrf lib/modem_key_mgmt/modem_key_mgmt.c, translate_error (%CMNG +CME ERROR 515, storage full -> ENOMEM)"
	srcLwIPErr      = "lwip src/api/err.c, err_to_errno (ERR_MEM -> ENOMEM, ERR_ABRT -> ECONNABORTED, ERR_RST -> ECONNRESET, ERR_RTE -> EHOSTUNREACH, ERR_WOULDBLOCK -> EWOULDBLOCK)"
	srcPOSIXConnect = "https://pubs.opengroup.org/onlinepubs/9699919799/functions/connect.html"
	srcPOSIXSend    = "https://pubs.opengroup.org/onlinepubs/9699919799/functions/send.html"
	srcMQTTKeep     = "MQTT 3.1.1 section 3.1.2.10 Keep Alive (the server closes a connection silent for 1.5 times the keep-alive)"
	srcAWSConn      = "https://docs.aws.amazon.com/iot/latest/developerguide/diagnosing-connectivity-issues.html"
)

// errnoExplanations are our accounts of the errnos that embedded TLS users
// see from the socket beneath (or, on the nRF91, around) their TLS.
var errnoExplanations = []Explanation{
	{
		Stack:   Errno,
		Names:   []string{"ECONNREFUSED"},
		Meaning: "The connect was refused. For plain TCP that means the server (or a firewall) answered with a reset: nothing listens on that port. On an nRF91 the modem runs the TLS handshake inside connect(), so a handshake the modem gives up on comes back as this same errno.",
		Causes: []Cause{
			{Text: "nRF91 (modem TLS): the sec_tag the socket uses holds no root CA, or not the one the server's chain ends at (the endpoint moved to another CA), so the modem's handshake fails and connect() or mqtt_connect() returns -111.",
				Fix:  "Find the root the server's chain ends at (tlsdoctor probe shows it) and store it as the root CA (type 0) of that sec_tag with the modem offline: AT+CFUN=4, then AT%CMNG=0,SEC_TAG,0,\"<PEM>\"; check the socket's TLS_SEC_TAG_LIST names that sec_tag.",
				When: PhaseAny, Source: srcNRF13808 + "; " + srcDZ126485},
			{Text: "nRF91: the server needs SNI and TLS_HOSTNAME was not set on the socket, or the modem has no network time yet and cannot check the certificate's dates.",
				Fix:  "Set TLS_HOSTNAME to the server's name before connect(); wait for network time (the LTE link up, AT+CCLK? shows the date) before the first TLS connect.",
				When: PhaseAny, Source: srcDZ85312},
			{Text: "Nothing listens on that host and port: a wrong port (1883 for 8883, 80 for 443), a wrong or stale IP address, or a firewall that rejects.",
				Fix:  "Check the host and port from a PC: tlsdoctor probe HOST:PORT connects the same way and shows whether the server answers.",
				When: PhaseNetwork, Source: srcPOSIXConnect},
		},
		Question: "Does tlsdoctor probe HOST:PORT from a PC get a TLS answer? If yes and the device is an nRF91, the modem's sec_tag (root CA, hostname, clock) is the cause; if no, the port or address is.",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Errno,
		Names:   []string{"ECONNABORTED"},
		Meaning: "The connection was aborted on the device's side. Zephyr's TLS sockets return it for every mbedTLS handshake error, so on Zephyr it usually means the handshake failed; lwIP returns it when its stack tore the connection down.",
		Causes: []Cause{
			{Text: "Zephyr native TLS (mbedTLS in the application): the handshake failed, most often on certificate verification (a root CA the server's chain does not end at) or on a server chain larger than the TLS input buffer. The mbedTLS code is logged on the line before (\"net_sock_tls: TLS handshake error: -0x...\").",
				Fix:  "Enable the sockets' error log (CONFIG_NET_SOCKETS_LOG_LEVEL_ERR or _DBG), read the mbedTLS code and run tlsdoctor explain on it; raise CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN for a large chain.",
				When: PhaseHandshake, Source: srcZephyrTLS + "; " + srcNRF13808},
			{Text: "nRF91 (modem TLS): as ECONNREFUSED, the modem's handshake failed: a missing or wrong root CA in the sec_tag.",
				Fix:  "Store the root the server's chain ends at in the socket's sec_tag (AT%CMNG=0,SEC_TAG,0,\"<PEM>\" with the modem offline).",
				When: PhaseAny, Source: srcNRF13808},
			{Text: "ESP-IDF (lwIP): the stack aborted the connection, for example out of memory for the connection or after a TLS failure in esp-tls closed it; esp-mqtt then prints \"transport's socket errno: 0x71\".",
				Fix:  "Read the esp-tls and mbedTLS errors logged before it; if there are none, check free heap around the connect.",
				When: PhaseAny, Source: srcLwIPErr},
		},
		Question: "Is there an mbedTLS code (net_sock_tls or esp-tls line) just before it? That code is the real error.",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   Errno,
		Names:   []string{"ETIMEDOUT"},
		Meaning: "The connect (or a send or receive) timed out. Where TLS runs inside the connect call (Zephyr TLS sockets, the nRF91 modem, mqtt_connect) the time covers both the TCP connect and the TLS handshake.",
		Causes: []Cause{
			{Text: "Nothing answers: a wrong address or port, or a firewall that drops the packets instead of refusing them.",
				Fix:  "Check the host and port from another network with tlsdoctor probe HOST:PORT.",
				When: PhaseNetwork, Source: srcPOSIXConnect},
			{Text: "The link is too slow for the handshake in time: a cellular modem with weak coverage, NB-IoT's low rate, a modem still in power saving (PSM, eDRX), or a server chain of several kilobytes.",
				Fix:  "Check the signal (AT+CESQ) and registration (+CEREG: 1 or 5) before connecting; raise the socket or MQTT connect timeout; serve a shorter chain.",
				When: PhaseHandshake, Source: srcZephyrTLS + "; " + srcZephyrMQTT},
		},
		Question: "Does the TCP port answer from a PC (tlsdoctor probe)? If yes, the device's link or timeout is the cause.",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Errno,
		Names:   []string{"ECONNRESET"},
		Meaning: "The server (or something on the way) reset the connection. During a TLS handshake a server does this when it will not talk to the device.",
		Causes: []Cause{
			{Text: "The server accepts nothing the device offered: TLS version, cipher suites, or a missing SNI the server needs to pick its certificate.",
				Fix:  "Compare what the server accepts (tlsdoctor probe HOST:PORT) with the device's TLS version and cipher suites; set the server name for SNI.",
				When: PhaseHandshake, Source: srcAWSConn},
			{Text: "Mutual TLS: the server rejected the device's client certificate (not registered, inactive, or no policy allows the connection), and AWS IoT, for one, just closes.",
				Fix:  "Check that the client certificate is registered and active and that its policy allows connecting with this client ID.",
				When: PhaseHandshake, Source: srcAWSConn},
			{Text: "After the handshake: the server closed an idle connection (MQTT keep-alive not sent in time), or a NAT or the cellular network dropped it.",
				Fix:  "Send MQTT PINGREQ within the keep-alive, and reconnect with backoff.",
				When: PhaseAny, Source: srcMQTTKeep},
		},
		Question: "Does it happen during the handshake (every connect) or after minutes of a working connection?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Errno,
		Names:   []string{"EHOSTUNREACH", "ENETUNREACH", "ENETDOWN"},
		Meaning: "The device has no way to the server: its network interface is down, it has no address or route yet, or the modem's data connection is not up. TLS was never reached.",
		Causes: []Cause{
			{Text: "The connect ran before the link was up: Wi-Fi not associated or no DHCP lease yet, the LTE link or PDN not active.",
				Fix:  "Connect only after the link-up event (an IP address on Wi-Fi or Ethernet, LTE registered with +CEREG: 1 or 5), and retry with backoff.",
				When: PhaseNetwork, Source: srcPOSIXConnect + "; " + srcLwIPErr},
			{Text: "The address is of a family the link lacks (an IPv6 address on an IPv4-only link, or the reverse), or no default route or gateway was configured.",
				Fix:  "Resolve with the family the link has (AF_INET), and check the gateway of a static IP setup.",
				When: PhaseNetwork, Source: srcPOSIXConnect},
		},
		Question: "Had the device an IP address (or LTE registration) when it connected?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   Errno,
		Names:   []string{"ENOMEM"},
		Meaning: "Out of memory: the socket, TLS context or buffers could not be allocated.",
		Causes: []Cause{
			{Text: "Zephyr: all TLS contexts are in use (a socket not closed after a failed connect leaks one), or the mbedTLS heap is too small for the server's chain.",
				Fix:  "Close the socket on every error path; raise CONFIG_NET_SOCKETS_TLS_MAX_CONTEXTS or CONFIG_MBEDTLS_HEAP_SIZE.",
				When: PhaseAny, Source: srcZephyrTLSCtx},
			{Text: "ESP-IDF (lwIP): the heap or lwIP's buffers ran out while the TLS handshake held the server's chain.",
				Fix:  "Check free heap before connecting; use a shorter chain or smaller TLS buffers (CONFIG_MBEDTLS_DYNAMIC_BUFFER, asymmetric content lengths).",
				When: PhaseHandshake, Source: srcLwIPErr},
			{Text: "nRF91: while storing a credential, the modem's credential storage is full (%CMNG +CME ERROR 515).",
				Fix:  "Delete unused credentials (AT%CMNG=3,SEC_TAG,TYPE) with the modem offline, then store the root CA again.",
				When: PhaseLoad, Source: srcKeyMgmt},
		},
		Question: "Does it follow a run of failed connects (a leak) or happen on the first connect (a size)?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Errno,
		Names:   []string{"EINVAL"},
		Meaning: "An argument was invalid. Around TLS this is most often a credential that does not parse or a socket option given wrong.",
		Causes: []Cause{
			{Text: "Zephyr TLS sockets: the CA registered for the sec_tag does not parse (a PEM registered with strlen(), so without its NUL, or DER given as PEM), and connect() or setsockopt(TLS_SEC_TAG_LIST) returns EINVAL.",
				Fix:  "Register a PEM with sizeof (the NUL counted) or convert it to DER; check the bytes with tlsdoctor check.",
				When: PhaseLoad, Source: srcZephyrTLSCA},
			{Text: "A socket option or address given with the wrong length or value (TLS_HOSTNAME, TLS_PEER_VERIFY, an address of the wrong family).",
				Fix:  "Check the option's value and length against its documentation, and the sockaddr's family and size.",
				When: PhaseAny, Source: srcPOSIXConnect},
		},
		Question: "Which call returned it: credential registration or connect on a TLS socket (the CA bytes), or a setsockopt (the option)?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --length strlen",
	},
	{
		Stack:   Errno,
		Names:   []string{"EAGAIN", "EWOULDBLOCK"},
		Meaning: "Try again: nothing could be done without blocking. Not a failure by itself: the socket is non-blocking, or a receive timeout (SO_RCVTIMEO) expired.",
		Causes: []Cause{
			{Text: "A receive timeout or a non-blocking socket: no data arrived in time. lwIP reports its expired SO_RCVTIMEO this way.",
				Fix:  "Treat it as \"retry\": poll() for readiness and call again; raise the timeout on a slow link.",
				When: PhaseAny, Source: srcLwIPErr},
			{Text: "The code treats it as fatal and closes a connection that was only waiting, often in the middle of the TLS handshake on a non-blocking socket.",
				Fix:  "Retry the same call (the TLS library's WANT_READ/WANT_WRITE) instead of closing.",
				When: PhaseHandshake, Source: srcPOSIXSend},
		},
		Question: "Is the socket non-blocking, or has it a receive timeout?",
	},
	{
		Stack:   Errno,
		Names:   []string{"ENOTCONN"},
		Meaning: "The socket is not connected: a send or receive on a connection that failed or was closed.",
		Causes: []Cause{
			{Text: "The connect (or TLS handshake) before it failed, and the code went on to send: the earlier error is the real one.",
				Fix:  "Check the connect's return value and read the error logged there.",
				When: PhaseAny, Source: srcPOSIXSend},
			{Text: "The server or network closed the connection (MQTT keep-alive missed, the LTE link lost).",
				Fix:  "Reconnect on ENOTCONN, and send MQTT PINGREQ within the keep-alive.",
				When: PhaseAny, Source: srcMQTTKeep},
		},
		Question: "Did the connect before it succeed?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   Errno,
		Names:   []string{"EINPROGRESS"},
		Meaning: "A non-blocking connect has started and not finished. Not an error by itself.",
		Causes: []Cause{
			{Text: "The code reads the in-progress connect as a failure.",
				Fix:  "Wait for the socket to become writable (poll() or select()), then read SO_ERROR: 0 means connected, anything else is the real error.",
				When: PhaseNetwork, Source: srcPOSIXConnect},
		},
		Question: "What does SO_ERROR say once poll() reports the socket writable?",
	},
	{
		Stack:   Errno,
		Names:   []string{"EBADF"},
		Meaning: "The socket number is not an open socket: it was never opened, or it was closed already.",
		Causes: []Cause{
			{Text: "socket() failed and its -1 was used anyway (on an nRF91, a TLS socket the modem could not create).",
				Fix:  "Check socket()'s return value and log its errno: that is the real error.",
				When: PhaseAny, Source: srcPOSIXConnect},
			{Text: "An error path closed the socket and a retry loop used the old number again.",
				Fix:  "Set the socket variable to -1 when closing, and open a new socket for each connect attempt.",
				When: PhaseAny, Source: srcPOSIXSend},
		},
		Question: "Was the socket opened successfully, and is it closed anywhere before this call?",
	},
}
