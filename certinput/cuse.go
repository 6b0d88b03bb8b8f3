package certinput

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// consumer is a function that hands a CA buffer to the TLS stack.
type consumer struct {
	buf, len int   // argument positions; len -1 when the function computes the length
	add      int64 // what the function adds to the length argument
	implied  LengthMode
	impliedX string // the implied expression, with %s for the buffer
	note     string
}

var consumersLazy lazy.Value[map[string]consumer]

// consumers are the calls whose length argument decides what the parser
// sees. Each note cites where the library computes the length.
func consumers() map[string]consumer { return consumersLazy.Get(buildConsumers) }

func buildConsumers() map[string]consumer {
	return map[string]consumer{
		"mbedtls_x509_crt_parse":              {buf: 1, len: 2},
		"mbedtls_x509_crt_parse_der":          {buf: 1, len: 2},
		"mbedtls_x509_crt_parse_der_nocopy":   {buf: 1, len: 2},
		"esp_tls_set_global_ca_store":         {buf: 0, len: 1},
		"esp_transport_ssl_set_cert_data_der": {buf: 1, len: 2},
		"wolfSSL_CTX_load_verify_buffer":      {buf: 1, len: 2},
		"esp_transport_ssl_set_cert_data": {buf: 1, len: 2, add: 1,
			note: "esp_transport_ssl_set_cert_data adds 1 to the length it is given (ESP-IDF components/tcp_transport/transport_ssl.c)"},
		"setCACert": {buf: 0, len: 1, implied: StrlenPlus1, impliedX: "strlen(%s) + 1",
			note: "WiFiClientSecure.setCACert passes strlen(ca)+1 to mbedtls_x509_crt_parse (arduino-esp32 libraries/WiFiClientSecure/src/ssl_client.cpp:start_ssl_client)"},
	}
}

// fieldPair is a configuration member holding a CA buffer, with the member
// holding its length.
type fieldPair struct {
	len      string
	implied  LengthMode
	impliedX string
	note     string
}

var fieldPairsLazy lazy.Value[map[string]fieldPair]

// fieldPairs are the members of ESP-IDF's configuration structs that carry
// the CA: esp_tls_cfg_t passes cacert_pem_bytes/cacert_bytes to
// mbedtls_x509_crt_parse as they are (components/esp-tls/esp_tls_mbedtls.c:
// set_ca_cert); esp_http_client_config_t.cert_pem and esp-mqtt's
// broker.verification.certificate without a length are passed as
// strlen+1 (esp_transport_ssl_set_cert_data adds the 1).
func fieldPairs() map[string]fieldPair { return fieldPairsLazy.Get(buildFieldPairs) }

func buildFieldPairs() map[string]fieldPair {
	return map[string]fieldPair{
		"cacert_pem_buf": {len: "cacert_pem_bytes"},
		"cacert_buf":     {len: "cacert_bytes"},
		"cert_pem": {len: "cert_len", implied: StrlenPlus1, impliedX: "strlen(%s) + 1",
			note: "esp_http_client and esp-mqtt pass strlen(cert_pem)+1 when cert_len is 0 (esp_transport_ssl_set_cert_data adds the 1)"},
		"certificate": {len: "certificate_len", implied: StrlenPlus1, impliedX: "strlen(%s) + 1",
			note: "esp-mqtt passes strlen(certificate)+1 when certificate_len is 0 (esp_transport_ssl_set_cert_data adds the 1)"},
	}
}

var lenFieldsLazy lazy.Value[map[string]bool]

func lenFields() map[string]bool { return lenFieldsLazy.Get(buildLenFields) }

func buildLenFields() map[string]bool {
	return map[string]bool{"cacert_pem_bytes": true, "cacert_bytes": true, "cert_len": true, "certificate_len": true}
}

// add keeps an item.
func (c *cReader) add(it *Item) {
	c.r.in.Items = append(c.r.in.Items, it)
}

