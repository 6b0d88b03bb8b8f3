package certinput

import (
	"bytes"
	"fmt"
	"strconv"
)

// maxHexExpand bounds what the * lines of hexdump and od may expand to, so
// a three-line dump claiming 4 GiB of 0xFF cannot exhaust memory.
const maxHexExpand = 64 << 20

type hexDialect uint8

const (
	hexPlain hexDialect = iota // bare digits: xxd -p, od -An -tx1, "30 82 ...", 0x30, 0x82, 30:82:...
	hexXXD                     // 00000000: 3082 05a0 ...  ascii
	hexAddr                    // hexdump -C, od -tx1, certutil -encodehex: address, then byte pairs
	hexWords                   // hexdump, od -x: address, then 16-bit little-endian words
)

func isHexDigit(c byte) bool { _, ok := hexVal(c); return ok }

// nextLine returns the line starting at p (without its terminator) and
// where the next one starts.
func nextLine(d []byte, p int) (start, end, next int) {
	i := bytes.IndexAny(d[p:], "\r\n")
	if i < 0 {
		return p, len(d), len(d)
	}
	end = p + i
	next = end + 1
	if d[end] == '\r' && next < len(d) && d[next] == '\n' {
		next++
	}
	return p, end, next
}

// hexRun returns the end of the run of hex digits at p.
func hexRun(d []byte, p, end int) int {
	for p < end && isHexDigit(d[p]) {
		p++
	}
	return p
}

func skipBlanks(d []byte, p, end int) int {
	for p < end && (d[p] == ' ' || d[p] == '\t') {
		p++
	}
	return p
}

// lineDialect says which dump format one line is in, and where its address
// ends (plain lines have none).
func lineDialect(d []byte, s, e int) (hexDialect, int) {
	p := skipBlanks(d, s, e)
	if p > s && p < e && d[s] == ' ' {
		// od -An lines start with a blank: no address.
		return hexPlain, s
	}
	a := hexRun(d, p, e)
	if a == p {
		return hexPlain, s
	}
	if a < e && d[a] == ':' && (a+1 == e || d[a+1] == ' ') {
		return hexXXD, a + 1
	}
	q := skipBlanks(d, a, e)
	if q == a || a-p < 4 {
		return hexPlain, s
	}
	t := hexRun(d, q, e)
	if t == q || t < e && d[t] != ' ' && d[t] != '\t' {
		return hexPlain, s
	}
	switch {
	case t-q == 2:
		return hexAddr, a
	case t-q == 4 && a-p >= 6:
		return hexWords, a
	}
	return hexPlain, s
}

// detectHexDialect looks at the first non-blank line.
func detectHexDialect(d []byte) hexDialect {
	for p := 0; p < len(d); {
		s, e, next := nextLine(d, p)
		p = next
		if skipBlanks(d, s, e) == e {
			continue
		}
		dl, _ := lineDialect(d, s, e)
		return dl
	}
	return hexPlain
}

// hexLike reports whether text is a hex dump: a dump line first, or
// hex digits with no more than a trace of anything else.
func hexLike(d []byte) bool {
	d = trimBOM(d)
	if detectHexDialect(d) != hexPlain {
		return true
	}
	if len(d) > 1<<20 {
		d = d[:1<<20]
	}
	digits, other := 0, 0
	for i, c := range d {
		switch {
		case isHexDigit(c):
			digits++
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == ':' || c == '{' || c == '}':
		case (c == 'x' || c == 'X') && i > 0 && (d[i-1] == '0' || d[i-1] == '\\'):
		case c == '\\' && i+1 < len(d) && d[i+1] == 'x':
		default:
			other++
		}
	}
	return digits >= 32 && other*50 <= digits
}

// hexParse holds the state of reading one dump.
type hexParse struct {
	r       *reader
	d       []byte
	bd      builder
	dialect hexDialect
	radix   int
	base    int64 // address of the first line
	started bool
	last    []byte // the previous line's bytes, for *
	star    int    // offset of a pending * line, or -1
	stopped bool
	words   bool
}

