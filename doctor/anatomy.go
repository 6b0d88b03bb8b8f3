package doctor

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// eol is how a line ends.
type eol uint8

const (
	eolNone eol = iota // last line, no terminator
	eolLF
	eolCRLF
	eolCR
)

// line is one line of the item's bytes, split on LF, CRLF and lone CR alike:
// a terminal that sends CR only still makes lines a person sees.
type line struct {
	start, end int // content, without the terminator
	eol        eol
}

// marker is a PEM armour line, exact or damaged.
type marker struct {
	begin      bool
	label      string // the text between BEGIN/END and the trailing dashes, as written
	start, end int    // the marker's bytes
	// exact is true when the bytes are the ASCII armour mbedTLS searches for
	// ("-----BEGIN CERTIFICATE-----" and its END twin).
	exact bool
	// lookalike holds the offset of the first non-ASCII character standing in
	// for a dash or letter (an en dash, a minus sign), or -1.
	lookalike int
	lower     bool // written in lower case
}

// anatomy is what a person would see looking at the bytes: lines, armour,
// and the invisible things that break parsers. It is computed once per item.
type anatomy struct {
	b        []byte
	lines    []line
	markers  []marker
	counts   [4]int // lines per eol kind
	nuls     []int  // offsets of NUL bytes
	literalN []int  // offsets of the two characters backslash, n
	bom      int    // offset of a UTF-8 BOM, or -1
	// ffFrom and zeroFrom are the start of a trailing run of 0xFF or 0x00
	// bytes (erased or zero-filled flash), or len(b).
	ffFrom, zeroFrom int
	// odd are non-ASCII or control characters other than CR, LF, TAB and NUL,
	// with their offsets: a non-breaking space, smart quotes, a BOM mid-text.
	odd []oddChar
	// regions caches pemRegions.
	regions     [][2]int
	regionsDone bool
}

// pemRegions returns, in order, the byte ranges from each BEGIN marker to
// the end of its block (its END marker, or the next BEGIN, or the end of the
// text), merged where they overlap.
func (a *anatomy) pemRegions() [][2]int {
	if a.regionsDone {
		return a.regions
	}
	a.regionsDone = true
	for i, m := range a.markers {
		if !m.begin {
			continue
		}
		end := len(a.b)
		if i+1 < len(a.markers) {
			end = a.markers[i+1].end
		}
		if n := len(a.regions); n > 0 && a.regions[n-1][1] >= m.start {
			a.regions[n-1][1] = max(a.regions[n-1][1], end)
			continue
		}
		a.regions = append(a.regions, [2]int{m.start, end})
	}
	return a.regions
}

type oddChar struct {
	off  int
	size int
	r    rune
}

var lookalikesLazy lazy.Value[map[rune]byte]

// lookalikes are characters that editors and chat tools put where ASCII
// belongs in PEM text.
func lookalikes() map[rune]byte { return lookalikesLazy.Get(buildLookalikes) }

func buildLookalikes() map[rune]byte {
	return map[rune]byte{
		'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
		'\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u200B': ' ',
		'\u2018': '\'', '\u2019': '\'', '\u201C': '"', '\u201D': '"',
	}
}

func analyse(b []byte) *anatomy { return analyseBytes(b, true) }

// analyseBytes is analyse; with eight unset it takes every byte one at a
// time, the definition the eight-byte steps are tested against.
func analyseBytes(b []byte, eight bool) *anatomy {
	a := &anatomy{b: b, bom: -1, ffFrom: len(b), zeroFrom: len(b)}
	// One allocation for the lines: a bundle has hundreds of thousands.
	a.lines = make([]line, 0, bytes.Count(b, []byte{'\n'})+bytes.Count(b, []byte{'\r'})+1)
	for i := len(b); i > 0 && b[i-1] == 0xFF; i-- {
		a.ffFrom = i - 1
	}
	for i := len(b); i > 0 && b[i-1] == 0x00; i-- {
		a.zeroFrom = i - 1
	}
	start := 0
	for i := 0; i < len(b); i++ {
		// Eight printable ASCII bytes at a time: most of a bundle, nothing
		// to note.
		for eight && i+8 <= len(b) && plain8(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i >= len(b) {
			break
		}
		c := b[i]
		if c-0x20 < 0x60 && c != '\\' {
			continue // printable ASCII: most bytes, nothing to note
		}
		switch c {
		case '\n':
			a.addLine(start, i, eolLF)
			start = i + 1
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				a.addLine(start, i, eolCRLF)
				i++
			} else {
				a.addLine(start, i, eolCR)
			}
			start = i + 1
		case 0:
			a.nuls = append(a.nuls, i)
		case '\\':
			if i+1 < len(b) && b[i+1] == 'n' {
				a.literalN = append(a.literalN, i)
			}
		default:
			if c >= 0x80 && i < a.ffFrom {
				r, size := utf8.DecodeRune(b[i:])
				if r == '\uFEFF' && a.bom < 0 {
					a.bom = i
				}
				a.odd = append(a.odd, oddChar{off: i, size: size, r: r})
				i += size - 1
			} else if c < 0x20 && c != '\t' {
				a.odd = append(a.odd, oddChar{off: i, size: 1, r: rune(c)})
			}
		}
	}
	if start < len(b) {
		a.addLine(start, len(b), eolNone)
	}
	a.findMarkers(a.markerAt)
	return a
}