// call reads the arguments of a call to a consumer; nameTok was consumed
// and "(" is next.
func (c *cReader) call(nameTok token, cons consumer) {
	c.next()
	var args [][]token
	var cur []token
	var argItem *Item
	depth := 0
	for {
		t := c.peek()
		if t.kind == tEOF || t.kind == tHash || c.is(t, ";") || c.is(t, "{") || c.is(t, "}") {
			break
		}
		if t.kind == tString {
			// A literal written in the call: the buffer itself, or some
			// other argument read as an ordinary literal.
			bd, enc, ext, ok := c.literalGroup("")
			if ok {
				it := c.stringItem("", bd, enc, ext, declInfo{})
				if len(args) == cons.buf && argItem == nil {
					argItem = it
				}
			}
			cur = append(cur, token{kind: tString, start: int(ext.Start), end: int(ext.End)})
			continue
		}
		c.next()
		switch {
		case c.is(t, "(") || c.is(t, "["):
			depth++
		case c.is(t, ")") || c.is(t, "]"):
			if depth == 0 {
				args = append(args, cur)
				c.recordUse(nameTok, cons, args, argItem)
				return
			}
			depth--
		case c.is(t, ",") && depth == 0:
			args = append(args, cur)
			cur = nil
			continue
		}
		if len(cur) < 64 {
			cur = append(cur, t)
		}
	}
}

func (c *cReader) recordUse(nameTok token, cons consumer, args [][]token, argItem *Item) {
	if cons.buf >= len(args) {
		return
	}
	u := lengthUse{call: c.text(nameTok), item: argItem, note: cons.note, off: int64(nameTok.start)}
	if argItem == nil {
		u.ref = c.refName(args[cons.buf])
		if u.ref == "" {
			return
		}
	}
	if cons.len >= 0 && cons.len < len(args) {
		u.expr = c.parseLenExpr(args[cons.len])
		u.expr.add += cons.add
		u.explicit = true
	} else {
		u.implied = cons.implied
		u.expr.text = fmt.Sprintf(cons.impliedX, nameOr(u.ref))
	}
	c.uses = append(c.uses, u)
}

// asmLabel notes ESP-IDF's embedded files: extern const uint8_t
// x_start[] asm("_binary_x_pem_start"). The bytes live in another file.
func (c *cReader) asmLabel() {
	c.next()
	t := c.peek()
	if t.kind != tString {
		return
	}
	c.next()
	label := string(c.d[t.body:t.bodyEnd])
	if c.is(c.peek(), ")") {
		c.next()
	}
	if !strings.HasPrefix(label, "_binary_") || !strings.HasSuffix(label, "_start") {
		return
	}
	base := strings.TrimSuffix(strings.TrimPrefix(label, "_binary_"), "_start")
	file := base
	if i := strings.LastIndexByte(base, '_'); i > 0 {
		file = base[:i] + "." + base[i+1:]
	}
	c.embedded = append(c.embedded, file)
	c.r.finding("c.embedded-file", int64(t.start), t.end-t.start, "",
		fmt.Sprintf("the certificate is not in this source: %s is the file %s, which the ESP-IDF build embeds (EMBED_TXTFILES appends a NUL, and end - start counts it; EMBED_FILES does not)", label, file),
		fmt.Sprintf("check that file: tlsdoctor check %s", file))
}

// castEnd returns the index after the cast that toks[i] opens ("(" type
// words and stars ")"), or -1.
func (c *cReader) castEnd(toks []token, i int) int {
	if i >= len(toks) || !c.is(toks[i], "(") {
		return -1
	}
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		if c.is(t, ")") {
			if j == i+1 {
				return -1
			}
			return j + 1
		}
		if t.kind != tIdent && !c.is(t, "*") && !c.is(t, "::") {
			return -1
		}
	}
	return -1
}

// refName returns the object an argument names: casts, & and * skipped,
// a member chain kept, an index or method call dropped.
func (c *cReader) refName(toks []token) string {
	i := 0
	for i < len(toks) {
		if e := c.castEnd(toks, i); e > 0 {
			i = e
			continue
		}
		if c.is(toks[i], "&") || c.is(toks[i], "*") || c.is(toks[i], "(") {
			i++
			continue
		}
		break
	}
	var parts []string
	for i < len(toks) && toks[i].kind == tIdent {
		parts = append(parts, c.text(toks[i]))
		i++
		if i+1 < len(toks) && (c.is(toks[i], ".") || c.is(toks[i], "->")) && toks[i+1].kind == tIdent {
			parts = append(parts, c.text(toks[i]))
			i++
			continue
		}
		break
	}
	if len(parts) == 0 {
		return ""
	}
	if i < len(toks) && c.is(toks[i], "(") && len(parts) >= 3 {
		parts = parts[:len(parts)-2] // ca.c_str()
	}
	return strings.Join(parts, "")
}

var strlenFuncsLazy lazy.Value[map[string]bool]

// strlenFuncs compute a string's length.
func strlenFuncs() map[string]bool { return strlenFuncsLazy.Get(buildStrlenFuncs) }

func buildStrlenFuncs() map[string]bool {
	return map[string]bool{"strlen": true, "strlen_P": true, "__builtin_strlen": true}
}

