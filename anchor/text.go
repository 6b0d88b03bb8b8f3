package anchor

import (
	"encoding/pem"
	"fmt"
	"strings"
)

// pemOf returns one certificate as PEM: 64-column base64, LF line ends and
// a final newline, the form every PEM reader accepts.
func pemOf(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func (e *emitter) pemFiles() []File {
	var out []File
	for i, a := range e.anchors {
		out = append(out, File{Name: e.ident(i) + ".pem", Data: []byte(pemOf(a.DER))})
	}
	return out
}

func (e *emitter) derFiles() []File {
	var out []File
	for i, a := range e.anchors {
		out = append(out, File{Name: e.ident(i) + ".der", Data: a.DER})
	}
	return out
}

// pemBundle puts a "# " comment before each block: PEM readers (mbedTLS,
// OpenSSL, ESP-IDF's gen_crt_bundle.py) skip text outside the blocks.
func (e *emitter) pemBundle() []byte {
	var b strings.Builder
	for i, a := range e.anchors {
		if i > 0 {
			b.WriteByte('\n')
		}
		lineComment(&b, "# ", describe(a))
		b.WriteString(pemOf(a.DER))
	}
	return []byte(b.String())
}

// console is only the PEM blocks: a device's line reader may not skip
// comments, and the line end is the one its console expects.
func (e *emitter) console() []byte {
	var b strings.Builder
	for _, a := range e.anchors {
		b.WriteString(pemOf(a.DER))
	}
	s := b.String()
	if e.opt.CRLF {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	return []byte(s)
}

// microPython gives DER: MicroPython's ssl module hands cadata to
// mbedtls_x509_crt_parse with the bytes object's length, which has no NUL,
// so a PEM would be read as DER and fail; DER has no such trap.
func (e *emitter) microPython() []byte {
	var b strings.Builder
	b.WriteString("# Trust anchors for MicroPython's ssl module (DER: the length passed has no NUL, so PEM would fail).\n")
	b.WriteString("#   ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n")
	b.WriteString("#   for ca in " + strings.ToUpper(e.name) + "S:\n")
	b.WriteString("#       ctx.load_verify_locations(cadata=ca)\n")
	for i, a := range e.anchors {
		b.WriteByte('\n')
		lineComment(&b, "# ", describe(a))
		fmt.Fprintf(&b, "%s = (\n", strings.ToUpper(e.ident(i)))
		for j := 0; j < len(a.DER); j += 24 {
			b.WriteString("    b\"")
			for _, c := range a.DER[j:min(j+24, len(a.DER))] {
				fmt.Fprintf(&b, "\\x%02x", c)
			}
			b.WriteString("\"\n")
		}
		b.WriteString(")\n")
	}
	fmt.Fprintf(&b, "\n%sS = (", strings.ToUpper(e.name))
	for i := range e.anchors {
		fmt.Fprintf(&b, "%s, ", strings.ToUpper(e.ident(i)))
	}
	b.WriteString(")\n")
	return []byte(b.String())
}

func (e *emitter) rust() []byte {
	var b strings.Builder
	b.WriteString("// Trust anchors as DER, e.g. for rustls:\n")
	b.WriteString("//   for der in " + strings.ToUpper(e.name) + "S { roots.add(CertificateDer::from(*der))?; }\n")
	for i, a := range e.anchors {
		b.WriteByte('\n')
		lineComment(&b, "// ", describe(a))
		fmt.Fprintf(&b, "pub static %s: &[u8] = &[\n", strings.ToUpper(e.ident(i)))
		hexBytes(&b, "    ", a.DER, true)
		b.WriteString("];\n")
	}
	fmt.Fprintf(&b, "\n/// Every anchor above.\npub static %sS: &[&[u8]] = &[", strings.ToUpper(e.name))
	for i := range e.anchors {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strings.ToUpper(e.ident(i)))
	}
	b.WriteString("];\n")
	return []byte(b.String())
}
