package consolelog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/diag"
)

func readLog(t *testing.T, name string) *Log {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "logs", name))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Read(data, Options{Source: name})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return l
}

// codeNames lists the names of the codes decoded in a boot.
func codeNames(b *Boot) []string {
	var out []string
	for _, e := range b.Events {
		for _, c := range e.Codes {
			if c.Kind == "state" || contains(out, c.Name) {
				continue
			}
			out = append(out, c.Name)
		}
	}
	return out
}

// TestLogs reads a realistic log of each stack and each failing step.
func TestLogs(t *testing.T) {
	tests := []struct {
		file     string
		failed   Step     // first failing step of the diagnosed boot
		codes    []string // codes decoded in the diagnosed boot (all of them)
		top      string   // the first diagnosis
		failing  bool
		firmware string
		host     string // in the top diagnosis's next command
	}{
		{"esp32_verify_notrusted.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED"}, IDRootNotTrusted, true, "ESP-IDF v5.1.2", "a1b2c3d4e5-ats.iot.eu-west-1.amazonaws.com:8883"},
		{"esp32_ca_parse_fail.log", StepTLS, []string{"MBEDTLS_ERR_X509_INVALID_FORMAT", "ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED", "ESP_ERR_HTTP_CONNECT"}, IDCANotProvisioned, true, "ESP-IDF v4.4.6", ""},
		{"esp32_clock_unset_ansi_crlf.log", StepClock, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDClockUnset, true, "ESP-IDF v5.0.4", ""},
		{"arduino_clock_over_https_noca.log", StepTLS, []string{"MBEDTLS_ERR_X509_INVALID_FORMAT"}, IDClockOverTLS, true, "", ""},
		{"esp32_clock_over_https_future.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDClockOverTLS, true, "ESP-IDF v5.1.2", ""},
		{"zephyr_tls_2700.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDVerifyFailed, true, "Zephyr OS v3.5.0", ""},
		{"arduino_ssl_client_9984.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDVerifyFailed, true, "", ""},
		{"stm32_aws_tls_connect_failed.log", StepClock, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDClockUnset, true, "", ""},
		{"wolfssl_188.log", StepTLS, []string{"ASN_NO_SIGNER_E"}, IDRootNotTrusted, true, "RT1060 app v0.9.3 (FreeRTOS, wolfSSL 5.6.4)", "broker.example.org:8883"},
		{"bearssl_62.log", StepTLS, []string{"BR_ERR_X509_NOT_TRUSTED"}, IDRootNotTrusted, true, "", "mqtt.example-iot.net:8883"},
		{"quectel_qsslopen_566.log", StepTLS, []string{"QUECTEL_566"}, IDTLSError, true, "", ""},
		{"mbedtls_debug_expired.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDCertExpired, true, "custom gateway fw 3.2.0 (mbedTLS 2.28.8)", ""},
		{"esp32_dns_fail.log", StepDNS, nil, IDDNSFailed, true, "ESP-IDF v5.1.2", "a1b2c3d4e5-ats.iot.eu-west-1.amazonaws.cmo"},
		{"esp32_tcp_refused.log", StepSocket, nil, IDTCPFailed, true, "ESP-IDF v5.1.2", "192.168.1.10:8883"},
		{"esp32_wifi_fail.log", StepLink, nil, IDLinkFailed, true, "ESP-IDF v5.1.2", ""},
		{"two_boots.log", StepClock, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"}, IDClockUnset, true, "ESP-IDF v5.1.3", ""},
		{"esp32_ok.log", StepNone, nil, "", false, "ESP-IDF v5.1.2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			l := readLog(t, tt.file)
			b := l.Boot()
			if b == nil {
				t.Fatal("no boot")
			}
			if b.FailedStep != tt.failed {
				t.Errorf("first failing step = %q, want %q", b.FailedStep, tt.failed)
			}
			got := codeNames(b)
			if strings.Join(got, ",") != strings.Join(tt.codes, ",") {
				t.Errorf("codes = %v, want %v", got, tt.codes)
			}
			top := ""
			if len(l.Diagnoses) > 0 {
				top = l.Diagnoses[0].ID
			}
			if top != tt.top {
				t.Errorf("top diagnosis = %q, want %q (all: %v)", top, tt.top, ids(l))
			}
			if l.Failing() != tt.failing {
				t.Errorf("Failing() = %v, want %v", l.Failing(), tt.failing)
			}
			if b.Firmware != tt.firmware {
				t.Errorf("firmware = %q, want %q", b.Firmware, tt.firmware)
			}
			if tt.host != "" && !strings.HasSuffix(l.Diagnoses[0].Next, " "+tt.host) {
				t.Errorf("next = %q, want it to name %s", l.Diagnoses[0].Next, tt.host)
			}
			for _, d := range l.Diagnoses {
				if d.Severity == diag.Error && len(d.Evidence) == 0 {
					t.Errorf("%s has no evidence", d.ID)
				}
				for _, ev := range d.Evidence {
					if ev.Pos.Line < 1 || ev.Pos.Line > l.Cleaning.Lines {
						t.Errorf("%s: evidence line %d outside the log", d.ID, ev.Pos.Line)
					}
				}
			}
		})
	}
}

func ids(l *Log) []string {
	var out []string
	for _, d := range l.Diagnoses {
		out = append(out, d.ID)
	}
	return out
}

// TestEvidenceOffsets checks that a finding's line and offset point at the
// line in the raw input, through ANSI codes and CRLF.
func TestEvidenceOffsets(t *testing.T) {
	for _, name := range []string{"esp32_clock_unset_ansi_crlf.log", "esp32_ca_parse_fail.log", "esp32_clock_over_https_future.log"} {
		data, _ := os.ReadFile(filepath.Join("testdata", "logs", name))
		l, err := Read(data, Options{Source: name})
		if err != nil {
			t.Fatal(err)
		}
		rawLines := strings.SplitAfter(string(data), "\n")
		for _, d := range l.Diagnoses {
			for _, ev := range d.Evidence {
				if ev.Shown == "" {
					continue
				}
				raw := rawLines[ev.Pos.Line-1]
				if !strings.HasPrefix(string(data[ev.Pos.Offset:]), raw) {
					t.Errorf("%s %s: offset %d is not the start of line %d", name, d.ID, ev.Pos.Offset, ev.Pos.Line)
				}
				// The shown text is the cleaned line: in the raw line, once
				// escape codes are gone.
				plain, _, _, _ := cleanLine([]byte(strings.TrimRight(raw, "\r\n")))
				if !strings.Contains(plain, ev.Shown) {
					t.Errorf("%s %s: shown %q is not on line %d %q", name, d.ID, ev.Shown, ev.Pos.Line, plain)
				}
			}
		}
	}
}

func TestCleaning(t *testing.T) {
	l := readLog(t, "esp32_clock_unset_ansi_crlf.log")
	if l.Cleaning.CRLFLines != 16 || l.Cleaning.EscapeCodes == 0 {
		t.Errorf("cleaning = %+v, want 16 CRLF lines and escape codes", l.Cleaning)
	}
	for _, e := range l.Boot().Events {
		if strings.ContainsAny(e.Text, "\x1b\r") {
			t.Errorf("line %d kept an escape or CR: %q", e.Line, e.Text)
		}
	}
	// The same log with CR-only line ends reads the same.
	data, _ := os.ReadFile(filepath.Join("testdata", "logs", "esp32_clock_unset_ansi_crlf.log"))
	cr := []byte(strings.ReplaceAll(string(data), "\r\n", "\r"))
	l2, err := Read(cr, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l2.Cleaning.CROnlyLines != 16 || l2.Boot().FailedStep != StepClock || l2.Diagnoses[0].ID != IDClockUnset {
		t.Errorf("CR-only: cleaning %+v, failed %v, diagnoses %v", l2.Cleaning, l2.Boot().FailedStep, ids(l2))
	}
}

func TestStripTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[2024-05-01 12:00:00.123] I (12) boot: x", "I (12) boot: x"},
		{"[2024-05-01T12:00:00.123] E (5) tag: y", "E (5) tag: y"},
		{"[12:00:00.123] ets Jun  8 2016 00:22:57", "ets Jun  8 2016 00:22:57"},
		{"12:00:00.123 -> WiFi connected", "WiFi connected"},
		{"12:00:00.123 > WiFi connected", "WiFi connected"},
		{"2024-05-01 12:00:00 I (1) a: b", "I (1) a: b"},
		{"[Wed May 01 12:00:00.123 2024] +QSSLOPEN: 1,566", "+QSSLOPEN: 1,566"},
		{"May 01 12:00:00 hello", "hello"},
		// Device timestamps stay.
		{"[00:00:01.234,567] <err> net_sock_tls: x", "[00:00:01.234,567] <err> net_sock_tls: x"},
		{"[  1234][E][ssl_client.cpp:37] x", "[  1234][E][ssl_client.cpp:37] x"},
		{"12:00:00 the device's own clock", "12:00:00 the device's own clock"},
	}
	for _, tt := range tests {
		got, _ := stripTimestamp(tt.in)
		if got != tt.want {
			t.Errorf("stripTimestamp(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTwoBoots(t *testing.T) {
	l := readLog(t, "two_boots.log")
	if len(l.Boots) != 2 || l.Diagnosed != 1 {
		t.Fatalf("boots = %d, diagnosed %d, want 2 and 1", len(l.Boots), l.Diagnosed)
	}
	if l.Boots[0].FailedStep != StepDNS || l.Boots[0].Line != 1 || l.Boots[1].Line != 12 {
		t.Errorf("boot 1 failed at %v (line %d), boot 2 starts at line %d", l.Boots[0].FailedStep, l.Boots[0].Line, l.Boots[1].Line)
	}
	if !strings.Contains(l.Boots[1].Reset, "SW_CPU_RESET") {
		t.Errorf("boot 2 reset = %q", l.Boots[1].Reset)
	}
	var earlier *Diagnosis
	for i := range l.Diagnoses {
		if l.Diagnoses[i].ID == IDEarlierBoots {
			earlier = &l.Diagnoses[i]
		}
	}
	if earlier == nil || !strings.Contains(earlier.Message, "boot 1") || !strings.Contains(earlier.Message, "DNS") {
		t.Errorf("no note that boot 1 failed at DNS: %v", ids(l))
	}
}

func TestStepTable(t *testing.T) {
	l := readLog(t, "esp32_verify_notrusted.log")
	want := map[Step]string{StepBoot: "ok", StepIP: "ok", StepClock: "ok", StepDNS: "not seen", StepTLS: "failed", StepCloud: "seen"}
	for _, s := range l.Boot().Steps {
		if w, ok := want[s.Step]; ok && s.State != w {
			t.Errorf("step %s = %s, want %s", s.Step, s.State, w)
		}
	}
}

func TestRecovered(t *testing.T) {
	log := "I (10) wifi:connected with ap, aid = 1, channel 1, BW20, bssid = 00:11:22:33:44:55\n" +
		"I (20) esp_netif_handlers: sta ip: 10.0.0.2, mask: 255.255.255.0, gw: 10.0.0.1\n" +
		"E (30) esp-tls: couldn't get hostname for :broker.example.com: getaddrinfo() returns 202, addrinfo=0x0\n" +
		"E (31) esp-tls: Failed to open new connection\n" +
		"I (5030) time_sync: Notification of a time synchronization event\n" +
		"I (6593) esp-tls-mbedtls: Certificate verified.\n" +
		"I (6623) app: MQTT_EVENT_CONNECTED\n"
	l, err := Read([]byte(log), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := l.Boot()
	if !b.Recovered || b.FailedStep != StepDNS || b.Reached != StepCloud {
		t.Errorf("recovered %v, failed %v, reached %v", b.Recovered, b.FailedStep, b.Reached)
	}
	if l.Failing() {
		t.Errorf("a recovered log is failing: %v", ids(l))
	}
}

func TestStopped(t *testing.T) {
	log := "I (10) wifi:connected with ap, aid = 1, channel 1, BW20, bssid = 00:11:22:33:44:55\n" +
		"I (20) esp_netif_handlers: sta ip: 10.0.0.2, mask: 255.255.255.0, gw: 10.0.0.1\n" +
		"I (30) app: Initializing SNTP\n"
	l, err := Read([]byte(log), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Diagnoses) != 1 || l.Diagnoses[0].ID != IDStopped || l.Failing() {
		t.Errorf("diagnoses %v, failing %v; want one %s warning", ids(l), l.Failing(), IDStopped)
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Read(nil, Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v, want ErrEmpty", err)
	}
	if _, err := Read([]byte("\r\n\n  \n"), Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank: %v, want ErrEmpty", err)
	}
	garbage := []byte{0xff, 0xfe, 0x00, 0x8a, 0x91, 0xf0, 0x02, 0x03, '\n', 0x80, 0x81, 0x82, 0x83, 0x84, 0x85}
	_, err := Read(garbage, Options{})
	var nt *NotTextError
	if !errors.As(err, &nt) || nt.Offset != 0 {
		t.Errorf("garbage: %v, want *NotTextError at offset 0", err)
	}
	if _, err := Read(make([]byte, MaxSize+1), Options{}); err == nil {
		t.Error("oversized input accepted")
	}
	// Some garbage (a wrong-baud burst at reset) is skipped and reported.
	mixed := append([]byte{0x8a, 0x91, 0xf0, 0xfe, 0xff, 0x02, '\n'}, []byte("I (10) wifi:connected with ap, aid = 1, channel 1, BW20, bssid = 00:11:22:33:44:55\n")...)
	l, err := Read(mixed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Cleaning.GarbageLines != 1 || len(l.Diagnoses) == 0 || l.Diagnoses[len(l.Diagnoses)-1].ID != IDBaudMismatch {
		t.Errorf("garbage lines %d, diagnoses %v", l.Cleaning.GarbageLines, ids(l))
	}
}

func TestAnnotator(t *testing.T) {
	a := NewAnnotator()
	lines := []string{
		"\x1b[0;32mI (3121) app: Current time: Thu Jan  1 00:00:03 1970\x1b[0m\r\n",
		"I (3131) app: Connecting to https://telemetry.example.io/ingest",
		"\x1b[0;31mE (4201) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\x1b[0m",
		"D (4211) esp-tls-mbedtls: verification info:   ! The certificate validity starts in the future",
	}
	var got []Annotation
	for _, l := range lines {
		if an, ok := a.Line(l); ok {
			got = append(got, an)
		}
	}
	if len(got) != 3 {
		t.Fatalf("annotated %d lines, want 3 (the 1970 date, the code, the verify info): %+v", len(got), got)
	}
	if got[0].Step != StepClock || !strings.Contains(got[0].Cause, "clock") {
		t.Errorf("date line: %+v", got[0])
	}
	if len(got[1].Codes) != 1 || got[1].Codes[0].Name != "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED" || !strings.Contains(got[1].Cause, "clock is unset") {
		t.Errorf("code line: %+v", got[1])
	}
	if got[2].Flags == nil || got[2].Flags.Value != 0x200 || got[2].Next != "tlsdoctor explain -0x2700 --flags 0x200" {
		t.Errorf("flags line: %+v", got[2])
	}
	// Without the state, the same code line asks for the flags.
	an, ok := AnnotateLine("E (4201) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700")
	if !ok || an.Next != "tlsdoctor explain -0x2700 --flags VALUE" {
		t.Errorf("stateless: %+v", an)
	}
	// Progress and success lines are not annotated; nor are counters read as codes.
	for _, l := range []string{
		"I (2383) wifi:connected with HomeNet, aid = 3, channel 6, BW20, bssid = 74:ac:b9:1c:22:f0",
		"I (6623) mqtts_example: MQTT_EVENT_CONNECTED",
		"rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
		"[00:00:02.104,000] <inf> net_config: IPv4 address: 192.168.7.99",
		"",
	} {
		if an, ok := AnnotateLine(l); ok {
			t.Errorf("annotated %q: %+v", l, an)
		}
	}
	for _, tt := range []struct{ line, name, next string }{
		{"wolfSSL_connect error = -188", "ASN_NO_SIGNER_E", "tlsdoctor probe HOST"},
		{"BearSSL error 62", "BR_ERR_X509_NOT_TRUSTED", "tlsdoctor probe HOST"},
		{"+QSSLOPEN: 4,566", "QUECTEL_566", `tlsdoctor explain "+QSSLOPEN: 4,566"`},
		{"E (4731) esp-tls-mbedtls: mbedtls_x509_crt_parse returned -0x2180", "MBEDTLS_ERR_X509_INVALID_FORMAT", "tlsdoctor check ROOT_CA.pem"},
		{"[E][ssl_client.cpp:36] _handle_error(): [start_ssl_client():273]: (-9984) X509 - Certificate verification failed, e.g. CRL, CA or signature check failed", "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", "tlsdoctor explain -0x2700 --flags VALUE"},
		{"[00:00:03.481,000] <err> net_sock_tls: TLS handshake error: -0x7780", "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", "tlsdoctor explain -0x7780"},
	} {
		an, ok := AnnotateLine(tt.line)
		if !ok || len(an.Codes) == 0 || an.Codes[0].Name != tt.name || an.Next != tt.next || an.Cause == "" {
			t.Errorf("AnnotateLine(%q) = %+v, %v; want %s, next %q", tt.line, an, ok, tt.name, tt.next)
		}
	}
}
