package mbedsim

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// The tables here pin the results observed on the real libraries and
// recorded in ../shared/research/mbedtls-behaviour.md (tables T1, T2, T3),
// for the four builds it describes. The certificates are ours
// (testdata/certs, made by testdata/certs/gen.sh with OpenSSL) but of the
// same shapes as the ones measured there.

// researchBuilds are the builds of the research notes' section 0.
func researchBuilds() (debian, small, v2, m36 Build) {
	debian = Stock(errcode.Mbed228)
	debian.Hashes = debian.Hashes.With(MD2, MD4) // Debian enables MD2_C and MD4_C
	small = Stock(errcode.Mbed228)
	small.MPIMaxSize = 256
	small.Curves = CurveSet(0).With(SECP256R1, Curve25519, Curve448)
	v2 = Stock(errcode.Mbed228)
	v2.PEMParse = false
	v2.AllowUnsupportedCriticalExtension = true
	v2.RSASSAPSS = false
	v2.Hashes = v2.Hashes.Without(SHA384, SHA512)
	m36 = Stock(errcode.Mbed36)
	return
}

func cert(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "certs", name+".der"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pemText armours der with LF line ends at 64 columns (no NUL).
func pemText(der []byte) string {
	return pemWith(der, "\n", 64)
}

func pemWith(der []byte, eol string, width int) string {
	b64 := base64.StdEncoding.EncodeToString(der)
	var sb strings.Builder
	sb.WriteString("-----BEGIN CERTIFICATE-----" + eol)
	for i := 0; i < len(b64); i += width {
		sb.WriteString(b64[i:min(i+width, len(b64))] + eol)
	}
	sb.WriteString("-----END CERTIFICATE-----" + eol)
	return sb.String()
}

func nul(s string) []byte { return append([]byte(s), 0) }

// lines splits LF PEM text into its lines.
func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

func mapBody(s string, f func(string) string, eol string) string {
	ls := lines(s)
	for i := 1; i < len(ls)-1; i++ {
		ls[i] = f(ls[i])
	}
	return strings.Join(ls, eol) + eol
}

func TestObservedT1(t *testing.T) {
	debian, small, v2, m36 := researchBuilds()
	leafDER := cert(t, "leaf")
	caDER := cert(t, "ca") // 829 bytes: 829 mod 3 = 1, so its base64 ends in "=="
	lf := pemText(leafDER)
	ls := lines(lf)
	hdr, ftr := ls[0], ls[len(ls)-1]
	body := ls[1 : len(ls)-1]
	good := lf
	good2 := pemText(caDER)
	corruptDER := append([]byte{}, caDER...)
	corruptDER[4] = 0x31 // TBS SEQUENCE tag -> SET
	badDER := pemText(corruptDER)
	badB64 := strings.Replace(good2, "\n", "\n*", 3)
	blank := hdr + "\n\n" + ftr + "\n"
	crOnly := strings.ReplaceAll(pemText(cert(t, "ec256")), "\n", "\r")
	encLines := func(extra string) string { return hdr + "\n" + extra + strings.Join(body, "\n") + "\n" + ftr + "\n" }
	b64 := base64.StdEncoding.EncodeToString(caDER)
	fromB64 := func(s string, w int) string {
		var sb strings.Builder
		sb.WriteString(hdr + "\n")
		for i := 0; i < len(s); i += w {
			sb.WriteString(s[i:min(i+w, len(s))] + "\n")
		}
		return sb.String() + ftr + "\n"
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, c := range nul(lf) {
		utf16 = append(utf16, c, 0)
	}
	half := len(body) / 2

	const x = 0 // readability: "parses"
	tests := []struct {
		name                   string
		in                     []byte
		der                    bool // mbedtls_x509_crt_parse_der instead of _parse
		debian, small, v2, m36 int
		certs228, certs36      int
	}{
		{"lf.pem nul", nul(lf), false, x, x, -0x2180, x, 1, 1},
		{"lf.pem strlen", []byte(lf), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"crlf.pem", nul(strings.ReplaceAll(lf, "\n", "\r\n")), false, x, x, -0x2180, x, 1, 1},
		{"cr_only.pem", nul(strings.ReplaceAll(lf, "\n", "\r")), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"mixed_lf_hdr_cr_body.pem", nul(hdr + "\n" + strings.Join(append(append([]string{}, body...), ftr), "\r") + "\r"), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"literal_bn_all.pem", nul(strings.Join(ls, `\n`) + `\n`), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"literal_bn_body.pem", nul(hdr + "\n" + strings.Join(body, `\n`) + "\n" + ftr + "\n"), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"trailing_spaces_body.pem", nul(mapBody(lf, func(l string) string { return l + "   " }, "\n")), false, x, x, -0x2180, x, 1, 1},
		{"trailing_space_hdr1.pem", nul(hdr + " \n" + strings.Join(ls[1:], "\n") + "\n"), false, x, x, -0x2180, x, 1, 1},
		{"trailing_space_hdr2.pem", nul(hdr + "  \n" + strings.Join(ls[1:], "\n") + "\n"), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"trailing_tab_hdr.pem", nul(hdr + "\t\n" + strings.Join(ls[1:], "\n") + "\n"), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"trailing_tab_body.pem", nul(mapBody(lf, func(l string) string { return l + "\t" }, "\n")), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"leading_spaces_body.pem", nul(mapBody(lf, func(l string) string { return "    " + l }, "\n")), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"indented_all.pem", nul("  " + strings.Join(ls, "\n  ") + "\n"), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"crlf_trailing_space.pem", nul(mapBody(lf, func(l string) string { return l + " " }, "\r\n")), false, x, x, -0x2180, x, 1, 1},
		{"width76.pem", nul(pemWith(leafDER, "\n", 76)), false, x, x, -0x2180, x, 1, 1},
		{"width1000.pem", nul(pemWith(leafDER, "\n", 100000)), false, x, x, -0x2180, x, 1, 1},
		{"width4.pem", nul(pemWith(leafDER, "\n", 4)), false, x, x, -0x2180, x, 1, 1},
		{"width5.pem", nul(pemWith(leafDER, "\n", 5)), false, x, x, -0x2180, x, 1, 1},
		{"blank_lines_body.pem", nul(mapBody(lf, func(l string) string { return l + "\n" }, "\n")), false, x, x, -0x2180, x, 1, 1},
		{"bom.pem", nul("\uFEFF" + lf), false, x, x, -0x2180, x, 1, 1},
		{"utf16le.pem", utf16, false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"text_prefix.pem", nul("Certificate:\n    Data:\n        Version: 3 (0x2)\n" + lf), false, x, x, -0x2180, x, 1, 1},
		{"garbage_after.pem", nul(lf + "garbage after the footer\n"), false, x, x, -0x2180, x, 1, 1},
		{"no_eol_after_footer.pem", nul(strings.TrimSuffix(lf, "\n")), false, x, x, -0x2180, x, 1, 1},
		{"no_padding.pem", nul(fromB64(strings.TrimRight(b64, "="), 64)), false, -0x2180, -0x2180, -0x2180, -0x112C, 0, 0},
		{"extra_padding.pem", nul(fromB64(b64+"=", 64)), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"padding_mid.pem", nul(fromB64(b64[:64]+"="+b64[64:], 65)), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"truncated_nofooter.pem", nul(lf[:len(lf)/2]), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"truncated_body_footer.pem", nul(hdr + "\n" + strings.Join(body[:half], "\n") + "\n" + ftr + "\n"), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"truncated_1line_footer.pem", nul(hdr + "\n" + strings.Join(append(append([]string{}, body[:1]...), body[2:]...), "\n") + "\n" + ftr + "\n"), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"hdr_only.pem", nul(hdr + "\n"), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"empty_body.pem", nul(hdr + "\n" + ftr + "\n"), false, -0x1100, -0x1100, -0x2180, -0x1100, 0, 0},
		{"blank_body.pem", nul(blank), false, -0x2180, -0x2180, -0x2180, -0x1480, 0, 0},
		{"lowercase_hdr.pem", nul(strings.ToLower(hdr) + "\n" + strings.Join(ls[1:], "\n") + "\n"), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"trusted_cert.pem", nul(strings.ReplaceAll(lf, "CERTIFICATE", "TRUSTED CERTIFICATE")), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"x509_cert_label.pem", nul(strings.ReplaceAll(lf, "CERTIFICATE", "X509 CERTIFICATE")), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"bad_footer.pem", nul(strings.Replace(lf, "END CERTIFICATE", "END CERTIFCATE", 1)), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"footer_before_header.pem", nul(ftr + "\n" + lf), false, -0x2780, -0x2780, -0x2180, -0x2780, 0, 0},
		{"body_bad_char.pem", nul(strings.Replace(lf, body[3][:4], body[3][:3]+"*", 1)), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"body_8bit.pem", nul(strings.Replace(lf, body[3][:4], body[3][:3]+"\xC3", 1)), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"der_corrupt_in_pem.pem", nul(badDER), false, -0x21E2, -0x21E2, -0x2180, -0x21E2, 0, 0},
		{"two_ok.pem", nul(good + good2), false, x, x, -0x2180, x, 2, 2},
		{"two_nonewline.pem", nul(strings.TrimSuffix(good, "\n") + good2), false, x, x, -0x2180, x, 2, 2},
		{"two_second_bad_b64.pem", nul(good + badB64), false, 1, 1, -0x2180, 1, 1, 1},
		{"two_second_bad_der.pem", nul(good + badDER), false, 1, 1, -0x2180, 1, 1, 1},
		{"two_second_truncated.pem", nul(good + good2[:len(good2)/2]), false, x, x, -0x2180, x, 1, 1},
		{"two_first_bad_b64.pem", nul(badB64 + good), false, 1, 1, -0x2180, 1, 1, 1},
		{"two_first_truncated.pem", nul(good2[:len(good2)/2] + good), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"two_both_bad.pem", nul(badDER + badB64), false, -0x21E2, -0x21E2, -0x2180, -0x21E2, 0, 0},
		{"three_mid_empty.pem", nul(good + blank + good2), false, 1, 1, -0x2180, -0x1480, 2, 1},
		{"three_mid_crlf_cr.pem", nul(good + crOnly + good2), false, x, x, -0x2180, x, 1, 1},
		{"empty.bin raw", []byte{}, false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"empty.bin nul", []byte{0}, false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"empty.bin null", nil, false, -0x2800, -0x2800, -0x2800, -0x2800, 0, 0},
		{"ff4096.bin raw", bytes.Repeat([]byte{0xFF}, 4096), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"ff4096.bin nul", append(bytes.Repeat([]byte{0xFF}, 4096), 0), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"zero4096.bin", make([]byte, 4096), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"pem_then_ff.bin", append([]byte(lf), bytes.Repeat([]byte{0xFF}, 1000)...), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"pem_nul_then_ff.bin", append(nul(lf), bytes.Repeat([]byte{0xFF}, 1000)...), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"pem_then_zeros.bin", append([]byte(lf), make([]byte, 1000)...), false, x, x, -0x2180, x, 1, 1},
		{"leaf.der der", leafDER, true, x, x, x, x, 1, 1},
		{"leaf.der raw", leafDER, false, x, x, x, x, 1, 1},
		{"leaf.der nul", append(append([]byte{}, leafDER...), 0), false, x, x, x, x, 1, 1},
		{"der_trailing.der der", append(append([]byte{}, leafDER...), bytes.Repeat([]byte{0x5A}, 16)...), true, x, x, x, x, 1, 1},
		{"der_trailing.der raw", append(append([]byte{}, leafDER...), bytes.Repeat([]byte{0x5A}, 16)...), false, x, x, x, x, 1, 1},
		{"der_truncated.der", leafDER[:len(leafDER)-10], true, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"der_twice.der der", append(append([]byte{}, leafDER...), caDER...), true, x, x, x, x, 1, 1},
		{"der_twice.der raw", append(append([]byte{}, leafDER...), caDER...), false, x, x, x, x, 1, 1},
		{"pem_as_der.pem", []byte(lf), true, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
		{"root4096.crt", nul(pemText(cert(t, "root4096"))), false, x, -0x3B00, -0x2180, x, 1, 1},
		{"ec384.crt", nul(pemText(cert(t, "ec384"))), false, x, -0x3A00, -0x2180, x, 1, 1},
		{"ec256.crt", nul(pemText(cert(t, "ec256"))), false, x, x, -0x2180, x, 1, 1},
		{"bp256.crt", nul(pemText(cert(t, "bp256"))), false, x, -0x3A00, -0x2180, x, 1, 1},
		{"ed25519.crt", nul(pemText(cert(t, "ed25519"))), false, -0x262E, -0x262E, -0x2180, -0x262E, 0, 0},
		{"leaf_crit.crt", nul(pemText(cert(t, "leaf_crit"))), false, -0x2562, -0x2562, -0x2180, -0x2562, 0, 0},
		{"leaf_noncrit.crt", nul(pemText(cert(t, "leaf_noncrit"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_pss.crt", nul(pemText(cert(t, "leaf_pss"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_md5.crt", nul(pemText(cert(t, "leaf_md5"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_sha1.crt", nul(pemText(cert(t, "leaf_sha1"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_rsa1024.crt", nul(pemText(cert(t, "leaf_rsa1024"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_big.crt", nul(pemText(cert(t, "leaf_rsa4096"))), false, x, -0x3B00, -0x2180, x, 1, 1},
		{"leaf_expired.crt", nul(pemText(cert(t, "leaf_expired"))), false, x, x, -0x2180, x, 1, 1},
		{"leaf_future.crt", nul(pemText(cert(t, "leaf_future"))), false, x, x, -0x2180, x, 1, 1},
		{"enc_aes.pem", nul(encLines("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n")), false, -0x1300, -0x1300, -0x2180, -0x1300, 0, 0},
		{"enc_unknown_alg.pem", nul(encLines("Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n")), false, -0x1280, -0x1280, -0x2180, -0x1280, 0, 0},
		{"enc_bad_iv.pem", nul(encLines("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEFGHIJ456789ABCDEF\n\n")), false, -0x1200, -0x1200, -0x2180, -0x1200, 0, 0},
		{"proc_type_other.pem", nul(encLines("Proc-Type: 4,MIC-ONLY\n")), false, -0x112C, -0x112C, -0x2180, -0x112C, 0, 0},
		{"enc_then_good.pem", nul(encLines("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n") + good2), false, 1, 1, -0x2180, 1, 1, 1},
		{"two_cstrings.bin", append(nul(good), nul(good2)...), false, x, x, -0x2180, x, 1, 1},
		{"nul_before_header.bin", append([]byte{0}, nul(lf)...), false, -0x2180, -0x2180, -0x2180, -0x2180, 0, 0},
	}
	builds := []struct {
		name string
		b    Build
	}{{"2.28 debian", debian}, {"2.28 small", small}, {"2.28 v2", v2}, {"3.6", m36}}
	for _, tc := range tests {
		want := []int{tc.debian, tc.small, tc.v2, tc.m36}
		for i, bb := range builds {
			ret, n := run(bb.b, tc.in, tc.der)
			wantN := tc.certs228
			if bb.b.v36() {
				wantN = tc.certs36
			}
			if want[i] < 0 {
				wantN = 0
			}
			if bb.name == "2.28 v2" && want[i] == -0x2180 {
				wantN = 0
			}
			if tc.name == "three_mid_empty.pem" && bb.b.v36() {
				wantN = 1 // 3.6 aborts with -0x1480 after the first certificate
			}
			if ret != want[i] || n != wantN {
				t.Errorf("%s on %s: got %s with %d certs, want %s with %d", tc.name, bb.name, HexCode(ret), n, HexCode(want[i]), wantN)
			}
		}
	}
}

func run(b Build, in []byte, der bool) (ret, certs int) {
	if der {
		c, f := ParseDER(b, in)
		if f != nil {
			return f.Ret, 0
		}
		_ = c
		return 0, 1
	}
	r := ParseCRT(b, in)
	return r.Ret, len(r.Certs)
}

// tnode is a DER element of a test certificate, for edits that keep every
// length consistent.
type tnode struct {
	tag     byte
	content []byte
	kids    []*tnode
}

func parseT(b []byte) []*tnode {
	var out []*tnode
	for p := 0; p < len(b); {
		q, l, code := getLen(b, p+1, len(b))
		if code != 0 {
			panic("test DER does not parse")
		}
		n := &tnode{tag: b[p], content: b[q : q+l]}
		if b[p]&0x20 != 0 {
			n.kids = parseT(n.content)
		}
		out = append(out, n)
		p = q + l
	}
	return out
}

func (n *tnode) enc() []byte {
	c := n.content
	if n.kids != nil {
		c = nil
		for _, k := range n.kids {
			c = append(c, k.enc()...)
		}
	}
	var l []byte
	switch {
	case len(c) < 0x80:
		l = []byte{byte(len(c))}
	case len(c) < 0x100:
		l = []byte{0x81, byte(len(c))}
	default:
		l = []byte{0x82, byte(len(c) >> 8), byte(len(c))}
	}
	return append(append([]byte{n.tag}, l...), c...)
}

// at follows child indexes from the certificate: at(0) is tbsCertificate,
// at(0, 6) its SubjectPublicKeyInfo (v3), at(2) the signature.
func (n *tnode) at(path ...int) *tnode {
	for _, i := range path {
		n = n.kids[i]
	}
	return n
}

func edit(t *testing.T, der []byte, f func(c *tnode)) []byte {
	t.Helper()
	// Contents alias the input: work on a copy so that edits stay local.
	c := parseT(append([]byte(nil), der...))[0]
	f(c)
	return c.enc()
}

func TestObservedT2(t *testing.T) {
	debian, small, _, m36 := researchBuilds()
	leaf := cert(t, "leaf")   // P-256 key, sha256WithRSAEncryption, v3 with extensions
	rsa := cert(t, "leaf_e3") // RSA-2048 key, e = 3
	const (
		tbs      = 0
		version  = 0
		serial   = 1
		sigAlg   = 2
		issuer   = 3
		validity = 4
		spki     = 6
		exts     = 7
	)
	tests := []struct {
		name           string
		der            []byte
		d228, sm, m360 int
	}{
		{"version_v1_with_ext", edit(t, leaf, func(c *tnode) { c.at(tbs, version, 0).content = []byte{0} }), -0x21E6, -0x21E6, -0x21E6},
		{"version_v4", edit(t, leaf, func(c *tnode) { c.at(tbs, version, 0).content = []byte{3} }), -0x2580, -0x2580, -0x2580},
		{"version_negative", edit(t, leaf, func(c *tnode) { c.at(tbs, version, 0).content = []byte{0x80} }), -0x2264, -0x2264, -0x2264},
		{"version_tag_int", edit(t, leaf, func(c *tnode) { c.at(tbs, version, 0).tag = 0x04 }), -0x2262, -0x2262, -0x2262},
		{"serial_tag", edit(t, leaf, func(c *tnode) { c.at(tbs, serial).tag = 0x04 }), -0x22E2, -0x22E2, -0x22E2},
		{"tbs_sigalg_unknown_oid", edit(t, leaf, func(c *tnode) {
			o := c.at(tbs, sigAlg, 0)
			o.content = append(append([]byte{}, o.content[:len(o.content)-1]...), 0x7F)
		}), -0x262E, -0x262E, -0x262E},
		{"tbs_sigalg_params_len", func() []byte {
			b := append([]byte{}, leaf...)
			// The NULL after the OID: 05 00 -> 05 40.
			i := bytes.Index(b, []byte{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00})
			b[i+10] = 0x40
			return b
		}(), -0x2360, -0x2360, -0x2360},
		{"outer_sigalg_differs", edit(t, leaf, func(c *tnode) { c.at(1, 0).content = oidBytes("1.2.840.113549.1.1.12") }), -0x2680, -0x2680, -0x2680},
		{"issuer_set_tag", edit(t, leaf, func(c *tnode) { c.at(tbs, issuer, 0).tag = 0x30 }), -0x23E2, -0x23E2, -0x23E2},
		{"issuer_visiblestring", edit(t, leaf, func(c *tnode) { c.at(tbs, issuer, 2, 0, 1).tag = 0x1A }), -0x23E2, -0x23E2, -0x23E2},
		{"issuer_numericstring", edit(t, leaf, func(c *tnode) { c.at(tbs, issuer, 2, 0, 1).tag = 0x12 }), -0x23E2, -0x23E2, -0x23E2},
		{"validity_tag", edit(t, leaf, func(c *tnode) { c.at(tbs, validity, 0).tag = 0x04 }), -0x2462, -0x2462, -0x2462},
		{"validity_month13", edit(t, leaf, func(c *tnode) { c.at(tbs, validity, 0).content = []byte("251301000000Z") }), -0x2400, -0x2400, -0x2400},
		{"validity_feb30", edit(t, leaf, func(c *tnode) { c.at(tbs, validity, 0).content = []byte("250230000000Z") }), -0x2400, -0x2400, -0x2400},
		{"validity_nonZ", edit(t, leaf, func(c *tnode) {
			v := c.at(tbs, validity, 0)
			v.content = append(append([]byte{}, v.content[:len(v.content)-1]...), 'X')
		}), -0x2400, -0x2400, -0x2400},
		{"validity_generalized", edit(t, leaf, func(c *tnode) { c.at(tbs, validity, 0).tag = 0x18 }), -0x2400, -0x2400, -0x2400},
		{"spki_unknown_alg", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 0, 0).content = oidBytes("1.2.840.10045.2.99") }), -0x3C80, -0x3C80, -0x3C80},
		{"spki_unknown_curve", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 0, 1).content = oidBytes("1.2.840.10045.3.1.99") }), -0x3A00, -0x3A00, -0x3A00},
		{"ec_point_compressed", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 1).content[1] = 0x02 }), -0x4E80, -0x4E80, -0x4F80},
		{"ec_point_bad_prefix", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 1).content[1] = 0x05 }), -0x4E80, -0x4E80, -0x4F80},
		{"ec_point_not_on_curve", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 1).content[5] ^= 0x01 }), -0x4C80, -0x4C80, -0x4C80},
		{"spki_bitstring_unused", edit(t, leaf, func(c *tnode) { c.at(tbs, spki, 1).content[0] = 1 }), -0x3B68, -0x3B68, -0x3B68},
		{"sig_bitstring_unused", edit(t, leaf, func(c *tnode) { c.at(2).content[0] = 1 }), -0x24E8, -0x24E8, -0x24E8},
		{"sig_tag", edit(t, leaf, func(c *tnode) { c.at(2).tag = 0x04 }), -0x24E2, -0x24E2, -0x24E2},
		{"ext_outer_tag", edit(t, leaf, func(c *tnode) { c.at(tbs, exts).tag = 0xA2 }), 0, 0, 0},
		{"ext_unknown_noncrit", edit(t, leaf, func(c *tnode) { c.at(tbs, exts, 0, 0, 0).content = oidBytes("1.2.3.4.5.6") }), 0, 0, 0},
		{"rsa_even_exponent", edit(t, rsa, func(c *tnode) {
			k := parseT(c.at(tbs, spki, 1).content[1:])[0]
			k.kids[1].content = []byte{4}
			c.at(tbs, spki, 1).content = append([]byte{0}, k.enc()...)
		}), -0x3B00, -0x3B00, -0x3B00},
		{"rsa_even_modulus", edit(t, rsa, func(c *tnode) {
			k := parseT(c.at(tbs, spki, 1).content[1:])[0]
			n := append([]byte(nil), k.kids[0].content...)
			k.kids[0].content = n
			n[len(n)-1] &^= 1
			c.at(tbs, spki, 1).content = append([]byte{0}, k.enc()...)
		}), -0x3B00, -0x3B00, -0x3B00},
		{"rsa_params_not_null", edit(t, rsa, func(c *tnode) { c.at(tbs, spki, 0, 1).tag = 0x04 }), -0x3A80, -0x3A80, -0x3A80},
		{"rsa_sigalg_params_not_null", edit(t, rsa, func(c *tnode) { c.at(tbs, sigAlg, 1).tag = 0x04; c.at(1, 1).tag = 0x04 }), -0x2300, -0x2300, -0x2300},
		{"outer_len_short", func() []byte {
			b := append([]byte{}, leaf...)
			b[3]-- // 30 82 HH LL
			return b
		}(), -0x24E0, -0x24E0, -0x24E0},
		{"tbs_len_short", func() []byte {
			b := append([]byte{}, leaf...)
			b[7]-- // the TBS header 30 82 HH LL follows the outer one
			return b
		}(), -0x2560, -0x2560, -0x2560},
		{"uid_primitive_81", edit(t, leaf, func(c *tnode) {
			t := c.at(tbs)
			t.kids = append(t.kids[:spki+1:spki+1], append([]*tnode{{tag: 0x81, content: []byte{0, 0xAA}}}, t.kids[spki+1:]...)...)
		}), -0x2562, -0x2562, -0x2562},
		{"uid_constructed_a1", edit(t, leaf, func(c *tnode) {
			t := c.at(tbs)
			t.kids = append(t.kids[:spki+1:spki+1], append([]*tnode{{tag: 0xA1, content: []byte{0x03, 0x02, 0, 0xAA}}}, t.kids[spki+1:]...)...)
		}), 0, 0, 0},
	}
	for _, tc := range tests {
		for _, bb := range []struct {
			name string
			b    Build
			want int
		}{{"2.28.3", debian, tc.d228}, {"2.28 small", small, tc.sm}, {"3.6.6", m36, tc.m360}} {
			ret, _ := run(bb.b, tc.der, true)
			if ret != bb.want {
				_, f := ParseDER(bb.b, tc.der)
				t.Errorf("%s on %s: got %s, want %s (%+v)", tc.name, bb.name, HexCode(ret), HexCode(bb.want), f)
			}
		}
	}
}

