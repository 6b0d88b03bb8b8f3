//go:build unix

// Package devicesim plays an embedded device on a pseudo-terminal, for
// tests of `tlsdoctor provision`: the engine opens the pty's slave side as
// it would open /dev/ttyUSB0, and the simulated firmware answers on the
// master side. The firmware behaves like a real console: it echoes, its
// UART receive buffer is small and drops bytes that arrive faster than it
// drains them, its line reader accepts only the line ends the real
// firmware accepts, and it can be silent, stop mid-transfer, answer with
// an error, or talk at the wrong baud rate (garbage). It stores what it
// receives, so that tests can prove the stored root CA parses with the
// real mbedTLS.
//
// Each dialect (Generic, ST, ESPAT, NRF91, Quectel, SIMCom, UBlox) follows
// the prompts and replies of the built-in dialogue of the same name; the
// sources are cited there (provision/builtin.go).
package devicesim

import (
	"bytes"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// Dialect is the firmware the device runs.
type Dialect string

// The dialects, named as the built-in dialogues.
const (
	Generic Dialect = "generic"
	ST      Dialect = "st-cloud"
	ESPAT   Dialect = "esp-at"
	NRF91   Dialect = "nrf91"
	Quectel Dialect = "quectel"
	SIMCom  Dialect = "simcom"
	UBlox   Dialect = "ublox"
)

// Dialects lists every dialect.
var Dialects = []Dialect{Generic, ST, ESPAT, NRF91, Quectel, SIMCom, UBlox}

// Options are the device's behaviour and its faults.
type Options struct {
	// Echo makes the firmware echo what it reads (AT dialects default to
	// echo on, as ATE1; Generic always echoes).
	Echo bool
	// BufferSize is the UART receive buffer in bytes (0: unlimited), and
	// DrainRate how many bytes per second the firmware takes from it.
	// Bytes that arrive while the buffer is full are dropped.
	BufferSize int
	DrainRate  int
	// Silent: the device never sends a byte.
	Silent bool
	// StopAfter: after this many bytes received the firmware hangs (0: never).
	StopAfter int
	// Garbage: the device talks at another baud rate; every byte in either
	// direction is scrambled.
	Garbage bool
	// Reject is an error line sent instead of storing the certificate
	// ("+CME ERROR: 515", "ERROR").
	Reject string
	// STConfigured: the ST firmware already holds a root CA, so it offers
	// the button window and asks before replacing it.
	STConfigured bool
	// ButtonWindow is the ST firmware's wait for the button (default 5s).
	ButtonWindow time.Duration
	// PressAfter, when set, has the simulated person at the bench press
	// the button this long after the ST prompt appears.
	PressAfter time.Duration
	// IdleTimeout: the generic reader gives up after this long without a
	// complete line (default 3s).
	IdleTimeout time.Duration
}

// Device is a running simulated device.
type Device struct {
	// Path is the pty's slave device: give it as the serial port.
	Path string
	// Slave is the slave side, opened in raw mode, for tests that use it
	// as the transport directly.
	Slave *os.File

	dialect Dialect
	opt     Options
	master  *os.File
	rx      chan byte
	button  chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup

	mu       sync.Mutex
	stored   []byte
	received []byte
	dropped  int
}

// Start starts a device of the dialect on a new pty.
func Start(dialect Dialect, opt Options) (*Device, error) {
	master, slave, err := open()
	if err != nil {
		return nil, err
	}
	if opt.ButtonWindow == 0 {
		opt.ButtonWindow = 5 * time.Second
	}
	if opt.IdleTimeout == 0 {
		opt.IdleTimeout = 3 * time.Second
	}
	d := &Device{Path: slave.Name(), Slave: slave, dialect: dialect, opt: opt, master: master,
		rx: make(chan byte, 1<<16), button: make(chan struct{}, 1), stop: make(chan struct{})}
	d.wg.Add(2)
	go d.uart()
	go d.firmware()
	return d, nil
}

// open opens a pty whose two sides are pollable files, so that Close
// interrupts a blocked Read (pty.Open's master is left in blocking mode).
func open() (master, slave *os.File, err error) {
	m, s, err := pty.Open()
	if err != nil {
		return nil, nil, err
	}
	name := s.Name()
	s.Close()
	fd, err := unix.Dup(int(m.Fd()))
	m.Close()
	if err != nil {
		return nil, nil, err
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return nil, nil, err
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	slave, err = os.OpenFile(name, os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	if err := makeRaw(slave); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, fmt.Errorf("devicesim: raw mode: %w", err)
	}
	return master, slave, nil
}

// makeRaw turns off the line discipline's echo and line editing: a UART
// passes bytes through untouched.
func makeRaw(f *os.File) error {
	sc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ierr error
	if err := sc.Control(func(fd uintptr) { ierr = rawMode(int(fd)) }); err != nil {
		return err
	}
	return ierr
}

func rawMode(fd int) error {
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	t.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	t.Oflag &^= unix.OPOST
	t.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
	t.Cflag &^= unix.CSIZE | unix.PARENB
	t.Cflag |= unix.CS8
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, ioctlSetTermios, t)
}

// Close stops the device and closes both sides of the pty.
func (d *Device) Close() {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	d.master.Close()
	d.Slave.Close()
	d.wg.Wait()
}

// PressButton presses the board's user button.
func (d *Device) PressButton() {
	select {
	case d.button <- struct{}{}:
	default:
	}
}

// Stored returns the root CA the device stored, as its firmware would
// hand it to mbedTLS (without a terminating NUL); nil if none.
func (d *Device) Stored() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]byte(nil), d.stored...)
}

