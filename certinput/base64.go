package certinput

import (
	"bytes"
	"fmt"
)

func isBase64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

func base64Val(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c - 'A'
	case c >= 'a' && c <= 'z':
		return c - 'a' + 26
	case c >= '0' && c <= '9':
		return c - '0' + 52
	case c == '+':
		return 62
	}
	return 63
}

// decodeBase64 decodes base64 text (RFC 4648 §4, line breaks and blanks
// allowed) whose character k came from the source span at(k). Each
// decoded byte keeps the digits it came from. Stray characters are
// reported and skipped.
func (r *reader) decodeBase64(text []byte, at func(k int) (src, width int64), item string) builder {
	var bd builder
	bd.p.b64 = true
	var acc uint32
	n := 0
	pad := -1
scan:
	for k := 0; k < len(text); k++ {
		c := text[k]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case c == '=':
			if pad < 0 {
				pad = k
			}
			continue
		case !isBase64Char(c):
			src, w := at(k)
			r.finding("certinput.base64-invalid-character", src, int(w), item,
				fmt.Sprintf("%s is not a base64 character; it was skipped, so the bytes after it may be shifted", visibleSrc(text[k:k+1])),
				"remove it; base64 holds only A-Z a-z 0-9 + / and = at the end")
			continue
		}
		if pad >= 0 {
			src, w := at(k)
			r.finding("certinput.base64-data-after-padding", src, int(w), item,
				"base64 data follows the = padding, which ends the data: two pieces of base64 were probably joined; the rest was not decoded",
				"split the pieces, or remove the = in the middle")
			break scan
		}
		src, w := at(k)
		bd.p.add(src, w)
		acc = acc<<6 | uint32(base64Val(c))
		n++
		if n%4 == 0 {
			bd.b = append(bd.b, byte(acc>>16), byte(acc>>8), byte(acc))
			acc = 0
		}
	}
	switch n % 4 {
	case 1:
		s, e := bd.p.unit(n - 1)
		r.finding("certinput.base64-incomplete", s, int(e-s), item,
			"the base64 ends with a single digit, which makes no byte: the data was probably cut short",
			"check that the whole certificate was copied")
	case 2:
		bd.b = append(bd.b, byte(acc>>4))
	case 3:
		bd.b = append(bd.b, byte(acc>>10), byte(acc>>2))
	}
	return bd
}

// readBase64 reads the whole input as base64 without armour.
func (r *reader) readBase64() *ReadError {
	r.in.Form = FormBase64
	d := r.text()
	bd := r.decodeBase64(d, func(k int) (int64, int64) { return int64(k), 1 }, "")
	if bd.p.units == 0 {
		off := bytes.IndexFunc(d, func(c rune) bool { return c != ' ' && c != '\t' && c != '\r' && c != '\n' })
		return &ReadError{Source: r.in.Source, Form: FormBase64, Reason: ReasonSyntax,
			Pos: r.in.Position(int64(max(off, 0))), Expected: "base64 digits (A-Z a-z 0-9 + /)", Found: foundAt(d, max(off, 0))}
	}
	r.in.Items = append(r.in.Items, r.newItem("", FormBase64, bd.b, bd.p, Extent{0, int64(len(d))}))
	return nil
}

// base64Like reports whether text is base64 without armour: at least 32
// digits, lines without inner blanks, only base64 characters, and at least
// one that is not a hex digit (so hex is not taken for base64).
func base64Like(d []byte) bool {
	digits, nonHex := 0, false
	for _, line := range bytes.FieldsFunc(trimBOM(d), func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = bytes.TrimSpace(line)
		for i, c := range line {
			switch {
			case c == '=' && i >= len(line)-2:
			case isBase64Char(c):
				digits++
				_, isHex := hexVal(c)
				nonHex = nonHex || !isHex
			default:
				return false
			}
		}
	}
	return digits >= 32 && nonHex
}
