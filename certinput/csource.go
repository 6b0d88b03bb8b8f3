package certinput

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The C reader walks the token stream once, keeping a short window of past
// tokens to name what an "=" initialises, and reads forward through
// initialisers, #defines and calls to the TLS stack. It keeps no token list,
// so memory stays proportional to the items found, not to the source.

const ringSize = 64

// maxNesting bounds the brace and #if stacks kept with names; deeper
// nesting is only counted.
const maxNesting = 256

type braceFrame struct {
	name string // the declaration the braces initialise, if any
	seq  int    // distinguishes brace groups for pairing fields
}

type condFrame struct {
	disabled bool // the current branch is skipped by the compiler
	constant bool // the condition was a literal 0 or 1, so #else flips it
}

// cMacro is an object-like #define whose replacement is string literals.
type cMacro struct {
	item *Item
	enc  encoding
}

// lenExpr is a length argument as parsed, before it is resolved against
// the item it applies to.
type lenExpr struct {
	kind  LengthMode // Sizeof, Strlen, a Fixed number, or 0 for an identifier or unknown
	ref   string     // the object sizeof/strlen is applied to
	ident string     // a variable or macro holding the length
	add   int64      // a constant added ("strlen(x) + 1")
	text  string
	ok    bool
}

// lengthUse is a place where the source hands a buffer to the parser.
type lengthUse struct {
	call    string
	ref     string // the buffer's name
	item    *Item  // or the literal written in the call
	expr    lenExpr
	implied LengthMode
	note    string
	off     int64
	// A pointer-sized sizeof is only an error when it is the source's own
	// expression, not a length implied by a library.
	explicit bool
}

// fieldUse is an assignment to a member that holds a CA buffer or its
// length (ESP-IDF's esp_tls_cfg_t and friends).
type fieldUse struct {
	group string
	field string
	ref   string
	item  *Item
	expr  lenExpr
	off   int64
}

type cReader struct {
	r     *reader
	d     []byte
	lx    lexer
	la    []token
	ring  [ringSize]token
	nring int
	kinds Form

	inDirective bool
	macros      map[string]*cMacro
	ints        map[string]int64
	aliases     map[string]lenExpr
	usedMacros  map[*Item]bool
	disabled    map[*Item]bool
	pending     map[string]*Item // named items that do not look like certificates

	braces     []braceFrame
	braceDepth int
	braceSeq   int
	conds      []condFrame
	condExtra  int

	byName   map[string]*Item // built by lookup once reading is done
	byMember map[string]*Item
	uses     []lengthUse
	fields   []fieldUse
	embedded []string

	literals     int
	firstLiteral int
}

// readC reads C or C++ source. kinds is FormCString (literals only),
// FormCArray (arrays only) or formCSource (both).
func (r *reader) readC(kinds Form) *ReadError {
	r.in.Form = FormCString
	d := r.text()
	c := &cReader{
		r: r, d: d, lx: newLexer(d), kinds: kinds,
		macros: map[string]*cMacro{}, ints: map[string]int64{}, aliases: map[string]lenExpr{},
		usedMacros: map[*Item]bool{}, disabled: map[*Item]bool{}, pending: map[string]*Item{},
		firstLiteral: -1,
	}
	c.run()
	c.lexFindings()
	c.resolve()
	c.keep()
	if len(r.in.Items) == 0 {
		e := &ReadError{Source: r.in.Source, Form: kinds, Reason: ReasonNoCertificate, Pos: r.in.Position(0)}
		switch {
		case c.literals > 0:
			e.Pos = r.in.Position(int64(c.firstLiteral))
			e.Expected = fmt.Sprintf("a string literal or byte array holding certificate material (found %d literals and arrays, none with \"-----BEGIN\", base64 or DER bytes, or a name like ca_cert)", c.literals)
		default:
			e.Expected = "a string literal or byte array holding a certificate"
		}
		if len(c.embedded) > 0 {
			e.Hint = "the source embeds " + c.embedded[0] + " through the ESP-IDF build; check that file"
		}
		return e
	}
	r.finish()
	if r.in.Items[0].Form == FormCArray {
		r.in.Form = FormCArray
	}
	return nil
}

// next consumes a token.
func (c *cReader) next() token {
	var t token
	if len(c.la) > 0 {
		t = c.la[0]
		c.la = c.la[1:]
	} else {
		t = c.lx.next()
	}
	t.dir = c.inDirective
	c.ring[c.nring%ringSize] = t
	c.nring++
	return t
}

