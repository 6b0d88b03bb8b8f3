package profile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// This file is a small C preprocessor: enough of C17 6.10 to read an mbedTLS
// configuration the way the compiler does (#define/#undef, #include, the
// conditional directives and their expressions), bounded so that any input ends.

// Limits that keep any input (an include cycle, 10,000 nested #if, a macro
// that doubles at each level) finite. Real configs are far below each.
const (
	maxIncludeDepth = 64
	maxCondDepth    = 256
	maxFileSize     = 8 << 20
	maxTotalBytes   = 64 << 20
	maxLines        = 1 << 20
	maxTotalTokens  = 1 << 18
)

// source is one file the preprocessor reads.
type source struct {
	name  string // shown in notes: the path as given, or a generated name
	path  string // in the fs.FS; "" for generated text
	text  string
	quiet bool // generated text: no note per #define
}

type cond struct {
	active  bool // this branch is being read
	taken   bool // some branch of this #if was taken
	outer   bool // the enclosing region is active
	sawElse bool
	line    int
}

type loc struct {
	file string
	line int
}

// stats describe the user's own files, for telling a full config from an overlay.
type stats struct {
	defined        map[string]bool // options (known to any version) #defined
	undefs         int
	includesStock  bool // the file #includes the default config itself
	configFileRead bool // the file #includes MBEDTLS_CONFIG_FILE's file
	userFileRead   bool
}

// pp is one run of the preprocessor over one configuration.
type pp struct {
	fsys fs.FS
	v    errcode.MbedVersion
	dirs []string
	top  string // directory of the file the user named

	defs    map[string]*macroDef
	undefAt map[string]loc
	touched map[string]loc // names a user file #defined or #undefined, last place
	// commented are options a user file mentions only in a commented-out
	// directive, where the last such line is.
	commented map[string]loc
	notes     []Note

	stack  []string          // paths being read, outermost first
	guards map[string]string // path -> include-guard macro
	once   map[string]bool
	cache  map[string]string

	userFile string // overlay mode: the file standing for MBEDTLS_USER_CONFIG_FILE
	stats    stats

	lines, bytes int
	budget       int // expansion tokens left for the whole run
	textNoted    map[string]bool
}

func newPP(fsys fs.FS, v errcode.MbedVersion, dirs []string, top string) *pp {
	return &pp{
		fsys:      fsys,
		v:         v,
		dirs:      dirs,
		top:       top,
		defs:      map[string]*macroDef{},
		undefAt:   map[string]loc{},
		touched:   map[string]loc{},
		commented: map[string]loc{},
		guards:    map[string]string{},
		once:      map[string]bool{},
		cache:     map[string]string{},
		budget:    maxTotalTokens,
		textNoted: map[string]bool{},
		stats:     stats{defined: map[string]bool{}},
	}
}

func (p *pp) note(kind NoteKind, file string, line int, name, format string, args ...any) {
	p.notes = append(p.notes, Note{Kind: kind, File: file, Line: line, Name: name, Text: fmt.Sprintf(format, args...)})
}

func (p *pp) lookup(name string) (*macroDef, bool) {
	m, ok := p.defs[name]
	return m, ok
}

func (p *pp) isDefined(name string) bool { _, ok := p.defs[name]; return ok }

// define sets an object-like macro from generated data (stock options, -D
// values). A Macros value is always taken as object-like.
func (p *pp) define(name, value string, generated bool) {
	p.defs[name] = &macroDef{value: value, generated: generated}
}

func (p *pp) macros() Macros {
	out := make(Macros, len(p.defs))
	for name, m := range p.defs {
		v := m.value
		if m.funcLike {
			ps := append([]string(nil), m.params...)
			if m.variadic {
				ps = append(ps, "...")
			}
			v = strings.TrimSpace("(" + strings.Join(ps, ", ") + ") " + m.value)
		}
		out[name] = v
	}
	return out
}

// ConfigError is a configuration tlsdoctor could not read at all: an include
// cycle, nesting or size beyond the limits, a file that cannot be opened.
type ConfigError struct {
	File string // where reading stopped
	Line int
	Err  error  // ErrIncludeCycle, ErrTooDeep, ErrTooLarge, or an fs error
	What string // details: the include chain, the limit
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	if e.What != "" {
		b.WriteString(": ")
		b.WriteString(e.What)
	}
	return b.String()
}

