package doctor

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
)

// PEM text checks: what breaks the armour, the line structure and the base64
// body, as mbedtls_pem_read_buffer and mbedtls_base64_decode read them.

const (
	citePEMRead = "library/pem.c:mbedtls_pem_read_buffer@2.28.3"
	citeBase64  = "library/base64.c:mbedtls_base64_decode@2.28.3"
	citeCrtPars = "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3"
)

var checkCROnly = &Check{
	ID: "pem.cr-only-line-endings", Severity: diag.Error,
	Summary:  "lines end in CR alone (a terminal paste), so mbedTLS finds no PEM block",
	Citation: citePEMRead, Fixture: "cr-only.pem",
	Run: runCROnly,
}

var checkMixedEOL = &Check{
	ID: "pem.mixed-line-endings", Severity: diag.Error,
	Summary:  "some lines end in CR alone among LF or CR LF lines",
	Citation: citeBase64, Fixture: "mixed-eol.pem",
	Run: runMixedEOL,
}

var checkLiteralN = &Check{
	ID: "pem.literal-backslash-n", Severity: diag.Error,
	Summary:  "the two characters backslash and n stand where line breaks belong",
	Citation: citePEMRead, Fixture: "literal-n.pem",
	Run: runLiteralN,
}

var checkLookalike = &Check{
	ID: "pem.lookalike-characters", Severity: diag.Error,
	Summary:  "non-ASCII characters that look like dashes, spaces or quotes",
	Citation: citePEMRead, Fixture: "en-dash.pem",
	Run: runLookalike,
}

var checkBOM = &Check{
	ID: "pem.byte-order-mark", Severity: diag.Info,
	Summary:  "a UTF-8 byte order mark before the PEM text",
	Citation: citePEMRead, Fixture: "bom.pem",
	Run: runBOM,
}

var checkBase64Bytes = &Check{
	ID: "pem.base64-foreign-bytes", Severity: diag.Error,
	Summary:  "bytes inside the base64 body that mbedTLS's decoder rejects",
	Citation: citeBase64, Fixture: "indented.pem",
	Run: runBase64Bytes,
}

var checkCSyntax = &Check{
	ID: "pem.stray-c-syntax", Severity: diag.Error,
	Summary:  "quotes, backslashes or commas from C source left inside the PEM",
	Citation: citeBase64, Fixture: "c-leftovers.pem",
	Run: runCSyntax,
}

var checkJoined = &Check{
	ID: "pem.joined-lines", Severity: diag.Error,
	Summary:  "the BEGIN or END line shares its line with other text",
	Citation: citePEMRead, Fixture: "one-line.pem",
	Run: runJoined,
}

var checkTruncated = &Check{
	ID: "pem.truncated", Severity: diag.Error,
	Summary:  "a PEM block without its END line: the text was cut short",
	Citation: citeCrtPars, Fixture: "truncated.pem",
	Run: runTruncated,
}

var checkLabel = &Check{
	ID: "pem.wrong-label", Severity: diag.Error,
	Summary:  "a PEM block that is not a plain CERTIFICATE",
	Citation: citeCrtPars, Fixture: "trusted-cert.pem",
	Run: runLabel,
}

var checkPrivateKey = &Check{
	ID: "pem.private-key", Severity: diag.Error,
	Summary:  "a private key where a root CA certificate is expected",
	Citation: citeCrtPars, Fixture: "private-key.pem",
	Run: runPrivateKey,
}

var checkArmourCase = &Check{
	ID: "pem.armour-not-exact", Severity: diag.Error,
	Summary:  "the BEGIN/END lines are not the exact ASCII armour mbedTLS searches for",
	Citation: citeCrtPars, Fixture: "lowercase.pem",
	Run: runArmourCase,
}

var checkErased = &Check{
	ID: "input.erased-flash", Severity: diag.Error,
	Summary:  "0xFF bytes: erased flash read back as the certificate",
	Citation: citeCrtPars, Fixture: "erased.bin",
	Run: runErased,
}