// peekN returns the token k ahead without consuming it.
func (c *cReader) peekN(k int) token {
	for len(c.la) <= k {
		c.la = append(c.la, c.lx.next())
	}
	return c.la[k]
}

func (c *cReader) peek() token { return c.peekN(0) }

// back returns the token k back from the newest consumed one (0 is the
// newest), or false past the window.
func (c *cReader) back(k int) (token, bool) {
	if k < 0 || k >= c.nring || k >= ringSize {
		return token{}, false
	}
	return c.ring[(c.nring-1-k)%ringSize], true
}

func (c *cReader) text(t token) string { return string(c.d[t.start:t.end]) }

func (c *cReader) is(t token, s string) bool {
	return (t.kind == tPunct || t.kind == tIdent) && t.end-t.start == len(s) && string(c.d[t.start:t.end]) == s
}

// endOfDirective reports whether t no longer belongs to the directive being
// read.
func (c *cReader) endOfDirective(t token) bool {
	return c.inDirective && (t.bol || t.kind == tEOF)
}

func (c *cReader) isDisabled() bool {
	for _, f := range c.conds {
		if f.disabled {
			return true
		}
	}
	return false
}

func (c *cReader) run() {
	for {
		if c.peek().kind == tString {
			c.bareGroup()
			continue
		}
		t := c.next()
		switch t.kind {
		case tEOF:
			return
		case tHash:
			c.directive()
		case tIdent:
			name := c.d[t.start:t.end]
			if cons, ok := consumers()[string(name)]; ok && c.is(c.peek(), "(") {
				c.call(t, cons)
			} else if (string(name) == "asm" || string(name) == "__asm__" || string(name) == "__asm") && c.is(c.peek(), "(") {
				c.asmLabel()
			}
		case tPunct:
			switch c.text(t) {
			case "=":
				c.assign()
			case "{":
				if p, ok := c.back(1); ok && c.is(p, "]") {
					// C++ brace initialisation without "=": char ca[] {"..."}.
					c.braceInit(c.declBefore(1), t)
				} else {
					c.pushBrace("")
				}
			case "}":
				c.popBrace()
			}
		}
	}
}

func (c *cReader) pushBrace(name string) {
	c.braceDepth++
	c.braceSeq++
	if len(c.braces) < maxNesting {
		c.braces = append(c.braces, braceFrame{name: name, seq: c.braceSeq})
	}
}

func (c *cReader) popBrace() {
	if c.braceDepth == 0 {
		return
	}
	if c.braceDepth <= len(c.braces) {
		c.braces = c.braces[:len(c.braces)-1]
	}
	c.braceDepth--
}

// frame returns the innermost brace frame kept.
func (c *cReader) frame() braceFrame {
	if c.braceDepth > 0 && c.braceDepth <= len(c.braces) {
		return c.braces[c.braceDepth-1]
	}
	return braceFrame{}
}

// directive reads a preprocessor line: #define of a string or number, and
// the #if nesting (to notice #if 0 blocks).
func (c *cReader) directive() {
	c.inDirective = true
	defer func() {
		for t := c.peek(); !c.endOfDirective(t); t = c.peek() {
			c.next()
		}
		c.inDirective = false
	}()
	kw := c.peek()
	if c.endOfDirective(kw) || kw.kind != tIdent {
		return
	}
	c.next()
	switch c.text(kw) {
	case "define":
		c.define()
	case "if", "ifdef", "ifndef":
		f := condFrame{}
		if c.text(kw) == "if" {
			v := c.peek()
			if !c.endOfDirective(v) && v.kind == tNumber {
				if n := c.peekN(1); c.endOfDirective(n) {
					f.constant = true
					f.disabled = c.text(v) == "0"
				}
			}
		}
		if len(c.conds) < maxNesting {
			c.conds = append(c.conds, f)
		} else {
			c.condExtra++
		}
	case "else", "elif":
		if c.condExtra == 0 && len(c.conds) > 0 {
			f := &c.conds[len(c.conds)-1]
			if f.constant {
				f.disabled = !f.disabled
			}
			if c.text(kw) == "elif" {
				f.constant = false
			}
		}
	case "endif":
		if c.condExtra > 0 {
			c.condExtra--
		} else if len(c.conds) > 0 {
			c.conds = c.conds[:len(c.conds)-1]
		}
	}
}