// Received returns every byte that reached the device's UART.
func (d *Device) Received() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]byte(nil), d.received...)
}

// Dropped counts the bytes the receive buffer dropped.
func (d *Device) Dropped() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dropped
}

// uart moves bytes from the pty to the firmware through a receive buffer
// of BufferSize bytes drained at DrainRate bytes per second.
func (d *Device) uart() {
	defer d.wg.Done()
	b := make([]byte, 4096)
	level := 0.0
	last := time.Now()
	total := 0
	for {
		n, err := d.master.Read(b)
		now := time.Now()
		// A pty has no wire timing: bytes read together are taken to have
		// arrived spread over the time since the last read (at most 50 ms,
		// beyond which the line was idle), and the buffer drains between them.
		span := min(now.Sub(last), 50*time.Millisecond)
		perByte := 0.0
		if d.opt.DrainRate > 0 {
			level = max(0, level-float64(d.opt.DrainRate)*(now.Sub(last)-span).Seconds())
			if n > 0 {
				perByte = float64(d.opt.DrainRate) * span.Seconds() / float64(n)
			}
		}
		last = now
		for _, c := range b[:n] {
			level = max(0, level-perByte)
			total++
			d.mu.Lock()
			d.received = append(d.received, c)
			d.mu.Unlock()
			if d.opt.StopAfter > 0 && total > d.opt.StopAfter {
				continue // the firmware hung: nothing is read any more
			}
			if d.opt.BufferSize > 0 {
				if level >= float64(d.opt.BufferSize) {
					d.mu.Lock()
					d.dropped++
					d.mu.Unlock()
					continue
				}
				level++
			}
			if d.opt.Garbage {
				c = scramble(c)
			}
			select {
			case d.rx <- c:
			default:
			}
		}
		if err != nil {
			close(d.rx)
			return
		}
	}
}

// scramble is what a byte looks like at the wrong baud rate: never the
// byte that was sent, mostly outside printable ASCII.
func scramble(c byte) byte { return (c*7 + 0x91) | 0x80 }

var errStopped = errors.New("device stopped")

func (d *Device) stopped() bool {
	select {
	case <-d.stop:
		return true
	default:
		return false
	}
}

// out writes the firmware's output to the line.
func (d *Device) out(s string) {
	if d.opt.Silent || d.hung() {
		return
	}
	b := []byte(s)
	if d.opt.Garbage {
		for i := range b {
			b[i] = scramble(b[i])
		}
	}
	d.master.Write(b)
}

func (d *Device) hung() bool {
	if d.opt.StopAfter == 0 {
		return false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.received) > d.opt.StopAfter
}

// getc reads one byte, waiting at most timeout (0: forever).
func (d *Device) getc(timeout time.Duration) (byte, error) {
	var timer <-chan time.Time
	if timeout > 0 {
		timer = time.After(timeout)
	}
	select {
	case c, ok := <-d.rx:
		if !ok {
			return 0, errStopped
		}
		if d.opt.Echo && !d.opt.Silent {
			d.out(string([]byte{c}))
		}
		return c, nil
	case <-timer:
		return 0, os.ErrDeadlineExceeded
	case <-d.stop:
		return 0, errStopped
	}
}

