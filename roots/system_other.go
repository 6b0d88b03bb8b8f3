//go:build !linux && !darwin && !windows && !dragonfly && !freebsd && !netbsd && !openbsd && !solaris && !illumos

package roots

import "runtime"

// loadSystem: there is no system trust store tlsdoctor knows how to read
// here (js/wasm has no file system of its own; Plan 9, AIX and others are
// not supported).
func loadSystem(*SystemOptions) (*Store, error) {
	return nil, &SystemError{Tried: []string{runtime.GOOS + "/" + runtime.GOARCH + ": no system trust store is known"},
		Hint: "export the roots to a PEM bundle and pass it with --roots FILE"}
}
