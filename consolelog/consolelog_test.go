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
		// The app's "mqtt_connect failed: -113" is Zephyr's ECONNABORTED,
		// the errno its TLS sockets return after the handshake error.
		{"zephyr_tls_2700.log", StepTLS, []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", "ECONNABORTED"}, IDVerifyFailed, true, "Zephyr OS v3.5.0", ""},
		// Zephyr and nRF Connect SDK: errno values in Zephyr's (newlib's)
		// numbering, DNS_EAI_* on getaddrinfo lines.
		{"nrf9160_mqtt_refused_noca.log", StepTLS, []string{"ECONNREFUSED"}, IDTLSRefused, true, "nRF Connect SDK v2.5.0", "a1b2c3d4e5f6g7-ats.iot.eu-central-1.amazonaws.com:8883"},
		{"nrf9160_handshake_timeout.log", StepTLS, []string{"ETIMEDOUT"}, IDConnectTimeout, true, "nRF Connect SDK v2.6.1-3758bcbfa5cd, Zephyr OS v3.5.99-ncs1-1", "telemetry.example-iot.net:443"},
		{"zephyr_net_sock_tls_ca_parse.log", StepTLS, []string{"MBEDTLS_ERR_X509_INVALID_FORMAT", "EINVAL"}, IDCANotProvisioned, true, "nRF Connect SDK v2.7.0-5cb85570ca43, Zephyr OS v3.6.99-100befc70c74", ""},
		{"zephyr_dns_fail.log", StepDNS, []string{"DNS_EAI_NONAME"}, IDDNSFailed, true, "nRF Connect SDK v2.5.1", "mqtt.exmaple-iot.net:8883"},
		{"nrf9160_ok.log", StepNone, nil, "", false, "nRF Connect SDK v2.6.1-3758bcbfa5cd, Zephyr OS v3.5.99-ncs1-1", ""},
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

// TestZephyrErrno checks the errno readings that differ between numberings:
// on Zephyr, newlib, ESP-IDF's lwIP and FreeRTOS+TCP, 113 is ECONNABORTED
// (Linux and lwIP's own table: EHOSTUNREACH), 115 ENETDOWN (Linux:
// EINPROGRESS), 116 ETIMEDOUT (Linux: ESTALE).
func TestZephyrErrno(t *testing.T) {
	tests := []struct {
		line  string
		name  string
		value int64
		step  Step
	}{
		{"[00:00:07.123,456] <err> mqtt_helper: mqtt_connect, error: -111", "ECONNREFUSED", -111, StepSocket},
		{"[00:00:03.481,000] <err> app: mqtt_connect failed: -113", "ECONNABORTED", -113, StepSocket},
		{"[00:00:40.231,872] <err> app: connect() failed, err: 116", "ETIMEDOUT", 116, StepSocket},
		{"[00:00:02.000,000] <err> app: send failed: -115", "ENETDOWN", -115, StepSocket},
		{"[00:00:02.000,000] <err> app: Failed to create socket, errno -9", "EBADF", -9, StepSocket},
		{"[00:00:05.870,441] <err> app: getaddrinfo() failed, error: -2", "DNS_EAI_NONAME", -2, StepDNS},
		{"[00:00:05.870,441] <err> app: getaddrinfo, error -11", "DNS_EAI_SYSTEM", -11, StepDNS},
		{"E (41205) mqtt_example: Last error captured as transport's socket errno: 0x71", "ECONNABORTED", 113, StepNone},
		{"E (5012) app: connect() failed, errno 104", "ECONNRESET", 104, StepSocket},
		{"[00:00:01.100,000] <err> app: Failed to write root CA to sec_tag 42, err -13", "EACCES", -13, StepTLS},
	}
	for _, tt := range tests {
		ev, ok := NewAnnotator().classify(tt.line)
		if !ok {
			t.Errorf("%q: not an event", tt.line)
			continue
		}
		c := firstErrno(ev.Codes)
		if c == nil || c.Name != tt.name || c.Value != tt.value {
			t.Errorf("%q: codes %+v, want %s %d", tt.line, ev.Codes, tt.name, tt.value)
			continue
		}
		if tt.step != StepNone && (ev.Step != tt.step || ev.Outcome != OutcomeFail) {
			t.Errorf("%q: step %v %v, want %v fail", tt.line, ev.Step, ev.Outcome, tt.step)
		}
	}
	// Not errno: a signal level, a PubSubClient state, a wolfSSL code on a
	// wolfSSL line, an errno on a line of unknown origin, an info line.
	for _, line := range []string{
		"[00:00:09.000,000] <wrn> app: RSRP: -111 dBm, connection quality poor",
		"MQTT connect failed, rc=-2",
		"[00:00:03.000,000] <err> app: wolfSSL_connect error = -188",
		"connect failed: -111",
		"[00:00:03.000,000] <inf> app: offset -113 applied",
	} {
		ev, _ := NewAnnotator().classify(line)
		if c := firstErrno(ev.Codes); c != nil {
			t.Errorf("%q read as errno %s", line, c.Name)
		}
	}
	// With TLS in the modem's connect, ECONNREFUSED is the handshake.
	a := NewAnnotator()
	for _, l := range []string{
		"[00:00:05.832,366] <inf> mqtt_app: LTE Link Connected!",
		"[00:00:05.901,000] <inf> mqtt_helper: Connecting to MQTT broker a1b2c3-ats.iot.us-east-1.amazonaws.com:8883",
	} {
		a.classify(l)
	}
	ev, _ := a.classify("[00:00:07.123,456] <err> mqtt_helper: mqtt_connect, error: -111")
	if ev.Step != StepTLS || ev.Outcome != OutcomeFail || ev.Phase != "handshake" {
		t.Errorf("nRF91 -111 on port 8883: step %v %v phase %q, want tls fail handshake", ev.Step, ev.Outcome, ev.Phase)
	}
}

// TestZephyrSteps checks the nRF Connect SDK progress and success lines.
func TestZephyrSteps(t *testing.T) {
	tests := []struct {
		line    string
		step    Step
		outcome Outcome
	}{
		{"[00:00:05.832,366] <inf> mqtt_app: LTE Link Connected!", StepLink, OutcomeOK},
		{"[00:00:00.640,441] <inf> mqtt_app: LTE Link Connecting...", StepLink, OutcomeStart},
		{"[00:00:06.100,000] <inf> app: Network connectivity established", StepLink, OutcomeOK},
		{"+CEREG: 1", StepLink, OutcomeOK},
		{"+CEREG: 5", StepLink, OutcomeOK},
		{`+CEREG: 2,"76C1","0140A503",7`, StepLink, OutcomeNone},
		{`+CEREG: 5,"76C1","0140A503",7,,,"11100000","11100000"`, StepLink, OutcomeOK},
		{"+CEREG: 1,3", StepLink, OutcomeFail},
		{"[00:00:04.310,245] <inf> mqtt_helper: IPv4 Address found 3.122.80.157", StepIP, OutcomeOK},
		{"[00:00:10.102,331] <inf> date_time: Date and time obtained from the modem: 2024-06-11 08:41:07", StepClock, OutcomeOK},
		{"[00:00:10.102,331] <inf> app: DATE_TIME_OBTAINED_MODEM", StepClock, OutcomeOK},
		{"[00:01:10.102,331] <wrn> app: DATE_TIME_NOT_OBTAINED", StepClock, OutcomeFail},
		{"[00:00:06.927,792] <inf> mqtt_app: MQTT client connected", StepCloud, OutcomeOK},
		{"[00:00:06.927,731] <inf> mqtt_helper: MQTT_EVT_CONNACK: result 0", StepCloud, OutcomeOK},
		{"[00:00:06.927,731] <inf> mqtt_helper: MQTT_EVT_CONNACK: result 5", StepCloud, OutcomeFail},
		{`AT%CMNG=0,16842753,0,"-----BEGIN CERTIFICATE-----`, StepTLS, OutcomeStart},
		{`%CMNG: 16842753,0,"2C43952EE9E000FF2ACC4E2ED0897C0A72AD5FA72C3D934E81741CBD54F05BD1"`, StepTLS, OutcomeNone},
		{"[00:00:03.481,000] <err> net_sock_tls: TLS handshake error: -0x2700", StepTLS, OutcomeFail},
		{"[00:00:03.481,000] <err> net_sock_tls: TLS handshake timeout", StepTLS, OutcomeFail},
	}
	for _, tt := range tests {
		ev, ok := NewAnnotator().classify(tt.line)
		if !ok || ev.Step != tt.step || ev.Outcome != tt.outcome {
			t.Errorf("%q: step %v outcome %v (ok %v), want %v %v", tt.line, ev.Step, ev.Outcome, ok, tt.step, tt.outcome)
		}
	}
	// A stored root CA changes the diagnosis from "missing" to "wrong root".
	log := "*** Booting nRF Connect SDK v2.5.0 ***\n" +
		`%CMNG: 42,0,"2C43952EE9E000FF2ACC4E2ED0897C0A72AD5FA72C3D934E81741CBD54F05BD1"` + "\n" +
		"[00:00:05.832,366] <inf> app: LTE Link Connected!\n" +
		"[00:00:05.901,000] <inf> app: Connecting to broker.example.org:8883\n" +
		"[00:00:07.123,456] <err> app: mqtt_connect, error: -111\n"
	l, err := Read([]byte(log), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Diagnoses) == 0 || l.Diagnoses[0].ID != IDTLSRefused || !strings.Contains(l.Diagnoses[0].Message, "sec_tag 42 (line 2)") || !strings.Contains(l.Diagnoses[0].Fix, "sec_tag=42") {
		t.Errorf("diagnoses %v: want %s naming sec_tag 42", l.Diagnoses, IDTLSRefused)
	}
}

// TestAnnotatorZephyr checks the live annotations of nRF91 lines.
func TestAnnotatorZephyr(t *testing.T) {
	a := NewAnnotator()
	var got []Annotation
	for _, l := range []string{
		"*** Booting nRF Connect SDK v2.5.0 ***",
		"[00:00:05.832,366] <inf> mqtt_app: LTE Link Connected!",
		"[00:00:05.901,000] <inf> mqtt_helper: Connecting to MQTT broker a1b2c3-ats.iot.us-east-1.amazonaws.com:8883",
		"[00:00:07.123,456] <err> mqtt_helper: mqtt_connect, error: -111",
	} {
		if an, ok := a.Line(l); ok {
			got = append(got, an)
		}
	}
	if len(got) != 1 {
		t.Fatalf("annotated %d lines, want 1: %+v", len(got), got)
	}
	an := got[0]
	if an.Step != StepTLS || len(an.Codes) != 1 || an.Codes[0].Name != "ECONNREFUSED" || !strings.Contains(an.Cause, "sec_tag") || an.Next != "tlsdoctor probe a1b2c3-ats.iot.us-east-1.amazonaws.com:8883" {
		t.Errorf("annotation %+v", an)
	}
	an, ok := AnnotateLine("[00:00:05.870,441] <err> app: getaddrinfo() failed, error: -2")
	if !ok || an.Step != StepDNS || len(an.Codes) != 1 || an.Codes[0].Name != "DNS_EAI_NONAME" || !strings.Contains(an.Cause, "name") {
		t.Errorf("DNS annotation %+v", an)
	}
}