// define reads "#define NAME replacement".
func (c *cReader) define() {
	nameTok := c.peek()
	if c.endOfDirective(nameTok) || nameTok.kind != tIdent {
		return
	}
	c.next()
	if p := c.peek(); c.is(p, "(") && p.start == nameTok.end {
		return // a function-like macro
	}
	name := c.text(nameTok)
	v := c.peek()
	if c.endOfDirective(v) {
		return
	}
	switch {
	case v.kind == tString || c.stringMacro(v) != nil:
		bd, enc, ext, ok := c.literalGroup(name)
		if !ok {
			return
		}
		it := c.stringItem(name, bd, enc, ext, declInfo{name: name})
		c.macros[name] = &cMacro{item: it, enc: enc}
		// A line of the replacement without its trailing backslash ends the
		// macro; the next line's literal is then outside it.
		if n := c.peek(); n.bol && n.kind == tString {
			c.r.finding("c.define-continuation-missing", int64(ext.End), 1, name,
				fmt.Sprintf("#define %s ends at this line, which has no trailing backslash; the string on the next line is not part of it, so %s stops short", name, name),
				"end every line of the #define except the last with a backslash")
		}
	case v.kind == tNumber || c.is(v, "("):
		if n, ok := c.constExpr(); ok {
			c.ints[name] = n
			return
		}
		fallthrough
	default:
		// #define CA_LEN sizeof(ca): a length by another name.
		if e := c.parseLenExpr(c.exprAhead()); e.ok {
			c.aliases[name] = e
		}
	}
}

// constExpr reads a number, optionally in parentheses, up to the end of the
// directive or statement.
func (c *cReader) constExpr() (int64, bool) {
	parens := 0
	for c.is(c.peek(), "(") {
		c.next()
		parens++
	}
	t := c.peek()
	if t.kind != tNumber {
		return 0, false
	}
	c.next()
	v, ok := parseCNumber(c.text(t))
	for ; parens > 0 && c.is(c.peek(), ")"); parens-- {
		c.next()
	}
	n := c.peek()
	if parens != 0 || !(c.endOfDirective(n) || c.is(n, ";") || c.is(n, ",") || c.is(n, "}") || n.kind == tEOF) {
		return 0, false
	}
	return v, ok
}

// stringMacro returns the macro t names if it is a string #define.
func (c *cReader) stringMacro(t token) *cMacro {
	if t.kind != tIdent || len(c.macros) == 0 {
		return nil
	}
	return c.macros[string(c.d[t.start:t.end])]
}

// literalGroup reads adjacent string literals (and string macros between
// them) from the peek position and returns their concatenation as the
// compiler stores it (C17 §6.4.5p5: an encoding prefix on any of them
// applies to all). The group's encoding is found first by lexing ahead on a
// copy of the lexer, so each literal is decoded once.
func (c *cReader) literalGroup(item string) (bd builder, enc encoding, ext Extent, ok bool) {
	enc = encChar
	look := c.lx
	k := 0
	for {
		var t token
		if k < len(c.la) {
			t = c.la[k]
		} else {
			t = look.next()
		}
		k++
		if c.endOfDirective(t) || t.kind == tHash || t.kind == tEOF {
			break
		}
		if t.kind == tString {
			enc = max(enc, t.enc)
		} else if m := c.stringMacro(t); m != nil {
			enc = max(enc, m.enc)
		} else {
			break
		}
	}
	wide := false
	ext.Start = -1
	for {
		t := c.peek()
		if c.endOfDirective(t) || t.kind == tHash || t.kind == tEOF {
			break
		}
		if t.kind == tString {
			c.next()
			if !t.terminated {
				c.unterminated(t, item)
			}
			if t.badDelim {
				c.r.finding("c.bad-raw-delimiter", int64(t.start), min(t.end-t.start, 20), item,
					"this raw string's delimiter (between R\" and the opening parenthesis) is invalid: longer than 16 characters, or holding a space, backslash or parenthesis; compilers reject the literal",
					"use a short delimiter of letters, such as R\"EOF(...)EOF\"")
			}
			wide = wide || t.enc != encChar
			c.decodeLiteral(t, enc, &bd, item)
		} else if m := c.stringMacro(t); m != nil {
			c.next()
			c.usedMacros[m.item] = true
			bd.b = append(bd.b, m.item.Bytes...)
			bd.p.appendProv(&m.item.prov)
		} else {
			break
		}
		if ext.Start < 0 {
			ext.Start = int64(t.start)
		}
		ext.End = int64(t.end)
	}
	if ext.Start < 0 {
		return bd, enc, Extent{}, false
	}
	c.literals++
	if c.firstLiteral < 0 {
		c.firstLiteral = int(ext.Start)
	}
	if wide {
		c.r.finding("c.wide-literal", ext.Start, 2, item,
			fmt.Sprintf("this literal has a u, U or L prefix, so each character is stored in %d bytes; the parser sees NUL bytes between the characters and no \"-----BEGIN\"", enc.size()),
			"drop the prefix (u8 is fine): certificates are ASCII")
	}
	return bd, enc, ext, true
}

