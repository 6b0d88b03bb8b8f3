package profile

// The stock configurations (stock_gen.go) come from the pinned mbedTLS source
// tarballs, preprocessed by gcc; the script extracts them and runs
// internal/gen/profilestock.
//go:generate ../scripts/generate-profile
