package mbedsim

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestIndexFooter checks the shortcut in indexFooter against strstr from
// the start of the text (bytes.Index), on text built from pieces of the
// header and footer, so that footers overlap the header, precede it, touch
// it, or are missing.
func TestIndexFooter(t *testing.T) {
	pieces := []string{string(pemHeader), string(pemFooter), "-", "--", "-----", "E", "END CERTIFICATE-----",
		"END CERTIFICATE", "\n", "\r\n", " ", "MIIB", "x"}
	check := func(data []byte) {
		t.Helper()
		h := bytes.Index(data, pemHeader)
		if h < 0 {
			return
		}
		if got, want := indexFooter(data, h), bytes.Index(data, pemFooter); got != want {
			t.Fatalf("indexFooter(%q, %d) = %d, want %d", data, h, got, want)
		}
	}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				check([]byte(a + string(pemHeader) + b + c))
				check([]byte(string(pemHeader) + a + b + c))
			}
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 50000 {
		var b []byte
		for range 1 + r.IntN(8) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		check(b)
	}
}