func (d *Device) store(b []byte) {
	d.mu.Lock()
	d.stored = append([]byte(nil), b...)
	d.mu.Unlock()
}

func (d *Device) firmware() {
	defer d.wg.Done()
	if d.opt.Silent {
		for {
			if _, err := d.getc(0); err != nil {
				return
			}
		}
	}
	if d.opt.Garbage {
		// A console at the wrong speed: its banner and prompts arrive as
		// noise, and nothing it reads makes sense to it.
		go func() {
			for !d.stopped() {
				d.out("Paste the root CA certificate (PEM), end with an empty line:\r\n")
				time.Sleep(200 * time.Millisecond)
			}
		}()
		for {
			if _, err := d.getc(0); err != nil {
				return
			}
		}
	}
	switch d.dialect {
	case Generic:
		d.opt.Echo = true
		d.generic()
	case ST:
		d.st()
	default:
		d.at()
	}
}

// generic: prompt, read PEM lines (LF or CR LF end a line; a CR alone does
// not) until an empty line after END, store, print the stored text back.
func (d *Device) generic() {
	d.out("tlsdoctor test device (generic console)\r\n")
	for !d.stopped() {
		d.out("Paste the root CA certificate (PEM), end with an empty line:\r\n")
		var stored bytes.Buffer
		sawEnd := false
		for {
			line, err := d.readLineLF(d.opt.IdleTimeout)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				d.out("\r\nERROR: input timeout, nothing stored\r\n")
				return
			}
			if err != nil {
				return
			}
			if line == "" && sawEnd {
				break
			}
			if line == "" {
				continue
			}
			stored.WriteString(line + "\n")
			sawEnd = strings.HasPrefix(line, "-----END")
			if stored.Len() > 8192 {
				d.out("\r\nERROR: certificate too long\r\n")
				return
			}
		}
		if d.opt.Reject != "" {
			d.out("\r\n" + d.opt.Reject + "\r\n")
			return
		}
		d.store(stored.Bytes())
		d.out(fmt.Sprintf("\r\nstored %d bytes\r\n", stored.Len()))
		d.out(strings.ReplaceAll(stored.String(), "\n", "\r\n"))
		d.out("done\r\n")
		return
	}
}

// readLineLF reads a line ended by LF (a CR before it is dropped; a CR
// elsewhere is kept, as such a reader does).
func (d *Device) readLineLF(idle time.Duration) (string, error) {
	var b []byte
	for {
		c, err := d.getc(idle)
		if err != nil {
			return "", err
		}
		if c == '\n' {
			return strings.TrimSuffix(string(b), "\r"), nil
		}
		b = append(b, c)
	}
}

// st follows X-CUBE-AWS's console (see provision/builtin.go).
func (d *Device) st() {
	d.out("\n*************************************************************\n")
	d.out("***   STM32 IoT Discovery kit for STM32L475 MCU\n")
	d.out("***   AWS Cloud Connectivity Demonstration (tlsdoctor test device)\n")
	d.out("*************************************************************\n\n*** Board personalization ***\n\n")
	d.out("IP address: 192.168.1.20\n")
	if d.opt.STConfigured {
		d.out("Push the User button (Blue) within the next 5 seconds if you want to update the device security parameters or credentials.\n\n")
		if d.opt.PressAfter > 0 {
			time.AfterFunc(d.opt.PressAfter, d.PressButton)
		}
		select {
		case <-d.button:
		case <-time.After(d.opt.ButtonWindow):
			d.out("Setting the RTC from the network time.\n")
			return
		case <-d.stop:
			return
		}
	}
	d.out("\nUpdating TLS security credentials.\n")
	d.out("\nEnter the x509 certificates or keys as per the following format:\n-----BEGIN CERTIFICATE-----\n.......\n-----END CERTIFICATE-----\n")
	if d.opt.STConfigured {
		for {
			d.out("Do you want to update the root CA certificate(s)? [y/n]\n")
			c, err := d.getc(0)
			if err != nil {
				return
			}
			d.out("\b")
			if c == 'y' {
				break
			}
			if c == 'n' || c == '\n' {
				return
			}
		}
	}
	d.out("\nEnter your root CA: \n")
	// enterPemString: lines until an empty line after a "-----END" line.
	var buf []byte
	for {
		line, err := d.stGetInputString()
		if err != nil {
			return
		}
		buf = append(buf, line...)
		buf = append(buf, '\n')
		if strings.HasPrefix(line, "-----END") {
			next, err := d.stGetInputString()
			if err != nil {
				return
			}
			if next == "" {
				break
			}
			buf = append(buf, next...)
			buf = append(buf, '\n')
		}
		if len(buf) > 6*1024 {
			d.out("Certificate is too long , allocated size is 6144\n")
			return
		}
	}
	if d.opt.Reject != "" {
		d.out(d.opt.Reject + "\n")
		return
	}
	d.store(buf)
	d.out("read: --->\n" + string(buf) + "\n<---\n")
	d.out("Do you want to update the device certificate? [y/n]\n")
}

