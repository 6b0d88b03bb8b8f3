package startup

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestRestoreProcs runs this test binary again with GOMAXPROCS=3: start-up
// must run on one P, and RestoreProcs must give back the 3 the runtime
// chose, once.
func TestRestoreProcs(t *testing.T) {
	if os.Getenv("STARTUP_TEST_CHILD") == "1" {
		before := runtime.GOMAXPROCS(0)
		RestoreProcs()
		after := runtime.GOMAXPROCS(0)
		runtime.GOMAXPROCS(2)
		RestoreProcs()
		again := runtime.GOMAXPROCS(0)
		os.Stdout.WriteString(strconv.Itoa(before) + " " + strconv.Itoa(after) + " " + strconv.Itoa(again) + "\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRestoreProcs$")
	cmd.Env = append(os.Environ(), "STARTUP_TEST_CHILD=1", "GOMAXPROCS=3")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	if first != "1 3 2" {
		t.Errorf("GOMAXPROCS at start-up, after RestoreProcs, after a second RestoreProcs = %q, want \"1 3 2\"", first)
	}
}
