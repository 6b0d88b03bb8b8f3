//go:build unix

package serialport

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/devicesim"
)

// TestOpenPTY opens a pty's slave path as a serial port and talks to the
// simulated device through it.
func TestOpenPTY(t *testing.T) {
	dev, err := devicesim.Start(devicesim.ESPAT, devicesim.Options{})
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer dev.Close()
	p, err := Open(dev.Path, Config{Baud: 115200})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Write([]byte("AT\r\n")); err != nil {
		t.Fatal(err)
	}
	var got []byte
	b := make([]byte, 256)
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(string(got), "OK") && time.Now().Before(deadline) {
		n, err := p.Read(b) // returns (0, nil) every 100 ms
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b[:n]...)
	}
	if !strings.Contains(string(got), "OK") {
		t.Fatalf("no OK from the device: %q", got)
	}
	// The port is locked while open: a second open is refused as busy.
	_, err = Open(dev.Path, Config{Baud: 115200})
	var oe *OpenError
	if !errors.As(err, &oe) || oe.Kind != Busy || !strings.Contains(oe.Hint(), "close the terminal program") {
		t.Errorf("second open: %v, want a busy OpenError", err)
	}
}

func TestOpenErrors(t *testing.T) {
	_, err := Open("/dev/ttyNOPE-tlsdoctor", Config{Baud: 9600})
	var oe *OpenError
	if !errors.As(err, &oe) || oe.Kind != Missing || !strings.Contains(oe.Error(), "does not exist") || oe.Hint() == "" {
		t.Errorf("missing port: %v", err)
	}
	f, err := os.CreateTemp(t.TempDir(), "notatty")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := Open(f.Name(), Config{Baud: 9600}); !errors.As(err, &oe) || oe.Kind != NotSerial {
		t.Errorf("regular file: %v, want NotSerial", err)
	}
	if _, err := Open("/dev/null", Config{Baud: 0}); err == nil || !strings.Contains(err.Error(), "baud rate 0") {
		t.Errorf("baud 0: %v", err)
	}
}

func TestParseFrame(t *testing.T) {
	for _, tt := range []struct {
		in     string
		bits   int
		parity string
		stop   string
		ok     bool
	}{{"8N1", 8, "none", "1", true}, {"7E2", 7, "even", "2", true}, {"8X1", 0, "", "", false}, {"9N1", 0, "", "", false}, {"8N", 0, "", "", false}} {
		var c Config
		err := c.ParseFrame(tt.in)
		if (err == nil) != tt.ok || tt.ok && (c.DataBits != tt.bits || c.Parity != tt.parity || c.StopBits != tt.stop) {
			t.Errorf("%s: %+v %v", tt.in, c, err)
		}
	}
}
