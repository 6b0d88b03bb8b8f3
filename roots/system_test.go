package roots

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLoadUnixStore runs the Unix reader over a file system the test makes:
// the first bundle that reads wins, directories add to it, links are
// followed, duplicates are kept once, and the environment variables replace
// the default lists as they do for crypto/x509 and OpenSSL.
func TestLoadUnixStore(t *testing.T) {
	baltimore := mustRead(t, "testdata/baltimore.pem")
	globalsign := mustRead(t, "testdata/store/globalsign-root-ca.pem")
	entrust := mustRead(t, "testdata/store/entrust-g2.der")
	files := []string{"/etc/first.crt", "/etc/second.pem", "/etc/third.pem"}
	dirs := []string{"/etc/certs", "/etc/other"}
	tests := []struct {
		name      string
		fs        fstest.MapFS
		env       map[string]string
		wantRoots int
		wantName  []string // substrings of the store's name
		wantErr   []string // substrings of the error
	}{
		{"first bundle missing, second read, third ignored",
			fstest.MapFS{"etc/second.pem": {Data: baltimore}, "etc/third.pem": {Data: globalsign}},
			nil, 1, []string{"system (/etc/second.pem: 1 certificates)"}, nil},
		{"bundle without certificates skipped",
			fstest.MapFS{"etc/first.crt": {Data: []byte("# empty\n")}, "etc/third.pem": {Data: globalsign}},
			nil, 1, []string{"/etc/third.pem: 1 certificates"}, nil},
		{"bundle plus directory, duplicate dropped",
			fstest.MapFS{"etc/first.crt": {Data: baltimore}, "etc/certs/a.pem": {Data: baltimore},
				"etc/certs/b.der": {Data: entrust}, "etc/certs/README": {Data: []byte("hello")}},
			nil, 2, []string{"/etc/first.crt: 1 certificates", "/etc/certs/: 1 more certificates"}, nil},
		{"SSL_CERT_FILE replaces the list",
			fstest.MapFS{"etc/first.crt": {Data: baltimore}, "opt/mine.pem": {Data: globalsign}},
			map[string]string{EnvCertFile: "/opt/mine.pem"}, 1, []string{"/opt/mine.pem"}, nil},
		{"SSL_CERT_DIR replaces the directories",
			fstest.MapFS{"etc/certs/a.pem": {Data: baltimore}, "x/a.pem": {Data: globalsign}, "y/b.der": {Data: entrust}},
			map[string]string{EnvCertDir: "/x:/y"}, 2, []string{"/x/: 1 more", "/y/: 1 more"}, nil},
		{"nothing anywhere",
			fstest.MapFS{"etc/first.crt": {Data: []byte("junk")}},
			nil, 0, nil, []string{"/etc/first.crt: no certificate found", "/etc/second.pem: not found", "/etc/certs/: not found", "set SSL_CERT_FILE"}},
		{"SSL_CERT_FILE missing",
			fstest.MapFS{"etc/first.crt": {Data: baltimore}},
			map[string]string{EnvCertFile: "/nope.pem", EnvCertDir: "/none"}, 0, nil, []string{"/nope.pem: not found", "/none/: not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := &SystemOptions{FS: tt.fs, Getenv: func(k string) string { return tt.env[k] }}
			st, err := loadUnixStore(opt, files, dirs)
			if tt.wantErr != nil {
				var se *SystemError
				if !errors.As(err, &se) {
					t.Fatalf("err = %v, want a *SystemError", err)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Roots) != tt.wantRoots {
				t.Errorf("got %d roots, want %d", len(st.Roots), tt.wantRoots)
			}
			for _, w := range tt.wantName {
				if !strings.Contains(st.Name, w) {
					t.Errorf("store name %q does not say %q", st.Name, w)
				}
			}
			for _, r := range st.Roots {
				if !strings.HasPrefix(r.Source, "/") {
					t.Errorf("root %s: source %q is not the file it came from", r.Name(), r.Source)
				}
			}
		})
	}
}

// TestLoadUnixStoreRealFiles reads a temporary directory through the real
// file system, with a symbolic link as Debian's /etc/ssl/certs has them.
func TestLoadUnixStoreRealFiles(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle.pem")
	if err := os.WriteFile(bundle, mustRead(t, "testdata/baltimore.pem"), 0o644); err != nil {
		t.Fatal(err)
	}
	certs := filepath.Join(dir, "certs")
	if err := os.Mkdir(certs, 0o755); err != nil {
		t.Fatal(err)
	}
	gs, _ := filepath.Abs("testdata/store/globalsign-root-ca.pem")
	if err := os.Symlink(gs, filepath.Join(certs, "5ad8a5d6.0")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	env := map[string]string{EnvCertFile: bundle, EnvCertDir: certs}
	st, err := loadUnixStore(&SystemOptions{Getenv: func(k string) string { return env[k] }}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Roots) != 2 {
		t.Fatalf("got %d roots, want 2 (the bundle's and the linked one)", len(st.Roots))
	}
	if !strings.Contains(st.Name, bundle+": 1 certificates") || !strings.Contains(st.Name, certs+"/: 1 more certificates") {
		t.Errorf("store name %q does not say what was read", st.Name)
	}
}
