package provision

import (
	"fmt"
	"strings"
)

// Reason is why a dialogue stopped.
type Reason uint8

// The reasons.
const (
	ReasonTimeout     Reason = iota // a prompt did not come in time
	ReasonSilent                    // the device never sent a byte
	ReasonGarbage                   // the device's output is not text: wrong baud rate
	ReasonStopped                   // the device stopped answering mid-transfer
	ReasonNoEcho                    // a step checks the echo and the device echoes nothing
	ReasonEcho                      // the echo differs from what was sent
	ReasonDeviceError               // the device replied with an error
	ReasonMismatch                  // the read-back differs from what was sent
	ReasonBenchMissed               // the person at the bench did not act in time
	ReasonTransport                 // the port failed (unplugged, closed)
	ReasonCanceled                  // the context ended (Ctrl-C)
	ReasonFlow                      // RTS/CTS: the device never cleared to send
)

var reasonNames = [...]string{"timeout", "silent", "garbage", "stopped", "no-echo", "echo-mismatch", "device-error", "read-back-mismatch", "bench-missed", "transport", "canceled", "flow-control"}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// StepError is a dialogue that did not reach the device's confirmation:
// which step, where in the dialogue file and in the certificate, and why.
type StepError struct {
	Reason Reason
	// Step is the 1-based index of the step in the dialogue; Src the step
	// as written; DialogueLine its line in the dialogue file.
	Step         int
	Src          string
	DialogueLine int
	// CertLine is the certificate line reached (1-based, of CertLines),
	// 0 when the step does not send the certificate line by line.
	CertLine, CertLines int
	// Column is the 1-based byte column of an echo or read-back difference.
	Column int
	// Detail says what happened; Hint what would have worked.
	Detail string
	Hint   string
	// Reply is the device's error line, for ReasonDeviceError.
	Reply string
	// Err is the underlying error for ReasonTransport and ReasonCanceled.
	Err error
}

func (e *StepError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "step %d (%s", e.Step, e.Src)
	if e.DialogueLine > 0 {
		fmt.Fprintf(&b, ", dialogue line %d", e.DialogueLine)
	}
	b.WriteString(")")
	if e.CertLine > 0 {
		fmt.Fprintf(&b, " at certificate line %d of %d", e.CertLine, e.CertLines)
	}
	b.WriteString(": ")
	b.WriteString(e.Detail)
	return b.String()
}

func (e *StepError) Unwrap() error { return e.Err }

// DeviceRejected reports whether the device answered and said no (an error
// reply, or a read-back that differs), as opposed to a line that failed.
func (e *StepError) DeviceRejected() bool {
	return e.Reason == ReasonDeviceError || e.Reason == ReasonMismatch
}
