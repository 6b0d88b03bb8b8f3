//go:build linux && !ppc && !ppc64 && !ppc64le

package serialport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// openPTY returns a pty pair; Open is given the slave's path, as tests
// play the device on the master.
func openPTY(t *testing.T) (master *os.File, slavePath string) {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s.Name()
}

func termiosOf(t *testing.T, p *Port) *unix.Termios {
	t.Helper()
	sc, err := p.f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var tio *unix.Termios
	var ioErr error
	if err := sc.Control(func(fd uintptr) { tio, ioErr = unix.IoctlGetTermios(int(fd), unix.TCGETS2) }); err != nil || ioErr != nil {
		t.Fatalf("reading the port's termios: %v %v", err, ioErr)
	}
	return tio
}

// TestMakeRaw checks the termios bits each frame asks for.
func TestMakeRaw(t *testing.T) {
	for _, tt := range []struct {
		c     Config
		set   uint32 // c_cflag bits that must be set
		clear uint32 // and clear
		baudB uint32 // the CBAUD field
	}{
		{Config{Baud: 115200}, unix.CS8, unix.PARENB | unix.PARODD | unix.CMSPAR | unix.CSTOPB | unix.CRTSCTS, unix.B115200},
		{Config{Baud: 9600, DataBits: 7, Parity: "even", StopBits: "2"}, unix.CS7 | unix.PARENB | unix.CSTOPB, unix.PARODD | unix.CMSPAR, unix.B9600},
		{Config{Baud: 250000, Parity: "odd"}, unix.CS8 | unix.PARENB | unix.PARODD, unix.CSTOPB | unix.CMSPAR, unix.BOTHER},
		{Config{Baud: 74880, Parity: "mark"}, unix.CS8 | unix.PARENB | unix.PARODD | unix.CMSPAR, unix.CSTOPB, unix.BOTHER}, // the ESP8266 boot ROM's rate
		{Config{Baud: 1200, DataBits: 5, Parity: "space"}, unix.CS5 | unix.PARENB | unix.CMSPAR, unix.PARODD, unix.B1200},
	} {
		fr, err := tt.c.frame()
		if err != nil {
			t.Fatal(err)
		}
		// Start from a cooked terminal with everything we clear set.
		tio := &unix.Termios{Iflag: unix.ICRNL | unix.IXON | unix.ISTRIP, Oflag: unix.OPOST, Lflag: unix.ICANON | unix.ECHO | unix.ISIG,
			Cflag: unix.CS8 | unix.PARODD | unix.CRTSCTS | unix.B38400 | unix.CIBAUD}
		makeRaw(tio, fr)
		if tio.Cflag&unix.CSIZE != tt.set&unix.CSIZE || tio.Cflag&tt.set != tt.set || tio.Cflag&tt.clear != 0 {
			t.Errorf("%+v: c_cflag %#o, want %#o set and %#o clear", tt.c, tio.Cflag, tt.set, tt.clear)
		}
		if got := tio.Cflag & unix.CBAUD; got != tt.baudB || tio.Cflag&unix.CIBAUD != 0 {
			t.Errorf("%+v: CBAUD field %#o (CIBAUD %#o), want %#o", tt.c, got, tio.Cflag&unix.CIBAUD, tt.baudB)
		}
		if tio.Ispeed != uint32(tt.c.Baud) || tio.Ospeed != uint32(tt.c.Baud) {
			t.Errorf("%+v: speeds %d/%d", tt.c, tio.Ispeed, tio.Ospeed)
		}
		if tio.Cflag&(unix.CREAD|unix.CLOCAL) != unix.CREAD|unix.CLOCAL {
			t.Errorf("%+v: receiver off or modem lines watched: %#o", tt.c, tio.Cflag)
		}
		if (tio.Iflag&unix.INPCK != 0) != (tt.c.Parity != "") {
			t.Errorf("%+v: INPCK %v", tt.c, tio.Iflag&unix.INPCK != 0)
		}
		if tio.Lflag != 0 || tio.Oflag != 0 || tio.Iflag&^unix.INPCK != 0 || tio.Cc[unix.VMIN] != 1 || tio.Cc[unix.VTIME] != 0 {
			t.Errorf("%+v: not raw: iflag %#o oflag %#o lflag %#o", tt.c, tio.Iflag, tio.Oflag, tio.Lflag)
		}
	}
}

