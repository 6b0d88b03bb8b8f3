package provision

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// LineEnding is the bytes that end each line tlsdoctor sends.
type LineEnding uint8

// The line endings. EndingDefault means "the dialogue's choice".
const (
	EndingDefault LineEnding = iota
	EndingLF                 // "\n"
	EndingCRLF               // "\r\n"
	EndingCR                 // "\r", as PuTTY and many terminals send Enter
	EndingNone               // nothing: the text is sent as is
)

var endingNames = [...]string{EndingDefault: "default", EndingLF: "lf", EndingCRLF: "crlf", EndingCR: "cr", EndingNone: "none"}

// String names the ending as --line-ending and the dialogue format spell it.
func (e LineEnding) String() string {
	if int(e) < len(endingNames) {
		return endingNames[e]
	}
	return fmt.Sprintf("ending(%d)", uint8(e))
}

// Bytes returns the ending's bytes.
func (e LineEnding) Bytes() string {
	switch e {
	case EndingLF:
		return "\n"
	case EndingCRLF:
		return "\r\n"
	case EndingCR:
		return "\r"
	}
	return ""
}

// ParseLineEnding reads "lf", "crlf", "cr" or "none".
func ParseLineEnding(s string) (LineEnding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lf", "\\n", "unix":
		return EndingLF, nil
	case "crlf", "\\r\\n", "dos":
		return EndingCRLF, nil
	case "cr", "\\r":
		return EndingCR, nil
	case "none", "raw":
		return EndingNone, nil
	}
	return EndingDefault, fmt.Errorf("unknown line ending %q: want lf, crlf, cr or none", s)
}

// CertForm is how the certificate goes over the line in a send-cert step.
type CertForm uint8

// The certificate forms.
const (
	// CertPEM sends the PEM lines, each followed by the line ending.
	CertPEM CertForm = iota
	// CertPEMBlank sends the PEM lines and then one empty line: consoles
	// that read "until an empty line" need it to stop reading.
	CertPEMBlank
	// CertRaw sends the PEM text byte for byte (LF line ends, final LF),
	// as length-prefixed AT uploads want it after their ">" or CONNECT:
	// exactly {len} bytes.
	CertRaw
	// CertDER sends the DER bytes of the first certificate.
	CertDER
)

var certFormNames = [...]string{CertPEM: "pem", CertPEMBlank: "pem-blank", CertRaw: "raw", CertDER: "der"}

func (f CertForm) String() string {
	if int(f) < len(certFormNames) {
		return certFormNames[f]
	}
	return fmt.Sprintf("form(%d)", uint8(f))
}

// Pace slows sending down for devices whose receive buffer is small.
// The zero Pace sends as fast as the line takes it.
type Pace struct {
	// BytesPerSecond caps the rate; 0 is no cap.
	BytesPerSecond int
	// LineDelay is waited after each line.
	LineDelay time.Duration
}

// IsZero reports whether p sends at full speed.
func (p Pace) IsZero() bool { return p.BytesPerSecond == 0 && p.LineDelay == 0 }

// String describes the pace: "full speed", "960 bytes/s", "20ms per line".
func (p Pace) String() string {
	var parts []string
	if p.BytesPerSecond > 0 {
		parts = append(parts, fmt.Sprintf("%d bytes/s", p.BytesPerSecond))
	}
	if p.LineDelay > 0 {
		parts = append(parts, p.LineDelay.String()+" per line")
	}
	if len(parts) == 0 {
		return "full speed"
	}
	return strings.Join(parts, ", ")
}

// Pattern is what a step waits for in the device's output: a literal text
// (found anywhere) or a regular expression (Go RE2 syntax).
type Pattern struct {
	Literal string
	Re      *regexp.Regexp
	// Template is set when the pattern names {variables}: the engine
	// fills them in (quoted, in a regexp) before matching.
	Template bool
}

// String shows the pattern as the dialogue format writes it.
func (p *Pattern) String() string {
	if p == nil {
		return ""
	}
	if p.Re != nil {
		return "/" + p.Re.String() + "/"
	}
	return quote(p.Literal)
}

