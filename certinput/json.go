package certinput

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// maxJSONDepth bounds nesting: the parser keeps one small frame per level.
const maxJSONDepth = 10000

type jsonFrame struct {
	array bool
	index int
	key   string
	// named is set when this key, or one above it, names a certificate
	// (".rootCAs[0]"), kept per frame so a value needs no path walk.
	named bool
}

type jsonReader struct {
	r     *reader
	d     []byte
	p     int
	stack []jsonFrame
	found int // string values seen
}

// jsonSyntax is a JSON syntax error at an offset.
type jsonSyntax struct {
	off      int
	expected string
}

// readJSON reads a JSON document (or several, one after another, as in
// JSON Lines) and makes an item of each string value that holds
// certificate material, named by its jq path.
func (r *reader) readJSON() *ReadError {
	r.in.Form = FormJSON
	j := &jsonReader{r: r, d: r.text()}
	j.p = len(j.d) - len(trimBOM(j.d))
	serr := j.run()
	if serr != nil {
		if len(r.in.Items) == 0 {
			return &ReadError{Source: r.in.Source, Form: FormJSON, Reason: ReasonSyntax,
				Pos: r.in.Position(int64(serr.off)), Expected: serr.expected, Found: foundAt(j.d, serr.off)}
		}
		r.finding("json.syntax-error", int64(serr.off), 1, "",
			fmt.Sprintf("the JSON is broken here (expected %s); what came before it was read, the rest was not", serr.expected),
			"fix the JSON (jq . FILE shows where it breaks)")
	}
	if len(r.in.Items) == 0 {
		return &ReadError{Source: r.in.Source, Form: FormJSON, Reason: ReasonNoCertificate, Pos: r.in.Position(0),
			Expected: fmt.Sprintf("a string value holding a PEM certificate or long base64 (found %d strings, none of them)", j.found)}
	}
	return nil
}

// foundAt shows a few bytes at off for an error message.
func foundAt(d []byte, off int) string {
	if off >= len(d) {
		return "end of input"
	}
	end := min(off+16, len(d))
	return visibleSrc(d[off:end])
}

func (j *jsonReader) ws() {
	for j.p < len(j.d) {
		switch j.d[j.p] {
		case ' ', '\t', '\n', '\r':
			j.p++
		default:
			return
		}
	}
}

