package doctor

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// Fix is the repaired form of one item. Fixing never guesses content: a
// certificate is kept only when its DER is whole and parses; what cannot be
// recovered is listed in Dropped, and a truncated certificate is reported,
// not invented.
type Fix struct {
	// Certs are the recovered certificates (DER), in input order.
	Certs [][]byte
	// Dropped says what was left out and why.
	Dropped []string
	// Replacement is the item rewritten in its own form, to stand in place of
	// the item's Extent in the input: PEM text with LF line ends, a C string
	// literal, a C byte array, DER, a JSON string.
	Replacement []byte
	// Note says how to pass the fixed buffer to the parser.
	Note string
	// Changed is false when the replacement equals what was there.
	Changed bool
}

var validatorLazy lazy.Value[mbedsim.Build]

// validator parses recovered DER with the stock build: a certificate whose
// structure mbedTLS accepts there is whole.
// (built on first use: start-up time)
func validator() mbedsim.Build { return validatorLazy.Get(buildValidator) }

func buildValidator() mbedsim.Build { return mbedsim.Stock(errcode.Mbed36) }

func makeFix(c *Context) *Fix {
	f := &Fix{}
	for _, blk := range recoverBlocks(c.Bytes) {
		if blk.drop != "" {
			f.Dropped = append(f.Dropped, blk.drop)
			continue
		}
		dup := false
		for _, have := range f.Certs {
			dup = dup || bytes.Equal(have, blk.der)
		}
		if dup {
			f.Dropped = append(f.Dropped, "a second copy of the same certificate")
			continue
		}
		f.Certs = append(f.Certs, blk.der)
	}
	if len(f.Certs) == 0 {
		return f
	}
	it := c.item
	f.Replacement, f.Note = render(it, f.Certs)
	orig := c.Bytes
	if it.Form == certinput.FormCString || it.Form == certinput.FormCArray || it.Form == certinput.FormJSON {
		ext := it.Extent
		if in := inputData(c); in != nil && ext.End <= int64(len(in)) {
			orig = in[ext.Start:ext.End]
		}
	}
	f.Changed = !bytes.Equal(orig, f.Replacement)
	return f
}

func inputData(c *Context) []byte {
	if c.input != nil {
		return c.input.Data
	}
	return nil
}

type recovered struct {
	der  []byte
	drop string
}

// recoverBlocks finds every certificate in text that was damaged only around
// its base64: line ends, literal \n, C quoting, look-alike characters,
// indentation, joined lines, an OpenSSL TRUSTED label. A DER input is taken
// as is.
func recoverBlocks(b []byte) []recovered {
	if len(b) > 0 && b[0] == 0x30 {
		if ct, fail := mbedsim.ParseDER(validator(), b); fail == nil {
			return []recovered{{der: ct.Raw}}
		}
	}
	text := normaliseText(b)
	var out []recovered
	for {
		i := strings.Index(text, "-----BEGIN ")
		if i < 0 {
			return out
		}
		text = text[i+len("-----BEGIN "):]
		j := strings.Index(text, "-----")
		if j < 0 {
			return out
		}
		label := strings.TrimSpace(text[:j])
		text = text[j+5:]
		k := strings.Index(text, "-----END ")
		if k < 0 {
			out = append(out, recovered{drop: fmt.Sprintf("a %s block with no END line (truncated): get it again from its source", label)})
			return out
		}
		body := text[:k]
		text = text[k:]
		if next := strings.Index(body, "-----BEGIN "); next >= 0 {
			out = append(out, recovered{drop: fmt.Sprintf("a %s block with no END line (truncated): get it again from its source", label)})
			text = body[next:] + text
			continue
		}
		out = append(out, recoverBody(label, body))
		text = text[len("-----END "):]
		if e := strings.Index(text, "-----"); e >= 0 {
			text = text[e+5:]
		}
	}
}

