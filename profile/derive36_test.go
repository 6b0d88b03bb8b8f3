package profile

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// TestDerive36MatchesGCC reads each generated sample config as an overlay on
// the stock 3.6 config and compares the macro set, after derive36, with the
// one gcc produced from the real headers.
func TestDerive36MatchesGCC(t *testing.T) {
	if len(derivedSamples36()) < 100 {
		t.Fatalf("only %d derivation samples", len(derivedSamples36()))
	}
	for _, s := range derivedSamples36() {
		want := stock36().Clone()
		for n, v := range s.changed {
			want[n] = v
		}
		for _, n := range s.gone {
			delete(want, n)
		}
		fsys := fstest.MapFS{"user.h": {Data: []byte(s.config)}}
		got, _, err := ReadConfigHeaderWith(fsys, "user.h", errcode.Mbed36, HeaderOptions{Mode: ModeOverlay})
		if err != nil {
			t.Fatalf("%q: %v", s.config, err)
		}
		var diffs []string
		for n, v := range want {
			if hostOnly36(n) {
				continue
			}
			if g, ok := got[n]; !ok {
				diffs = append(diffs, "missing "+n)
			} else if normalizeValue(g) != normalizeValue(v) {
				diffs = append(diffs, n+"="+g+", gcc "+v)
			}
		}
		for n, v := range got {
			if _, ok := want[n]; !ok && (strings.HasPrefix(n, "MBEDTLS_") || strings.HasPrefix(n, "PSA_WANT_")) {
				diffs = append(diffs, "extra "+n+"="+v)
			}
		}
		if len(diffs) > 0 {
			sort.Strings(diffs)
			t.Errorf("config %q: %s", strings.TrimSpace(s.config), strings.Join(diffs, "; "))
		}
	}
}

func hostOnly36(name string) bool {
	return strings.HasPrefix(name, "MBEDTLS_ARCH_IS_") || name == "MBEDTLS_COMPILER_IS_GCC" || name == "MBEDTLS_GCC_VERSION"
}
