package mbedsim

import (
	"bytes"
	"encoding/binary"
)

var (
	pemHeader = []byte("-----BEGIN CERTIFICATE-----")
	pemFooter = []byte("-----END CERTIFICATE-----")
)

// pemResult is one call of mbedtls_pem_read_buffer.
type pemResult struct {
	ret    int
	useLen int
	// Absolute positions in buf, -1 when not found.
	header, bodyStart, bodyEnd, footer int
	der                                []byte
	fail                               *Failure
}

// base64Value is base64.c's mbedtls_ct_base64_dec_value as a table: -1 for
// anything outside A-Z a-z 0-9 + /.
var base64Value [256]int8

func initBase64Value() {
	base64Value = func() (t [256]int8) {
		for i := range t {
			t[i] = -1
		}
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
		for i := 0; i < len(alphabet); i++ {
			t[alphabet[i]] = int8(i)
		}
		return
	}()
}

// pemRead is library/pem.c:mbedtls_pem_read_buffer@2.28.3,3.6.6 called as
// (ctx, header, footer, data, NULL, 0, &use_len) on the C string str[pos:] (str is the caller's buffer up to
// its first NUL, so every position reported is an offset in that buffer).
func pemRead(b *Build, str []byte, pos int) pemResult {
	r := pemResult{header: -1, bodyStart: -1, bodyEnd: -1, footer: -1}
	v := 0
	if b.v36() {
		v = 1
	}
	fail := func(code, off int, rl rule, step, reason string) pemResult {
		r.ret = code
		r.fail = &Failure{Ret: code, Offset: off, Step: step, Cite: ruleCite[rl][v], Reason: reason}
		return r
	}
	// at reads like C does past the end of the text: the terminating NUL.
	at := func(i int) byte {
		if i < len(str) {
			return str[i]
		}
		return 0
	}
	data := str[pos:]
	// Header and footer are both searched from the start of the remaining
	// text (strstr), and the first occurrence of each is used.
	h := bytes.Index(data, pemHeader)
	if h < 0 {
		return fail(errPEMNoHeaderFooter, pos, rPEMRead, "pem.header", "no \"-----BEGIN CERTIFICATE-----\" line in the rest of the text")
	}
	r.header = pos + h
	f := indexFooter(data, h)
	if f >= 0 {
		r.footer = pos + f
	}
	if f < 0 || f <= h {
		reason := "no \"-----END CERTIFICATE-----\" line after the BEGIN line"
		if f >= 0 {
			reason = "the first \"-----END CERTIFICATE-----\" comes before the BEGIN line"
		}
		return fail(errPEMNoHeaderFooter, pos+h, rPEMRead, "pem.footer", reason)
	}
	// After the header: at most one space, at most one CR, then a LF.
	hdrEnd := pos + h + len(pemHeader)
	s1 := hdrEnd
	if at(s1) == ' ' {
		s1++
	}
	if at(s1) == '\r' {
		s1++
	}
	if at(s1) != '\n' {
		reason := "the BEGIN line must end with LF or CR LF (one trailing space is tolerated)"
		switch {
		case s1 > hdrEnd && str[s1-1] == '\r':
			reason = "the BEGIN line ends with CR alone (classic Mac or terminal paste line endings); mbedTLS needs LF"
		case at(s1) == '\\':
			reason = "the BEGIN line is followed by a backslash (a literal \\n?) instead of a line break"
		case at(s1) == '\t':
			reason = "a TAB after the BEGIN line"
		case at(s1) == ' ':
			reason = "more than one space after the BEGIN line"
		}
		return fail(errPEMNoHeaderFooter, hdrEnd, rPEMRead, "pem.header", reason)
	}
	s1++
	s2 := pos + f
	end := s2 + len(pemFooter)
	if at(end) == ' ' {
		end++
	}
	if at(end) == '\r' {
		end++
	}
	if at(end) == '\n' {
		end++
	}
	// use_len is known from here on, so every later error still lets
	// mbedtls_x509_crt_parse skip the block.
	r.useLen = end - pos
	r.bodyStart, r.bodyEnd = s1, s2

	enc := false
	if s2-s1 >= 22 && string(str[s1:s1+22]) == "Proc-Type: 4,ENCRYPTED" {
		if !b.PEMEncryption {
			return fail(errPEMFeatureUnavail, s1, rPEMRead, "pem.encryption", "an encrypted PEM block, and this build has no PEM decryption")
		}
		enc = true
		s1 += 22
		if at(s1) == '\r' {
			s1++
		}
		if at(s1) != '\n' {
			return fail(errPEMInvalidData, s1, rPEMRead, "pem.encryption", "the Proc-Type line does not end with a line break")
		}
		s1++
		alg := false
		if b.PEMDES {
			if s2-s1 >= 23 && string(str[s1:s1+23]) == "DEK-Info: DES-EDE3-CBC," {
				alg = true
				s1 += 23
				if s2-s1 < 16 || !hexIV(str[s1:s1+16]) {
					return fail(errPEMInvalidEncIV, s1, rPEMGetIV, "pem.encryption", "the DES IV is not 16 hex digits")
				}
				s1 += 16
			} else if s2-s1 >= 18 && string(str[s1:s1+18]) == "DEK-Info: DES-CBC," {
				alg = true
				s1 += 18
				if s2-s1 < 16 || !hexIV(str[s1:s1+16]) {
					return fail(errPEMInvalidEncIV, s1, rPEMGetIV, "pem.encryption", "the DES IV is not 16 hex digits")
				}
				s1 += 16
			}
		}
		if b.PEMAES && s2-s1 >= 14 && string(str[s1:s1+14]) == "DEK-Info: AES-" {
			if s2-s1 < 22 {
				return fail(errPEMUnknownEncAlg, s1, rPEMRead, "pem.encryption", "an unknown AES variant in DEK-Info")
			}
			switch string(str[s1 : s1+22]) {
			case "DEK-Info: AES-128-CBC,", "DEK-Info: AES-192-CBC,", "DEK-Info: AES-256-CBC,":
			default:
				return fail(errPEMUnknownEncAlg, s1, rPEMRead, "pem.encryption", "an unknown AES variant in DEK-Info")
			}
			alg = true
			s1 += 22
			if s2-s1 < 32 || !hexIV(str[s1:s1+32]) {
				return fail(errPEMInvalidEncIV, s1, rPEMGetIV, "pem.encryption", "the AES IV is not 32 hex digits")
			}
			s1 += 32
		}
		if !alg {
			return fail(errPEMUnknownEncAlg, s1, rPEMRead, "pem.encryption", "DEK-Info names no encryption algorithm this build supports")
		}
		if at(s1) == '\r' {
			s1++
		}
		if at(s1) != '\n' {
			return fail(errPEMInvalidData, s1, rPEMRead, "pem.encryption", "the DEK-Info line does not end with a line break")
		}
		s1++
		r.bodyStart = s1
	}
	if s1 >= s2 {
		return fail(errPEMInvalidData, s1, rPEMRead, "pem.body", "the block has no body: END follows BEGIN directly")
	}
	body := str[s1:s2]
	der, n, equals, bad := decodeBase64(body, b.v36())
	if bad >= 0 {
		return fail(errPEMInvalidData+errBase64InvalidChar, s1+bad, rBase64, "pem.body", base64Reason(body, bad, equals))
	}
	var olen int
	if b.v36() {
		// 3.6 insists on whole 4-character groups.
		if (n-equals)%4 == 1 || n%4 != 0 {
			return fail(errPEMInvalidData+errBase64InvalidChar, s2, rBase64, "pem.body",
				"the base64 text is "+itoa(n)+" characters long, not a multiple of 4 (missing or extra '=' padding, or a cut-off line)")
		}
		olen = n/4*3 - equals
		if olen == 0 {
			return fail(errPEMBadInputData, s1, rPEMRead, "pem.body", "the body holds no base64 at all; 3.6 then aborts the whole parse")
		}
	} else if n > 0 {
		// The buffer 2.28 allocates; it writes only whole groups into it.
		olen = 6*(n>>3) + (6*(n&7)+7)>>3 - equals
	}
	if olen == 0 && b.CallocZeroReturnsNull {
		return fail(errPEMAllocFailed, s1, rPEMRead, "pem.body", "the body decodes to nothing and calloc(1, 0) returns NULL on this platform")
	}
	if enc {
		return fail(errPEMPasswordRequired, r.bodyStart, rPEMRead, "pem.encryption", "the block is encrypted (Proc-Type: 4,ENCRYPTED) and certificates are read without a password")
	}
	r.der = der
	return r
}

