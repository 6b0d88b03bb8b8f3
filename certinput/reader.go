package certinput

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// maxTextScan bounds how much of an input the text decoders (C, JSON, hex,
// base64) read: their provenance costs up to about 16 bytes per source byte
// on adversarial input, and no root CA, bundle or source file comes near
// it (ESP-IDF's whole certificate bundle is about 64 KiB). Inputs read as
// they are (PEM, DER, paste, binary) have no such limit. A variable so
// tests can lower it.
var maxTextScan = 16 << 20

// reader holds the state of one Read.
type reader struct {
	in           *Input
	opt          Options
	findingCount map[string]int
	limitNoted   bool
	// fallback is set when sniffing found no form and read the text as
	// it is.
	fallback bool
}

func newReader(data []byte, opt Options) *reader {
	return &reader{
		in:           &Input{Source: sourceName(opt.Name), Data: data},
		opt:          opt,
		findingCount: map[string]int{},
	}
}

// trial returns a fresh reader over the same input, for trying a form
// whose findings must be dropped if it is not chosen.
func (r *reader) trial() *reader {
	t := newReader(r.in.Data, r.opt)
	t.in.Source = r.in.Source
	return t
}

// adopt takes over what a trial read.
func (r *reader) adopt(t *reader) {
	r.in.Form = t.in.Form
	r.in.Items = t.in.Items
	r.in.Findings = append(r.in.Findings, t.in.Findings...)
	for id, n := range t.findingCount {
		r.findingCount[id] += n
	}
	for _, it := range r.in.Items {
		it.in = r.in
	}
}

// text returns the part of Data the text decoders read, noting once when
// that is not all of it.
func (r *reader) text() []byte {
	d := r.in.Data
	if len(d) <= maxTextScan {
		return d
	}
	if !r.limitNoted {
		r.limitNoted = true
		r.finding("certinput.scan-limit", int64(maxTextScan), 1, "",
			fmt.Sprintf("only the first %d bytes of this %d-byte input were decoded as %s; the rest was ignored", maxTextScan, len(d), r.in.Form),
			"cut the input down to the certificate, or read it as it is with --form binary")
	}
	return d[:maxTextScan]
}

// finish puts items in source order and caps repeated findings.
func (r *reader) finish() {
	sort.SliceStable(r.in.Items, func(i, j int) bool { return r.in.Items[i].Extent.Start < r.in.Items[j].Extent.Start })
	r.capFindings()
}

// newItem makes an item of this input.
func (r *reader) newItem(name string, form Form, b []byte, p prov, ext Extent) *Item {
	return &Item{Name: name, Form: form, Bytes: b, ElemSize: 1, Extent: ext, in: r.in, prov: p}
}

// asIs reads the whole input as one item, byte for byte.
func (r *reader) asIs(form Form) {
	d := r.in.Data
	r.in.Form = form
	r.in.Items = append(r.in.Items, r.newItem("", form, d[:len(d):len(d)], identity(0, len(d)), Extent{0, int64(len(d))}))
}

// textAsIs reads text that is in no decodable form: a paste when it came from
// stdin, PEM otherwise.
func (r *reader) textAsIs() {
	if r.in.Source == "stdin" {
		r.asIs(FormPaste)
		return
	}
	r.asIs(FormPEM)
}