func (e *ConfigError) Unwrap() error { return e.Err }

// The reasons a configuration cannot be read, for errors.Is.
var (
	ErrIncludeCycle = errors.New("include cycle")
	ErrTooDeep      = errors.New("nested too deep")
	ErrTooLarge     = errors.New("configuration too large")
)

// logical is one line after the preprocessor's first phases: continuation lines
// spliced, comments replaced by a space.
type logical struct {
	text string
	line int
}

// splitLines performs translation phases 1–3 on a file: CR LF and lone CR end
// lines, backslash-newline splices lines, comments become one space (a block
// comment may join lines, as in C). It reports an unterminated block comment by
// the line it starts on.
func splitLines(text string) (out []logical, openComment int, commented []commentedOut) {
	const (
		normal = iota
		block
		lineComment
		str
		chr
	)
	state := normal
	phys := 1
	start := 1
	var b strings.Builder
	commentStart := 0
	emit := func() {
		out = append(out, logical{b.String(), start})
		b.Reset()
	}
	// The text of the comment being read on the current physical line, to spot
	// commented-out directives (//#define X, /* #undef X */).
	var cb strings.Builder
	endComment := func() {
		if d, ok := commentedDirective(cb.String()); ok {
			d.line = phys
			commented = append(commented, d)
		}
		cb.Reset()
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		// Line endings: \r\n, \r, \n all end a physical line.
		if c == '\r' {
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			c = '\n'
		}
		if c == '\\' {
			j := i + 1
			if j < len(text) && (text[j] == '\n' || text[j] == '\r') {
				if text[j] == '\r' && j+1 < len(text) && text[j+1] == '\n' {
					j++
				}
				i = j
				phys++
				continue
			}
		}
		switch state {
		case normal:
			switch {
			case c == '\n':
				emit()
				phys++
				start = phys
				continue
			case c == '/' && i+1 < len(text) && text[i+1] == '*':
				state, commentStart = block, phys
				b.WriteByte(' ')
				i++
				continue
			case c == '/' && i+1 < len(text) && text[i+1] == '/':
				state = lineComment
				b.WriteByte(' ')
				i++
				continue
			case c == '"':
				state = str
			case c == '\'':
				state = chr
			}
			b.WriteByte(c)
		case str, chr:
			q := byte('"')
			if state == chr {
				q = '\''
			}
			switch {
			case c == '\n':
				// An unterminated literal ends with its line, as in GCC.
				state = normal
				emit()
				phys++
				start = phys
				continue
			case c == '\\' && i+1 < len(text) && text[i+1] != '\n' && text[i+1] != '\r':
				b.WriteByte(c)
				i++
				c = text[i]
			case c == q:
				state = normal
			}
			b.WriteByte(c)
		case block:
			if c == '\n' {
				endComment()
				phys++
			} else if c == '*' && i+1 < len(text) && text[i+1] == '/' {
				endComment()
				state = normal
				i++
			} else {
				cb.WriteByte(c)
			}
		case lineComment:
			if c == '\n' {
				endComment()
				state = normal
				emit()
				phys++
				start = phys
			} else {
				cb.WriteByte(c)
			}
		}
	}
	if state == block || state == lineComment {
		endComment()
	}
	if b.Len() > 0 || state == block {
		emit()
	}
	if state == block {
		openComment = commentStart
	}
	return out, openComment, commented
}

func splitSource(src source) ([]logical, int, []commentedOut) {
	return splitLines(src.text)
}

// commentedOut is a directive inside a comment: a line a user turned off.
type commentedOut struct {
	directive, name string
	line            int
}

// commentedDirective recognises "#define NAME ..." or "#undef NAME" as the text
// of a comment line (after any leading "*" of a block comment).
func commentedDirective(text string) (commentedOut, bool) {
	t := strings.TrimLeft(text, " \t*/")
	dir, rest, ok := directiveName(t)
	if !ok || dir != "define" && dir != "undef" {
		return commentedOut{}, false
	}
	i := 0
	for i < len(rest) && isIdentChar(rest[i]) {
		i++
	}
	if !isIdent(rest[:i]) {
		return commentedOut{}, false
	}
	return commentedOut{directive: dir, name: rest[:i]}, true
}

