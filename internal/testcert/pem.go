package testcert

import (
	"encoding/base64"
	"strings"
)

// The armour mbedTLS looks for (x509_crt.c: mbedtls_x509_crt_parse passes
// these exact strings to mbedtls_pem_read_buffer).
const (
	pemHeader = "-----BEGIN CERTIFICATE-----"
	pemFooter = "-----END CERTIFICATE-----"
)

// b64Lines is the base64 of der in lines of width characters (0: one line).
func b64Lines(der []byte, width int) []string {
	s := base64.StdEncoding.EncodeToString(der)
	if width <= 0 || width >= len(s) {
		return []string{s}
	}
	lines := make([]string, 0, len(s)/width+1)
	for len(s) > width {
		lines = append(lines, s[:width])
		s = s[width:]
	}
	return append(lines, s)
}

// armour joins header, body lines and footer, ending every line with eol.
func armour(lines []string, eol string) string {
	var b strings.Builder
	b.WriteString(pemHeader)
	b.WriteString(eol)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString(eol)
	}
	b.WriteString(pemFooter)
	b.WriteString(eol)
	return b.String()
}

// pemLF is the PEM of der as openssl writes it: 64-character lines, LF.
func pemLF(der []byte) string { return armour(b64Lines(der, 64), "\n") }

// allLines is header, body lines and footer as one list.
func allLines(der []byte, width int) []string {
	return append(append([]string{pemHeader}, b64Lines(der, width)...), pemFooter)
}

// mapLines applies f to header, every body line and footer, and joins the
// results with sep, with end after the last.
func mapLines(der []byte, f func(i int, l string) string, sep, end string) string {
	ls := allLines(der, 64)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = f(i, l)
	}
	return strings.Join(out, sep) + end
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, r := range s { // the PEM text is ASCII
		put(uint16(r))
	}
	return out
}