// parseLenExpr reads a length argument: sizeof(x), sizeof x, strlen(x),
// x.length(), a number or a name, each optionally plus or minus constants.
func (c *cReader) parseLenExpr(toks []token) lenExpr {
	e := lenExpr{text: c.exprText(toks)}
	// Outer parentheses and a leading cast change nothing.
	for len(toks) >= 2 && c.is(toks[0], "(") && c.closes(toks, 0) == len(toks)-1 {
		toks = toks[1 : len(toks)-1]
	}
	if end := c.castEnd(toks, 0); end > 0 && end < len(toks) {
		toks = toks[end:]
	}
	if len(toks) == 0 {
		return e
	}
	i := 0
	t := toks[0]
	switch {
	case c.is(t, "sizeof"):
		e.kind = Sizeof
		if len(toks) > 1 && c.is(toks[1], "(") {
			m := c.closes(toks, 1)
			if m < 0 {
				return e
			}
			e.ref = c.refName(toks[2:m])
			i = m + 1
		} else if len(toks) > 1 {
			e.ref = c.refName(toks[1:2])
			i = 2
		}
		if e.ref == "" {
			return e
		}
	case t.kind == tIdent && strlenFuncs()[c.text(t)] && len(toks) > 1 && c.is(toks[1], "("):
		e.kind = Strlen
		m := c.closes(toks, 1)
		if m < 0 {
			return e
		}
		e.ref = c.refName(toks[2:m])
		i = m + 1
		if e.ref == "" {
			return e
		}
	case t.kind == tNumber:
		n, ok := parseCNumber(c.text(t))
		if !ok || n < 0 || n > 1<<40 {
			return e
		}
		e.kind = Fixed(int(n))
		i = 1
	case t.kind == tIdent && len(toks) >= 5 && c.is(toks[1], ".") && c.is(toks[2], "length") && c.is(toks[3], "(") && c.is(toks[4], ")"):
		e.kind, e.ref, i = Strlen, c.text(t), 5 // Arduino String and std::string
	case t.kind == tIdent:
		e.ident = c.text(t)
		i = 1
	default:
		return e
	}
	for i < len(toks) {
		if i+1 >= len(toks) || toks[i+1].kind != tNumber || !(c.is(toks[i], "+") || c.is(toks[i], "-")) {
			return e
		}
		n, ok := parseCNumber(c.text(toks[i+1]))
		if !ok || n > 1<<40 {
			return e
		}
		if c.is(toks[i], "-") {
			n = -n
		}
		e.add += n
		i += 2
	}
	e.ok = true
	return e
}