// run parses values until the input ends. It is a loop over an explicit
// stack, so deep nesting costs memory, never Go stack.
func (j *jsonReader) run() *jsonSyntax {
	const (
		stValue = iota
		stAfter
		stKey
	)
	state := stValue
	for {
		j.ws()
		switch state {
		case stValue:
			if j.p >= len(j.d) {
				if len(j.stack) == 0 && j.p > 0 {
					return nil
				}
				return &jsonSyntax{j.p, "a value"}
			}
			switch c := j.d[j.p]; {
			case c == '{' || c == '[':
				if len(j.stack) >= maxJSONDepth {
					j.r.finding("json.too-deep", int64(j.p), 1, "",
						fmt.Sprintf("the JSON nests more than %d levels deep here; nothing inside was read", maxJSONDepth),
						"give tlsdoctor just the object that holds the certificate")
					return nil
				}
				j.p++
				j.stack = append(j.stack, jsonFrame{array: c == '[', named: len(j.stack) > 0 && j.stack[len(j.stack)-1].named})
				j.ws()
				if j.p < len(j.d) && (j.d[j.p] == '}' && c == '{' || j.d[j.p] == ']' && c == '[') {
					j.p++
					j.stack = j.stack[:len(j.stack)-1]
					state = stAfter
				} else if c == '{' {
					state = stKey
				}
			case c == '"':
				bd, end, err := j.str(j.p, true)
				if err != nil {
					return err
				}
				j.value(bd, j.p, end)
				j.p = end
				state = stAfter
			case c == 't' || c == 'f' || c == 'n':
				lit := map[byte]string{'t': "true", 'f': "false", 'n': "null"}[c]
				if !strings.HasPrefix(string(j.d[j.p:min(j.p+5, len(j.d))]), lit) {
					return &jsonSyntax{j.p, "a value"}
				}
				j.p += len(lit)
				state = stAfter
			case c == '-' || c >= '0' && c <= '9':
				q := j.p + 1
				for q < len(j.d) && strings.IndexByte("0123456789+-.eE", j.d[q]) >= 0 {
					q++
				}
				j.p = q
				state = stAfter
			default:
				return &jsonSyntax{j.p, "a value"}
			}
		case stKey:
			if j.p >= len(j.d) || j.d[j.p] != '"' {
				return &jsonSyntax{j.p, "a string key"}
			}
			bd, end, err := j.str(j.p, false)
			if err != nil {
				return err
			}
			f := &j.stack[len(j.stack)-1]
			f.key = string(bd.b)
			f.named = nameLike(f.key) || len(j.stack) > 1 && j.stack[len(j.stack)-2].named && !otherName(f.key)
			j.p = end
			j.ws()
			if j.p >= len(j.d) || j.d[j.p] != ':' {
				return &jsonSyntax{j.p, "\":\" after the key"}
			}
			j.p++
			state = stValue
		case stAfter:
			if len(j.stack) == 0 {
				if j.p >= len(j.d) {
					return nil
				}
				state = stValue // another document (JSON Lines)
				continue
			}
			f := &j.stack[len(j.stack)-1]
			if j.p >= len(j.d) {
				return &jsonSyntax{j.p, "\",\" or a closing bracket"}
			}
			switch c := j.d[j.p]; {
			case c == ',':
				j.p++
				if f.array {
					f.index++
					state = stValue
				} else {
					state = stKey
				}
			case c == ']' && f.array || c == '}' && !f.array:
				j.p++
				j.stack = j.stack[:len(j.stack)-1]
			default:
				return &jsonSyntax{j.p, "\",\" or a closing bracket"}
			}
		}
	}
}

// path renders the current position in jq syntax: .a.b[0]."odd key".
func (j *jsonReader) path() string {
	var sb strings.Builder
	for i, f := range j.stack {
		if f.array {
			if i == 0 {
				sb.WriteByte('.') // jq writes a top-level index as .[0]
			}
			fmt.Fprintf(&sb, "[%d]", f.index)
			continue
		}
		sb.WriteByte('.')
		if jqIdent(f.key) {
			sb.WriteString(f.key)
		} else {
			sb.WriteString(strconv.Quote(f.key))
		}
	}
	if sb.Len() == 0 {
		return "."
	}
	return sb.String()
}

func jqIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// value considers a string value: PEM text becomes a JSON item; long
// base64 becomes a base64 item of the decoded bytes; a value whose key
// names a certificate is kept whatever it holds.
func (j *jsonReader) value(bd builder, start, end int) {
	j.found++
	named := false
	if n := len(j.stack); n > 0 {
		named = j.stack[n-1].named
	}
	ext := Extent{int64(start), int64(end)}
	switch {
	case containsPEM(bd.b):
		j.r.in.Items = append(j.r.in.Items, j.r.newItem(j.path(), FormJSON, bd.b, bd.p, ext))
	case certLike(bd.b):
		path := j.path()
		sp := bd.p
		out := j.r.decodeBase64(bd.b, func(k int) (int64, int64) {
			s, e := sp.unit(k)
			return s, e - s
		}, path)
		j.r.in.Items = append(j.r.in.Items, j.r.newItem(path, FormBase64, out.b, out.p, ext))
	case named:
		j.r.in.Items = append(j.r.in.Items, j.r.newItem(j.path(), FormJSON, bd.b, bd.p, ext))
	}
}

func containsPEM(b []byte) bool {
	return bytes.Contains(b, []byte("-----BEGIN")) || bytes.Contains(b, []byte("-----END"))
}