// readHex reads a hex dump into one item of the bytes it shows.
func (r *reader) readHex() *ReadError {
	r.in.Form = FormHex
	d := r.text()
	h := &hexParse{r: r, d: d, dialect: detectHexDialect(d), star: -1}
	if h.dialect == hexPlain {
		h.plain()
	} else {
		h.radix = h.detectRadix()
		for p := 0; p < len(d) && !h.stopped; {
			s, e, next := nextLine(d, p)
			p = next
			h.line(s, e)
		}
		if h.star >= 0 {
			r.finding("hex.address-gap", int64(h.star), 1, "",
				"the dump ends with a * line and no final address, so how often the line above repeats is unknown; the repeats were not added",
				"include the dump's last line (the total length)")
		}
	}
	if len(h.bd.b) == 0 {
		off := bytes.IndexFunc(d, func(c rune) bool { return c != ' ' && c != '\t' && c != '\r' && c != '\n' })
		return &ReadError{Source: r.in.Source, Form: FormHex, Reason: ReasonSyntax, Pos: r.in.Position(int64(max(off, 0))),
			Expected: "hex digits, or a dump from xxd, hexdump -C or od", Found: foundAt(d, max(off, 0))}
	}
	if h.words {
		r.finding("hex.word-order", 0, 1, "",
			"this dump shows 16-bit words (hexdump or od -x), which print each pair of bytes swapped on a little-endian machine; the bytes were read in memory order (\"8230\" is 30 82)",
			"for a dump that is easier to read, use hexdump -C or xxd")
	}
	r.in.Items = append(r.in.Items, r.newItem("", FormHex, h.bd.b, h.bd.p, Extent{0, int64(len(d))}))
	return nil
}

// detectRadix finds the radix of the address column from two consecutive
// data lines (or a data line and the final length line): hexdump prints
// hex, od octal unless -A says otherwise. Without such a pair it goes by
// the address width of each tool's default.
func (h *hexParse) detectRadix() int {
	if h.dialect == hexXXD {
		return 16
	}
	prev, count, width := "", 0, 0
	for p := 0; p < len(h.d); {
		s, e, next := nextLine(h.d, p)
		p = next
		st := skipBlanks(h.d, s, e)
		if st == e {
			continue
		}
		dl, a := lineDialect(h.d, s, e)
		addr := ""
		switch {
		case dl == h.dialect:
			addr = string(h.d[st:a])
		case hexRun(h.d, st, e) == e:
			addr = string(h.d[st:e]) // the final length line
		default:
			prev = "" // a * line, or junk: the next address does not follow this one
			continue
		}
		if width == 0 {
			width = len(addr)
		}
		if prev != "" {
			for _, radix := range []int{16, 8, 10} {
				a1, err1 := strconv.ParseInt(prev, radix, 64)
				a2, err2 := strconv.ParseInt(addr, radix, 64)
				if err1 == nil && err2 == nil && a2-a1 == int64(count) {
					return radix
				}
			}
		}
		if dl != h.dialect {
			break
		}
		prev, count = addr, 0
		h.data(a, e, func(int, int, ...byte) { count++ })
	}
	if h.dialect == hexAddr && width == 7 {
		return 8 // od -tx1
	}
	return 16
}

// data calls put for each byte on a dump line after its address, with the
// source offset and width of its digits.
func (h *hexParse) data(p, e int, put func(src, width int, bs ...byte)) {
	d := h.d
	switch h.dialect {
	case hexXXD:
		if p < e && d[p] == ' ' {
			p++
		}
		for p < e {
			t := hexRun(d, p, e)
			if t == p {
				return
			}
			for q := p; q+1 < t; q += 2 {
				v1, _ := hexVal(d[q])
				v2, _ := hexVal(d[q+1])
				put(q, 2, byte(v1<<4|v2))
			}
			if (t-p)%2 == 1 {
				put(-1, t-1) // an odd digit: reported by the caller
			}
			if t+1 < e && d[t] == ' ' && isHexDigit(d[t+1]) {
				p = t + 1
				continue
			}
			return
		}
	case hexAddr, hexWords:
		got := 0
		for p < e {
			q := skipBlanks(d, p, e)
			if q == e || d[q] == '|' || got > 0 && q-p >= 3 {
				return
			}
			t := q
			for t < e && d[t] != ' ' && d[t] != '\t' {
				t++
			}
			want := 2
			if h.dialect == hexWords {
				want = 4
			}
			if t-q != want || hexRun(d, q, t) != t {
				return // the ASCII column, without pipes
			}
			if want == 2 {
				v1, _ := hexVal(d[q])
				v2, _ := hexVal(d[q+1])
				put(q, 2, byte(v1<<4|v2))
			} else {
				// A little-endian word: its low byte (the last two digits)
				// comes first in memory.
				v, _ := strconv.ParseUint(string(d[q:t]), 16, 16)
				put(q+2, 2, byte(v))
				put(q, 2, byte(v>>8))
				h.words = true
			}
			got++
			p = t
		}
	}
}