var checkNULBeforeHeader = &Check{
	ID: "input.nul-before-header", Severity: diag.Error,
	Summary:  "a NUL byte before the BEGIN line hides the PEM from mbedTLS",
	Citation: citeCrtPars, Fixture: "nul-first.bin",
	Run: runNULBeforeHeader,
}

func runCROnly(chk *Check, c *Context) []diag.Finding {
	a := c.a
	n := a.counts[eolCR]
	if n == 0 || a.counts[eolLF]+a.counts[eolCRLF] > 0 || len(a.markers) == 0 {
		return nil
	}
	off := firstEOL(a, eolCR)
	return []diag.Finding{chk.finding(
		fmt.Sprintf("Every line ends in CR alone (%d lines), the way PuTTY and some serial terminals send a paste. mbedTLS needs LF (or CR LF) right after the BEGIN line, so it finds no certificate.", n),
		"Convert the line ends to LF: `tlsdoctor check --fix FILE -o fixed.pem`, or paste from a terminal that sends CR LF, or use `tlsdoctor provision`.",
		c.ev(off, 1))}
}

func runMixedEOL(chk *Check, c *Context) []diag.Finding {
	a := c.a
	if a.counts[eolCR] == 0 || a.counts[eolLF]+a.counts[eolCRLF] == 0 || len(a.markers) == 0 {
		return nil
	}
	off := firstEOL(a, eolCR)
	return []diag.Finding{chk.finding(
		fmt.Sprintf("%d line(s) end in CR alone while the others end in LF or CR LF. Inside the base64 body mbedTLS treats a lone CR as an invalid character (-0x112C); after the BEGIN line it finds no header at all.", a.counts[eolCR]),
		"Make every line end in LF: `tlsdoctor check --fix FILE -o fixed.pem`.",
		c.ev(off, 1))}
}

func runLiteralN(chk *Check, c *Context) []diag.Finding {
	a := c.a
	if len(a.literalN) == 0 || len(a.markers) == 0 {
		return nil
	}
	return []diag.Finding{chk.finding(
		fmt.Sprintf("The text holds %d backslash-n pairs (the two characters \\ and n, shown above as \\\\n) where line breaks belong: the PEM was copied from a C string or a JSON value without decoding it. mbedTLS needs a real line break after the BEGIN line and between base64 lines.", len(a.literalN)),
		"Turn each \\n into a real line break (`tlsdoctor check --fix`), or keep the text inside a C string literal, where the compiler does that.",
		c.ev(a.literalN[0], 2))}
}

func runLookalike(chk *Check, c *Context) []diag.Finding {
	a := c.a
	for _, o := range a.odd {
		if _, ok := lookalikes()[o.r]; ok && inPEM(a, o.off) {
			return []diag.Finding{chk.finding(
				fmt.Sprintf("A %s (U+%04X) stands where ASCII belongs: word processors, chat tools and web pages turn dashes, spaces and quotes into look-alikes. mbedTLS compares the armour byte for byte and decodes base64 strictly.", runeName(o.r), o.r),
				"Copy the certificate from the original file, not from a document or chat; `tlsdoctor check --fix` replaces the look-alikes.",
				c.ev(o.off, o.size))}
		}
	}
	return nil
}

func runBOM(chk *Check, c *Context) []diag.Finding {
	a := c.a
	if a.bom < 0 || len(a.markers) == 0 || a.bom > a.markers[0].start {
		return nil
	}
	return []diag.Finding{chk.finding(
		"The text starts with a UTF-8 byte order mark (U+FEFF), as Windows editors save it. mbedTLS ignores text before the BEGIN line, so this one is harmless there; other parsers and tools may not be.",
		"Save the file as UTF-8 without BOM to be safe.",
		c.ev(a.bom, 3))}
}

