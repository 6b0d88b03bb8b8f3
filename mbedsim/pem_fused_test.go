package mbedsim

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// pemBothWays runs pemRead with the fused footer search and with the
// general path (search, then decode) and fails when they differ in
// anything: return code, offsets, use_len, the decoded bytes, the failure.
func pemBothWays(t *testing.T, b Build, str []byte) {
	t.Helper()
	for pos := 0; pos < len(str); {
		pemFused = true
		fused := pemRead(&b, str, pos)
		pemFused = false
		general := pemRead(&b, str, pos)
		pemFused = true
		if !reflect.DeepEqual(fused, general) {
			t.Fatalf("mbedTLS %s, text %q at %d:\nfused   %+v\ngeneral %+v", b.Version, str, pos, fused, general)
		}
		if general.useLen <= 0 {
			return
		}
		pos += general.useLen
	}
}

func TestPEMFusedFooterSearchAgrees(t *testing.T) {
	der, err := os.ReadFile(filepath.Join("testdata", "certs", "leaf_rsa3072.der"))
	if err != nil {
		t.Fatal(err)
	}
	good := []byte(pemText(der))
	body := good[len("-----BEGIN CERTIFICATE-----\n"):bytes.Index(good, []byte("-----END"))]
	footer := "-----END CERTIFICATE-----\n"
	mk := func(parts ...string) []byte { return []byte(strings.Join(parts, "")) }
	cases := map[string][]byte{
		"plain":                  good,
		"two blocks":             append(append([]byte{}, good...), good...),
		"CRLF":                   bytes.ReplaceAll(good, []byte("\n"), []byte("\r\n")),
		"spaces before footer":   mk("-----BEGIN CERTIFICATE-----\n", string(body[:len(body)-1]), "   ", footer),
		"spaces then LF":         mk("-----BEGIN CERTIFICATE-----\n", string(body), "   \n", footer),
		"CR before footer":       mk("-----BEGIN CERTIFICATE-----\n", string(body[:len(body)-1]), "\r", footer),
		"dash in body":           mk("-----BEGIN CERTIFICATE-----\n", string(body[:40]), "-", string(body[40:]), footer),
		"no footer":              mk("-----BEGIN CERTIFICATE-----\n", string(body)),
		"footer first":           mk(footer, "-----BEGIN CERTIFICATE-----\n", string(body), footer),
		"text before header":     mk("junk -----\n", "-----BEGIN CERTIFICATE-----\n", string(body), footer),
		"empty body":             mk("-----BEGIN CERTIFICATE-----\n", footer),
		"one char body":          mk("-----BEGIN CERTIFICATE-----\nQ\n", footer),
		"padding":                mk("-----BEGIN CERTIFICATE-----\nQUJD\nQUI=\n", footer),
		"double padding":         mk("-----BEGIN CERTIFICATE-----\nQUJDQQ==\n", footer),
		"digit after padding":    mk("-----BEGIN CERTIFICATE-----\nQUI=QUJD\n", footer),
		"not a multiple of four": mk("-----BEGIN CERTIFICATE-----\nQUJDQ\n", footer),
		"other dashes":           mk("-----BEGIN CERTIFICATE-----\n", string(body), "-----END X509 CRL-----\n", footer),
		"proc-type":              mk("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n", string(body), footer),
		"space after header":     mk("-----BEGIN CERTIFICATE----- \r\n", string(body), footer),
		"tab after header":       mk("-----BEGIN CERTIFICATE-----\t\n", string(body), footer),
		"truncated der length":   mk("-----BEGIN CERTIFICATE-----\n", string(body[:100]), "\n", footer),
		"short form length":      mk("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n", footer),
	}
	for _, b := range []Build{Stock(errcode.Mbed228), Stock(errcode.Mbed36)} {
		for name, text := range cases {
			t.Run(b.Version.String()+"/"+name, func(t *testing.T) { pemBothWays(t, b, text) })
		}
	}
}

// pemLazyNULAgrees runs the PEM loop with the first NUL looked for only
// when a block needs it (as ParseCRT does) and with it found first, and
// fails when the results differ.
func pemLazyNULAgrees(t *testing.T, b Build, buf []byte) {
	t.Helper()
	if len(buf) == 0 || buf[len(buf)-1] != 0 {
		buf = append(append([]byte{}, buf...), 0)
	}
	str := buf[:bytes.IndexByte(buf, 0)]
	if !bytes.Contains(str, pemHeader) {
		return
	}
	lazy, eager := parsePEM(&b, buf, nil), parsePEM(&b, buf, str)
	if !reflect.DeepEqual(lazy, eager) {
		t.Fatalf("mbedTLS %s, buffer %q:\nNUL found lazily %+v\nNUL found first  %+v", b.Version, buf, lazy, eager)
	}
}

func TestPEMLazyNUL(t *testing.T) {
	der, err := os.ReadFile(filepath.Join("testdata", "certs", "leaf_rsa3072.der"))
	if err != nil {
		t.Fatal(err)
	}
	good := pemText(der)
	cut := func(at int, rest string) string { return good[:at] + "\x00" + rest }
	cases := map[string]string{
		"plain":                       good,
		"two":                         good + good,
		"NUL inside the header":       cut(10, good[11:]),
		"NUL right after the header":  cut(27, good[28:]),
		"NUL in the body":             cut(200, good[201:]),
		"NUL right before the footer": cut(strings.Index(good, "-----END"), good[strings.Index(good, "-----END"):]),
		"NUL right after the footer":  good[:len(good)-1] + "\x00\n" + good,
		"NUL between two blocks":      good + "\x00" + good,
		"junk then NUL then a block":  "junk\x00" + good,
		"text before the header":      "# root CA\n" + good,
		"dash text before the header": "-----\n" + good,
		"second block cut by a NUL":   good + cut(300, good[301:]),
		"trailing text":               good + "trailing words\n",
	}
	for _, b := range []Build{Stock(errcode.Mbed228), Stock(errcode.Mbed36)} {
		for name, text := range cases {
			t.Run(b.Version.String()+"/"+name, func(t *testing.T) { pemLazyNULAgrees(t, b, []byte(text)) })
		}
	}
}

// FuzzPEMFused checks the fused footer search against the general path,
// and the lazily found NUL against the NUL found first, on any text; the
// seeds are the cases above.
func FuzzPEMFused(f *testing.F) {
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"))
	f.Add([]byte("-----BEGIN CERTIFICATE-----\r\nQUJDQQ==  \r\n-----END CERTIFICATE-----"))
	f.Add([]byte("x-----BEGIN CERTIFICATE-----\nMAMC-AQE=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"))
	builds := []Build{Stock(errcode.Mbed228), Stock(errcode.Mbed36)}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, b := range builds {
			pemLazyNULAgrees(t, b, in)
		}
		if i := bytes.IndexByte(in, 0); i >= 0 {
			in = in[:i] // pemRead sees the text up to the NUL
		}
		for _, b := range builds {
			pemBothWays(t, b, in)
		}
	})
}
