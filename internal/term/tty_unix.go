//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package term

import (
	"os"

	"golang.org/x/sys/unix"
)

// IsTerminal reports whether f is a terminal: the terminal driver answers
// a request for its settings. A character device is not enough (/dev/null
// and serial ports are character devices too).
func IsTerminal(f *os.File) bool {
	sc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	tty := false
	// Control, not Fd: Fd would switch the file to blocking mode.
	if err := sc.Control(func(fd uintptr) {
		_, terr := unix.IoctlGetTermios(int(fd), ioctlReadTermios)
		tty = terr == nil
	}); err != nil {
		return false
	}
	return tty
}
