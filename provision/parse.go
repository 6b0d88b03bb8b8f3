package provision

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// MaxDialogueSize bounds a dialogue file: dialogues are a few dozen lines.
const MaxDialogueSize = 256 << 10

// Default timeouts, when a step gives none.
const (
	DefaultExpectTimeout = 10 * time.Second
	DefaultBenchTimeout  = 60 * time.Second
	DefaultEchoTimeout   = 2 * time.Second
)

// SyntaxError is a dialogue file that cannot be read: where and why.
type SyntaxError struct {
	File string
	Line int // 1-based; 0 for the whole file
	Col  int // 1-based byte column; 0 when the whole line is at fault
	Msg  string
}

func (e *SyntaxError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// token is one word, "quoted string" or /regexp/ of a line.
type token struct {
	text string
	kind byte // 'w' word, 's' string, 'r' regexp
	col  int
}

type parser struct {
	file string
	line int
	toks []token
	pos  int
	d    *Dialogue
}

func (p *parser) errAt(col int, format string, args ...any) *SyntaxError {
	return &SyntaxError{File: p.file, Line: p.line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// lex splits one line into tokens; "#" outside a string starts a comment.
func lex(line string) ([]token, *SyntaxError) {
	var toks []token
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '#':
			return toks, nil
		case c == '"':
			s, n, err := unquote(line[i:])
			if err != "" {
				return nil, &SyntaxError{Col: i + 1 + n, Msg: err}
			}
			toks = append(toks, token{text: s, kind: 's', col: i + 1})
			i += n
		case c == '/':
			j := i + 1
			var b strings.Builder
			for ; j < len(line) && line[j] != '/'; j++ {
				if line[j] == '\\' && j+1 < len(line) && line[j+1] == '/' {
					j++
				}
				if line[j] == '\\' && j+1 < len(line) && line[j+1] != '/' {
					b.WriteByte('\\')
					j++
				}
				b.WriteByte(line[j])
			}
			if j >= len(line) {
				return nil, &SyntaxError{Col: i + 1, Msg: "regexp not closed: end it with /"}
			}
			toks = append(toks, token{text: b.String(), kind: 'r', col: i + 1})
			i = j + 1
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				j++
			}
			toks = append(toks, token{text: line[i:j], kind: 'w', col: i + 1})
			i = j
		}
	}
	return toks, nil
}

