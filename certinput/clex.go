package certinput

import (
	"bytes"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The C lexer finds tokens with their exact offsets. It knows just enough
// of translation phases 1-3 (C17 §5.1.1.2) to find string literals where a
// compiler finds them: comments (which may hold quotes), line splices
// (backslash-newline, anywhere), character constants (so '"' is not a
// string), raw strings, and the start of preprocessor directives. It does
// not expand macros; the reader above it handles string #defines itself.

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tNumber
	tString
	tChar
	tPunct
	tHash // '#' first on its logical line: a directive
)

// encoding is the character type of a string literal (C17 §6.4.5,
// C++20 [lex.string]).
type encoding uint8

const (
	encChar  encoding = iota // "" and u8""
	encUTF16                 // u"": char16_t, little-endian on the targets modelled
	encUTF32                 // U"": char32_t
	encWide                  // L"": wchar_t, 4 bytes with GCC for ARM, Xtensa and RISC-V
)

func (e encoding) size() int {
	switch e {
	case encUTF16:
		return 2
	case encUTF32, encWide:
		return 4
	}
	return 1
}

type token struct {
	kind       tokKind
	bol        bool // first token on its logical line
	dir        bool // part of a preprocessor directive (set by the reader)
	start, end int  // Data offsets; a literal runs from its prefix to past its closing quote
	// String and character literals:
	enc        encoding
	raw        bool
	badDelim   bool // a raw string whose delimiter is invalid, lexed as an ordinary string
	terminated bool
	body       int // first content byte
	bodyEnd    int // past the last content byte
}

// lexNotes receives what the lexer notices on its way: line splices with
// blanks before the newline, and an unterminated block comment. Offsets are
// deduplicated because the reader lexes some stretches twice.
type lexNotes struct {
	seen             map[int]bool
	spliceBlank      []int
	unterminatedComm int
}

func (n *lexNotes) note(list *[]int, off int) {
	if n.seen[off] {
		return
	}
	n.seen[off] = true
	*list = append(*list, off)
}

type lexer struct {
	d     []byte
	pos   int
	bol   bool
	notes *lexNotes
}

func newLexer(d []byte) lexer {
	return lexer{d: d, bol: true, notes: &lexNotes{seen: map[int]bool{}, unterminatedComm: -1}}
}

// spliceLen returns the length of a line splice at p (a backslash, blanks,
// and a newline: LF, CR LF or CR), or 0. GCC accepts blanks between the
// backslash and the newline, with a warning; we do too, and report them.
func (l *lexer) spliceLen(p int) int {
	d := l.d
	if p >= len(d) || d[p] != '\\' {
		return 0
	}
	q := p + 1
	for q < len(d) && (d[q] == ' ' || d[q] == '\t' || d[q] == '\f' || d[q] == '\v') {
		q++
	}
	if q >= len(d) {
		return 0
	}
	switch d[q] {
	case '\n':
		q++
	case '\r':
		q++
		if q < len(d) && d[q] == '\n' {
			q++
		}
	default:
		return 0
	}
	if d[p+1] != '\n' && d[p+1] != '\r' {
		l.notes.note(&l.notes.spliceBlank, p)
	}
	return q - p
}

// skipSplices returns the first offset at or after p that does not start a
// line splice.
func (l *lexer) skipSplices(p int) int {
	for {
		n := l.spliceLen(p)
		if n == 0 {
			return p
		}
		p += n
	}
}