// TestOpenSetsTheFrame reads back what the kernel holds after Open on a
// pty (which keeps the speed and stop bits, though it forces 8 bits and no
// parity; TestMakeRaw checks those bits):
// the raw mode, a standard rate and one only BOTHER can express.
func TestOpenSetsTheFrame(t *testing.T) {
	for _, tt := range []struct {
		c     Config
		baudB uint32
	}{
		{Config{Baud: 115200}, unix.B115200},
		{Config{Baud: 9600, DataBits: 7, StopBits: "2"}, unix.B9600},
		{Config{Baud: 74880}, unix.BOTHER},
	} {
		_, path := openPTY(t)
		p, err := Open(path, tt.c)
		if err != nil {
			t.Fatalf("%+v: %v", tt.c, err)
		}
		tio := termiosOf(t, p)
		p.Close()
		fr, _ := tt.c.frame()
		want := &unix.Termios{}
		makeRaw(want, fr)
		if tio.Cflag&unix.CBAUD != tt.baudB || tio.Ospeed != uint32(tt.c.Baud) {
			t.Errorf("%+v: CBAUD %#o speed %d", tt.c, tio.Cflag&unix.CBAUD, tio.Ospeed)
		}
		if tio.Cflag&unix.CSTOPB != want.Cflag&unix.CSTOPB {
			t.Errorf("%+v: stop bits %#o, want %#o", tt.c, tio.Cflag&unix.CSTOPB, want.Cflag&unix.CSTOPB)
		}
		if tio.Lflag&(unix.ICANON|unix.ECHO|unix.ISIG) != 0 || tio.Iflag&(unix.ICRNL|unix.IXON|unix.INLCR|unix.IGNCR) != 0 || tio.Oflag&unix.OPOST != 0 {
			t.Errorf("%+v: not raw: iflag %#o oflag %#o lflag %#o", tt.c, tio.Iflag, tio.Oflag, tio.Lflag)
		}
	}
}

// TestBytesPassUntouched sends every byte value both ways: a raw port
// turns no CR into LF and eats no ^C or ^S.
func TestBytesPassUntouched(t *testing.T) {
	master, path := openPTY(t)
	p, err := Open(path, Config{Baud: 115200})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	go master.Write(all)
	got := readFor(t, p, len(all), 3*time.Second)
	if !reflect.DeepEqual(got, all) {
		t.Fatalf("device to port: got %d bytes %q", len(got), got)
	}
}

func readFor(t *testing.T, p *Port, n int, limit time.Duration) []byte {
	t.Helper()
	var got []byte
	buf := make([]byte, 512)
	deadline := time.Now().Add(limit)
	for len(got) < n && time.Now().Before(deadline) {
		k, err := p.Read(buf)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		got = append(got, buf[:k]...)
	}
	return got
}

// TestReadWaitsAtMost100ms: with nothing to read, Read returns (0, nil)
// after about 100 ms, and Close wakes a reader.
func TestReadWaitsAtMost100ms(t *testing.T) {
	_, path := openPTY(t)
	p, err := Open(path, Config{Baud: 115200})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := p.Read(make([]byte, 16))
	if n != 0 || err != nil {
		t.Fatalf("idle read: %d, %v", n, err)
	}
	if d := time.Since(start); d < 80*time.Millisecond || d > 2*time.Second {
		t.Errorf("idle read returned after %v, want about 100 ms", d)
	}
	done := make(chan error, 1)
	go func() {
		for {
			if _, err := p.Read(make([]byte, 16)); err != nil {
				done <- err
				return
			}
		}
	}()
	time.Sleep(20 * time.Millisecond)
	p.Close()
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrClosed) {
			t.Errorf("read after Close: %v, want os.ErrClosed", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not wake the reader")
	}
}

func TestCTSWithoutModemLines(t *testing.T) {
	_, path := openPTY(t)
	p, err := Open(path, Config{Baud: 115200})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	// A pty has no modem control lines: the wait must fail at once with a
	// reason, not hang until the deadline.
	if err := p.WaitClearToSend(ctx); err == nil || !strings.Contains(err.Error(), "modem control lines") {
		t.Errorf("WaitClearToSend on a pty: %v", err)
	}
}

func TestFrameErrors(t *testing.T) {
	_, path := openPTY(t)
	for _, c := range []Config{{Baud: 115200, StopBits: "1.5"}, {Baud: 115200, DataBits: 9}, {Baud: 115200, Parity: "weird"}, {Baud: -1}} {
		if p, err := Open(path, c); err == nil {
			p.Close()
			t.Errorf("%+v: opened", c)
		}
	}
}

// TestListPorts lists a made-up /sys/class/tty: ports with a device, not
// virtual terminals, and not the empty 8250 slots.
func TestListPorts(t *testing.T) {
	root := t.TempDir()
	mk := func(name string, device bool, typ string) {
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if device {
			if err := os.Symlink(t.TempDir(), filepath.Join(dir, "device")); err != nil {
				t.Fatal(err)
			}
		}
		if typ != "" {
			if err := os.WriteFile(filepath.Join(dir, "type"), []byte(typ+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk("tty0", false, "")
	mk("ttyS0", true, "4")
	mk("ttyS1", true, "0")
	mk("ttyUSB0", true, "")
	mk("ttyACM0", true, "")
	got := listPorts(root)
	want := []string{"/dev/ttyACM0", "/dev/ttyS0", "/dev/ttyUSB0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listPorts = %v, want %v", got, want)
	}
	if listPorts(filepath.Join(root, "missing")) != nil {
		t.Error("a missing /sys/class/tty should list nothing")
	}
}
