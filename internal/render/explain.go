// Package render turns the library's results into what users read: text for
// a terminal and versioned JSON for scripts. It never decides anything; it
// only shows.
package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
)

// SchemaVersion is the version of every JSON document tlsdoctor writes.
// It changes when a field changes meaning or disappears, not when one is added.
const SchemaVersion = 1

// Hex formats a code the way mbedTLS users see it: -0x2180.
func Hex(v int64) string {
	if v < 0 {
		return fmt.Sprintf("-0x%04X", -v)
	}
	return fmt.Sprintf("0x%04X", v)
}

// ExplainText writes a result for a person. Everything after the first
// reading is summarised in one line each, with the command that shows it.
func ExplainText(w io.Writer, res *errcode.Result, flags *errcode.FlagsReading, st term.Style) {
	p := newPrinter(w, st)
	defer p.flush()
	if res != nil {
		if res.Ambiguous != "" {
			p.line(st.Warn("note: ") + res.Ambiguous + ".")
		}
		if res.Function != "" || res.Phase != errcode.PhaseAny {
			p.line(phaseSentence(res))
		}
		for i, r := range res.Readings {
			if i == 0 {
				p.reading(&r, res.Phase)
				continue
			}
			if i == 1 {
				p.blank()
				p.line(st.Bold("Other readings of the same input:"))
			}
			p.line("  - " + summary(&r) + "  " + st.Dim("(tlsdoctor explain "+canonical(&r)+")"))
		}
	}
	if flags != nil {
		if res != nil {
			p.blank()
		}
		p.flags(flags)
	}
}

// canonical is the unambiguous argument that shows one reading alone.
func canonical(r *errcode.Reading) string {
	switch {
	case r.Kind == errcode.KindState:
		return quoteArg(fmt.Sprintf("client state %d", r.Value))
	case r.Kind == errcode.KindAlert && r.Stack == errcode.TLS:
		return quoteArg(fmt.Sprintf("alert %d", r.Value))
	case r.Stack == errcode.MbedTLS:
		return Hex(r.Value)
	case r.Code != nil && r.Code.Name != "":
		// Modem names are unique where numbers are not (Quectel and
		// SIMCom both use 701), so the name picks the one reading.
		return r.Code.Name
	}
	return fmt.Sprintf("%d --stack %s", r.Value, r.Stack)
}

func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	if strings.HasPrefix(s, "-") {
		return "-- " + s
	}
	return s
}

func phaseSentence(res *errcode.Result) string {
	fn := "Your line mentions this step:"
	if res.Function != "" {
		fn = "Your line names " + res.Function + ":"
	}
	switch res.Phase {
	case errcode.PhaseLoad:
		return fn + " the device was parsing bytes it was given (its root CA, or its own certificate or key), so causes in those bytes come first."
	case errcode.PhaseHandshake:
		return fn + " the error came during the TLS handshake, from what the server sent or what the build can handle, so those causes come first."
	case errcode.PhaseNetwork:
		return fn + " the error came from the network below TLS, so those causes come first."
	}
	return fn
}

// summary is a one-line account of a reading.
func summary(r *errcode.Reading) string {
	switch {
	case r.Kind == errcode.KindState:
		var parts []string
		for _, m := range r.Mbed {
			if m.Known {
				parts = append(parts, fmt.Sprintf("mbedTLS %s state %d = %s", m.Version, r.Value, m.State))
			}
		}
		return strings.Join(parts, "; ")
	case r.Stack == errcode.MbedTLS:
		names := partNames(r.Mbed[0].Parts)
		if !r.Mbed[0].Known && len(r.Mbed) > 1 {
			names = partNames(r.Mbed[1].Parts)
		}
		s := fmt.Sprintf("mbedTLS %s (%d) = %s", Hex(r.Value), r.Value, names)
		if r.Note != "" {
			s += " [" + r.Note + "]"
		}
		return s
	case r.Code != nil:
		s := fmt.Sprintf("%s %d = %s", r.Stack.Title(), r.Value, r.Code.Name)
		switch {
		case r.Kind == errcode.KindAlert && r.Stack == errcode.TLS:
			s = fmt.Sprintf("TLS alert %d = %s", r.Value, r.Code.Name)
		case r.Kind == errcode.KindAlert:
			s = fmt.Sprintf("%s %d = fatal alert %s", r.Stack.Title(), r.Value, r.Code.Name)
		case r.Stack == errcode.ESPIDF && r.Value > 0:
			s = fmt.Sprintf("ESP-IDF 0x%X (%d) = %s", r.Value, r.Value, r.Code.Name)
		}
		if r.Code.Module != "" && r.Stack == errcode.Modem {
			s += " (" + r.Code.Module + ")"
		}
		if r.Note != "" {
			s += " [" + r.Note + "]"
		}
		return s
	}
	return r.Token
}

