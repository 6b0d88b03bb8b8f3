package profile

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// This file evaluates what the C preprocessor evaluates: the expressions of
// #if/#elif and the integer value of a macro (MBEDTLS_SSL_IN_CONTENT_LEN
// (16384), 0x4000, 4 * 1024). It follows C17 6.10.1: `defined` first, then
// macro replacement, then every remaining identifier is 0, then integer
// arithmetic in intmax_t/uintmax_t.

type tokKind uint8

const (
	tIdent tokKind = iota + 1
	tNumber
	tChar
	tString
	tPunct
)

type token struct {
	kind tokKind
	text string
}

// puncts are the multi-character punctuators the tokenizer knows, longest first.
var puncts = []string{"...", "<<=", ">>=", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "##", "->", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="}

// tokenize splits preprocessor text into tokens. Comments are already gone.
func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n':
			i++
		case isIdentStart(c):
			j := i + 1
			for j < len(s) && isIdentChar(s[j]) {
				j++
			}
			// A prefixed literal (L'x', u8"x") is one token.
			if j < len(s) && (s[j] == '\'' || s[j] == '"') && isEncodingPrefix(s[i:j]) {
				k := literalEnd(s, j)
				toks = append(toks, token{litKind(s[j]), s[i:k]})
				i = k
				continue
			}
			toks = append(toks, token{tIdent, s[i:j]})
			i = j
		case isDigit(c) || c == '.' && i+1 < len(s) && isDigit(s[i+1]):
			// A pp-number: digits, letters, dots and signed exponents.
			j := i + 1
			for j < len(s) {
				d := s[j]
				if (d == '+' || d == '-') && strings.ContainsRune("eEpP", rune(s[j-1])) {
					j++
					continue
				}
				if isIdentChar(d) || d == '.' || d == '\'' && j+1 < len(s) && isIdentChar(s[j+1]) {
					j++
					continue
				}
				break
			}
			toks = append(toks, token{tNumber, s[i:j]})
			i = j
		case c == '\'' || c == '"':
			j := literalEnd(s, i)
			toks = append(toks, token{litKind(c), s[i:j]})
			i = j
		default:
			p := string(c)
			for _, m := range puncts {
				if strings.HasPrefix(s[i:], m) {
					p = m
					break
				}
			}
			toks = append(toks, token{tPunct, p})
			i += len(p)
		}
	}
	return toks
}

func litKind(q byte) tokKind {
	if q == '"' {
		return tString
	}
	return tChar
}

// literalEnd returns the index just past the string or character literal that
// starts with the quote at s[i] (or the end of s when it is not closed).
func literalEnd(s string, i int) int {
	q := s[i]
	j := i + 1
	for j < len(s) && s[j] != q {
		if s[j] == '\\' {
			j++
		}
		j++
	}
	if j >= len(s) {
		return len(s)
	}
	return j + 1
}

func isEncodingPrefix(s string) bool {
	return s == "L" || s == "u" || s == "U" || s == "u8"
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdent(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isIdentChar(s[i]) {
			return false
		}
	}
	return true
}

// macroDef is one macro as the preprocessor keeps it.
type macroDef struct {
	value    string
	funcLike bool
	params   []string
	variadic bool
	file     string // where it was defined ("" for predefined or generated)
	line     int
	// generated is true for macros from tlsdoctor's copies of upstream headers.
	generated bool
	toks      []token // value, tokenized once
}

// tokens returns the macro's replacement list as tokens.
func (m *macroDef) tokens() []token {
	if m.toks == nil && m.value != "" {
		m.toks = tokenize(m.value)
	}
	return m.toks
}

// evalError says why an expression could not be evaluated.
type evalError struct{ msg string }

func (e *evalError) Error() string { return e.msg }

func evalErrorf(format string, args ...any) *evalError {
	return &evalError{fmt.Sprintf(format, args...)}
}

// expander replaces macros in token lists. budget bounds the tokens it may
// produce, so `#define A B B` chains cannot blow up.
type expander struct {
	lookup  func(string) (*macroDef, bool)
	budget  *int
	used    int
	unknown []string // identifiers replaced by 0, in order of appearance
}

// expand performs macro replacement on toks. hide holds the macros being
// expanded, which C forbids expanding again (no recursion).
func (e *expander) expand(toks []token, hide []string, depth int) ([]token, error) {
	var out []token
	err := e.expandInto(&out, toks, hide, depth)
	return out, err
}

