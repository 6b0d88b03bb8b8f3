// Package serialport opens a device's serial port for `tlsdoctor provision`
// with go.bug.st/serial, as a provision.Transport: by name, with baud
// rate, data bits, parity and stop bits, optional RTS/CTS, and clear
// errors for a port that is missing or busy (with the ports that do exist).
// It also opens a pseudo-terminal's slave path, which is how tests play
// the device.
package serialport

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"go.bug.st/serial"
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

func (c Config) mode() (*serial.Mode, error) {
	m := &serial.Mode{BaudRate: c.Baud, DataBits: c.DataBits}
	if m.DataBits == 0 {
		m.DataBits = 8
	}
	if c.Baud <= 0 {
		return nil, fmt.Errorf("baud rate %d: want a positive rate such as 115200", c.Baud)
	}
	switch c.Parity {
	case "", "none":
		m.Parity = serial.NoParity
	case "odd":
		m.Parity = serial.OddParity
	case "even":
		m.Parity = serial.EvenParity
	case "mark":
		m.Parity = serial.MarkParity
	case "space":
		m.Parity = serial.SpaceParity
	default:
		return nil, fmt.Errorf("parity %q: want none, odd, even, mark or space", c.Parity)
	}
	switch c.StopBits {
	case "", "1":
		m.StopBits = serial.OneStopBit
	case "1.5":
		m.StopBits = serial.OnePointFiveStopBits
	case "2":
		m.StopBits = serial.TwoStopBits
	default:
		return nil, fmt.Errorf("stop bits %q: want 1, 1.5 or 2", c.StopBits)
	}
	if c.RTSCTS {
		m.InitialStatusBits = &serial.ModemOutputBits{RTS: true, DTR: true}
	}
	return m, nil
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

// Port is an open serial port; it implements provision.Transport and
// provision.ClearToSender.
type Port struct {
	p      serial.Port
	lock   *os.File
	rtscts bool
}

// Open opens a port by name (/dev/ttyUSB0, COM3, a pty slave path).
func Open(name string, c Config) (*Port, error) {
	mode, err := c.mode()
	if err != nil {
		return nil, err
	}
	lock, lerr := lockPort(name)
	if lerr != nil {
		return nil, classify(name, lerr)
	}
	p, err := serial.Open(name, mode)
	if err != nil {
		unlockPort(lock)
		return nil, classify(name, err)
	}
	// Reads return every 100 ms so that the reader can notice Close.
	if err := p.SetReadTimeout(100 * time.Millisecond); err != nil {
		p.Close()
		unlockPort(lock)
		return nil, classify(name, err)
	}
	return &Port{p: p, lock: lock, rtscts: c.RTSCTS}, nil
}

func classify(name string, err error) *OpenError {
	e := &OpenError{Name: name, Err: err}
	var pe *serial.PortError
	switch {
	case errors.As(err, &pe) && pe.Code() == serial.PortBusy, errors.Is(err, errBusy):
		e.Kind = Busy
	case errors.As(err, &pe) && pe.Code() == serial.PermissionDenied, errors.Is(err, os.ErrPermission):
		e.Kind = Denied
	case errors.As(err, &pe) && pe.Code() == serial.PortNotFound, errors.Is(err, os.ErrNotExist):
		e.Kind = Missing
	case errors.As(err, &pe) && pe.Code() == serial.InvalidSerialPort:
		e.Kind = NotSerial
	}
	if ports, lerr := serial.GetPortsList(); lerr == nil {
		e.Ports = ports
	}
	return e
}

// Read reads what the device sent; it returns (0, nil) every 100 ms
// without data.
func (p *Port) Read(b []byte) (int, error) { return p.p.Read(b) }

// Write writes to the device.
func (p *Port) Write(b []byte) (int, error) { return p.p.Write(b) }

// WaitClearToSend waits until the device asserts CTS.
func (p *Port) WaitClearToSend(ctx context.Context) error {
	for {
		st, err := p.p.GetModemStatusBits()
		if err != nil {
			return fmt.Errorf("reading CTS: %w (the port has no modem control lines)", err)
		}
		if st.CTS {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Millisecond):
		}
	}
}

// HasFlowControl reports whether the port was opened with RTS/CTS.
func (p *Port) HasFlowControl() bool { return p.rtscts }

// Close closes the port and releases its lock.
func (p *Port) Close() error {
	err := p.p.Close()
	unlockPort(p.lock)
	return err
}
