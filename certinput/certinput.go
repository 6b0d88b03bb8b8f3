// Package certinput reads whatever bytes a firmware engineer has that are
// meant to be a root CA — a PEM or DER file, C or C++ source with a string
// literal or byte array, a hex dump, bare base64, a JSON field, a console
// paste, a flash dump — into Items: the exact bytes the device's buffer
// holds, each byte traceable to the place in the input it came from.
//
// Exact bytes matter because mbedTLS decides between PEM and DER on them: it
// takes the PEM path only when the length it is given includes a terminating
// NUL, and its PEM reader rejects CR-only line ends and literal "\n" pairs.
// So certinput never normalises: a C literal is decoded as the compiler
// decodes it (escapes, concatenation, raw strings, line splices), a paste is
// kept byte for byte, and how the firmware passes the buffer to the parser
// (sizeof, strlen, strlen+1, a fixed length) is a separate choice, made with
// Item.Buffer.
//
// The package is pure Go, prints nothing and holds no global state.
package certinput

import (
	"fmt"
	"strings"
	"sync"

	"github.com/tlsdoctor/tlsdoctor/diag"
)

// Form is the shape of an input or an item.
type Form uint8

// The forms. FormAuto asks Read to decide.
const (
	FormAuto    Form = iota
	FormPEM          // PEM text, one or many blocks, kept as is
	FormDER          // binary DER, kept as is
	FormBase64       // base64 without armour, decoded
	FormHex          // a hex dump (xxd, hexdump -C, od, plain hex, 0x.. lists), decoded
	FormJSON         // a JSON string value, unescaped
	FormCString      // a C/C++ string literal, decoded as the compiler does
	FormCArray       // a C/C++ byte array initialiser
	FormPaste        // a console paste, kept byte for byte
	FormBinary       // unknown bytes such as a flash dump, kept as is
)

var formNames = [...]string{
	FormAuto:    "auto",
	FormPEM:     "pem",
	FormDER:     "der",
	FormBase64:  "base64",
	FormHex:     "hex",
	FormJSON:    "json",
	FormCString: "c-string",
	FormCArray:  "c-array",
	FormPaste:   "paste",
	FormBinary:  "binary",
}

// String returns the form's name as --form spells it.
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return fmt.Sprintf("form(%d)", uint8(f))
}

// MarshalText makes forms readable in JSON.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// ParseForm reads a form name as given to --form. It accepts the names
// String returns and a few common spellings ("c", "xxd", "b64").
func ParseForm(s string) (Form, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return FormAuto, nil
	case "pem", "crt":
		return FormPEM, nil
	case "der", "cer":
		return FormDER, nil
	case "base64", "b64":
		return FormBase64, nil
	case "hex", "xxd", "hexdump", "od":
		return FormHex, nil
	case "json":
		return FormJSON, nil
	case "c-string", "cstring", "c", "cpp", "c++", "string":
		return FormCString, nil
	case "c-array", "carray", "array":
		return FormCArray, nil
	case "paste", "console", "serial":
		return FormPaste, nil
	case "binary", "bin", "flash":
		return FormBinary, nil
	}
	return FormAuto, fmt.Errorf("unknown form %q: want one of pem, der, base64, hex, json, c-string, c-array, paste, binary", s)
}

// Options controls Read.
type Options struct {
	// Form forces the form (--form); FormAuto sniffs it.
	Form Form
	// Name is the file name, used for the extension rule and as
	// Evidence.Source; "" or "-" means stdin.
	Name string
}

// Input is one input read: the original bytes and the items found in them.
type Input struct {
	// Source names the input: the file name, or "stdin".
	Source string
	// Data is the original bytes, never modified.
	Data []byte
	// Form is what was sniffed or forced. For C source it is the form of the
	// first item (FormCString or FormCArray).
	Form Form
	// Items are the buffers found, in source order.
	Items []*Item
	// Findings are reading-level problems (an unterminated C literal, a gap
	// in a hex dump), each with evidence at the exact byte.
	Findings []diag.Finding

	linesOnce sync.Once
	lines     lineIndex
}

// Position returns the line and column of a Data offset. Offsets outside
// Data are clamped to it. A line ends at LF, CR LF, or a CR alone.
func (in *Input) Position(off int64) diag.Position {
	off = max(0, min(off, int64(len(in.Data))))
	in.linesOnce.Do(func() { in.lines = buildLineIndex(in.Data) })
	line, col := in.lines.find(in.Data, off)
	return diag.Position{Offset: off, Line: line, Col: col}
}

// Extent is a half-open range of offsets in Input.Data.
type Extent struct {
	Start, End int64
}