func (c *cReader) unterminated(t token, item string) {
	if t.raw {
		c.r.finding("c.unterminated-literal", int64(t.start), min(t.end-t.start, 20), item,
			"this raw string has no closing )delimiter\" before the end of the file, so the compiler rejects it; everything after it was read as its content",
			"end the raw string with the same delimiter it began with, e.g. )EOF\"")
		return
	}
	c.r.finding("c.unterminated-literal", int64(t.start), t.end-t.start, item,
		"this string literal has no closing quote on its line; the compiler rejects it (a string cannot span lines without a backslash or a new pair of quotes)",
		"close the quote at the end of the line, and open a new one on the next: \"...\\n\" \"...\"")
}

// bareGroup reads literals that no declaration names: arguments, return
// values, stray lines.
func (c *cReader) bareGroup() {
	bd, enc, ext, ok := c.literalGroup("")
	if !ok {
		return
	}
	c.stringItem("", bd, enc, ext, declInfo{})
}

// declInfo is what the tokens before an "=" say about what it initialises.
type declInfo struct {
	name     string
	member   string // the last component of a member name
	group    string // what the member belongs to, for pairing fields
	dims     []int  // declared dimensions; -1 for [] or an unknown size
	dimOff   int64  // where an unknown size was written
	pointer  bool
	elemSize int
	start    int64
}

var decorationsLazy lazy.Value[map[string]bool]

// decorations appear between a declaration's name and its "=" (or type)
// without being the name: Arduino's and ESP-IDF's placement macros.
func decorations() map[string]bool { return decorationsLazy.Get(buildDecorations) }

func buildDecorations() map[string]bool {
	return map[string]bool{
		"PROGMEM": true, "PROGMEM_LATE": true, "__in_flash": true, "__not_in_flash": true,
		"ICACHE_RODATA_ATTR": true, "ICACHE_FLASH_ATTR": true, "DRAM_ATTR": true, "IRAM_ATTR": true,
		"const": true, "volatile": true, "restrict": true, "__restrict": true, "__restrict__": true,
		"constexpr": true, "static": true, "extern": true, "inline": true, "__flash": true, "__memx": true,
	}
}

func isDecoration(s string) bool {
	if decorations()[s] {
		return true
	}
	return strings.HasSuffix(s, "_ATTR") || strings.HasPrefix(s, "PROGMEM")
}

var cKeywordsLazy lazy.Value[map[string]bool]

// cKeywords cannot be names.
func cKeywords() map[string]bool { return cKeywordsLazy.Get(buildCKeywords) }

func buildCKeywords() map[string]bool {
	return map[string]bool{
		"return": true, "sizeof": true, "if": true, "else": true, "while": true, "for": true, "do": true,
		"switch": true, "case": true, "char": true, "int": true, "short": true, "long": true, "unsigned": true,
		"signed": true, "void": true, "struct": true, "union": true, "enum": true, "typedef": true, "auto": true,
		"operator": true, "new": true, "delete": true, "goto": true, "default": true, "this": true,
	}
}

var elemSizesLazy lazy.Value[map[string]int]

// elemSizes maps element type names to their size on 32-bit targets.
func elemSizes() map[string]int { return elemSizesLazy.Get(buildElemSizes) }

func buildElemSizes() map[string]int {
	return map[string]int{
		"char": 1, "uint8_t": 1, "int8_t": 1, "byte": 1, "BYTE": 1, "u8": 1, "s8": 1, "uint8": 1, "int8": 1,
		"UINT8": 1, "INT8": 1, "char8_t": 1, "uchar": 1, "prog_uchar": 1, "prog_char": 1, "boolean": 1, "bool": 1,
		"uint16_t": 2, "int16_t": 2, "short": 2, "char16_t": 2, "u16": 2, "uint16": 2, "WORD": 2, "UINT16": 2,
		"uint32_t": 4, "int32_t": 4, "int": 4, "long": 4, "char32_t": 4, "wchar_t": 4, "u32": 4, "uint32": 4,
		"DWORD": 4, "UINT32": 4, "unsigned": 4, "float": 4,
		"uint64_t": 8, "int64_t": 8, "u64": 8, "uint64": 8, "double": 8,
	}
}

