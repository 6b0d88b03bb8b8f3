//go:build linux

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// An ESP32 console as it really comes: ROM banner, CRLF line ends, ANSI
// colour, the handshake failure and its verify flags on the next line.
const espConsole = "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n" +
	"\x1b[0;32mI (312) wifi:connected with office, aid = 2, channel 6\x1b[0m\r\n" +
	"\x1b[0;32mI (1290) esp_netif_handlers: sta ip: 192.168.1.57, mask: 255.255.255.0, gw: 192.168.1.1\x1b[0m\r\n" +
	"\x1b[0;31mE (2417) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\x1b[0m\r\n" +
	"\x1b[0;33mW (2418) esp-tls-mbedtls: Failed to verify peer certificate!\x1b[0m\r\n" +
	"\x1b[0;31mE (2425) esp-tls: Failed to open new connection\x1b[0m\r\n"

// syncBuffer is a bytes.Buffer safe for the view and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestMonitorOnPTY plays the device on a pseudo-terminal: the console comes
// in pieces, as a UART delivers it, and the view is stopped the way Ctrl-C
// stops it (the context ends) while the port is still open.
func TestMonitorOnPTY(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	defer master.Close()
	slaveName := slave.Name()
	slave.Close()

	var out, errb syncBuffer
	opened := make(chan struct{})
	save := filepath.Join(t.TempDir(), "console.log")
	opts := &monitorOptions{
		Port: slaveName, Baud: 115200, Save: save,
		io:   IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }},
		now:  time.Now,
		open: openedSignal(opened), // the real port code, on the pty's slave side
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runMonitor(ctx, opts) }()
	<-opened

	// The device writes in small pieces, splitting lines and CR LF pairs.
	for i := 0; i < len(espConsole); i += 7 {
		end := min(i+7, len(espConsole))
		if _, err := master.Write([]byte(espConsole[i:end])); err != nil {
			t.Fatalf("device write: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
	waitFor(t, &out, "Failed to open new connection")
	time.Sleep(50 * time.Millisecond)
	cancel()
	err = <-done
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitProblems {
		t.Fatalf("runMonitor = %v, want exit %d (a failure was seen)", err, ExitProblems)
	}
	got := out.String()
	for _, want := range []string{
		"mbedtls_ssl_handshake returned -0x2700", // the console itself, passed through
		"tlsdoctor -0x2700",                      // the annotation under it
		"next: tlsdoctor",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if i, j := strings.Index(got, "returned -0x2700"), strings.Index(got, "tlsdoctor -0x2700"); i < 0 || j < i {
		t.Errorf("the annotation must come after the line it decodes:\n%s", got)
	}
	saved, err := os.ReadFile(save)
	if err != nil || string(saved) != espConsole {
		t.Errorf("--save kept %q (err %v), want the raw console bytes", saved, err)
	}
	if !strings.Contains(errb.String(), "with a failure") || !strings.Contains(errb.String(), "tlsdoctor log "+save) {
		t.Errorf("stderr summary = %q", errb.String())
	}
}

// TestMonitorDeviceGone: the port vanishing (USB unplugged) is a tool
// failure naming the line reached, not a clean end.
func TestMonitorDeviceGone(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	slaveName := slave.Name()
	slave.Close()
	var out, errb syncBuffer
	opened := make(chan struct{})
	opts := &monitorOptions{
		Port: slaveName, Baud: 115200,
		io:   IO{Out: &out, Err: &errb},
		now:  time.Now,
		open: openedSignal(opened),
	}
	done := make(chan error, 1)
	go func() { done <- runMonitor(context.Background(), opts) }()
	<-opened
	master.Write([]byte("I (10) boot: ESP-IDF v5.1.2\r\nI (20) app: hello\r\n"))
	waitFor(t, &out, "app: hello")
	master.Close() // the other end hangs up: reads fail with EIO
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("monitor did not notice the device went away")
	}
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != ExitUsage || !strings.Contains(ee.msg, "after line 2") {
		t.Fatalf("runMonitor = %#v, want exit 2 naming line 2", err)
	}
}

func TestMonitorStdinJSON(t *testing.T) {
	var out, errb bytes.Buffer
	stdio := IO{In: strings.NewReader(espConsole), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
	code := Main(context.Background(), []string{"monitor", "-", "--json"}, stdio)
	if code != ExitProblems {
		t.Fatalf("exit %d, want %d; stderr %s", code, ExitProblems, errb.String())
	}
	type jsonLine struct {
		SchemaVersion int `json:"schema_version"`
		Line          int
		Annotation    *struct{ Codes []struct{ Value int64 } }
	}
	var annotated []jsonLine
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range lines {
		var ml jsonLine
		if err := json.Unmarshal([]byte(l), &ml); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if ml.SchemaVersion != 1 {
			t.Errorf("schema_version %d", ml.SchemaVersion)
		}
		if ml.Annotation != nil {
			annotated = append(annotated, ml)
		}
	}
	// Eight lines: CR LF is one line end, the empty line after the banner counts.
	if len(lines) != 8 {
		t.Errorf("%d JSON lines, want 8 (one per console line):\n%s", len(lines), out.String())
	}
	if len(annotated) == 0 || annotated[0].Line != 6 || len(annotated[0].Annotation.Codes) == 0 ||
		annotated[0].Annotation.Codes[0].Value != -0x2700 {
		t.Errorf("first annotated line = %+v, want line 6 with -0x2700", annotated)
	}
}

func TestMonitorMissingPort(t *testing.T) {
	_, stderr, code := run(t, nil, false, "monitor", "--port", "/dev/ttyNOSUCH9")
	if code != ExitUsage || !strings.Contains(stderr, "serial port /dev/ttyNOSUCH9 does not exist") || !strings.Contains(stderr, "hint: ") {
		t.Errorf("exit %d, stderr %q; want exit 2 naming the port, with a hint", code, stderr)
	}
}

func TestMonitorUsage(t *testing.T) {
	for _, args := range [][]string{
		{"monitor"},
		{"monitor", "--port", "/dev/ttyUSB0", "-"},
		{"monitor", "-", "--baud", "0"},
	} {
		_, stderr, code := run(t, nil, false, args...)
		if code != ExitUsage || !strings.HasPrefix(stderr, "tlsdoctor: ") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}

func TestMonitorClean(t *testing.T) {
	var out, errb bytes.Buffer
	stdio := IO{In: strings.NewReader("I (10) boot: ESP-IDF v5.1.2\r\nI (900) mqtt: MQTT_EVENT_CONNECTED\r\n"), Out: &out, Err: &errb}
	if code := Main(context.Background(), []string{"monitor", "-"}, stdio); code != ExitOK {
		t.Fatalf("exit %d on a clean console; out %s err %s", code, out.String(), errb.String())
	}
	if strings.Contains(out.String(), "tlsdoctor:") {
		t.Errorf("a clean console got annotations:\n%s", out.String())
	}
}

func waitFor(t *testing.T, b *syncBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(b.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q; have:\n%s", s, b.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// openedSignal opens the port as monitor does and then closes opened: the
// device must not talk before the port is in raw mode, or the pty's line
// discipline would turn its CRs into LFs.
func openedSignal(opened chan struct{}) func(string, int) (io.ReadCloser, error) {
	return func(name string, baud int) (io.ReadCloser, error) {
		defer close(opened)
		return openSerialPort(name, baud)
	}
}
