//go:build !linux || ppc || ppc64 || ppc64le

package serialport

import (
	"context"
	"errors"
	"os"
	"time"

	"go.bug.st/serial"
)

func (c Config) mode() (*serial.Mode, error) {
	f, err := c.frame()
	if err != nil {
		return nil, err
	}
	m := &serial.Mode{BaudRate: f.baud, DataBits: f.dataBits}
	switch f.parity {
	case "none":
		m.Parity = serial.NoParity
	case "odd":
		m.Parity = serial.OddParity
	case "even":
		m.Parity = serial.EvenParity
	case "mark":
		m.Parity = serial.MarkParity
	case "space":
		m.Parity = serial.SpaceParity
	}
	switch f.stopBits {
	case "1":
		m.StopBits = serial.OneStopBit
	case "1.5":
		m.StopBits = serial.OnePointFiveStopBits
	case "2":
		m.StopBits = serial.TwoStopBits
	}
	if c.RTSCTS {
		m.InitialStatusBits = &serial.ModemOutputBits{RTS: true, DTR: true}
	}
	return m, nil
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
	return waitCTS(ctx, func() (bool, error) {
		st, err := p.p.GetModemStatusBits()
		return err == nil && st.CTS, err
	})
}

// HasFlowControl reports whether the port was opened with RTS/CTS.
func (p *Port) HasFlowControl() bool { return p.rtscts }

// Close closes the port and releases its lock.
func (p *Port) Close() error {
	err := p.p.Close()
	unlockPort(p.lock)
	return err
}