// find returns the first match in b: its start and end, and the submatch
// texts of a regexp; start -1 when none.
func (p *Pattern) find(b []byte) (int, int, []string) {
	if p.Re != nil {
		m := p.Re.FindSubmatchIndex(b)
		if m == nil {
			return -1, -1, nil
		}
		var subs []string
		for i := 2; i+1 < len(m); i += 2 {
			if m[i] >= 0 {
				subs = append(subs, string(b[m[i]:m[i+1]]))
			} else {
				subs = append(subs, "")
			}
		}
		return m[0], m[1], subs
	}
	i := strings.Index(string(b), p.Literal)
	if i < 0 {
		return -1, -1, nil
	}
	return i, i + len(p.Literal), nil
}

// StepKind is what a step does.
type StepKind uint8

// The step kinds.
const (
	StepExpect   StepKind = iota // wait for a prompt
	StepSend                     // send text
	StepSendCert                 // send the certificate
	StepBench                    // wait for a prompt, then ask the person at the bench to act
	StepConfirm                  // read back what the device confirms, and compare
	StepSleep                    // wait
)

var stepNames = [...]string{"expect", "send", "send-cert", "bench", "confirm", "sleep"}

func (k StepKind) String() string {
	if int(k) < len(stepNames) {
		return stepNames[k]
	}
	return fmt.Sprintf("step(%d)", uint8(k))
}

// ConfirmKind is how a confirm step reads the device's answer.
type ConfirmKind uint8

// The confirm kinds.
const (
	// ConfirmMatch waits for Pattern; with Equals, its first submatch must
	// equal one of the expanded templates (a length, a fingerprint).
	ConfirmMatch ConfirmKind = iota
	// ConfirmBetween captures the device's output between Pattern and End
	// and requires the certificate in it to be the one sent.
	ConfirmBetween
)

// Step is one step of a dialogue.
type Step struct {
	Kind StepKind
	// Line is the step's line in the dialogue file (1-based).
	Line int
	// Src is the step as written, for messages.
	Src string

	Pattern *Pattern      // expect, bench, confirm
	End     *Pattern      // confirm between: the end marker
	Timeout time.Duration // expect, bench, confirm; sleep's duration

	Text   string     // send: a template
	Ending LineEnding // send, send-cert: EndingDefault takes the dialogue's
	Form   CertForm   // send-cert
	Echo   bool       // send, send-cert: check the device's echo

	Instruction string        // bench: what the person should do
	Within      time.Duration // bench: how long they have

	Confirm ConfirmKind
	Equals  []string // confirm match: templates, any of which may match
}

// sendsCert reports whether the step sends the certificate: a send-cert,
// or a send whose text holds {pem} (an AT command with the PEM inline).
func (s *Step) sendsCert() bool {
	return s.Kind == StepSendCert || s.Kind == StepSend && strings.Contains(s.Text, "{pem}")
}

// Responder answers a prompt that may or may not appear (a yes/no question
// asked only when a credential is already stored, a "press the button"
// window shown only on some boots) while later steps wait.
type Responder struct {
	Line    int
	Src     string
	Pattern *Pattern
	// Send is a template sent when the pattern appears (with Ending);
	// empty for a bench responder.
	Send   string
	Ending LineEnding
	// Instruction and Within make a bench responder.
	Instruction string
	Within      time.Duration
}

// ErrorReply is a device reply that means the step failed.
type ErrorReply struct {
	Line    int
	Pattern *Pattern
	// Means is the dialogue's explanation of the reply; when empty the
	// engine asks errcode (modem AT codes).
	Means string
	// Code, when non-empty, limits the reply to one code (the first
	// submatch of Pattern equals Code), so a dialogue can explain codes one
	// by one.
	Code string
}

// Dialogue is a whole conversation with a device's console.
type Dialogue struct {
	Name   string
	Title  string
	Source []string // where the prompts and commands come from
	Notes  []string // what the user should know before running it

	// Ending is the line ending of send and send-cert steps.
	Ending LineEnding
	// Accepts lists the line endings the device reads as the end of a
	// line; empty means any.
	Accepts []LineEnding
	Pace    Pace
	// EchoTimeout bounds the wait for the echo of one line.
	EchoTimeout time.Duration
	Vars        map[string]string

	Errors     []ErrorReply
	Responders []Responder
	Steps      []Step
}

// AcceptsEnding reports whether the device reads e as a line end.
func (d *Dialogue) AcceptsEnding(e LineEnding) bool {
	if len(d.Accepts) == 0 || e == EndingNone {
		return true
	}
	for _, a := range d.Accepts {
		if a == e {
			return true
		}
	}
	return false
}

// quote writes s as a double-quoted dialogue string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
