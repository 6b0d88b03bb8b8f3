//go:build unix

package cli

import (
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/devicesim"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/provision"
)

func writeCert(t *testing.T, name string) string {
	t.Helper()
	der, err := testcert.Cert(name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name+".pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// quickDialogue writes a built-in dialogue with short timeouts, as a user
// dialogue file (so that the failure cases end in a second or two).
func quickDialogue(t *testing.T, name string) string {
	t.Helper()
	src, ok := provision.BuiltinSource(name)
	if !ok {
		t.Fatalf("no dialogue %s", name)
	}
	for _, long := range []string{"timeout 120s", "timeout 30s", "timeout 20s", "timeout 10s"} {
		src = strings.ReplaceAll(src, long, "timeout 1500ms")
	}
	src = strings.Replace(src, "\nline-ending", "\necho-timeout 700ms\nline-ending", 1)
	path := filepath.Join(t.TempDir(), name+".dialogue")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func startDevice(t *testing.T, d devicesim.Dialect, opt devicesim.Options) *devicesim.Device {
	t.Helper()
	dev, err := devicesim.Start(d, opt)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(dev.Close)
	return dev
}

// TestProvisionAgainstDevice runs the whole command against devices on a
// pty (the slave path as --port): exit codes, the one-line error naming
// the step and line, and the transcript written on every outcome.
func TestProvisionAgainstDevice(t *testing.T) {
	tests := []struct {
		name     string
		dialect  devicesim.Dialect
		dev      devicesim.Options
		dialogue string // built-in name; quick: a short-timeout copy
		quick    bool
		args     []string
		code     int
		stdout   string
		stderr   []string
	}{
		{name: "generic", dialect: devicesim.Generic, dialogue: "generic", code: ExitOK,
			stdout: "the device confirmed the root CA (generic", stderr: []string{"dialogue generic: waiting"}},
		{name: "st-cloud", dialect: devicesim.ST, dev: devicesim.Options{STConfigured: true, PressAfter: 200 * time.Millisecond}, dialogue: "st-cloud", code: ExitOK,
			stdout: "the device read back the 1 certificate(s) sent", stderr: []string{"tlsdoctor: NOW: Press the blue USER button on the board now (within 5s)", "the device moved on"}},
		{name: "esp-at", dialect: devicesim.ESPAT, dialogue: "esp-at", code: ExitOK, stdout: "device: +SYSMFG:"},
		{name: "nrf91", dialect: devicesim.NRF91, dialogue: "nrf91", args: []string{"--var", "sec_tag=16842753"}, code: ExitOK, stdout: "device: %CMNG: 16842753,0,"},
		{name: "quectel", dialect: devicesim.Quectel, dialogue: "quectel", code: ExitOK, stdout: "device: +QFUPL: "},
		{name: "simcom", dialect: devicesim.SIMCom, dialogue: "simcom", code: ExitOK, stdout: `device: +CCERTLIST: "ca.pem"`},
		{name: "ublox", dialect: devicesim.UBlox, dialogue: "ublox", code: ExitOK, stdout: `device: +USECMNG: 0,0,"tlsdoctor_ca",`},
		{name: "paced", dialect: devicesim.Generic, dev: devicesim.Options{BufferSize: 16, DrainRate: 2000}, dialogue: "generic",
			args: []string{"--pace", "500"}, code: ExitOK, stdout: "confirmed"},
		{name: "silent", dialect: devicesim.Generic, dev: devicesim.Options{Silent: true}, dialogue: "generic", quick: true, code: ExitUsage,
			stderr: []string{"tlsdoctor: step 1 (expect", "dialogue line 9): the device sent nothing in 1.5s", "hint: check the port name"}},
		{name: "wrong-baud", dialect: devicesim.Generic, dev: devicesim.Options{Garbage: true}, dialogue: "generic", quick: true, code: ExitUsage,
			stderr: []string{"the baud rate is wrong"}},
		{name: "stops-mid-transfer", dialect: devicesim.Generic, dev: devicesim.Options{StopAfter: 600}, dialogue: "generic", quick: true, code: ExitUsage,
			stderr: []string{"tlsdoctor: step 2 (send-cert pem-blank echo, dialogue line 10) at certificate line ", "stopped"}},
		{name: "too-fast", dialect: devicesim.Generic, dev: devicesim.Options{BufferSize: 16, DrainRate: 2000}, dialogue: "generic", quick: true, code: ExitUsage,
			stderr: []string{"were dropped", "hint: slow down: --pace"}},
		{name: "device-error", dialect: devicesim.NRF91, dev: devicesim.Options{Reject: "+CME ERROR: 515"}, dialogue: "nrf91", quick: true, code: ExitProblems,
			stderr: []string{`the device replied "+CME ERROR: 515": the modem's credential storage is full`}},
		{name: "cr-refused", dialect: devicesim.Generic, dialogue: "generic", args: []string{"--line-ending", "cr"}, code: ExitUsage,
			stderr: []string{"use --line-ending lf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dev := startDevice(t, tt.dialect, tt.dev)
			dialogue := tt.dialogue
			if tt.quick {
				dialogue = quickDialogue(t, tt.dialogue)
			}
			tr := filepath.Join(t.TempDir(), "transcript.txt")
			args := append([]string{"provision", "--port", dev.Path, "--cert", writeCert(t, "p256-sha256-root"), "--dialogue", dialogue, "--transcript", tr}, tt.args...)
			stdout, stderr, code := run(t, nil, false, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout, tt.stdout)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if code != ExitOK {
				// One error line, then hints.
				var errLines int
				for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
					if strings.HasPrefix(l, "tlsdoctor: step ") {
						errLines++
					}
				}
				if strings.Contains(stderr, "tlsdoctor: step ") && errLines != 1 {
					t.Errorf("%d error lines naming the step, want 1:\n%s", errLines, stderr)
				}
			}
			if tt.name == "cr-refused" {
				if len(dev.Received()) != 0 {
					t.Errorf("sent %d bytes despite refusing", len(dev.Received()))
				}
				return
			}
			data, err := os.ReadFile(tr)
			if err != nil {
				t.Fatalf("transcript not written: %v", err)
			}
			if !strings.Contains(string(data), " > ") {
				t.Errorf("transcript lacks what was sent:\n%s", data)
			}
			if code == ExitOK {
				if !strings.Contains(string(data), " < ") || !strings.Contains(string(data), "# confirmed by the device") {
					t.Errorf("transcript lacks the device's side or the confirmation:\n%s", data)
				}
				if len(dev.Stored()) == 0 {
					t.Error("device stored nothing")
				}
			}
		})
	}
}

// TestProvisionPortErrors: a busy port and a missing one give exit 2, a
// one-line error and a hint that lists ports.
func TestProvisionPortErrors(t *testing.T) {
	dev := startDevice(t, devicesim.Generic, devicesim.Options{})
	f, err := os.OpenFile(dev.Path, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Skipf("flock: %v", err)
	}
	cert := writeCert(t, "p256-sha256-root")
	tr := filepath.Join(t.TempDir(), "t.txt")
	_, stderr, code := run(t, nil, false, "provision", "--port", dev.Path, "--cert", cert, "--transcript", tr)
	if code != ExitUsage || !strings.Contains(stderr, "is busy: another program has it open") || !strings.Contains(stderr, "hint: close the terminal program") {
		t.Errorf("busy port: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = run(t, nil, false, "provision", "--port", "/dev/ttyNOPE-tlsdoctor", "--cert", cert)
	if code != ExitUsage || !strings.Contains(stderr, "does not exist") || !strings.Contains(stderr, "hint: ") {
		t.Errorf("missing port: exit %d, stderr %q", code, stderr)
	}
}

// TestProvisionRefusesRejectedCert: a root the device's build cannot use
// is not sent (exit 1, the findings on stderr) unless --force.
func TestProvisionRefusesRejectedCert(t *testing.T) {
	dev := startDevice(t, devicesim.Generic, devicesim.Options{})
	cert := writeCert(t, "rsa4096-sha256-root-isrgx1")
	_, stderr, code := run(t, nil, false, "provision", "--port", dev.Path, "--cert", cert, "--preset", "embedded-small")
	if code != ExitProblems || !strings.Contains(stderr, "the device would reject this certificate") || !strings.Contains(stderr, "MBEDTLS_MPI_MAX_SIZE") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if n := len(dev.Received()); n != 0 {
		t.Errorf("%d bytes sent to the device despite the refusal", n)
	}
}