func partNames(parts []errcode.Code) string {
	var names []string
	for _, p := range parts {
		if p.Name == "" {
			names = append(names, fmt.Sprintf("(unknown %s)", Hex(p.Value)))
			continue
		}
		names = append(names, p.Name)
	}
	return strings.Join(names, " + ")
}

type printer struct {
	w   io.Writer
	st  term.Style
	out []byte // the whole report, written to w once by flush
}

// line and wrapped append their parts to one buffer, written once: no
// string is built per line (start-up time: every fresh heap page costs a
// page fault).
func (p *printer) line(s string) { p.write(s, "\n") }
func (p *printer) blank()        { p.write("\n") }

func (p *printer) write(parts ...string) {
	for _, s := range parts {
		p.out = append(p.out, s...)
	}
}

// newPrinter returns a printer for w. Writing to a bufio.Writer, the
// report is built straight in its free buffer (AvailableBuffer), so that
// a report that fits allocates nothing at all.
func newPrinter(w io.Writer, st term.Style) *printer {
	p := &printer{w: w, st: st}
	if bw, ok := w.(*bufio.Writer); ok {
		p.out = bw.AvailableBuffer()
	} else {
		p.out = make([]byte, 0, 4096)
	}
	return p
}

func (p *printer) flush() {
	p.w.Write(p.out)
	p.out = nil
}

func (p *printer) reading(r *errcode.Reading, phase errcode.Phase) {
	st := p.st
	switch {
	case r.Kind == errcode.KindState:
		p.line(st.Bold(summary(r)))
		p.stateNotes(r)
	case r.Stack == errcode.MbedTLS:
		p.mbedHeader(r)
	case r.Code != nil:
		head := summary(r)
		p.line(st.Bold(head))
		if r.Code.Text != "" {
			// Library tables carry the library's own text; the ESP-IDF, modem
			// and alert tables carry ours.
			label := "In short: "
			if r.Kind == errcode.KindCode && (r.Stack == errcode.WolfSSL || r.Stack == errcode.BearSSL) {
				label = "The header says: "
			}
			p.line("  " + label + r.Code.Text)
		}
		if r.Code.Source != "" {
			p.line("  " + st.Dim("source: "+r.Code.Source))
		}
	}
	if len(r.Explanations) == 0 {
		p.blank()
		p.line(st.Dim("tlsdoctor has no write-up of its causes yet; the name and the library's text above are all that is known."))
	}
	for _, e := range r.Explanations {
		p.blank()
		p.explanation(e, phase)
	}
}

func (p *printer) mbedHeader(r *errcode.Reading) {
	st := p.st
	m0 := r.Mbed[0]
	same := len(r.Mbed) == 2 && sameParts(r.Mbed[0], r.Mbed[1])
	if r.Note != "" {
		p.line(st.Dim(r.Token + ": " + r.Note))
	}
	for i, m := range r.Mbed {
		if same && i > 0 {
			break
		}
		label := "mbedTLS " + m.Version.String()
		if same {
			label = "mbedTLS 2.28 and 3.6"
		}
		if !m.Known {
			p.line(st.Warn(fmt.Sprintf("%s: %s is not a code of this line (%s).", label, Hex(r.Value), "its headers define no such value")))
			continue
		}
		if len(m.Parts) == 1 {
			c := m.Parts[0]
			p.line(st.Bold(fmt.Sprintf("%s: %s (%d) is %s", label, Hex(r.Value), r.Value, st.Code(c.Name))) + st.Dim(" (module "+c.Module+")"))
		} else {
			p.line(st.Bold(fmt.Sprintf("%s: %s (%d) is the sum of two codes:", label, Hex(r.Value), r.Value)))
			for j, c := range m.Parts {
				op := "  "
				if j > 0 {
					op = "+ "
				}
				name := c.Name
				if name == "" {
					name = "(no code of this line)"
				}
				mod := ""
				if c.Module != "" {
					mod = st.Dim(" (module " + c.Module + ")")
				}
				p.line(fmt.Sprintf("  %s%-8s %s", op, Hex(c.Value), st.Code(name)) + mod)
			}
		}
		p.line("  mbedtls_strerror prints: " + m.Strerror)
		if i == 0 && len(m.Parts) > 0 && m.Parts[0].Source != "" {
			p.line("  " + st.Dim("defined in "+m.Parts[0].Source))
		}
	}
	if !same && len(r.Mbed) == 2 && m0.Known && r.Mbed[1].Known {
		p.line(st.Warn("The two lines name this value differently: check which mbedTLS your firmware is built with."))
	}
}

