//go:build unix

package provision_test

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/devicesim"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/provision"
)

func payload(t *testing.T, name string) *provision.Payload {
	t.Helper()
	der, err := testcert.Cert(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := provision.LoadCert(name+".pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fast returns a built-in dialogue with its long timeouts cut, so that the
// failure cases finish quickly.
func fast(t *testing.T, name string) *provision.Dialogue {
	t.Helper()
	src, ok := provision.BuiltinSource(name)
	if !ok {
		t.Fatalf("no built-in dialogue %q", name)
	}
	for _, long := range []string{"timeout 120s", "timeout 30s", "timeout 20s", "timeout 10s"} {
		src = strings.ReplaceAll(src, long, "timeout 2s")
	}
	src = strings.ReplaceAll(src, "expect /(?m)^OK\\r?$/\n", "expect /(?m)^OK\\r?$/ timeout 2s\n")
	d, err := provision.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d.EchoTimeout = 700 * time.Millisecond
	return d
}

type run struct {
	dev    *devicesim.Device
	res    *provision.Result
	err    error
	events []provision.Event
}

func runDevice(t *testing.T, d *provision.Dialogue, dialect devicesim.Dialect, dopt devicesim.Options, opt provision.Options, p *provision.Payload) *run {
	t.Helper()
	dev, err := devicesim.Start(dialect, dopt)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(dev.Close)
	r := &run{dev: dev}
	opt.Events = func(e provision.Event) {
		r.events = append(r.events, e)
		if e.Kind == provision.EventBench && dialect == devicesim.ST && !strings.Contains(t.Name(), "NoButton") {
			dev.PressButton()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r.res, r.err = provision.Run(ctx, dev.Slave, d, p, opt)
	if r.res == nil || r.res.Transcript == nil {
		t.Fatal("Run returned no transcript")
	}
	return r
}

// storedDER reads the certificate the device stored.
func storedDER(t *testing.T, stored []byte) [][]byte {
	t.Helper()
	var ders [][]byte
	rest := stored
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		ders = append(ders, b.Bytes)
	}
	return ders
}

// TestBuiltinDialogues runs every built-in dialogue against its scripted
// device on a pty: the device confirms, and what it stored is exactly the
// certificate sent.
func TestBuiltinDialogues(t *testing.T) {
	for _, name := range provision.BuiltinNames() {
		for _, cert := range []string{"rsa2048-sha256-root", "p256-sha256-root"} {
			t.Run(name+"/"+cert, func(t *testing.T) {
				p := payload(t, cert)
				d, _ := provision.Builtin(name)
				dopt := devicesim.Options{STConfigured: true}
				r := runDevice(t, d, devicesim.Dialect(name), dopt, provision.Options{}, p)
				if r.err != nil {
					t.Fatalf("Run: %v\ntranscript:\n%s", r.err, transcript(r.res))
				}
				if !r.res.Confirmed || len(r.res.Confirmations) == 0 {
					t.Fatalf("no confirmation: %+v", r.res)
				}
				got := storedDER(t, r.dev.Stored())
				if len(got) != 1 || !bytes.Equal(got[0], p.DER[0]) {
					t.Fatalf("the device stored %q, want the certificate sent", r.dev.Stored())
				}
				sent := r.res.Transcript.Bytes(provision.Sent)
				recv := r.res.Transcript.Bytes(provision.Received)
				if len(sent) == 0 || len(recv) == 0 {
					t.Errorf("transcript lacks a direction: %d bytes sent, %d received", len(sent), len(recv))
				}
				if !bytes.Contains(sent, []byte(p.Lines()[1])) {
					t.Errorf("transcript does not hold the certificate sent")
				}
				if name == "st-cloud" {
					var bench bool
					for _, e := range r.events {
						if e.Kind == provision.EventBench {
							bench = true
							if d := time.Until(e.Deadline); d <= 0 || d > 5*time.Second {
								t.Errorf("bench deadline %v from now, want within 5s", d)
							}
							if !strings.Contains(e.Instruction, "USER button") {
								t.Errorf("bench instruction %q", e.Instruction)
							}
						}
					}
					if !bench {
						t.Error("no bench event for the button window")
					}
				}
			})
		}
	}
}

func transcript(r *provision.Result) string {
	var b strings.Builder
	r.Transcript.WriteText(&b)
	return b.String()
}

// TestBadDevices runs the engine against each fault and checks the reason,
// the step named and that the transcript was kept.
func TestBadDevices(t *testing.T) {
	tests := []struct {
		name     string
		dialogue string
		dialect  devicesim.Dialect
		dev      devicesim.Options
		opt      provision.Options
		reason   provision.Reason
		step     int    // the step named
		certLine bool   // a certificate line is named
		detail   string // in the message
		hint     string // in the hint
	}{
		{name: "silent", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{Silent: true},
			reason: provision.ReasonSilent, step: 1, detail: "sent nothing"},
		{name: "silent-at", dialogue: "quectel", dialect: devicesim.Quectel, dev: devicesim.Options{Silent: true},
			reason: provision.ReasonSilent, step: 2, detail: "sent nothing"},
		{name: "wrong-baud", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{Garbage: true},
			reason: provision.ReasonGarbage, step: 1, detail: "baud rate is wrong"},
		{name: "stops-mid-transfer", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{StopAfter: 500},
			reason: provision.ReasonStopped, step: 2, certLine: true, detail: "stopped"},
		{name: "stops-mid-upload", dialogue: "quectel", dialect: devicesim.Quectel, dev: devicesim.Options{StopAfter: 400},
			reason: provision.ReasonStopped, step: 4, detail: "no confirmation"},
		{name: "too-fast", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{BufferSize: 16, DrainRate: 2000},
			reason: provision.ReasonEcho, step: 2, certLine: true, detail: "were dropped"},
		{name: "cr-only-generic", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{IdleTimeout: 500 * time.Millisecond},
			opt:    provision.Options{Ending: provision.EndingCR, AnyEnding: true},
			reason: provision.ReasonDeviceError, step: 3, detail: "input timeout"},
		// ST's reader takes the byte after each CR for the LF of a pair: with
		// CR alone it eats the first byte of each line and the empty line
		// that ends the input, so it waits for more.
		{name: "cr-only-st", dialogue: "st-cloud", dialect: devicesim.ST, dev: devicesim.Options{},
			opt:    provision.Options{Ending: provision.EndingCR, AnyEnding: true},
			reason: provision.ReasonStopped, step: 3, detail: "still waiting for bytes", hint: "--line-ending lf"},
		{name: "nrf-memory-full", dialogue: "nrf91", dialect: devicesim.NRF91, dev: devicesim.Options{Reject: "+CME ERROR: 515"},
			reason: provision.ReasonDeviceError, step: 4, detail: "storage is full"},
		{name: "quectel-param", dialogue: "quectel", dialect: devicesim.Quectel, dev: devicesim.Options{Reject: "+CME ERROR: 552"},
			reason: provision.ReasonDeviceError, step: 4, detail: "parameter is wrong"},
		{name: "generic-error", dialogue: "generic", dialect: devicesim.Generic, dev: devicesim.Options{Reject: "ERROR: flash write failed"},
			reason: provision.ReasonDeviceError, step: 3, detail: "flash write failed"},
		{name: "st-NoButton", dialogue: "st-cloud", dialect: devicesim.ST, dev: devicesim.Options{STConfigured: true, ButtonWindow: 300 * time.Millisecond},
			reason: provision.ReasonBenchMissed, step: 1, detail: "went on without it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := payload(t, "rsa2048-sha256-root")
			r := runDevice(t, fast(t, tt.dialogue), tt.dialect, tt.dev, tt.opt, p)
			var se *provision.StepError
			if !errors.As(r.err, &se) {
				t.Fatalf("err = %v, want a *StepError\n%s", r.err, transcript(r.res))
			}
			if se.Reason != tt.reason {
				t.Errorf("reason %s, want %s (%v)", se.Reason, tt.reason, se)
			}
			if se.Step != tt.step || se.Src == "" || se.DialogueLine == 0 {
				t.Errorf("step %d %q line %d, want step %d named with its line (%v)", se.Step, se.Src, se.DialogueLine, tt.step, se)
			}
			if tt.certLine && (se.CertLine == 0 || se.CertLines == 0 || !strings.Contains(se.Error(), "certificate line")) {
				t.Errorf("no certificate line in %v", se)
			}
			if !strings.Contains(se.Error(), tt.detail) {
				t.Errorf("error %q lacks %q", se.Error(), tt.detail)
			}
			if !strings.Contains(se.Hint, tt.hint) {
				t.Errorf("hint %q lacks %q", se.Hint, tt.hint)
			}
			if r.res.Confirmed {
				t.Error("confirmed despite the failure")
			}
			tx := transcript(r.res)
			if !strings.Contains(tx, "# failed: ") {
				t.Errorf("transcript does not record the failure:\n%s", tx)
			}
			if tt.reason != provision.ReasonSilent && !strings.Contains(tx, " < ") {
				t.Errorf("transcript lacks the device's side:\n%s", tx)
			}
		})
	}
}

// TestPacingAvoidsDrops: the device that drops bytes at full speed takes
// the certificate when the sending is paced below its drain rate.
func TestPacingAvoidsDrops(t *testing.T) {
	p := payload(t, "p256-sha256-root")
	d, _ := provision.Builtin("generic")
	dev := devicesim.Options{BufferSize: 16, DrainRate: 2000}
	r := runDevice(t, d, devicesim.Generic, dev, provision.Options{Pace: &provision.Pace{BytesPerSecond: 500}}, p)
	if r.err != nil {
		t.Fatalf("paced run: %v", r.err)
	}
	if r.dev.Dropped() != 0 {
		t.Errorf("device dropped %d bytes at 500 bytes/s", r.dev.Dropped())
	}
	if got := storedDER(t, r.dev.Stored()); len(got) != 1 || !bytes.Equal(got[0], p.DER[0]) {
		t.Error("stored certificate differs")
	}
}

// TestCROnlyRefused: a dialogue whose device reads LF or CR LF refuses a
// CR line ending before anything is sent.
func TestCROnlyRefused(t *testing.T) {
	p := payload(t, "p256-sha256-root")
	d, _ := provision.Builtin("generic")
	dev, err := devicesim.Start(devicesim.Generic, devicesim.Options{})
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer dev.Close()
	res, err := provision.Run(context.Background(), dev.Slave, d, p, provision.Options{Ending: provision.EndingCR})
	var ce *provision.ConfigError
	if !errors.As(err, &ce) || !strings.Contains(ce.Error(), "--line-ending lf") {
		t.Fatalf("err = %v, want a ConfigError naming --line-ending lf", err)
	}
	if res.BytesSent != 0 || len(dev.Received()) != 0 {
		t.Errorf("sent %d bytes before refusing", res.BytesSent)
	}
}
