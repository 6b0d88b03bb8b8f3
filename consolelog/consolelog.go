// Package consolelog reads a device's console log (what a serial terminal
// captured from an ESP32, a Zephyr or nRF board, an STM32 running an AWS IoT
// demo, an Arduino sketch or a cellular modem) into events with provenance,
// follows the steps the device went through on its way to the cloud (boot,
// link, IP address, clock, DNS, TCP connect, TLS handshake, cloud connect),
// decodes every error code with package errcode, and ranks a diagnosis whose
// findings point at the log lines that prove them.
//
// Read takes a whole log; an Annotator takes one line at a time, for a live
// console view. Neither prints: the results are data.
package consolelog

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Step is a stage of a device's way from power-on to the cloud, in the order
// devices go through them.
type Step uint8

// The steps.
const (
	StepNone   Step = iota
	StepBoot        // ROM and bootloader banner, firmware version
	StepLink        // Wi-Fi association or cellular registration
	StepIP          // an IP address (DHCP, PDP context)
	StepClock       // wall-clock time (SNTP, HTTP time, RTC, modem network time)
	StepDNS         // the server's name resolved
	StepSocket      // TCP connect
	StepTLS         // TLS: loading the root CA, then the handshake
	StepCloud       // the application protocol: MQTT CONNACK, HTTP response
)

// Steps lists the steps in order.
var Steps = [...]Step{StepBoot, StepLink, StepIP, StepClock, StepDNS, StepSocket, StepTLS, StepCloud}

var stepNames = [...]string{"", "boot", "link", "ip", "clock", "dns", "socket", "tls", "cloud"}
var stepTitles = [...]string{"", "boot", "Wi-Fi/cellular link", "IP address", "clock", "DNS", "TCP connect", "TLS handshake", "cloud connect"}

// String returns the step's short name as JSON spells it ("tls").
func (s Step) String() string {
	if int(s) < len(stepNames) {
		return stepNames[s]
	}
	return ""
}

// Title returns the step's name in prose ("TLS handshake").
func (s Step) Title() string {
	if int(s) < len(stepTitles) {
		return stepTitles[s]
	}
	return ""
}

// MarshalText makes steps readable in JSON.
func (s Step) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Outcome is what a line says about its step.
type Outcome uint8

// The outcomes.
const (
	OutcomeNone  Outcome = iota // the line belongs to the step, says nothing of its result
	OutcomeStart                // the step begins
	OutcomeOK                   // the step succeeded
	OutcomeFail                 // the step failed
)

var outcomeNames = [...]string{"", "start", "ok", "fail"}

// String returns "start", "ok", "fail" or "".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return ""
}

// MarshalText makes outcomes readable in JSON.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Level is the severity the device gave a line.
type Level uint8

// The levels.
const (
	LevelNone Level = iota
	LevelDebug
	LevelInfo
	LevelWarn
	LevelError
)

var levelNames = [...]string{"", "debug", "info", "warn", "error"}

// String returns the level's name.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return ""
}

// MarshalText makes levels readable in JSON.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Format is the log format a line was recognised as.
type Format uint8

// The formats.
const (
	FormatPlain     Format = iota
	FormatESPROM           // ESP32/ESP8266 first-stage ROM: "ets Jun  8 2016", "rst:0x1 (POWERON_RESET)"
	FormatESPIDF           // ESP-IDF esp_log: "E (1234) tag: message"
	FormatArduino          // Arduino-ESP32 log_x: "[  1234][E][file.cpp:37] func(): message"
	FormatZephyr           // Zephyr logging: "[00:00:01.234,567] <err> module: message"
	FormatFreeRTOS         // FreeRTOS/AWS demos: "[ERROR] [MQTT] [core_mqtt.c:123] message"
	FormatMbedDebug        // mbedTLS debug: "ssl_tls.c:4589: |2| => handshake"
	FormatAT               // modem AT commands and replies
)

