// Package diag is tlsdoctor's shared vocabulary for what it finds: a Report
// holds Findings, each with a stable ID, a severity, the evidence (where in
// the user's bytes, shown visibly), a plain-words message, the exact fix and
// a citation. Findings are data: the CLI, the JSON output and the web page
// all render the same values.
package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Severity orders findings: errors first.
type Severity uint8

// The severities.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// MarshalText makes severities readable in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Position is a place in an input: a 0-based byte offset and the 1-based line
// and column (in bytes) it falls on.
type Position struct {
	Offset int64 `json:"offset"`
	Line   int   `json:"line"`
	Col    int   `json:"column"`
}

// String formats a position as users read it: "line 3, byte 27".
func (p Position) String() string {
	if p.Line == 0 {
		return fmt.Sprintf("byte %d", p.Offset)
	}
	return fmt.Sprintf("line %d, byte %d", p.Line, p.Offset)
}

// Evidence points at the bytes a finding is about.
type Evidence struct {
	// Source names the input: a file name, or "stdin".
	Source string `json:"source,omitempty"`
	// Item names the part of the input: a C identifier, "block 2".
	Item string `json:"item,omitempty"`
	// Pos is where the bytes start in the source.
	Pos Position `json:"position"`
	// Len is how many bytes are meant.
	Len int `json:"length,omitempty"`
	// Shown is the offending bytes made visible (Visible), never raw.
	Shown string `json:"shown,omitempty"`
	// Context is the line around them, made visible.
	Context string `json:"context,omitempty"`
}

// Finding is one thing tlsdoctor found.
type Finding struct {
	// ID is stable across releases: "pem.cr-only-line-endings".
	ID       string     `json:"id"`
	Severity Severity   `json:"severity"`
	Evidence []Evidence `json:"evidence,omitempty"`
	// Message says what is wrong and why the device cares, in plain words.
	Message string `json:"message"`
	// Fix is the exact action that repairs it.
	Fix string `json:"fix,omitempty"`
	// Citation is the rule's source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
	// an RFC section, a vendor note.
	Citation string `json:"citation,omitempty"`
	// Versions lists the mbedTLS lines the finding applies to; empty means all.
	Versions []string `json:"versions,omitempty"`
}

// Visible renders bytes so that nothing is invisible: printable ASCII as is,
// the usual escapes for CR, LF, TAB and NUL, \xNN for other control and
// invalid bytes, and U+XXXX for non-ASCII characters (a BOM, a
// non-breaking space, an en dash in "-----BEGIN").
func Visible(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == 0:
			sb.WriteString(`\0`)
		case r == '\\':
			sb.WriteString(`\\`)
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&sb, `\x%02X`, b[0])
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&sb, `\x%02X`, r)
		case r >= 0x80:
			fmt.Fprintf(&sb, "U+%04X", r)
		default:
			sb.WriteRune(r)
		}
		b = b[size:]
	}
	return sb.String()
}
