// Package serialport opens a device's serial port for `tlsdoctor provision`
// and `tlsdoctor monitor`, as a provision.Transport: by name, with baud
// rate, data bits, parity and stop bits, optional RTS/CTS, and clear
// errors for a port that is missing or busy (with the ports that do exist).
// It also opens a pseudo-terminal's slave path, which is how tests play
// the device.
//
// On Linux it talks to the kernel's termios interface itself (port_linux.go);
// elsewhere it uses go.bug.st/serial (port_bugst.go). The reason is start-up
// time: go.bug.st/serial compiles a regular expression and builds maps in
// its package init, which every run of every tlsdoctor command pays, and
// explain's start-up is a goal.
package serialport

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Config is how the port is set up.
type Config struct {
	Baud     int
	DataBits int    // 5-8, default 8
	Parity   string // none, odd, even, mark, space; default none
	StopBits string // 1, 1.5, 2; default 1
	// RTSCTS asserts RTS and waits for CTS before each chunk sent.
	RTSCTS bool
}

// ParseFrame reads a frame such as "8N1" or "7E2" into c.
func (c *Config) ParseFrame(s string) error {
	if len(s) != 3 || s[0] < '5' || s[0] > '8' {
		return fmt.Errorf("frame %q: want data bits, parity and stop bits, e.g. 8N1 or 7E1", s)
	}
	c.DataBits = int(s[0] - '0')
	switch s[1] {
	case 'N', 'n':
		c.Parity = "none"
	case 'E', 'e':
		c.Parity = "even"
	case 'O', 'o':
		c.Parity = "odd"
	case 'M', 'm':
		c.Parity = "mark"
	case 'S', 's':
		c.Parity = "space"
	default:
		return fmt.Errorf("frame %q: parity %q: want N, E, O, M or S", s, s[1])
	}
	switch s[2] {
	case '1':
		c.StopBits = "1"
	case '2':
		c.StopBits = "2"
	default:
		return fmt.Errorf("frame %q: stop bits %q: want 1 or 2", s, s[2])
	}
	return nil
}

// Kind says why a port could not be opened.
type Kind uint8

// The kinds of open errors.
const (
	Other Kind = iota
	Missing
	Busy
	Denied
	NotSerial
)

// OpenError is a port that could not be opened, with the ports that exist.
type OpenError struct {
	Name  string
	Kind  Kind
	Err   error
	Ports []string // the serial ports found, for the hint
}

func (e *OpenError) Error() string {
	switch e.Kind {
	case Missing:
		return fmt.Sprintf("serial port %s does not exist", e.Name)
	case Busy:
		return fmt.Sprintf("serial port %s is busy: another program has it open", e.Name)
	case Denied:
		return fmt.Sprintf("no permission to open serial port %s", e.Name)
	case NotSerial:
		return fmt.Sprintf("%s is not a serial port: %v", e.Name, e.Err)
	}
	return fmt.Sprintf("cannot open serial port %s: %v", e.Name, e.Err)
}

func (e *OpenError) Unwrap() error { return e.Err }

// Hint says what would work.
func (e *OpenError) Hint() string {
	ports := "no serial ports were found (is the board plugged in?)"
	if len(e.Ports) > 0 {
		ports = "ports found: " + strings.Join(e.Ports, ", ")
	}
	switch e.Kind {
	case Busy:
		return "close the terminal program (screen, minicom, PuTTY, the IDE's serial monitor) that holds it; " + ports
	case Denied:
		return "on Linux add yourself to the dialout (or uucp) group and log in again; " + ports
	}
	return ports
}

// frame is a Config checked and with its defaults filled in.
type frame struct {
	baud     int
	dataBits int
	parity   string // none, odd, even, mark, space
	stopBits string // 1, 1.5, 2
}

func (c Config) frame() (frame, error) {
	f := frame{baud: c.Baud, dataBits: c.DataBits, parity: c.Parity, stopBits: c.StopBits}
	if c.Baud <= 0 {
		return f, fmt.Errorf("baud rate %d: want a positive rate such as 115200", c.Baud)
	}
	if f.dataBits == 0 {
		f.dataBits = 8
	}
	if f.dataBits < 5 || f.dataBits > 8 {
		return f, fmt.Errorf("data bits %d: want 5, 6, 7 or 8", f.dataBits)
	}
	switch f.parity {
	case "":
		f.parity = "none"
	case "none", "odd", "even", "mark", "space":
	default:
		return f, fmt.Errorf("parity %q: want none, odd, even, mark or space", c.Parity)
	}
	switch f.stopBits {
	case "":
		f.stopBits = "1"
	case "1", "1.5", "2":
	default:
		return f, fmt.Errorf("stop bits %q: want 1, 1.5 or 2", c.StopBits)
	}
	return f, nil
}

// waitCTS polls cts every millisecond until the device asserts CTS (the
// serial drivers we use offer no wait for a modem line).
func waitCTS(ctx context.Context, cts func() (bool, error)) error {
	for {
		on, err := cts()
		if err != nil {
			return fmt.Errorf("reading CTS: %w (the port has no modem control lines)", err)
		}
		if on {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}