// closes returns the index of the token closing the bracket at toks[i].
func (c *cReader) closes(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch {
		case c.is(toks[j], "(") || c.is(toks[j], "["):
			depth++
		case c.is(toks[j], ")") || c.is(toks[j], "]"):
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// exprText shows tokens as written, with runs of blanks and newlines made
// one space.
func (c *cReader) exprText(toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	s := string(c.d[toks[0].start:toks[len(toks)-1].end])
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// lookup finds an item by the name the source uses for it: a kept item,
// a string macro, a named literal set aside, or a member (cfg.x) named by
// its last component.
func (c *cReader) lookup(name string) *Item {
	if c.byName == nil {
		c.byName = map[string]*Item{}
		c.byMember = map[string]*Item{}
		for i := len(c.r.in.Items) - 1; i >= 0; i-- {
			it := c.r.in.Items[i]
			c.byName[it.Name] = it
			if k := strings.LastIndexAny(it.Name, ".>"); k >= 0 {
				c.byMember[it.Name[k+1:]] = it
			}
		}
	}
	if it := c.byName[name]; it != nil {
		return it
	}
	if m := c.macros[name]; m != nil {
		return m.item
	}
	if it := c.pending[name]; it != nil {
		return it
	}
	return c.byMember[name]
}

// resolve attaches to each item the length its call or configuration
// passes.
func (c *cReader) resolve() {
	lens := map[string][]*fieldUse{} // group and length field -> assignments
	for k := range c.fields {
		g := &c.fields[k]
		if lenFields()[g.field] {
			lens[g.group+" "+g.field] = append(lens[g.group+" "+g.field], g)
		}
	}
	for _, f := range c.fields {
		pair, ok := fieldPairs()[f.field]
		if !ok {
			continue
		}
		u := lengthUse{call: "." + f.field, ref: f.ref, item: f.item, off: f.off}
		var best *fieldUse
		for _, g := range lens[f.group+" "+pair.len] {
			if best == nil || abs64(g.off-f.off) < abs64(best.off-f.off) {
				best = g
			}
		}
		if best != nil {
			u.call = "." + best.field
			u.expr = best.expr
			u.off = best.off
			u.explicit = true
		} else if pair.implied != 0 {
			u.implied = pair.implied
			u.note = pair.note
			u.expr.text = fmt.Sprintf(pair.impliedX, nameOr(f.ref))
		} else {
			continue
		}
		c.uses = append(c.uses, u)
	}
	kept := map[*Item]bool{}
	for _, it := range c.r.in.Items {
		kept[it] = true
	}
	for _, u := range c.uses {
		it := u.item
		if it == nil {
			it = c.lookup(u.ref)
		}
		if it == nil || c.kinds == FormCString && it.Form != FormCString || c.kinds == FormCArray && it.Form != FormCArray {
			continue
		}
		if !kept[it] {
			kept[it] = true
			c.add(it)
		}
		delete(c.usedMacros, it) // passed to the parser itself
		if it.Length.Call != "" {
			continue
		}
		le := LengthExpr{Call: u.call, Expr: u.expr.text, Note: u.note, Pos: c.r.in.Position(u.off)}
		if u.implied != 0 {
			le.Mode = u.implied
		} else {
			le.Mode = c.resolveLen(u.expr, it, u, 0)
		}
		it.Length = le
	}
}

// resolveLen turns a parsed length into a mode for item it.
func (c *cReader) resolveLen(e lenExpr, it *Item, u lengthUse, depth int) LengthMode {
	if !e.ok || depth > 4 {
		return 0
	}
	switch {
	case e.kind > 0:
		n, _ := e.kind.Fixed()
		return fixedOrZero(int64(n) + e.add)
	case e.ident != "":
		if v, ok := c.ints[e.ident]; ok {
			return fixedOrZero(v + e.add)
		}
		if a, ok := c.aliases[e.ident]; ok {
			a.add += e.add
			return c.resolveLen(a, it, u, depth+1)
		}
		return 0
	}
	target := it
	if e.ref != it.Name && !strings.HasSuffix(it.Name, "."+e.ref) {
		other := c.lookup(e.ref)
		if other == nil {
			return 0
		}
		if other != it {
			target = other
			c.r.finding("c.length-of-other-object", u.off, len(u.call), it.Name,
				fmt.Sprintf("%s passes %s with the length of %s (%s), a different object", u.call, nameOr(it.Name), e.ref, e.text),
				fmt.Sprintf("compute the length from %s itself", nameOr(it.Name)))
		}
	}
	if e.kind == Sizeof && target.Pointer && u.explicit {
		c.r.finding("c.sizeof-pointer", u.off, len(u.call), it.Name,
			fmt.Sprintf("%s is a pointer, so %s is the size of the pointer (%d bytes on a 32-bit MCU), not of the certificate: the parser gets %d bytes", e.ref, e.text, PointerSize, int64(PointerSize)+e.add),
			fmt.Sprintf("pass strlen(%s) + 1, or declare %s as an array (const char %s[] = \"...\") so that sizeof is its size", e.ref, e.ref, e.ref))
	}
	if target == it {
		switch {
		case e.kind == Sizeof && e.add == 0:
			return Sizeof
		case e.kind == Sizeof && e.add == -1:
			return SizeofMinus1
		case e.kind == Strlen && e.add == 0:
			return Strlen
		case e.kind == Strlen && e.add == 1:
			return StrlenPlus1
		}
	}
	obj := target.object()
	var v int
	if e.kind == Sizeof {
		v = len(obj)
		if target.Pointer {
			v = PointerSize
		}
	} else {
		v = bytes.IndexByte(obj, 0)
		if v < 0 {
			return 0
		}
	}
	return fixedOrZero(int64(v) + e.add)
}

func fixedOrZero(n int64) LengthMode {
	if n < 0 || n > 1<<40 {
		return 0
	}
	return Fixed(int(n))
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// keep drops what the compiler would not see as its own object (string
// macros expanded into a declaration, code under #if 0) and notes names
// defined twice.
func (c *cReader) keep() {
	items := c.r.in.Items[:0]
	seen := map[string]*Item{}
	for _, it := range c.r.in.Items {
		if c.usedMacros[it] {
			continue
		}
		if c.disabled[it] {
			c.r.finding("c.disabled-code", it.Extent.Start, 1, it.Name,
				fmt.Sprintf("%s is inside #if 0, so the compiler never sees it; it is not checked", nameOr(it.Name)),
				"remove the #if 0 block if this is the certificate the device should use")
			continue
		}
		if prev := seen[it.Name]; prev != nil && it.Name != "" {
			c.r.finding("c.duplicate-name", it.Extent.Start, 1, it.Name,
				fmt.Sprintf("%s is defined again here (first at %s), probably under another #if branch; both are checked", it.Name, c.r.in.Position(prev.Extent.Start)),
				"make sure the definition the build uses is the one you expect")
		}
		seen[it.Name] = it
		items = append(items, it)
	}
	c.r.in.Items = items
}

// lexFindings reports what the lexer noticed.
func (c *cReader) lexFindings() {
	for _, off := range c.lx.notes.spliceBlank {
		c.r.finding("c.splice-whitespace", int64(off), 1, "",
			"blanks follow this backslash before the end of the line; GCC still joins the lines (with a warning), but other compilers end the line here, cutting a #define or literal short",
			"delete the blanks after the backslash")
	}
	if off := c.lx.notes.unterminatedComm; off >= 0 {
		c.r.finding("c.unterminated-comment", int64(off), 2, "",
			"this /* comment is never closed, so everything after it is comment: no literal or array after this point was read",
			"close the comment with */")
	}
}

// parseCNumber reads an integer constant (C17 §6.4.4.1): decimal, octal,
// hex or binary, with digit separators and suffixes.
func parseCNumber(s string) (int64, bool) {
	s = strings.ReplaceAll(s, "'", "")
	s = strings.TrimRight(s, "uUlLzZ")
	base := 10
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		base, s = 16, s[2:]
	case len(s) > 2 && (s[:2] == "0b" || s[:2] == "0B"):
		base, s = 2, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, s = 8, s[1:]
	}
	v, err := strconv.ParseUint(s, base, 64)
	if err != nil || v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}

// certLike reports whether bytes could be a certificate in some form.
func certLike(b []byte) bool {
	if bytes.Contains(b, []byte("-----BEGIN")) || bytes.Contains(b, []byte("-----END")) || derLike(b) {
		return true
	}
	t := bytes.TrimSpace(b)
	if len(t) < 64 || !bytes.HasPrefix(t, []byte("MI")) {
		return false
	}
	good := 0
	for _, ch := range t {
		if isBase64Char(ch) || ch == '=' || ch == '\n' || ch == '\r' {
			good++
		}
	}
	return good*100 >= len(t)*95
}

var certWordsLazy lazy.Value[map[string]bool]

// certWords and otherWords decide, from its name, whether a literal or
// array that does not look like a certificate is still meant to be one
// (a placeholder, an empty string, a broken paste).
func certWords() map[string]bool { return certWordsLazy.Get(buildCertWords) }

func buildCertWords() map[string]bool {
	return map[string]bool{
		"ca": true, "cacert": true, "cert": true, "certs": true, "certificate": true, "certificates": true,
		"crt": true, "pem": true, "der": true, "root": true, "rootca": true, "trust": true, "anchor": true,
		"anchors": true, "x509": true, "chain": true, "bundle": true,
	}
}

var otherWordsLazy lazy.Value[map[string]bool]

func otherWords() map[string]bool { return otherWordsLazy.Get(buildOtherWords) }

func buildOtherWords() map[string]bool {
	return map[string]bool{
		"url": true, "uri": true, "host": true, "hostname": true, "topic": true, "path": true, "file": true,
		"filename": true, "name": true, "id": true, "fingerprint": true, "thumbprint": true, "sha1": true,
		"sha256": true, "hash": true, "len": true, "length": true, "size": true, "count": true, "fmt": true,
		"format": true, "msg": true, "tag": true, "log": true, "pass": true, "password": true, "user": true,
		"ssid": true, "endpoint": true, "port": true, "type": true, "dir": true, "arn": true, "status": true,
	}
}

// otherName reports whether a name says it is something else (a URL, a
// fingerprint, a length).
func otherName(name string) bool {
	for _, w := range splitName(name) {
		if otherWords()[w] {
			return true
		}
	}
	return false
}

// nameLike reports whether a name says "certificate".
func nameLike(name string) bool {
	words := splitName(name)
	cert := false
	for _, w := range words {
		if otherWords()[w] {
			return false
		}
		cert = cert || certWords()[w]
	}
	return cert
}

// splitName splits an identifier or path into lower-case words at
// punctuation, underscores and camelCase humps.
func splitName(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 && (unicode.IsLower(cur[len(cur)-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(cur[len(cur)-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// nameOr names an item in messages.
func nameOr(name string) string {
	if name == "" {
		return "the literal"
	}
	return name
}