// unquote reads a double-quoted string at the start of s with the escapes
// \" \\ \n \r \t \xHH; it returns the text and the bytes consumed, or an
// error message and the offset of the fault.
func unquote(s string) (string, int, string) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), i + 1, ""
		case '\\':
			if i+1 >= len(s) {
				return "", 0, "string not closed: end it with \""
			}
			i++
			switch s[i] {
			case '"', '\\':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'x':
				if i+2 >= len(s) {
					return "", i, `\x needs two hex digits`
				}
				v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
				if err != nil {
					return "", i, `\x needs two hex digits`
				}
				b.WriteByte(byte(v))
				i += 2
			default:
				return "", i, fmt.Sprintf(`unknown escape \%c: use \" \\ \n \r \t or \xHH`, s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, "string not closed: end it with \""
}

func (p *parser) more() bool { return p.pos < len(p.toks) }

func (p *parser) next(what string) (token, *SyntaxError) {
	if !p.more() {
		col := 0
		if len(p.toks) > 0 {
			last := p.toks[len(p.toks)-1]
			col = last.col + len(last.text) + 1
		}
		return token{}, p.errAt(col, "missing %s", what)
	}
	t := p.toks[p.pos]
	p.pos++
	return t, nil
}

func (p *parser) word(what string) (token, *SyntaxError) {
	t, err := p.next(what)
	if err != nil {
		return t, err
	}
	if t.kind != 'w' {
		return t, p.errAt(t.col, "want %s, got a %s", what, kindName(t.kind))
	}
	return t, nil
}

func (p *parser) str(what string) (string, *SyntaxError) {
	t, err := p.next(what)
	if err != nil {
		return "", err
	}
	if t.kind != 's' {
		return "", p.errAt(t.col, "want %s as a \"quoted string\", got %q", what, t.text)
	}
	return t.text, nil
}

func kindName(k byte) string {
	switch k {
	case 's':
		return "quoted string"
	case 'r':
		return "regexp"
	}
	return "word"
}

func (p *parser) pattern() (*Pattern, *SyntaxError) {
	t, err := p.next(`a pattern ("literal text" or /regexp/)`)
	if err != nil {
		return nil, err
	}
	switch t.kind {
	case 's':
		if t.text == "" {
			return nil, p.errAt(t.col, "empty pattern: it would match at once")
		}
		if err := p.checkTemplate(t.col, t.text); err != nil {
			return nil, err
		}
		return &Pattern{Literal: t.text, Template: templateRe().MatchString(t.text)}, nil
	case 'r':
		re, rerr := regexp.Compile(t.text)
		if rerr != nil {
			return nil, p.errAt(t.col, "bad regexp: %v", rerr)
		}
		if re.MatchString("") {
			return nil, p.errAt(t.col, "regexp /%s/ matches the empty text: it would match at once", t.text)
		}
		if err := p.checkTemplate(t.col, t.text); err != nil {
			return nil, err
		}
		return &Pattern{Re: re, Template: templateRe().MatchString(t.text)}, nil
	}
	return nil, p.errAt(t.col, `want a pattern ("literal text" or /regexp/), got %q`, t.text)
}

func (p *parser) duration(what string) (time.Duration, *SyntaxError) {
	t, err := p.word(what)
	if err != nil {
		return 0, err
	}
	d, perr := time.ParseDuration(t.text)
	if perr != nil || d <= 0 {
		return 0, p.errAt(t.col, "bad %s %q: want a positive duration such as 500ms, 5s or 2m", what, t.text)
	}
	if d > time.Hour {
		return 0, p.errAt(t.col, "%s %s is longer than an hour", what, t.text)
	}
	return d, nil
}

// options reads trailing keywords: timeout D, an ending, echo.
func (p *parser) options(s *Step, allowEnding, allowEcho, allowTimeout bool) *SyntaxError {
	for p.more() {
		t, _ := p.word("an option")
		if t.kind != 'w' {
			return p.errAt(t.col, "unexpected %s %q", kindName(t.kind), t.text)
		}
		switch {
		case t.text == "timeout" && allowTimeout:
			d, err := p.duration("timeout")
			if err != nil {
				return err
			}
			s.Timeout = d
		case t.text == "echo" && allowEcho:
			s.Echo = true
		case allowEnding && isEnding(t.text):
			s.Ending, _ = ParseLineEnding(t.text)
		default:
			var want []string
			if allowTimeout {
				want = append(want, "timeout DURATION")
			}
			if allowEnding {
				want = append(want, "lf, crlf, cr, none")
			}
			if allowEcho {
				want = append(want, "echo")
			}
			return p.errAt(t.col, "unknown option %q: want %s", t.text, strings.Join(want, ", "))
		}
	}
	return nil
}

func isEnding(s string) bool {
	switch s {
	case "lf", "crlf", "cr", "none":
		return true
	}
	return false
}

var templateReLazy lazy.Value[*regexp.Regexp]

// templateRe finds {name} in a template; compiled on first use.
func templateRe() *regexp.Regexp { return templateReLazy.Get(buildTemplateRe) }

func buildTemplateRe() *regexp.Regexp { return regexp.MustCompile(`\{([a-z][a-z0-9_-]*)\}`) }

// isVarName reports whether s is a valid variable name.
func isVarName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// builtinVars are the template names every dialogue may use.
var builtinVarNames = []string{"pem", "len", "der-len", "sha256", "md5", "sha256-der", "md5-der", "sha1-der"}

func (p *parser) checkTemplate(col int, s string) *SyntaxError {
	for _, m := range templateRe().FindAllStringSubmatch(s, -1) {
		name := m[1]
		known := false
		for _, b := range builtinVarNames {
			known = known || b == name
		}
		if _, ok := p.d.Vars[name]; ok {
			known = true
		}
		if !known {
			return p.errAt(col, "unknown template {%s}: define it with `var %s VALUE` or use one of {%s}", name, name, strings.Join(builtinVarNames, "}, {"))
		}
	}
	return nil
}

// Parse reads a dialogue file. name is used in errors (a file name).
// Errors are *SyntaxError with the line and column.
func Parse(name string, data []byte) (*Dialogue, error) {
	if len(data) > MaxDialogueSize {
		return nil, &SyntaxError{File: name, Msg: fmt.Sprintf("%d bytes is too large for a dialogue (at most %d)", len(data), MaxDialogueSize)}
	}
	p := &parser{file: name, d: &Dialogue{Ending: EndingLF, EchoTimeout: DefaultEchoTimeout, Vars: map[string]string{}}}
	lines := strings.Split(string(data), "\n")
	for i, raw := range lines {
		p.line = i + 1
		line := strings.TrimSuffix(raw, "\r")
		if j := strings.IndexFunc(line, func(r rune) bool { return r < 0x20 && r != '\t' }); j >= 0 {
			return nil, p.errAt(j+1, "control byte 0x%02x in the file: write it as an escape in a quoted string", line[j])
		}
		toks, lerr := lex(line)
		if lerr != nil {
			lerr.File, lerr.Line = name, p.line
			return nil, lerr
		}
		if len(toks) == 0 {
			continue
		}
		p.toks, p.pos = toks, 0
		if err := p.directive(line); err != nil {
			return nil, err
		}
		if p.more() {
			t := p.toks[p.pos]
			return nil, p.errAt(t.col, "unexpected %q at the end of the line", t.text)
		}
	}
	p.line = 0
	return p.d, p.validate()
}

func (p *parser) directive(src string) *SyntaxError {
	d := p.d
	kw, err := p.word("a directive")
	if err != nil {
		return err
	}
	src = strings.TrimSpace(src)
	if i := strings.Index(src, " #"); i >= 0 && !strings.ContainsAny(src[:i], `"/`) {
		src = strings.TrimSpace(src[:i])
	}
	switch kw.text {
	case "dialogue":
		t, err := p.word("the dialogue's name")
		if err != nil {
			return err
		}
		d.Name = t.text
	case "title":
		s, err := p.str("the title")
		if err != nil {
			return err
		}
		d.Title = s
	case "source":
		s, err := p.str("the source")
		if err != nil {
			return err
		}
		d.Source = append(d.Source, s)
	case "note":
		s, err := p.str("the note")
		if err != nil {
			return err
		}
		d.Notes = append(d.Notes, s)
	case "line-ending":
		t, err := p.word("lf, crlf, cr or none")
		if err != nil {
			return err
		}
		e, perr := ParseLineEnding(t.text)
		if perr != nil {
			return p.errAt(t.col, "%v", perr)
		}
		d.Ending = e
	case "accept-endings":
		if !p.more() {
			return p.errAt(0, "accept-endings needs one or more of lf, crlf, cr")
		}
		for p.more() {
			t, err := p.word("lf, crlf or cr")
			if err != nil {
				return err
			}
			e, perr := ParseLineEnding(t.text)
			if perr != nil || e == EndingNone {
				return p.errAt(t.col, "unknown line ending %q: want lf, crlf or cr", t.text)
			}
			d.Accepts = append(d.Accepts, e)
		}
	case "pace":
		t, err := p.word("a rate such as 960/s, or none")
		if err != nil {
			return err
		}
		if t.text == "none" {
			d.Pace.BytesPerSecond = 0
			break
		}
		n, perr := strconv.Atoi(strings.TrimSuffix(t.text, "/s"))
		if perr != nil || n <= 0 || !strings.HasSuffix(t.text, "/s") {
			return p.errAt(t.col, "bad pace %q: want bytes per second such as 960/s, or none", t.text)
		}
		d.Pace.BytesPerSecond = n
	case "line-delay":
		dur, err := p.duration("line delay")
		if err != nil {
			return err
		}
		d.Pace.LineDelay = dur
	case "echo-timeout":
		dur, err := p.duration("echo timeout")
		if err != nil {
			return err
		}
		d.EchoTimeout = dur
	case "var":
		t, err := p.word("the variable's name")
		if err != nil {
			return err
		}
		if !isVarName(t.text) {
			return p.errAt(t.col, "bad variable name %q: use lower-case letters, digits, _ and -", t.text)
		}
		for _, b := range builtinVarNames {
			if b == t.text {
				return p.errAt(t.col, "{%s} is built in: pick another name", t.text)
			}
		}
		v, err := p.next("the variable's value")
		if err != nil {
			return err
		}
		if v.kind == 'r' {
			return p.errAt(v.col, "a variable's value is a word or a \"quoted string\"")
		}
		d.Vars[t.text] = v.text
	case "error":
		pat, err := p.pattern()
		if err != nil {
			return err
		}
		er := ErrorReply{Line: p.line, Pattern: pat}
		for p.more() {
			t, err := p.word("code N or means \"TEXT\"")
			if err != nil {
				return err
			}
			switch t.text {
			case "code":
				c, err := p.next("the code")
				if err != nil {
					return err
				}
				if pat.Re == nil || pat.Re.NumSubexp() < 1 {
					return p.errAt(t.col, "code needs a /regexp/ with a (group) that captures the code")
				}
				er.Code = c.text
			case "means":
				s, err := p.str("what the reply means")
				if err != nil {
					return err
				}
				er.Means = s
			default:
				return p.errAt(t.col, "unknown option %q: want code N or means \"TEXT\"", t.text)
			}
		}
		d.Errors = append(d.Errors, er)
	case "on":
		pat, err := p.pattern()
		if err != nil {
			return err
		}
		r := Responder{Line: p.line, Src: src, Pattern: pat, Ending: EndingDefault}
		act, err := p.word("send or bench")
		if err != nil {
			return err
		}
		switch act.text {
		case "send":
			t, err := p.next("the text to send")
			if err != nil {
				return err
			}
			if t.kind != 's' {
				return p.errAt(t.col, "want the text to send as a \"quoted string\"")
			}
			if err := p.checkTemplate(t.col, t.text); err != nil {
				return err
			}
			r.Send = t.text
			if p.more() {
				e, err := p.word("lf, crlf, cr or none")
				if err != nil {
					return err
				}
				if !isEnding(e.text) {
					return p.errAt(e.col, "unknown line ending %q: want lf, crlf, cr or none", e.text)
				}
				r.Ending, _ = ParseLineEnding(e.text)
			}
			if r.Send == "" && r.Ending == EndingNone {
				return p.errAt(t.col, "on ... send would send nothing")
			}
		case "bench":
			dur, err := p.duration("the time the person has")
			if err != nil {
				return err
			}
			s, err := p.str("the instruction for the person at the bench")
			if err != nil {
				return err
			}
			r.Within, r.Instruction = dur, s
		default:
			return p.errAt(act.col, "unknown action %q: want send \"TEXT\" or bench DURATION \"INSTRUCTION\"", act.text)
		}
		d.Responders = append(d.Responders, r)
	case "expect":
		pat, err := p.pattern()
		if err != nil {
			return err
		}
		s := Step{Kind: StepExpect, Line: p.line, Src: src, Pattern: pat, Timeout: DefaultExpectTimeout}
		if err := p.options(&s, false, false, true); err != nil {
			return err
		}
		d.Steps = append(d.Steps, s)
	case "send":
		t, err := p.next("the text to send")
		if err != nil {
			return err
		}
		if t.kind != 's' {
			return p.errAt(t.col, "want the text to send as a \"quoted string\" (the certificate goes with send-cert)")
		}
		if err := p.checkTemplate(t.col, t.text); err != nil {
			return err
		}
		s := Step{Kind: StepSend, Line: p.line, Src: src, Text: t.text}
		if err := p.options(&s, true, true, false); err != nil {
			return err
		}
		if s.Text == "" && s.Ending == EndingNone {
			return p.errAt(t.col, "send would send nothing")
		}
		d.Steps = append(d.Steps, s)
	case "send-cert":
		t, err := p.word("the form: pem, pem-blank, raw or der")
		if err != nil {
			return err
		}
		s := Step{Kind: StepSendCert, Line: p.line, Src: src}
		switch t.text {
		case "pem":
			s.Form = CertPEM
		case "pem-blank":
			s.Form = CertPEMBlank
		case "raw":
			s.Form = CertRaw
		case "der":
			s.Form = CertDER
		default:
			return p.errAt(t.col, "unknown certificate form %q: want pem, pem-blank, raw or der", t.text)
		}
		lines := s.Form == CertPEM || s.Form == CertPEMBlank
		if err := p.options(&s, lines, lines, false); err != nil {
			return err
		}
		d.Steps = append(d.Steps, s)
	case "bench":
		pat, err := p.pattern()
		if err != nil {
			return err
		}
		s := Step{Kind: StepBench, Line: p.line, Src: src, Pattern: pat, Timeout: DefaultBenchTimeout}
		w, err := p.word("within")
		if err != nil {
			return err
		}
		if w.text != "within" {
			return p.errAt(w.col, "want: bench PATTERN within DURATION \"INSTRUCTION\"")
		}
		if s.Within, err = p.duration("the time the person has"); err != nil {
			return err
		}
		if s.Instruction, err = p.str("the instruction for the person at the bench"); err != nil {
			return err
		}
		if err := p.options(&s, false, false, true); err != nil {
			return err
		}
		d.Steps = append(d.Steps, s)
	case "confirm":
		s := Step{Kind: StepConfirm, Line: p.line, Src: src, Timeout: DefaultExpectTimeout}
		if p.more() && p.toks[p.pos].kind == 'w' && p.toks[p.pos].text == "between" {
			p.pos++
			s.Confirm = ConfirmBetween
			if s.Pattern, err = p.pattern(); err != nil {
				return err
			}
			if s.End, err = p.pattern(); err != nil {
				return err
			}
		} else {
			if s.Pattern, err = p.pattern(); err != nil {
				return err
			}
		}
		for p.more() {
			t, _ := p.word("an option")
			switch {
			case t.text == "timeout" && t.kind == 'w':
				dur, err := p.duration("timeout")
				if err != nil {
					return err
				}
				s.Timeout = dur
			case t.text == "equals" && t.kind == 'w' && s.Confirm == ConfirmMatch:
				if s.Pattern.Re == nil || s.Pattern.Re.NumSubexp() < 1 {
					return p.errAt(t.col, "equals needs a /regexp/ with a (group) that captures the value to compare")
				}
				for p.more() && !(p.toks[p.pos].kind == 'w' && p.toks[p.pos].text == "timeout") {
					v := p.toks[p.pos]
					p.pos++
					if err := p.checkTemplate(v.col, v.text); err != nil {
						return err
					}
					s.Equals = append(s.Equals, v.text)
				}
				if len(s.Equals) == 0 {
					return p.errAt(t.col, "equals needs one or more values such as {len} or {sha256}")
				}
			default:
				return p.errAt(t.col, "unknown option %q: want timeout DURATION or equals VALUE...", t.text)
			}
		}
		d.Steps = append(d.Steps, s)
	case "sleep":
		dur, err := p.duration("sleep")
		if err != nil {
			return err
		}
		d.Steps = append(d.Steps, Step{Kind: StepSleep, Line: p.line, Src: src, Timeout: dur})
	default:
		return p.errAt(kw.col, "unknown directive %q (see `tlsdoctor provision --help` for the dialogue format)", kw.text)
	}
	return nil
}

func (p *parser) validate() error {
	d := p.d
	fail := func(msg string) error { return &SyntaxError{File: p.file, Msg: msg} }
	if d.Name == "" {
		return fail("no `dialogue NAME` line")
	}
	var cert, confirm bool
	for _, s := range d.Steps {
		cert = cert || s.sendsCert()
		if s.Kind == StepConfirm {
			if !cert {
				return &SyntaxError{File: p.file, Line: s.Line, Msg: "confirm before any send-cert: there is nothing to confirm yet"}
			}
			confirm = true
		}
	}
	if !cert {
		return fail("no send-cert step (or send with {pem}): the dialogue never sends the certificate")
	}
	if !confirm {
		return fail("no confirm step after send-cert: tlsdoctor never reports success without the device's confirmation")
	}
	return nil
}
