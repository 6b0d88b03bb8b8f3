package certinput

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// builder accumulates an item's bytes with their provenance.
type builder struct {
	b []byte
	p prov
}

// put appends bytes that all came from Data[src:src+width] (one escape
// sequence may make several bytes: \u00e9 in UTF-8, any character of a
// u"" literal).
func (bd *builder) put(src, width int64, bs ...byte) {
	for _, c := range bs {
		bd.b = append(bd.b, c)
		bd.p.add(src, width)
	}
}

// putUnit appends one code unit of a literal of encoding enc, little-endian.
func (bd *builder) putUnit(enc encoding, v uint32, src, width int64) {
	switch enc.size() {
	case 1:
		bd.put(src, width, byte(v))
	case 2:
		bd.put(src, width, byte(v), byte(v>>8))
	default:
		bd.put(src, width, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
	}
}

// putRune appends a character written in the source (or by \u) as the
// literal's encoding stores it: UTF-8 for char literals, UTF-16 with
// surrogate pairs for u"", one unit for U"" and L"".
func (bd *builder) putRune(enc encoding, r rune, src, width int64) {
	switch enc {
	case encChar:
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		bd.put(src, width, buf[:n]...)
	case encUTF16:
		if r >= 0x10000 {
			r -= 0x10000
			bd.putUnit(enc, uint32(0xD800+(r>>10)), src, width)
			bd.putUnit(enc, uint32(0xDC00+(r&0x3FF)), src, width)
			return
		}
		bd.putUnit(enc, uint32(r), src, width)
	default:
		bd.putUnit(enc, uint32(r), src, width)
	}
}

var simpleEscapesLazy lazy.Value[map[byte]byte]

// simpleEscapes are the single-character escapes of C17 §6.4.4.4, plus \e,
// which GCC and Clang accept as ESC.
func simpleEscapes() map[byte]byte { return simpleEscapesLazy.Get(buildSimpleEscapes) }

func buildSimpleEscapes() map[byte]byte {
	return map[byte]byte{
		'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v',
		'\\': '\\', '\'': '\'', '"': '"', '?': '?', 'e': 0x1B, 'E': 0x1B,
	}
}

func hexVal(c byte) (uint32, bool) {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0'), true
	case c >= 'a' && c <= 'f':
		return uint32(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return uint32(c-'A') + 10, true
	}
	return 0, false
}

// decodeLiteral appends the bytes a compiler stores for string literal t,
// decoded in encoding enc (which may be wider than t's own prefix when t is
// concatenated with a wider literal, C17 §6.4.5p5). It reports bad escapes.
func (c *cReader) decodeLiteral(t token, enc encoding, bd *builder, item string) {
	if t.raw {
		c.decodeRaw(t, enc, bd)
		return
	}
	d := c.d
	lx := &c.lx
	p := t.body
	for p < t.bodyEnd {
		i := bytes.IndexByte(d[p:t.bodyEnd], '\\')
		end := t.bodyEnd
		if i >= 0 {
			end = p + i
		}
		c.putPlain(d, p, end, enc, bd)
		p = end
		if p >= t.bodyEnd {
			break
		}
		if n := lx.spliceLen(p); n > 0 {
			p += n
			continue
		}
		p = c.decodeEscape(p, t.bodyEnd, enc, bd, item)
	}
}

// putPlain appends source bytes d[p:end] that hold no escape.
func (c *cReader) putPlain(d []byte, p, end int, enc encoding, bd *builder) {
	if enc == encChar {
		bd.b = append(bd.b, d[p:end]...)
		bd.p.addRun(int64(p), end-p)
		return
	}
	for p < end {
		r, n := utf8.DecodeRune(d[p:end])
		bd.putRune(enc, r, int64(p), int64(n))
		p += n
	}
}

// decodeEscape decodes the escape sequence whose backslash is at p and
// returns the offset after it. Splices may sit inside an escape (phase 2
// comes first), so each character is read past them.
func (c *cReader) decodeEscape(p, limit int, enc encoding, bd *builder, item string) int {
	d := c.d
	lx := &c.lx
	q := lx.skipSplices(p + 1)
	if q >= limit {
		return limit
	}
	e := d[q]
	src := int64(p)
	maxUnit := uint32(1)<<(8*enc.size()) - 1
	if enc.size() == 4 {
		maxUnit = 0xFFFFFFFF
	}
	if v, ok := simpleEscapes()[e]; ok {
		bd.putUnit(enc, uint32(v), src, int64(q+1-p))
		return q + 1
	}
	switch {
	case e >= '0' && e <= '7':
		v := uint32(0)
		k := q
		for n := 0; n < 3 && k < limit && d[k] >= '0' && d[k] <= '7'; n++ {
			v = v*8 + uint32(d[k]-'0')
			k = lx.skipSplices(k + 1)
		}
		if v > maxUnit {
			c.r.finding("c.escape-out-of-range", src, k-p, item,
				fmt.Sprintf("the octal escape %s is %d, more than a %d-byte character holds; the compiler keeps only the low byte (0x%02X)", visibleSrc(d[p:k]), v, enc.size(), v&0xFF),
				"write each byte as its own escape, at most \\377")
			v &= maxUnit
		}
		bd.putUnit(enc, v, src, int64(k-p))
		return k
	case e == 'x':
		k := lx.skipSplices(q + 1)
		v, n, overflow := uint32(0), 0, false
		for k < limit {
			h, ok := hexVal(d[k])
			if !ok {
				break
			}
			if v > maxUnit>>4 {
				overflow = true
			}
			v = v<<4 | h
			n++
			k = lx.skipSplices(k + 1)
		}
		if n == 0 {
			c.r.finding("c.unknown-escape", src, k-p, item,
				"\\x is not followed by a hex digit; compilers reject this literal",
				"write the byte as \\xHH with two hex digits")
			return k
		}
		if overflow || v > maxUnit {
			c.r.finding("c.escape-out-of-range", src, k-p, item,
				fmt.Sprintf("the hex escape %s runs on over %d digits: a \\x escape takes every hex digit after it, so the following characters are swallowed into one out-of-range value (the compiler keeps only 0x%02X)", visibleSrc(d[p:k]), n, v&0xFF),
				"end the escape by splitting the literal (\"\\x30\" \"82\") or escape every byte (\\x30\\x82)")
			v &= maxUnit
		}
		bd.putUnit(enc, v, src, int64(k-p))
		return k
	case e == 'u' || e == 'U':
		want := 4
		if e == 'U' {
			want = 8
		}
		k := lx.skipSplices(q + 1)
		v, n := uint32(0), 0
		for n < want && k < limit {
			h, ok := hexVal(d[k])
			if !ok {
				break
			}
			v = v<<4 | h
			n++
			k = lx.skipSplices(k + 1)
		}
		if n < want || v > utf8.MaxRune || v >= 0xD800 && v <= 0xDFFF {
			c.r.finding("c.unknown-escape", src, k-p, item,
				fmt.Sprintf("%s is not a valid universal character name (\\u takes 4 hex digits, \\U 8, naming a character outside the surrogates)", visibleSrc(d[p:k])),
				"write the character's bytes as \\x escapes")
			bd.putRune(enc, utf8.RuneError, src, int64(k-p))
			return k
		}
		bd.putRune(enc, rune(v), src, int64(k-p))
		return k
	}
	// An unknown escape: GCC warns and keeps the character itself
	// (libcpp charset.cc:convert_escape); so does Clang.
	_, n := utf8.DecodeRune(d[q:limit])
	c.r.finding("c.unknown-escape", src, q+n-p, item,
		fmt.Sprintf("%s is not a C escape; the compiler warns and stores %q alone, dropping the backslash", visibleSrc(d[p:q+n]), d[q:q+n]),
		"remove the backslash, or write \\\\ for a backslash")
	c.putPlain(d, q, q+n, enc, bd)
	return q + n
}

// decodeRaw appends the content of a raw string: every byte as written,
// except that each newline (CR LF, CR or LF) becomes LF, as phase 1 maps
// them (clang's test lexer/raw-string-dos-line-endings; GCC likewise), and
// a backslash-newline stays as it is ([lex.pptoken]p3: splices are reverted
// in raw strings).
func (c *cReader) decodeRaw(t token, enc encoding, bd *builder) {
	d := c.d
	p := t.body
	for p < t.bodyEnd {
		i := bytes.IndexByte(d[p:t.bodyEnd], '\r')
		if i < 0 {
			c.putPlain(d, p, t.bodyEnd, enc, bd)
			return
		}
		c.putPlain(d, p, p+i, enc, bd)
		p += i
		w := int64(1)
		if p+1 < t.bodyEnd && d[p+1] == '\n' {
			w = 2
		}
		bd.putUnit(enc, '\n', int64(p), w)
		p += int(w)
	}
}

// charValue returns the value of a character constant, as an array
// initialiser uses it.
func (c *cReader) charValue(t token) (int64, bool) {
	var bd builder
	c.decodeLiteral(t, t.enc, &bd, "")
	if len(bd.b) == 0 {
		return 0, false
	}
	if t.enc == encChar {
		// A plain char constant is a (signed, on the targets modelled) char;
		// a multi-character constant is implementation-defined, and GCC
		// leaves its last character in the low byte.
		return int64(int8(bd.b[len(bd.b)-1])), true
	}
	var v int64
	for i := min(len(bd.b), t.enc.size()) - 1; i >= 0; i-- {
		v = v<<8 | int64(bd.b[i])
	}
	return v, true
}

// visibleSrc shows source bytes in messages.
func visibleSrc(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}
