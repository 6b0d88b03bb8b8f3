package roots

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadSystemLinuxInjected runs LoadSystem with the environment and
// file system injected: SSL_CERT_FILE and SSL_CERT_DIR point into the
// test's own files, whatever the machine holds.
func TestLoadSystemLinuxInjected(t *testing.T) {
	fsys := fstest.MapFS{
		"tmp/t/bundle.pem":  {Data: mustRead(t, "testdata/baltimore.pem")},
		"tmp/t/dir/a.crt":   {Data: mustRead(t, "testdata/store/starfield-class-2.crt")},
		"etc/ssl/cert.pem":  {Data: mustRead(t, "testdata/store/globalsign-root-ca.pem")},
		"etc/ssl/certs/x.0": {Data: mustRead(t, "testdata/store/entrust-g2.der")},
	}
	env := map[string]string{EnvCertFile: "/tmp/t/bundle.pem", EnvCertDir: "/tmp/t/dir"}
	st, err := LoadSystem(SystemOptions{FS: fsys, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) != 2 || !strings.HasPrefix(st.Name, SystemStoreName+" (/tmp/t/bundle.pem: 1 certificates, /tmp/t/dir/: 1 more") {
		t.Errorf("got %d roots in %q, want the two of SSL_CERT_FILE and SSL_CERT_DIR", len(st.Roots), st.Name)
	}
	// Without the variables: Alpine's /etc/ssl/cert.pem (the last of the
	// list) and the /etc/ssl/certs directory.
	st, err = LoadSystem(SystemOptions{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) != 2 || !strings.Contains(st.Name, "/etc/ssl/cert.pem: 1 certificates") {
		t.Errorf("got %d roots in %q, want /etc/ssl/cert.pem and /etc/ssl/certs", len(st.Roots), st.Name)
	}
}

// TestLoadSystemLinuxReal reads this machine's own store, when it has one
// of the bundles crypto/x509 knows: it must hold certificates, each read
// from a file of the store.
func TestLoadSystemLinuxReal(t *testing.T) {
	found := false
	for _, f := range []string{"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/ca-bundle.pem",
		"/etc/pki/tls/cacert.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/cert.pem"} {
		if _, err := os.Stat(f); err == nil {
			found = true
		}
	}
	if !found {
		t.Skip("no system CA bundle on this machine")
	}
	st, err := LoadSystem(SystemOptions{}) // the real file system, no variables
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) < 10 {
		t.Errorf("system store %q holds %d roots; a distribution bundle has over a hundred", st.Name, len(st.Roots))
	}
	t.Logf("%s: %d roots", st.Name, len(st.Roots))
}
