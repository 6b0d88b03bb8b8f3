package provision

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseExample(t *testing.T) {
	data, err := os.ReadFile("testdata/example.dialogue")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("example.dialogue", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "my-board" || d.Ending != EndingCRLF || d.Pace.LineDelay.Milliseconds() != 10 || len(d.Responders) != 1 || len(d.Steps) != 3 {
		t.Fatalf("parsed %+v", d)
	}
	if st := d.Steps[1]; st.Kind != StepSendCert || st.Form != CertPEMBlank || !st.Echo || st.Line != 9 {
		t.Errorf("send-cert step %+v", st)
	}
	if st := d.Steps[2]; st.Kind != StepConfirm || len(st.Equals) != 1 || st.Equals[0] != "{sha256-der}" {
		t.Errorf("confirm step %+v", st)
	}
	if d.AcceptsEnding(EndingCR) || !d.AcceptsEnding(EndingLF) {
		t.Error("accept-endings not applied")
	}
}

// TestParseErrors: every error names the line (and column when it can).
func TestParseErrors(t *testing.T) {
	head := "dialogue x\n"
	tail := "send-cert pem\nconfirm \"OK\"\n"
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"unknown directive", head + "frobnicate 3\n" + tail, 2, 1, "unknown directive"},
		{"open string", head + "expect \"Paste\n" + tail, 2, 8, "string not closed"},
		{"open regexp", head + "expect /abc\n" + tail, 2, 8, "regexp not closed"},
		{"bad regexp", head + "expect /a(/\n" + tail, 2, 8, "bad regexp"},
		{"empty-matching regexp", head + "expect /a*/\n" + tail, 2, 8, "matches the empty text"},
		{"bad duration", head + "expect \"x\" timeout soon\n" + tail, 2, 20, "bad timeout"},
		{"bad ending", head + "line-ending lfcr\n" + tail, 2, 13, "unknown line ending"},
		{"bad form", head + "send-cert base64\n" + tail, 2, 11, "unknown certificate form"},
		{"unknown template", head + "send \"AT+X={nope}\"\n" + tail, 2, 6, "unknown template {nope}"},
		{"equals without group", head + "send-cert raw\nconfirm /OK/ equals {len}\n", 3, 14, "needs a /regexp/ with a (group)"},
		{"bad escape", head + "send \"a\\qb\"\n" + tail, 2, 9, "unknown escape"},
		{"trailing junk", head + "sleep 1s now\n" + tail, 2, 10, "unexpected \"now\""},
		{"control byte", head + "send \"a\x01\"\n" + tail, 2, 8, "control byte 0x01"},
		{"no name", "send-cert pem\nconfirm \"OK\"\n", 0, 0, "no `dialogue NAME` line"},
		{"no cert", head + "expect \"x\"\nconfirm \"OK\"\n", 3, 0, "confirm before any send-cert"},
		{"no confirm", head + "send-cert pem\n", 0, 0, "never reports success without the device's confirmation"},
		{"bench without within", head + "bench \"x\" 5s \"press\"\n" + tail, 2, 11, "want: bench PATTERN within"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.dialogue", []byte(tt.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *SyntaxError", err)
			}
			if se.Line != tt.line || tt.col != 0 && se.Col != tt.col {
				t.Errorf("at %d:%d, want %d:%d (%v)", se.Line, se.Col, tt.line, tt.col, se)
			}
			if !strings.Contains(se.Error(), tt.msg) || !strings.HasPrefix(se.Error(), "f.dialogue") {
				t.Errorf("error %q, want it to name the file and say %q", se.Error(), tt.msg)
			}
		})
	}
}

// TestBuiltinsParseAndCite: every built-in dialogue parses, cites a source
// and ends with a confirmation.
func TestBuiltinsParseAndCite(t *testing.T) {
	names := BuiltinNames()
	if len(names) != 7 {
		t.Fatalf("built-ins %v", names)
	}
	for _, n := range names {
		d, _ := Builtin(n)
		if len(d.Source) == 0 || d.Title == "" {
			t.Errorf("%s: no source or title", n)
		}
		src, ok := BuiltinSource(n)
		if !ok {
			t.Errorf("%s: no source text", n)
		}
		if _, err := Parse(n, []byte(src)); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// FuzzParse: no input panics; a parsed dialogue is usable (it has a name,
// sends the certificate and confirms).
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.dialogue")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	for _, n := range BuiltinNames() {
		src, _ := BuiltinSource(n)
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz", data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *SyntaxError", err)
			}
			return
		}
		if d.Name == "" || len(d.Steps) == 0 {
			t.Fatalf("parsed a dialogue without name or steps")
		}
		var cert, confirm bool
		for _, s := range d.Steps {
			cert = cert || s.sendsCert()
			confirm = confirm || s.Kind == StepConfirm
		}
		if !cert || !confirm {
			t.Fatal("parsed a dialogue that sends no certificate or never confirms")
		}
	})
}
