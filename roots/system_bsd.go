//go:build dragonfly || freebsd || netbsd || openbsd

package roots

// The bundle files and directories crypto/x509 reads on the BSDs
// (src/crypto/x509/root_bsd.go and root_unix.go in Go 1.26).
func loadSystem(opt *SystemOptions) (*Store, error) {
	return loadUnixStore(opt, []string{
		"/usr/local/etc/ssl/cert.pem",            // FreeBSD
		"/etc/ssl/cert.pem",                      // OpenBSD
		"/usr/local/share/certs/ca-root-nss.crt", // DragonFly
		"/etc/openssl/certs/ca-certificates.crt", // NetBSD
	}, []string{
		"/etc/ssl/certs",         // FreeBSD 12.2+
		"/usr/local/share/certs", // FreeBSD
		"/etc/openssl/certs",     // NetBSD
	})
}
