package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/tlsdoctor/tlsdoctor/internal/startup"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	// Tests and benchmarks run with every processor, as the long commands do.
	startup.RestoreProcs()
	testscript.Main(m, map[string]func(){
		"tlsdoctor": func() { os.Exit(Main(context.Background(), os.Args[1:], System())) },
	})
}

// TestScripts runs whole commands as transcripts (testdata/script/*.txtar).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// lf2cr IN OUT writes IN with every LF turned into CR: a paste
			// from a terminal that sends CR only (txtar cannot hold one).
			"lf2cr": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: lf2cr IN OUT")
				}
				data := strings.ReplaceAll(ts.ReadFile(args[0]), "\n", "\r")
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(data), 0o644))
			},
		},
	})
}

// run executes tlsdoctor in-process.
func run(t *testing.T, env map[string]string, tty bool, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	io := IO{In: strings.NewReader(""), Out: &out, Err: &errb, OutTTY: tty, Getenv: func(k string) string { return env[k] }}
	code = Main(context.Background(), args, io)
	return out.String(), errb.String(), code
}

func TestArgsToOptions(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		input string
		stack string
		flags string
		json  bool
	}{
		{"negative hex", []string{"explain", "-0x2180"}, "-0x2180", "", "", false},
		{"negative hex before flag", []string{"explain", "-0x2180", "--json"}, "-0x2180", "", "", true},
		{"flag before negative", []string{"explain", "--stack", "mbedtls", "-8576"}, "-8576", "mbedtls", "", false},
		{"unquoted log line", []string{"explain", "mbedtls_ssl_handshake", "returned", "-0x2700"}, "mbedtls_ssl_handshake returned -0x2700", "", "", false},
		{"flags", []string{"explain", "-0x2700", "--flags", "0x08"}, "-0x2700", "", "0x08", false},
		{"double dash", []string{"explain", "--", "-0x2180"}, "-0x2180", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *explainOptions
			cmd := newExplainCmd(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, func(o *explainOptions) error { got = o; return nil })
			cmd.SetArgs(protectNegativeCodes(tt.args)[1:])
			if err := cmd.Execute(); err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got == nil {
				t.Fatal("run was not called")
			}
			if got.Input != tt.input || got.Stack != tt.stack || got.Flags != tt.flags || got.JSON != tt.json {
				t.Errorf("options = input %q stack %q flags %q json %v, want %q %q %q %v",
					got.Input, got.Stack, got.Flags, got.JSON, tt.input, tt.stack, tt.flags, tt.json)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"explain", "-0x2180"}, ExitOK},
		{[]string{"explain", "-0x2A00"}, ExitProblems},
		{[]string{"explain", "hello"}, ExitUsage},
		{[]string{"explain"}, ExitUsage},
		{[]string{"explain", ""}, ExitUsage},
		{[]string{"explain", "-0x2180", "--stack", "nope"}, ExitUsage},
		{[]string{"explain", "-0x2700", "--flags", "zz"}, ExitUsage},
		{[]string{"nosuchcommand"}, ExitUsage},
		{[]string{"version"}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := run(t, nil, false, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if code == ExitUsage && !strings.HasPrefix(stderr, "tlsdoctor: ") {
				t.Errorf("usage error must say what was wrong on stderr, got %q", stderr)
			}
		})
	}
}

func TestColourOnlyOnTTYWithoutNoColor(t *testing.T) {
	out, _, _ := run(t, nil, true, "explain", "-0x2180")
	if !strings.Contains(out, "\x1b[") {
		t.Errorf("no colour on a TTY")
	}
	out, _, _ = run(t, map[string]string{"NO_COLOR": "1"}, true, "explain", "-0x2180")
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour despite NO_COLOR")
	}
	out, _, _ = run(t, nil, false, "explain", "-0x2180")
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour on a pipe")
	}
}

// TestGolden pins the rendered text and JSON of representative inputs.
func TestGolden(t *testing.T) {
	cases := map[string][]string{
		"explain_2180":      {"explain", "-0x2180"},
		"explain_21e6_json": {"explain", "-0x21E6", "--json"},
		"explain_logline":   {"explain", "mbedtls_x509_crt_parse returned -0x2180 while parsing root cert"},
		"explain_flags":     {"explain", "-0x2700", "--flags", "0x08"},
		"explain_state":     {"explain", "client state 3"},
		"explain_7a00":      {"explain", "-0x7A00"},
		"explain_bare_62":   {"explain", "62"},
		"explain_wolf_json": {"explain", "-188", "--json"},
		"explain_unknown":   {"explain", "-0x2A00"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			out, _, _ := run(t, nil, false, args...)
			golden(t, name, out, "TestGolden")
		})
	}
}

// golden compares out with testdata/golden/NAME.txt, or writes it there
// with -update; test names the test to rerun.
func golden(t *testing.T, name, out, test string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -run %s -update)", err, test)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (rerun with -update and review the diff):\n%s", path, out)
	}
}

// TestShortCommand: only explain and version keep start-up's single P; help,
// check and every other command get the processors back.
func TestShortCommand(t *testing.T) {
	for _, c := range []struct {
		args  []string
		short bool
	}{
		{[]string{"explain", "-0x2180"}, true},
		{[]string{"version"}, true},
		{nil, false},
		{[]string{"--help"}, false},
		{[]string{"check", "ca.pem"}, false},
		{[]string{"probe", "localhost:443"}, false},
		{[]string{"monitor", "/dev/ttyUSB0"}, false},
	} {
		if got := shortCommand(c.args); got != c.short {
			t.Errorf("shortCommand(%q) = %v, want %v", c.args, got, c.short)
		}
	}
}
