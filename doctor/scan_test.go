package doctor

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// The line scan, the base64 check and the C-syntax check step over plain
// bytes eight at a time. These tests hold each to the byte-at-a-time
// definition it replaced.

// scanTexts: PEM text with every byte value put at many positions, and
// random mixes of the bytes the scans treat specially.
func scanTexts() [][]byte {
	pem := PEM(testcert.Leaves(2))
	var out [][]byte
	for _, pos := range []int{0, 1, 7, 8, 9, 27, 28, 60, 63, 64, 65, 100, 200, len(pem) / 2, len(pem) - 30, len(pem) - 1} {
		for c := 0; c < 256; c++ {
			b := append([]byte{}, pem...)
			b[pos%len(b)] = byte(c)
			out = append(out, b)
		}
	}
	r := rand.New(rand.NewPCG(31, 32))
	special := []byte("\n\r\x00\\n\t \x7f\x80\xc2\xa0\xef\xbb\xbf\xff\"',;=-")
	for range 3000 {
		b := append([]byte{}, pem[:r.IntN(len(pem))]...)
		for k := r.IntN(6); k > 0; k-- {
			if len(b) > 0 {
				b[r.IntN(len(b))] = special[r.IntN(len(special))]
			}
		}
		out = append(out, b)
	}
	// Look-alike dashes and spaces, whole, inside and around the armour.
	for range 2000 {
		b := append([]byte{}, pem[:r.IntN(len(pem))]...)
		for k := 1 + r.IntN(4); k > 0 && len(b) > 0; k-- {
			at := r.IntN(len(b))
			if r.IntN(3) == 0 {
				at = r.IntN(min(len(b), 40))
			}
			la := []string{"\u2013", "\u2212", "\u00a0", "\uff0d", "-", "BEGIN ", "end "}[r.IntN(7)]
			b = append(b[:at], append([]byte(la), b[at:]...)...)
		}
		out = append(out, b)
	}
	return out
}

func TestAnalyseEightAtATime(t *testing.T) {
	for _, b := range scanTexts() {
		got, want := analyse(b), analyseBytes(b, false)
		got.markers, want.markers, got.b, want.b = nil, nil, nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ngot  %+v\nwant %+v", b, got, want)
		}
	}
}

func TestFirstBadBase64EightAtATime(t *testing.T) {
	for _, b := range scanTexts() {
		for _, bs := range []int{0, 28, 29} {
			for _, be := range []int{len(b), len(b) - 26, len(b) - 1} {
				if bs > be || be < 0 {
					continue
				}
				off, why := firstBadBase64(b, bs, be)
				woff, wwhy := firstBadBase64Bytes(b, bs, be, false)
				if off != woff || why != wwhy {
					t.Fatalf("%q [%d:%d]: got %d %q, want %d %q", b, bs, be, off, why, woff, wwhy)
				}
			}
		}
	}
}

func TestPlain8(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(0x20 + r.IntN(0x60))
			if r.IntN(16) == 0 {
				w[i] = byte(r.IntN(256))
			}
		}
		want := true
		for _, c := range w {
			if c < 0x20 || c >= 0x80 || c == '\\' {
				want = false
			}
		}
		u := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 | uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if got := plain8(u); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", w[:], got, want)
		}
	}
}

// markerAtRef is markerAt as it was before it read ASCII bytes without
// decoding them and decided exactness without building the expected line.
func (a *anatomy) markerAtRef(off, word int, begin bool) (marker, bool) {
	b := a.b
	m := marker{begin: begin, lookalike: -1}
	// Dashes before: at least 3, walking back over ASCII or look-alike dashes.
	s, dashes := off, 0
	for s > 0 {
		r, size := utf8.DecodeLastRune(b[:s])
		if r == '-' || lookalikes()[r] == '-' {
			if r != '-' {
				m.lookalike = s - size
			}
			s -= size
			dashes++
			continue
		}
		break
	}
	if dashes < 3 {
		return m, false
	}
	// Label up to the dashes after it, on the same line.
	e := off + word
	le := e
	for le < len(b) && b[le] != '\n' && b[le] != '\r' {
		r, size := utf8.DecodeRune(b[le:])
		if r == '-' || lookalikes()[r] == '-' {
			break
		}
		le += size
	}
	m.label = string(b[e:le])
	after, n := le, 0
	for after < len(b) {
		r, size := utf8.DecodeRune(b[after:])
		if r != '-' && lookalikes()[r] != '-' {
			break
		}
		if r != '-' && m.lookalike < 0 {
			m.lookalike = after
		}
		after += size
		n++
	}
	if n < 3 || len(m.label) == 0 || len(m.label) > 40 {
		return m, false
	}
	m.start, m.end = s, after
	wordText := string(b[off : off+word-1])
	m.lower = wordText != "BEGIN" && wordText != "END"
	want := "-----END " + m.label + "-----"
	if begin {
		want = "-----BEGIN " + m.label + "-----"
	}
	m.exact = m.lookalike < 0 && !m.lower && string(b[s:after]) == want
	return m, true
}

func TestMarkersAsBefore(t *testing.T) {
	texts := scanTexts()
	for _, s := range []string{
		"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
		"----BEGIN CERTIFICATE-----\n", "------BEGIN CERTIFICATE------\n", "---begin certificate---\n",
		"\u2013\u2013\u2013\u2013\u2013BEGIN CERTIFICATE\u2013\u2013\u2013\u2013\u2013\n",
		"-----BEGIN TRUSTED CERTIFICATE-----\n-----END X509 CRL-----", "-----BEGIN -----", "--- END 0123456789012345678901234567890123456789012 ---",
		"-----BEGIN CERT\u00a0IFICATE-----", "x-----END CERTIFICATE-----y", "-----Begin Certificate-----", "-----BEGIN CERTIFICATE-----\r",
	} {
		texts = append(texts, []byte(s))
	}
	for _, b := range texts {
		got := analyse(b)
		want := analyseBytes(b, false)
		want.markers = nil
		want.findMarkers(want.markerAtRef)
		if !reflect.DeepEqual(got.markers, want.markers) {
			t.Fatalf("%q:\ngot  %+v\nwant %+v", b, got.markers, want.markers)
		}
	}
}

// FuzzScans holds the eight-at-a-time scans and the marker search to the
// code they replaced on any bytes.
func FuzzScans(f *testing.F) {
	for _, b := range scanTexts()[:64] {
		f.Add(b)
	}
	f.Add([]byte("-----BEGIN CERTIFICATE-----\r\nQUJD\\n\x00-----END CERTIFICATE-----"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, want := analyse(b), analyseBytes(b, false)
		want.markers = nil
		want.findMarkers(want.markerAtRef)
		gotMarkers, wantMarkers := got.markers, want.markers
		got.markers, want.markers = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: anatomy differs:\ngot  %+v\nwant %+v", b, got, want)
		}
		if !reflect.DeepEqual(gotMarkers, wantMarkers) {
			t.Fatalf("%q: markers differ:\ngot  %+v\nwant %+v", b, gotMarkers, wantMarkers)
		}
		for _, bs := range []int{0, len(b) / 3} {
			off, why := firstBadBase64(b, bs, len(b))
			woff, wwhy := firstBadBase64Bytes(b, bs, len(b), false)
			if off != woff || why != wwhy {
				t.Fatalf("%q [%d:]: got %d %q, want %d %q", b, bs, off, why, woff, wwhy)
			}
		}
	})
}