var formatNames = [...]string{"plain", "esp-rom", "esp-idf", "arduino-esp32", "zephyr", "freertos", "mbedtls-debug", "at"}

// String returns the format's name.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "plain"
}

// MarshalText makes formats readable in JSON.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Code is one error code found on a line, read by errcode.Explain.
type Code struct {
	// Token is the text the code was read from.
	Token string `json:"token"`
	Stack string `json:"stack"`
	// Kind is "code", "alert" or "state".
	Kind  string `json:"kind"`
	Value int64  `json:"value"`
	// Name is the code's name; for a composite mbedTLS code the parts
	// joined by " + ".
	Name string `json:"name"`
	// Text is the library's own text, or ours where the library has none.
	Text string `json:"text,omitempty"`
	// Explain is the tlsdoctor command that explains this code in full
	// (tlsdoctor explain -111 --stack errno for an errno). For a DNS_EAI
	// value (Stack "dns"), which errcode has no table for, it is the
	// command to run next instead.
	Explain string `json:"explain"`

	stack errcode.Stack
	kind  errcode.Kind
	// parts are the mbedTLS part names (both lines), for rules.
	parts []string
	expl  []*errcode.Explanation
	// errno is set for an errno or DNS_EAI value (errno.go).
	errno *errnoEntry
	// next is the command to run after an errno or DNS_EAI value.
	next string
}

// String is the code as users write it: "-0x2700 MBEDTLS_ERR_X509_CERT_VERIFY_FAILED".
func (c Code) String() string {
	return c.display() + " " + c.Name
}

func (c Code) display() string {
	switch {
	case c.errno != nil && strings.HasPrefix(c.Token, "errno"):
		return "errno " + strconv.FormatInt(c.Value, 10)
	case c.errno != nil:
		return strconv.FormatInt(c.Value, 10)
	case c.kind == errcode.KindState:
		return fmt.Sprintf("state %d", c.Value)
	case c.kind == errcode.KindAlert && c.stack == errcode.TLS:
		return fmt.Sprintf("alert %d", c.Value)
	case c.stack == errcode.MbedTLS:
		return hex(c.Value)
	case c.stack == errcode.ESPIDF && c.Value > 0:
		return fmt.Sprintf("0x%X", c.Value)
	}
	return fmt.Sprintf("%s %d", c.stack.Title(), c.Value)
}

func hex(v int64) string {
	if v < 0 {
		return fmt.Sprintf("-0x%04X", -v)
	}
	return fmt.Sprintf("0x%04X", v)
}

// Flags are mbedTLS certificate verify flags (mbedtls_ssl_get_verify_result)
// found on a line, as a number or as the text mbedtls_x509_crt_verify_info
// prints for them.
type Flags struct {
	Value uint32   `json:"value"`
	Names []string `json:"names"`
	// FromText is true when the flags were read from verify-info text
	// ("! The certificate validity starts in the future"), not a number.
	FromText bool `json:"from_text,omitempty"`
}

// Verify flag bits (include/mbedtls/x509.h, the same in 2.28 and 3.6).
const (
	flagExpired    = 0x01
	flagCNMismatch = 0x04
	flagNotTrusted = 0x08
	flagMissing    = 0x40
	flagFuture     = 0x0200
	flagBadMD      = 0x4000
	flagBadPK      = 0x8000
	flagBadKey     = 0x010000
)

