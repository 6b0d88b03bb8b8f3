package profile

import (
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// TestStockFromOptions reads the stock config header (tlsdoctor's own copy of its
// options) through the preprocessor of this package, with 3.6's derivations, and
// compares the result with what gcc made of the real headers: the two must agree
// macro for macro, which checks the preprocessor on a thousand real directives.
func TestStockFromOptions(t *testing.T) {
	for _, v := range errcode.MbedVersions {
		t.Run(v.String(), func(t *testing.T) {
			fsys := textFS{name: "user.h", text: "/* nothing */\n"}
			got, notes, err := ReadConfigHeaderWith(fsys, "user.h", v, HeaderOptions{Mode: ModeOverlay})
			if err != nil {
				t.Fatal(err)
			}
			want := Stock(v)
			for n, wv := range want {
				gv, ok := got[n]
				if !ok {
					t.Errorf("%s missing, want %q", n, wv)
				} else if gv != wv {
					t.Errorf("%s = %q, want %q", n, gv, wv)
				}
			}
			for n, gv := range got {
				if _, ok := want[n]; !ok {
					t.Errorf("%s = %q is not in the stock config", n, gv)
				}
			}
			for _, n := range notes {
				if n.Kind == NoteProblem || n.Kind == NoteUnevaluated || n.Kind == NoteDiffers {
					t.Errorf("note: %s", n)
				}
			}
		})
	}
}
