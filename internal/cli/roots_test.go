package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fixedNow keeps golden output stable: "expired" and "upcoming" depend on it.
var fixedNow = func() time.Time { return time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC) }

// runRoots runs the roots command, built directly (cli.go registers it).
func runRoots(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	stdio := IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }}
	code = runCmd(t, newRootsCmdWith(&rootsOptions{io: stdio, now: fixedNow}), &out, &errb, args...)
	return out.String(), errb.String(), code
}

func TestRootsArgsToOptions(t *testing.T) {
	t.Run("search", func(t *testing.T) {
		parent := &rootsOptions{}
		var got *rootsSearchOptions
		cmd := newRootsSearchCmd(parent, func(o *rootsSearchOptions) error { got = o; return nil })
		cmd.SetArgs([]string{"amazon", "root", "ca", "1", "--json"})
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.Query != "amazon root ca 1" || !got.JSON {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("show", func(t *testing.T) {
		parent := &rootsOptions{}
		var got *rootsShowOptions
		cmd := newRootsShowCmd(parent, func(o *rootsShowOptions) error { got = o; return nil })
		cmd.SetArgs([]string{"isrg", "x2", "--pem"})
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if got.ID != "isrg x2" || !got.PEM || got.JSON {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("repeatable --roots", func(t *testing.T) {
		var got *rootsEventsOptions
		parent := &rootsOptions{io: IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, now: fixedNow}
		root := newRootsCmdWith(parent)
		for _, c := range root.Commands() {
			if c.Name() == "events" {
				root.RemoveCommand(c)
			}
		}
		root.AddCommand(newRootsEventsCmd(parent, func(o *rootsEventsOptions) error { got = o; return nil }))
		root.SetArgs([]string{"events", "--roots", "a.pem", "--roots", "dir/"})
		if err := root.Execute(); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Stores, ",") != "a.pem,dir/" {
			t.Errorf("got stores %q", got.Stores)
		}
	})
}

func TestRootsExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderrRe string
	}{
		{"found", []string{"search", "isrg", "x2"}, ExitOK, "ISRG Root X2", ""},
		{"removed root", []string{"search", "baltimore"}, ExitProblems, "not in store: Baltimore CyberTrust Root", "not in the bundled store"},
		{"DST X3", []string{"search", "dst", "root", "ca", "x3"}, ExitProblems, "2021-09-30", "not in the bundled store"},
		{"nothing", []string{"search", "zzzz qqqq"}, ExitProblems, "", "no root matches"},
		{"user store", []string{"search", "baltimore", "--roots", "../../roots/testdata/baltimore.pem"}, ExitOK, "Baltimore CyberTrust Root", ""},
		{"user dir", []string{"search", "starfield class 2", "--roots", "../../roots/testdata/store"}, ExitOK, "Starfield Class 2", "skipped README.txt"},
		{"missing store", []string{"search", "x", "--roots", "nonexistent.pem"}, ExitUsage, "", "nonexistent.pem"},
		{"ambiguous show", []string{"show", "digicert"}, ExitUsage, "", "matches"},
		{"show removed", []string{"show", "baltimore"}, ExitProblems, "not in store", "not in the searched stores"},
		{"show pem", []string{"show", "8ecde688", "--pem"}, ExitOK, "-----BEGIN CERTIFICATE-----", ""},
		{"pem and json", []string{"show", "isrg x1", "--pem", "--json"}, ExitUsage, "", "--pem and --json"},
		{"version", []string{"--version"}, ExitOK, "x509roots/fallback v0.0.0-", ""},
		{"events", []string{"events"}, ExitOK, "letsencrypt.org", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runRoots(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout)
			}
			if tt.stderrRe != "" && !strings.Contains(stderr, tt.stderrRe) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderrRe, stderr)
			}
		})
	}
}

func TestRootsGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"roots_show_isrg_x2", []string{"show", "isrg", "x2"}},
		{"roots_show_baltimore_user_json", []string{"show", "baltimore", "--json", "--roots", "../../roots/testdata/baltimore.pem"}},
		{"roots_search_digicert_g2", []string{"search", "digicert", "g2"}},
		{"roots_search_baltimore", []string{"search", "baltimore"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, _, _ := runRoots(t, tt.args...)
			golden(t, tt.name, stdout, "TestRootsGolden")
		})
	}
}

// TestNewRootsCmd checks the constructor cli.go registers.
func TestNewRootsCmd(t *testing.T) {
	cmd := newRootsCmd(IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
	var names []string
	for _, c := range cmd.Commands() {
		names = append(names, c.Name())
	}
	if got := strings.Join(names, " "); got != "events search show" {
		t.Errorf("subcommands: got %q", got)
	}
	if cmd.PersistentFlags().Lookup("roots") == nil {
		t.Error("no --roots flag")
	}
}