// Event is one meaningful line of the log.
type Event struct {
	// Line is the 1-based line number in the input and Offset the byte
	// offset of the line's first byte (before cleaning).
	Line   int   `json:"line"`
	Offset int64 `json:"offset"`
	// Text is the line after cleaning (escape codes, terminal timestamps and
	// garbage bytes removed).
	Text    string  `json:"text"`
	Format  Format  `json:"format"`
	Level   Level   `json:"level,omitempty"`
	Tag     string  `json:"tag,omitempty"`
	Step    Step    `json:"step,omitempty"`
	Outcome Outcome `json:"outcome,omitempty"`
	// Summary says what the line means, in our words ("Wi-Fi connected").
	Summary string `json:"summary,omitempty"`
	Codes   []Code `json:"codes,omitempty"`
	Flags   *Flags `json:"verify_flags,omitempty"`
	// Phase is when a TLS error happened: "load" (the device parsing its
	// root CA or own credentials) or "handshake".
	Phase string `json:"phase,omitempty"`
	// Host is a server name or address the line names.
	Host string `json:"host,omitempty"`

	modem       bool   // the boot runs on a cellular modem that does TLS itself (nRF91)
	secTag      string // a sec_tag the line names
	caStored    bool   // a %CMNG reply shows a root CA stored in secTag
	clockYear   int    // a device date printed on the line
	clockViaTLS bool   // the line starts a time request over HTTPS
	bootMarker  bool   // the line starts a new boot (ROM banner, Zephyr banner)
	version     string
	app         string
	reset       string
	ip          string
}

// StepStatus is what one boot shows of one step.
type StepStatus struct {
	Step Step `json:"step"`
	// State is "ok", "failed", "recovered" (failed, then succeeded), "seen"
	// (lines of the step, no result) or "not seen".
	State string `json:"state"`
	// Line is the line that decided the state (0 for "not seen").
	Line   int   `json:"line,omitempty"`
	Offset int64 `json:"offset,omitempty"`
	// Detail is what the line said ("192.168.1.42", "SNTP").
	Detail string `json:"detail,omitempty"`
}

// Boot is one run of the firmware, from a reset banner to the next.
type Boot struct {
	Index  int   `json:"index"`
	Line   int   `json:"line"`
	Offset int64 `json:"offset"`
	// Firmware is the platform and version the banner names ("ESP-IDF
	// v5.1.2"), App the application's name and version where printed.
	Firmware string `json:"firmware,omitempty"`
	App      string `json:"app,omitempty"`
	// Reset is the reset reason the ROM printed ("POWERON_RESET").
	Reset  string       `json:"reset,omitempty"`
	Steps  []StepStatus `json:"steps"`
	Events []Event      `json:"events"`
	// FirstFailure is the index in Events of the first failing line, or -1.
	FirstFailure int `json:"first_failure"`
	// FailedStep is the step of that line.
	FailedStep Step `json:"failed_step,omitempty"`
	// Recovered is true when the boot failed and a later attempt reached the
	// failed step's success or a later step's.
	Recovered bool `json:"recovered,omitempty"`
	// Reached is the furthest step that succeeded.
	Reached Step `json:"reached,omitempty"`
}

// Failure returns the first failing event, or nil.
func (b *Boot) Failure() *Event {
	if b.FirstFailure < 0 || b.FirstFailure >= len(b.Events) {
		return nil
	}
	return &b.Events[b.FirstFailure]
}

// Cleaning counts what was removed from the input before reading it.
type Cleaning struct {
	Lines          int    `json:"lines"`
	CRLFLines      int    `json:"crlf_lines"`
	CROnlyLines    int    `json:"cr_only_lines"`
	EscapeCodes    int    `json:"escape_codes"`
	Timestamps     int    `json:"timestamps"`
	GarbageBytes   int    `json:"garbage_bytes"`
	GarbageLines   int    `json:"garbage_lines"`
	TimestampStyle string `json:"timestamp_style,omitempty"`
	// FirstGarbageLine is the first line dropped as garbage (0 if none).
	FirstGarbageLine int `json:"first_garbage_line,omitempty"`
}

// Diagnosis is one ranked conclusion: a finding (stable ID, evidence at the
// log lines, message, fix) and the tlsdoctor command to run next.
type Diagnosis struct {
	diag.Finding
	// Next is the command to run next, with the log's own values filled in
	// where the log has them (tlsdoctor probe a1b2-ats.iot.eu-west-1.amazonaws.com:8883).
	Next string `json:"next,omitempty"`
}

