package probe

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"reflect"
	"strings"
	"syscall"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Step names the stage of a probe that failed.
type Step string

// The steps of a probe.
const (
	StepAddress   Step = "address"   // parsing HOST[:PORT]
	StepDial      Step = "connect"   // DNS and TCP
	StepHandshake Step = "handshake" // the TLS handshake
	StepSNI       Step = "sni-check" // the handshake without SNI
	StepMFL       Step = "max-fragment-length"
	StepHTTP      Step = "http-date" // HEAD / for the server's clock
)

// Kind classifies a failure so callers can branch on it.
type Kind uint8

// Kinds of failure.
const (
	KindOther       Kind = iota
	KindUnreachable      // no route, no such host
	KindRefused          // nothing listens on the port
	KindTimeout          // no answer within the timeout (a stalling server)
	KindNotTLS           // the port speaks another protocol
	KindAlert            // the server answered with a TLS alert
	KindClosed           // the server closed the connection mid-handshake
	KindProtocol         // the server's TLS messages are malformed
)

var kindNames = [...]string{"other", "unreachable", "refused", "timeout", "not-tls", "alert", "closed", "protocol"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Error is a probe that could not do its job, naming the step.
type Error struct {
	Step Step
	Addr string
	Kind Kind
	// Detail says what the server did in plain words ("it sent an SSH
	// banner"); may be empty.
	Detail string
	Err    error
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s %s: ", e.Step, e.Addr)
	if e.Detail != "" {
		return s + e.Detail
	}
	return s + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// AlertError is a TLS alert the server sent.
type AlertError struct{ Code uint8 }

var alertNamesLazy lazy.Value[map[uint8]string]

func alertNames() map[uint8]string { return alertNamesLazy.Get(buildAlertNames) }

func buildAlertNames() map[uint8]string {
	return map[uint8]string{
		0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
		40: "handshake_failure", 42: "bad_certificate", 43: "unsupported_certificate",
		46: "certificate_unknown", 47: "illegal_parameter", 48: "unknown_ca", 50: "decode_error",
		51: "decrypt_error", 70: "protocol_version", 71: "insufficient_security",
		80: "internal_error", 86: "inappropriate_fallback", 109: "missing_extension",
		110: "unsupported_extension", 112: "unrecognized_name", 116: "certificate_required",
		120: "no_application_protocol",
	}
}

// Name is the alert's RFC name.
func (a *AlertError) Name() string {
	if n, ok := alertNames()[a.Code]; ok {
		return n
	}
	return fmt.Sprintf("alert %d", a.Code)
}

func (a *AlertError) Error() string { return "the server sent the TLS alert " + a.Name() }

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// fail classifies err at step, using what the server sent (f may be nil).
func (p *prober) fail(step Step, err error, f *flight) *Error {
	e := &Error{Step: step, Addr: p.addr, Err: err}
	var first []byte
	if f != nil {
		f.mu.Lock()
		first = append(first, f.FirstBytes...)
		f.mu.Unlock()
	}
	var ae tls.AlertError
	var al *AlertError
	var op *net.OpError
	var dnsErr *net.DNSError
	var rhe tls.RecordHeaderError
	switch {
	case errors.As(err, &al):
		e.Kind, e.Err = KindAlert, al
		e.Detail = al.Error()
	case errors.As(err, &op) && op.Op == "remote error" && reflect.ValueOf(op.Err).Kind() == reflect.Uint8:
		// crypto/tls reports a received alert as an OpError holding its
		// unexported alert type, a uint8: the code is all we need.
		e.Kind = KindAlert
		e.Err = &AlertError{Code: uint8(reflect.ValueOf(op.Err).Uint())}
		e.Detail = e.Err.Error()
	case errors.As(err, &ae):
		e.Kind = KindAlert
		e.Err = &AlertError{Code: uint8(ae)}
		e.Detail = e.Err.Error()
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind, e.Detail = KindRefused, "connection refused: nothing listens on this port"
	case errors.As(err, &dnsErr):
		e.Kind, e.Detail = KindUnreachable, "cannot resolve "+dnsErr.Name+": "+dnsErr.Err
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		e.Kind, e.Detail = KindUnreachable, "host unreachable: "+err.Error()
	case len(first) > 0 && first[0] != recHandshake && first[0] != recAlert:
		e.Kind, e.Detail = KindNotTLS, "the port does not speak TLS: "+nameProtocol(first)
	case errors.As(err, &rhe):
		e.Kind, e.Detail = KindNotTLS, "the port does not speak TLS: "+nameProtocol(rhe.RecordHeader[:])
	case isTimeout(err):
		e.Kind = KindTimeout
		if step == StepDial {
			e.Detail = "no answer to the TCP connection within the timeout (a firewall dropping packets, or a wrong address)"
		} else {
			e.Detail = "the server accepted the connection but did not answer within the timeout (a stalled or non-TLS service that waits for the client)"
		}
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		e.Kind, e.Detail = KindClosed, "the server closed the connection during the handshake"
	}
	return e
}

// nameProtocol says what the first bytes of a non-TLS answer look like.
func nameProtocol(b []byte) string {
	s := string(b)
	switch {
	case strings.HasPrefix(s, "SSH-"):
		return "it sent an SSH banner (" + strings.TrimSpace(printable(s)) + ")"
	case strings.HasPrefix(s, "HTTP/"):
		return "it answered in plain HTTP (use port 443 for HTTPS, or http:// is not TLS)"
	case strings.HasPrefix(s, "220"):
		return "it sent an SMTP/FTP greeting (220 ...)"
	case len(b) > 0 && b[0] == 0x20:
		return "it answered like an MQTT broker without TLS (CONNACK): the TLS port is usually 8883"
	}
	return fmt.Sprintf("its first bytes are % x", b)
}

func printable(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			break
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
