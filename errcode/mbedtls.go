package errcode

// codeLevel says in which of mbedtls_strerror's two tables a code sits. The
// level is the library's own (from library/error.c), not derived from the
// value: MBEDTLS_ERR_HKDF_BAD_INPUT_DATA has high-level bits but sits in the
// low-level table, so the library never prints it.
type codeLevel uint8

const (
	levelNone codeLevel = iota // in a header, but strerror does not know it
	levelHigh
	levelLow
)

// mbedCode is one MBEDTLS_ERR_* as a release's headers and error.c define it.
type mbedCode struct {
	name  string
	value int32 // magnitude; the library returns -value
	level codeLevel
	// guard lists the config macros (any one suffices) that compile the
	// code's strerror text into the library.
	guard  string
	text   string // mbedtls_strerror's text, with its "MODULE - " prefix
	header string
}

// mbedFlag is one verify flag (MBEDTLS_X509_BADCERT_*, MBEDTLS_X509_BADCRL_*).
type mbedFlag struct {
	name  string
	value uint32
	text  string // the header's own comment for it
}
