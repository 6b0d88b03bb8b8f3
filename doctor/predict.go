package doctor

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// Prediction is what one mbedTLS line returns for one way of passing the
// buffer.
type Prediction struct {
	Version errcode.MbedVersion
	Build   mbedsim.Build
	Mode    certinput.LengthMode
	// Length is the byte count the firmware passes.
	Length int
	// Result is mbedsim's prediction; nil when the mode cannot apply (Err).
	Result *mbedsim.Result
	// Err says why the mode cannot apply to the item (strlen of an array
	// without NUL, a fixed length past its end).
	Err error
}

// Options steer a check.
type Options struct {
	// Modes force the length modes (--length); empty reports the one the
	// source shows and the other plausible ones.
	Modes []certinput.LengthMode
	// Now is the current time, for validity when the profile has no device
	// time.
	Now time.Time
	// Fix asks for the repaired bytes of every item; without it they are
	// made only for items that fail (to say whether a fix exists).
	Fix bool
}

// ItemReport is everything found about one item.
type ItemReport struct {
	Item        *certinput.Item
	Predictions []Prediction
	// Findings are sorted: errors first, then warnings, then information.
	Findings []diag.Finding
	// OK lists what is fine, so the user stops suspecting it.
	OK []string
	// Verdict is the one-line answer, in the user's words.
	Verdict string
	// Fix is the repaired item, or why none can be made.
	Fix *Fix
}

// Failing reports whether the device fails with this item: an
// error-severity finding, or a version for which no way of passing the
// buffer returns 0. (When some ways work and the firmware's is not known,
// a warning says which ones fail.)
func (r *ItemReport) Failing() bool {
	for _, f := range r.Findings {
		if f.Severity == diag.Error {
			return true
		}
	}
	works := map[errcode.MbedVersion]bool{}
	for _, p := range r.Predictions {
		works[p.Version] = works[p.Version] || (p.Result != nil && p.Result.Ret == 0)
	}
	for _, p := range r.Predictions {
		if !works[p.Version] {
			return true
		}
	}
	return false
}

// Report is the whole result of a check.
type Report struct {
	Input   *certinput.Input
	Profile *profile.Profile
	Items   []*ItemReport
}

// Failing reports whether any item fails, or reading the input did.
func (r *Report) Failing() bool {
	for _, it := range r.Items {
		if it.Failing() {
			return true
		}
	}
	for _, f := range r.Input.Findings {
		if f.Severity == diag.Error {
			return true
		}
	}
	return false
}

// Run checks every item of an input against a profile.
func Run(in *certinput.Input, p *profile.Profile, opt Options) *Report {
	rep := &Report{Input: in, Profile: p}
	builds := map[errcode.MbedVersion]mbedsim.Build{}
	for _, v := range p.Versions {
		builds[v] = mbedsim.FromMacros(v, p.Config[v])
	}
	for _, it := range in.Items {
		rep.Items = append(rep.Items, checkItem(in, it, p, builds, opt))
	}
	return rep
}

func checkItem(in *certinput.Input, it *certinput.Item, p *profile.Profile, builds map[errcode.MbedVersion]mbedsim.Build, opt Options) *ItemReport {
	r := &ItemReport{Item: it}
	modes := opt.Modes
	if len(modes) == 0 {
		modes = certinput.PlausibleModes(it)
	}
	c := &Context{
		Source: in.Source, Item: it.Name, Bytes: it.Bytes, CString: it.CString,
		pos: it.Pos, a: analyse(it.Bytes), item: it, input: in, profile: p, now: opt.Now, forced: len(opt.Modes) > 0,
	}
	for _, v := range p.Versions {
		for _, m := range modes {
			pr := Prediction{Version: v, Build: builds[v], Mode: m}
			buf, err := c.buffer(m)
			if err != nil {
				pr.Err = err
			} else {
				pr.Length = len(buf)
				pr.Result = mbedsim.ParseCRT(pr.Build, buf)
			}
			r.Predictions = append(r.Predictions, pr)
		}
	}
	c.preds = r.Predictions
	c.found = map[string]bool{}
	for _, k := range Registry() {
		fs := k.Run(k, c)
		if len(fs) > 0 {
			c.found[k.ID] = true
		}
		r.Findings = append(r.Findings, fs...)
	}
	sort.SliceStable(r.Findings, func(i, j int) bool { return r.Findings[i].Severity > r.Findings[j].Severity })
	r.OK = okLines(c)
	r.Verdict = verdict(c, r)
	if opt.Fix || r.Failing() {
		r.Fix = makeFix(c)
	}
	return r
}

// codeName names a return value for the verdict: "-0x2780
// (X509_CERT_UNKNOWN_FORMAT)", "1 (one certificate failed)".
func codeName(v errcode.MbedVersion, ret int) string {
	switch {
	case ret == 0:
		return "0"
	case ret > 0:
		return fmt.Sprintf("%d (the number of certificates that failed; the others parsed)", ret)
	}
	return fmt.Sprintf("%s (%s)", mbedsim.HexCode(ret), errcode.MbedPartNames(v, int64(ret), true))
}

