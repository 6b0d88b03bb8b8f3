package certinput

import (
	"fmt"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// findingKind is the fixed metadata of one reading-level finding: its
// severity and the rule it rests on. Messages and fixes are written where
// the finding is made, because they name the bytes.
type findingKind struct {
	sev  diag.Severity
	cite string
}

var findingKindsLazy lazy.Value[map[string]findingKind]

// The C rules cited are from ISO/IEC 9899:2018 (C17) and ISO/IEC 14882:2020
// (C++20); where GCC's behaviour is what firmware actually gets (unknown
// escapes, out-of-range escapes, line splices with trailing blanks), its
// libcpp function is cited.
func findingKinds() map[string]findingKind { return findingKindsLazy.Get(buildFindingKinds) }

func buildFindingKinds() map[string]findingKind {
	return map[string]findingKind{
		"c.unterminated-literal":         {diag.Error, "C17 §6.4.5 (a string literal ends on its line); C++20 [lex.string] (a raw string ends at )delimiter\")"},
		"c.unterminated-comment":         {diag.Warning, "C17 §6.4.9 (a /* comment ends at the first */)"},
		"c.unknown-escape":               {diag.Warning, "C17 §6.4.4.4; gcc libcpp charset.cc:convert_escape (an unknown escape keeps the character after the backslash)"},
		"c.escape-out-of-range":          {diag.Error, "C17 §6.4.4.4p9 (the value of an octal or hex escape must fit the character type); gcc libcpp charset.cc:convert_hex"},
		"c.bad-raw-delimiter":            {diag.Error, "C++20 [lex.string] (a raw-string delimiter is at most 16 characters, none of them space, (, ), \\)"},
		"c.splice-whitespace":            {diag.Warning, "C17 §5.1.1.2 phase 2 (only a backslash immediately followed by a newline joins lines); gcc libcpp lex.cc:_cpp_clean_line accepts blanks between them, other compilers do not"},
		"c.array-size-too-small":         {diag.Error, "C17 §6.7.9p2 and p14 (no more initialisers than elements); C++20 [dcl.init.string]p2"},
		"c.string-no-room-for-nul":       {diag.Warning, "C17 §6.7.9p14 (the NUL is stored only if there is room); C++20 [dcl.init.string]p2 (an error in C++)"},
		"c.array-element-out-of-range":   {diag.Error, "C17 §6.3.1.3 (a value that does not fit the element type is converted modulo its range); C++20 [dcl.init.list]p7 (narrowing is an error)"},
		"c.array-element-not-understood": {diag.Warning, "tlsdoctor reads numbers, character constants and numeric #defines in array initialisers"},
		"c.array-size-unknown":           {diag.Info, "tlsdoctor evaluates array sizes written as numbers or numeric #defines"},
		"c.wide-literal":                 {diag.Warning, "C17 §6.4.5p6 (u\"\", U\"\" and L\"\" literals hold 16- or 32-bit characters)"},
		"c.sizeof-pointer":               {diag.Error, "C17 §6.5.3.4p2 (sizeof a pointer is the pointer's size, not the string's)"},
		"c.length-of-other-object":       {diag.Warning, "the length argument names a different object than the buffer argument"},
		"c.define-continuation-missing":  {diag.Error, "C17 §6.10p2 and §5.1.1.2 phase 2 (a #define ends at the first newline not preceded by a backslash)"},
		"c.disabled-code":                {diag.Info, "C17 §6.10.1 (#if 0 groups are skipped)"},
		"c.duplicate-name":               {diag.Info, "two definitions with one name are usually alternatives under #if"},
		"c.embedded-file":                {diag.Info, "ESP-IDF build system: EMBED_TXTFILES/EMBED_FILES expose a file as _binary_<name>_start (docs: Build System, Embedding Binary Data)"},
		"json.syntax-error":              {diag.Error, "RFC 8259 §2"},
		"json.invalid-escape":            {diag.Error, "RFC 8259 §7 (the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"},
		"json.control-character":         {diag.Error, "RFC 8259 §7 (control characters U+0000..U+001F must be escaped in strings)"},
		"json.lone-surrogate":            {diag.Warning, "RFC 8259 §8.2 (an unpaired surrogate has no Unicode meaning)"},
		"json.too-deep":                  {diag.Error, "tlsdoctor reads JSON nested at most 10000 levels deep"},
		"hex.odd-digit-count":            {diag.Error, "two hex digits make one byte"},
		"hex.invalid-character":          {diag.Error, "a hex dump's data columns hold only hex digits"},
		"hex.address-gap":                {diag.Warning, "each line of xxd, hexdump -C and od starts with the offset of its first byte"},
		"hex.repeat-without-address":     {diag.Warning, "hexdump and od print * for repeated lines; without addresses (od -An) the count is lost"},
		"hex.repeat-too-large":           {diag.Error, "tlsdoctor expands * lines of a dump up to 64 MiB"},
		"hex.word-order":                 {diag.Info, "hexdump and od -x print 16-bit little-endian words"},
		"hex.intel-hex":                  {diag.Warning, "Intel HEX is a firmware image format, read by tlsdoctor scan"},
		"certinput.extension-mismatch":   {diag.Info, "the content decides: mbedTLS looks at the bytes, not the file name"},
		"certinput.scan-limit":           {diag.Warning, "tlsdoctor decodes text forms up to 16 MiB"},
		"certinput.base64-invalid-character": {diag.Error,
			"RFC 4648 §4; mbedTLS library/base64.c:mbedtls_base64_decode rejects any other character"},
		"certinput.base64-data-after-padding": {diag.Error, "RFC 4648 §3.3 (padding ends the data)"},
		"certinput.base64-incomplete":         {diag.Warning, "RFC 4648 §4 (4 digits make 3 bytes; one digit alone makes none)"},
		"certinput.utf16-text":                {diag.Warning, "mbedTLS library/x509_crt.c:mbedtls_x509_crt_parse searches for the header with strstr, which stops at the first NUL of UTF-16 text"},
	}
}

// maxFindingsPerID keeps a pathological input (every line broken the same
// way) from producing millions of findings; the last one kept says how many
// more there were.
const maxFindingsPerID = 20

// contextWidth bounds the visible line shown around a finding.
const contextWidth = 100

// skip reports whether a finding of this ID would be dropped by the cap,
// counting it if so; callers whose message is costly to build ask first.
func (r *reader) skip(id string) bool {
	if r.findingCount[id] >= maxFindingsPerID {
		r.findingCount[id]++
		return true
	}
	return false
}

// finding records a reading-level finding about Data[off:off+n].
func (r *reader) finding(id string, off int64, n int, item, msg, fix string) {
	k, ok := findingKinds()[id]
	if !ok {
		panic("certinput: unregistered finding " + id) // a programming error, caught by the registry test
	}
	if r.findingCount[id]++; r.findingCount[id] > maxFindingsPerID {
		return
	}
	r.in.Findings = append(r.in.Findings, diag.Finding{
		ID:       id,
		Severity: k.sev,
		Evidence: []diag.Evidence{r.evidence(off, n, item)},
		Message:  msg,
		Fix:      fix,
		Citation: k.cite,
	})
}

// evidence points at Data[off:off+n] and shows it and its line visibly.
func (r *reader) evidence(off int64, n int, item string) diag.Evidence {
	data := r.in.Data
	off = max(0, min(off, int64(len(data))))
	end := min(off+int64(max(n, 0)), int64(len(data)))
	shown := data[off:end]
	if len(shown) > 64 {
		shown = shown[:64]
	}
	return diag.Evidence{
		Source:  r.in.Source,
		Item:    item,
		Pos:     r.in.Position(off),
		Len:     int(end - off),
		Shown:   diag.Visible(shown),
		Context: lineContext(data, off),
	}
}

// lineContext returns the line around off, made visible, cut to about
// contextWidth bytes centred on off.
func lineContext(data []byte, off int64) string {
	lo := off
	for lo > 0 && off-lo < contextWidth && data[lo-1] != '\n' && data[lo-1] != '\r' {
		lo--
	}
	hi := off
	for hi < int64(len(data)) && hi-lo < 2*contextWidth && data[hi] != '\n' && data[hi] != '\r' {
		hi++
	}
	// Keep the line's end visible: a CR before LF is often the point.
	for k := 0; k < 2 && hi < int64(len(data)) && (data[hi] == '\r' || data[hi] == '\n'); k++ {
		hi++
	}
	return diag.Visible(data[lo:hi])
}

// capFindings notes on the last finding of each over-reported ID how many
// more were dropped.
func (r *reader) capFindings() {
	for i := len(r.in.Findings) - 1; i >= 0; i-- {
		f := &r.in.Findings[i]
		if n := r.findingCount[f.ID]; n > maxFindingsPerID {
			f.Message += fmt.Sprintf(" (%d more like this are not listed)", n-maxFindingsPerID)
			r.findingCount[f.ID] = maxFindingsPerID
		}
	}
}
