package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/roots"
)

// RootJSON is the JSON view of one root: what `roots show --json` prints
// and each element of a search's matches.
type RootJSON struct {
	Name               string      `json:"name"`
	Store              string      `json:"store"`
	Source             string      `json:"source,omitempty"`
	Subject            string      `json:"subject"`
	Issuer             string      `json:"issuer"`
	SelfSigned         bool        `json:"self_signed"`
	Serial             string      `json:"serial"`
	Key                string      `json:"key"`
	SignatureAlgorithm string      `json:"signature_algorithm"`
	NotBefore          time.Time   `json:"not_before"`
	NotAfter           time.Time   `json:"not_after"`
	SKI                string      `json:"ski,omitempty"`
	SHA256             string      `json:"sha256"`
	DERBytes           int         `json:"der_bytes"`
	PEMBytes           int         `json:"pem_bytes"`
	DistrustAfter      bool        `json:"distrust_after_constraint,omitempty"`
	MatchedBy          string      `json:"matched_by,omitempty"`
	Events             []EventJSON `json:"events,omitempty"`
	PEM                string      `json:"pem,omitempty"`
}

// EventJSON is the JSON view of one calendar event.
type EventJSON struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Kind     string   `json:"kind"`
	Roots    []string `json:"roots"`
	Concerns []string `json:"concerns"`
	Summary  string   `json:"summary"`
	Source   string   `json:"source"`
	Past     bool     `json:"past"`
}

// KnownRootJSON is a calendar root that no searched store holds.
type KnownRootJSON struct {
	Subject string      `json:"subject"`
	SHA256  string      `json:"sha256,omitempty"`
	Events  []EventJSON `json:"events"`
}

// RootsSearchJSON is `roots search --json`.
type RootsSearchJSON struct {
	SchemaVersion int             `json:"schema_version"`
	Query         string          `json:"query"`
	Bundle        BundleJSON      `json:"bundle"`
	Matches       []RootJSON      `json:"matches"`
	NotInStore    []KnownRootJSON `json:"not_in_store"`
}

// RootShowJSON is `roots show --json`.
type RootShowJSON struct {
	SchemaVersion int        `json:"schema_version"`
	Bundle        BundleJSON `json:"bundle"`
	Root          RootJSON   `json:"root"`
}

// RootsEventsJSON is `roots events --json`.
type RootsEventsJSON struct {
	SchemaVersion int         `json:"schema_version"`
	Events        []EventJSON `json:"events"`
}

// BundleJSON names the bundled store's provenance.
type BundleJSON struct {
	Module  string `json:"module"`
	Version string `json:"version"`
	Date    string `json:"date"`
	Roots   int    `json:"roots"`
}

// Bundle returns the bundled store's provenance.
func Bundle() BundleJSON {
	return BundleJSON{Module: roots.BundleModule, Version: roots.BundleVersion, Date: roots.BundleDate, Roots: len(roots.Bundled().Roots)}
}

// Root builds the JSON view of r; withPEM adds the PEM text.
func Root(r *roots.Root, now time.Time, withPEM bool) RootJSON {
	c := r.Cert
	j := RootJSON{
		Name: r.Name(), Store: r.Store, Source: r.Source,
		Subject: c.Subject.String(), Issuer: c.Issuer.String(), SelfSigned: r.SelfSigned(),
		Serial: colonHex(c.SerialNumber.Bytes()), Key: r.KeyDescription(),
		SignatureAlgorithm: c.SignatureAlgorithm.String(),
		NotBefore:          c.NotBefore.UTC(), NotAfter: c.NotAfter.UTC(),
		SKI: r.SKI(), SHA256: r.Fingerprint(), DERBytes: len(r.DER()), PEMBytes: r.PEMSize(),
		DistrustAfter: r.Constrained,
	}
	for _, e := range roots.EventsFor(r) {
		j.Events = append(j.Events, Event(e, now))
	}
	if withPEM {
		j.PEM = string(r.PEM())
	}
	return j
}

// Event builds the JSON view of e; Past is relative to now.
func Event(e roots.Event, now time.Time) EventJSON {
	j := EventJSON{ID: e.ID, Date: e.DateString(), Kind: e.Kind.String(), Concerns: e.Concerns,
		Summary: e.Summary, Source: e.Source, Past: !e.Date.After(now), Roots: []string{}}
	for _, r := range e.Roots {
		j.Roots = append(j.Roots, r.Subject)
	}
	return j
}

// RootsSearch builds `roots search --json`.
func RootsSearch(res *roots.Result, now time.Time) RootsSearchJSON {
	out := RootsSearchJSON{SchemaVersion: SchemaVersion, Query: res.Query, Bundle: Bundle(),
		Matches: []RootJSON{}, NotInStore: []KnownRootJSON{}}
	for _, m := range res.Matches {
		j := Root(m.Root, now, false)
		j.MatchedBy = m.By
		out.Matches = append(out.Matches, j)
	}
	for _, k := range res.Known {
		kj := KnownRootJSON{Subject: k.Ref.Subject, SHA256: k.Ref.SHA256}
		for _, e := range k.Events {
			kj.Events = append(kj.Events, Event(e, now))
		}
		out.NotInStore = append(out.NotInStore, kj)
	}
	return out
}

