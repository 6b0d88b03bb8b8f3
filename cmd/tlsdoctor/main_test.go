package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoInitCode: no package of ours runs code before main, except
// internal/startup. Start-up is most of what a short command such as explain
// costs, so our tables are static data or built on first use, never by
// package initialisers. startup's own initialiser only pays off if it runs
// before the standard library's allocate and deepen the stack, and it must
// allocate nothing itself. The runtime's inittrace lists every package whose
// initialiser ran, in order; the binary is the real one (a test binary would
// add the test helpers' own).
func TestNoInitCode(t *testing.T) {
	const startup = "github.com/tlsdoctor/tlsdoctor/internal/startup"
	exe := filepath.Join(t.TempDir(), "tlsdoctor")
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := exec.Command(exe, "explain", "-0x2180")
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr strings.Builder
	run.Stderr = &stderr
	if err := run.Run(); err != nil {
		t.Fatalf("tlsdoctor explain -0x2180: %v\n%s", err, stderr.String())
	}
	inits := regexp.MustCompile(`(?m)^init (\S+) @.*, (\d+) bytes, (\d+) allocs$`).FindAllStringSubmatch(stderr.String(), -1)
	if len(inits) == 0 {
		t.Fatalf("no inittrace output:\n%s", stderr.String())
	}
	seen := false
	for _, m := range inits {
		pkg, allocs := m[1], m[3]
		switch {
		case pkg == startup:
			seen = true
			if allocs != "0" {
				t.Errorf("%s allocates at start-up: %s", pkg, m[0])
			}
		case strings.HasPrefix(pkg, "github.com/tlsdoctor/tlsdoctor"):
			t.Errorf("package %s runs code at start-up", pkg)
		case !seen && allocs != "0":
			t.Errorf("%s allocates before %s runs: %s", pkg, startup, m[0])
		}
	}
	if !seen {
		t.Errorf("%s did not run at start-up:\n%s", startup, stderr.String())
	}
}