// line reads one line of an addressed dump.
func (h *hexParse) line(s, e int) {
	d := h.d
	st := skipBlanks(d, s, e)
	if st == e {
		return
	}
	if d[st] == '*' && skipBlanks(d, st+1, e) == e {
		h.star = st
		return
	}
	dl, a := lineDialect(d, s, e)
	addrEnd := a
	if dl == hexXXD {
		addrEnd = a - 1
	}
	if dl != h.dialect {
		// The final line of hexdump and od: the address alone, the length.
		if hexRun(d, st, e) != e || !h.started {
			return
		}
		addrEnd = e
		a = e
	}
	addr, err := strconv.ParseInt(string(d[st:addrEnd]), h.radix, 64)
	if err != nil {
		return
	}
	if !h.started {
		h.started = true
		h.base = addr
	}
	want := h.base + int64(len(h.bd.b))
	if h.star >= 0 {
		h.repeat(addr - want)
		want = h.base + int64(len(h.bd.b))
	}
	if a == e && dl != h.dialect && h.words && addr-h.base == int64(len(h.bd.b))-1 {
		// The length line after a zero-padded last word (hexdump and od -x
		// print an odd length's last byte as a whole word).
		h.bd.b = h.bd.b[:len(h.bd.b)-1]
		h.bd.p.truncate(len(h.bd.b))
		return
	}
	if addr != want && !h.stopped {
		msg := fmt.Sprintf("this line's address is 0x%X, but the lines before it hold bytes up to 0x%X", addr, want)
		if addr > want {
			msg += fmt.Sprintf(": %d bytes are missing (a line lost in the copy?)", addr-want)
		} else {
			msg += fmt.Sprintf(": %d bytes appear twice or the lines are out of order", want-addr)
		}
		h.r.finding("hex.address-gap", int64(st), addrEnd-st, "", msg, "copy the dump again, whole")
	}
	if a == e && dl != h.dialect {
		return // the length line
	}
	var line []byte
	h.data(a, e, func(src, width int, bs ...byte) {
		if src < 0 {
			h.r.finding("hex.odd-digit-count", int64(width), 1, "",
				"a group of hex digits on this line has an odd count; its last digit makes no byte and was dropped",
				"check the line for a lost or extra digit")
			return
		}
		h.bd.put(int64(src), int64(width), bs...)
		line = append(line, bs...)
	})
	h.last = line
}

// repeat expands a * line: the previous line again until the next address.
func (h *hexParse) repeat(gap int64) {
	star := h.star
	h.star = -1
	if gap <= 0 || len(h.last) == 0 || gap%int64(len(h.last)) != 0 {
		return
	}
	if int64(len(h.bd.b))+gap > maxHexExpand {
		h.r.finding("hex.repeat-too-large", int64(star), 1, "",
			fmt.Sprintf("the * here stands for %d repeated bytes, more than tlsdoctor expands (%d); the dump was read up to this point", gap, maxHexExpand),
			"dump only the region that holds the certificate")
		h.stopped = true
		return
	}
	for n := gap / int64(len(h.last)); n > 0; n-- {
		h.bd.put(int64(star), 1, h.last...)
	}
}