// matchBack finds the opener of the bracket closed by the token k back,
// within the window.
func (c *cReader) matchBack(k int, open, close string) int {
	depth := 0
	for ; ; k++ {
		t, ok := c.back(k)
		if !ok || t.kind == tEOF {
			return -1
		}
		switch {
		case c.is(t, close):
			depth++
		case c.is(t, open):
			depth--
			if depth == 0 {
				return k
			}
		case c.is(t, ";") || c.is(t, "{") || c.is(t, "}"):
			return -1
		}
	}
}

// declBefore reads the declaration or assignment target ending k tokens
// back (k=1 for the token before the "=").
func (c *cReader) declBefore(k int) declInfo {
	di := declInfo{elemSize: 1}
	last, _ := c.back(k - 1)
	dir := last.dir
	tok := func(i int) (token, bool) {
		t, ok := c.back(i)
		if !ok || t.dir != dir || t.kind == tHash {
			return token{}, false
		}
		return t, true
	}
	i := k
	var dims [][2]int // token ranges inside [ ], outermost last
	for {
		t, ok := tok(i)
		if !ok {
			return di
		}
		switch {
		case c.is(t, ")"):
			j := c.matchBack(i, "(", ")")
			if p, ok := tok(j + 1); j < 0 || !ok || p.kind != tIdent {
				return di
			}
			i = j + 2 // an attribute: __attribute__((...)), alignas(4), SECTION("x")
			continue
		case c.is(t, "]"):
			j := c.matchBack(i, "[", "]")
			if j < 0 {
				return di
			}
			dims = append(dims, [2]int{i + 1, j - 1}) // newest and oldest token inside
			i = j + 1
			continue
		case t.kind == tIdent && isDecoration(string(c.d[t.start:t.end])):
			i++
			continue
		}
		break
	}
	nameTok, ok := tok(i)
	if !ok || nameTok.kind != tIdent || cKeywords()[c.text(nameTok)] {
		return di
	}
	di.name = c.text(nameTok)
	di.member = di.name
	di.start = int64(nameTok.start)
	i++
	// Member chains: cfg.cacert_pem_buf, tls->cfg.x; and designators: .x = .
	for {
		sep, ok := tok(i)
		if !ok || !(c.is(sep, ".") || c.is(sep, "->")) {
			break
		}
		owner, ok := tok(i + 1)
		if ok && owner.kind == tIdent {
			di.group = c.text(owner) + c.text(sep) + di.group
			di.name = c.text(owner) + c.text(sep) + di.name
			di.start = int64(owner.start)
			i += 2
			continue
		}
		// A designated initialiser inside braces: { .cacert_pem_buf = ... }.
		f := c.frame()
		di.group = fmt.Sprintf("{%d}", f.seq)
		di.name = f.name + "." + di.name
		di.start = int64(sep.start)
		break
	}
	if di.group == "" || !strings.HasPrefix(di.group, "{") {
		di.group = fmt.Sprintf("%s{%d}", strings.TrimRight(di.group, ".->"), c.frame().seq)
	}
	for j := i; ; j++ {
		t, ok := tok(j)
		if !ok {
			break
		}
		if c.is(t, "*") {
			di.pointer = true
			break
		}
		if t.kind != tIdent || !isDecoration(c.text(t)) {
			break
		}
	}
	// The element type: the type words before the name.
	size := 0
	for j := i; j < i+12; j++ {
		t, ok := tok(j)
		if !ok || t.kind != tIdent {
			if ok && c.is(t, "*") {
				continue
			}
			break
		}
		w := c.text(t)
		if w == "char" {
			size = 1
			break
		}
		if n, ok := elemSizes()[w]; ok && (size == 0 || w == "long" && size == 4) {
			if w == "long" && size == 4 {
				n = 8 // long long
			}
			size = n
		}
	}
	if size > 0 {
		di.elemSize = size
	}
	// Dimensions, outermost first.
	for x := len(dims) - 1; x >= 0; x-- {
		di.dims = append(di.dims, c.dimValue(tok, dims[x][0], dims[x][1], &di))
	}
	return di
}

// dimValue evaluates the tokens between [ and ] (given as back-indices of
// the newest and oldest) as a number or numeric #define: -1 if empty, -2 if
// not understood.
func (c *cReader) dimValue(tok func(int) (token, bool), newest, oldest int, di *declInfo) int {
	var parts []token
	for j := oldest; j >= newest; j-- {
		if t, ok := tok(j); ok {
			parts = append(parts, t)
		}
	}
	if len(parts) == 0 {
		return -1
	}
	if len(parts) == 1 {
		t := parts[0]
		if t.kind == tNumber {
			if v, ok := parseCNumber(c.text(t)); ok && v >= 0 && v < 1<<31 {
				return int(v)
			}
		}
		if v, ok := c.ints[c.text(t)]; ok && t.kind == tIdent && v >= 0 && v < 1<<31 {
			return int(v)
		}
	}
	di.dimOff = int64(parts[0].start)
	return -2
}

