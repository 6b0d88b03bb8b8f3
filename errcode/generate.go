package errcode

// The tables come from Debian's mbedTLS, wolfSSL and BearSSL headers and sources;
// the script fetches what is missing and runs internal/gen/errtables.
//go:generate ../scripts/generate
