//go:build oracle

package oracle

import (
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// TestStrerrorAgainstMbedTLS checks, for every value from -0x0001 to -0x7FFF
// and every build, that errcode.Strerror prints exactly what the library's
// mbedtls_strerror prints: the same high and low parts, split the same way,
// with the same texts, and UNKNOWN for exactly the parts the build does not
// know. Then, for every text the library prints, that errcode recognises it
// (logs carry these texts instead of numbers).
func TestStrerrorAgainstMbedTLS(t *testing.T) {
	values := make([]int, 0, 0x7FFF)
	for v := 1; v <= 0x7FFF; v++ {
		values = append(values, -v)
	}
	total := 0
	for _, bc := range Builds {
		t.Run(bc.Version+"-"+bc.Config, func(t *testing.T) {
			b := LoadBuild(t, bc.Version, bc.Config)
			var link []string
			if b.Config == "debian" {
				link = []string{"-lmbedtls", "-lmbedx509", "-lmbedcrypto"}
			}
			bin := CompileRunner(t, "strerror", &b, link...)
			got := RunBatch(t, bin, values)
			version, _ := errcode.ParseMbedVersion(b.Version)
			cfg := errcode.Config(func(m string) bool { _, ok := b.Macros[m]; return ok })
			mismatches, recognised, texts := 0, 0, 0
			for _, v := range values {
				lib := got[v][0]
				ours := errcode.StrerrorBuf(version, v, cfg, 1024) // the runner's buffer size
				if ours != lib {
					mismatches++
					if mismatches <= 10 {
						t.Errorf("%s %s: strerror(-0x%04X): library %q, ours %q", b.Version, b.Config, -v, lib, ours)
					}
					continue
				}
				if lib == "" || strings.Contains(lib, "UNKNOWN ERROR CODE") {
					continue
				}
				texts++
				// The text must lead back to a value that prints the same
				// text (a few texts are shared by two codes).
				if val, ok := errcode.MbedTextMatch(version, lib); ok && errcode.StrerrorBuf(version, int(val), cfg, 1024) == lib {
					recognised++
				} else if texts-recognised <= 5 {
					t.Errorf("%s %s: text of -0x%04X not recognised: %q", b.Version, b.Config, -v, lib)
				}
			}
			if mismatches > 10 {
				t.Errorf("%d mismatches in all", mismatches)
			}
			total += len(values)
			t.Logf("mbedTLS %s %s: %d values compared, %d mismatches; %d library texts, %d recognised", b.Version, b.Config, len(values), mismatches, texts, recognised)
		})
	}
	t.Logf("mbedtls_strerror oracle: %d values compared across %d builds", total, len(Builds))
}
