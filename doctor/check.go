// Package doctor turns what the user has (certinput items), the device
// (profile) and the prediction of its TLS stack (mbedsim) into a diag.Report:
// the verdict the device will give, every finding with where it is and how
// to fix it, what is fine, and the fixed bytes.
//
// Checks are values in an explicit registry (registry.go), one file per
// family, each with a stable ID, a severity, a citation and a fixture that
// triggers it; a test enforces that for every check.
package doctor

import (
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// Check is one rule tlsdoctor applies.
type Check struct {
	// ID is stable across releases: "pem.cr-only-line-endings".
	ID string
	// Severity is what a finding of this check usually is.
	Severity diag.Severity
	// Summary says in a few words what the check looks for.
	Summary string
	// Citation is the rule's source: mbedTLS file:function@version, an RFC,
	// a public report.
	Citation string
	// Fixture names a file under doctor/testdata/fixtures/ that triggers it.
	Fixture string
	// Run returns the check's findings for one item; chk is the check
	// itself (a check cannot name itself in its own initialiser).
	Run func(chk *Check, c *Context) []diag.Finding
}

// Context is what a check sees of one item.
type Context struct {
	Source string // file name or "stdin"
	Item   string // the item's name (a C identifier), "" for a plain file
	Bytes  []byte // the item's bytes, as the device's buffer holds them
	// CString is true when the bytes come from a C string literal, whose
	// array ends in an implicit NUL.
	CString bool
	pos     func(i int) diag.Position
	a       *anatomy
	item    *certinput.Item
	input   *certinput.Input
	preds   []Prediction
	profile *profile.Profile
	now     time.Time
	// forced is true when the user gave the length mode (--length).
	forced bool
	// certs caches parsedCerts; stock caches stockResult per prediction.
	certs     []*mbedsim.Cert
	certsDone bool
	stock     map[*Prediction]*mbedsim.Result
	// bufs caches the buffer of each length mode: a copy of a large bundle
	// per call would dominate the check.
	bufs map[certinput.LengthMode]bufResult
	// found holds the IDs of checks that already reported, so that a later
	// check does not repeat what an earlier one explains.
	found map[string]bool
}

// ev builds the evidence for n bytes at off.
func (c *Context) ev(off, n int) diag.Evidence {
	if off > len(c.Bytes) {
		off = len(c.Bytes)
	}
	if off+n > len(c.Bytes) {
		n = len(c.Bytes) - off
	}
	e := diag.Evidence{Source: c.Source, Item: c.Item, Pos: c.position(off), Len: n, Shown: diag.Visible(c.Bytes[off : off+n])}
	if len(c.a.lines) > 0 {
		li := c.a.lineAt(off)
		e.Context = diag.Visible(clip(c.a.text(li), 100))
	}
	return e
}

// evQuiet is evidence that never shows the bytes (a private key).
func (c *Context) evQuiet(off, n int) diag.Evidence {
	return diag.Evidence{Source: c.Source, Item: c.Item, Pos: c.position(off), Len: n}
}

func (c *Context) position(off int) diag.Position {
	if c.pos != nil {
		return c.pos(off)
	}
	return diag.Position{Offset: int64(off)}
}

type bufResult struct {
	b   []byte
	err error
}

// buffer is Item.Buffer, computed once per mode.
func (c *Context) buffer(m certinput.LengthMode) ([]byte, error) {
	if r, ok := c.bufs[m]; ok {
		return r.b, r.err
	}
	b, err := c.item.Buffer(m)
	if c.bufs == nil {
		c.bufs = map[certinput.LengthMode]bufResult{}
	}
	c.bufs[m] = bufResult{b, err}
	return b, err
}

// profileReleases names the releases a finding's rule was checked in.
func (c *Context) profileReleases() string {
	if c.profile == nil || len(c.profile.Versions) == 0 {
		return "2.28.3"
	}
	var rs []string
	for _, v := range c.profile.Versions {
		rs = append(rs, v.Release())
	}
	return strings.Join(rs, ",")
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// finding builds a finding of check k.
func (k *Check) finding(msg, fix string, ev ...diag.Evidence) diag.Finding {
	return diag.Finding{ID: k.ID, Severity: k.Severity, Message: msg, Fix: fix, Citation: k.Citation, Evidence: ev}
}