// RootsEvents builds `roots events --json`.
func RootsEvents(events []roots.Event, now time.Time) RootsEventsJSON {
	out := RootsEventsJSON{SchemaVersion: SchemaVersion, Events: []EventJSON{}}
	for _, e := range events {
		out.Events = append(out.Events, Event(e, now))
	}
	return out
}

// BundleText is the one line that says which bundled store this is.
func BundleText(w io.Writer) {
	b := Bundle()
	fmt.Fprintf(w, "bundled store: Mozilla roots from %s %s (%s), %d roots\n", b.Module, b.Version, b.Date, b.Roots)
}

// RootsSearchText writes a search result, one root a line.
func RootsSearchText(w io.Writer, res *roots.Result, now time.Time) {
	for _, m := range res.Matches {
		r := m.Root
		fmt.Fprintf(w, "%-8s  %s\n", r.Fingerprint()[:8], r.Name())
		fmt.Fprintf(w, "          %s, until %s, %s store", r.KeyDescription(), r.Cert.NotAfter.UTC().Format("2006-01-02"), r.Store)
		if n := len(roots.EventsFor(r)); n > 0 {
			fmt.Fprintf(w, ", %s", plural(n, "calendar event"))
		}
		fmt.Fprintln(w)
	}
	for i, k := range res.Known {
		if i == 0 && len(res.Matches) > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "not in store: %s\n", k.Ref.Subject)
		for _, e := range k.Events {
			eventLine(w, "  ", e, now)
		}
	}
}

// RootShowText writes the details of one root.
func RootShowText(w io.Writer, r *roots.Root, now time.Time) {
	c := r.Cert
	fmt.Fprintln(w, r.Name())
	field := func(k, v string) { fmt.Fprintf(w, "  %-10s %s\n", k, v) }
	store := r.Store
	if r.Store == roots.BundledStoreName {
		store += fmt.Sprintf(" (%s %s, %s)", roots.BundleModule, roots.BundleVersion, roots.BundleDate)
	} else if r.Source != "" {
		store += " (" + r.Source + ")"
	}
	field("store", store)
	field("subject", c.Subject.String())
	if r.SelfSigned() {
		field("issuer", "self-signed")
	} else {
		field("issuer", c.Issuer.String())
	}
	field("serial", colonHex(c.SerialNumber.Bytes()))
	field("key", r.KeyDescription())
	field("signature", c.SignatureAlgorithm.String())
	field("valid", c.NotBefore.UTC().Format("2006-01-02 15:04:05")+" to "+c.NotAfter.UTC().Format("2006-01-02 15:04:05")+" UTC"+validity(c.NotBefore, c.NotAfter, now))
	if r.SKI() != "" {
		field("SKI", r.SKI())
	} else {
		field("SKI", "none")
	}
	field("SHA-256", r.Fingerprint())
	field("size", fmt.Sprintf("DER %d bytes, PEM %d bytes", len(r.DER()), r.PEMSize()))
	if r.Constrained {
		field("trust", "Mozilla trusts it only for certificates issued before a distrust-after date")
	}
	if evs := roots.EventsFor(r); len(evs) > 0 {
		fmt.Fprintln(w, "  events")
		for _, e := range evs {
			eventLine(w, "    ", e, now)
		}
	}
}

// RootsEventsText writes the calendar, one event a paragraph.
func RootsEventsText(w io.Writer, events []roots.Event, now time.Time) {
	for i, e := range events {
		if i > 0 {
			fmt.Fprintln(w)
		}
		eventLine(w, "", e, now)
		names := make([]string, len(e.Roots))
		for j, r := range e.Roots {
			names[j] = r.Subject
		}
		fmt.Fprintf(w, "    roots:    %s\n", strings.Join(names, "; "))
		fmt.Fprintf(w, "    concerns: %s\n", strings.Join(e.Concerns, "; "))
	}
}

func eventLine(w io.Writer, indent string, e roots.Event, now time.Time) {
	when := ""
	if e.Date.After(now) {
		when = " (upcoming)"
	}
	fmt.Fprintf(w, "%s%-10s  %-14s %s%s\n", indent, e.DateString(), e.Kind, e.Summary, when)
	fmt.Fprintf(w, "%s%-10s  %-14s source: %s\n", indent, "", "", e.Source)
}

func validity(from, to, now time.Time) string {
	switch {
	case now.After(to):
		return " (expired)"
	case now.Before(from):
		return " (not yet valid)"
	}
	return ""
}

func colonHex(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteByte(':')
		}
		fmt.Fprintf(&sb, "%02x", c)
	}
	return sb.String()
}