// skipBlank skips white space, comments and splices, noting newlines.
func (l *lexer) skipBlank() {
	d := l.d
	for l.pos < len(d) {
		switch c := d[l.pos]; c {
		case ' ', '\t', '\f', '\v':
			l.pos++
		case '\n':
			l.pos++
			l.bol = true
		case '\r':
			l.pos++
			if l.pos < len(d) && d[l.pos] == '\n' {
				l.pos++
			}
			l.bol = true
		case '\\':
			n := l.spliceLen(l.pos)
			if n == 0 {
				return
			}
			l.pos += n
		case '/':
			if l.pos+1 >= len(d) {
				return
			}
			switch d[l.pos+1] {
			case '/':
				l.skipLineComment()
			case '*':
				j := bytes.Index(d[l.pos+2:], []byte("*/"))
				if j < 0 {
					l.notes.unterminatedComm = l.pos
					l.pos = len(d)
					return
				}
				l.pos += 2 + j + 2
			default:
				return
			}
		default:
			return
		}
	}
}

// skipLineComment skips a // comment up to its newline. A comment whose line
// ends in a backslash continues on the next line (phase 2 comes before
// comments are removed), a classic way to comment out the next line too.
func (l *lexer) skipLineComment() {
	d := l.d
	for {
		i := bytes.IndexAny(d[l.pos:], "\r\n")
		if i < 0 {
			l.pos = len(d)
			return
		}
		end := l.pos + i
		k := end - 1
		for k > l.pos && (d[k] == ' ' || d[k] == '\t') {
			k--
		}
		if k > l.pos+1 && d[k] == '\\' {
			l.pos = end + 1
			if d[end] == '\r' && l.pos < len(d) && d[l.pos] == '\n' {
				l.pos++
			}
			continue
		}
		l.pos = end
		return
	}
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var literalPrefixesLazy lazy.Value[map[string]encoding]

// literalPrefixes are the encoding prefixes of string literals; an R after
// them makes the literal raw.
func literalPrefixes() map[string]encoding { return literalPrefixesLazy.Get(buildLiteralPrefixes) }

func buildLiteralPrefixes() map[string]encoding {
	return map[string]encoding{"": encChar, "u8": encChar, "u": encUTF16, "U": encUTF32, "L": encWide}
}

// punctLen returns the length of the punctuator at p: 3 for <<= >>= ...,
// 2 for -> ++ -- << >> <= >= == != && || op= :: ##, else 1.
func punctLen(d []byte, p int) int {
	var c1, c2 byte
	if p+1 < len(d) {
		c1 = d[p+1]
	}
	if p+2 < len(d) {
		c2 = d[p+2]
	}
	switch c := d[p]; c {
	case '<', '>':
		if c1 == c {
			if c2 == '=' {
				return 3
			}
			return 2
		}
		if c1 == '=' {
			return 2
		}
	case '.':
		if c1 == '.' && c2 == '.' {
			return 3
		}
	case '-':
		if c1 == '>' || c1 == '-' || c1 == '=' {
			return 2
		}
	case '+', '&', '|':
		if c1 == c || c1 == '=' {
			return 2
		}
	case '=', '!', '*', '/', '%', '^':
		if c1 == '=' {
			return 2
		}
	case ':', '#':
		if c1 == c {
			return 2
		}
	}
	return 1
}

// next returns the next token.
func (l *lexer) next() token {
	l.skipBlank()
	d := l.d
	t := token{bol: l.bol, start: l.pos}
	l.bol = false
	if l.pos >= len(d) {
		t.start, t.end = len(d), len(d)
		return t
	}
	c := d[l.pos]
	switch {
	case isIdentStart(c):
		q := l.pos
		for q < len(d) && isIdentChar(d[q]) {
			q++
		}
		if q < len(d) && (d[q] == '"' || d[q] == '\'') {
			id := string(d[l.pos:q])
			raw := false
			if d[q] == '"' && len(id) > 0 && id[len(id)-1] == 'R' {
				raw, id = true, id[:len(id)-1]
			}
			if enc, ok := literalPrefixes()[id]; ok && (raw || id != "" || d[q] == '"') {
				if d[q] == '\'' && !raw {
					t.enc = enc
					l.lexQuoted(&t, q, tChar)
					return t
				}
				if d[q] == '"' {
					t.enc = enc
					if raw {
						l.lexRaw(&t, q)
					} else {
						l.lexQuoted(&t, q, tString)
					}
					return t
				}
			}
		}
		t.kind, t.end = tIdent, q
		l.pos = q
	case isDigit(c) || c == '.' && l.pos+1 < len(d) && isDigit(d[l.pos+1]):
		l.lexNumber(&t)
	case c == '"':
		l.lexQuoted(&t, l.pos, tString)
	case c == '\'':
		l.lexQuoted(&t, l.pos, tChar)
	case c == '#' && t.bol:
		t.kind, t.end = tHash, l.pos+1
		l.pos++
	default:
		t.kind = tPunct
		l.pos += punctLen(d, l.pos)
		t.end = l.pos
	}
	return t
}

// lexNumber reads a preprocessing number (C17 §6.4.8), including C++14
// digit separators.
func (l *lexer) lexNumber(t *token) {
	d := l.d
	q := l.pos + 1
	for q < len(d) {
		c := d[q]
		switch {
		case (c == '+' || c == '-') && (d[q-1] == 'e' || d[q-1] == 'E' || d[q-1] == 'p' || d[q-1] == 'P'):
			q++
		case isIdentChar(c) || c == '.':
			q++
		case c == '\'' && q+1 < len(d) && isIdentChar(d[q+1]):
			q += 2
		default:
			t.kind, t.end = tNumber, q
			l.pos = q
			return
		}
	}
	t.kind, t.end = tNumber, q
	l.pos = q
}

// lexQuoted reads an ordinary string literal or character constant whose
// opening quote is at q. It ends at the closing quote, or (unterminated) at
// the end of the line.
func (l *lexer) lexQuoted(t *token, q int, kind tokKind) {
	d := l.d
	quote := d[q]
	t.kind = kind
	t.body = q + 1
	stops := "\"\\\r\n"
	if quote == '\'' {
		stops = "'\\\r\n"
	}
	p := q + 1
	for {
		i := bytes.IndexAny(d[p:], stops)
		if i < 0 {
			t.bodyEnd, t.end = len(d), len(d)
			l.pos = len(d)
			return
		}
		p += i
		switch d[p] {
		case quote:
			t.bodyEnd, t.end, t.terminated = p, p+1, true
			l.pos = p + 1
			return
		case '\\':
			if n := l.spliceLen(p); n > 0 {
				p += n
				continue
			}
			p = l.skipSplices(p + 1)
			if p < len(d) && d[p] != '\r' && d[p] != '\n' {
				p++
			}
		default: // a newline: the literal is unterminated
			t.bodyEnd, t.end = p, p
			l.pos = p
			return
		}
	}
}

// maxRawDelimiter is the longest raw-string delimiter C++ allows.
const maxRawDelimiter = 16

// lexRaw reads a raw string literal R"delim(...)delim" whose quote is at q.
// An invalid delimiter makes it an ordinary literal that is marked bad.
func (l *lexer) lexRaw(t *token, q int) {
	d := l.d
	t.kind, t.raw = tString, true
	k := q + 1
	for k < len(d) && k-(q+1) <= maxRawDelimiter && d[k] != '(' {
		c := d[k]
		if c == ' ' || c == ')' || c == '\\' || c == '"' || c < 0x20 || c == 0x7F {
			break
		}
		k++
	}
	if k >= len(d) || d[k] != '(' || k-(q+1) > maxRawDelimiter {
		t.raw, t.badDelim = false, true
		l.lexQuoted(t, q, tString)
		return
	}
	delim := d[q+1 : k]
	t.body = k + 1
	closing := make([]byte, 0, len(delim)+2)
	closing = append(append(append(closing, ')'), delim...), '"')
	j := bytes.Index(d[t.body:], closing)
	if j < 0 {
		t.bodyEnd, t.end = len(d), len(d)
		l.pos = len(d)
		return
	}
	t.bodyEnd = t.body + j
	t.end = t.bodyEnd + len(closing)
	t.terminated = true
	l.pos = t.end
}
