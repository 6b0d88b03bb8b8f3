package roots

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// SystemStoreName is what --roots takes to mean the operating system's own
// trust store, and the prefix of that store's name.
const SystemStoreName = "system"

// The environment variables OpenSSL and crypto/x509 read on Unix systems
// other than macOS: a bundle file that replaces the default list, and a
// colon-separated list of directories that replaces the default ones.
const (
	EnvCertFile = "SSL_CERT_FILE"
	EnvCertDir  = "SSL_CERT_DIR"
)

// SystemOptions are what LoadSystem may use; the library reads no global
// state itself.
type SystemOptions struct {
	// Getenv looks up EnvCertFile and EnvCertDir (os.Getenv in a program).
	// Nil means neither is set.
	Getenv func(string) string
	// FS is the file system the bundle files and directories are read from,
	// rooted at "/" (absolute paths lose their leading slash). Nil means the
	// real one.
	FS fs.FS
	// Run runs an external command and returns its standard output. macOS
	// keeps its roots in a keychain that only the `security` tool reads
	// without cgo, and this package never starts a process itself: without
	// Run, LoadSystem on macOS says which command to run instead.
	Run func(ctx context.Context, name string, args ...string) ([]byte, error)
	// Context bounds Run; nil means context.Background().
	Context context.Context
}

func (o *SystemOptions) getenv(k string) string {
	if o.Getenv == nil {
		return ""
	}
	return o.Getenv(k)
}

func (o *SystemOptions) fsys() fs.FS {
	if o.FS == nil {
		return os.DirFS("/")
	}
	return o.FS
}

// SystemError says the system store could not be read: where it looked and
// what would have worked.
type SystemError struct {
	// Tried lists what was looked at, each with why it did not serve.
	Tried []string
	// Hint says what to do instead.
	Hint string
}

func (e *SystemError) Error() string {
	msg := "no system trust store found"
	if len(e.Tried) > 0 {
		msg += " (tried " + strings.Join(e.Tried, "; ") + ")"
	}
	if e.Hint != "" {
		msg += ": " + e.Hint
	}
	return msg
}

// LoadSystem reads the operating system's trust store, certificates and
// all, as a Store named "system (WHERE)", WHERE being the file, directories
// or store it read. Each root's Source is the file (or keychain, or Windows
// store) it came from.
//
// Linux and the BSDs: the first bundle file of the list crypto/x509 uses
// that holds a certificate (or only EnvCertFile when set), plus every file
// of the certificate directories (or those of EnvCertDir when set).
// macOS: the system roots keychain through `security` (SystemOptions.Run).
// Windows: the ROOT system certificate store. Elsewhere (js/wasm, Plan 9):
// a *SystemError.
func LoadSystem(opt SystemOptions) (*Store, error) {
	return loadSystem(&opt)
}

// loadUnixStore reads the Unix bundle files and certificate directories.
func loadUnixStore(opt *SystemOptions, files, dirs []string) (*Store, error) {
	st := &Store{Name: SystemStoreName}
	var tried, read []string
	fsys := opt.fsys()
	if f := opt.getenv(EnvCertFile); f != "" {
		files = []string{f}
	}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, fsPath(f))
		if err != nil {
			tried = append(tried, f+": "+errText(err))
			continue
		}
		n := len(st.Roots)
		if err := st.add(f, data); err != nil || len(st.Roots) == n {
			tried = append(tried, f+": no certificate found")
			continue
		}
		read = append(read, fmt.Sprintf("%s: %d certificates", f, len(st.Roots)-n))
		break // crypto/x509 uses the first bundle that reads
	}
	if d := opt.getenv(EnvCertDir); d != "" {
		dirs = strings.Split(d, ":")
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		entries, err := fs.ReadDir(fsys, fsPath(d))
		if err != nil {
			tried = append(tried, d+"/: "+errText(err))
			continue
		}
		n := len(st.Roots)
		for _, e := range entries {
			p := path.Join(d, e.Name())
			// Follow symbolic links (Debian's /etc/ssl/certs is made of
			// them); the store keeps each certificate once.
			fi, err := fs.Stat(fsys, fsPath(p))
			if err != nil || !fi.Mode().IsRegular() || fi.Size() > 16<<20 {
				continue
			}
			data, err := fs.ReadFile(fsys, fsPath(p))
			if err != nil {
				continue
			}
			_ = st.add(p, data)
		}
		if len(st.Roots) > n {
			read = append(read, fmt.Sprintf("%s/: %d more certificates", d, len(st.Roots)-n))
		} else {
			tried = append(tried, d+"/: no certificate not already read")
		}
	}
	if len(st.Roots) == 0 {
		return nil, &SystemError{Tried: tried,
			Hint: "set " + EnvCertFile + " to a PEM bundle (or " + EnvCertDir + " to a directory of certificates), or pass the bundle itself with --roots FILE"}
	}
	st.Name = SystemStoreName + " (" + strings.Join(read, ", ") + ")"
	sortRoots(st.Roots)
	return st, nil
}

// fsPath turns an absolute path into an fs.FS path rooted at "/".
func fsPath(p string) string {
	p = path.Clean(strings.TrimLeft(p, "/"))
	if p == "" {
		return "."
	}
	return p
}

func errText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "not found"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