func recoverBody(label, body string) recovered {
	up := strings.ToUpper(label)
	switch {
	case strings.Contains(up, "PRIVATE KEY"):
		return recovered{drop: "a private key (" + label + "): it must never be in a CA file"}
	case up != "CERTIFICATE" && up != "TRUSTED CERTIFICATE" && up != "X509 CERTIFICATE":
		return recovered{drop: "a " + label + " block: not a certificate"}
	}
	if strings.Contains(body, "Proc-Type:") {
		return recovered{drop: "an encrypted " + label + " block"}
	}
	var sb strings.Builder
	for _, r := range body {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '+', r == '/':
			sb.WriteRune(r)
		case r == '=' || r == ' ' || r == '\n' || r == '\t':
		default:
			return recovered{drop: fmt.Sprintf("a %s block with the character %q inside its base64: not recovered", label, r)}
		}
	}
	s := sb.String()
	if len(s)%4 == 1 {
		return recovered{drop: "a certificate whose base64 is cut short: get it again from its source"}
	}
	der, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return recovered{drop: "a certificate whose base64 does not decode: get it again from its source"}
	}
	ct, fail := mbedsim.ParseDER(validator(), der)
	if fail != nil {
		return recovered{drop: fmt.Sprintf("a certificate that is damaged inside (%s at %s): truncated or corrupted, not recovered; get it again from its source", mbedsim.HexCode(fail.Ret), fail.Step)}
	}
	return recovered{der: ct.Raw}
}