// directiveName splits "#  define X 1" into "define" and "X 1". ok is false
// for a line that is not a directive.
func directiveName(text string) (name, rest string, ok bool) {
	t := strings.TrimLeft(text, " \t\f\v")
	if !strings.HasPrefix(t, "#") {
		return "", "", false
	}
	t = strings.TrimLeft(t[1:], " \t\f\v")
	i := 0
	for i < len(t) && isIdentChar(t[i]) {
		i++
	}
	return t[:i], strings.TrimSpace(t[i:]), true
}

// normalizeValue collapses whitespace runs outside literals to one space, as
// gcc -dM prints a replacement list.
func normalizeValue(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' || c == '\'' {
			j := literalEnd(s, i)
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i:j])
			i = j - 1
			continue
		}
		if c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// run reads one source, including what it includes.
func (p *pp) run(src source) error {
	if src.path != "" {
		for _, s := range p.stack {
			if s == src.path {
				chain := append(append([]string(nil), p.stack...), src.path)
				return &ConfigError{File: src.name, Err: ErrIncludeCycle, What: strings.Join(chain, " -> ")}
			}
		}
		p.stack = append(p.stack, src.path)
		defer func() { p.stack = p.stack[:len(p.stack)-1] }()
	}
	if len(p.stack) > maxIncludeDepth {
		return &ConfigError{File: src.name, Err: ErrTooDeep, What: fmt.Sprintf("#include nested more than %d deep", maxIncludeDepth)}
	}
	p.bytes += len(src.text)
	if p.bytes > maxTotalBytes {
		return &ConfigError{File: src.name, Err: ErrTooLarge, What: fmt.Sprintf("more than %d MiB read in all", maxTotalBytes>>20)}
	}
	lines, openComment, commented := splitSource(src)
	if openComment > 0 {
		p.note(NoteProblem, src.name, openComment, "", "unterminated /* comment: the rest of the file is comment")
	}
	if src.quiet {
		commented = nil
	}
	// noteCommented reports the commented-out option directives before line n,
	// so that notes keep the file's order.
	noteCommented := func(n int) {
		for len(commented) > 0 && commented[0].line < n {
			c := commented[0]
			commented = commented[1:]
			if !knownAnywhere(c.name) {
				continue
			}
			if _, seen := p.commented[c.name]; !seen {
				p.commented[c.name] = loc{src.name, c.line}
			}
			p.note(NoteIgnored, src.name, c.line, c.name, "#%s %s is commented out: this line does nothing", c.directive, c.name)
		}
	}
	defer noteCommented(int(^uint(0) >> 1))
	if src.path != "" {
		if g := guardOf(lines); g != "" {
			p.guards[src.path] = g
		}
	}
	var conds []cond
	active := func() bool { return len(conds) == 0 || conds[len(conds)-1].active }
	name := src.name
	lineBase := 0 // #line adjustment: reported line = physical line + lineBase
	for _, l := range lines {
		p.lines++
		if p.lines > maxLines {
			return &ConfigError{File: name, Line: l.line + lineBase, Err: ErrTooLarge, What: fmt.Sprintf("more than %d lines", maxLines)}
		}
		noteCommented(l.line + 1)
		at := l.line + lineBase
		dir, rest, ok := directiveName(l.text)
		if !ok {
			if active() && strings.TrimSpace(l.text) != "" && !src.quiet && !p.textNoted[name] {
				p.textNoted[name] = true
				p.note(NoteIgnored, name, at, "", "text that is not a preprocessor directive is ignored (first such line)")
			}
			continue
		}
		switch dir {
		case "if", "ifdef", "ifndef":
			if len(conds) >= maxCondDepth {
				return &ConfigError{File: name, Line: at, Err: ErrTooDeep, What: fmt.Sprintf("#if nested more than %d deep", maxCondDepth)}
			}
			c := cond{outer: active(), line: at}
			if c.outer {
				v, err := p.condition(dir, rest, name, at, src.quiet)
				if err != nil {
					return err
				}
				c.active, c.taken = v, v
			}
			conds = append(conds, c)
			continue
		case "elif", "elifdef", "elifndef":
			if len(conds) == 0 {
				p.note(NoteProblem, name, at, "", "#%s without #if", dir)
				continue
			}
			c := &conds[len(conds)-1]
			if c.sawElse {
				p.note(NoteProblem, name, at, "", "#%s after #else", dir)
			}
			if !c.outer || c.taken {
				c.active = false
				continue
			}
			v, err := p.condition(dir, rest, name, at, src.quiet)
			if err != nil {
				return err
			}
			c.active, c.taken = v, v
			continue
		case "else":
			if len(conds) == 0 {
				p.note(NoteProblem, name, at, "", "#else without #if")
				continue
			}
			c := &conds[len(conds)-1]
			if c.sawElse {
				p.note(NoteProblem, name, at, "", "second #else for the #if of line %d", c.line)
			}
			c.sawElse = true
			c.active = c.outer && !c.taken
			c.taken = true
			continue
		case "endif":
			if len(conds) == 0 {
				p.note(NoteProblem, name, at, "", "#endif without #if")
				continue
			}
			conds = conds[:len(conds)-1]
			continue
		}
		if !active() {
			continue
		}
		switch dir {
		case "define":
			p.doDefine(src, name, at, rest)
		case "undef":
			p.doUndef(src, name, at, rest)
		case "include", "include_next", "import":
			if err := p.doInclude(src, name, at, dir, rest); err != nil {
				return err
			}
		case "error":
			p.note(NoteProblem, name, at, "", "#error %s: a compiler would stop here, so this config does not build as read (check the -D macros and include directories given)", rest)
		case "warning":
			if !src.quiet {
				p.note(NoteIgnored, name, at, "", "#warning %s", rest)
			}
		case "pragma":
			if strings.TrimSpace(rest) == "once" {
				if src.path != "" {
					p.once[src.path] = true
				}
			} else if !src.quiet {
				p.note(NoteIgnored, name, at, "", "#pragma %s ignored", rest)
			}
		case "line":
			n, file, ok := parseLine(rest)
			if !ok {
				p.note(NoteUnevaluated, name, at, "", "#line %s not understood; line numbers may be off", rest)
				continue
			}
			if file != "" {
				name = file
				if src.quiet {
					name = file + "@" + p.v.Release()
				}
			}
			lineBase = n - l.line - 1
		case "":
			// The null directive.
		case "ident", "sccs", "assert", "unassert":
			if !src.quiet {
				p.note(NoteIgnored, name, at, "", "#%s ignored", dir)
			}
		default:
			p.note(NoteUnevaluated, name, at, "", "#%s %s is not a directive tlsdoctor knows: ignored", dir, rest)
		}
	}
	for i := len(conds) - 1; i >= 0; i-- {
		p.note(NoteProblem, name, conds[i].line, "", "#if without #endif (unterminated at the end of %s)", name)
	}
	return nil
}

