// Package errcode knows the error codes that embedded TLS stacks return
// (mbedTLS 2.28 and 3.6, wolfSSL, BearSSL, ESP-IDF esp-tls, cellular-modem SSL
// AT replies), the errno values of the sockets beneath them (newlib/Zephyr
// numbering), the TLS alerts and mbedTLS handshake states that appear in device
// logs, and our own explanations of them: what each means on a device, its
// likely causes, and the fix.
//
// The tables are static data (generated from the stacks' headers where a
// header exists), so looking a code up costs no start-up work.
package errcode

import "strings"

// Stack names a TLS implementation (or protocol layer) whose codes we know.
type Stack uint8

// The stacks, in the order a bare number is tried.
const (
	StackUnknown Stack = iota
	MbedTLS
	WolfSSL
	BearSSL
	ESPIDF
	Modem
	TLS   // protocol-level facts shared by every stack: alert numbers
	Errno // the C library's errno in the newlib/Zephyr numbering (errno.go)
)

var stackNames = [...]string{
	StackUnknown: "unknown",
	MbedTLS:      "mbedtls",
	WolfSSL:      "wolfssl",
	BearSSL:      "bearssl",
	ESPIDF:       "esp-idf",
	Modem:        "modem",
	TLS:          "tls",
	Errno:        "errno",
}

// String returns the stack's name as the --stack flag spells it.
func (s Stack) String() string {
	if int(s) < len(stackNames) {
		return stackNames[s]
	}
	return "unknown"
}

// Title returns the stack's name as users write it in prose.
func (s Stack) Title() string {
	switch s {
	case MbedTLS:
		return "mbedTLS"
	case WolfSSL:
		return "wolfSSL"
	case BearSSL:
		return "BearSSL"
	case ESPIDF:
		return "ESP-IDF"
	case Modem:
		return "modem"
	case TLS:
		return "TLS"
	case Errno:
		return "errno"
	}
	return "unknown"
}

// ParseStack reads a stack name as given to --stack.
func ParseStack(s string) (Stack, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "mbedtls", "mbed", "mbed-tls":
		return MbedTLS, true
	case "wolfssl", "wolf":
		return WolfSSL, true
	case "bearssl", "bear":
		return BearSSL, true
	case "esp-idf", "espidf", "esp", "esp-tls", "idf":
		return ESPIDF, true
	case "modem", "at":
		return Modem, true
	case "tls":
		return TLS, true
	case "errno", "newlib", "zephyr":
		return Errno, true
	}
	return StackUnknown, false
}

// Code is one error code as the stack's own header or maker's manual defines it.
type Code struct {
	Stack Stack
	// Name is the identifier in the stack's header (MBEDTLS_ERR_X509_INVALID_FORMAT,
	// ASN_NO_SIGNER_E), or for modem codes the maker's model family and number
	// (QUECTEL_SSL_572) when the manual gives no identifier.
	Name string
	// Value is the number the stack returns: negative for mbedTLS and wolfSSL,
	// positive for BearSSL, ESP-IDF and modem codes and for errno values (which
	// Zephyr and the nRF Connect SDK return negated).
	Value int64
	// Module is the part of the stack that owns the code: the mbedTLS module
	// (X509, PK, ASN1), "wolfcrypt" or "ssl" for wolfSSL, the ESP-IDF component,
	// the modem family.
	Module string
	// Text is the stack's own one-line description, as its error-string function
	// prints it (without mbedTLS's "MODULE - " prefix). Data for reading logs.
	Text string
	// Source says where the fact comes from: the header file and version, or
	// the manual and its section.
	Source string
}

// Phase is when, in a device's life, an error happens; it decides which causes
// of a code are likely.
type Phase uint8

const (
	// PhaseAny applies whatever the device was doing.
	PhaseAny Phase = iota
	// PhaseLoad is the device parsing bytes it was given: its root CA, its own
	// certificate or key (mbedtls_x509_crt_parse, mbedtls_pk_parse_key, ...).
	PhaseLoad
	// PhaseHandshake is the TLS handshake: the error comes from what the server
	// sent (its chain, its parameters) or from the device's build and buffers.
	PhaseHandshake
	// PhaseNetwork is below TLS: sockets, DNS, the modem's data connection.
	PhaseNetwork
)

var phaseNames = [...]string{"any", "load", "handshake", "network"}

// String returns the phase's short name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "any"
}

// Cause is one reason a code happens on embedded devices, in our own words.
type Cause struct {
	// Text says what went wrong, in the words of a firmware engineer.
	Text string
	// Fix is the exact thing to do about it.
	Fix string
	// When is the phase in which this cause applies (PhaseAny for both).
	When Phase
	// Source is a public report of this cause: an issue, forum thread or
	// vendor note (a URL), or the library function whose behaviour it is.
	Source string
}

// Explanation is our account of a code (or a set of codes that mean the same
// thing, such as a code renamed between versions): what it means on a device,
// its causes ranked by how often they are the reason, the one check that tells
// them apart, and the tlsdoctor command that confirms it.
type Explanation struct {
	Stack Stack
	// Names are the code names this explanation covers.
	Names []string
	// Meaning says in one or two plain sentences what the device is telling you.
	Meaning string
	// Causes are ranked: the most common reason on embedded devices first.
	Causes []Cause
	// Question is the one check that tells the causes apart.
	Question string
	// Confirm is the tlsdoctor command that confirms the diagnosis, with
	// placeholders in capitals (tlsdoctor check ROOT_CA_FILE --length strlen).
	Confirm string
}
