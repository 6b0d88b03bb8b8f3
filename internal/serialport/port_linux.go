//go:build linux && !ppc && !ppc64 && !ppc64le

package serialport

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Port is an open serial port; it implements provision.Transport and
// provision.ClearToSender.
type Port struct {
	f      *os.File
	lock   *os.File
	rtscts bool
}

// errNotSerial marks a path that opened but has no terminal driver
// behind it (a regular file, /dev/null).
type errNotSerial struct{ err error }

func (e errNotSerial) Error() string { return "no serial driver answers: " + e.err.Error() }
func (e errNotSerial) Unwrap() error { return e.err }

// Open opens a port by name (/dev/ttyUSB0, /dev/ttyACM0, a pty slave path)
// and sets it up raw: 8 bits through untouched, no echo, no line editing,
// no CR/LF translation, no software flow control.
func Open(name string, c Config) (*Port, error) {
	fr, err := c.frame()
	if err != nil {
		return nil, err
	}
	if fr.stopBits == "1.5" {
		return nil, fmt.Errorf("stop bits 1.5: Linux serial drivers offer 1 or 2")
	}
	lock, lerr := lockPort(name)
	if lerr != nil {
		return nil, classify(name, lerr)
	}
	// O_NONBLOCK lets the runtime's poller wait for data, so reads take
	// deadlines and Close wakes a blocked reader.
	f, err := os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY|syscall.O_NONBLOCK, 0)
	if err != nil {
		unlockPort(lock)
		return nil, classify(name, err)
	}
	if err := setUp(f, fr, c.RTSCTS); err != nil {
		f.Close()
		unlockPort(lock)
		return nil, classify(name, err)
	}
	return &Port{f: f, lock: lock, rtscts: c.RTSCTS}, nil
}

// setUp writes the port's termios (through the termios2 interface, which
// takes any baud rate, not only the B-constants) and takes the port for
// this process alone (TIOCEXCL: a second open gets EBUSY).
func setUp(f *os.File, fr frame, rtscts bool) error {
	sc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ioErr error
	cerr := sc.Control(func(fd uintptr) {
		t, err := unix.IoctlGetTermios(int(fd), unix.TCGETS2)
		if err != nil {
			ioErr = errNotSerial{err}
			return
		}
		makeRaw(t, fr)
		if err := unix.IoctlSetTermios(int(fd), unix.TCSETS2, t); err != nil {
			ioErr = fmt.Errorf("setting %d baud %d%c%s: %w", fr.baud, fr.dataBits, strings.ToUpper(fr.parity)[0], fr.stopBits, err)
			return
		}
		if err := unix.IoctlSetInt(int(fd), unix.TIOCEXCL, 0); err != nil {
			ioErr = err
			return
		}
		if rtscts {
			// Assert RTS (and DTR) so that the device may send; CTS is
			// polled before each chunk we send (WaitClearToSend).
			if err := unix.IoctlSetPointerInt(int(fd), unix.TIOCMBIS, unix.TIOCM_RTS|unix.TIOCM_DTR); err != nil {
				ioErr = fmt.Errorf("asserting RTS: %w (the port has no modem control lines)", err)
			}
		}
	})
	if cerr != nil {
		return cerr
	}
	return ioErr
}

// makeRaw sets t to the raw mode a console dialogue needs, with the
// frame's speed, character size, parity and stop bits.
func makeRaw(t *unix.Termios, fr frame) {
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL |
		unix.IXON | unix.IXOFF | unix.IXANY | unix.INPCK
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB | unix.PARODD | unix.CMSPAR | unix.CSTOPB | unix.CRTSCTS | unix.CBAUD | unix.CIBAUD
	t.Cflag |= unix.CREAD | unix.CLOCAL
	switch fr.dataBits {
	case 5:
		t.Cflag |= unix.CS5
	case 6:
		t.Cflag |= unix.CS6
	case 7:
		t.Cflag |= unix.CS7
	default:
		t.Cflag |= unix.CS8
	}
	switch fr.parity {
	case "odd":
		t.Cflag |= unix.PARENB | unix.PARODD
	case "even":
		t.Cflag |= unix.PARENB
	case "mark":
		t.Cflag |= unix.PARENB | unix.PARODD | unix.CMSPAR
	case "space":
		t.Cflag |= unix.PARENB | unix.CMSPAR
	}
	if fr.parity != "none" {
		t.Iflag |= unix.INPCK
	}
	if fr.stopBits == "2" {
		t.Cflag |= unix.CSTOPB
	}
	// A rate with a B-constant is set with it (every driver knows those);
	// any other with BOTHER and the number itself.
	if b, ok := standardRate(fr.baud); ok {
		t.Cflag |= b
	} else {
		t.Cflag |= unix.BOTHER
	}
	t.Ispeed, t.Ospeed = uint32(fr.baud), uint32(fr.baud)
	// Reads return as soon as one byte is there; waiting is the poller's.
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
}