// parseLine reads the operands of #line: a number and an optional file name.
func parseLine(rest string) (int, string, bool) {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return 0, "", false
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 {
		return 0, "", false
	}
	if len(f) > 1 {
		s, err := strconv.Unquote(f[1])
		if err != nil {
			return 0, "", false
		}
		return n, s, true
	}
	return n, "", true
}

// guardOf returns the include-guard macro of a file whose first directives are
// "#ifndef X" and "#define X", or "".
func guardOf(lines []logical) string {
	var first []string
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		d, rest, ok := directiveName(l.text)
		if !ok {
			return ""
		}
		first = append(first, d+" "+rest)
		if len(first) == 2 {
			break
		}
	}
	if len(first) < 2 {
		return ""
	}
	var g string
	switch {
	case strings.HasPrefix(first[0], "ifndef "):
		g = strings.TrimSpace(strings.TrimPrefix(first[0], "ifndef "))
	case strings.HasPrefix(first[0], "if !defined(") && strings.HasSuffix(first[0], ")"):
		g = strings.TrimSuffix(strings.TrimPrefix(first[0], "if !defined("), ")")
	default:
		return ""
	}
	if isIdent(g) && strings.TrimSpace(first[1]) == "define "+g {
		return g
	}
	return ""
}

// condition evaluates #if/#ifdef/#ifndef/#elif... A directive that cannot be
// evaluated is taken as true, with a note saying so.
func (p *pp) condition(dir, rest, file string, line int, quiet bool) (bool, error) {
	switch dir {
	case "ifdef", "ifndef", "elifdef", "elifndef":
		name := rest
		if i := strings.IndexAny(name, " \t"); i >= 0 {
			name = name[:i]
		}
		if !isIdent(name) {
			p.note(NoteUnevaluated, file, line, "", "#%s %s: not a macro name; taken as true", dir, rest)
			return true, nil
		}
		d := p.isDefined(name)
		if dir == "ifndef" || dir == "elifndef" {
			return !d, nil
		}
		return d, nil
	}
	if rest == "" {
		p.note(NoteUnevaluated, file, line, "", "#%s with no expression; taken as true", dir)
		return true, nil
	}
	e := &expander{lookup: p.lookup, budget: &p.budget}
	toks := tokenizeFixed
	if !quiet {
		toks = tokenize // the user's text: not worth keeping
	}
	v, err := evalConditionTokens(toks(rest), e, p.isDefined)
	if err == errBudget {
		return false, &ConfigError{File: file, Line: line, Err: ErrTooLarge, What: "macro expansion exceeds the budget of the whole read"}
	}
	if err != nil {
		p.note(NoteUnevaluated, file, line, "", "#%s %s: cannot be evaluated (%v); taken as true", dir, rest, err)
		return true, nil
	}
	// Identifiers the compiler itself may define (__GNUC__, _WIN32, ESP_PLATFORM)
	// count as 0 here, as they would for a compiler that does not define them.
	var assumed []string
	for _, u := range e.unknown {
		if compilerProvided(u) && !contains(assumed, u) {
			assumed = append(assumed, u)
		}
	}
	if len(assumed) > 0 && !quiet {
		p.note(NoteUnevaluated, file, line, "", "#%s %s: %s taken as not defined (the device's compiler or build may define it; pass it as a -D macro if so)", dir, rest, strings.Join(assumed, ", "))
	}
	return v, nil
}

