package consolelog

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// prefix is what the device's logging put before the message.
type prefix struct {
	format    Format
	level     Level
	tag       string
	msg       string
	mbedDebug bool // the message is an mbedTLS debug line (file.c:NNNN:)
}

// parsePrefix recognises the log formats by hand (no regexp: the monitor
// calls this on every line as it arrives).
func parsePrefix(t string) prefix {
	p := prefix{format: FormatPlain, msg: t}
	switch {
	case len(t) > 4 && strings.IndexByte("EWIDV", t[0]) >= 0 && t[1] == ' ' && t[2] == '(':
		// ESP-IDF: "E (1234) tag: msg"; the time may be "(12:00:00.123)" or
		// "(2024-05-01 12:00:00.123)" with CONFIG_LOG_TIMESTAMP_SOURCE_SYSTEM.
		k := strings.IndexByte(t[3:], ')')
		if k < 0 || k > 32 || !strings.HasPrefix(t[3+k+1:], " ") {
			break
		}
		rest := t[3+k+2:]
		p.format, p.level = FormatESPIDF, letterLevel(t[0])
		if c := strings.IndexByte(rest, ':'); c > 0 && c <= 40 {
			p.tag, p.msg = strings.TrimSpace(rest[:c]), strings.TrimSpace(rest[c+1:])
		} else {
			p.msg = rest
		}
	case strings.HasPrefix(t, "["):
		if q, ok := parseArduino(t); ok {
			p = q
			break
		}
		if q, ok := parseZephyr(t); ok {
			p = q
			break
		}
		if q, ok := parseFreeRTOS(t); ok {
			p = q
		}
	case strings.HasPrefix(t, "<"):
		if q, ok := parseZephyr(t); ok {
			p = q
		}
	default:
		if q, ok := parseFreeRTOS(t); ok {
			p = q
		}
	}
	// mbedTLS debug output (MBEDTLS_DEBUG_C): "ssl_tls.c:4589: |2| msg",
	// alone or inside another format (ESP-IDF tag "mbedtls").
	if i := strings.Index(p.msg, ".c:"); i > 0 && i < 32 && !strings.ContainsAny(p.msg[:i], " []") {
		j := i + 3
		for j < len(p.msg) && p.msg[j] >= '0' && p.msg[j] <= '9' {
			j++
		}
		if j > i+3 && strings.HasPrefix(p.msg[j:], ":") {
			p.mbedDebug = true
			if p.format == FormatPlain {
				p.format = FormatMbedDebug
			}
			m := strings.TrimSpace(p.msg[j+1:])
			if len(m) > 2 && m[0] == '|' {
				if e := strings.IndexByte(m[1:], '|'); e >= 0 {
					m = strings.TrimSpace(m[e+2:])
				}
			}
			p.msg = m
		}
	}
	if p.format == FormatPlain && isAT(t) {
		p.format = FormatAT
	}
	return p
}

func letterLevel(c byte) Level {
	switch c {
	case 'E':
		return LevelError
	case 'W':
		return LevelWarn
	case 'I':
		return LevelInfo
	}
	return LevelDebug
}

// parseArduino reads "[  1234][E][ssl_client.cpp:37] func(): msg" (core
// 2.x/3.x) and "[E][ssl_client.cpp:37] func(): msg" (core 1.x).
func parseArduino(t string) (prefix, bool) {
	s := t
	if len(s) > 2 && s[0] == '[' && (s[1] == ' ' || (s[1] >= '0' && s[1] <= '9')) {
		k := strings.IndexByte(s, ']')
		if k < 0 || strings.Trim(s[1:k], " 0123456789") != "" {
			return prefix{}, false
		}
		s = s[k+1:]
	}
	if len(s) < 4 || s[0] != '[' || s[2] != ']' || strings.IndexByte("EWIDV", s[1]) < 0 {
		return prefix{}, false
	}
	p := prefix{format: FormatArduino, level: letterLevel(s[1])}
	s = s[3:]
	if strings.HasPrefix(s, "[") {
		k := strings.IndexByte(s, ']')
		if k < 0 {
			return prefix{}, false
		}
		p.tag = s[1:k]
		if c := strings.IndexByte(p.tag, ':'); c > 0 {
			p.tag = p.tag[:c]
		}
		s = s[k+1:]
	}
	p.msg = strings.TrimSpace(s)
	return p, true
}

// parseZephyr reads "[00:00:01.234,567] <err> module: msg", the cycle-count
// form "[00012345] <err> ...", and the form without a timestamp.
func parseZephyr(t string) (prefix, bool) {
	s := t
	if strings.HasPrefix(s, "[") {
		k := strings.IndexByte(s, ']')
		if k < 0 || strings.Trim(s[1:k], " 0123456789:.,") != "" {
			return prefix{}, false
		}
		s = strings.TrimLeft(s[k+1:], " ")
	}
	if len(s) < 5 || s[0] != '<' || s[4] != '>' {
		return prefix{}, false
	}
	p := prefix{format: FormatZephyr}
	switch s[1:4] {
	case "err":
		p.level = LevelError
	case "wrn":
		p.level = LevelWarn
	case "inf":
		p.level = LevelInfo
	case "dbg":
		p.level = LevelDebug
	default:
		return prefix{}, false
	}
	rest := strings.TrimSpace(s[5:])
	if c := strings.IndexByte(rest, ':'); c > 0 && c <= 40 && !strings.Contains(rest[:c], " ") {
		p.tag, p.msg = rest[:c], strings.TrimSpace(rest[c+1:])
	} else {
		p.msg = rest
	}
	return p, true
}

// parseFreeRTOS reads the FreeRTOS/AWS IoT demo logging
// ("[ERROR] [MQTT] [core_mqtt.c:1234] msg"), with the optional task counters
// the Windows and Linux simulators print before it ("12 345 [iot_thread] ").
func parseFreeRTOS(t string) (prefix, bool) {
	s := t
	// Skip leading counters and a task name in brackets.
	for i := 0; i < 3; i++ {
		s = strings.TrimLeft(s, " ")
		k := 0
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == 0 || k == len(s) || s[k] != ' ' {
			break
		}
		s = s[k:]
	}
	s = strings.TrimLeft(s, " ")
	lvl := LevelNone
	for _, c := range [...]struct {
		tag string
		l   Level
	}{{"[ERROR]", LevelError}, {"[WARN]", LevelWarn}, {"[WARNING]", LevelWarn}, {"[INFO]", LevelInfo}, {"[DEBUG]", LevelDebug}} {
		if i := strings.Index(s, c.tag); i >= 0 && i < 24 {
			lvl = c.l
			s = s[i+len(c.tag):]
			break
		}
	}
	if lvl == LevelNone {
		return prefix{}, false
	}
	p := prefix{format: FormatFreeRTOS, level: lvl}
	for k := 0; k < 3; k++ {
		s = strings.TrimLeft(s, " ")
		if !strings.HasPrefix(s, "[") {
			break
		}
		e := strings.IndexByte(s, ']')
		if e < 0 {
			break
		}
		if p.tag == "" {
			p.tag = s[1:e]
		}
		s = s[e+1:]
	}
	p.msg = strings.TrimSpace(s)
	return p, true
}