// indexFooter is strstr(data, footer) given the header at h. Any
// occurrence that starts before the header ends lies in the first
// h+len(header)+len(footer)-1 bytes; past that, the search starts at the
// body, where the first '-' is normally the footer's (a search from the
// start would trip over the header's dashes and fall back to a slower
// algorithm).
func indexFooter(data []byte, h int) int {
	head := min(len(data), h+len(pemHeader)+len(pemFooter)-1)
	if f := bytes.Index(data[:head], pemFooter); f >= 0 {
		return f
	}
	from := h + len(pemHeader)
	if f := bytes.Index(data[from:], pemFooter); f >= 0 {
		return from + f
	}
	return -1
}

// hexIV is the digit check of library/pem.c:pem_get_iv@2.28.3,3.6.6.
func hexIV(s []byte) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
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
func decodeBase64(src []byte, v36 bool) (der []byte, n, equals, bad int) {
	// Room for every group plus the 2 bytes the 8-character fast path
	// writes past its 6; allocated in steps, so that a huge body with an
	// early invalid character costs little.
	full := len(src)/4*3 + 8
	der = make([]byte, min(full, 1<<16))
	o := 0
	var x uint32
	cnt := 0
	i := 0
	for i < len(src) {
		if len(der) < full && len(der)-o < 16 {
			der = append(der, make([]byte, min(full, 2*len(der))-len(der))...)
		}
		if cnt == 0 && equals == 0 {
			// The common case, whole groups of digits, eight characters
			// (two groups) per step. Four 1 KiB tables, one per position in
			// a group, so that a group is four L1 lookups ORed together; bit
			// 24 marks a bad character. A line break between groups (LF or
			// CR LF, both mere separators to base64.c) is stepped over here,
			// so 64-character lines never leave this loop.
			t := base64Quad
			for i+8 <= len(src) && o+8 <= len(der) {
				s8 := src[i : i+8 : i+8]
				x := t[0][s8[0]] | t[1][s8[1]] | t[2][s8[2]] | t[3][s8[3]]
				y := t[0][s8[4]] | t[1][s8[5]] | t[2][s8[6]] | t[3][s8[7]]
				if (x|y)&base64Bad != 0 {
					switch {
					case s8[0] == '\n':
						i++
						continue
					case s8[0] == '\r' && s8[1] == '\n':
						i += 2
						continue
					}
					break
				}
				binary.BigEndian.PutUint64(der[o:], uint64(x)<<40|uint64(y)<<16)
				i += 8
				o += 6
				n += 8
			}
			if i+4 <= len(src) && o+3 <= len(der) {
				v := t[0][src[i]] | t[1][src[i+1]] | t[2][src[i+2]] | t[3][src[i+3]]
				if v&base64Bad == 0 {
					der[o], der[o+1], der[o+2] = byte(v>>16), byte(v>>8), byte(v)
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
				return der[:o], n, equals, i
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
				return der[:o], n, equals, i
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
			default:
				return der[:o], n, equals, j
			}
		case '=':
			if equals++; equals > 2 {
				return der[:o], n, equals, i
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
		default:
			return der[:o], n, equals, i
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
	return der[:o:o], n, equals, -1
}

func base64Reason(body []byte, bad, equals int) string {
	c := body[bad]
	switch {
	case c == ' ':
		return "a space inside a base64 line (indentation or a space mid-line); spaces are allowed only at the end of a line"
	case bad > 0 && body[bad-1] == ' ':
		return "a space inside a base64 line (indentation or a space mid-line); spaces are allowed only at the end of a line"
	case c == '\r':
		return "a CR not followed by LF inside the body (CR-only line endings)"
	case c == '\t':
		return "a TAB inside the body"
	case c == '\\':
		return "a backslash inside the body (a C escape such as \\n left in the text?)"
	case c == '"':
		return "a double quote inside the body (C string quotes left in the text?)"
	case c == '-':
		return "a '-' inside the body (another BEGIN or END line: a block missing its END line?)"
	case c == '=' && equals > 2:
		return "more than two '=' padding characters"
	case c > 127:
		return "a non-ASCII byte 0x" + hexByte(c) + " inside the body"
	case equals > 0:
		return "base64 data after '=' padding (padding in the middle of the body)"
	}
	return "the character " + quoteByte(c) + " is not base64"
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7F {
		return "'" + string(rune(c)) + "'"
	}
	return "0x" + hexByte(c)
}
