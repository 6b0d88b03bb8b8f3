package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/consolelog"
	"github.com/tlsdoctor/tlsdoctor/internal/term"
)

const testLog = "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n" +
	"\x1b[0;32mI (2383) wifi:connected with HomeNet, aid = 3, channel 6, BW20, bssid = 74:ac:b9:1c:22:f0\x1b[0m\r\n" +
	"I (3121) app: Current time: Thu Jan  1 00:00:03 1970\r\n" +
	"\x1b[0;31mE (4201) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\x1b[0m\r\n" +
	"D (4211) esp-tls-mbedtls: verification info:   ! The certificate validity starts in the future\r\n"

func TestLogText(t *testing.T) {
	l, err := consolelog.Read([]byte(testLog), consolelog.Options{Source: "c.log"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	LogText(&b, l, term.Style{})
	out := b.String()
	for _, want := range []string{
		"c.log: the device fails at the clock step, line 3.",
		"  failed    clock                line 3",
		"  line 4     -0x2700 MBEDTLS_ERR_X509_CERT_VERIFY_FAILED  (tlsdoctor explain -0x2700)",
		"  line 5     verify flags 0x200: MBEDTLS_X509_BADCERT_FUTURE",
		"  1. error   log.clock-unset line 3, byte ",
		"     next: tlsdoctor explain -0x2700 --flags 0x200",
		"Read through: 5 CR LF line ends, 4 ANSI escape codes.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without a style")
	}
}

func TestLogJSONView(t *testing.T) {
	l, err := consolelog.Read([]byte(testLog), consolelog.Options{Source: "c.log"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, Log(l)); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if v["schema_version"].(float64) != 1 || v["failing"] != true || v["first_failing_step"] != "clock" || v["source"] != "c.log" {
		t.Errorf("JSON head: %v %v %v %v", v["schema_version"], v["failing"], v["first_failing_step"], v["source"])
	}
	if d := v["diagnoses"].([]any); len(d) == 0 || d[0].(map[string]any)["id"] != "log.clock-unset" {
		t.Errorf("diagnoses: %v", d)
	}
}
