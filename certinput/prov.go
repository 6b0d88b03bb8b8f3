package certinput

import (
	"bytes"
	"sort"
)

// seg maps a run of n consecutive units (item bytes, or base64 digits) to
// the source: unit b+k came from Data[src+k*step : src+k*step+width].
// Runs keep provenance small: a 64-character line of a C literal is one
// segment, an escape like \n a segment of its own.
type seg struct {
	b     int
	n     int
	src   int64
	step  int64
	width int64
}

// prov is the provenance of an item: where in Input.Data each byte of
// Item.Bytes came from.
type prov struct {
	segs  []seg
	units int
	// b64 means the units are base64 digits, not bytes: decoded byte i is
	// made of digits 4*(i/3)+i%3 and the one after it (RFC 4648 §4). Storing
	// digits keeps one segment per line instead of one per 3 bytes.
	b64 bool
}

// identity is the provenance of bytes taken as they are from Data[base:].
func identity(base int64, n int) prov {
	if n == 0 {
		return prov{}
	}
	return prov{segs: []seg{{b: 0, n: n, src: base, step: 1, width: 1}}, units: n}
}

// add appends one unit that came from Data[src:src+width], extending the
// last run when the unit continues it.
func (p *prov) add(src, width int64) {
	if k := len(p.segs) - 1; k >= 0 {
		s := &p.segs[k]
		if s.width == width {
			if s.n == 1 {
				s.step = src - s.src
				s.n++
				p.units++
				return
			}
			if src == s.src+int64(s.n)*s.step {
				s.n++
				p.units++
				return
			}
		}
	}
	p.segs = append(p.segs, seg{b: p.units, n: 1, src: src, step: width, width: width})
	p.units++
}

// addRun appends n units taken one for one from Data[src:src+n].
func (p *prov) addRun(src int64, n int) {
	if n <= 0 {
		return
	}
	if n == 1 {
		p.add(src, 1) // may continue a strided run: "a" "a" "a"
		return
	}
	if k := len(p.segs) - 1; k >= 0 {
		s := &p.segs[k]
		if s.width == 1 && (s.n == 1 || s.step == 1) && src == s.src+int64(s.n) {
			s.step = 1
			s.n += n
			p.units += n
			return
		}
	}
	p.segs = append(p.segs, seg{b: p.units, n: n, src: src, step: 1, width: 1})
	p.units += n
}

// appendProv appends all units of q (which came from elsewhere in Data, such
// as a string macro expanded into a declaration).
func (p *prov) appendProv(q *prov) {
	for _, s := range q.segs {
		p.segs = append(p.segs, seg{b: p.units, n: s.n, src: s.src, step: s.step, width: s.width})
		p.units += s.n
	}
}

// truncate keeps the first n units.
func (p *prov) truncate(n int) {
	for len(p.segs) > 0 {
		s := &p.segs[len(p.segs)-1]
		if s.b >= n {
			p.segs = p.segs[:len(p.segs)-1]
			continue
		}
		s.n = min(s.n, n-s.b)
		break
	}
	p.units = min(p.units, n)
}

// unit returns the source span of unit k.
func (p *prov) unit(k int) (start, end int64) {
	i := sort.Search(len(p.segs), func(i int) bool { return p.segs[i].b+p.segs[i].n > k })
	if i == len(p.segs) {
		return -1, -1
	}
	s := p.segs[i]
	start = s.src + int64(k-s.b)*s.step
	return start, start + s.width
}

// span returns the source span of item byte i.
func (p *prov) span(i int) (start, end int64) {
	if !p.b64 {
		return p.unit(i)
	}
	d := 4*(i/3) + i%3
	start, end = p.unit(d)
	if _, e := p.unit(d + 1); e >= 0 {
		end = e
	}
	return start, end
}

// bytes returns how many item bytes the provenance covers.
func (p *prov) bytes() int {
	if !p.b64 {
		return p.units
	}
	return p.units * 3 / 4
}

// rangeSpan returns the smallest source span holding the sources of item
// bytes [i, j). Sources need not be in order (hexdump words, macros), so it
// walks the runs the range touches.
func (p *prov) rangeSpan(i, j int) (start, end int64) {
	start, end = -1, -1
	if p.b64 {
		// Digits are in source order, so the ends suffice.
		s, _ := p.span(i)
		_, e := p.span(j - 1)
		return s, e
	}
	k := sort.Search(len(p.segs), func(k int) bool { return p.segs[k].b+p.segs[k].n > i })
	for ; k < len(p.segs) && p.segs[k].b < j; k++ {
		s := p.segs[k]
		lo, hi := max(i, s.b), min(j, s.b+s.n)
		a := s.src + int64(lo-s.b)*s.step
		b := s.src + int64(hi-1-s.b)*s.step
		if a > b {
			a, b = b, a
		}
		if start < 0 || a < start {
			start = a
		}
		if b+s.width > end {
			end = b + s.width
		}
	}
	return start, end
}

// lineIndex finds the line and column of a Data offset without storing every
// line start: a checkpoint every lineChunk bytes bounds memory on a 1 GiB
// input and each lookup scans at most one chunk.
type lineIndex struct {
	line  []int32 // line number (1-based) at each chunk start
	start []int64 // offset where that line starts
}

const lineChunk = 4096

// buildLineIndex records the checkpoints. A line ends at LF, at CR LF, or at
// a CR alone: editors and terminals show a CR-only file (a PuTTY paste, a
// classic-Mac file) as separate lines, and GCC treats a lone CR as a
// newline too (libcpp lex.cc:_cpp_clean_line).
func buildLineIndex(data []byte) lineIndex {
	n := len(data)/lineChunk + 1
	li := lineIndex{line: make([]int32, n), start: make([]int64, n)}
	line, start := int32(1), int64(0)
	for c := 0; c < n; c++ {
		li.line[c], li.start[c] = line, start
		lo, end := c*lineChunk, min((c+1)*lineChunk, len(data))
		if chunk := data[lo:end]; bytes.IndexByte(chunk, '\r') < 0 {
			// No CR: count LFs the fast way (most input; a 100,000-
			// certificate bundle is 170 MB).
			if k := bytes.LastIndexByte(chunk, '\n'); k >= 0 {
				line += int32(bytes.Count(chunk, []byte{'\n'}))
				start = int64(lo + k + 1)
			}
			continue
		}
		for i := lo; i < end; i++ {
			switch data[i] {
			case '\n':
				line++
				start = int64(i + 1)
			case '\r':
				if i+1 >= len(data) || data[i+1] != '\n' {
					line++
					start = int64(i + 1)
				}
			}
		}
	}
	return li
}

func (li *lineIndex) find(data []byte, off int64) (line int, col int) {
	c := int(off / lineChunk)
	l, start := li.line[c], li.start[c]
	lo := int64(c) * lineChunk
	if seg := data[lo:off]; bytes.IndexByte(seg, '\r') < 0 {
		// No CR: count LFs the fast way.
		if k := bytes.LastIndexByte(seg, '\n'); k >= 0 {
			start = lo + int64(k) + 1
		}
		return int(l) + bytes.Count(seg, []byte{'\n'}), int(off-start) + 1
	}
	for i := lo; i < off; i++ {
		switch data[i] {
		case '\n':
			l++
			start = i + 1
		case '\r':
			if i+1 >= int64(len(data)) || data[i+1] != '\n' {
				l++
				start = i + 1
			}
		}
	}
	return int(l), int(off-start) + 1
}
