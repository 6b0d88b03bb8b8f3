// Package mbedsim predicts, byte for byte, what mbedTLS 2.28 and 3.6 return
// when a device parses certificates: mbedtls_x509_crt_parse (the PEM-or-DER
// decision, the PEM loop, pem_read_buffer and base64) and
// mbedtls_x509_crt_parse_der (the whole DER walk, including the public key
// checks of pkparse, rsa and ecp).
//
// The model is written from the behaviour of the real libraries, not copied
// from them. Every rule names the C function it reproduces, as
// "library/file.c:function@version", both in a comment next to the code and
// in Failure.Cite, so a finding can always be traced to the source line that
// produces the device's return code. What one build can do (which hashes,
// curves and key types exist, MBEDTLS_MPI_MAX_SIZE, PEM support, ...) comes
// from its configuration macros through FromMacros.
//
// The oracle test (internal/oracle, build tag oracle) runs the same inputs
// through the real libraries, built in several configurations, and requires
// the same return code and the same number of parsed certificates.
//
// The package is pure Go (no cgo) so it also runs in the browser (js/wasm).
// Parsing never panics, uses memory linear in the input, and performs no
// signature verification: mbedTLS does none at parse time either.
package mbedsim
