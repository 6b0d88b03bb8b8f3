package certinput

import (
	"strings"
	"testing"
)

// TestSniff checks the order of authority: --form, extension, content.
func TestSniff(t *testing.T) {
	pem := "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
	der := string(readFile(t, "amazon_root_ca1.der"))
	csrc := "const char root_ca[] = \"" + begin + "\\n\";\n"
	tests := []struct {
		name     string
		data     string
		opt      Options
		want     Form
		findings []string
	}{
		{"forced over extension", pem, Options{Name: "ca.der", Form: FormPaste}, FormPaste, nil},
		{"forced binary over content", csrc, Options{Form: FormBinary}, FormBinary, nil},
		{".pem", pem, Options{Name: "ca.pem"}, FormPEM, nil},
		{".pem holding DER", der, Options{Name: "ca.pem"}, FormDER, []string{"certinput.extension-mismatch"}},
		{".der", der, Options{Name: "ca.der"}, FormDER, nil},
		{".der holding PEM", pem, Options{Name: "ca.der"}, FormPEM, []string{"certinput.extension-mismatch"}},
		{".crt holding PEM", pem, Options{Name: "ca.crt"}, FormPEM, nil},
		{".cer holding DER", der, Options{Name: "C:\\certs\\CA.CER"}, FormDER, nil},
		{".crt holding junk", "\x00\x01\x02\x03", Options{Name: "ca.crt"}, FormBinary, nil},
		{".h", csrc, Options{Name: "src/ca.h"}, FormCString, nil},
		{".ino", csrc, Options{Name: "sketch.ino"}, FormCString, nil},
		{".hpp array", "const uint8_t ca_der[] = {0x30, 0x82};", Options{Name: "ca.hpp"}, FormCArray, nil},
		{".json", `{"certificatePem": "` + begin + `"}`, Options{Name: "keys.json"}, FormJSON, nil},
		{".hex dump", "00000000: 3082 0341  0..A\n", Options{Name: "ca.hex"}, FormHex, nil},
		{".b64", "MIIDQTCCAimgAwIBAgITBmyfz5m/jAo54vB4ikPmljZbyjANBgkqhkiG9w0BAQsF", Options{Name: "ca.b64"}, FormBase64, nil},
		{".bin", pem, Options{Name: "slot.bin"}, FormBinary, nil},
		{".txt PEM", pem, Options{Name: "ca.txt"}, FormPEM, nil},
		{"content: DER", der, Options{Name: "blob"}, FormDER, nil},
		{"content: PEM", pem, Options{Name: "blob"}, FormPEM, nil},
		{"content: PEM from stdin", pem, Options{}, FormPaste, nil},
		{"content: CR-only paste", strings.ReplaceAll(pem, "\n", "\r"), Options{}, FormPaste, nil},
		{"content: C", csrc, Options{}, FormCString, nil},
		{"content: bare quoted lines stay a paste", "\"" + begin + "\\n\"\n\"MIIB\\n\"\n", Options{}, FormPaste, nil},
		{"content: JSON", `  {"data": {"ca": "` + begin + `"}}`, Options{}, FormJSON, nil},
		{"content: JSON without certificates is text", `{"a": "b"}`, Options{Name: "blob"}, FormPEM, nil},
		{"content: xxd", string(readFile(t, "amazon_root_ca1.xxd.txt")), Options{}, FormHex, nil},
		{"content: hexdump of a PEM", string(readFile(t, "flash_slot.hexdump.txt")), Options{}, FormHex, nil},
		{"content: plain hex", "30 82 03 41 30 82 02 29 a0 03 02 01 02 02 13 06 6c 9f cf 99", Options{}, FormHex, nil},
		{"content: base64", b64([]byte(der)), Options{}, FormBase64, nil},
		{"content: flash dump", string(readFile(t, "flash_slot.bin")), Options{}, FormBinary, nil},
		{"content: erased flash", strings.Repeat("\xff", 4096), Options{}, FormBinary, nil},
		{"content: UTF-16", "\xff\xfe-\x00-\x00-\x00-\x00-\x00B\x00E\x00G\x00", Options{Name: "ca"}, FormBinary, []string{"certinput.utf16-text"}},
		{"content: words", "hello world, this is not a certificate", Options{Name: "note"}, FormPEM, nil},
		{"content: Intel HEX", ":10000000308203413082022900000000000000006D\n", Options{}, FormBinary, []string{"hex.intel-hex"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.data), tt.opt)
			if in.Form != tt.want {
				t.Errorf("form %s, want %s", in.Form, tt.want)
			}
			if got := findingIDs(in); strings.Join(got, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings %v, want %v", got, tt.findings)
			}
		})
	}
}

// TestFormNames: every form has a name that parses back to it.
func TestFormNames(t *testing.T) {
	for f := FormAuto; int(f) < len(formNames); f++ {
		got, err := ParseForm(f.String())
		if err != nil || got != f {
			t.Errorf("ParseForm(%q) = %v, %v", f.String(), got, err)
		}
	}
	if _, err := ParseForm("pdf"); err == nil {
		t.Error("ParseForm(pdf) succeeded")
	}
	if got := Form(200).String(); got != "form(200)" {
		t.Errorf("Form(200) = %q", got)
	}
}