// compilerProvided reports whether a name looks like one a compiler or an SDK
// build defines (reserved names, target and SDK markers) rather than a config option.
func compilerProvided(name string) bool {
	if strings.HasPrefix(name, "__") || len(name) > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z' {
		return true
	}
	for _, p := range []string{"ESP_PLATFORM", "ARDUINO", "CONFIG_", "NRF", "STM32", "ZEPHYR", "PLATFORMIO", "IDF_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func (p *pp) doDefine(src source, file string, line int, rest string) {
	i := 0
	for i < len(rest) && isIdentChar(rest[i]) {
		i++
	}
	name := rest[:i]
	if !isIdent(name) {
		p.note(NoteUnevaluated, file, line, "", "#define %s: no macro name; ignored", rest)
		return
	}
	m := &macroDef{file: file, line: line, generated: src.quiet}
	body := rest[i:]
	if strings.HasPrefix(body, "(") {
		end := strings.IndexByte(body, ')')
		if end < 0 {
			p.note(NoteUnevaluated, file, line, name, "#define %s: unterminated parameter list; ignored", rest)
			return
		}
		m.funcLike = true
		if inner := strings.TrimSpace(body[1:end]); inner != "" {
			for _, f := range strings.Split(inner, ",") {
				f = strings.TrimSpace(f)
				switch {
				case f == "...":
					m.variadic = true
				case isIdent(f):
					m.params = append(m.params, f)
				default:
					p.note(NoteUnevaluated, file, line, name, "#define %s: parameter %q not understood; ignored", rest, f)
					return
				}
			}
		}
		body = body[end+1:]
	} else if body != "" && body[0] != ' ' && body[0] != '\t' {
		// C requires white space after an object-like macro's name; GCC warns and
		// goes on, and so do we.
		p.note(NoteProblem, file, line, name, "#define %s: no space after the macro name", rest)
	}
	m.value = normalizeValue(body)
	if old, ok := p.defs[name]; ok && !src.quiet && (old.value != m.value || old.funcLike != m.funcLike) {
		where := "predefined"
		if old.file != "" {
			where = fmt.Sprintf("%s:%d", old.file, old.line)
		}
		p.note(NoteProblem, file, line, name, "%s redefined without #undef (was %q, %s): the new value applies, and compilers warn", name, old.value, where)
	}
	p.defs[name] = m
	delete(p.undefAt, name)
	if src.quiet {
		return
	}
	p.touched[name] = loc{file, line}
	if knownAnywhere(name) {
		p.stats.defined[name] = true
	}
	shown := name
	if m.funcLike {
		shown = name + "(" + strings.Join(m.params, ", ") + ")"
	}
	if m.value == "" {
		p.note(NoteDefine, file, line, name, "#define %s", shown)
	} else {
		p.note(NoteDefine, file, line, name, "#define %s %s", shown, m.value)
	}
}