// assign handles "=": a declaration or assignment whose value may be a
// literal, an array, or a length.
func (c *cReader) assign() {
	di := c.declBefore(1)
	if di.name == "" {
		return
	}
	c.initializer(di)
}

var wrappersLazy lazy.Value[map[string]bool]

// wrappers are macros that wrap a literal without changing its bytes.
func wrappers() map[string]bool { return wrappersLazy.Get(buildWrappers) }

func buildWrappers() map[string]bool {
	return map[string]bool{"PSTR": true, "F": true, "FPSTR": true, "_T": true, "TEXT": true, "__T": true, "_TEXT": true}
}

// skipCasts consumes casts and wrappers before a value; it returns how many
// parentheses the wrappers opened.
func (c *cReader) skipCasts() int {
	opened := 0
	for n := 0; n < 8; n++ {
		t := c.peek()
		if t.kind == tIdent && wrappers()[c.text(t)] && c.is(c.peekN(1), "(") {
			c.next()
			c.next()
			opened++
			continue
		}
		if !c.is(t, "(") {
			return opened
		}
		// A cast is a parenthesised run of type words and stars.
		k := 1
		for ; k < 12; k++ {
			u := c.peekN(k)
			if u.kind == tIdent && !cKeywords()[c.text(u)] || c.is(u, "*") || c.is(u, "char") || c.is(u, "unsigned") || c.is(u, "signed") || c.is(u, "int") || c.is(u, "long") || c.is(u, "short") || c.is(u, "::") {
				continue
			}
			break
		}
		if k == 1 || !c.is(c.peekN(k), ")") {
			return opened
		}
		after := c.peekN(k + 1)
		if after.kind != tString && after.kind != tIdent && after.kind != tNumber && !c.is(after, "{") && !c.is(after, "(") && !c.is(after, "&") {
			return opened
		}
		for ; k >= 0; k-- {
			c.next()
		}
	}
	return opened
}

// initializer reads what follows "=" for the target di.
func (c *cReader) initializer(di declInfo) {
	opened := c.skipCasts()
	defer func() {
		for ; opened > 0 && c.is(c.peek(), ")"); opened-- {
			c.next()
		}
	}()
	v := c.peek()
	switch {
	case v.kind == tString || c.stringMacro(v) != nil:
		bd, enc, ext, ok := c.literalGroup(di.name)
		if !ok {
			return
		}
		it := c.stringItem(di.name, bd, enc, ext, di)
		c.noteField(di, it, nil, di.start)
	case c.is(v, "{"):
		c.next()
		c.braceInit(di, v)
	default:
		toks := c.exprAhead()
		e := c.parseLenExpr(toks)
		c.noteField(di, nil, toks, di.start)
		if len(di.dims) > 0 || di.pointer || !e.ok {
			return
		}
		if e.kind > 0 && e.add == 0 {
			c.ints[di.member] = int64(e.kind - 1)
		} else {
			c.aliases[di.member] = e
		}
	}
}

// exprAhead returns, without consuming them, the tokens of an expression
// up to a "," ";" "}" or ")" at depth 0 (at most 64 tokens).
func (c *cReader) exprAhead() []token {
	var toks []token
	depth := 0
	for k := 0; k < 64; k++ {
		t := c.peekN(k)
		if t.kind == tEOF || t.kind == tHash || c.endOfDirective(t) {
			break
		}
		if c.is(t, "(") || c.is(t, "[") {
			depth++
		}
		if c.is(t, ")") || c.is(t, "]") {
			if depth == 0 {
				break
			}
			depth--
		}
		if depth == 0 && (c.is(t, ",") || c.is(t, ";") || c.is(t, "}") || c.is(t, "{")) {
			break
		}
		toks = append(toks, t)
	}
	return toks
}

// noteField records assignments to the members that carry a CA buffer or
// its length.
func (c *cReader) noteField(di declInfo, it *Item, toks []token, off int64) {
	if _, ok := fieldPairs()[di.member]; ok {
		f := fieldUse{group: di.group, field: di.member, item: it, off: off}
		if it == nil {
			f.ref = c.refName(toks)
		}
		c.fields = append(c.fields, f)
		return
	}
	if lenFields()[di.member] {
		c.fields = append(c.fields, fieldUse{group: di.group, field: di.member, expr: c.parseLenExpr(toks), off: off})
	}
}

