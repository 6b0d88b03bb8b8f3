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

// FuzzPEMFused checks the fused footer search against the general path on
// any text; the seeds are the cases above.
func FuzzPEMFused(f *testing.F) {
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"))
	f.Add([]byte("-----BEGIN CERTIFICATE-----\r\nQUJDQQ==  \r\n-----END CERTIFICATE-----"))
	f.Add([]byte("x-----BEGIN CERTIFICATE-----\nMAMC-AQE=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n"))
	builds := []Build{Stock(errcode.Mbed228), Stock(errcode.Mbed36)}
	f.Fuzz(func(t *testing.T, in []byte) {
		if i := bytes.IndexByte(in, 0); i >= 0 {
			in = in[:i] // pemRead sees the text up to the NUL
		}
		for _, b := range builds {
			pemBothWays(t, b, in)
		}
	})
}