// run decides the form, in order of authority: the forced form, the file
// extension, the content.
func (r *reader) run() error {
	if r.opt.Form != FormAuto {
		if int(r.opt.Form) >= len(formNames) {
			return &ReadError{Source: r.in.Source, Form: r.opt.Form, Reason: ReasonSyntax, Pos: r.in.Position(0), Expected: "a known form"}
		}
		return r.readAs(r.opt.Form)
	}
	switch extRules()[fileExt(r.opt.Name)] {
	case extPEM:
		if derLike(r.in.Data) && !bytes.Contains(r.in.Data, []byte("-----BEGIN")) {
			r.asIs(FormDER)
			r.finding("certinput.extension-mismatch", 0, 2, "", "the file is named as PEM but holds binary DER", "rename it .der, or convert it: openssl x509 -inform der -in FILE -out FILE.pem")
			return nil
		}
		r.asIs(FormPEM)
		return nil
	case extDER:
		if text, _ := textStats(r.in.Data); text && bytes.Contains(r.in.Data, []byte("-----BEGIN")) {
			r.asIs(FormPEM)
			r.finding("certinput.extension-mismatch", int64(bytes.Index(r.in.Data, []byte("-----BEGIN"))), 10, "",
				"the file is named as DER but holds PEM text", "rename it .pem, or convert it: openssl x509 -in FILE -outform der -out FILE.der")
			return nil
		}
		r.asIs(FormDER)
		return nil
	case extPEMorDER:
		// .crt and .cer are both used for PEM and for DER.
		switch text, _ := textStats(r.in.Data); {
		case derLike(r.in.Data):
			r.asIs(FormDER)
		case text:
			r.asIs(FormPEM)
		default:
			r.asIs(FormBinary)
		}
		return nil
	case extC:
		return r.readAs(formCSource)
	case extJSON:
		return r.readAs(FormJSON)
	case extHex:
		if intelHex(r.in.Data) {
			r.intelHex()
			return nil
		}
		return r.readAs(FormHex)
	case extBase64:
		return r.readAs(FormBase64)
	case extBinary:
		r.asIs(FormBinary)
		return nil
	}
	return r.sniff()
}

// formCSource reads C source for both string literals and arrays; it is
// never an item's or an input's form.
const formCSource Form = 255

// readAs reads the input in a form that was forced or implied by the file
// name; if nothing can be read, the error suggests the form the content
// looks like.
func (r *reader) readAs(form Form) error {
	var err *ReadError
	switch form {
	case FormPEM, FormDER, FormPaste, FormBinary:
		r.asIs(form)
		return nil
	case FormCString, FormCArray, formCSource:
		err = r.readC(form)
	case FormJSON:
		err = r.readJSON()
	case FormHex:
		err = r.readHex()
	case FormBase64:
		err = r.readBase64()
	}
	if err == nil {
		return nil
	}
	if err.Form == formCSource {
		err.Form = FormCString
	}
	err.Findings = r.in.Findings
	t := r.trial()
	_ = t.sniff()
	if !t.fallback {
		err.Suggest = t.in.Form
	}
	return err
}

// sniff decides the form from the content alone.
func (r *reader) sniff() error {
	d := r.in.Data
	if derLike(d) {
		r.asIs(FormDER)
		return nil
	}
	text, utf16 := textStats(d)
	if !text {
		r.asIs(FormBinary)
		if utf16 {
			r.finding("certinput.utf16-text", 0, 4, "",
				"this is UTF-16 text: every other byte is NUL, so the device sees no \"-----BEGIN CERTIFICATE-----\" and reads it as DER",
				"save it as UTF-8 or ASCII (iconv -f UTF-16 -t ASCII FILE), or use tlsdoctor check --fix")
		}
		return nil
	}
	if len(d) > maxTextScan {
		r.fallback = !bytes.Contains(d, []byte("-----BEGIN"))
		r.textAsIs()
		return nil
	}
	if s := bytes.TrimLeft(trimBOM(d), " \t\r\n"); len(s) > 0 && (s[0] == '{' || s[0] == '[') {
		if t := r.trial(); t.readJSON() == nil {
			r.adopt(t)
			return nil
		}
	}
	// C source is recognised by a named literal or array holding certificate
	// material; bare quoted lines without a declaration stay text, since a
	// paste of them is what the device would receive.
	if t := r.trial(); t.readC(formCSource) == nil && t.namedItems() {
		r.adopt(t)
		return nil
	}
	// A dump's ASCII column may show "-----BEGIN", so dumps come first.
	if t := r.trial(); detectHexDialect(d) != hexPlain && t.readHex() == nil {
		r.adopt(t)
		return nil
	}
	if bytes.Contains(d, []byte("-----BEGIN")) || bytes.Contains(d, []byte("-----END")) {
		r.textAsIs()
		return nil
	}
	if intelHex(d) {
		r.intelHex()
		return nil
	}
	if t := r.trial(); hexLike(d) && t.readHex() == nil {
		r.adopt(t)
		return nil
	}
	if t := r.trial(); base64Like(d) && t.readBase64() == nil {
		r.adopt(t)
		return nil
	}
	r.fallback = true
	r.textAsIs()
	return nil
}

