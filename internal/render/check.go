package render

import (
	"fmt"
	"io"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/doctor"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// CheckText writes one input's report for a person: per item the verdict,
// the findings (most important first, each with where, what, why and the
// fix), the predictions, and what is fine.
func CheckText(w io.Writer, rep *doctor.Report, st term.Style) {
	p := newPrinter(w, st)
	defer p.flush()
	src := rep.Input.Source
	for _, f := range rep.Input.Findings {
		p.finding(f)
	}
	if len(rep.Items) == 0 {
		p.line(st.Error(src+": no certificate material found") + " (form read: " + rep.Input.Form.String() + ")")
		return
	}
	for i, ir := range rep.Items {
		if i > 0 {
			p.blank()
		}
		name := src
		if ir.Item.Name != "" {
			name += ": " + ir.Item.Name
		}
		head := st.OK(name + ": ")
		if ir.Failing() {
			head = st.Error(name + ": ")
		}
		p.line(head + st.Bold(ir.Verdict))
		if len(ir.Findings) > 0 {
			p.blank()
		}
		for _, f := range ir.Findings {
			p.finding(f)
		}
		p.predictions(ir)
		for _, ok := range ir.OK {
			p.line("  " + st.OK("ok") + "       " + ok)
		}
		if ir.Fix != nil && ir.Fix.Changed && ir.Failing() && len(ir.Fix.Certs) > 0 {
			p.line("  " + st.Bold("fixable") + "  `tlsdoctor check --fix " + quoteArg(src) + " -o FIXED` writes " + plural(len(ir.Fix.Certs), "recovered certificate") + " in this input's form")
		}
		if ir.Fix != nil {
			for _, d := range ir.Fix.Dropped {
				p.line("  " + st.Warn("not kept") + " " + d)
			}
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (p *printer) finding(f diag.Finding) {
	st := p.st
	sev := fmt.Sprintf("%-8s", f.Severity.String())
	switch f.Severity {
	case diag.Error:
		sev = st.Error(sev)
	case diag.Warning:
		sev = st.Warn(sev)
	}
	where := ""
	if len(f.Evidence) > 0 {
		e := f.Evidence[0]
		where = e.Pos.String()
		if e.Pos.Line > 0 {
			where = fmt.Sprintf("line %d, column %d, byte %d", e.Pos.Line, e.Pos.Col, e.Pos.Offset)
		}
	}
	p.line("  " + sev + " " + st.Code(f.ID) + "  " + where)
	if len(f.Evidence) > 0 {
		e := f.Evidence[0]
		switch {
		case e.Context != "":
			p.line("           " + st.Dim(e.Context))
		case e.Shown != "":
			p.line("           " + st.Dim(e.Shown))
		}
	}
	p.line("           " + f.Message)
	if f.Fix != "" {
		p.line("           fix: " + f.Fix)
	}
	if f.Citation != "" {
		p.line("           " + st.Dim("rule: "+f.Citation))
	}
}

// predictions prints the table of outcomes when it says more than the
// verdict: several versions or length modes.
func (p *printer) predictions(ir *doctor.ItemReport) {
	if len(ir.Predictions) <= 1 {
		return
	}
	p.line("  " + p.st.Bold("mbedtls_x509_crt_parse") + " per version and length:")
	for _, pr := range ir.Predictions {
		mode := doctor.ModeText(ir.Item, pr.Mode)
		if pr.Err != nil {
			p.line(fmt.Sprintf("           %-4s  %-32s  not possible: %v", pr.Version, mode, pr.Err))
			continue
		}
		r := pr.Result
		out := fmt.Sprintf("%-8s %s", mbedsim.HexCode(r.Ret), retWords(pr.Version, r))
		p.line(fmt.Sprintf("           %-4s  %-32s  %6d bytes  %s", pr.Version, mode, pr.Length, out))
	}
}

func retWords(v errcode.MbedVersion, r *mbedsim.Result) string {
	switch {
	case r.Ret == 0:
		return plural(len(r.Certs), "certificate") + " parsed"
	case r.Ret > 0:
		return fmt.Sprintf("%d failed, %s parsed", r.Ret, plural(len(r.Certs), "certificate"))
	}
	return retName(v, r.Ret)
}

func retName(v errcode.MbedVersion, ret int) string {
	return errcode.MbedPartNames(v, int64(ret), true)
}

// CheckJSON is the JSON view of check.
type CheckJSON struct {
	SchemaVersion int              `json:"schema_version"`
	Profile       *profile.Profile `json:"profile"`
	Inputs        []InputJSON      `json:"inputs"`
	// Predictions lists every prediction of every item, for scripts and CI.
	Predictions []PredictionJSON `json:"predictions"`
	Failing     bool             `json:"failing"`
}

// InputJSON is one input.
type InputJSON struct {
	Source   string         `json:"source"`
	Form     string         `json:"form"`
	Findings []diag.Finding `json:"findings"`
	Items    []ItemJSON     `json:"items"`
}

// ItemJSON is one item.
type ItemJSON struct {
	Name        string           `json:"name,omitempty"`
	Form        string           `json:"form"`
	Bytes       int              `json:"bytes"`
	Verdict     string           `json:"verdict"`
	Failing     bool             `json:"failing"`
	Predictions []PredictionJSON `json:"predictions"`
	Findings    []diag.Finding   `json:"findings"`
	OK          []string         `json:"ok"`
	Fix         *FixJSON         `json:"fix,omitempty"`
}

// PredictionJSON is one prediction: the int the C function returns.
type PredictionJSON struct {
	Source             string      `json:"source,omitempty"`
	Item               string      `json:"item,omitempty"`
	MbedTLSVersion     string      `json:"mbedtls_version"`
	LengthMode         string      `json:"length_mode"`
	BufferLength       int         `json:"buffer_length"`
	ReturnCode         int         `json:"return_code"`
	ReturnCodeHex      string      `json:"return_code_hex"`
	ReturnName         string      `json:"return_name,omitempty"`
	Strerror           string      `json:"strerror,omitempty"`
	CertificatesParsed int         `json:"certificates_parsed"`
	PEMPath            bool        `json:"pem_path"`
	HeapBytes          int         `json:"heap_bytes"`
	Blocks             []BlockJSON `json:"blocks,omitempty"`
	Error              string      `json:"error,omitempty"`
}

// BlockJSON is one iteration of the PEM loop (or the DER parse).
type BlockJSON struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	ReturnCode  int    `json:"return_code"`
	Step        string `json:"step,omitempty"`
	Offset      int    `json:"offset,omitempty"`
	Reason      string `json:"reason,omitempty"`
	Citation    string `json:"citation,omitempty"`
	StoppedScan bool   `json:"stopped_scan,omitempty"`
}

// FixJSON says what --fix would write.
type FixJSON struct {
	Certificates int      `json:"certificates"`
	Dropped      []string `json:"dropped,omitempty"`
	Changed      bool     `json:"changed"`
	Note         string   `json:"note,omitempty"`
}

// Check builds the JSON view of check.
func Check(reps []*doctor.Report, prof *profile.Profile) CheckJSON {
	out := CheckJSON{SchemaVersion: SchemaVersion, Profile: prof, Inputs: []InputJSON{}, Predictions: []PredictionJSON{}}
	for _, rep := range reps {
		ij := InputJSON{Source: rep.Input.Source, Form: rep.Input.Form.String(), Findings: nonNil(rep.Input.Findings), Items: []ItemJSON{}}
		out.Failing = out.Failing || rep.Failing()
		for _, ir := range rep.Items {
			it := ItemJSON{Name: ir.Item.Name, Form: ir.Item.Form.String(), Bytes: len(ir.Item.Bytes), Verdict: ir.Verdict, Failing: ir.Failing(),
				Predictions: []PredictionJSON{}, Findings: nonNil(ir.Findings), OK: ir.OK}
			if it.OK == nil {
				it.OK = []string{}
			}
			for _, pr := range ir.Predictions {
				pj := predictionJSON(pr)
				it.Predictions = append(it.Predictions, pj)
				pj.Source, pj.Item = rep.Input.Source, ir.Item.Name
				out.Predictions = append(out.Predictions, pj)
			}
			if ir.Fix != nil {
				it.Fix = &FixJSON{Certificates: len(ir.Fix.Certs), Dropped: ir.Fix.Dropped, Changed: ir.Fix.Changed, Note: ir.Fix.Note}
			}
			ij.Items = append(ij.Items, it)
		}
		out.Inputs = append(out.Inputs, ij)
	}
	return out
}

func nonNil(f []diag.Finding) []diag.Finding {
	if f == nil {
		return []diag.Finding{}
	}
	return f
}

func predictionJSON(pr doctor.Prediction) PredictionJSON {
	pj := PredictionJSON{MbedTLSVersion: pr.Version.String(), LengthMode: pr.Mode.String(), BufferLength: pr.Length}
	if pr.Err != nil {
		pj.Error = pr.Err.Error()
		return pj
	}
	r := pr.Result
	pj.ReturnCode, pj.ReturnCodeHex = r.Ret, mbedsim.HexCode(r.Ret)
	if r.Ret < 0 {
		pj.ReturnCodeHex = Hex(int64(r.Ret))
		pj.ReturnName = retName(pr.Version, r.Ret)
		pj.Strerror = errcode.Strerror(pr.Version, r.Ret, nil)
	}
	pj.CertificatesParsed, pj.PEMPath, pj.HeapBytes = len(r.Certs), r.PEM, r.HeapBytes
	for _, b := range r.Blocks {
		bj := BlockJSON{Start: b.Start, End: b.End, ReturnCode: b.Ret, StoppedScan: b.StoppedScan}
		if f := b.Failure; f != nil {
			bj.Step, bj.Offset, bj.Reason, bj.Citation = f.Step, f.Offset, f.Reason, f.Cite
		}
		pj.Blocks = append(pj.Blocks, bj)
	}
	return pj
}
