package mbedsim

import "encoding/binary"

// base64Value is base64.c's mbedtls_ct_base64_dec_value as a table: -1 for
// anything outside A-Z a-z 0-9 + /.
var base64Value [256]int8

func initBase64Value() {
	for i := range base64Value {
		base64Value[i] = -1
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alphabet); i++ {
		base64Value[alphabet[i]] = int8(i)
	}
}

// decodeBase64 runs both passes of library/base64.c:mbedtls_base64_decode@2.28.3,3.6.6 at once.
// The first pass, the same in 2.28 and 3.6, decides validity: LF and CR LF
// are line breaks anywhere, a run of spaces is allowed only before a line
// break or the end, at most two '=' and no digit after one. The second
// writes the bytes: 2.28 shifts '=' in as zero bits and writes only whole
// groups of four characters, so a body whose length is not a multiple of
// four silently loses its last one or two bytes; 3.6 stops at '=' and writes
// the partial last group (its length rule is the caller's). It returns the
// decoded bytes, the number of digits and '=' signs, the number of '=', and
// the offset of the first invalid character (-1 if none).
//
// One pass over the text does it all. Whole lines of 64 digits (the PEM
// width) go to a vector kernel where the processor has one
// (base64_amd64.s), and otherwise eight characters per lookup step with
// one validity test per line. Shorter runs go eight or four at a time; line
// breaks, spaces, '=' and anything invalid take the character-by-character
// path, which is the definition the fast paths must agree with
// (base64_test.go checks them against a plain model of base64.c).
func decodeBase64(src []byte, v36 bool) (der []byte, n, equals, bad int) {
	der, n, equals, bad, _ = decodeBase64To(src, v36, false)
	return der, n, equals, bad
}

