package consolelog

import (
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// errnoClass groups errno values by what they say about a connection.
type errnoClass uint8

const (
	errnoOther    errnoClass = iota
	errnoConnect             // the connect (TCP, or the modem's TCP+TLS) failed
	errnoResource            // out of memory, buffers or sockets
	errnoDNS                 // a getaddrinfo (DNS_EAI_*) result
)

// errnoEntry is one errno value: its name and what it means, in our words.
type errnoEntry struct {
	name  string
	text  string
	class errnoClass
}

// errnoOf returns the errno with a value (positive) from errcode's table,
// which holds the numbering of Zephyr's minimal libc, newlib and picolibc,
// ESP-IDF's lwIP and FreeRTOS+TCP, and of the nRF Connect SDK (which turns
// the nRF91 modem's NRF_E* values into it); the sources are in
// errcode/errno.go. It differs from Linux and from lwIP's own table
// (LWIP_PROVIDE_ERRNO): there 113 is EHOSTUNREACH, here ECONNABORTED.
func errnoOf(v int64) (errnoEntry, bool) {
	c, ok := errcode.ErrnoByValue(v)
	if !ok {
		return errnoEntry{}, false
	}
	return errnoEntry{name: c.Name, text: plainText(c.Text), class: errnoClassOf(c.Name)}, true
}

// plainText turns errcode's sentence ("Connection refused.") into the
// phrase this package words causes with ("connection refused").
func plainText(s string) string {
	s = strings.TrimSuffix(s, ".")
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		s = string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// errnoClassOf says what an errno tells about a connection.
func errnoClassOf(name string) errnoClass {
	switch name {
	case "EPIPE", "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ENETUNREACH", "ENETDOWN", "ETIMEDOUT",
		"EHOSTDOWN", "EHOSTUNREACH", "EADDRNOTAVAIL", "ENETRESET", "ENOTCONN":
		return errnoConnect
	case "ENOMEM", "ENFILE", "EMFILE", "ENOSPC", "ENOBUFS":
		return errnoResource
	}
	return errnoOther
}

var dnsEAITableLazy lazy.Value[map[int64]errnoEntry]

// dnsEAITable is Zephyr's getaddrinfo results (enum dns_resolve_status in
// zephyrproject-rtos/zephyr include/zephyr/net/dns_resolve.h), which the
// nRF91 modem's getaddrinfo also returns in the nRF Connect SDK. They are
// negative and small, so on a getaddrinfo line -2 is DNS_EAI_NONAME, not
// ENOENT.
func dnsEAITable() map[int64]errnoEntry { return dnsEAITableLazy.Get(buildDnsEAITable) }

func buildDnsEAITable() map[int64]errnoEntry {
	c := func(name, text string) errnoEntry { return errnoEntry{name, text, errnoDNS} }
	return map[int64]errnoEntry{
		1:  c("DNS_EAI_BADFLAGS", "invalid getaddrinfo flags"),
		2:  c("DNS_EAI_NONAME", "the name is unknown: the DNS server has no address for it"),
		3:  c("DNS_EAI_AGAIN", "temporary failure in name resolution (no answer yet, or no network)"),
		4:  c("DNS_EAI_FAIL", "non-recoverable failure in name resolution"),
		5:  c("DNS_EAI_NODATA", "no address of the asked family for the name"),
		6:  c("DNS_EAI_FAMILY", "address family not supported"),
		7:  c("DNS_EAI_SOCKTYPE", "socket type not supported"),
		8:  c("DNS_EAI_SERVICE", "service not supported for the socket type"),
		9:  c("DNS_EAI_ADDRFAMILY", "address family for the name not supported"),
		10: c("DNS_EAI_MEMORY", "out of memory during name resolution"),
		11: c("DNS_EAI_SYSTEM", "system error: see errno"),
		12: c("DNS_EAI_OVERFLOW", "argument buffer overflow"),
	}
}

// credentialMeaning is what the nRF Connect SDK's modem_key_mgmt library
// means by the errno values it returns: it turns the modem's %CMNG +CME
// ERROR replies into them (nrfconnect/sdk-nrf
// lib/modem_key_mgmt/modem_key_mgmt.c translate_error: 513 -> ENOENT,
// 514 -> EPERM, 515 -> ENOMEM, 518 -> EACCES).
func credentialMeaning(name string) (string, bool) {
	switch name {
	case "ENOENT":
		return "the sec_tag holds no credential of that type (%CMNG +CME ERROR 513)", true
	case "EPERM":
		return "the modem refused access to the credential (%CMNG +CME ERROR 514)", true
	case "ENOMEM":
		return "the modem's credential storage is full (%CMNG +CME ERROR 515)", true
	case "EACCES":
		return "credentials cannot be written while the modem is online (%CMNG +CME ERROR 518): put it offline with AT+CFUN=4 first", true
	}
	return "", false
}

// errnoContext says how to read the numbers on one line.
type errnoContext struct {
	dns        bool // a getaddrinfo/DNS line: small negatives are DNS_EAI_*
	credential bool // a modem_key_mgmt / %CMNG / provisioning line
	socketCall bool // the line names a socket call (connect(), send())
}

// errnoCodes reads the errno values a line prints: "errno 113",
// "errno=113", "error: -111", "err -116", "(-113)". A signed number is
// read only when it is small (an errno, not a library code) and not a
// signal level ("-111 dBm").
func errnoCodes(msg string, ctx errnoContext) []Code {
	low := strings.ToLower(msg)
	var out []Code
	add := func(tok string, v int64) {
		abs := v
		if abs < 0 {
			abs = -abs
		}
		var e errnoEntry
		var ok bool
		stack := "errno"
		if ctx.dns && v < 0 {
			e, ok = dnsEAITable()[abs]
			stack = "dns"
		}
		if !ok {
			e, ok = errnoOf(abs)
			stack = "errno"
		}
		if !ok {
			return
		}
		for _, c := range out {
			if c.Value == v {
				return
			}
		}
		text := e.text
		if ctx.credential {
			if m, ok := credentialMeaning(e.name); ok {
				text = m
			}
		}
		ent := e
		ent.text = text
		out = append(out, Code{Token: tok, Stack: stack, Kind: "code", Value: v, Name: e.name, Text: text, errno: &ent})
	}
	// "errno 113", "errno: 113", "errno=113", "errno -113".
	for off := 0; ; {
		i := strings.Index(low[off:], "errno")
		if i < 0 {
			break
		}
		i += off
		j := i + len("errno")
		for j < len(msg) && (msg[j] == ' ' || msg[j] == ':' || msg[j] == '=' || msg[j] == '(') {
			j++
		}
		if j+2 < len(msg) && msg[j] == '0' && (msg[j+1] == 'x' || msg[j+1] == 'X') {
			// esp-mqtt prints the socket errno in hex: "errno: 0x71".
			k := j + 2
			for k < len(msg) && isHex(msg[k]) {
				k++
			}
			if k > j+2 && k-j <= 4 && (k == len(msg) || !isAlnum(msg[k])) {
				v, _ := strconv.ParseInt(msg[j+2:k], 16, 64)
				add("errno "+msg[j:k], v)
			}
			off = j
			continue
		}
		k := j
		if k < len(msg) && msg[k] == '-' {
			k++
		}
		d := k
		for k < len(msg) && msg[k] >= '0' && msg[k] <= '9' {
			k++
		}
		if k > d && k-d <= 3 && (k == len(msg) || !isAlnum(msg[k])) {
			v, _ := strconv.ParseInt(msg[j:k], 10, 64)
			add("errno "+msg[j:k], v)
		}
		off = j
	}
	// A positive number after "err" on a line about a socket call:
	// "connect() failed, err: 116" (the nRF Connect SDK samples print
	// errno so).
	if ctx.socketCall {
		for _, w := range [...]string{"err: ", "err ", "err=", "error: ", "error ", "error="} {
			i := strings.Index(low, w)
			if i < 0 || i > 0 && isAlnum(low[i-1]) {
				continue
			}
			j := i + len(w)
			k := j
			for k < len(msg) && msg[k] >= '0' && msg[k] <= '9' {
				k++
			}
			if k > j && k-j <= 3 && (k == len(msg) || !isAlnum(msg[k]) && msg[k] != '.') {
				v, _ := strconv.ParseInt(msg[j:k], 10, 64)
				add(msg[j:k], v)
			}
			break
		}
	}
	// Signed small numbers: "-111".
	for i := 0; i < len(msg); i++ {
		if msg[i] != '-' || i+1 >= len(msg) || msg[i+1] < '0' || msg[i+1] > '9' {
			continue
		}
		if i > 0 && (isAlnum(msg[i-1]) || msg[i-1] == '.' || msg[i-1] == '-') {
			continue
		}
		k := i + 1
		for k < len(msg) && msg[k] >= '0' && msg[k] <= '9' {
			k++
		}
		if k-i-1 > 3 || k < len(msg) && (isAlnum(msg[k]) || msg[k] == '.' && k+1 < len(msg) && msg[k+1] >= '0' && msg[k+1] <= '9') {
			continue
		}
		// PubSubClient's "rc=-2", a state or a count are the library's own
		// numbers, not errno.
		b := i
		for b > 0 && (low[b-1] == ' ' || low[b-1] == '=' || low[b-1] == ':') {
			b--
		}
		switch wordBefore(low, b) {
		case "rc", "state", "status", "rssi", "rsrp", "rsrq", "snr", "count", "len", "size", "offset":
			continue
		}
		rest := strings.TrimLeft(low[k:], " ")
		if strings.HasPrefix(rest, "db") || strings.HasPrefix(rest, "ms") || strings.HasPrefix(rest, "s ") || strings.HasPrefix(rest, "%") {
			continue
		}
		v, _ := strconv.ParseInt(msg[i:k], 10, 64)
		add(msg[i:k], v)
		i = k
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// errnoStack reports whether a log line comes from a platform whose errno
// numbering the table above knows: Zephyr and the nRF Connect SDK, ESP-IDF
// and Arduino-ESP32 (newlib under lwIP), FreeRTOS (+TCP or newlib).
func errnoStack(f Format) bool {
	switch f {
	case FormatZephyr, FormatESPIDF, FormatArduino, FormatFreeRTOS, FormatESPROM:
		return true
	}
	return false
}