// outcome is one distinct result among the predictions.
type outcome struct {
	ret, certs int
	pem        bool
	err        error
	versions   []errcode.MbedVersion
	modes      []certinput.LengthMode
}

func outcomes(preds []Prediction) []*outcome {
	var out []*outcome
	for _, p := range preds {
		ret, certs, pem := 0, 0, false
		if p.Result != nil {
			ret, certs, pem = p.Result.Ret, len(p.Result.Certs), p.Result.PEM
		}
		var o *outcome
		for _, have := range out {
			if have.ret == ret && have.certs == certs && have.pem == pem && (have.err == nil) == (p.Err == nil) {
				o = have
			}
		}
		if o == nil {
			o = &outcome{ret: ret, certs: certs, pem: pem, err: p.Err}
			out = append(out, o)
		}
		o.versions = appendUniqueV(o.versions, p.Version)
		o.modes = appendUniqueM(o.modes, p.Mode)
	}
	return out
}

func appendUniqueV(vs []errcode.MbedVersion, v errcode.MbedVersion) []errcode.MbedVersion {
	for _, have := range vs {
		if have == v {
			return vs
		}
	}
	return append(vs, v)
}

func appendUniqueM(ms []certinput.LengthMode, m certinput.LengthMode) []certinput.LengthMode {
	for _, have := range ms {
		if have == m {
			return ms
		}
	}
	return append(ms, m)
}

func versionsText(vs []errcode.MbedVersion) string {
	var s []string
	for _, v := range vs {
		s = append(s, v.String())
	}
	return "mbedTLS " + strings.Join(s, " and ")
}

// ModeText describes how the firmware passes an item's buffer, in C
// ("strlen(root_ca)+1").
func ModeText(it *certinput.Item, m certinput.LengthMode) string {
	name := it.Name
	if name == "" {
		name = "buf"
	}
	switch m {
	case certinput.Sizeof:
		return "sizeof(" + name + ")"
	case certinput.Strlen:
		return "strlen(" + name + ")"
	case certinput.StrlenPlus1:
		return "strlen(" + name + ")+1"
	case certinput.SizeofMinus1:
		return "sizeof(" + name + ")-1"
	case certinput.AsIs:
		return "the bytes as read"
	case certinput.AsIsPlusNUL:
		return "the bytes plus a terminating NUL"
	}
	if n, ok := m.Fixed(); ok {
		return fmt.Sprintf("a length of %d", n)
	}
	return m.String()
}

func modesText(it *certinput.Item, ms []certinput.LengthMode) string {
	var s []string
	for _, m := range ms {
		s = append(s, ModeText(it, m))
	}
	return strings.Join(s, ", ")
}

// verdict is the one line a tired engineer reads first.
func verdict(c *Context, r *ItemReport) string {
	preds := r.Predictions
	suffix := ""
	if l := c.item.Length; l.Call != "" && l.Mode != 0 {
		// The source shows how the firmware passes it: that is the answer.
		var shown []Prediction
		for _, p := range preds {
			if p.Mode == l.Mode {
				shown = append(shown, p)
			}
		}
		if len(shown) > 0 {
			preds = shown
			suffix = fmt.Sprintf(" (as %s passes %s, line %d)", l.Call, l.Expr, l.Pos.Line)
		}
	}
	os := outcomes(preds)
	reason := ""
	for _, f := range r.Findings {
		if f.Severity == diag.Error {
			if k := checkByID(f.ID); k != nil {
				reason = k.Summary
			}
			break
		}
	}
	// Working outcomes first, then failures on the PEM path (the ones the
	// findings explain), then the rest.
	rank := func(o *outcome) int {
		switch {
		case o.err != nil:
			return 4
		case o.ret == 0:
			return 0
		case o.ret > 0:
			return 1
		case o.pem:
			return 2
		}
		return 3
	}
	sort.SliceStable(os, func(i, j int) bool { return rank(os[i]) < rank(os[j]) })
	reasonUsed := false
	var parts []string
	for i, o := range os {
		var s string
		with := ""
		if len(os) > 1 {
			with = " with " + modesText(c.item, o.modes)
		}
		switch {
		case o.err != nil:
			s = fmt.Sprintf("%s cannot be used: %v", modesText(c.item, o.modes), o.err)
		case o.ret == 0:
			s = fmt.Sprintf("returns 0%s: %s parsed", with, plural(o.certs, "certificate"))
		case o.ret > 0:
			s = fmt.Sprintf("returns %d%s: %s parsed, %d failed (a `ret != 0` check treats this as a failure)", o.ret, with, plural(o.certs, "certificate"), o.ret)
		default:
			s = fmt.Sprintf("returns %s%s", codeName(o.versions[0], o.ret), with)
			if reason != "" && !reasonUsed {
				s += ": " + reason
				reasonUsed = true
			}
		}
		if i == 0 && o.err == nil {
			s = versionsText(o.versions) + " " + strings.Replace(s, "returns", "will return", 1)
		} else if o.err == nil && !sameVersions(o.versions, os[0].versions) {
			s = versionsText(o.versions) + " " + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ") + suffix
}

func sameVersions(a, b []errcode.MbedVersion) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
