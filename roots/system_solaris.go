//go:build solaris || illumos

package roots

// The bundle files and directory crypto/x509 reads on Solaris and illumos
// (src/crypto/x509/root_solaris.go in Go 1.26).
func loadSystem(opt *SystemOptions) (*Store, error) {
	return loadUnixStore(opt, []string{
		"/etc/certs/ca-certificates.crt",     // Solaris 11.2+
		"/etc/ssl/certs/ca-certificates.crt", // Joyent SmartOS
		"/etc/ssl/cacert.pem",                // OmniOS
	}, []string{"/etc/certs/CA"})
}