func TestObservedT3(t *testing.T) {
	debian, small, v2, m36 := researchBuilds()
	tests := []struct {
		cert                   string
		debian, small, v2, m36 int
	}{
		{"leaf", 0, 0, 0, 0},
		{"ca", 0, 0, 0, 0},
		{"root4096", 0, -0x3B00, 0, 0},
		{"ec256", 0, 0, 0, 0},
		{"ec384", 0, -0x3A00, -0x262E, 0},
		{"bp256", 0, -0x3A00, 0, 0},
		{"ed25519", -0x262E, -0x262E, -0x262E, -0x262E},
		{"leaf_crit", -0x2562, -0x2562, 0, -0x2562},
		{"leaf_noncrit", 0, 0, 0, 0},
		{"leaf_pss", 0, 0, -0x2300, 0},
		{"leaf_md5", 0, 0, 0, 0},
		{"leaf_sha1", 0, 0, 0, 0},
		{"leaf_rsa4096", 0, -0x3B00, 0, 0}, // leaf_big and leaf_rsa4096 of T3
		{"leaf_ec384", 0, -0x3A00, 0, 0},
		{"selfleaf", 0, 0, 0, 0},
	}
	for _, tc := range tests {
		der := cert(t, tc.cert)
		for i, b := range []Build{debian, small, v2, m36} {
			want := []int{tc.debian, tc.small, tc.v2, tc.m36}[i]
			if got, _ := run(b, der, true); got != want {
				t.Errorf("%s on build %d: got %s, want %s", tc.cert, i, HexCode(got), HexCode(want))
			}
		}
	}
}
