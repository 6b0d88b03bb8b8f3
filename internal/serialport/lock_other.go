//go:build !unix

package serialport

import (
	"errors"
	"os"
)

var errBusy = errors.New("port locked by another program")

// lockPort does nothing where the system itself gives a port to one
// program at a time (Windows answers "access denied" to the second).
func lockPort(string) (*os.File, error) { return nil, nil }

func unlockPort(*os.File) {}
