package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/consolelog"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
)

// LogText writes a console log's reading for a person: the verdict, the
// steps of the diagnosed boot, the errors decoded, the ranked diagnosis with
// the command to run next, and what cleaning removed.
func LogText(w io.Writer, l *consolelog.Log, st term.Style) {
	p := newPrinter(w, st)
	defer p.flush()
	b := l.Boot()
	p.line(logVerdict(l, st))
	if b == nil {
		return
	}
	if len(l.Boots) > 1 {
		p.line(st.Dim(fmt.Sprintf("The log holds %d boots; this is boot %d, from line %d.", len(l.Boots), b.Index, b.Line)))
	}

	p.blank()
	p.line(st.Bold("Steps:"))
	for _, s := range b.Steps {
		state := fmt.Sprintf("%-9s", s.State)
		switch s.State {
		case "ok":
			state = st.OK(state)
		case "failed":
			state = st.Error(state)
		case "recovered":
			state = st.Warn(state)
		case "not seen":
			state = st.Dim(state)
		}
		where := ""
		if s.Line > 0 {
			where = fmt.Sprintf("line %-5d %s", s.Line, s.Detail)
		}
		p.line(strings.TrimRight(fmt.Sprintf("  %s %-20s %s", state, s.Step.Title(), where), " "))
	}

	decoded := false
	for _, e := range b.Events {
		if len(e.Codes) == 0 && e.Flags == nil {
			continue
		}
		if !decoded {
			p.blank()
			p.line(st.Bold("Errors decoded:"))
			decoded = true
		}
		for _, c := range e.Codes {
			if c.Kind == "state" {
				p.line(fmt.Sprintf("  line %-5d %s", e.Line, st.Dim(c.String())))
				continue
			}
			p.line(fmt.Sprintf("  line %-5d %s  %s", e.Line, st.Code(c.String()), st.Dim("("+c.Explain+")")))
		}
		if e.Flags != nil {
			p.line(fmt.Sprintf("  line %-5d verify flags 0x%X: %s", e.Line, e.Flags.Value, strings.Join(e.Flags.Names, ", ")))
		}
	}

	if len(l.Diagnoses) > 0 {
		p.blank()
		p.line(st.Bold("Diagnosis, most likely first:"))
	}
	for i, d := range l.Diagnoses {
		sev := fmt.Sprintf("%-7s", d.Severity.String())
		switch d.Severity {
		case diag.Error:
			sev = st.Error(sev)
		case diag.Warning:
			sev = st.Warn(sev)
		}
		where := ""
		if len(d.Evidence) > 0 && d.Evidence[0].Pos.Line > 0 {
			where = " " + d.Evidence[0].Pos.String()
		}
		p.line(fmt.Sprintf("  %d. %s %s%s", i+1, sev, d.ID, where))
		p.line("     " + d.Message)
		for _, ev := range d.Evidence {
			if ev.Shown != "" {
				p.line("     " + st.Dim(fmt.Sprintf("line %d: %s", ev.Pos.Line, ev.Shown)))
			}
		}
		if d.Fix != "" {
			p.line("     fix: " + d.Fix)
		}
		if d.Next != "" {
			p.line("     next: " + st.Code(d.Next))
		}
	}

	if c := cleaned(l.Cleaning); c != "" {
		p.blank()
		p.line(st.Dim("Read through: " + c + "."))
	}
}

// logVerdict is the first line: where the device stops.
func logVerdict(l *consolelog.Log, st term.Style) string {
	b := l.Boot()
	name := l.Source + ": "
	if b == nil {
		return st.Warn(name) + "no boot, step or error recognised in this log."
	}
	about := ""
	var parts []string
	if b.Firmware != "" {
		parts = append(parts, b.Firmware)
	}
	if b.App != "" {
		parts = append(parts, "app "+b.App)
	}
	if len(parts) > 0 {
		about = " (" + strings.Join(parts, ", ") + ")"
	}
	e := b.Failure()
	switch {
	case e != nil && !b.Recovered:
		return st.Error(name) + st.Bold(fmt.Sprintf("the device fails at the %s step, line %d", e.Step.Title(), e.Line)) + about + "."
	case e != nil:
		return st.Warn(name) + st.Bold(fmt.Sprintf("the device failed at the %s step (line %d), then reached the %s step", e.Step.Title(), e.Line, b.Reached.Title())) + about + "."
	case b.Reached != consolelog.StepNone:
		return st.OK(name) + st.Bold("no failure; the device reached the "+b.Reached.Title()+" step") + about + "."
	}
	return st.OK(name) + st.Bold("no failure shown") + about + "."
}

func cleaned(c consolelog.Cleaning) string {
	var parts []string
	if c.CRLFLines > 0 {
		parts = append(parts, plural(c.CRLFLines, "CR LF line end"))
	}
	if c.CROnlyLines > 0 {
		parts = append(parts, plural(c.CROnlyLines, "CR-only line end"))
	}
	if c.EscapeCodes > 0 {
		parts = append(parts, plural(c.EscapeCodes, "ANSI escape code"))
	}
	if c.Timestamps > 0 {
		parts = append(parts, fmt.Sprintf("%s like %q", plural(c.Timestamps, "terminal timestamp"), c.TimestampStyle))
	}
	if c.GarbageLines > 0 {
		parts = append(parts, plural(c.GarbageLines, "unreadable line"))
	}
	return strings.Join(parts, ", ")
}

// LogJSON is the JSON view of `tlsdoctor log`: the whole reading, with the
// verdict up front.
type LogJSON struct {
	SchemaVersion int  `json:"schema_version"`
	Failing       bool `json:"failing"`
	// FirstFailingStep is the step of the diagnosed boot's first failure.
	FirstFailingStep string `json:"first_failing_step,omitempty"`
	*consolelog.Log
}

// Log builds the JSON view.
func Log(l *consolelog.Log) LogJSON {
	out := LogJSON{SchemaVersion: SchemaVersion, Failing: l.Failing(), Log: l}
	if b := l.Boot(); b != nil {
		out.FirstFailingStep = b.FailedStep.String()
	}
	return out
}
