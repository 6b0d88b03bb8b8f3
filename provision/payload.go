package provision

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/doctor"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// MaxCertSize bounds the certificate file: a root CA bundle for a device is
// kilobytes, and a console dialogue of megabytes would take hours.
const MaxCertSize = 256 << 10

// Payload is the certificate as tlsdoctor sends it: the DER of each
// certificate, re-encoded as canonical PEM (LF line ends, 64 columns,
// a final LF). Whatever line ends or wrapping the user's file had, the
// device receives clean text; the dialogue decides how it goes over the
// line.
type Payload struct {
	// Source names the file it came from.
	Source string
	DER    [][]byte
	// PEM is the canonical PEM text of every certificate.
	PEM []byte
}

// CertError is a certificate file tlsdoctor will not send.
type CertError struct {
	Source string
	Msg    string
}

func (e *CertError) Error() string { return e.Source + ": " + e.Msg }

// LoadCert reads a certificate file: PEM (any line ends, one or more
// CERTIFICATE blocks) or DER. Private keys are refused.
func LoadCert(source string, data []byte) (*Payload, error) {
	if len(data) > MaxCertSize {
		return nil, &CertError{source, fmt.Sprintf("%d bytes is more than a root CA file (at most %d)", len(data), MaxCertSize)}
	}
	p := &Payload{Source: source}
	blocks, text := pemBlocks(data)
	for _, b := range blocks {
		switch {
		case b.Type == "CERTIFICATE" || b.Type == "TRUSTED CERTIFICATE" || b.Type == "X509 CERTIFICATE":
			p.DER = append(p.DER, b.Bytes)
		case strings.Contains(b.Type, "PRIVATE KEY"):
			return nil, &CertError{source, "holds a " + b.Type + ": never send a private key as a root CA (give the CA certificate)"}
		default:
			return nil, &CertError{source, fmt.Sprintf("holds a %q block, not a CERTIFICATE", b.Type)}
		}
	}
	if len(p.DER) == 0 {
		switch {
		case len(data) > 2 && data[0] == 0x30 && data[1] >= 0x80:
			p.DER = [][]byte{append([]byte(nil), data...)}
		case bytes.Contains(text, []byte("-----BEGIN")):
			return nil, &CertError{source, "has a BEGIN line but no PEM block could be read: run `tlsdoctor check` on it to see why"}
		default:
			return nil, &CertError{source, "no certificate in it: give a PEM or DER root CA file"}
		}
	}
	for _, d := range p.DER {
		p.PEM = append(p.PEM, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: d})...)
	}
	return p, nil
}

// pemBlocks reads every PEM block of data, whatever its line ends (CR LF,
// or CR alone as a terminal echoes it), and returns the text with LF line
// ends too.
func pemBlocks(data []byte) ([]*pem.Block, []byte) {
	text := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	var blocks []*pem.Block
	for rest := text; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return blocks, text
		}
		blocks = append(blocks, b)
	}
}

// Lines returns the PEM lines without their line ends.
func (p *Payload) Lines() []string {
	return strings.Split(strings.TrimSuffix(string(p.PEM), "\n"), "\n")
}

// Bytes returns what a send-cert step of form f sends with ending e.
func (p *Payload) Bytes(f CertForm, e LineEnding) []byte {
	switch f {
	case CertRaw:
		return append([]byte(nil), p.PEM...)
	case CertDER:
		return append([]byte(nil), p.DER[0]...)
	}
	var b bytes.Buffer
	for _, l := range p.Lines() {
		b.WriteString(l)
		b.WriteString(e.Bytes())
	}
	if f == CertPEMBlank {
		b.WriteString(e.Bytes())
	}
	return b.Bytes()
}

// Var returns the value of a built-in template variable.
func (p *Payload) Var(name string) (string, bool) {
	switch name {
	case "pem":
		return strings.TrimSuffix(string(p.PEM), "\n"), true
	case "len":
		return strconv.Itoa(len(p.PEM)), true
	case "der-len":
		return strconv.Itoa(len(p.DER[0])), true
	case "sha256":
		s := sha256.Sum256(p.PEM)
		return hex.EncodeToString(s[:]), true
	case "md5":
		s := md5.Sum(p.PEM)
		return hex.EncodeToString(s[:]), true
	case "sha256-der":
		s := sha256.Sum256(p.DER[0])
		return hex.EncodeToString(s[:]), true
	case "md5-der":
		s := md5.Sum(p.DER[0])
		return hex.EncodeToString(s[:]), true
	case "sha1-der":
		s := sha1.Sum(p.DER[0])
		return hex.EncodeToString(s[:]), true
	}
	return "", false
}

// expand fills {name} templates from the dialogue's variables (vars, which
// the caller may override) and the payload.
func expand(tmpl string, vars map[string]string, p *Payload) string {
	return templateRe().ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[1 : len(m)-1]
		if v, ok := vars[name]; ok {
			return v
		}
		if v, ok := p.Var(name); ok {
			return v
		}
		return m
	})
}

// CheckOptions describe the device for the pre-send check.
type CheckOptions struct {
	Profile *profile.Profile
	Now     time.Time
}

// Check runs tlsdoctor's check (doctor.Run) on the bytes the device will
// store, as the device's mbedTLS will parse them: the canonical PEM,
// terminated by a NUL (a console reader stores the text it read and the
// firmware passes strlen+1 to mbedtls_x509_crt_parse).
func (p *Payload) Check(opt CheckOptions) (*doctor.Report, error) {
	if opt.Profile == nil {
		return nil, errors.New("provision: Check needs a profile")
	}
	in, err := certinput.Read(p.PEM, certinput.Options{Form: certinput.FormPEM, Name: p.Source})
	if err != nil {
		return nil, err
	}
	return doctor.Run(in, opt.Profile, doctor.Options{Modes: []certinput.LengthMode{certinput.AsIsPlusNUL}, Now: opt.Now}), nil
}

// RejectedError says the device would reject the certificate: the check's
// report carries the findings. Sending anyway needs Force.
type RejectedError struct {
	Report *doctor.Report
}

func (e *RejectedError) Error() string {
	var ids []string
	for _, it := range e.Report.Items {
		for _, f := range it.Findings {
			if f.Severity == diag.Error {
				ids = append(ids, f.ID)
			}
		}
		if len(ids) == 0 && it.Verdict != "" {
			ids = append(ids, it.Verdict)
		}
	}
	return "the device would reject this certificate (" + strings.Join(ids, ", ") + ")"
}