// normaliseText undoes the usual damage around PEM text so the armour and
// base64 can be found: literal \n, CR-only and CR LF line ends, look-alike
// characters, a BOM, C quoting at line ends, and armour in lower case.
func normaliseText(b []byte) string {
	s := string(b)
	s = strings.ReplaceAll(s, `\r\n`, "\n")
	s = strings.ReplaceAll(s, `\n`, "\n")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\uFEFF", "")
	s = strings.Map(func(r rune) rune {
		if r < 0x80 {
			return r
		}
		if a, ok := lookalikes()[r]; ok {
			return rune(a)
		}
		return r
	}, s)
	var sb strings.Builder
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimLeft(l, `"`)
		l = strings.TrimRight(l, `,;\`)
		l = strings.TrimRight(l, `"`)
		l = strings.TrimSpace(l)
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	s = sb.String()
	// Armour in lower case is rare: fold it only when it is there.
	if strings.Contains(s, "-----begin") || strings.Contains(s, "-----end") || strings.Contains(s, "-----Begin") || strings.Contains(s, "-----End") || strings.Contains(s, "ertificate-----") {
		for _, w := range []string{"begin ", "end "} {
			s = replaceFold(s, "-----"+w, "-----"+strings.ToUpper(w))
		}
		s = replaceFold(s, "certificate-----", "CERTIFICATE-----")
	}
	return s
}

func replaceFold(s, old, repl string) string {
	lower := strings.ToLower(s)
	var sb strings.Builder
	for {
		i := strings.Index(lower, strings.ToLower(old))
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		sb.WriteString(s[:i])
		sb.WriteString(repl)
		s, lower = s[i+len(old):], lower[i+len(old):]
	}
}

// PEM returns certificates as PEM text with LF line ends and 64-character
// lines, ending in a newline.
func PEM(certs [][]byte) []byte {
	var b bytes.Buffer
	for _, der := range certs {
		b.WriteString("-----BEGIN CERTIFICATE-----\n")
		enc := base64.StdEncoding.EncodeToString(der)
		for len(enc) > 64 {
			b.WriteString(enc[:64])
			b.WriteByte('\n')
			enc = enc[64:]
		}
		b.WriteString(enc)
		b.WriteString("\n-----END CERTIFICATE-----\n")
	}
	return b.Bytes()
}

// render writes the certificates in the item's own form.
func render(it *certinput.Item, certs [][]byte) ([]byte, string) {
	name := it.Name
	if name == "" {
		name = "root_ca"
	}
	pem := PEM(certs)
	switch it.Form {
	case certinput.FormCString:
		var b bytes.Buffer
		lines := strings.SplitAfter(string(pem), "\n")
		for i, l := range lines {
			if l == "" {
				continue
			}
			b.WriteString(`"` + strings.TrimSuffix(l, "\n") + `\n"`)
			if i < len(lines)-2 {
				b.WriteByte('\n')
			}
		}
		return b.Bytes(), fmt.Sprintf("Pass sizeof(%s) (or strlen(%s) + 1) as the length: the NUL the compiler adds must be counted.", name, name)
	case certinput.FormCArray:
		var b bytes.Buffer
		b.WriteString("{\n")
		der := certs[0]
		for i := 0; i < len(der); i += 12 {
			b.WriteString("    ")
			for j := i; j < min(i+12, len(der)); j++ {
				fmt.Fprintf(&b, "0x%02x,", der[j])
				if j+1 < min(i+12, len(der)) {
					b.WriteByte(' ')
				}
			}
			b.WriteByte('\n')
		}
		b.WriteString("}")
		note := fmt.Sprintf("Pass sizeof(%s) (%d bytes) to mbedtls_x509_crt_parse_der.", name, len(der))
		if len(certs) > 1 {
			note += fmt.Sprintf(" %d more certificates were found; a DER array holds one: emit each with `tlsdoctor emit --format c-der`.", len(certs)-1)
		}
		return b.Bytes(), note
	case certinput.FormDER, certinput.FormBinary:
		note := fmt.Sprintf("Pass the %d bytes to mbedtls_x509_crt_parse_der.", len(certs[0]))
		if len(certs) > 1 {
			note += " DER holds one certificate; the others were left out (write them as PEM to keep them together)."
		}
		return certs[0], note
	case certinput.FormJSON:
		q, _ := json.Marshal(string(pem))
		return q, "The JSON string now holds PEM text with \\n line breaks; pass its decoded length plus the NUL."
	}
	return pem, "Pass the text with a NUL after it and count the NUL in the length (strlen + 1), or use mbedtls_x509_crt_parse_file, which adds it."
}

type edit struct {
	start, end int64
	with       []byte
}

// lengthEdit rewrites the length the source passes to the parser when it
// leaves out the NUL (strlen(x), sizeof(x)-1): sizeof(x) for an array,
// strlen(x) + 1 for a pointer. The expression is looked for from the call
// the source shows, no further than the end of its statement.
func lengthEdit(data []byte, it *certinput.Item) (edit, bool) {
	l := it.Length
	if l.Call == "" || l.Expr == "" || (l.Mode != certinput.Strlen && l.Mode != certinput.SizeofMinus1) || !it.CString || it.Name == "" {
		return edit{}, false
	}
	from := l.Pos.Offset
	if from < 0 || from >= int64(len(data)) {
		return edit{}, false
	}
	end := bytes.IndexByte(data[from:], ';')
	if end < 0 {
		end = len(data) - int(from)
	}
	i := bytes.Index(data[from:from+int64(end)], []byte(l.Expr))
	if i < 0 {
		return edit{}, false
	}
	with := "sizeof(" + it.Name + ")"
	if it.Pointer {
		with = "strlen(" + it.Name + ") + 1"
	}
	start := from + int64(i)
	return edit{start, start + int64(len(l.Expr)), []byte(with)}, true
}

// FixedInput rewrites the whole input with every fixable item replaced in
// place, keeping everything else (the rest of a C file, the other JSON
// fields) byte for byte.
func FixedInput(rep *Report) ([]byte, error) {
	in := rep.Input
	var edits []edit
	for _, ir := range rep.Items {
		if ir.Fix == nil || len(ir.Fix.Certs) == 0 {
			continue
		}
		it := ir.Item
		switch it.Form {
		case certinput.FormCString, certinput.FormCArray, certinput.FormJSON:
			edits = append(edits, edit{it.Extent.Start, it.Extent.End, ir.Fix.Replacement})
			if e, ok := lengthEdit(in.Data, it); ok {
				edits = append(edits, e)
			}
		default:
			if len(rep.Items) == 1 {
				return ir.Fix.Replacement, nil
			}
			edits = append(edits, edit{it.Extent.Start, it.Extent.End, ir.Fix.Replacement})
		}
	}
	if len(edits) == 0 {
		return nil, errors.New("nothing to fix: no certificate could be recovered from this input")
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b bytes.Buffer
	pos := int64(0)
	for _, e := range edits {
		if e.start < pos || e.end > int64(len(in.Data)) {
			return nil, fmt.Errorf("items overlap at byte %d: cannot rewrite the input in place", e.start)
		}
		b.Write(in.Data[pos:e.start])
		b.Write(e.with)
		pos = e.end
	}
	b.Write(in.Data[pos:])
	return b.Bytes(), nil
}