// namedItems reports whether a C read found a declared (named) item.
func (r *reader) namedItems() bool {
	for _, it := range r.in.Items {
		if it.Name != "" {
			return true
		}
	}
	return false
}

// intelHex reads an Intel HEX image as it is and points at tlsdoctor scan.
func (r *reader) intelHex() {
	r.asIs(FormBinary)
	r.finding("hex.intel-hex", 0, 1, "",
		"this is an Intel HEX firmware image, not a dump of a certificate; it is read here as text, which is not what the device holds",
		"run tlsdoctor scan on it to find the certificates inside")
}

type extRule uint8

const (
	extNone extRule = iota
	extPEM
	extDER
	extPEMorDER
	extC
	extJSON
	extHex
	extBase64
	extBinary
)

var extRulesLazy lazy.Value[map[string]extRule]

// extRules maps file extensions to what they imply. .txt and unknown
// extensions leave the decision to the content.
func extRules() map[string]extRule { return extRulesLazy.Get(buildExtRules) }

func buildExtRules() map[string]extRule {
	return map[string]extRule{
		".pem": extPEM, ".key": extPEM, ".csr": extPEM, ".ca-bundle": extPEM,
		".der": extDER,
		".crt": extPEMorDER, ".cer": extPEMorDER, ".cert": extPEMorDER,
		".h": extC, ".c": extC, ".cpp": extC, ".cc": extC, ".cxx": extC, ".hpp": extC, ".hh": extC,
		".hxx": extC, ".ino": extC, ".pde": extC, ".inc": extC, ".ipp": extC, ".tcc": extC,
		".json": extJSON,
		".hex":  extHex, ".xxd": extHex, ".hexdump": extHex,
		".b64": extBase64, ".base64": extBase64,
		".bin": extBinary, ".img": extBinary, ".dump": extBinary, ".raw": extBinary, ".dmp": extBinary,
	}
}

// fileExt returns the lower-case extension of a file name given with / or \
// separators.
func fileExt(name string) string {
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return strings.ToLower(base[i:])
}

// derLike reports whether data starts like a DER certificate: a SEQUENCE
// with a long-form length. Certificates are never shorter than 128 bytes, so
// a short-form length (which text starting "0" would also match) is not
// taken as DER.
func derLike(d []byte) bool {
	return len(d) >= 4 && d[0] == 0x30 && d[1] >= 0x81 && d[1] <= 0x84
}

// textStats reports whether data is text (at most 1% of bytes are control
// characters, NUL, 0xFF or invalid UTF-8) and whether it is UTF-16 text.
func textStats(d []byte) (text, utf16 bool) {
	if len(d) > maxTextScan {
		d = d[:maxTextScan]
	}
	bad := 0
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c >= 0x20 && c < 0x7F, c == '\t', c == '\n', c == '\r', c == '\f', c == '\v':
			i++
		case c >= 0x80:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n <= 1 {
				bad++
			}
			i += n
		default:
			bad++
			i++
		}
	}
	return bad*100 <= len(d), isUTF16(d)
}

// isUTF16 recognises UTF-16 text by its BOM, or by NULs in every other byte
// of an ASCII-range prefix.
func isUTF16(d []byte) bool {
	if len(d) >= 2 && (d[0] == 0xFF && d[1] == 0xFE || d[0] == 0xFE && d[1] == 0xFF) {
		return true
	}
	n := min(len(d), 64) &^ 1
	if n < 8 {
		return false
	}
	zeroOdd, zeroEven := 0, 0
	for i := 0; i < n; i += 2 {
		if d[i] == 0 {
			zeroEven++
		}
		if d[i+1] == 0 {
			zeroOdd++
		}
	}
	return zeroOdd == n/2 && zeroEven == 0 || zeroEven == n/2 && zeroOdd == 0
}

func trimBOM(d []byte) []byte {
	return bytes.TrimPrefix(d, []byte("\xEF\xBB\xBF"))
}
