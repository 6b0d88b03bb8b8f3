package cli

import (
	"errors"
	"io"

	"github.com/tlsdoctor/tlsdoctor/internal/serialport"
)

// openSerialPort opens the device's console for monitor, locked against
// other programs as provision does.
func openSerialPort(name string, baud int) (io.ReadCloser, error) {
	return serialport.Open(name, serialport.Config{Baud: baud})
}

// portHints says what would work when a port did not open: the ports that
// exist, and how to free a busy one or get permission.
func portHints(err error) []string {
	var oe *serialport.OpenError
	if errors.As(err, &oe) {
		return []string{oe.Hint()}
	}
	return nil
}