// decodeBase64To is decodeBase64 that, when dashEnds is set, also treats
// the first '-' it meets where a digit, a line break or the end of the
// text may stand as the end of the text, and returns its offset as stop
// (-1 otherwise). pemRead passes the text from the body to the end of the
// buffer: when the stop begins the footer, the result is exactly that of
// decodeBase64 on the body, and the footer was found on the way, without
// a separate search over the body.
func decodeBase64To(src []byte, v36, dashEnds bool) (der []byte, n, equals, bad, stop int) {
	stop = -1
	// Room for every group plus the 2 bytes the fast paths write past their
	// 6; allocated in steps, so that a huge body with an early invalid
	// character costs little.
	full := len(src)/4*3 + 8
	first := min(full, 1<<16)
	if dashEnds {
		// src runs on past the body (to the end of a bundle): size the
		// buffer from the certificate's own DER length instead, plus the
		// bytes the fast paths write past their end (a wrong guess only
		// costs a grow).
		first = min(full, derLenHint(src)+8)
	}
	der = make([]byte, first)
	t := base64Oct
	o := 0
	var x uint32
	cnt := 0
	i := 0
text:
	for i < len(src) {
		if len(der) < full && len(der)-o < 8 {
			der = append(der, make([]byte, min(full, 2*len(der))-len(der))...)
		}
		if cnt == 0 && equals == 0 {
			// Whole PEM lines by a vector kernel, where the processor has
			// one; the call only where a line could start (the scalar path
			// comes here every four characters).
			if len(src)-i >= 65 && src[i+64] == '\n' {
				k := decodeLines(der[o:], src[i:])
				i += 65 * k
				o += 48 * k
				n += 64 * k
			}
			// 64 digits (a PEM line) per step: eight 8-character lookups,
			// each written as soon as it is made (the two bytes past the
			// six are overwritten by the next), and one test of the ORed
			// entries at the end. A line with anything else in it is
			// decoded again below, over the bytes written here.
			for len(src)-i >= 64 && len(der)-o >= 50 {
				s := src[i : i+64 : i+64]
				d := der[o : o+50 : o+50]
				w := t[0][s[0]] | t[1][s[1]] | t[2][s[2]] | t[3][s[3]] | t[4][s[4]] | t[5][s[5]] | t[6][s[6]] | t[7][s[7]]
				binary.BigEndian.PutUint64(d[0:], w)
				acc := w
				w = t[0][s[8]] | t[1][s[9]] | t[2][s[10]] | t[3][s[11]] | t[4][s[12]] | t[5][s[13]] | t[6][s[14]] | t[7][s[15]]
				binary.BigEndian.PutUint64(d[6:], w)
				acc |= w
				w = t[0][s[16]] | t[1][s[17]] | t[2][s[18]] | t[3][s[19]] | t[4][s[20]] | t[5][s[21]] | t[6][s[22]] | t[7][s[23]]
				binary.BigEndian.PutUint64(d[12:], w)
				acc |= w
				w = t[0][s[24]] | t[1][s[25]] | t[2][s[26]] | t[3][s[27]] | t[4][s[28]] | t[5][s[29]] | t[6][s[30]] | t[7][s[31]]
				binary.BigEndian.PutUint64(d[18:], w)
				acc |= w
				w = t[0][s[32]] | t[1][s[33]] | t[2][s[34]] | t[3][s[35]] | t[4][s[36]] | t[5][s[37]] | t[6][s[38]] | t[7][s[39]]
				binary.BigEndian.PutUint64(d[24:], w)
				acc |= w
				w = t[0][s[40]] | t[1][s[41]] | t[2][s[42]] | t[3][s[43]] | t[4][s[44]] | t[5][s[45]] | t[6][s[46]] | t[7][s[47]]
				binary.BigEndian.PutUint64(d[30:], w)
				acc |= w
				w = t[0][s[48]] | t[1][s[49]] | t[2][s[50]] | t[3][s[51]] | t[4][s[52]] | t[5][s[53]] | t[6][s[54]] | t[7][s[55]]
				binary.BigEndian.PutUint64(d[36:], w)
				acc |= w
				w = t[0][s[56]] | t[1][s[57]] | t[2][s[58]] | t[3][s[59]] | t[4][s[60]] | t[5][s[61]] | t[6][s[62]] | t[7][s[63]]
				binary.BigEndian.PutUint64(d[42:], w)
				acc |= w
				if acc&base64Bad != 0 {
					break
				}
				i += 64
				o += 48
				n += 64
				// The line break after it, if any (LF or CR LF, mere
				// separators to base64.c).
				if i < len(src) && src[i] == '\n' {
					i++
				} else if i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n' {
					i += 2
				}
			}
			// Shorter lines (the last one, or other widths): eight, then
			// four characters per step.
			for len(src)-i >= 8 && len(der)-o >= 8 {
				s := src[i : i+8 : i+8]
				w := t[0][s[0]] | t[1][s[1]] | t[2][s[2]] | t[3][s[3]] | t[4][s[4]] | t[5][s[5]] | t[6][s[6]] | t[7][s[7]]
				if w&base64Bad != 0 {
					switch {
					case s[0] == '\n':
						i++
						continue
					case s[0] == '\r' && s[1] == '\n':
						i += 2
						continue
					}
					break
				}
				binary.BigEndian.PutUint64(der[o:], w)
				i += 8
				o += 6
				n += 8
			}
			if len(src)-i >= 4 && len(der)-o >= 3 {
				s := src[i : i+4 : i+4]
				w := t[0][s[0]] | t[1][s[1]] | t[2][s[2]] | t[3][s[3]]
				if w&base64Bad == 0 {
					der[o], der[o+1], der[o+2] = byte(w>>56), byte(w>>48), byte(w>>40)
					i += 4
					o += 3
					n += 4
					continue
				}
			}
			if i >= len(src) {
				break
			}
		}
		ch := src[i]
		if v := base64Value[ch]; v >= 0 {
			if equals != 0 {
				return der[:o], n, equals, i, stop
			}
			x = x<<6 | uint32(v)
			n++
			i++
			if cnt++; cnt == 4 {
				cnt = 0
				der[o], der[o+1], der[o+2] = byte(x>>16), byte(x>>8), byte(x)
				o += 3
			}
			continue
		}
		switch ch {
		case '\n':
			i++
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i += 2
			} else {
				return der[:o], n, equals, i, stop
			}
		case ' ':
			j := i
			for j < len(src) && src[j] == ' ' {
				j++
			}
			switch {
			case j == len(src):
				i = j
			case src[j] == '\n':
				i = j + 1
			case src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n':
				i = j + 2
			case dashEnds && src[j] == '-':
				stop = j
				break text
			default:
				return der[:o], n, equals, j, stop
			}
		case '=':
			if equals++; equals > 2 {
				return der[:o], n, equals, i, stop
			}
			n++
			i++
			if !v36 {
				x <<= 6
				if cnt++; cnt == 4 {
					cnt = 0
					der[o] = byte(x >> 16)
					o++
					if equals <= 1 {
						der[o] = byte(x >> 8)
						o++
					}
				}
			}
		case '-':
			if dashEnds {
				stop = i
				break text
			}
			return der[:o], n, equals, i, stop
		default:
			return der[:o], n, equals, i, stop
		}
	}
	if v36 {
		switch cnt {
		case 3:
			der[o], der[o+1] = byte(x>>10), byte(x>>2)
			o += 2
		case 2:
			der[o] = byte(x >> 4)
			o++
		}
	}
	return der[:o:o], n, equals, -1, stop
}

// derLenHint reads the length of the DER element that a base64 text starts
// with (a certificate is one SEQUENCE), from its first eight characters:
// how big the decoded buffer will be. Anything unexpected gives a modest
// default; the decoder grows the buffer when a guess is short.
func derLenHint(src []byte) int {
	const fallback = 2048
	if len(src) < 8 {
		return fallback
	}
	var w uint64
	for k := 0; k < 8; k++ {
		w |= base64Oct[k][src[k]]
	}
	if w&base64Bad != 0 || byte(w>>56) != 0x30 {
		return fallback
	}
	b1, b2, b3, b4 := byte(w>>48), int(byte(w>>40)), int(byte(w>>32)), int(byte(w>>24))
	switch {
	case b1 < 0x80:
		return 2 + int(b1)
	case b1 == 0x81:
		return 3 + b2
	case b1 == 0x82:
		return 4 + (b2<<8 | b3)
	case b1 == 0x83:
		return min(1<<16, 5+(b2<<16|b3<<8|b4))
	}
	return fallback
}
