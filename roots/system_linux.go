package roots

// The bundle files and directories crypto/x509 reads on Linux
// (src/crypto/x509/root_linux.go in Go 1.26), in its order.
func loadSystem(opt *SystemOptions) (*Store, error) {
	return loadUnixStore(opt, []string{
		"/etc/ssl/certs/ca-certificates.crt",                // Debian, Ubuntu, Gentoo, Arch
		"/etc/pki/tls/certs/ca-bundle.crt",                  // Fedora, RHEL 6
		"/etc/ssl/ca-bundle.pem",                            // openSUSE
		"/etc/pki/tls/cacert.pem",                           // OpenELEC
		"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS, RHEL 7
		"/etc/ssl/cert.pem",                                 // Alpine
	}, []string{
		"/etc/ssl/certs",     // SLES, Debian's hashed links
		"/etc/pki/tls/certs", // Fedora, RHEL
	})
}