// braceInit reads a brace initialiser whose "{" was just consumed: an
// array of numbers, one string in braces, or an array of strings. Anything
// else (a struct) is left to the main loop, inside a named brace frame.
func (c *cReader) braceInit(di declInfo, open token) {
	k := 0
	for c.is(c.peekN(k), "{") && k < 64 {
		k++
	}
	first := c.peekN(k)
	switch {
	case first.kind == tString || c.stringMacro(first) != nil:
		if k > 0 {
			break
		}
		if di.pointer || len(di.dims) >= 2 {
			c.stringArray(di, open)
			return
		}
		bd, enc, ext, ok := c.literalGroup(di.name)
		if ok {
			ext.Start = int64(open.start)
			it := c.stringItem(di.name, bd, enc, ext, di)
			c.noteField(di, it, nil, di.start)
		}
		if c.is(c.peek(), ",") {
			c.next()
		}
		if t := c.peek(); c.is(t, "}") {
			c.next()
			if it := c.lastItem(); it != nil && it.Name == di.name {
				it.Extent.End = int64(t.end)
			}
		}
		return
	case first.kind == tNumber || first.kind == tChar || c.is(first, "-") || c.is(first, "+") || c.is(first, "(") ||
		first.kind == tIdent && c.ints[c.text(first)] != 0 || c.is(first, "}") && k == 0:
		if !c.is(first, "(") || c.looksNumericCast(k) {
			c.numericArray(di, open)
			return
		}
	}
	c.pushBrace(di.name)
}

// looksNumericCast reports whether the "(" k ahead starts a cast followed
// by a number: {(uint8_t)0x30, ...}.
func (c *cReader) looksNumericCast(k int) bool {
	for j := k + 1; j < k+8; j++ {
		t := c.peekN(j)
		if c.is(t, ")") {
			n := c.peekN(j + 1)
			return n.kind == tNumber || n.kind == tChar || c.is(n, "-")
		}
		if t.kind != tIdent && !c.is(t, "*") {
			return false
		}
	}
	return false
}

func (c *cReader) lastItem() *Item {
	if n := len(c.r.in.Items); n > 0 {
		return c.r.in.Items[n-1]
	}
	return nil
}

// stringArray reads { "a", "b" } as items name[0], name[1].
func (c *cReader) stringArray(di declInfo, open token) {
	inner := di
	inner.dims = nil
	if len(di.dims) >= 2 {
		inner.dims = di.dims[len(di.dims)-1:]
		inner.pointer = false
	} else {
		inner.pointer = true
	}
	for idx := 0; ; idx++ {
		t := c.peek()
		if t.kind != tString && c.stringMacro(t) == nil {
			break
		}
		inner.name = fmt.Sprintf("%s[%d]", di.name, idx)
		bd, enc, ext, ok := c.literalGroup(inner.name)
		if !ok {
			break
		}
		c.stringItem(inner.name, bd, enc, ext, inner)
		if !c.is(c.peek(), ",") {
			break
		}
		c.next()
	}
	if c.is(c.peek(), "}") {
		c.next()
	}
}

