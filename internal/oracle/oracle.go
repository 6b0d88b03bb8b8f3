//go:build oracle

// Package oracle checks tlsdoctor's predictions against the real libraries:
// mbedTLS 2.28 and 3.6 built from Debian's source packages by
// scripts/mbedtls-oracle, Debian's own libmbedtls, and Debian's libwolfssl.
// The libraries run as small batch programs (runner/*.c) compiled by gcc, one
// per build: two mbedTLS versions cannot share one process.
//
// Tests only (build tag oracle). Under CI=true a missing library or build
// fails the test; elsewhere it skips with the command that fixes it.
package oracle

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// Build is one mbedTLS build to compare against.
type Build struct {
	Version string // "2.28" or "3.6"
	Config  string // stock, embedded, nopem, smallbuf, debian
	Prefix  string
	Macros  map[string]string // enabled config macros and their values
}

// Builds lists every build the oracle script knows.
var Builds = []struct{ Version, Config string }{
	{"2.28", "debian"}, {"2.28", "stock"}, {"2.28", "embedded"}, {"2.28", "nopem"}, {"2.28", "smallbuf"},
	{"3.6", "stock"}, {"3.6", "embedded"}, {"3.6", "nopem"}, {"3.6", "smallbuf"},
}

// Unavailable fails under CI and skips elsewhere.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("oracle unavailable under CI: %s", msg)
	}
	t.Skipf("oracle unavailable: %s", msg)
}

// RepoRoot returns the module root (where scripts/ lives).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// LoadBuild finds a finished build and its config macros.
func LoadBuild(t testing.TB, version, config string) Build {
	t.Helper()
	root := RepoRoot(t)
	script := filepath.Join(root, "scripts", "mbedtls-oracle")
	prefix, err := exec.Command(script, "path", version, config).Output()
	if err != nil {
		Unavailable(t, "mbedTLS %s %s is not built (run scripts/mbedtls-oracle build): %v", version, config, err)
	}
	cfgPath, err := exec.Command(script, "config", version, config).Output()
	if err != nil {
		Unavailable(t, "no config.txt for mbedTLS %s %s: %v", version, config, err)
	}
	b := Build{Version: version, Config: config, Prefix: strings.TrimSpace(string(prefix)), Macros: map[string]string{}}
	data, err := os.ReadFile(strings.TrimSpace(string(cfgPath)))
	if err != nil {
		Unavailable(t, "%v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		name, value, _ := strings.Cut(strings.TrimSpace(line), " ")
		if name != "" {
			b.Macros[name] = strings.TrimSpace(value)
		}
	}
	return b
}

// CompileRunner compiles runner/NAME.c against a build (nil: link flags only)
// into a temporary directory and returns the binary's path.
func CompileRunner(t testing.TB, name string, b *Build, linkFlags ...string) string {
	t.Helper()
	if _, err := exec.LookPath("gcc"); err != nil {
		Unavailable(t, "gcc not found (apt-get install -y gcc)")
	}
	src := filepath.Join(RepoRoot(t), "internal", "oracle", "runner", name+".c")
	out := filepath.Join(t.TempDir(), name)
	args := []string{"-O1", "-o", out, src}
	if b != nil && b.Config != "debian" {
		args = append(args, "-I"+filepath.Join(b.Prefix, "include"), `-DMBEDTLS_USER_CONFIG_FILE="tlsdoctor_user_config.h"`,
			filepath.Join(b.Prefix, "lib", "libmbedtls.a"), filepath.Join(b.Prefix, "lib", "libmbedx509.a"), filepath.Join(b.Prefix, "lib", "libmbedcrypto.a"))
	}
	args = append(args, linkFlags...)
	cmd := exec.Command("gcc", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		Unavailable(t, "gcc %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// RunBatch feeds one decimal int per line to a runner and returns its
// tab-separated answer fields, keyed by the int.
func RunBatch(t testing.TB, bin string, values []int) map[int][]string {
	t.Helper()
	var in bytes.Buffer
	for _, v := range values {
		fmt.Fprintln(&in, v)
	}
	cmd := exec.Command(bin)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	res := make(map[int][]string, len(values))
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		v, err := strconv.Atoi(fields[0])
		if err != nil {
			t.Fatalf("%s: bad output line %q", bin, sc.Text())
		}
		res[v] = fields[1:]
	}
	if len(res) != len(values) {
		t.Fatalf("%s answered %d of %d values", bin, len(res), len(values))
	}
	return res
}
