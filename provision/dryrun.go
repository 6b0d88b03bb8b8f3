package provision

import (
	"fmt"
	"io"
)

// splitLines cuts b after each LF, and after each CR not followed by LF.
func splitLines(b []byte) [][]byte {
	var out [][]byte
	start := 0
	for i, c := range b {
		if c == '\n' || c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			out = append(out, b[start:i+1])
			start = i + 1
		}
	}
	if start < len(b) {
		out = append(out, b[start:])
	}
	return out
}

// Planned is one step of a dry run: what would be waited for, or the exact
// bytes that would go out.
type Planned struct {
	Step int
	Src  string
	// Bytes is what the step sends; nil for a step that only waits.
	Bytes []byte
	// Lines is the number of lines in Bytes (for a send-cert step).
	Lines int
}

// Plan returns what Run would send, step by step, without a device. It
// applies the same options (ending, variables) as Run.
func Plan(d *Dialogue, p *Payload, opt Options) ([]Planned, error) {
	end := d.Ending
	if opt.Ending != EndingDefault {
		end = opt.Ending
	}
	if !d.AcceptsEnding(end) && !opt.AnyEnding {
		return nil, &ConfigError{fmt.Sprintf("the %s dialogue's device ends lines at %s; with %s it would never see the end of a line: use --line-ending %s",
			d.Name, endingList(d.Accepts), end, d.Accepts[0])}
	}
	vars := map[string]string{}
	for k, v := range d.Vars {
		vars[k] = v
	}
	for k, v := range opt.Vars {
		vars[k] = v
	}
	var out []Planned
	for i := range d.Steps {
		st := &d.Steps[i]
		pl := Planned{Step: i + 1, Src: st.Src}
		e := st.Ending
		if e == EndingDefault {
			e = end
		}
		switch st.Kind {
		case StepSend:
			pl.Bytes = []byte(expand(st.Text, vars, p) + e.Bytes())
		case StepSendCert:
			if st.Form == CertRaw || st.Form == CertDER {
				e = EndingNone
			}
			pl.Bytes = p.Bytes(st.Form, e)
			pl.Lines = len(p.Lines())
			if st.Form == CertPEMBlank {
				pl.Lines++
			}
		}
		out = append(out, pl)
	}
	return out, nil
}

// WritePlan writes a dry run for people: the dialogue's answers to
// optional prompts, then each step; the bytes that would go out are
// escaped (\r, \n visible) with one line of output per line sent.
func WritePlan(w io.Writer, d *Dialogue, p *Payload, opt Options, plan []Planned) {
	vars := map[string]string{}
	for k, v := range d.Vars {
		vars[k] = v
	}
	for k, v := range opt.Vars {
		vars[k] = v
	}
	fmt.Fprintf(w, "# dialogue %s: %s\n", d.Name, d.Title)
	for _, r := range d.Responders {
		if r.Instruction != "" {
			fmt.Fprintf(w, "# when the device prints %s: ask the person at the bench: %q (within %s)\n", r.Pattern, r.Instruction, r.Within)
			continue
		}
		e := r.Ending
		if e == EndingDefault {
			e = d.Ending
			if opt.Ending != EndingDefault {
				e = opt.Ending
			}
		}
		fmt.Fprintf(w, "# when the device prints %s: send \"%s\"\n", r.Pattern, Escape([]byte(expand(r.Send, vars, p)+e.Bytes())))
	}
	for _, pl := range plan {
		if pl.Bytes == nil {
			fmt.Fprintf(w, "step %d: %s\n", pl.Step, pl.Src)
			continue
		}
		fmt.Fprintf(w, "step %d: %s  (%d bytes)\n", pl.Step, pl.Src, len(pl.Bytes))
		for _, part := range splitLines(pl.Bytes) {
			fmt.Fprintf(w, "  > %s\n", Escape(part))
		}
	}
}