// plain reads bare hex: tokens of digits separated by blanks, commas,
// colons or braces, optionally prefixed 0x or \x.
func (h *hexParse) plain() {
	d := h.d
	isSep := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';' || c == ':' || c == '{' || c == '}'
	}
	// Wrapped digits (one token per line, no prefixes: xxd -p, or a long
	// hex string broken at some width) are one stream; otherwise each
	// token stands alone, so an odd token cannot shift the rest.
	wrapped := true
	for p := 0; p < len(d) && wrapped; {
		s, e, next := nextLine(d, p)
		p = next
		tokens := 0
		for q := s; q < e; {
			for q < e && isSep(d[q]) {
				q++
			}
			if q < e {
				tokens++
				if d[q] == '0' && q+1 < e && (d[q+1] == 'x' || d[q+1] == 'X') || d[q] == '\\' {
					wrapped = false
				}
			}
			for q < e && !isSep(d[q]) {
				q++
			}
		}
		wrapped = wrapped && tokens <= 1
	}
	pending := -1 // offset of an unpaired digit in wrapped mode
	for p := 0; p < len(d); {
		for p < len(d) && isSep(d[p]) {
			p++
		}
		if p >= len(d) {
			break
		}
		t := p
		for t < len(d) && !isSep(d[t]) {
			t++
		}
		h.token(p, t, wrapped, &pending)
		p = t
	}
	if pending >= 0 {
		h.r.finding("hex.odd-digit-count", int64(pending), 1, "",
			"the hex has an odd number of digits; the last one makes no byte and was dropped",
			"check for a lost or extra digit")
	}
}

// token reads one plain-hex token d[p:t].
func (h *hexParse) token(p, t int, wrapped bool, pending *int) {
	d := h.d
	if t-p == 1 && d[p] == '*' {
		h.r.finding("hex.repeat-without-address", int64(p), 1, "",
			"this * stands for repeated lines, but without addresses (od -An) the number of repeats is unknown; none were added",
			"dump with addresses (od -Ax -tx1, hexdump -C or xxd), or with -v to print every line")
		return
	}
	for p < t {
		prefixed := false
		if t-p >= 2 && (d[p] == '0' || d[p] == '\\') && (d[p+1] == 'x' || d[p+1] == 'X') {
			p += 2
			prefixed = true
		}
		e := hexRun(d, p, t)
		if e == p || e < t && d[e] != '\\' {
			bad := min(e, t-1)
			h.r.finding("hex.invalid-character", int64(bad), 1, "",
				fmt.Sprintf("%q is not a hex digit; the rest of this group was skipped", d[bad:bad+1]),
				"remove it; hex holds only 0-9 a-f A-F")
			return
		}
		switch {
		case wrapped:
			for q := p; q < e; q++ {
				if *pending < 0 {
					*pending = q
					continue
				}
				v1, _ := hexVal(d[*pending])
				v2, _ := hexVal(d[q])
				h.bd.put(int64(*pending), int64(q-*pending+1), byte(v1<<4|v2))
				*pending = -1
			}
		case prefixed && (e-p)%2 == 1:
			// 0x3 is the number 3: a leading zero is implied.
			v, _ := hexVal(d[p])
			h.bd.put(int64(p), 1, byte(v))
			h.pairs(p+1, e)
		default:
			if (e-p)%2 == 1 {
				h.r.finding("hex.odd-digit-count", int64(e-1), 1, "",
					fmt.Sprintf("the group %q has an odd number of digits; its last digit makes no byte and was dropped", d[p:e]),
					"check the group for a lost or extra digit")
			}
			h.pairs(p, e)
		}
		p = e
	}
}

// pairs reads d[p:e] as digit pairs (a trailing odd digit is ignored).
func (h *hexParse) pairs(p, e int) {
	for q := p; q+1 < e; q += 2 {
		v1, _ := hexVal(h.d[q])
		v2, _ := hexVal(h.d[q+1])
		h.bd.put(int64(q), 2, byte(v1<<4|v2))
	}
}

// intelHex reports whether text is an Intel HEX image: every non-blank
// line of the first few is a record, ":" and hex digits.
func intelHex(d []byte) bool {
	records := 0
	for p := 0; p < len(d) && records < 8; {
		s, e, next := nextLine(d, p)
		p = next
		s = skipBlanks(d, s, e)
		for e > s && (d[e-1] == ' ' || d[e-1] == '\t') {
			e--
		}
		if s == e {
			continue
		}
		if d[s] != ':' || e-s < 11 || hexRun(d, s+1, e) != e {
			return false
		}
		records++
	}
	return records > 0
}
