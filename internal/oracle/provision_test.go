//go:build oracle && unix

package oracle

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/devicesim"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/provision"
)

// TestProvisionedRootParses runs every built-in provisioning dialogue
// against its simulated device on a pty, then gives the bytes the device
// stored to the real mbedtls_x509_crt_parse of mbedTLS 2.28 and 3.6, as the
// firmware would (the stored text and its terminating NUL): each must
// return 0 with one certificate. A control case, the stored text cut short
// as a too-small buffer would, must fail: the oracle can tell.
func TestProvisionedRootParses(t *testing.T) {
	type stored struct {
		name string
		data []byte
		ok   bool
	}
	var cases []stored
	for _, name := range provision.BuiltinNames() {
		for _, cert := range []string{"rsa2048-sha256-root", "p256-sha256-root"} {
			data := provisionOnPTY(t, name, cert)
			cases = append(cases, stored{name + "/" + cert, data, true})
		}
	}
	if len(cases) == 0 {
		t.Fatal("no dialogue stored anything")
	}
	// Control: the first stored root cut in the middle of its base64.
	cases = append(cases, stored{"control/cut-short", cases[0].data[:len(cases[0].data)/2], false})

	for _, bc := range []struct{ Version, Config string }{{"2.28", "stock"}, {"3.6", "stock"}} {
		t.Run(bc.Version, func(t *testing.T) {
			b := LoadBuild(t, bc.Version, bc.Config)
			bin := CompileRunner(t, "x509parse", &b)
			var in bytes.Buffer
			for _, c := range cases {
				fmt.Fprintf(&in, "crt %s00\n", hex.EncodeToString(c.data))
			}
			cmd := exec.Command(bin)
			cmd.Stdin = &in
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s: %v", bin, err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != len(cases) {
				t.Fatalf("runner answered %d of %d", len(lines), len(cases))
			}
			for i, c := range cases {
				f := strings.Split(lines[i], "\t")
				ret, _ := strconv.Atoi(f[0])
				n, _ := strconv.Atoi(f[1])
				if c.ok && (ret != 0 || n != 1) {
					t.Errorf("%s: mbedTLS %s returned %d with %d certificates for what the device stored, want 0 and 1", c.name, bc.Version, ret, n)
				}
				if !c.ok && ret == 0 {
					t.Errorf("%s: mbedTLS %s accepted a cut-off certificate", c.name, bc.Version)
				}
			}
			t.Logf("mbedTLS %s %s: %d stored roots parsed, control refused", bc.Version, bc.Config, len(cases)-1)
		})
	}
}

func provisionOnPTY(t *testing.T, dialogue, cert string) []byte {
	t.Helper()
	der, err := testcert.Cert(cert)
	if err != nil {
		t.Fatal(err)
	}
	p, err := provision.LoadCert(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := provision.Builtin(dialogue)
	dev, err := devicesim.Start(devicesim.Dialect(dialogue), devicesim.Options{STConfigured: true, PressAfter: 100 * time.Millisecond})
	if err != nil {
		Unavailable(t, "no pseudo-terminal: %v", err)
	}
	defer dev.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := provision.Run(ctx, dev.Slave, d, p, provision.Options{})
	if err != nil || !res.Confirmed {
		t.Fatalf("%s with %s: %v", dialogue, cert, err)
	}
	return dev.Stored()
}