// str decodes the JSON string whose quote is at p (RFC 8259 §7), with
// provenance when prov is set. It returns the offset after the closing
// quote. Bad escapes and raw control characters are reported and kept as a
// lenient parser keeps them.
func (j *jsonReader) str(p int, prov bool) (bd builder, end int, err *jsonSyntax) {
	d := j.d
	q := p + 1
	put := func(src, width int, bs ...byte) {
		if prov {
			bd.put(int64(src), int64(width), bs...)
		} else {
			bd.b = append(bd.b, bs...)
		}
	}
	runStart := q
	flush := func(upto int) {
		if upto > runStart {
			bd.b = append(bd.b, d[runStart:upto]...)
			if prov {
				bd.p.addRun(int64(runStart), upto-runStart)
			}
		}
	}
	for q < len(d) {
		c := d[q]
		switch {
		case c == '"':
			flush(q)
			return bd, q + 1, nil
		case c < 0x20:
			if prov && !j.r.skip("json.control-character") {
				j.r.finding("json.control-character", int64(q), 1, j.path(),
					"this string holds a raw control character (here "+visibleSrc(d[q:q+1])+"); JSON requires it escaped, so a strict parser rejects the document",
					"write line breaks inside JSON strings as \\n")
			}
			q++
		case c == '\\':
			flush(q)
			if q+1 >= len(d) {
				return bd, q, &jsonSyntax{q, "an escape after the backslash"}
			}
			e := d[q+1]
			if v, ok := jsonEscapes()[e]; ok {
				put(q, 2, v)
				q += 2
			} else if e == 'u' {
				r, w := j.unicodeEscape(q, prov)
				var buf [utf8.UTFMax]byte
				n := utf8.EncodeRune(buf[:], r)
				put(q, w, buf[:n]...)
				q += w
			} else {
				if prov && !j.r.skip("json.invalid-escape") {
					j.r.finding("json.invalid-escape", int64(q), 2, j.path(),
						fmt.Sprintf("\\%s is not a JSON escape; a strict parser rejects the document, a lenient one keeps %q", visibleSrc(d[q+1:q+2]), d[q+1:q+2]),
						"remove the backslash, or write \\\\ for a backslash")
				}
				put(q, 2, e)
				q += 2
			}
			runStart = q
		default:
			q++
		}
	}
	return bd, len(d), &jsonSyntax{len(d), "the closing quote of the string that starts at byte " + strconv.Itoa(p)}
}

var jsonEscapesLazy lazy.Value[map[byte]byte]

func jsonEscapes() map[byte]byte { return jsonEscapesLazy.Get(buildJsonEscapes) }

func buildJsonEscapes() map[byte]byte {
	return map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
}

// unicodeEscape reads \uXXXX at q (and a low surrogate after a high one).
func (j *jsonReader) unicodeEscape(q int, prov bool) (rune, int) {
	hex4 := func(at int) (rune, bool) {
		if at+6 > len(j.d) || j.d[at] != '\\' || j.d[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(j.d[at+2:at+6]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex4(q)
	if !ok {
		if prov && !j.r.skip("json.invalid-escape") {
			j.r.finding("json.invalid-escape", int64(q), 2, j.path(),
				"\\u must be followed by four hex digits", "write the character itself, or \\u and four hex digits")
		}
		return utf8.RuneError, 2
	}
	if utf16.IsSurrogate(r) {
		if r < 0xDC00 {
			if r2, ok := hex4(q + 6); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
				return utf16.DecodeRune(r, r2), 12
			}
		}
		if prov && !j.r.skip("json.lone-surrogate") {
			j.r.finding("json.lone-surrogate", int64(q), 6, j.path(),
				"this \\u escape is half of a surrogate pair without its other half; it decodes to U+FFFD", "remove it")
		}
		return utf8.RuneError, 6
	}
	return r, 6
}