func (p *pp) doUndef(src source, file string, line int, rest string) {
	name := strings.TrimSpace(rest)
	if i := strings.IndexAny(name, " \t"); i >= 0 {
		name = name[:i]
	}
	if !isIdent(name) {
		p.note(NoteUnevaluated, file, line, "", "#undef %s: no macro name; ignored", rest)
		return
	}
	_, was := p.defs[name]
	delete(p.defs, name)
	p.undefAt[name] = loc{file, line}
	if src.quiet {
		return
	}
	p.touched[name] = loc{file, line}
	p.stats.undefs++
	if was {
		p.note(NoteUndef, file, line, name, "#undef %s", name)
	} else {
		p.note(NoteUndef, file, line, name, "#undef %s (it was not defined at this point, so this changes nothing)", name)
	}
}

// includeTarget works out the file an #include names: "file", <file>, or a
// macro that expands to either (#include MBEDTLS_USER_CONFIG_FILE).
func (p *pp) includeTarget(rest string) (name string, angle bool, err error) {
	r := strings.TrimSpace(rest)
	switch {
	case strings.HasPrefix(r, "\""):
		end := strings.IndexByte(r[1:], '"')
		if end < 0 {
			return "", false, evalErrorf("unterminated file name")
		}
		return r[1 : 1+end], false, nil
	case strings.HasPrefix(r, "<"):
		end := strings.IndexByte(r, '>')
		if end < 0 {
			return "", false, evalErrorf("unterminated <file name>")
		}
		return r[1:end], true, nil
	}
	e := &expander{lookup: p.lookup, budget: &p.budget}
	toks, err := e.expand(tokenize(r), nil, 0)
	if err != nil {
		return "", false, err
	}
	if len(toks) == 1 && toks[0].kind == tString {
		s, err := strconv.Unquote(toks[0].text)
		if err != nil {
			s = strings.Trim(toks[0].text, "\"")
		}
		return s, false, nil
	}
	if len(toks) >= 3 && toks[0].text == "<" && toks[len(toks)-1].text == ">" {
		var b strings.Builder
		for _, t := range toks[1 : len(toks)-1] {
			b.WriteString(t.text)
		}
		return b.String(), true, nil
	}
	return "", false, evalErrorf("%s does not expand to a file name", r)
}

// virtualHeader is a header tlsdoctor supplies itself when the user's include
// directories do not hold it: the upstream default config of the version read.
func (p *pp) virtualHeader(name string) (string, bool) {
	n := strings.TrimPrefix(path.Clean(name), "./")
	switch {
	case p.v == errcode.Mbed228 && (n == "mbedtls/config.h" || n == "config.h"):
		return "mbedtls/config.h", true
	case p.v == errcode.Mbed36 && (n == "mbedtls/mbedtls_config.h" || n == "mbedtls_config.h"):
		return "mbedtls/mbedtls_config.h", true
	case p.v == errcode.Mbed36 && n == "psa/crypto_config.h":
		return "psa/crypto_config.h", true
	}
	return "", false
}