// stGetInputString: a line ends at CR or LF; after a CR the next byte is
// read and dropped, taken to be the LF of a CR LF pair.
func (d *Device) stGetInputString() (string, error) {
	var b []byte
	for {
		c, err := d.getc(30 * time.Second)
		if err != nil {
			return "", err
		}
		switch c {
		case '\r':
			if _, err := d.getc(30 * time.Second); err != nil {
				return "", err
			}
			return string(b), nil
		case '\n':
			return string(b), nil
		case '\b':
			if len(b) > 0 {
				b = b[:len(b)-1]
			}
		default:
			b = append(b, c)
		}
	}
}

// at is an AT-command modem of the dialect.
func (d *Device) at() {
	d.opt.Echo = true
	offline := false
	files := map[string][]byte{}
	if d.dialect == ESPAT {
		d.out("\r\nready\r\n")
	}
	for !d.stopped() {
		cmd, err := d.readATCommand()
		if err != nil {
			return
		}
		cmd = strings.TrimSpace(cmd)
		if cmd == "" {
			continue
		}
		reply := func(lines ...string) {
			for _, l := range lines {
				d.out("\r\n" + l + "\r\n")
			}
		}
		ok := func() { reply("OK") }
		args := func(prefix string) []string { return splitArgs(strings.TrimPrefix(cmd, prefix)) }
		// upload takes n raw bytes after the dialect's prompt ("\r\n>" or
		// CONNECT) and files them under name; gone reports that the line
		// went dead, stored that the device kept them.
		upload := func(prompt func(), name string, n int) (data []byte, stored, gone bool) {
			prompt()
			data, err := d.readN(n)
			if err != nil {
				return nil, false, true
			}
			if d.rejected(reply) {
				return nil, false, false
			}
			files[name] = data
			d.store(data)
			return data, true, false
		}
		angle := func() { d.out("\r\n>") }
		switch {
		case cmd == "AT":
			ok()
		case strings.HasPrefix(cmd, "AT+SYSMFG=2,") && d.dialect == ESPAT:
			a := args("AT+SYSMFG=2,")
			n, _ := strconv.Atoi(at(a, 3))
			_, stored, gone := upload(angle, at(a, 1), n)
			if gone {
				return
			}
			if stored {
				ok()
			}
		case strings.HasPrefix(cmd, "AT+SYSMFG=1,") && d.dialect == ESPAT:
			a := args("AT+SYSMFG=1,")
			data, found := files[at(a, 1)]
			if !found {
				reply("ERROR")
				continue
			}
			reply(fmt.Sprintf("+SYSMFG:\"%s\",\"%s\",8,%d,%s", at(a, 0), at(a, 1), len(data), data), "OK")
		case strings.HasPrefix(cmd, "AT+CIPSSLCCONF=") && d.dialect == ESPAT:
			ok()
		case strings.HasPrefix(cmd, "AT+CFUN=") && d.dialect == NRF91:
			offline = strings.TrimPrefix(cmd, "AT+CFUN=") == "4" || strings.TrimPrefix(cmd, "AT+CFUN=") == "0"
			ok()
		case strings.HasPrefix(cmd, "AT%CMNG=0,") && d.dialect == NRF91:
			a := args("AT%CMNG=0,")
			if !offline {
				reply("+CME ERROR: 518")
				continue
			}
			if _, dup := files[at(a, 0)]; dup {
				reply("+CME ERROR: 519")
				continue
			}
			if d.rejected(reply) {
				continue
			}
			files[at(a, 0)] = []byte(at(a, 2))
			d.store([]byte(at(a, 2)))
			ok()
		case strings.HasPrefix(cmd, "AT%CMNG=1") && d.dialect == NRF91:
			a := args("AT%CMNG=1,")
			if data, found := files[at(a, 0)]; found {
				sum := sha256.Sum256(data)
				reply(fmt.Sprintf("%%CMNG: %s,0,\"%s\"", at(a, 0), strings.ToUpper(hex.EncodeToString(sum[:]))))
			}
			ok()
		case strings.HasPrefix(cmd, "AT+QFUPL=") && d.dialect == Quectel:
			a := args("AT+QFUPL=")
			if _, dup := files[at(a, 0)]; dup {
				reply("+CME ERROR: 407")
				continue
			}
			n, _ := strconv.Atoi(at(a, 1))
			data, stored, gone := upload(func() { reply("CONNECT") }, at(a, 0), n)
			if gone {
				return
			}
			if stored {
				reply(fmt.Sprintf("+QFUPL: %d,%x", len(data), quectelChecksum(data)), "OK")
			}
		case strings.HasPrefix(cmd, "AT+QSSLCFG=\"cacert\"") && d.dialect == Quectel:
			ok()
		case strings.HasPrefix(cmd, "AT+CCERTDOWN=") && d.dialect == SIMCom:
			a := args("AT+CCERTDOWN=")
			n, _ := strconv.Atoi(at(a, 1))
			_, stored, gone := upload(angle, at(a, 0), n)
			if gone {
				return
			}
			if stored {
				ok()
			}
		case cmd == "AT+CCERTLIST" && d.dialect == SIMCom:
			for name := range files {
				reply(fmt.Sprintf("+CCERTLIST: \"%s\"", name))
			}
			ok()
		case strings.HasPrefix(cmd, "AT+CSSLCFG=") && d.dialect == SIMCom:
			ok()
		case strings.HasPrefix(cmd, "AT+USECMNG=0,0,") && d.dialect == UBlox:
			a := args("AT+USECMNG=0,0,")
			n, _ := strconv.Atoi(at(a, 1))
			data, stored, gone := upload(angle, at(a, 0), n)
			if gone {
				return
			}
			if stored {
				sum := md5.Sum(data)
				reply(fmt.Sprintf("+USECMNG: 0,0,\"%s\",\"%s\"", at(a, 0), strings.ToUpper(hex.EncodeToString(sum[:]))), "OK")
			}
		case strings.HasPrefix(cmd, "AT+USECPRF=") && d.dialect == UBlox:
			ok()
		default:
			reply("ERROR")
		}
	}
}