// isAT reports whether a line is part of an AT dialogue: a command echo, a
// result code or an unsolicited result.
func isAT(t string) bool {
	s := trimATPrefix(t)
	if strings.HasPrefix(s, "AT") || strings.HasPrefix(s, "at+") {
		return true
	}
	if len(s) > 2 && s[0] == '+' && s[1] >= 'A' && s[1] <= 'Z' {
		c := strings.IndexByte(s, ':')
		return c > 1 && strings.Trim(s[1:c], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == ""
	}
	switch s {
	case "OK", "ERROR", "RDY", "CONNECT", "NO CARRIER", "SEND OK", "SEND FAIL":
		return true
	}
	return false
}

// trimATPrefix drops what host firmware often prints before an AT line
// (">> ", "<< ", "TX: ").
func trimATPrefix(t string) string {
	for _, p := range [...]string{">> ", "<< ", "-> ", "<- ", "> ", "< ", "TX: ", "RX: ", "tx: ", "rx: "} {
		if strings.HasPrefix(t, p) {
			return strings.TrimSpace(t[len(p):])
		}
	}
	return t
}

// rule ties words on a line to a step and an outcome. Rules are tried in
// order; the first whose any-word appears (and none of whose not-words do)
// wins. Words are lower case.
type rule struct {
	step    Step
	outcome Outcome
	any     []string
	not     []string
	summary string
	// followOn marks a generic report of a failure logged in detail just
	// before ("esp-tls: Failed to open new connection"): it belongs to the
	// step of that failure.
	followOn  bool
	handshake bool // the line shows the handshake itself started
	caLoad    bool // the line shows the root CA being loaded
}

var rulesLazy lazy.Value[[]rule]

// Sources of the log lines the rules know (each checked in the component's
// source): ESP-IDF components/esp-tls/esp_tls.c and esp_tls_mbedtls.c,
// components/tcp_transport/transport_ssl.c, esp-mqtt mqtt_client.c,
// esp_http_client.c, esp_wifi (wifi:connected), esp_netif_handlers.c
// (sta ip:); arduino-esp32 libraries/WiFiClientSecure/src/ssl_client.cpp;
// Zephyr subsys/net/lib/sockets/sockets_tls.c; mbedTLS library/ssl_tls.c
// debug output; FreeRTOS coreMQTT core_mqtt.c and core_mqtt_serializer.c;
// Quectel, SIMCom and u-blox AT manuals for the modem replies.
func rules() []rule { return rulesLazy.Get(buildRules) }

func buildRules() []rule {
	return []rule{
		// Verify-info lines and the handshake's own failures come first:
		// they name the real reason.
		{step: StepTLS, outcome: OutcomeFail, summary: "the server's certificate failed verification",
			any: []string{"failed to verify peer certificate", "certificate verify failed", "certificate verification failed", "x509_verify_cert() returned", "verification info:", "verify error", "cert verify fail"}, handshake: true},
		{step: StepTLS, outcome: OutcomeFail, summary: "loading the root CA failed", caLoad: true,
			any: []string{"mbedtls_x509_crt_parse returned", "failed to parse ca", "failed to parse root", "ca certificate parse", "unable to parse ca", "failed to load ca", "error loading ca", "failed to set client configurations", "failed to set ca", "failed to load root", "setcacert", "failed to add ca", "wolfssl_ctx_load_verify_buffer", "load_verify_buffer failed", "bad ca certificate", "ca cert parse"}},
		{step: StepTLS, outcome: OutcomeFail, summary: "the TLS handshake failed", handshake: true,
			any: []string{"mbedtls_ssl_handshake returned", "handshake failed", "handshake error", "handshake fail", "failed to perform tls handshake", "tls_connect failed", "tls connect failed", "failed to establish tls", "tls session failed", "wolfssl_connect error", "wolfssl_connect failed", "wolfssl error", "bearssl error", "ssl error", "tls error", "_handle_error", "start_ssl_client:", "fatal alert", "alert received", "received alert", "sending alert", "ssl connect failed", "ssl_connect failed", "ssl connection failed", "tls connection failed", "x509 - ", "ssl - ", "pk - ", "pem - ", "asn1 - ", "net - "}},
		{step: StepDNS, outcome: OutcomeFail, summary: "the server's name did not resolve",
			any: []string{"couldn't get hostname", "could not get hostname", "getaddrinfo() returns", "getaddrinfo failed", "getaddrinfo error", "dns failed", "dns lookup failed", "dns fail", "dns error", "cannot resolve", "can't resolve", "could not resolve", "failed to resolve", "unable to resolve", "unknown host", "esp_err_esp_tls_cannot_resolve_hostname", "hostbyname(): dns failed", "getaddrinfo, error", "getaddrinfo() failed", "getaddrinfo failed", "dns resolution failed", "dns query failed"}},
		{step: StepSocket, outcome: OutcomeFail, summary: "the TCP connection to the server failed",
			any: []string{"connect() error", "failed to connect to host", "tcp connect failed", "tcp connection failed", "connection refused", "host is unreachable", "network is unreachable", "failed to create socket", "socket error", "esp_err_esp_tls_failed_connect_to_host", "esp_err_esp_tls_connection_timeout", "esp_err_esp_tls_cannot_create_socket", "connect failed", "failed to open socket", "socket connect failed"},
			not: []string{"mqtt", "connack", "broker"}},
		{step: StepClock, outcome: OutcomeFail, summary: "the clock was not set",
			any: []string{"failed to sync time", "time sync failed", "failed to obtain time", "failed to get time", "could not get time", "time not set", "time is not set", "clock not set", "sntp timeout", "ntp timeout", "ntp failed", "sntp failed", "failed to set time", "time sync timeout", "no time", "date_time_not_obtained", "date time not obtained", "failed to obtain date", "date and time not obtained"},
			not: []string{"no timeout"}},
		{step: StepLink, outcome: OutcomeFail, summary: "the device did not join the network",
			any: []string{"connect to the ap fail", "failed to connect to ssid", "failed to connect to wifi", "failed to connect to wi-fi", "wifi connect failed", "wi-fi connect failed", "wifi connection failed", "no ap found", "auth fail", "auth_fail", "4way_handshake_timeout", "wifi: disconnected", "wifi disconnected", "sim not inserted", "not inserted", "registration denied", "sim failure", "no network service", "lte connection failed", "failed to attach"}},
		{step: StepIP, outcome: OutcomeFail, summary: "the device got no IP address",
			any: []string{"dhcp timeout", "failed to get ip", "no ip address", "ip lost", "lost ip", "pdp context activation failed", "failed to activate pdp", "dhcp failed"}},
		{step: StepCloud, outcome: OutcomeFail, summary: "the server refused the application connection",
			any: []string{"connection refused: not authorized", "not authorized", "bad user name or password", "connack refused", "connection refused by broker", "connection rejected", "identifier rejected", "server unavailable"},
			not: []string{"tls", "ssl"}},
		// Generic failure reports that follow a detailed line.
		{step: StepTLS, outcome: OutcomeFail, followOn: true, summary: "the connection failed",
			any: []string{"failed to open new connection", "failed to open a new connection", "error transport connect", "connection failed, sock < 0", "mqtt_event_error", "esp_tls_conn_new failed", "failed to connect to", "connection failed", "connect error", "transport connect fail", "mqtt connect failed", "failed to connect", "create_ssl_handle failed", "request failed", "esp_err_http_connect"}},

		// Successes.
		{step: StepSocket, outcome: OutcomeOK, summary: "TCP connected",
			any: []string{"tcp connected", "socket connected", "tcp connection established", "connected to server", "connected to host"}},
		{step: StepCloud, outcome: OutcomeOK, summary: "the cloud accepted the connection",
			any: []string{"mqtt client connected", "connack received", "mqtt_evt_connack", "mqtt_event_connected", "connection accepted", "mqtt connection established", "mqtt connected", "connected to mqtt", "connected to aws iot", "connected to mqtt broker", "mqtt_event_subscribed", "http status = 2", "http status code: 2", "status = 200", "http/1.1 200", "http_event_on_finish"}},
		{step: StepTLS, outcome: OutcomeOK, summary: "the TLS handshake succeeded",
			any: []string{"<= handshake", "handshake complete", "handshake successful", "handshake succeeded", "handshake done", "certificate verified", "tls session established", "tls connection established", "ssl connection established", "tls established", "ssl connected", "tls connected", "secure connection established", "ciphersuite is", "cipher suite is", "established a tls session", "tls session to", "verify ok"},
			not: []string{"establishing a tls session", "not "}},
		{step: StepDNS, outcome: OutcomeOK, summary: "the server's name resolved",
			any: []string{"dns resolved", "resolved to", "host ip", "dns lookup succeeded", "dns ok"}},
		{step: StepClock, outcome: OutcomeOK, summary: "the clock was set",
			any: []string{"time synchronized", "time synchronised", "time sync event", "time synchronization event", "time sync done", "time is set", "time set to", "time updated", "got time", "clock set", "rtc set", "date time obtained", "date_time_obtained", "date and time", "network time obtained", "date_time: ", "current time", "current date/time", "the time is", "time: "},
			not: []string{"waiting", "compile", "build"}},
		{step: StepIP, outcome: OutcomeOK, summary: "got an IP address",
			any: []string{"got ip", "sta ip:", "ipv4 address:", "ip address:", "ip_event_sta_got_ip", "dhcp bound", "bound to", "ipv4 address", "local ip", "ip addr", "ip="}},
		{step: StepLink, outcome: OutcomeOK, summary: "joined the network",
			any: []string{"wifi: connected with", "wifi connected", "wi-fi connected", "connected to ap", "connected to wifi", "connected to wi-fi", "wifi_event_sta_connected", "sta_connected", "network registration status: connected", "registered to network", "network registered", "lte connected", "lte link up", "wl_connected", "link up", "lte link connected", "network connectivity established", "connected to lte network"}},

		// Starts and step markers.
		{step: StepBoot, outcome: OutcomeNone, summary: "the application started",
			any: []string{"calling app_main", "app_main()", "starting scheduler"}},
		{step: StepCloud, outcome: OutcomeStart, summary: "connecting to the cloud",
			any: []string{"mqtt_event_before_connect", "sending mqtt connect", "connecting to mqtt", "mqtt connecting", "connecting to broker", "connecting to the broker", "connecting to aws iot", "mqtt_client_start", "http get", "http post", "sending http", "esp_http_client_perform"}},
		{step: StepLink, outcome: OutcomeStart, summary: "joining the network",
			any: []string{"wifi: mode : sta", "connecting to wifi", "connecting to wi-fi", "connecting to ssid", "connecting to ap", "wifi_init", "esp_wifi_connect", "wifi station", "connecting to lte", "lte link connecting", "bringing network interface up", "waiting for network", "lte_lc", "wifi: new:", "wifi: state:"}},
		{step: StepClock, outcome: OutcomeStart, summary: "setting the clock",
			any: []string{"initializing sntp", "initialising sntp", "sntp_init", "sntp", "ntp", "waiting for system time", "configtime", "getting time", "get time", "time sync", "obtaining time", "fetching time", "requesting time", "syncing time", "synchronizing time", "date_time"}},
		{step: StepDNS, outcome: OutcomeStart, summary: "resolving the server's name",
			any: []string{"resolving", "dns lookup", "looking up", "getaddrinfo"}},
		{step: StepTLS, outcome: OutcomeStart, summary: "loading the root CA", caLoad: true,
			any: []string{"loading ca cert", "loading root ca", "loading the root ca", "loading ca", "parsing ca", "loading certificate", "set_ca_cert", "setting ca"}},
		{step: StepTLS, outcome: OutcomeStart, summary: "TLS handshake", handshake: true,
			any: []string{"=> handshake", "performing the ssl/tls handshake", "starting tls handshake", "tls handshake", "ssl handshake", "establishing a tls session", "establishing tls", "verifying peer x.509 certificate", "client state", "entering wolfssl_connect", "handshake"}},
		{step: StepTLS, outcome: OutcomeStart, summary: "setting up TLS",
			any: []string{"setting up the ssl/tls structure", "seeding the random number generator", "setting hostname for tls session", "esp-tls", "ssl_client", "mbedtls", "wolfssl", "bearssl"}},
		{step: StepSocket, outcome: OutcomeStart, summary: "connecting",
			any: []string{"starting socket", "opening socket", "tcp connect", "connecting to", "socket created"}},
	}
}

// failWords make a line without a level (or at warn level) worth decoding.
var failWords = [...]string{"fail", "error", "unable", "cannot", "can't", "couldn't", "refused", "timeout", "timed out", "invalid", "not trusted", "returned -", "denied", "rejected", "expired", "not yet valid"}

// patterns are compiled on first use: most lines never need them.
type patterns struct {
	host    *regexp.Regexp
	atHost  *regexp.Regexp
	urlHost *regexp.Regexp
	isoDate *regexp.Regexp
	cDate   *regexp.Regexp
	atDate  *regexp.Regexp
	ipv4    *regexp.Regexp
	version *regexp.Regexp
}

var patLazy lazy.Value[*patterns]

func pat() *patterns { return patLazy.Get(buildPat) }

func buildPat() *patterns {
	return &patterns{
		urlHost: regexp.MustCompile(`(?i)\b(?:https?|mqtts?|wss?)://([a-z0-9][a-z0-9.-]*\.[a-z0-9-]+)(?::(\d{2,5}))?`),
		atHost:  regexp.MustCompile(`(?i)"([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})"\s*,\s*(\d{2,5})`),
		host:    regexp.MustCompile(`(?i)\b(?:to|for|host|server|broker|endpoint|hostname|resolving|resolve|looking up)\b\s*(?:is|=|:)?\s*"?([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})"?(?::(\d{2,5}))?`),
		isoDate: regexp.MustCompile(`\b(19[0-9]{2}|20[0-9]{2})[-/.](0[1-9]|1[0-2])[-/.]([0-2][0-9]|3[01])\b`),
		cDate:   regexp.MustCompile(`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} ([0-9]{4})\b`),
		atDate:  regexp.MustCompile(`\+(?:CCLK|QLTS|QNTP|CNTP)\s*:\s*(?:\d+\s*,\s*)?"(\d{2,4})/(\d{2})/(\d{2})`),
		ipv4:    regexp.MustCompile(`\b((?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})\b`),
		version: regexp.MustCompile(`\bv?(\d+\.\d+(?:\.\d+)?(?:[-.][0-9A-Za-z.-]+)?)`),
	}
}

// maxLine is the longest part of a line that is read.
const maxLine = 1024

// classify reads one cleaned line into an event, using and updating the
// annotator's state. ok is false for a line that carries nothing (blank).
func (a *Annotator) classify(text string) (Event, bool) {
	if text == "" {
		return Event{}, false
	}
	if len(text) > maxLine {
		// A console line is short; a longer one is a dump (base64, hex)
		// whose tail says nothing about the connection.
		text = text[:maxLine]
		for len(text) > 0 && !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	if strings.HasPrefix(text, "=~=~=~=~=~=") {
		// PuTTY's log header.
		return Event{}, false
	}
	p := parsePrefix(text)
	ev := Event{Text: text, Format: p.format, Level: p.level, Tag: p.tag}
	low := strings.ToLower(p.msg)
	full := low
	if p.tag != "" {
		full = strings.ToLower(p.tag) + ": " + low
	}

	a.notePlatform(p, full)
	if a.banner(&ev, p, text, low) {
		return ev, true
	}
	if a.cmngReply(&ev, trimATPrefix(p.msg)) {
		a.after(&ev)
		return ev, true
	}
	if p.format == FormatAT || strings.Contains(text, "+") && isAT(trimATPrefix(p.msg)) {
		if a.atLine(&ev, trimATPrefix(p.msg)) {
			a.after(&ev)
			return ev, true
		}
	}

	var matched *rule
	for i, r := range rules() {
		if matchRule(&r, full) {
			matched = &rules()[i]
			break
		}
	}
	if matched != nil {
		ev.Step, ev.Outcome, ev.Summary = matched.step, matched.outcome, matched.summary
	}
	// The device's own date on a clock line: before 2020 means unset.
	if y := clockYear(p.msg, low); y > 0 {
		ev.clockYear = y
		ev.Step = StepClock
		if y < 2020 {
			ev.Outcome, ev.Summary = OutcomeFail, "the device clock reads "+strconv.Itoa(y)+": it was never set"
		} else if ev.Outcome != OutcomeFail {
			ev.Outcome, ev.Summary = OutcomeOK, "the clock reads "+strconv.Itoa(y)
		}
	}
	if ev.Step == StepClock && ev.Outcome == OutcomeStart && (strings.Contains(low, "https://") || strings.Contains(low, ":443") || strings.Contains(low, "over tls") || strings.Contains(low, "over https")) {
		ev.clockViaTLS = true
		ev.Summary = "setting the clock from an HTTPS server"
	}

	errorish := p.level == LevelError || matched != nil && matched.outcome == OutcomeFail
	if !errorish && p.level != LevelInfo && p.level != LevelDebug {
		for _, w := range failWords {
			if strings.Contains(low, w) {
				errorish = true
				break
			}
		}
	}
	if p.mbedDebug && (strings.Contains(low, "returned -") || strings.Contains(low, "state")) {
		errorish = true
	}
	if strings.Contains(low, "alert") || strings.Contains(low, "last error") || strings.Contains(low, "stack error") {
		errorish = true
	}
	// Verify flags as a number, or as mbedTLS's verify-info text.
	if f := flagsIn(p.msg); f != nil {
		ev.Flags = f
		if ev.Step == StepNone {
			ev.Step, ev.Outcome = StepTLS, OutcomeFail
			ev.Summary = "verify flags: " + strings.Join(f.Names, ", ")
		}
	} else if f := flagsFromText(low); f != nil {
		ev.Flags = f
		if ev.Step == StepNone || ev.Step == StepTLS {
			ev.Step, ev.Outcome = StepTLS, OutcomeFail
			ev.Summary = "verify info: " + strings.Join(f.Names, ", ")
		}
	}
	if errorish {
		ev.Codes, ev.Phase = decode(p.msg)
		if errnoStack(p.format) || a.errnoOK {
			ev.Codes = a.withErrno(ev.Codes, p.msg, full)
		}
		if len(ev.Codes) > 0 && ev.Step == StepNone {
			ev.Step = stepOfCodes(ev.Codes)
			if ev.Step != StepNone && p.level >= LevelWarn {
				ev.Outcome = OutcomeFail
				ev.Summary = "error " + ev.Codes[0].String()
			}
		}
		if len(ev.Codes) > 0 && ev.Outcome == OutcomeFail && ev.Step == StepSocket && isTLSCode(ev.Codes[0]) {
			ev.Step = StepTLS
		}
		if allStates(ev.Codes) && ev.Outcome == OutcomeFail && p.level < LevelWarn {
			ev.Outcome = OutcomeNone
		}
	}
	if c := firstErrno(ev.Codes); c != nil && (p.level >= LevelWarn || errorish) {
		a.errnoStep(&ev, c, full)
	}
	if p.format == FormatZephyr && p.level >= LevelWarn && ev.Outcome != OutcomeFail && ev.Outcome != OutcomeOK && zephyrFailWords(low) {
		// Zephyr's <err> and <wrn> lines that say something failed are a
		// failure of the step the device is in, not its progress
		// ("<err> mqtt_app: Failed connecting to MQTT").
		st := ev.Step
		if st == StepNone || st == StepBoot {
			st = a.lastStart
			if a.lastFail != StepNone && a.sinceFail < 4 {
				// A report of the failure just logged in detail.
				st = a.lastFail
			}
		}
		if st == StepCloud && strings.Contains(low, "mqtt_connect") {
			// mqtt_connect() returns before any CONNACK: its error is
			// the transport's.
			st = StepSocket
			if a.tlsCtx {
				st = StepTLS
			}
		}
		if st != StepNone && st != StepBoot {
			ev.Step, ev.Outcome = st, OutcomeFail
			ev.Summary = "the " + st.Title() + " step failed"
		}
	}
	if ev.Step == StepCloud && strings.Contains(low, "connack") {
		if rc := connackResult(low); rc > 0 {
			ev.Outcome, ev.Summary = OutcomeFail, "the MQTT broker refused the connection (CONNACK return code "+strconv.Itoa(rc)+")"
		}
	}
	if matched != nil && matched.followOn && ev.Outcome == OutcomeFail {
		if a.lastFail != StepNone && a.sinceFail < 12 {
			ev.Step = a.lastFail
		}
		ev.Summary = "the connection failed (" + ev.Step.Title() + ")"
	}
	// A failure at warn level with no step is not a step failure.
	if ev.Outcome == OutcomeFail && ev.Step == StepNone {
		ev.Outcome = OutcomeNone
	}
	if matched != nil && matched.caLoad {
		a.caLoading = true
	}
	if matched != nil && matched.handshake {
		if ev.Outcome == OutcomeStart || ev.Outcome == OutcomeNone {
			a.handshake = true
		}
	}
	if ev.Step == StepTLS && ev.Outcome == OutcomeFail && ev.Phase == "" {
		ev.Phase = a.phaseOf(&ev, matched)
	}
	if ev.Phase == "load" && ev.Outcome == OutcomeFail && (matched == nil || !matched.followOn) {
		ev.Summary = "loading the root CA failed"
	}
	ev.Host = hostIn(p.msg)
	ev.modem = a.modem
	if ev.secTag == "" {
		ev.secTag = secTagIn(low)
	}
	if ev.Step == StepIP && ev.Outcome == OutcomeOK {
		if m := pat().ipv4.FindString(p.msg); m != "" {
			ev.ip = m
			ev.Summary = "got IP address " + m
		}
	}
	if ev.Step == StepNone && ev.Outcome == OutcomeNone && len(ev.Codes) == 0 && ev.Flags == nil && p.level < LevelWarn && ev.Host == "" {
		// Keep unknown lines only as context: they are not events.
		return ev, false
	}
	a.after(&ev)
	return ev, true
}

func matchRule(r *rule, s string) bool {
	hit := false
	for _, w := range r.any {
		if strings.Contains(s, w) {
			hit = true
			break
		}
	}
	if !hit {
		return false
	}
	for _, w := range r.not {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// banner recognises the lines that start a boot and name the firmware.
func (a *Annotator) banner(ev *Event, p prefix, text, low string) bool {
	switch {
	case strings.HasPrefix(text, "ets ") && len(text) > 10 && isMonth(text[4:7]):
		// ESP32/ESP8266 ROM: "ets Jun  8 2016 00:22:57".
		ev.Format, ev.Step, ev.Outcome, ev.bootMarker = FormatESPROM, StepBoot, OutcomeStart, true
		ev.Summary = "ROM banner (reset)"
		if i := strings.Index(text, "rst cause:"); i > 0 {
			ev.reset = "rst cause " + strings.TrimSpace(strings.SplitN(text[i+10:], ",", 2)[0])
		}
		return true
	case strings.HasPrefix(text, "ESP-ROM:"):
		ev.Format, ev.Step, ev.Outcome, ev.bootMarker = FormatESPROM, StepBoot, OutcomeStart, true
		ev.Summary = "ROM banner (reset)"
		return true
	case strings.HasPrefix(text, "rst:0x"):
		// "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"
		ev.Format, ev.Step, ev.Outcome, ev.bootMarker = FormatESPROM, StepBoot, OutcomeStart, true
		if i, j := strings.IndexByte(text, '('), strings.IndexByte(text, ')'); i > 0 && j > i {
			ev.reset = text[i+1 : j]
		}
		ev.Summary = "reset: " + ev.reset
		return true
	case strings.HasPrefix(text, "*** Booting ") || strings.HasPrefix(text, "*** Using Zephyr OS"):
		// "*** Booting Zephyr OS build v3.5.0 ***", "*** Booting nRF Connect SDK v2.5.0 ***".
		ev.Format, ev.Step, ev.Outcome = FormatZephyr, StepBoot, OutcomeOK
		ev.bootMarker = strings.HasPrefix(text, "*** Booting ")
		name := strings.TrimSpace(strings.Trim(strings.TrimPrefix(strings.TrimPrefix(text, "*** Booting "), "*** Using "), "* "))
		name = strings.Replace(name, " build ", " ", 1)
		ev.version, ev.Summary = name, "booted "+name
		return true
	case p.format == FormatAT && (text == "RDY" || text == "APP RDY"):
		ev.Step, ev.Outcome, ev.bootMarker, ev.Summary = StepBoot, OutcomeOK, true, "the modem started (RDY)"
		return true
	case strings.HasPrefix(text, "Guru Meditation Error") || strings.HasPrefix(text, "abort() was called") || strings.Contains(text, "Rebooting..."):
		ev.Step, ev.Outcome, ev.Level, ev.Summary = StepBoot, OutcomeNone, LevelError, "the firmware crashed and restarts"
		return true
	}
	if p.format == FormatPlain && strings.HasPrefix(low, "booting ") {
		// A plain "Booting <firmware> <version>" banner.
		ev.Step, ev.Outcome, ev.bootMarker = StepBoot, OutcomeOK, true
		ev.version = strings.TrimSpace(p.msg[len("booting "):])
		ev.Summary = "booted " + ev.version
		return true
	}
	if p.format == FormatESPIDF {
		tag := strings.ToLower(p.tag)
		switch {
		case tag == "boot" && strings.Contains(low, "esp-idf") && strings.Contains(low, "bootloader"):
			// "boot: ESP-IDF v5.1.2 2nd stage bootloader" starts a boot when
			// no ROM line came before it (logs cut at the top).
			ev.Step, ev.Outcome, ev.bootMarker = StepBoot, OutcomeStart, true
			ev.version = "ESP-IDF " + versionIn(p.msg)
			ev.Summary = "bootloader " + ev.version
			return true
		case (tag == "cpu_start" || tag == "app_init") && strings.HasPrefix(low, "esp-idf"):
			ev.Step, ev.Outcome = StepBoot, OutcomeOK
			ev.version = "ESP-IDF " + versionIn(p.msg[7:])
			ev.Summary = "firmware built with " + ev.version
			return true
		case (tag == "cpu_start" || tag == "app_init") && strings.HasPrefix(low, "project name"):
			ev.Step, ev.app = StepBoot, strings.TrimSpace(p.msg[strings.IndexByte(p.msg, ':')+1:])
			ev.Summary = "application " + ev.app
			return true
		case (tag == "cpu_start" || tag == "app_init") && strings.HasPrefix(low, "app version"):
			ev.Step, ev.app = StepBoot, strings.TrimSpace(p.msg[strings.IndexByte(p.msg, ':')+1:])
			ev.Summary = "application version " + ev.app
			return true
		}
	}
	if strings.HasPrefix(low, "esp-idf v") || strings.HasPrefix(low, "esp-idf: v") {
		ev.Step, ev.Outcome = StepBoot, OutcomeOK
		ev.version = "ESP-IDF " + versionIn(p.msg[7:])
		ev.Summary = "firmware built with " + ev.version
		return true
	}
	return false
}

func versionIn(s string) string {
	m := pat().version.FindStringSubmatch(s)
	if m == nil {
		return strings.TrimSpace(s)
	}
	return "v" + m[1]
}

// atLine reads a modem's AT command echo or reply. Result numbers follow
// the makers' manuals: Quectel "+QSSLOPEN: <clientID>,<err>" and
// "+QMTCONN: <id>,<result>[,<ret_code>]" (BG96 SSL and MQTT application
// notes), SIMCom "+CAOPEN: <cid>,<result>" (SIM7000 series AT manual),
// u-blox "+UUSOCL: <socket>" (socket closed, SARA-R4/R5 AT manual), 3GPP
// TS 27.007 "+CEREG: [<n>,]<stat>".
func (a *Annotator) atLine(ev *Event, s string) bool {
	ev.Format = FormatAT
	up := strings.ToUpper(s)
	set := func(step Step, o Outcome, summary string) bool {
		ev.Step, ev.Outcome, ev.Summary = step, o, summary
		return true
	}
	name, args := "", []string(nil)
	if strings.HasPrefix(up, "+") {
		if c := strings.IndexByte(up, ':'); c > 0 {
			name = up[1:c]
			for _, f := range strings.Split(s[c+1:], ",") {
				args = append(args, strings.Trim(strings.TrimSpace(f), `"`))
			}
		}
	}
	arg := func(i int) (int, bool) {
		if i >= len(args) {
			return 0, false
		}
		v, err := strconv.Atoi(args[i])
		return v, err == nil
	}
	ev.Host = hostIn(s)
	switch {
	case strings.HasPrefix(up, "AT%CMNG="):
		// Nordic credential storage (nRF91 AT Commands Reference, %CMNG):
		// AT%CMNG=<op>,<sec_tag>,<type>[,"<content>"]; op 0 writes, 1
		// lists, 2 reads, 3 deletes; type 0 is the root CA.
		a.modem, a.tlsCtx = true, true
		f := strings.Split(s[len("AT%CMNG="):], ",")
		if len(f) >= 2 {
			ev.secTag = strings.TrimSpace(f[1])
		}
		if strings.HasPrefix(strings.TrimSpace(f[0]), "0") {
			a.caLoading = true
			what := "a credential"
			if len(f) >= 3 && strings.TrimSpace(f[2]) == "0" {
				what = "the root CA"
			}
			return set(StepTLS, OutcomeStart, "writing "+what+" to sec_tag "+ev.secTag)
		}
		return set(StepTLS, OutcomeNone, "reading the modem's credential storage")
	case strings.HasPrefix(up, "AT+QSSLOPEN") || strings.HasPrefix(up, "AT+CAOPEN") || strings.HasPrefix(up, "AT+CCHOPEN") || strings.HasPrefix(up, "AT+QMTOPEN") && a.atTLS:
		a.handshake = true
		return set(StepTLS, OutcomeStart, "opening a TLS connection")
	case strings.HasPrefix(up, "AT+QSSLCFG") && strings.Contains(up, "CACERT") || strings.HasPrefix(up, "AT+QFUPL") || strings.HasPrefix(up, "AT+CSSLCFG") || strings.HasPrefix(up, "AT+USECMNG"):
		if strings.Contains(up, "SSLVERSION") || strings.Contains(up, "SECLEVEL") {
			a.atTLS = true
		}
		a.caLoading, a.atTLS = true, true
		return set(StepTLS, OutcomeStart, "configuring the modem's root CA")
	case strings.HasPrefix(up, "AT+QSSLCFG") || strings.HasPrefix(up, "AT+QMTCFG") && strings.Contains(up, "SSL"):
		a.atTLS = true
		return set(StepTLS, OutcomeNone, "configuring the modem's TLS")
	case strings.HasPrefix(up, "AT+QIOPEN") || strings.HasPrefix(up, "AT+USOCO") || strings.HasPrefix(up, "AT+QMTOPEN"):
		return set(StepSocket, OutcomeStart, "opening a TCP connection")
	case strings.HasPrefix(up, "AT+QMTCONN") || strings.HasPrefix(up, "AT+QHTTPGET") || strings.HasPrefix(up, "AT+HTTPACTION") || strings.HasPrefix(up, "AT+SMCONN"):
		return set(StepCloud, OutcomeStart, "connecting to the cloud")
	case strings.HasPrefix(up, "AT+QNTP") || strings.HasPrefix(up, "AT+CNTP") || strings.HasPrefix(up, "AT+CCLK?") || strings.HasPrefix(up, "AT+QLTS"):
		return set(StepClock, OutcomeStart, "reading the modem's clock")
	case strings.HasPrefix(up, "AT+QIDNSGIP") || strings.HasPrefix(up, "AT+UDNSRN") || strings.HasPrefix(up, "AT+CDNSGIP"):
		return set(StepDNS, OutcomeStart, "resolving the server's name")
	case strings.HasPrefix(up, "AT+QIACT") || strings.HasPrefix(up, "AT+CGACT") || strings.HasPrefix(up, "AT+CNACT"):
		return set(StepIP, OutcomeStart, "activating the data connection")
	case strings.HasPrefix(up, "AT+CEREG") || strings.HasPrefix(up, "AT+CREG") || strings.HasPrefix(up, "AT+COPS"):
		return set(StepLink, OutcomeStart, "registering on the network")
	case strings.HasPrefix(up, "AT"):
		return false

	case name == "CEREG" || name == "CREG" || name == "CGREG":
		stat, ok := arg(len(args) - 1)
		if len(args) >= 2 {
			// "+CEREG: <n>,<stat>[,...]" (a read reply): the stat is the
			// second field; in the unsolicited "+CEREG: <stat>,"<tac>",...
			// the second is the quoted area code and the stat the first.
			if v, ok2 := arg(1); ok2 && !strings.HasPrefix(strings.TrimSpace(strings.Split(s[strings.IndexByte(s, ':')+1:], ",")[1]), `"`) {
				stat, ok = v, true
			} else {
				stat, ok = arg(0)
			}
		}
		if !ok {
			return false
		}
		switch stat {
		case 1, 5:
			return set(StepLink, OutcomeOK, "registered on the cellular network")
		case 3:
			return set(StepLink, OutcomeFail, "cellular registration denied")
		}
		return set(StepLink, OutcomeNone, "not registered yet")
	case name == "QIACT" || name == "CGPADDR" || name == "CNACT":
		if m := pat().ipv4.FindString(s); m != "" {
			ev.ip = m
			return set(StepIP, OutcomeOK, "got IP address "+m)
		}
		return false
	case name == "CCLK" || name == "QLTS" || name == "QNTP" || name == "CNTP":
		if name == "QNTP" || name == "CNTP" {
			if r, ok := arg(0); ok && r != 0 && r != 1 {
				a.decodeAT(ev, s)
				return set(StepClock, OutcomeFail, "network time failed")
			}
		}
		if y := clockYear(s, strings.ToLower(s)); y > 0 {
			ev.clockYear = y
			if y < 2020 {
				return set(StepClock, OutcomeFail, "the modem clock reads "+strconv.Itoa(y)+": it was never set")
			}
			return set(StepClock, OutcomeOK, "the clock reads "+strconv.Itoa(y))
		}
		return false
	case name == "QIURC" && len(args) >= 2 && strings.EqualFold(args[0], "dnsgip"):
		if r, ok := arg(1); ok && r != 0 {
			a.decodeAT(ev, s)
			return set(StepDNS, OutcomeFail, "the server's name did not resolve")
		}
		if pat().ipv4.MatchString(s) {
			return set(StepDNS, OutcomeOK, "the server's name resolved")
		}
		return set(StepDNS, OutcomeNone, "resolving")
	case name == "QIOPEN":
		if r, ok := arg(1); ok {
			if r == 0 {
				return set(StepSocket, OutcomeOK, "TCP connected")
			}
			a.decodeAT(ev, s)
			return set(StepSocket, OutcomeFail, "the TCP connection failed")
		}
	case name == "QSSLOPEN" || name == "CCHOPEN" || name == "QMTOPEN" && a.atTLS:
		if r, ok := arg(1); ok {
			if r == 0 {
				return set(StepTLS, OutcomeOK, "the TLS connection opened")
			}
			a.decodeAT(ev, s)
			ev.Phase = "handshake"
			return set(StepTLS, OutcomeFail, "the modem's TLS connection failed")
		}
	case name == "QMTOPEN":
		if r, ok := arg(1); ok {
			if r == 0 {
				return set(StepSocket, OutcomeOK, "the MQTT network connection opened")
			}
			a.decodeAT(ev, s)
			return set(StepSocket, OutcomeFail, "the MQTT network connection failed")
		}
	case name == "CAOPEN":
		if r, ok := arg(1); ok {
			if r == 0 {
				return set(StepTLS, OutcomeOK, "the connection opened")
			}
			ev.Level = LevelError
			// errcode has no table for SIMCom's CAOPEN results: say the
			// number, decode nothing.
			ev.Phase = "handshake"
			return set(StepTLS, OutcomeFail, "SIMCom +CAOPEN result "+args[1]+": the connection failed")
		}
	case name == "QMTCONN":
		if len(args) >= 3 {
			if rc, ok := arg(2); ok {
				if rc == 0 {
					return set(StepCloud, OutcomeOK, "the MQTT broker accepted the connection")
				}
				return set(StepCloud, OutcomeFail, "the MQTT broker refused the connection (CONNACK return code "+args[2]+")")
			}
		}
		if r, ok := arg(1); ok && r != 0 {
			return set(StepCloud, OutcomeFail, "sending the MQTT CONNECT failed")
		}
	case name == "UUSOCL":
		// The socket was closed: by the server, right after connect, this is
		// where a TLS failure shows.
		ev.Level = LevelWarn
		if a.handshake {
			return set(StepTLS, OutcomeFail, "the server closed the socket during TLS")
		}
		return set(StepSocket, OutcomeFail, "the socket was closed")
	case name == "CME ERROR" || name == "CMS ERROR":
		a.decodeAT(ev, s)
		ev.Level = LevelError
		st := a.lastStart
		if st == StepNone {
			st = StepLink
		}
		return set(st, OutcomeFail, "the modem refused the command")
	case up == "ERROR":
		ev.Level = LevelError
		if a.lastStart != StepNone {
			return set(a.lastStart, OutcomeFail, "the modem answered ERROR")
		}
		return set(StepNone, OutcomeNone, "ERROR")
	case up == "RDY":
		return false
	}
	return false
}

func (a *Annotator) decodeAT(ev *Event, s string) {
	ev.Level = LevelError
	codes, _ := decode(s)
	ev.Codes = codes
}

// after updates the state after an event.
func (a *Annotator) after(ev *Event) {
	a.sinceFail++
	if ev.Outcome == OutcomeFail {
		if ev.Step != a.lastFail || a.sinceFail > 1 {
			a.lastFail = ev.Step
		}
		a.sinceFail = 0
	}
	if ev.Outcome == OutcomeStart && ev.Step != StepNone {
		a.lastStart = ev.Step
	}
	if ev.Host != "" {
		a.host = ev.Host
	}
	if ev.Step == StepClock {
		switch {
		case ev.clockYear > 0 && ev.clockYear < 2020:
			a.clockUnset = true
		case ev.Outcome == OutcomeOK:
			a.clockUnset, a.clockSet = false, true
		}
	}
	if ev.Step == StepTLS && ev.Outcome == OutcomeOK {
		a.handshake, a.caLoading = false, false
	}
}

// phaseOf says whether a TLS failure came while loading the root CA or
// during the handshake.
func (a *Annotator) phaseOf(ev *Event, r *rule) string {
	if r != nil && r.caLoad {
		return "load"
	}
	if r != nil && r.handshake && !isParse(ev.Codes) {
		return "handshake"
	}
	if isParse(ev.Codes) && (!a.handshake || a.caLoading) {
		return "load"
	}
	if a.handshake || len(ev.Codes) > 0 {
		return "handshake"
	}
	return ""
}

// decode reads the error codes on a message with errcode.Explain, after
// taking out what would be misread as a code: file:line references, socket
// numbers, addresses, durations and verify flags.
func decode(msg string) ([]Code, string) {
	s := sanitize(msg)
	if !hasCandidate(s) {
		return nil, ""
	}
	res, err := errcode.Explain(s, errcode.Options{})
	if err != nil || res == nil {
		// FreeRTOS's mbedTLS transport prints "<high-level text> : <low-level
		// text>."; read the high-level part alone.
		i := strings.Index(s, " : ")
		if i < 0 {
			return nil, ""
		}
		if res, err = errcode.Explain(s[:i], errcode.Options{}); err != nil || res == nil {
			return nil, ""
		}
	}
	low := strings.ToLower(msg)
	phase := ""
	switch res.Phase {
	case errcode.PhaseLoad:
		phase = "load"
	case errcode.PhaseHandshake:
		phase = "handshake"
	}
	var codes []Code
	seenTok := map[string]int{}
	for i := range res.Readings {
		r := &res.Readings[i]
		if r.Value == 0 && r.Kind == errcode.KindCode {
			continue
		}
		c := codeOf(r)
		if c.Name == "" || !plausible(r, low) {
			continue
		}
		if j, dup := seenTok[r.Token]; dup {
			// Two readings of one token (a name defined with two values in
			// two ESP-IDF numberings): keep the one whose number the line
			// shows.
			up := strings.ToUpper(msg)
			if !strings.Contains(up, strings.ToUpper(strings.TrimPrefix(c.display(), "-"))) || strings.Contains(up, strings.ToUpper(strings.TrimPrefix(codes[j].display(), "-"))) {
				continue
			}
			codes[j] = c
			continue
		}
		if len(codes) >= 3 {
			break
		}
		seenTok[r.Token] = len(codes)
		codes = append(codes, c)
	}
	return codes, phase
}

// plausible drops readings of a decimal number that no stack on the line
// explains: a small negative number in a line that names no TLS stack is an
// errno (Zephyr, lwIP: -113 is ECONNABORTED), not a wolfSSL code, and a
// bare positive one a count.
func plausible(r *errcode.Reading, low string) bool {
	if r.Stack == errcode.Errno {
		// errno values are read by withErrno, which knows the log's
		// platform and the getaddrinfo (DNS_EAI_*) lines.
		return false
	}
	tok := strings.TrimSpace(r.Token)
	dec := tok != "" && numberEnd(tok, 0) == len(tok) && !strings.Contains(strings.ToLower(tok), "x")
	if !dec || r.Kind != errcode.KindCode {
		return true
	}
	switch r.Stack {
	case errcode.MbedTLS:
		return r.Value <= -0x1000 || r.Value >= 0x1000 || strings.Contains(low, "mbedtls") || strings.Contains(low, "ssl")
	case errcode.WolfSSL:
		return strings.Contains(low, "wolf")
	case errcode.BearSSL:
		return strings.Contains(low, "bearssl") || strings.Contains(low, "br_") || strings.Contains(low, "ssl error")
	}
	return true
}

func codeOf(r *errcode.Reading) Code {
	c := Code{Token: r.Token, Stack: r.Stack.String(), Kind: r.Kind.String(), Value: r.Value, stack: r.Stack, kind: r.Kind, expl: r.Explanations}
	switch {
	case r.Kind == errcode.KindState:
		for _, m := range r.Mbed {
			if m.Known {
				c.Name = m.State
				break
			}
		}
		c.Explain = `tlsdoctor explain "client state ` + strconv.FormatInt(r.Value, 10) + `"`
	case r.Stack == errcode.MbedTLS:
		for _, m := range r.Mbed {
			if !m.Known {
				continue
			}
			names := m.PartNames()
			c.parts = append(c.parts, names...)
			if c.Name == "" {
				c.Name = strings.Join(names, " + ")
				c.Text = m.Strerror
			}
		}
		c.Explain = "tlsdoctor explain " + hex(r.Value)
	case r.Code != nil:
		c.Name, c.Text = r.Code.Name, r.Code.Text
		switch {
		case r.Kind == errcode.KindAlert && r.Stack == errcode.TLS:
			c.Explain = `tlsdoctor explain "alert ` + strconv.FormatInt(r.Value, 10) + `"`
		case r.Stack == errcode.Modem:
			c.Explain = `tlsdoctor explain "` + strings.ReplaceAll(r.Token, `"`, ``) + `"`
		case r.Stack == errcode.ESPIDF:
			c.Explain = "tlsdoctor explain " + r.Code.Name
		default:
			c.Explain = "tlsdoctor explain " + strconv.FormatInt(r.Value, 10) + " --stack " + r.Stack.String()
		}
	}
	return c
}

// sanitize blanks the parts of a message that look like codes and are not.
func sanitize(msg string) string {
	b := []byte(msg)
	blank := func(i, j int) {
		for k := i; k < j && k < len(b); k++ {
			b[k] = ' '
		}
	}
	low := strings.ToLower(msg)
	// "flags 0x8", "flags=0x00000008", "verify result: 8": read by flagsIn.
	for _, w := range [...]string{"flags", "flag", "verify result", "verify_result", "verification result"} {
		for off := 0; ; {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			i += off
			j := i + len(w)
			for j < len(b) && (b[j] == ' ' || b[j] == '=' || b[j] == ':' || b[j] == '(') {
				j++
			}
			k := numberEnd(msg, j)
			if k > j {
				blank(i, k)
			}
			off = j
		}
	}
	// "file.c:1234", "start_ssl_client():273", "[sock=54]", "fd=3",
	// "errno 113", "addrinfo=0x0", "1000 ms", IP addresses.
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == ':' && i > 1 && (b[i-1] == 'c' || b[i-1] == 'p' || b[i-1] == 'h' || b[i-1] == ')'):
			j := i + 1
			for j < len(b) && b[j] >= '0' && b[j] <= '9' {
				j++
			}
			if j > i+1 {
				blank(i, j)
			}
		case b[i] == '=' || b[i] == ':':
			w := wordBefore(low, i)
			switch w {
			case "sock", "socket", "fd", "addrinfo", "errno", "len", "size", "heap", "port", "res", "line", "rc", "state_rc", "msg_id", "id":
				j := i + 1
				for j < len(b) && b[j] == ' ' {
					j++
				}
				blank(i, numberEnd(msg, j))
			}
		}
	}
	for _, w := range [...]string{"errno ", "errno: ", "errno=", "socket ", "sock "} {
		for off := 0; ; {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			i += off
			blank(i, numberEnd(msg, i+len(w)))
			off = i + len(w)
		}
	}
	out := string(b)
	if m := pat().ipv4.FindAllStringIndex(out, -1); m != nil {
		bb := []byte(out)
		for _, ix := range m {
			for k := ix[0]; k < ix[1]; k++ {
				bb[k] = ' '
			}
		}
		out = string(bb)
	}
	return out
}

func wordBefore(low string, i int) string {
	j := i
	for j > 0 && (low[j-1] >= 'a' && low[j-1] <= 'z' || low[j-1] == '_') {
		j--
	}
	return low[j:i]
}

// numberEnd returns the end of a number (0x hex or decimal, optional sign)
// at s[i:], or i.
func numberEnd(s string, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	if j+1 < len(s) && s[j] == '0' && (s[j+1] == 'x' || s[j+1] == 'X') {
		k := j + 2
		for k < len(s) && isHex(s[k]) {
			k++
		}
		if k > j+2 {
			return k
		}
		return i
	}
	k := j
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == j {
		return i
	}
	return k
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// hasCandidate reports whether a sanitized message has anything errcode
// could read as a code: a signed or hex number, a code name, an alert, a
// handshake state, an AT error, or a decimal right after "error"/"returned".
// Without one, Explain would read timestamps and counters as codes.
func hasCandidate(s string) bool {
	low := strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' && (i == 0 || !isAlnum(s[i-1])):
			return true
		case c == '0' && i+2 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X') && isHex(s[i+2]) && (i == 0 || !isAlnum(s[i-1])):
			return true
		case c == '_' && i > 0 && i+1 < len(s) && isUpper(s[i-1]) && isUpper(s[i+1]):
			return true
		}
	}
	for _, w := range [...]string{"alert", "state", "+cme error", "+cms error", "+q", "+u", "+cch", " - "} {
		if strings.Contains(low, w) {
			return true
		}
	}
	for _, w := range [...]string{"error ", "error: ", "error=", "err ", "err: ", "err=", "returned ", "return ", "ret=", "ret ", "code ", "code: ", "code=", "status "} {
		for off := 0; ; {
			i := strings.Index(low[off:], w)
			if i < 0 {
				break
			}
			j := i + off + len(w)
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				return true
			}
			off = i + off + len(w)
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// flagsIn reads verify flags printed as a number after "flags" or "verify
// result".
func flagsIn(msg string) *Flags {
	low := strings.ToLower(msg)
	for _, w := range [...]string{"flags", "verify result", "verify_result", "verification result", "get_verify_result"} {
		i := strings.Index(low, w)
		if i < 0 {
			continue
		}
		j := i + len(w)
		for j < len(msg) && (msg[j] == ' ' || msg[j] == '=' || msg[j] == ':' || msg[j] == '(' || msg[j] == ')') {
			j++
		}
		k := numberEnd(msg, j)
		if k == j {
			continue
		}
		tok := msg[j:k]
		var v uint64
		var err error
		if strings.HasPrefix(tok, "0x") || strings.HasPrefix(tok, "0X") {
			v, err = strconv.ParseUint(tok[2:], 16, 32)
		} else {
			v, err = strconv.ParseUint(tok, 10, 32)
		}
		if err != nil || v == 0 {
			continue
		}
		return flagsOf(uint32(v), false)
	}
	return nil
}

func flagsOf(v uint32, fromText bool) *Flags {
	f := &Flags{Value: v, FromText: fromText}
	r := errcode.ExplainFlags(v)
	for _, s := range r.Set {
		f.Names = append(f.Names, s.Name)
	}
	if r.AllSet {
		f.Names = []string{"(all bits set: verification aborted)"}
	}
	return f
}

var verifyTextsLazy lazy.Value[[]struct {
	text  string
	value uint32
}]

// verifyTexts are the mbedTLS verify flags with their header text, lower
// case, the way mbedtls_x509_crt_verify_info prints them after "! ".
func verifyTexts() []struct {
	text  string
	value uint32
} {
	return verifyTextsLazy.Get(buildVerifyTexts)
}

func buildVerifyTexts() []struct {
	text  string
	value uint32
} {
	set, _ := errcode.MbedFlags(errcode.Mbed36, 0xFFFFFFFF)
	var out []struct {
		text  string
		value uint32
	}
	for _, f := range set {
		t := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(f.Text)), ".")
		if len(t) > 12 {
			out = append(out, struct {
				text  string
				value uint32
			}{t, f.Value})
		}
	}
	return out
}

// flagsFromText reads verify-info text lines ("  ! The certificate is not
// correctly signed by the trusted CA").
func flagsFromText(low string) *Flags {
	if !strings.Contains(low, "certificate") && !strings.Contains(low, "crl") && !strings.Contains(low, "usage") {
		return nil
	}
	var v uint32
	for _, f := range verifyTexts() {
		if strings.Contains(low, f.text) {
			v |= f.value
		}
	}
	if v == 0 {
		return nil
	}
	return flagsOf(v, true)
}

// clockYear returns the year of a device date on a line about time, or 0.
func clockYear(msg, low string) int {
	if strings.Contains(low, "compile") || strings.Contains(low, "build") || strings.Contains(low, "elf file") || strings.Contains(low, "ets ") {
		return 0
	}
	if m := pat().atDate.FindStringSubmatch(msg); m != nil {
		y, _ := strconv.Atoi(m[1])
		if len(m[1]) == 2 {
			// Two-digit years: 70-99 are 19xx (1980 is the GPS epoch some
			// modems start from), the rest 20xx.
			if y >= 70 {
				y += 1900
			} else {
				y += 2000
			}
		}
		return y
	}
	timeWord := false
	for _, w := range [...]string{"time", "date", "clock", "rtc", "epoch", "now"} {
		if strings.Contains(low, w) {
			timeWord = true
			break
		}
	}
	if !timeWord {
		return 0
	}
	if m := pat().cDate.FindStringSubmatch(msg); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	if m := pat().isoDate.FindStringSubmatch(msg); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// hostIn returns a server name (with its port when given) that a line
// names, or "".
func hostIn(msg string) string {
	if !strings.Contains(msg, ".") {
		return ""
	}
	for _, re := range []*regexp.Regexp{pat().urlHost, pat().atHost, pat().host} {
		m := re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		h := strings.ToLower(m[1])
		if badHost(h) {
			continue
		}
		if m[2] != "" {
			h += ":" + m[2]
		}
		return h
	}
	return ""
}

func badHost(h string) bool {
	for _, s := range [...]string{".c", ".cpp", ".h", ".ino", ".py", ".bin", ".pem", ".crt", ".der"} {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

// stepOfCodes places a line that names no step by its first code.
func stepOfCodes(cs []Code) Step {
	c := cs[0]
	switch {
	case c.kind == errcode.KindState, c.kind == errcode.KindAlert:
		return StepTLS
	case c.stack == errcode.MbedTLS || c.stack == errcode.WolfSSL || c.stack == errcode.BearSSL:
		if strings.Contains(c.Name, "_NET_") {
			return StepSocket
		}
		return StepTLS
	case c.stack == errcode.ESPIDF:
		switch c.Name {
		case "ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME":
			return StepDNS
		case "ESP_ERR_ESP_TLS_CANNOT_CREATE_SOCKET", "ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST", "ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT":
			return StepSocket
		}
		if strings.Contains(c.Name, "TLS") || strings.Contains(c.Name, "MBEDTLS") || strings.Contains(c.Name, "WOLFSSL") {
			return StepTLS
		}
	case c.stack == errcode.Modem:
		return StepSocket
	}
	return StepNone
}

func isTLSCode(c Code) bool {
	return stepOfCodes([]Code{c}) == StepTLS
}

func allStates(cs []Code) bool {
	for _, c := range cs {
		if c.kind != errcode.KindState {
			return false
		}
	}
	return len(cs) > 0
}

// isParse reports whether the first code is one a parser returns: the root
// CA's bytes are not a certificate the build can read.
func isParse(cs []Code) bool {
	if len(cs) == 0 {
		return false
	}
	c := cs[0]
	switch c.stack {
	case errcode.MbedTLS:
		for _, p := range c.parts {
			for _, pre := range [...]string{"MBEDTLS_ERR_PEM_", "MBEDTLS_ERR_ASN1_", "MBEDTLS_ERR_BASE64_", "MBEDTLS_ERR_X509_INVALID_", "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT", "MBEDTLS_ERR_X509_UNKNOWN_", "MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE", "MBEDTLS_ERR_X509_BAD_INPUT_DATA", "MBEDTLS_ERR_PK_KEY_INVALID_FORMAT"} {
				if strings.HasPrefix(p, pre) {
					return true
				}
			}
		}
	case errcode.ESPIDF:
		return c.Name == "ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED" || c.Name == "ESP_ERR_MBEDTLS_CERT_PARTLY_OK"
	case errcode.WolfSSL:
		if strings.HasPrefix(c.Name, "ASN_") {
			switch c.Name {
			case "ASN_NO_SIGNER_E", "ASN_AFTER_DATE_E", "ASN_BEFORE_DATE_E", "ASN_SIG_CONFIRM_E", "ASN_SIG_OID_E", "ASN_SIG_HASH_E", "ASN_SIG_KEY_E":
				return false
			}
			return true
		}
		return c.Name == "BAD_FILETYPE_E" || c.Name == "SSL_BAD_FILETYPE" || c.Name == "BUFFER_E"
	case errcode.BearSSL:
		return strings.HasPrefix(c.Name, "BR_ERR_X509_") && (strings.Contains(c.Name, "DECODING") || strings.Contains(c.Name, "OVERFLOW") || strings.Contains(c.Name, "UNDERFLOW") || strings.Contains(c.Name, "BAD_TAG") || strings.Contains(c.Name, "INVALID_VALUE") || strings.Contains(c.Name, "EXTRA_ELEMENT") || strings.Contains(c.Name, "INDEFINITE") || strings.Contains(c.Name, "PARTIAL"))
	}
	return false
}