func sameParts(a, b errcode.MbedReading) bool {
	if a.Known != b.Known || len(a.Parts) != len(b.Parts) || a.Strerror != b.Strerror {
		return false
	}
	for i := range a.Parts {
		if a.Parts[i].Name != b.Parts[i].Name {
			return false
		}
	}
	return true
}

func (p *printer) stateNotes(r *errcode.Reading) {
	var names []string
	for _, m := range r.Mbed {
		if !m.Known {
			p.line(p.st.Warn(fmt.Sprintf("  mbedTLS %s has no state %d.", m.Version, r.Value)))
			continue
		}
		names = append(names, m.State)
	}
	if len(names) == 2 && names[0] != names[1] {
		p.line(p.st.Warn("  The state numbers differ between 2.28 and 3.6 (3.6 added TLS 1.3 states): check which mbedTLS your firmware runs."))
	}
}

func (p *printer) explanation(e *errcode.Explanation, phase errcode.Phase) {
	st := p.st
	p.line(st.Bold(strings.Join(e.Names, " / ")))
	p.wrapped("  ", e.Meaning)
	causes := errcode.RankCauses(e.Causes, phase)
	if len(causes) > 0 {
		p.line("  Likely causes, most common first:")
	}
	for i, c := range causes {
		marker := fmt.Sprintf("  %2d. ", i+1)
		if phase != errcode.PhaseAny && c.When != phase && c.When != errcode.PhaseAny {
			marker = fmt.Sprintf("  %2d. %s", i+1, st.Dim("(less likely here) "))
		}
		p.wrapped(marker, c.Text)
		if c.Fix != "" {
			p.wrapped("      fix: ", c.Fix)
		}
		if c.Source != "" {
			p.line("      " + st.Dim("seen: "+c.Source))
		}
	}
	if e.Question != "" {
		p.wrapped("  To tell them apart: ", e.Question)
	}
	if e.Confirm != "" {
		p.line("  Confirm with: " + st.Code(e.Confirm))
	}
}

// wrapped writes text after a prefix; text is kept on one line (terminals
// wrap; copying a fix must not pick up our line breaks).
func (p *printer) wrapped(prefix, text string) {
	p.write(prefix, text, "\n")
}

func (p *printer) flags(f *errcode.FlagsReading) {
	st := p.st
	if f.AllSet {
		p.line(st.Bold("Verify flags 0xFFFFFFFF: not a set of flags."))
		p.line("  mbedTLS writes all ones when verification was aborted (chain longer than MBEDTLS_X509_MAX_INTERMEDIATE_CA, a verify callback or CA callback failure: the return is then -0x3000), or in 3.6 when verification never ran.")
		return
	}
	if f.Value == 0 {
		p.line(st.Bold("Verify flags 0x0: no flag set") + ": the certificate chain verified, or verification did not run (2.28 reports 0 then).")
		return
	}
	p.line(st.Bold(fmt.Sprintf("Verify flags 0x%X (mbedtls_ssl_get_verify_result / mbedtls_x509_crt_verify):", f.Value)))
	for _, fl := range f.Set {
		p.line(fmt.Sprintf("  0x%05X %s  %s", fl.Value, st.Code(fl.Name), st.Dim(fl.Text)))
	}
	if f.Unknown != 0 {
		p.line(st.Warn(fmt.Sprintf("  0x%X: bits that mbedTLS does not define; is this really a verify result?", f.Unknown)))
	}
	for _, e := range f.Explanations {
		p.blank()
		p.explanation(e, errcode.PhaseHandshake)
	}
}

// ExplainJSON is the JSON view of explain.
type ExplainJSON struct {
	SchemaVersion int           `json:"schema_version"`
	Input         string        `json:"input,omitempty"`
	Function      string        `json:"function,omitempty"`
	Phase         string        `json:"phase,omitempty"`
	Ambiguous     string        `json:"ambiguous,omitempty"`
	Readings      []ReadingJSON `json:"readings"`
	Flags         *FlagsJSON    `json:"verify_flags,omitempty"`
}

// ReadingJSON is one reading.
type ReadingJSON struct {
	Stack        string            `json:"stack"`
	Kind         string            `json:"kind"`
	Token        string            `json:"token"`
	Value        int64             `json:"value"`
	Hex          string            `json:"hex"`
	Note         string            `json:"note,omitempty"`
	MbedTLS      []MbedJSON        `json:"mbedtls,omitempty"`
	Code         *CodeJSON         `json:"code,omitempty"`
	Explanations []ExplanationJSON `json:"explanations"`
}

