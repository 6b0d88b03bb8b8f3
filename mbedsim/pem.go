package mbedsim

import "bytes"

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
	// unsure: pemReadIn could not answer without knowing where the
	// text's first NUL is; ask pemRead.
	unsure bool
}

// pemRead is library/pem.c:mbedtls_pem_read_buffer@2.28.3,3.6.6 called as
// (ctx, header, footer, data, NULL, 0, &use_len) on the C string str[pos:] (str is the caller's buffer up to
// its first NUL, so every position reported is an offset in that buffer).
func pemRead(b *Build, str []byte, pos int) pemResult { return pemReadIn(b, str, pos, true) }

// pemReadIn is pemRead when exact is set. Otherwise str is the whole
// buffer, NULs and all, and the caller has not looked for its first NUL (a
// pass over the whole buffer): the result is then marked unsure whenever
// it could depend on where that NUL is, and the caller asks pemRead with
// the text cut there. A block read by the fused path below holds no NUL
// (the decoder stops at any), so only the text before its header needs a
// look.
func pemReadIn(b *Build, str []byte, pos int, exact bool) pemResult {
	r := pemResult{header: -1, bodyStart: -1, bodyEnd: -1, footer: -1}
	unsure := func() pemResult { return pemResult{unsure: true} }
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
	h := indexHeader(data)
	if !exact && (h < 0 || bytes.IndexByte(data[:h+len(pemHeader)], 0) >= 0) {
		return unsure()
	}
	if h < 0 {
		return fail(errPEMNoHeaderFooter, pos, rPEMRead, "pem.header", "no \"-----BEGIN CERTIFICATE-----\" line in the rest of the text")
	}
	r.header = pos + h
	// The common case first: a well-formed BEGIN line and a plain body.
	// The body is decoded from the text up to the end of the buffer, and
	// the decoder stops at the first '-': when that is the footer, the
	// footer has been found without a search of its own (a pass less over
	// every certificate). Anything else takes the general path below,
	// which searches first and decodes afterwards.
	f := -1
	var fused struct {
		der       []byte
		n, equals int
		ok        bool
	}
	if s1, ok := bodyStartAfter(str, pos+h); ok && pemFused && (h == 0 || !footerBefore(data, h)) &&
		!bytes.HasPrefix(str[s1:], []byte("Proc-Type: 4,ENCRYPTED")) {
		der, n, equals, bad, stop := decodeBase64To(str[s1:], b.v36(), true)
		if bad < 0 && stop > 0 && bytes.HasPrefix(str[s1+stop:], pemFooter) {
			f = s1 + stop - pos
			fused.der, fused.n, fused.equals, fused.ok = der, n, equals, true
		}
	}
	if f < 0 {
		if !exact {
			return unsure()
		}
		f = indexFooter(data, h)
	}
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
	der, n, equals, bad := fused.der, fused.n, fused.equals, -1
	if !fused.ok {
		der, n, equals, bad = decodeBase64(body, b.v36())
	}
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

// indexHeader is bytes.Index(data, pemHeader), with a first look at the
// start, where a certificate's header nearly always is.
func indexHeader(data []byte) int {
	if bytes.HasPrefix(data, pemHeader) {
		return 0
	}
	return bytes.Index(data, pemHeader)
}

// pemFused switches the fused footer search on; tests switch it off to
// compare both paths.
var pemFused = true

// bodyStartAfter is where the body starts when the BEGIN line at header
// ends as pemRead requires (at most one space, at most one CR, then LF).
func bodyStartAfter(str []byte, header int) (int, bool) {
	s1 := header + len(pemHeader)
	if s1 < len(str) && str[s1] == ' ' {
		s1++
	}
	if s1 < len(str) && str[s1] == '\r' {
		s1++
	}
	if s1 < len(str) && str[s1] == '\n' {
		return s1 + 1, true
	}
	return 0, false
}

// footerBefore reports whether a footer starts before the header at h
// ends: the part of indexFooter's search that the body decoder cannot see.
func footerBefore(data []byte, h int) bool {
	head := min(len(data), h+len(pemHeader)+len(pemFooter)-1)
	return bytes.Contains(data[:head], pemFooter)
}

// indexFooter is strstr(data, footer) given the header at h, the first
// occurrence of the header. An occurrence that starts before the header
// ends lies in the first h+len(header)+len(footer)-1 bytes. One that
// starts inside the header must begin with the header's closing dashes
// ("-----" is the only suffix of the header that is also a start of the
// footer), so it runs on into the byte after the header, which is then '-'
// or 'E': when that byte is anything else (it is a line break in every
// block that parses) and the header is at the start, the search starts at
// the end of the header (a search from the start would trip over the
// header's dashes).
func indexFooter(data []byte, h int) int {
	from := h + len(pemHeader)
	if h > 0 || from < len(data) && (data[from] == '-' || data[from] == 'E') {
		head := min(len(data), from+len(pemFooter)-1)
		if f := bytes.Index(data[:head], pemFooter); f >= 0 {
			return f
		}
	}
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