// Item is one buffer the firmware may hand to the TLS stack.
type Item struct {
	// Name is the C identifier (or member, "cfg.cacert_pem_buf"; or array
	// element, "certs[1]"), the JSON path in jq syntax (".certificatePem",
	// ".data[0].ca"), or "" for a plain file, a dump or an unnamed literal.
	Name string
	// Form is the item's own form.
	Form Form
	// Bytes is what the device's buffer holds: the decoded C literal (escapes
	// applied, adjacent literals concatenated, no terminating NUL), the array
	// bytes, the hex- or base64-decoded bytes, the unescaped JSON string, or
	// the input as is for PEM, DER, paste and binary. It may share memory
	// with Input.Data: treat it as read-only.
	Bytes []byte
	// CString is set for a C string literal: the object has an implicit
	// terminating NUL after Bytes (sizeof is len(Bytes)+ElemSize).
	CString bool
	// DeclaredSize is the declared element count ("char ca[2048] = ..."),
	// 0 if none was written or it could not be evaluated.
	DeclaredSize int
	// Pointer is set when the name is a pointer to the literal
	// ("const char *ca = ..."): sizeof(ca) is then the pointer's size.
	Pointer bool
	// ElemSize is the size in bytes of one element: 1 for char literals and
	// byte arrays, 2 or 4 for u"", U"", L"" literals and wider arrays.
	ElemSize int
	// Length is how the source passes the buffer to the parser, when the
	// source shows the call; its Call is "" otherwise.
	Length LengthExpr
	// Extent is where the item was read from: the initialiser of a C
	// declaration, the JSON string with its quotes, the whole dump or file.
	Extent Extent

	in   *Input
	prov prov
}

// Pos returns the position in Input.Data of Bytes[i]: for a byte made by an
// escape such as \n or \x30, the backslash; for a hex-dump byte, its first
// digit. An i outside Bytes gives the position just after the item's last
// byte (where the implicit NUL of a C literal sits: its closing quote).
func (it *Item) Pos(i int) diag.Position {
	return it.in.Position(it.offset(i))
}

func (it *Item) offset(i int) int64 {
	n := it.prov.bytes()
	if n == 0 {
		return it.Extent.Start
	}
	if i < 0 {
		i = 0
	}
	if i >= n {
		_, end := it.prov.span(n - 1)
		if end < 0 {
			return it.Extent.End
		}
		return end
	}
	s, _ := it.prov.span(i)
	if s < 0 {
		return it.Extent.Start
	}
	return s
}

// Span returns the source range [start, end) that Bytes[i:j] came from. The
// range is clamped to the item; an empty range gives the position of i
// twice.
func (it *Item) Span(i, j int) (start, end int64) {
	n := it.prov.bytes()
	i = max(0, min(i, n))
	j = max(i, min(j, n))
	if i == j {
		o := it.offset(i)
		return o, o
	}
	return it.prov.rangeSpan(i, j)
}

// ReadErrorReason says why nothing could be read.
type ReadErrorReason uint8

// The reasons.
const (
	// ReasonEmpty: the input has no bytes.
	ReasonEmpty ReadErrorReason = iota + 1
	// ReasonSyntax: the input is not in the form it was said to be in.
	ReasonSyntax
	// ReasonNoCertificate: the input is in its form but holds nothing that
	// could be a certificate (no literal, no array, no PEM-like string).
	ReasonNoCertificate
)

// String names the reason.
func (r ReadErrorReason) String() string {
	switch r {
	case ReasonEmpty:
		return "empty input"
	case ReasonSyntax:
		return "syntax"
	case ReasonNoCertificate:
		return "no certificate material"
	}
	return "unknown"
}

// ReadError is returned by Read when nothing at all could be read.
type ReadError struct {
	Source string
	Form   Form // the form that was tried
	Reason ReadErrorReason
	Pos    diag.Position
	// Expected says what would have been readable there.
	Expected string
	// Found shows the bytes found there, made visible.
	Found string
	// Suggest is a form the content looks like, when it differs from Form.
	Suggest Form
	// Hint is a further pointer, e.g. the file an ESP-IDF build embeds.
	Hint string
	// Findings are the reading-level findings made before giving up (an
	// array element not understood, an unterminated comment).
	Findings []diag.Finding
}

func (e *ReadError) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %s: ", e.Source, e.Pos)
	if e.Reason == ReasonEmpty {
		sb.WriteString("empty input")
	} else {
		fmt.Fprintf(&sb, "reading as %s: expected %s", e.Form, e.Expected)
		if e.Found != "" {
			fmt.Fprintf(&sb, ", found %q", e.Found)
		}
	}
	if e.Suggest != FormAuto && e.Suggest != e.Form {
		fmt.Fprintf(&sb, " (it looks like %s: try --form %s)", e.Suggest, e.Suggest)
	}
	if e.Hint != "" {
		sb.WriteString("; ")
		sb.WriteString(e.Hint)
	}
	if len(e.Findings) > 0 {
		fmt.Fprintf(&sb, "; %s: %s", e.Findings[0].Evidence[0].Pos, e.Findings[0].Message)
	}
	return sb.String()
}

// Read reads one input into Items. It returns an error (a *ReadError) only
// when nothing can be read at all; problems in what was read are Findings.
// Read never modifies data and holds no reference to opt.
func Read(data []byte, opt Options) (*Input, error) {
	r := newReader(data, opt)
	if len(data) == 0 {
		return nil, &ReadError{Source: r.in.Source, Form: opt.Form, Reason: ReasonEmpty,
			Pos: r.in.Position(0), Expected: "a certificate in some form"}
	}
	if err := r.run(); err != nil {
		return nil, err
	}
	r.finish()
	return r.in, nil
}

// sourceName is how findings name the input.
func sourceName(name string) string {
	if name == "" || name == "-" {
		return "stdin"
	}
	return name
}