func (d *Device) rejected(reply func(...string)) bool {
	if d.opt.Reject == "" {
		return false
	}
	reply(d.opt.Reject)
	return true
}

// quectelChecksum is a 16-bit XOR over byte pairs, the shape of the
// checksum +QFUPL reports.
func quectelChecksum(b []byte) uint16 {
	var sum uint16
	for i := 0; i < len(b); i += 2 {
		v := uint16(b[i]) << 8
		if i+1 < len(b) {
			v |= uint16(b[i+1])
		}
		sum ^= v
	}
	return sum
}

func at(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return ""
}

// splitArgs splits AT arguments at commas outside quotes and unquotes them.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	inQ := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			inQ = !inQ
		case c == ',' && !inQ:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// readATCommand reads a command ended by CR (or LF) outside quotes: a
// quoted argument may span lines (AT%CMNG's PEM).
func (d *Device) readATCommand() (string, error) {
	var b []byte
	inQ := false
	for {
		c, err := d.getc(0)
		if err != nil {
			return "", err
		}
		if c == '"' {
			inQ = !inQ
		}
		if !inQ && (c == '\r' || c == '\n') {
			return string(b), nil
		}
		b = append(b, c)
	}
}

// readN reads exactly n raw bytes (no echo), giving up after 5 s of
// silence as a modem's upload timeout does.
func (d *Device) readN(n int) ([]byte, error) {
	echo := d.opt.Echo
	d.opt.Echo = false
	defer func() { d.opt.Echo = echo }()
	var b []byte
	for len(b) < n {
		c, err := d.getc(5 * time.Second)
		if err != nil {
			return nil, err
		}
		b = append(b, c)
	}
	return b, nil
}