// standardRate is the termios B-constant for a baud rate, if it has one.
func standardRate(baud int) (uint32, bool) {
	switch baud {
	case 50:
		return unix.B50, true
	case 75:
		return unix.B75, true
	case 110:
		return unix.B110, true
	case 134:
		return unix.B134, true
	case 150:
		return unix.B150, true
	case 200:
		return unix.B200, true
	case 300:
		return unix.B300, true
	case 600:
		return unix.B600, true
	case 1200:
		return unix.B1200, true
	case 1800:
		return unix.B1800, true
	case 2400:
		return unix.B2400, true
	case 4800:
		return unix.B4800, true
	case 9600:
		return unix.B9600, true
	case 19200:
		return unix.B19200, true
	case 38400:
		return unix.B38400, true
	case 57600:
		return unix.B57600, true
	case 115200:
		return unix.B115200, true
	case 230400:
		return unix.B230400, true
	case 460800:
		return unix.B460800, true
	case 500000:
		return unix.B500000, true
	case 576000:
		return unix.B576000, true
	case 921600:
		return unix.B921600, true
	case 1000000:
		return unix.B1000000, true
	case 1152000:
		return unix.B1152000, true
	case 1500000:
		return unix.B1500000, true
	case 2000000:
		return unix.B2000000, true
	case 2500000:
		return unix.B2500000, true
	case 3000000:
		return unix.B3000000, true
	case 3500000:
		return unix.B3500000, true
	case 4000000:
		return unix.B4000000, true
	}
	return 0, false
}

func classify(name string, err error) *OpenError {
	e := &OpenError{Name: name, Err: err}
	var ns errNotSerial
	switch {
	case errors.Is(err, errBusy), errors.Is(err, syscall.EBUSY):
		e.Kind = Busy
	case errors.Is(err, os.ErrPermission):
		e.Kind = Denied
	case errors.Is(err, os.ErrNotExist), errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.ENODEV):
		e.Kind = Missing
	case errors.As(err, &ns):
		e.Kind = NotSerial
	}
	e.Ports = ListPorts()
	return e
}

// ListPorts lists the serial ports the kernel has: every tty in
// /sys/class/tty backed by a device, except the 8250 UART slots a PC
// registers whether or not a UART is there (their "type" reads 0).
func ListPorts() []string { return listPorts("/sys/class/tty") }

func listPorts(sysClassTTY string) []string {
	ents, err := os.ReadDir(sysClassTTY)
	if err != nil {
		return nil
	}
	var ports []string
	for _, e := range ents {
		dir := filepath.Join(sysClassTTY, e.Name())
		if _, err := os.Stat(filepath.Join(dir, "device")); err != nil {
			continue // a virtual terminal or a pty
		}
		if typ, err := os.ReadFile(filepath.Join(dir, "type")); err == nil && strings.TrimSpace(string(typ)) == "0" {
			continue // an empty 8250 slot
		}
		ports = append(ports, "/dev/"+e.Name())
	}
	sort.Strings(ports)
	return ports
}

// Read reads what the device sent; it returns (0, nil) every 100 ms
// without data, so that the reader can notice Close.
func (p *Port) Read(b []byte) (int, error) {
	if err := p.f.SetReadDeadline(time.Now().Add(100 * time.Millisecond)); err != nil {
		return 0, err
	}
	n, err := p.f.Read(b)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return n, nil
	}
	return n, err
}

// Write writes to the device.
func (p *Port) Write(b []byte) (int, error) { return p.f.Write(b) }

// WaitClearToSend waits until the device asserts CTS.
func (p *Port) WaitClearToSend(ctx context.Context) error {
	sc, err := p.f.SyscallConn()
	if err != nil {
		return err
	}
	return waitCTS(ctx, func() (bool, error) {
		var bits int
		var ioErr error
		if err := sc.Control(func(fd uintptr) { bits, ioErr = unix.IoctlGetInt(int(fd), unix.TIOCMGET) }); err != nil {
			return false, err
		}
		return ioErr == nil && bits&unix.TIOCM_CTS != 0, ioErr
	})
}

// HasFlowControl reports whether the port was opened with RTS/CTS.
func (p *Port) HasFlowControl() bool { return p.rtscts }

// Close closes the port and releases its lock.
func (p *Port) Close() error {
	err := p.f.Close()
	unlockPort(p.lock)
	return err
}