// plain8 reports that the eight bytes of w are all printable ASCII
// (0x20-0x7F) other than a backslash: none of them needs a look.
func plain8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	high := w & highs                                       // 0x80 and up
	low := (w - 0x20*ones) &^ w & highs                     // below 0x20 (exact once no byte is 0x80 or up)
	bs := (w ^ '\\'*ones - ones) &^ (w ^ '\\'*ones) & highs // a backslash
	return high|low|bs == 0
}

func (a *anatomy) addLine(s, e int, k eol) {
	a.lines = append(a.lines, line{start: s, end: e, eol: k})
	a.counts[k]++
}

// findMarkers finds armour lines anywhere in the text, also when the words
// are lower case, the dashes are look-alikes, or the marker shares its line
// with other text (a PEM joined onto one line).
//
// markerAt reads the marker at a word; tests pass another reader.
func (a *anatomy) findMarkers(markerAt func(off, word int, begin bool) (marker, bool)) {
	b := a.b
	if len(a.odd) > 0 {
		a.findMarkersSlow(markerAt)
		return
	}
	// ASCII text: every marker has a run of at least three dashes right
	// before its word, so jump from one run to the next.
	for i := 0; i < len(b); {
		j := bytes.Index(b[i:], []byte("---"))
		if j < 0 {
			return
		}
		at := i + j + 3
		for at < len(b) && b[at] == '-' {
			at++
		}
		word, begin := 0, false
		switch {
		case hasPrefixFold(b[at:], "begin "):
			word, begin = 6, true
		case hasPrefixFold(b[at:], "end "):
			word = 4
		}
		if word > 0 {
			if m, ok := markerAt(at, word, begin); ok {
				a.markers = append(a.markers, m)
				i = m.end
				continue
			}
		}
		i = at
	}
}

func hasPrefixFold(b []byte, word string) bool {
	return len(b) >= len(word) && bytes.EqualFold(b[:len(word)], []byte(word))
}

// findMarkersSlow is findMarkers for text with non-ASCII characters, whose
// dashes may be look-alikes that a search for "---" does not find.
func (a *anatomy) findMarkersSlow(markerAt func(off, word int, begin bool) (marker, bool)) {
	b := a.b
	for i := 0; i < len(b); {
		j := indexFold(b[i:], "begin ")
		k := indexFold(b[i:], "end ")
		if j < 0 && k < 0 {
			return
		}
		begin := j >= 0 && (k < 0 || j < k)
		at := i + k
		word := 4
		if begin {
			at, word = i+j, 6
		}
		m, ok := markerAt(at, word, begin)
		if ok {
			a.markers = append(a.markers, m)
			i = m.end
			continue
		}
		i = at + word
	}
}

// markerAt checks that the word at off is surrounded by dash runs.
func (a *anatomy) markerAt(off, word int, begin bool) (marker, bool) {
	b := a.b
	m := marker{begin: begin, lookalike: -1}
	// Dashes before: at least 3, walking back over ASCII or look-alike dashes.
	s, dashes := off, 0
	for s > 0 {
		r, size := rune(b[s-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRune(b[:s])
		}
		if !isDash(r) {
			break
		}
		if r != '-' {
			m.lookalike = s - size
		}
		s -= size
		dashes++
	}
	if dashes < 3 {
		return m, false
	}
	// Label up to the dashes after it, on the same line.
	e := off + word
	le := e
	for le < len(b) && b[le] != '\n' && b[le] != '\r' {
		r, size := rune(b[le]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[le:])
		}
		if isDash(r) {
			break
		}
		le += size
	}
	after, n := le, 0
	for after < len(b) {
		r, size := rune(b[after]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[after:])
		}
		if !isDash(r) {
			break
		}
		if r != '-' && m.lookalike < 0 {
			m.lookalike = after
		}
		after += size
		n++
	}
	if n < 3 || le == e || le-e > 40 {
		return m, false
	}
	m.label = string(b[e:le])
	m.start, m.end = s, after
	w := b[off : off+word-1]
	m.lower = string(w) != "BEGIN" && string(w) != "END"
	// Exactly "-----BEGIN LABEL-----" (or END): five ASCII dashes on each
	// side of the word, its space and the label, in upper case.
	m.exact = m.lookalike < 0 && !m.lower && off-s == 5 && after-le == 5
	return m, true
}

// isDash reports an ASCII dash or a character pasted in place of one (an
// en dash, a minus sign).
func isDash(r rune) bool {
	return r == '-' || r >= utf8.RuneSelf && lookalikes()[r] == '-'
}

func indexFold(b []byte, word string) int {
	// ASCII case-insensitive search; the words are short.
	n := len(word)
	for i := 0; i+n <= len(b); i++ {
		if b[i]|0x20 != word[0] {
			continue
		}
		if bytes.EqualFold(b[i:i+n], []byte(word)) {
			return i
		}
	}
	return -1
}

// lineAt returns the index of the line that holds offset off.
func (a *anatomy) lineAt(off int) int {
	lo, hi := 0, len(a.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if a.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// text returns the bytes of a line including its terminator, for context.
func (a *anatomy) text(li int) []byte {
	l := a.lines[li]
	end := l.end
	switch l.eol {
	case eolLF, eolCR:
		end++
	case eolCRLF:
		end += 2
	}
	if end > len(a.b) {
		end = len(a.b)
	}
	return a.b[l.start:end]
}