// Log is everything read from a console log.
type Log struct {
	Source   string   `json:"source"`
	Size     int      `json:"size"`
	Cleaning Cleaning `json:"cleaning"`
	Boots    []Boot   `json:"boots"`
	// Diagnosed is the index in Boots of the boot the diagnosis is about:
	// the last one that got past its banner.
	Diagnosed int `json:"diagnosed"`
	// Diagnoses are ranked: the most likely explanation first.
	Diagnoses []Diagnosis `json:"diagnoses"`
	// Hosts are the server names the log mentions, first seen first.
	Hosts []string `json:"hosts,omitempty"`
}

// Failing reports whether the log shows a failure the device did not
// recover from: a diagnosis of severity error.
func (l *Log) Failing() bool {
	for _, d := range l.Diagnoses {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// Boot returns the diagnosed boot, or nil for a log without one.
func (l *Log) Boot() *Boot {
	if l.Diagnosed < 0 || l.Diagnosed >= len(l.Boots) {
		return nil
	}
	return &l.Boots[l.Diagnosed]
}

// Options configure Read.
type Options struct {
	// Source names the input in evidence ("console.log", "stdin").
	Source string
}

// MaxSize is the largest log Read accepts: a day of chatty console output.
const MaxSize = 64 << 20

// ErrEmpty is returned for an input with no readable line.
var ErrEmpty = errors.New("the log is empty: no line of text in it")

// NotTextError is returned for input that is not a console log: binary data,
// or a capture taken entirely at the wrong baud rate.
type NotTextError struct {
	// Offset is where the first unreadable byte is.
	Offset int64
	Reason string
}

func (e *NotTextError) Error() string {
	return fmt.Sprintf("not a console log (first unreadable byte at offset %d): %s", e.Offset, e.Reason)
}

// TooLargeError is returned for input over MaxSize.
type TooLargeError struct{ Size int }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the log is %d bytes, more than the %d MiB a console log can be: cut it to the boot that fails", e.Size, MaxSize>>20)
}

// Read reads a console log. The errors are ErrEmpty, *NotTextError and
// *TooLargeError; a log that shows failures is not an error (see
// Log.Failing).
func Read(data []byte, opt Options) (*Log, error) {
	if len(data) > MaxSize {
		return nil, &TooLargeError{Size: len(data)}
	}
	src := opt.Source
	if src == "" {
		src = "log"
	}
	lines, cl := clean(data)
	log := &Log{Source: src, Size: len(data), Cleaning: cl}
	readable := 0
	for _, l := range lines {
		if l.text != "" && !l.garbage {
			readable++
		}
	}
	if readable == 0 {
		if cl.GarbageLines > 0 {
			return nil, &NotTextError{Offset: firstGarbage(lines), Reason: fmt.Sprintf("all %d lines with content are unprintable bytes, as a terminal set to the wrong baud rate shows (ESP32 and most boards print at 115200; the ESP8266 ROM at 74880)", cl.GarbageLines)}
		}
		return nil, ErrEmpty
	}
	a := NewAnnotator()
	var boots []Boot
	cur := -1
	for _, l := range lines {
		if l.text == "" || l.garbage {
			continue
		}
		ev, ok := a.classify(l.text)
		if !ok {
			continue
		}
		ev.Line, ev.Offset = l.line, l.offset
		if cur < 0 || (ev.bootMarker && bootHasRun(&boots[cur])) {
			boots = append(boots, Boot{Index: len(boots) + 1, Line: l.line, Offset: l.offset, FirstFailure: -1})
			cur = len(boots) - 1
			a.startBoot(&ev)
		}
		b := &boots[cur]
		noteBoot(b, &ev)
		b.Events = append(b.Events, ev)
		if ev.Host != "" && !contains(log.Hosts, ev.Host) {
			log.Hosts = append(log.Hosts, ev.Host)
		}
	}
	for i := range boots {
		summarise(&boots[i])
	}
	log.Boots = boots
	log.Diagnosed = -1
	for i := len(boots) - 1; i >= 0; i-- {
		if bootHasRun(&boots[i]) {
			log.Diagnosed = i
			break
		}
	}
	if log.Diagnosed < 0 && len(boots) > 0 {
		log.Diagnosed = len(boots) - 1
	}
	log.Diagnoses = diagnose(log, lines)
	return log, nil
}

func firstGarbage(lines []line) int64 {
	for _, l := range lines {
		if l.garbage {
			return l.offset
		}
	}
	return 0
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// bootHasRun reports whether a boot got past its banner: a line of a later
// step, or an error. A second banner before that is the same reset (the ROM
// prints several lines).
func bootHasRun(b *Boot) bool {
	for i := range b.Events {
		e := &b.Events[i]
		if e.Step > StepBoot || e.Outcome == OutcomeFail || len(e.Codes) > 0 {
			return true
		}
	}
	return false
}

func noteBoot(b *Boot, e *Event) {
	// The application's banner (an OK boot line) names the firmware that
	// runs; the bootloader's only stands in until it comes.
	if strings.HasPrefix(e.version, "Zephyr OS") && strings.HasPrefix(b.Firmware, "nRF Connect SDK") {
		// "*** Using Zephyr OS v3.5.99-ncs1 ***" after the SDK's banner.
		b.Firmware += ", " + e.version
		return
	}
	if e.version != "" && (b.Firmware == "" || e.Outcome == OutcomeOK) {
		b.Firmware = e.version
	}
	if e.app != "" {
		if b.App == "" {
			b.App = e.app
		} else if !strings.Contains(b.App, e.app) {
			b.App += " " + e.app
		}
	}
	if e.reset != "" && b.Reset == "" {
		b.Reset = e.reset
	}
}

// summarise fills in a boot's step table, first failure and recovery.
func summarise(b *Boot) {
	b.FirstFailure = -1
	type acc struct {
		seen, ok, fail int // event index+1 of the first seen, last ok, first fail
		okAfterFail    bool
	}
	var st [len(stepNames)]acc
	for i := range b.Events {
		e := &b.Events[i]
		if e.Step == StepNone {
			continue
		}
		a := &st[e.Step]
		if a.seen == 0 {
			a.seen = i + 1
		}
		switch e.Outcome {
		case OutcomeOK:
			a.ok = i + 1
			if a.fail != 0 {
				a.okAfterFail = true
			}
			if e.Step > b.Reached {
				b.Reached = e.Step
			}
		case OutcomeFail:
			if a.fail == 0 {
				a.fail = i + 1
			}
			if b.FirstFailure < 0 {
				b.FirstFailure = i
				b.FailedStep = e.Step
			}
		}
	}
	if b.FirstFailure >= 0 {
		// Recovered: the failed step, or a later one, succeeded after the
		// first failure.
		for i := b.FirstFailure + 1; i < len(b.Events); i++ {
			e := &b.Events[i]
			if e.Outcome == OutcomeOK && e.Step >= b.FailedStep && e.Step != StepBoot {
				b.Recovered = true
				break
			}
		}
	}
	for _, s := range Steps {
		a := st[s]
		ss := StepStatus{Step: s, State: "not seen"}
		pick := 0
		switch {
		case a.fail != 0 && a.okAfterFail:
			ss.State, pick = "recovered", a.ok
		case a.fail != 0:
			ss.State, pick = "failed", a.fail
		case a.ok != 0:
			ss.State, pick = "ok", a.ok
		case a.seen != 0:
			ss.State, pick = "seen", a.seen
		}
		if pick != 0 {
			e := &b.Events[pick-1]
			ss.Line, ss.Offset, ss.Detail = e.Line, e.Offset, e.Summary
		}
		b.Steps = append(b.Steps, ss)
	}
}
