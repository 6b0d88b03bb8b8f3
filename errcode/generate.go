package errcode

// The tables come from Debian's mbedTLS, wolfSSL and BearSSL headers and sources;
// the script fetches what is missing and runs internal/gen/errtables.
//go:generate ../scripts/generate

// The explanations are written as Go literals and shipped encoded
// (explaindata.go); the test that checks the encoding rewrites it.
//go:generate go test -run ^TestExplanationData$ -update