func runBase64Bytes(chk *Check, c *Context) []diag.Finding {
	for _, id := range []string{checkCROnly.ID, checkMixedEOL.ID, checkLiteralN.ID, checkJoined.ID, checkCSyntax.ID, checkLookalike.ID} {
		if c.found[id] {
			return nil // that finding already names the bad bytes
		}
	}
	var out []diag.Finding
	forEachBody(c.a, func(bs, be int) bool {
		off, why := firstBadBase64(c.Bytes, bs, be)
		if off >= 0 && c.Bytes[off] == '\r' && c.a.counts[eolCR] > 0 {
			return false // the line-ending checks already say this
		}
		if off >= 0 {
			out = append(out, chk.finding(
				why+" mbedTLS's base64 decoder accepts only A-Z, a-z, 0-9, +, / and = inside lines, spaces only at a line's end, and LF or CR LF as line breaks; anything else is -0x112C.",
				"Remove the indentation and stray characters (`tlsdoctor check --fix`).",
				c.ev(off, 1)))
			return false
		}
		return true
	})
	return out
}

func runCSyntax(chk *Check, c *Context) []diag.Finding {
	a := c.a
	r := a.pemRegions()
	for _, l := range a.lines {
		// The lines come in order, and so do the regions: walk both.
		for len(r) > 0 && r[0][1] <= l.start {
			r = r[1:]
		}
		if len(r) == 0 {
			break
		}
		if l.start < r[0][0] || l.start == l.end {
			continue
		}
		// A base64 line starts and ends with a digit: nothing to trim, no
		// quote, comma, semicolon or backslash at either end.
		if first, last := c.Bytes[l.start], c.Bytes[l.end-1]; base64OK[first]&base64OK[last] != 0 && last != '\n' {
			continue
		}
		// Bytes, not strings: this runs on every line of a bundle.
		t := bytes.TrimRight(c.Bytes[l.start:l.end], " \t")
		lead := bytes.TrimLeft(t, " \t")
		// A literal \n alone is pem.literal-backslash-n; here the quoting.
		if bytes.HasPrefix(lead, []byte(`"`)) || bytes.HasSuffix(t, []byte(`"`)) || bytes.HasSuffix(t, []byte(`",`)) ||
			bytes.HasSuffix(t, []byte(`";`)) || bytes.HasSuffix(t, []byte(`\`)) {
			off := l.start + (len(t) - len(lead))
			return []diag.Finding{chk.finding(
				"This line still carries C source syntax (quotes, a trailing backslash, \\n, a comma): the PEM was copied out of a C file with its string quoting. The quotes and backslashes end up inside the base64 text.",
				"Copy only the text between the quotes and decode the escapes, or let `tlsdoctor check --fix` rebuild the PEM; or keep it as a C literal and check the .h file itself.",
				c.ev(off, l.end-off))}
		}
	}
	return nil
}

func runJoined(chk *Check, c *Context) []diag.Finding {
	a := c.a
	for _, m := range a.markers {
		li := a.lineAt(m.start)
		l := a.lines[li]
		if m.begin && l.end > m.end && strings.TrimRight(string(c.Bytes[m.end:l.end]), " ") != "" && !hasLiteralNAt(c.Bytes, m.end) {
			return []diag.Finding{chk.finding(
				"The BEGIN line runs on into the base64 text: the line breaks were lost (a form field, a single-line config value, or newlines replaced by spaces). mbedTLS needs a line break right after the BEGIN line.",
				"Restore the line breaks: BEGIN line, base64 lines, END line (`tlsdoctor check --fix`).",
				c.ev(m.end, 1))}
		}
	}
	return nil
}

func runTruncated(chk *Check, c *Context) []diag.Finding {
	a := c.a
	var out []diag.Finding
	for i, m := range a.markers {
		if !m.begin {
			continue
		}
		if i+1 < len(a.markers) && !a.markers[i+1].begin {
			continue
		}
		end := len(c.Bytes)
		if i+1 < len(a.markers) {
			end = a.markers[i+1].start
		}
		msg := fmt.Sprintf("The PEM block that starts here has no END line: %d bytes follow the BEGIN line, then the text stops", end-m.end)
		if i+1 < len(a.markers) {
			msg = fmt.Sprintf("The PEM block that starts here has no END line before the next BEGIN line (%d bytes later)", end-m.end)
		}
		msg += ". The text was cut short (a console or terminal input buffer, a copy that missed the last lines). tlsdoctor will not guess the missing bytes."
		if n := consoleBufferSize(m.start, len(c.Bytes)); n > 0 && i+1 == len(a.markers) {
			msg += fmt.Sprintf(" The input is %d bytes long, a typical console buffer size: the paste was likely cut by the device's line buffer.", n)
		}
		out = append(out, chk.finding(msg,
			"Get the whole certificate again from its source; when pasting over a console, raise the device's input buffer or send it with `tlsdoctor provision`, which paces the transfer.",
			c.ev(m.start, m.end-m.start)))
	}
	return out
}

func runLabel(chk *Check, c *Context) []diag.Finding {
	var out []diag.Finding
	for _, m := range c.a.markers {
		if !m.begin || strings.EqualFold(m.label, "CERTIFICATE") || isPrivateKeyLabel(m.label) {
			continue
		}
		out = append(out, chk.finding(labelMessage(m.label), labelFix(m.label), c.ev(m.start, m.end-m.start)))
	}
	return out
}

func runPrivateKey(chk *Check, c *Context) []diag.Finding {
	for _, m := range c.a.markers {
		if m.begin && isPrivateKeyLabel(m.label) {
			return []diag.Finding{chk.finding(
				fmt.Sprintf("This is a private key (BEGIN %s), not a certificate. A root CA file must never hold a private key: anyone who reads the firmware or the file gets it. tlsdoctor does not print its bytes.", m.label),
				"Remove the key from this file and from the firmware's CA slot; the device's own key goes to mbedtls_pk_parse_key, never to the CA parser. If the key was shared or committed anywhere, replace it.",
				c.evQuiet(m.start, m.end-m.start))}
		}
	}
	return nil
}

func runArmourCase(chk *Check, c *Context) []diag.Finding {
	for _, m := range c.a.markers {
		if m.exact || !strings.EqualFold(strings.TrimSpace(m.label), "CERTIFICATE") {
			continue
		}
		why := "is not written exactly as -----BEGIN CERTIFICATE-----"
		switch {
		case m.lookalike >= 0:
			why = "has a look-alike character in its dashes"
		case m.lower:
			why = "is in lower case"
		case m.label != "CERTIFICATE":
			why = "has extra spaces around CERTIFICATE"
		}
		return []diag.Finding{chk.finding(
			"This armour line "+why+". mbedTLS searches for the exact bytes with strstr(), so without them it does not take the PEM path at all and parses the text as DER (-0x2180).",
			"Write the armour exactly: -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- (`tlsdoctor check --fix`).",
			c.ev(m.start, m.end-m.start))}
	}
	return nil
}

func runErased(chk *Check, c *Context) []diag.Finding {
	a := c.a
	n := len(c.Bytes) - a.ffFrom
	if n == 0 || (a.ffFrom > 0 && n < 4) {
		return nil
	}
	if a.ffFrom == 0 {
		return []diag.Finding{chk.finding(
			fmt.Sprintf("All %d bytes are 0xFF: this is erased flash, never written. The root CA was never provisioned to this slot, or it is read from the wrong address or partition.", n),
			"Provision the root CA (`tlsdoctor provision`, or your flashing step), and check the address and length the firmware reads from.",
			c.ev(0, min(n, 16)))}
	}
	return []diag.Finding{chk.finding(
		fmt.Sprintf("The data is followed by %d bytes of 0xFF (erased flash) up to the end: the firmware reads a whole flash slot instead of the stored length. The last byte passed is then 0xFF, not NUL, so mbedTLS parses PEM text as DER (-0x2180).", n),
		"Store the certificate's length with it (or a NUL right after the text) and pass exactly that length plus the NUL.",
		c.ev(a.ffFrom, min(n, 16)))}
}

func runNULBeforeHeader(chk *Check, c *Context) []diag.Finding {
	a := c.a
	if len(a.nuls) == 0 || len(a.markers) == 0 || a.nuls[0] > a.markers[0].start {
		return nil
	}
	return []diag.Finding{chk.finding(
		"A NUL byte comes before the BEGIN line. mbedTLS looks for the header with strstr(), which stops at the first NUL, so the PEM is never seen and the buffer is parsed as DER (-0x2180).",
		"Pass the buffer from the start of the PEM text; check the pointer (an offset into a larger buffer, a length prefix stored before the text).",
		c.ev(a.nuls[0], 1))}
}

func firstEOL(a *anatomy, k eol) int {
	for _, l := range a.lines {
		if l.eol == k {
			return l.end
		}
	}
	return 0
}

// inPEM reports whether off lies between a BEGIN marker and the end of its
// block (its END marker, or the end of the text).
func inPEM(a *anatomy, off int) bool {
	r := a.pemRegions()
	i := sort.Search(len(r), func(i int) bool { return r[i][1] > off })
	return i < len(r) && r[i][0] <= off
}

// forEachBody calls f with the body of each BEGIN/END pair.
func forEachBody(a *anatomy, f func(bs, be int) bool) {
	for i := 0; i+1 < len(a.markers); i++ {
		m, n := a.markers[i], a.markers[i+1]
		if m.begin && !n.begin {
			if !f(m.end, n.start) {
				return
			}
		}
	}
}

// firstBadBase64 finds the first byte of a body that mbedTLS's base64 rules
// reject (library/base64.c:mbedtls_base64_decode): characters outside the
// alphabet, a TAB, a lone CR, spaces not followed by a line break.
func firstBadBase64(b []byte, bs, be int) (int, string) { return firstBadBase64Bytes(b, bs, be, true) }

// firstBadBase64Bytes is firstBadBase64; with eight unset it takes every
// byte one at a time, the definition the eight-byte steps are tested
// against.
func firstBadBase64Bytes(b []byte, bs, be int, eight bool) (int, string) {
	// The header line's own terminator is part of the body range here.
	i := bs
	for i < be && (b[i] == ' ' || b[i] == '\r' || b[i] == '\n') {
		if b[i] == '\r' && (i+1 >= be || b[i+1] != '\n') {
			return i, "A CR without LF sits inside the body."
		}
		i++
	}
	for ; i < be; i++ {
		// Eight bytes a step while all of them are fine: nearly all of a
		// body, LFs included.
		for eight && i+8 <= be {
			w := b[i : i+8 : i+8]
			if base64OK[w[0]]&base64OK[w[1]]&base64OK[w[2]]&base64OK[w[3]]&base64OK[w[4]]&base64OK[w[5]]&base64OK[w[6]]&base64OK[w[7]] == 0 {
				break
			}
			i += 8
		}
		if i >= be {
			break
		}
		ch := b[i]
		if base64OK[ch] != 0 {
			continue
		}
		switch {
		case ch == '\r':
			if i+1 < be && b[i+1] == '\n' {
				continue
			}
			return i, "A CR without LF sits inside the body."
		case ch == ' ':
			j := i
			for j < be && b[j] == ' ' {
				j++
			}
			if j < be && b[j] != '\n' && b[j] != '\r' {
				if i > 0 && b[i-1] == '\n' {
					return i, "A base64 line is indented."
				}
				return i, "A space sits in the middle of a base64 line."
			}
			i = j - 1
		case ch == '\t':
			return i, "A TAB sits inside the body."
		case ch >= 0x80:
			return i, "A non-ASCII byte sits inside the body."
		default:
			return i, fmt.Sprintf("The character %q is not base64.", rune(ch))
		}
	}
	return -1, ""
}

// base64OK is 1 for the bytes a base64 body may hold anywhere: the
// alphabet, '=' and LF (a table: this loop runs over every byte of a
// bundle; a literal, so that it is static data and not built at start-up).
var base64OK = [256]uint8{
	'A': 1, 'B': 1, 'C': 1, 'D': 1, 'E': 1, 'F': 1, 'G': 1, 'H': 1, 'I': 1, 'J': 1, 'K': 1, 'L': 1, 'M': 1,
	'N': 1, 'O': 1, 'P': 1, 'Q': 1, 'R': 1, 'S': 1, 'T': 1, 'U': 1, 'V': 1, 'W': 1, 'X': 1, 'Y': 1, 'Z': 1,
	'a': 1, 'b': 1, 'c': 1, 'd': 1, 'e': 1, 'f': 1, 'g': 1, 'h': 1, 'i': 1, 'j': 1, 'k': 1, 'l': 1, 'm': 1,
	'n': 1, 'o': 1, 'p': 1, 'q': 1, 'r': 1, 's': 1, 't': 1, 'u': 1, 'v': 1, 'w': 1, 'x': 1, 'y': 1, 'z': 1,
	'0': 1, '1': 1, '2': 1, '3': 1, '4': 1, '5': 1, '6': 1, '7': 1, '8': 1, '9': 1, '+': 1, '/': 1, '=': 1,
	'\n': 1,
}

func hasLiteralNAt(b []byte, off int) bool {
	return off+1 < len(b) && b[off] == '\\' && b[off+1] == 'n'
}

// consoleBufferSize returns n when the text from the first marker to the end
// is exactly a typical line-buffer size, 0 otherwise.
func consoleBufferSize(start, end int) int {
	for _, n := range []int{128, 255, 256, 511, 512, 1023, 1024, 2047, 2048, 4095, 4096} {
		if end == n || end-start == n {
			return n
		}
	}
	return 0
}

func isPrivateKeyLabel(l string) bool {
	return strings.Contains(strings.ToUpper(l), "PRIVATE KEY")
}

func labelMessage(l string) string {
	u := strings.ToUpper(strings.TrimSpace(l))
	switch u {
	case "TRUSTED CERTIFICATE":
		return "This block is an OpenSSL 'TRUSTED CERTIFICATE' (from openssl x509 -trustout): a certificate followed by OpenSSL's trust settings. mbedTLS knows only 'CERTIFICATE': the whole buffer then goes down the DER path (-0x2180), or in a bundle the block is skipped."
	case "X509 CERTIFICATE":
		return "This block is labelled 'X509 CERTIFICATE', an old spelling. mbedTLS knows only 'CERTIFICATE' and does not see this block."
	case "X509 CRL":
		return "This block is a certificate revocation list (X509 CRL), not a certificate. The certificate parser does not read it."
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		return "This block is a certificate signing request (CSR), not a certificate: it is what you send to a CA, not what the device should trust."
	case "PUBLIC KEY", "RSA PUBLIC KEY":
		return "This block is a bare public key, not a certificate. mbedTLS's CA chain needs the whole certificate (subject, key and signature)."
	case "PKCS7", "CMS":
		return "This block is a PKCS#7 container. mbedTLS's certificate parser does not open it."
	}
	return fmt.Sprintf("This block is labelled %q, not 'CERTIFICATE'. mbedTLS's certificate parser looks only for -----BEGIN CERTIFICATE-----.", l)
}

func labelFix(l string) string {
	switch strings.ToUpper(strings.TrimSpace(l)) {
	case "TRUSTED CERTIFICATE", "X509 CERTIFICATE":
		return "Convert it to a plain certificate: `openssl x509 -in FILE -out root.pem` (or `tlsdoctor check --fix`)."
	case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST":
		return "Use the certificate the CA issued (or the CA's root), not the request."
	case "PKCS7", "CMS":
		return "Extract the certificates: `openssl pkcs7 -print_certs -in FILE -out certs.pem`, then keep the root."
	}
	return "Use the CA's root certificate (a -----BEGIN CERTIFICATE----- block) instead."
}

func runeName(r rune) string {
	switch r {
	case '\u2010':
		return "hyphen"
	case '\u2011':
		return "non-breaking hyphen"
	case '\u2012':
		return "figure dash"
	case '\u2013':
		return "en dash"
	case '\u2014':
		return "em dash"
	case '\u2212':
		return "minus sign"
	case '\u00A0':
		return "non-breaking space"
	case '\u200B':
		return "zero-width space"
	case '\u2018', '\u2019':
		return "curly single quote"
	case '\u201C', '\u201D':
		return "curly double quote"
	}
	return "look-alike character"
}
