package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func logFile(name string) string {
	return filepath.Join("..", "..", "consolelog", "testdata", "logs", name)
}

// runLogCmd runs `tlsdoctor log` in-process the way Main does, before the
// command is registered on the root.
func runLogCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	stdio := IO{In: strings.NewReader(stdin), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
	code = runCmd(t, newLogCmd(stdio), &out, &errb, args...)
	return out.String(), errb.String(), code
}

func TestLogArgsToOptions(t *testing.T) {
	tests := []struct {
		args  []string
		input string
		json  bool
	}{
		{[]string{"console.log"}, "console.log", false},
		{[]string{"-"}, "-", false},
		{[]string{"--json", "c.log"}, "c.log", true},
	}
	for _, tt := range tests {
		var got *logOptions
		cmd := newLogCmdWith(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, func(o *logOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.Input != tt.input || got.JSON != tt.json {
			t.Errorf("%v: options %q %v, want %q %v", tt.args, got.Input, got.JSON, tt.input, tt.json)
		}
	}
}

func TestLogExitCodes(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.log")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "garbage.log")
	if err := os.WriteFile(binary, []byte{0xff, 0xfe, 0x80, 0x81, 0x00, 0x02, 0x9c, 0x9d, '\n'}, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		err  string // on stderr
	}{
		{"ok", []string{logFile("esp32_ok.log")}, ExitOK, ""},
		{"failure", []string{logFile("esp32_verify_notrusted.log")}, ExitProblems, ""},
		{"failure json", []string{logFile("quectel_qsslopen_566.log"), "--json"}, ExitProblems, ""},
		{"missing", []string{filepath.Join(dir, "nope.log")}, ExitUsage, "no such file"},
		{"directory", []string{dir}, ExitUsage, "is a directory"},
		{"empty", []string{empty}, ExitUsage, "the log is empty"},
		{"garbage", []string{binary}, ExitUsage, "not a console log"},
		{"no args", nil, ExitUsage, "needs one console log"},
		{"two args", []string{"a", "b"}, ExitUsage, "needs one console log"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runLogCmd(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if tt.err != "" && !strings.Contains(stderr, tt.err) {
				t.Errorf("stderr %q, want it to say %q", stderr, tt.err)
			}
		})
	}
}

func TestLogStdin(t *testing.T) {
	data, err := os.ReadFile(logFile("wolfssl_188.log"))
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := runLogCmd(t, string(data), "-")
	if code != ExitProblems || !strings.HasPrefix(out, "stdin: the device fails at the TLS handshake step, line 8") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestLogJSON(t *testing.T) {
	out, _, code := runLogCmd(t, "", logFile("esp32_clock_over_https_future.log"), "--json")
	if code != ExitProblems {
		t.Fatalf("exit %d", code)
	}
	var v struct {
		SchemaVersion    int    `json:"schema_version"`
		Failing          bool   `json:"failing"`
		FirstFailingStep string `json:"first_failing_step"`
		Diagnoses        []struct {
			ID       string `json:"id"`
			Next     string `json:"next"`
			Evidence []struct {
				Position struct{ Line int } `json:"position"`
			} `json:"evidence"`
		} `json:"diagnoses"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.SchemaVersion != 1 || !v.Failing || v.FirstFailingStep != "tls" || len(v.Diagnoses) == 0 || v.Diagnoses[0].ID != "log.clock-over-tls" || v.Diagnoses[0].Evidence[0].Position.Line != 6 {
		t.Errorf("JSON: %+v", v)
	}
}

// TestLogGolden pins the rendered text and JSON of representative logs.
func TestLogGolden(t *testing.T) {
	cases := map[string][]string{
		"log_esp32_notrusted":  {logFile("esp32_verify_notrusted.log")},
		"log_clock_over_https": {logFile("arduino_clock_over_https_noca.log")},
		"log_clock_unset_ansi": {logFile("esp32_clock_unset_ansi_crlf.log")},
		"log_two_boots":        {logFile("two_boots.log")},
		"log_quectel_json":     {logFile("quectel_qsslopen_566.log"), "--json"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			out, _, _ := runLogCmd(t, "", args...)
			// Paths differ between checkouts; the golden names the file only.
			out = strings.ReplaceAll(out, filepath.Join("..", "..", "consolelog", "testdata", "logs")+string(filepath.Separator), "")
			golden(t, name, out, "TestLogGolden")
		})
	}
}