// expandInto appends the replacement of toks to *out; writing into one slice
// keeps a deep expansion linear in the tokens it produces.
func (e *expander) expandInto(out *[]token, toks []token, hide []string, depth int) error {
	if depth > 200 {
		return evalErrorf("macros nest more than 200 deep")
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != tIdent || contains(hide, t.text) {
			if err := e.emit(out, t); err != nil {
				return err
			}
			continue
		}
		// `defined X` and `defined(X)` are left for the evaluator, operand untouched.
		if t.text == "defined" {
			n := 1
			if i+1 < len(toks) && toks[i+1].text == "(" && i+2 < len(toks) {
				n = 3
			} else if i+1 >= len(toks) {
				n = 0
			}
			for _, d := range toks[i : i+1+n] {
				if err := e.emit(out, d); err != nil {
					return err
				}
			}
			i += n
			continue
		}
		m, ok := e.lookup(t.text)
		if !ok {
			if err := e.emit(out, t); err != nil {
				return err
			}
			continue
		}
		var body []token
		if m.funcLike {
			if i+1 >= len(toks) || toks[i+1].text != "(" {
				// A function-like name without arguments is not a call.
				if err := e.emit(out, t); err != nil {
					return err
				}
				continue
			}
			args, next, err := collectArgs(toks, i+1)
			if err != nil {
				return err
			}
			body, err = e.substitute(t.text, m, args, hide, depth)
			if err != nil {
				return err
			}
			i = next
		} else {
			body = m.tokens()
		}
		if err := e.expandInto(out, body, append(hide[:len(hide):len(hide)], t.text), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// emit appends one token of output, within the budgets.
func (e *expander) emit(out *[]token, t token) error {
	*out = append(*out, t)
	return e.spend(1)
}

func (e *expander) spend(n int) error {
	e.used += n
	if e.budget != nil {
		*e.budget -= n
		if *e.budget < 0 {
			return errBudget
		}
	}
	if e.used > maxExpansionTokens {
		return evalErrorf("macro expansion produces more than %d tokens", maxExpansionTokens)
	}
	return nil
}

// errBudget reports that the whole read has used up its expansion budget; the
// reader turns it into ErrTooLarge.
var errBudget = &evalError{"macro expansion budget exhausted"}

// collectArgs reads the parenthesised, comma-separated arguments of a call
// starting at toks[open] == "(" and returns them and the index of the ")".
func collectArgs(toks []token, open int) ([][]token, int, error) {
	var args [][]token
	var cur []token
	depth := 0
	for j := open + 1; j < len(toks); j++ {
		switch toks[j].text {
		case "(":
			depth++
		case ")":
			if depth == 0 {
				if len(cur) > 0 || len(args) > 0 {
					args = append(args, cur)
				}
				return args, j, nil
			}
			depth--
		case ",":
			if depth == 0 {
				args = append(args, cur)
				cur = nil
				continue
			}
		}
		cur = append(cur, toks[j])
	}
	return nil, 0, evalErrorf("unterminated argument list")
}

// substitute replaces the parameters of a function-like macro by its fully
// expanded arguments. The stringizing and pasting operators are not modelled.
func (e *expander) substitute(name string, m *macroDef, args [][]token, hide []string, depth int) ([]token, error) {
	if len(args) != len(m.params) && !(m.variadic && len(args) >= len(m.params)) && !(len(m.params) == 0 && len(args) == 0) {
		return nil, evalErrorf("macro %s takes %d arguments, given %d", name, len(m.params), len(args))
	}
	body := tokenize(m.value)
	var out []token
	for _, t := range body {
		if t.text == "#" || t.text == "##" {
			return nil, evalErrorf("macro %s uses # or ##, which is not evaluated", name)
		}
		idx := -1
		if t.kind == tIdent {
			for k, p := range m.params {
				if p == t.text {
					idx = k
				}
			}
			if t.text == "__VA_ARGS__" && m.variadic {
				var va []token
				for k := len(m.params); k < len(args); k++ {
					if k > len(m.params) {
						va = append(va, token{tPunct, ","})
					}
					va = append(va, args[k]...)
				}
				exp, err := e.expand(va, hide, depth+1)
				if err != nil {
					return nil, err
				}
				out = append(out, exp...)
				continue
			}
		}
		if idx < 0 {
			out = append(out, t)
			continue
		}
		exp, err := e.expand(args[idx], hide, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, exp...)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// maxExpansionTokens bounds one expression's expansion.
const maxExpansionTokens = 1 << 14

// value is a preprocessor integer: intmax_t, or uintmax_t when unsigned.
type value struct {
	n uint64
	u bool
}

func (v value) signed() int64 { return int64(v.n) }

func (v value) truth() bool { return v.n != 0 }

func boolValue(b bool) value {
	if b {
		return value{n: 1}
	}
	return value{}
}

// evaluator parses and evaluates a token list with C precedence. skip > 0 while
// evaluating the unevaluated side of && || ?: (where division by zero is fine).
type evaluator struct {
	toks    []token
	pos     int
	depth   int // nesting of parentheses and unary operators, bounded
	defined func(string) bool
	skip    int
	unknown *[]string
}

// evalTokens evaluates an already macro-replaced #if expression.
func evalTokens(toks []token, defined func(string) bool, unknown *[]string) (value, error) {
	if len(toks) == 0 {
		return value{}, evalErrorf("empty expression")
	}
	ev := &evaluator{toks: toks, defined: defined, unknown: unknown}
	v, err := ev.ternary()
	if err != nil {
		return value{}, err
	}
	if ev.pos < len(ev.toks) {
		return value{}, evalErrorf("unexpected %q", ev.toks[ev.pos].text)
	}
	return v, nil
}

func (ev *evaluator) peek() string {
	if ev.pos < len(ev.toks) {
		return ev.toks[ev.pos].text
	}
	return ""
}

func (ev *evaluator) ternary() (value, error) {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > maxExprDepth {
		return value{}, evalErrorf("expression nested more than %d deep", maxExprDepth)
	}
	c, err := ev.binary(0)
	if err != nil {
		return value{}, err
	}
	if ev.peek() != "?" {
		return c, nil
	}
	ev.pos++
	if !c.truth() {
		ev.skip++
	}
	a, err := ev.ternary()
	if !c.truth() {
		ev.skip--
	}
	if err != nil {
		return value{}, err
	}
	if ev.peek() != ":" {
		return value{}, evalErrorf("missing ':' in ?: expression")
	}
	ev.pos++
	if c.truth() {
		ev.skip++
	}
	b, err := ev.ternary()
	if c.truth() {
		ev.skip--
	}
	if err != nil {
		return value{}, err
	}
	r := b
	if c.truth() {
		r = a
	}
	r.u = a.u || b.u
	return r, nil
}

var precedenceLazy lazy.Value[map[string]int]

// precedence of the binary operators, lowest first (C17 6.5.5–6.5.14).
func precedence() map[string]int { return precedenceLazy.Get(buildPrecedence) }

func buildPrecedence() map[string]int {
	return map[string]int{
		"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
		"==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
		"<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
	}
}

func (ev *evaluator) binary(min int) (value, error) {
	l, err := ev.unary()
	if err != nil {
		return value{}, err
	}
	for {
		op := ev.peek()
		p, ok := precedence()[op]
		if !ok || p <= min {
			return l, nil
		}
		ev.pos++
		// && and || do not evaluate their right side when the left decides.
		short := op == "&&" && !l.truth() || op == "||" && l.truth()
		if short {
			ev.skip++
		}
		r, err := ev.binary(p)
		if short {
			ev.skip--
		}
		if err != nil {
			return value{}, err
		}
		if l, err = ev.apply(op, l, r); err != nil {
			return value{}, err
		}
	}
}

func (ev *evaluator) apply(op string, l, r value) (value, error) {
	switch op {
	case "&&":
		return boolValue(l.truth() && r.truth()), nil
	case "||":
		return boolValue(l.truth() || r.truth()), nil
	case "<<", ">>":
		// The result has the type of the left operand; shifting by the width or
		// more is undefined in C, so say so instead of guessing.
		if r.signed() < 0 && !r.u || r.n >= 64 {
			if ev.skip > 0 {
				return value{u: l.u}, nil
			}
			return value{}, evalErrorf("shift by %d", r.signed())
		}
		if op == "<<" {
			return value{n: l.n << r.n, u: l.u}, nil
		}
		if l.u {
			return value{n: l.n >> r.n, u: true}, nil
		}
		return value{n: uint64(l.signed() >> r.n)}, nil
	}
	u := l.u || r.u
	switch op {
	case "==":
		return boolValue(l.n == r.n), nil
	case "!=":
		return boolValue(l.n != r.n), nil
	case "<", ">", "<=", ">=":
		var less, eq bool
		if u {
			less, eq = l.n < r.n, l.n == r.n
		} else {
			less, eq = l.signed() < r.signed(), l.n == r.n
		}
		switch op {
		case "<":
			return boolValue(less), nil
		case ">":
			return boolValue(!less && !eq), nil
		case "<=":
			return boolValue(less || eq), nil
		default:
			return boolValue(!less), nil
		}
	case "+":
		return value{n: l.n + r.n, u: u}, nil
	case "-":
		return value{n: l.n - r.n, u: u}, nil
	case "*":
		return value{n: l.n * r.n, u: u}, nil
	case "&":
		return value{n: l.n & r.n, u: u}, nil
	case "|":
		return value{n: l.n | r.n, u: u}, nil
	case "^":
		return value{n: l.n ^ r.n, u: u}, nil
	case "/", "%":
		if r.n == 0 {
			if ev.skip > 0 {
				return value{u: u}, nil
			}
			return value{}, evalErrorf("division by zero")
		}
		if u {
			if op == "/" {
				return value{n: l.n / r.n, u: true}, nil
			}
			return value{n: l.n % r.n, u: true}, nil
		}
		a, b := l.signed(), r.signed()
		if a == math.MinInt64 && b == -1 {
			return value{n: l.n}, nil // wraps, as two's complement hardware does
		}
		if op == "/" {
			return value{n: uint64(a / b)}, nil
		}
		return value{n: uint64(a % b)}, nil
	}
	return value{}, evalErrorf("operator %q", op)
}

// maxExprDepth bounds the nesting of an expression ((((...)))) or !!!!...,
// so that no input can exhaust the stack.
const maxExprDepth = 1000

func (ev *evaluator) unary() (value, error) {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > maxExprDepth {
		return value{}, evalErrorf("expression nested more than %d deep", maxExprDepth)
	}
	switch ev.peek() {
	case "!":
		ev.pos++
		v, err := ev.unary()
		return boolValue(!v.truth()), err
	case "-":
		ev.pos++
		v, err := ev.unary()
		return value{n: -v.n, u: v.u}, err
	case "+":
		ev.pos++
		return ev.unary()
	case "~":
		ev.pos++
		v, err := ev.unary()
		return value{n: ^v.n, u: v.u}, err
	}
	return ev.primary()
}

func (ev *evaluator) primary() (value, error) {
	if ev.pos >= len(ev.toks) {
		return value{}, evalErrorf("expression ends early")
	}
	t := ev.toks[ev.pos]
	ev.pos++
	switch t.kind {
	case tNumber:
		return parseNumber(t.text)
	case tChar:
		return parseChar(t.text)
	case tString:
		return value{}, evalErrorf("a string (%s) in an #if expression", t.text)
	case tIdent:
		if t.text == "defined" {
			return ev.definedOp()
		}
		if t.text == "__has_include" || t.text == "__has_include_next" || strings.HasPrefix(t.text, "__has_") {
			return value{}, evalErrorf("%s is a compiler query", t.text)
		}
		if ev.peek() == "(" {
			return value{}, evalErrorf("%s(...) is not a macro defined here", t.text)
		}
		if ev.unknown != nil && ev.skip == 0 {
			*ev.unknown = append(*ev.unknown, t.text)
		}
		return value{}, nil // C: any identifier left after replacement is 0
	}
	if t.text == "(" {
		v, err := ev.ternary()
		if err != nil {
			return value{}, err
		}
		if ev.peek() != ")" {
			return value{}, evalErrorf("missing ')'")
		}
		ev.pos++
		return v, nil
	}
	return value{}, evalErrorf("unexpected %q", t.text)
}

func (ev *evaluator) definedOp() (value, error) {
	paren := ev.peek() == "("
	if paren {
		ev.pos++
	}
	if ev.pos >= len(ev.toks) || ev.toks[ev.pos].kind != tIdent {
		return value{}, evalErrorf("defined needs a macro name")
	}
	name := ev.toks[ev.pos].text
	ev.pos++
	if paren {
		if ev.peek() != ")" {
			return value{}, evalErrorf("missing ')' after defined(%s", name)
		}
		ev.pos++
	}
	return boolValue(ev.defined(name)), nil
}

// parseNumber reads a C integer constant: decimal, 0x hex, 0b binary (a GNU and
// C23 form), leading-0 octal, optional u/l/ll suffixes and ' digit separators.
func parseNumber(s string) (value, error) {
	t := strings.ReplaceAll(s, "'", "")
	end := len(t)
	unsigned := false
	for end > 0 && strings.ContainsRune("uUlL", rune(t[end-1])) {
		if t[end-1] == 'u' || t[end-1] == 'U' {
			unsigned = true
		}
		end--
	}
	digits, base := t[:end], 10
	switch {
	case len(digits) > 2 && (digits[:2] == "0x" || digits[:2] == "0X"):
		digits, base = digits[2:], 16
	case len(digits) > 2 && (digits[:2] == "0b" || digits[:2] == "0B"):
		digits, base = digits[2:], 2
	case len(digits) > 1 && digits[0] == '0':
		digits, base = digits[1:], 8
	}
	n, err := strconv.ParseUint(digits, base, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return value{}, evalErrorf("integer constant %s is too large", s)
		}
		return value{}, evalErrorf("%s is not an integer constant", s)
	}
	// A constant too large for intmax_t is unsigned (C17 6.4.4.1).
	return value{n: n, u: unsigned || n > math.MaxInt64}, nil
}

// parseChar reads a character constant ('A', '\n', '\x41', '\101').
func parseChar(s string) (value, error) {
	i := strings.IndexByte(s, '\'')
	if i < 0 || len(s) < i+3 || s[len(s)-1] != '\'' {
		return value{}, evalErrorf("bad character constant %s", s)
	}
	body := s[i+1 : len(s)-1]
	var n uint64
	count := 0
	for len(body) > 0 {
		c, _, tail, err := strconv.UnquoteChar(body, '\'')
		if err != nil {
			return value{}, evalErrorf("bad character constant %s", s)
		}
		n = n<<8 | uint64(c&0xff)
		body = tail
		count++
	}
	if count == 1 && n >= 0x80 && i == 0 {
		n = uint64(int64(int8(n))) // plain char is signed on the compilers mbedTLS targets
	}
	return value{n: n}, nil
}

// replaceDefined turns `defined X` and `defined ( X )` into 1 or 0 before macro
// replacement, as C requires. The names found undefined are added to *undef.
func replaceDefined(toks []token, defined func(string) bool, undef *[]string) ([]token, error) {
	var out []token
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tIdent || toks[i].text != "defined" {
			out = append(out, toks[i])
			continue
		}
		j := i + 1
		paren := j < len(toks) && toks[j].text == "("
		if paren {
			j++
		}
		if j >= len(toks) || toks[j].kind != tIdent {
			return nil, evalErrorf("defined needs a macro name")
		}
		name := toks[j].text
		if paren {
			j++
			if j >= len(toks) || toks[j].text != ")" {
				return nil, evalErrorf("missing ')' after defined(%s", name)
			}
		}
		v := "0"
		if defined(name) {
			v = "1"
		} else if undef != nil {
			*undef = append(*undef, name)
		}
		out = append(out, token{tNumber, v})
		i = j
	}
	return out, nil
}

// evalCondition evaluates the text of an #if or #elif.
func evalCondition(text string, e *expander, defined func(string) bool) (bool, error) {
	return evalConditionTokens(tokenize(text), e, defined)
}

// fixedTokens caches the tokens of expressions that come from tlsdoctor's own
// tables (the generated derivations, the Kconfig dependencies), which are
// evaluated again for every configuration read.
var fixedTokens sync.Map

func tokenizeFixed(text string) []token {
	if t, ok := fixedTokens.Load(text); ok {
		return t.([]token)
	}
	t := tokenize(text)
	fixedTokens.Store(text, t)
	return t
}

func evalConditionTokens(toks []token, e *expander, defined func(string) bool) (bool, error) {
	toks, err := replaceDefined(toks, defined, &e.unknown)
	if err != nil {
		return false, err
	}
	toks, err = e.expand(toks, nil, 0)
	if err != nil {
		return false, err
	}
	v, err := evalTokens(toks, defined, &e.unknown)
	if err != nil {
		return false, err
	}
	return v.truth(), nil
}

// evalInt evaluates a macro's replacement text as an integer, expanding the
// macros it names (MBEDTLS_SSL_IN_CONTENT_LEN MBEDTLS_SSL_MAX_CONTENT_LEN).
// Identifiers that are not macros make it fail instead of counting as 0: a value
// that names an unknown macro is not a number we know.
func evalInt(text string, lookup func(string) (*macroDef, bool)) (int64, bool) {
	budget := maxExpansionTokens
	e := &expander{lookup: lookup, budget: &budget}
	toks, err := e.expand(tokenize(text), nil, 0)
	if err != nil || len(toks) == 0 {
		return 0, false
	}
	var unknown []string
	v, err := evalTokens(toks, func(name string) bool { _, ok := lookup(name); return ok }, &unknown)
	if err != nil || len(unknown) > 0 {
		return 0, false
	}
	if v.u && v.n > math.MaxInt64 {
		return 0, false
	}
	return v.signed(), true
}