// MbedJSON is a reading in one mbedTLS line.
type MbedJSON struct {
	Version  string     `json:"version"`
	Release  string     `json:"release"`
	Known    bool       `json:"known"`
	Parts    []CodeJSON `json:"parts,omitempty"`
	Strerror string     `json:"strerror,omitempty"`
	State    string     `json:"state,omitempty"`
}

// CodeJSON is one code.
type CodeJSON struct {
	Name   string `json:"name"`
	Value  int64  `json:"value"`
	Hex    string `json:"hex"`
	Module string `json:"module,omitempty"`
	Text   string `json:"text,omitempty"`
	Source string `json:"source,omitempty"`
}

// ExplanationJSON is one of our explanations.
type ExplanationJSON struct {
	Names    []string    `json:"names"`
	Meaning  string      `json:"meaning"`
	Causes   []CauseJSON `json:"causes"`
	Question string      `json:"question,omitempty"`
	Confirm  string      `json:"confirm,omitempty"`
}

// CauseJSON is one cause.
type CauseJSON struct {
	Text   string `json:"text"`
	Fix    string `json:"fix,omitempty"`
	When   string `json:"when"`
	Source string `json:"source,omitempty"`
}

// FlagsJSON decodes verify flags.
type FlagsJSON struct {
	Value        uint32            `json:"value"`
	Hex          string            `json:"hex"`
	Set          []CodeJSON        `json:"set"`
	UnknownBits  uint32            `json:"unknown_bits"`
	AllSet       bool              `json:"all_set"`
	Explanations []ExplanationJSON `json:"explanations"`
}

func codeJSON(c errcode.Code) CodeJSON {
	return CodeJSON{Name: c.Name, Value: c.Value, Hex: Hex(c.Value), Module: c.Module, Text: c.Text, Source: c.Source}
}

func explanationJSON(e *errcode.Explanation, phase errcode.Phase) ExplanationJSON {
	j := ExplanationJSON{Names: e.Names, Meaning: e.Meaning, Question: e.Question, Confirm: e.Confirm, Causes: []CauseJSON{}}
	for _, c := range errcode.RankCauses(e.Causes, phase) {
		j.Causes = append(j.Causes, CauseJSON{Text: c.Text, Fix: c.Fix, When: c.When.String(), Source: c.Source})
	}
	return j
}

// Explain builds the JSON view.
func Explain(res *errcode.Result, flags *errcode.FlagsReading) ExplainJSON {
	out := ExplainJSON{SchemaVersion: SchemaVersion, Readings: []ReadingJSON{}}
	phase := errcode.PhaseAny
	if res != nil {
		phase = res.Phase
		out.Input, out.Function, out.Ambiguous = res.Input, res.Function, res.Ambiguous
		if res.Phase != errcode.PhaseAny {
			out.Phase = res.Phase.String()
		}
		for _, r := range res.Readings {
			rj := ReadingJSON{Stack: r.Stack.String(), Kind: r.Kind.String(), Token: r.Token, Value: r.Value, Hex: Hex(r.Value), Note: r.Note, Explanations: []ExplanationJSON{}}
			for _, m := range r.Mbed {
				mj := MbedJSON{Version: m.Version.String(), Release: m.Version.Release(), Known: m.Known, Strerror: m.Strerror, State: m.State}
				for _, p := range m.Parts {
					mj.Parts = append(mj.Parts, codeJSON(p))
				}
				rj.MbedTLS = append(rj.MbedTLS, mj)
			}
			if r.Code != nil {
				c := codeJSON(*r.Code)
				rj.Code = &c
			}
			for _, e := range r.Explanations {
				rj.Explanations = append(rj.Explanations, explanationJSON(e, phase))
			}
			out.Readings = append(out.Readings, rj)
		}
	}
	if flags != nil {
		fj := &FlagsJSON{Value: flags.Value, Hex: fmt.Sprintf("0x%X", flags.Value), UnknownBits: flags.Unknown, AllSet: flags.AllSet, Set: []CodeJSON{}, Explanations: []ExplanationJSON{}}
		for _, f := range flags.Set {
			fj.Set = append(fj.Set, CodeJSON{Name: f.Name, Value: int64(f.Value), Hex: fmt.Sprintf("0x%X", f.Value), Text: f.Text})
		}
		for _, e := range flags.Explanations {
			fj.Explanations = append(fj.Explanations, explanationJSON(e, errcode.PhaseHandshake))
		}
		out.Flags = fj
	}
	return out
}

// WriteJSON writes v as indented JSON with a final newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