func (p *pp) doInclude(src source, file string, line int, dir, rest string) error {
	name, angle, err := p.includeTarget(rest)
	if err != nil {
		p.note(NoteUnevaluated, file, line, "", "#%s %s: %v; not followed", dir, rest, err)
		return nil
	}
	shown := "\"" + name + "\""
	if angle {
		shown = "<" + name + ">"
	}
	if r := strings.TrimSpace(rest); !strings.HasPrefix(r, "\"") && !strings.HasPrefix(r, "<") {
		shown = r + " (" + shown + ")" // #include MBEDTLS_USER_CONFIG_FILE
	}
	base := path.Base(name)
	switch {
	case base == "check_config.h":
		p.note(NoteIgnored, file, line, "", "#%s %s ignored: check_config.h only rejects inconsistent configs with #error, it sets nothing", dir, shown)
		return nil
	case name == "mbedtls/build_info.h" || name == "build_info.h":
		p.note(NoteIgnored, file, line, "", "#%s %s ignored: build_info.h is what reads the config, so including it from the config would read it twice", dir, shown)
		return nil
	}
	found, data, err := p.resolve(src, name, angle)
	if err != nil {
		return &ConfigError{File: file, Line: line, Err: err, What: "reading " + shown}
	}
	if found == "" {
		if v, ok := p.virtualHeader(name); ok {
			return p.includeVirtual(file, line, dir, shown, v)
		}
		if angle {
			p.note(NoteIgnored, file, line, "", "#%s %s ignored: a system header, not part of the config", dir, shown)
			return nil
		}
		other := ""
		if p.v == errcode.Mbed36 && path.Base(name) == "config.h" {
			other = " (3.6 has no mbedtls/config.h: 3.0 renamed it mbedtls_config.h)"
		} else if p.v == errcode.Mbed228 && path.Base(name) == "mbedtls_config.h" {
			other = " (2.28 has no mbedtls_config.h: its config is mbedtls/config.h)"
		}
		p.note(NoteProblem, file, line, "", "#%s %s: not found next to %s or in the include directories given%s; not followed, so whatever it sets is missing here", dir, shown, file, other)
		return nil
	}
	if p.once[found] {
		return nil
	}
	if g, ok := p.guards[found]; ok && p.isDefined(g) {
		return nil // guarded and already read: a no-op, as for the compiler
	}
	if !src.quiet {
		p.note(NoteInclude, file, line, "", "#%s %s: reading %s", dir, shown, found)
	}
	p.markSpecial(name, found)
	return p.run(source{name: found, path: found, text: data})
}

// markSpecial records that the file a config macro names was read, so that the
// MBEDTLS_CONFIG_FILE / MBEDTLS_USER_CONFIG_FILE steps do not read it again.
func (p *pp) markSpecial(name, found string) {
	if s, ok := p.stringMacro("MBEDTLS_CONFIG_FILE"); ok && (s == name || s == found) {
		p.stats.configFileRead = true
	}
	if s, ok := p.stringMacro("MBEDTLS_USER_CONFIG_FILE"); ok && (s == name || s == found) {
		p.stats.userFileRead = true
	}
}

// stringMacro returns the file name a macro holds ("name.h" or <name.h>).
func (p *pp) stringMacro(name string) (string, bool) {
	m, ok := p.defs[name]
	if !ok || m.funcLike {
		return "", false
	}
	v := strings.TrimSpace(m.value)
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '<' && v[len(v)-1] == '>') {
		return v[1 : len(v)-1], true
	}
	return "", false
}

// resolve finds an included file: next to the including file, next to the file
// the user named, then in the include directories, in that order ("file"), or
// in the include directories only (<file>). found is "" when none has it.
func (p *pp) resolve(src source, name string, angle bool) (found, data string, err error) {
	if p.fsys == nil {
		return "", "", nil // generated configs have no files
	}
	var cands []string
	if path.IsAbs(name) {
		cands = append(cands, strings.TrimPrefix(name, "/"))
	} else {
		if !angle {
			if src.path != "" {
				cands = append(cands, path.Join(path.Dir(src.path), name))
			}
			cands = append(cands, path.Join(p.top, name))
		}
		for _, d := range p.dirs {
			cands = append(cands, path.Join(d, name))
		}
	}
	for _, c := range cands {
		if !fs.ValidPath(c) {
			continue
		}
		if d, ok := p.cache[c]; ok {
			return c, d, nil
		}
		d, err := readLimited(p.fsys, c)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) || isDirErr(p.fsys, c) {
			continue
		}
		if err != nil {
			return "", "", err
		}
		p.cache[c] = d
		return c, d, nil
	}
	return "", "", nil
}

