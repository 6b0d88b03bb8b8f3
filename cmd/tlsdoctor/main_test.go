package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoInitCode: no package of ours runs code before main. Start-up is most
// of what a short command such as explain costs, so our tables are static
// data or built on first use, never by package initialisers. The runtime's
// inittrace lists every package whose initialiser ran; the binary is the
// real one (a test binary would add the test helpers' own).
func TestNoInitCode(t *testing.T) {
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
	inits := regexp.MustCompile(`(?m)^init (\S+) @`).FindAllStringSubmatch(stderr.String(), -1)
	if len(inits) == 0 {
		t.Fatalf("no inittrace output:\n%s", stderr.String())
	}
	for _, m := range inits {
		if strings.HasPrefix(m[1], "github.com/tlsdoctor/tlsdoctor") {
			t.Errorf("package %s runs code at start-up", m[1])
		}
	}
}