// numericArray reads { 0x30, 0x82, ... } (nested braces flattened) up to
// its closing brace.
func (c *cReader) numericArray(di declInfo, open token) {
	var bd builder
	es := di.elemSize
	depth := 1
	neg := false
	bad := false
	count := 0
	end := int64(open.end)
	lo, hi := int64(-1)<<(8*es-1), int64(1)<<(8*es)-1
	if es >= 8 {
		lo, hi = -1<<63, 1<<63-1
	}
	for depth > 0 {
		t := c.peek()
		if t.kind == tEOF || t.kind == tHash || c.is(t, ";") {
			break // unbalanced: do not swallow the rest of the file
		}
		c.next()
		end = int64(t.end)
		var v int64
		have := false
		switch {
		case c.is(t, "{"):
			depth++
		case c.is(t, "}"):
			depth--
		case c.is(t, ","):
			neg = false
		case c.is(t, "-"):
			neg = !neg
		case c.is(t, "+"):
		case c.is(t, "("):
			for n := 0; n < 8 && !c.is(c.peek(), ")") && c.peek().kind != tEOF; n++ {
				c.next()
			}
			if c.is(c.peek(), ")") {
				c.next()
			}
		case t.kind == tNumber:
			n, ok := parseCNumber(c.text(t))
			if !ok {
				c.r.finding("c.array-element-out-of-range", int64(t.start), t.end-t.start, di.name,
					fmt.Sprintf("%s is not a number a compiler accepts, or is too large for any integer type", c.text(t)),
					"write each element as a byte: 0x00 to 0xFF")
				bad = true
			}
			v, have = n, ok
		case t.kind == tChar:
			v, have = c.charValue(t)
		case t.kind == tIdent:
			if n, ok := c.ints[c.text(t)]; ok {
				v, have = n, true
				break
			}
			fallthrough
		default:
			if !bad {
				c.r.finding("c.array-element-not-understood", int64(t.start), t.end-t.start, di.name,
					fmt.Sprintf("%s in the initialiser of %s is not a number, a character constant or a numeric #define; the array was not read", c.text(t), nameOr(di.name)),
					"give tlsdoctor the array with its elements written as numbers (xxd -i writes them so)")
			}
			bad = true
		}
		if !have {
			continue
		}
		if neg {
			v = -v
			neg = false
		}
		if v < lo || v > hi {
			c.r.finding("c.array-element-out-of-range", int64(t.start), t.end-t.start, di.name,
				fmt.Sprintf("%s does not fit a %d-byte element; the compiler keeps only its low %d bits (and C++ rejects it)", c.text(t), es, 8*es),
				"write each element as a byte: 0x00 to 0xFF")
		}
		for b := 0; b < es; b++ {
			bd.put(int64(t.start), int64(t.end-t.start), byte(v>>(8*b)))
		}
		count++
	}
	if bad || c.kinds == FormCString {
		return
	}
	c.literals++
	if c.firstLiteral < 0 {
		c.firstLiteral = open.start
	}
	it := c.r.newItem(di.name, FormCArray, bd.b, bd.p, Extent{int64(open.start), end})
	it.ElemSize = es
	c.setDims(it, di, count, 1)
	c.noteField(di, it, nil, di.start)
	if c.isDisabled() {
		c.disabled[it] = true
	}
	if !certLike(it.Bytes) && !nameLike(di.name) {
		if di.name != "" {
			c.pending[di.name] = it
		}
		return
	}
	c.add(it)
}

// setDims sets an item's declared size from its declaration and reports an
// initialiser that does not fit. extra is 1 for a string's NUL.
func (c *cReader) setDims(it *Item, di declInfo, count, extra int) {
	if len(di.dims) == 0 {
		return
	}
	n := di.dims[len(di.dims)-1]
	switch {
	case n == -2:
		c.r.finding("c.array-size-unknown", di.dimOff, 1, it.Name,
			fmt.Sprintf("the size of %s is written as an expression tlsdoctor does not evaluate, so sizeof(%s) is taken as the initialiser's size", it.Name, it.Name),
			"if the size matters, write it as a number or a numeric #define")
		return
	case n < 0:
		return
	}
	it.DeclaredSize = n
	switch {
	case count > n:
		what := "elements"
		if it.CString {
			what = "characters"
		}
		c.r.finding("c.array-size-too-small", it.Extent.Start, 1, it.Name,
			fmt.Sprintf("%s is declared with %d elements but initialised with %d %s; a C compiler warns and drops the excess, a C++ compiler rejects it", it.Name, n, count, what),
			fmt.Sprintf("declare it with [] to let the compiler size it, or with at least [%d]", count+extra))
	case count == n && extra > 0:
		c.r.finding("c.string-no-room-for-nul", it.Extent.Start, 1, it.Name,
			fmt.Sprintf("%s is declared with exactly %d characters, the length of its string, so C stores no terminating NUL (C++ rejects it): strlen() runs past its end and sizeof() includes no NUL", it.Name, n),
			fmt.Sprintf("declare it with [] or [%d]", n+1))
	}
}

// stringItem turns a decoded literal group into an item, if it is worth
// checking.
func (c *cReader) stringItem(name string, bd builder, enc encoding, ext Extent, di declInfo) *Item {
	it := c.r.newItem(name, FormCString, bd.b, bd.p, ext)
	it.CString = true
	it.ElemSize = enc.size()
	it.Pointer = di.pointer && len(di.dims) == 0
	c.setDims(it, di, len(bd.b)/enc.size(), 1)
	if c.kinds == FormCArray {
		return it
	}
	if c.isDisabled() {
		c.disabled[it] = true
	}
	if !certLike(it.Bytes) && !nameLike(name) {
		// Kept aside: a call may still pass it to the parser.
		if name != "" {
			c.pending[name] = it
		}
		return it
	}
	c.add(it)
	return it
}