func isDirErr(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

// readLimited reads a file of at most maxFileSize bytes.
func readLimited(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "", fs.ErrInvalid
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return "", err
	}
	if len(data) > maxFileSize {
		return "", &ConfigError{File: name, Err: ErrTooLarge, What: fmt.Sprintf("larger than %d MiB", maxFileSize>>20)}
	}
	return string(data), nil
}

// includeVirtual applies a header tlsdoctor carries (the stock config) where the
// user's include directories have none.
func (p *pp) includeVirtual(file string, line int, dir, shown, name string) error {
	p.stats.includesStock = p.stats.includesStock || name != "psa/crypto_config.h"
	if file != "" {
		p.note(NoteInclude, file, line, "", "#%s %s: not in the include directories given, so the upstream default of mbedTLS %s is used", dir, shown, p.v.Release())
	}
	return p.applyStock(name)
}

// applyStock defines the options of an upstream default config header, as
// including it would, and for 2.28 also runs the tail of config.h that reads
// MBEDTLS_USER_CONFIG_FILE.
func (p *pp) applyStock(name string) error {
	var opts Macros
	switch name {
	case "mbedtls/config.h":
		opts = options228()
	case "mbedtls/mbedtls_config.h":
		opts = options36()
	case "psa/crypto_config.h":
		opts = psaConfig36()
	}
	for _, n := range sortedNames(opts) {
		p.define(n, opts[n], true)
	}
	if name == "mbedtls/config.h" {
		// config.h@2.28 ends by including the user config file.
		return p.userConfigStep(name + "@" + p.v.Release())
	}
	return nil
}

// userConfigStep reads MBEDTLS_USER_CONFIG_FILE where the library would: at the
// end of config.h (2.28) or after the config file in build_info.h (3.6). In
// overlay mode the user's file plays that part.
func (p *pp) userConfigStep(from string) error {
	if p.userFile != "" {
		f := p.userFile
		p.userFile = ""
		data, err := readLimited(p.fsys, f)
		if err != nil {
			return &ConfigError{File: f, Err: err}
		}
		p.stats.userFileRead = true
		return p.run(source{name: f, path: f, text: data})
	}
	name, ok := p.stringMacro("MBEDTLS_USER_CONFIG_FILE")
	if !ok || p.stats.userFileRead {
		if _, defined := p.defs["MBEDTLS_USER_CONFIG_FILE"]; defined && !ok {
			p.note(NoteUnevaluated, from, 0, "MBEDTLS_USER_CONFIG_FILE", "MBEDTLS_USER_CONFIG_FILE is %s, not a file name; not followed", p.defs["MBEDTLS_USER_CONFIG_FILE"].value)
		}
		return nil
	}
	p.stats.userFileRead = true
	return p.includeNamed(from, "MBEDTLS_USER_CONFIG_FILE", name)
}

// includeNamed reads the file a config macro names, as the library's own
// #include MBEDTLS_..._FILE would.
func (p *pp) includeNamed(from, macro, name string) error {
	top := source{name: from}
	found, data, err := p.resolve(top, name, false)
	if err != nil {
		return &ConfigError{File: name, Err: err}
	}
	if found == "" {
		if v, ok := p.virtualHeader(name); ok {
			p.note(NoteInclude, "", 0, macro, "%s names %q: not in the include directories given, so the upstream default of mbedTLS %s is used", macro, name, p.v.Release())
			return p.applyStock(v)
		}
		p.note(NoteProblem, "", 0, macro, "%s names %q, which is not next to the config or in the include directories given: what it sets is missing here", macro, name)
		return nil
	}
	p.note(NoteInclude, "", 0, macro, "%s names %q: reading %s, as %s does", macro, name, found, from)
	return p.run(source{name: found, path: found, text: data})
}

func sortedNames(m Macros) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
