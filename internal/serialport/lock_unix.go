//go:build unix

package serialport

import (
	"errors"
	"os"
	"syscall"
)

var errBusy = errors.New("port locked by another program")

// lockPort takes an advisory lock on the port (flock, as picocom and
// minicom do), so that two programs do not talk to one device at once.
func lockPort(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	sc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	var ferr error
	if err := sc.Control(func(fd uintptr) { ferr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB) }); err != nil {
		f.Close()
		return nil, err
	}
	if ferr != nil {
		f.Close()
		if errors.Is(ferr, syscall.EWOULDBLOCK) {
			return nil, errBusy
		}
		return nil, ferr
	}
	return f, nil
}

func unlockPort(f *os.File) {
	if f != nil {
		f.Close()
	}
}
