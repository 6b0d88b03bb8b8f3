package anchor

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Reason is why an input was refused as a trust anchor.
type Reason uint8

// Reasons for refusal.
const (
	ReasonPrivateKey Reason = iota + 1
	ReasonCSR
	ReasonLeaf
	ReasonExpired
	ReasonNotYetValid
	ReasonNoCertificate
	ReasonUnreadable
)

var reasonNamesLazy lazy.Value[map[Reason]string]

func reasonNames() map[Reason]string { return reasonNamesLazy.Get(buildReasonNames) }

func buildReasonNames() map[Reason]string {
	return map[Reason]string{
		ReasonPrivateKey:    "private-key",
		ReasonCSR:           "csr",
		ReasonLeaf:          "leaf",
		ReasonExpired:       "expired",
		ReasonNotYetValid:   "not-yet-valid",
		ReasonNoCertificate: "no-certificate",
		ReasonUnreadable:    "unreadable",
	}
}

func (r Reason) String() string { return reasonNames()[r] }

// RefusedError says why an input cannot be emitted as a trust anchor and
// what would have worked.
type RefusedError struct {
	Source string
	Reason Reason
	Detail string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("%s: %s", e.Source, e.Detail)
}

// Candidate is one certificate found in the input, not yet judged.
type Candidate struct {
	DER    []byte
	Source string
	// Serves names the endpoints this anchor is for, when known (emit
	// --endpoint); it goes into the emitted comment.
	Serves string
}

var pemRefusalsLazy lazy.Value[map[string]Reason]

// pemRefusals are the PEM block types that are never trust anchors, with
// the reason. A private key pasted where the CA goes is a common slip, and
// emitting it into firmware source would leak it.
func pemRefusals() map[string]Reason { return pemRefusalsLazy.Get(buildPemRefusals) }

func buildPemRefusals() map[string]Reason {
	return map[string]Reason{
		"PRIVATE KEY":             ReasonPrivateKey,
		"RSA PRIVATE KEY":         ReasonPrivateKey,
		"EC PRIVATE KEY":          ReasonPrivateKey,
		"ENCRYPTED PRIVATE KEY":   ReasonPrivateKey,
		"OPENSSH PRIVATE KEY":     ReasonPrivateKey,
		"CERTIFICATE REQUEST":     ReasonCSR,
		"NEW CERTIFICATE REQUEST": ReasonCSR,
	}
}

func refusal(source string, r Reason) error {
	switch r {
	case ReasonPrivateKey:
		return &RefusedError{Source: source, Reason: r, Detail: "this is a private key, not a certificate: a device trusts a CA by its certificate; never put a private key in firmware source (give the CA's certificate, e.g. from `openssl s_client -showcerts` or the CA's download page)"}
	case ReasonCSR:
		return &RefusedError{Source: source, Reason: r, Detail: "this is a certificate signing request, not a certificate: give the CA certificate that will sign it"}
	}
	return &RefusedError{Source: source, Reason: r, Detail: r.String()}
}

// Extract finds the certificates in one input: PEM (any number of blocks),
// DER, or any form certinput reads (C source, hex, base64, JSON). Private
// keys and CSRs are refused with a RefusedError.
func Extract(data []byte, source string) ([]Candidate, error) {
	cands, err := extractDirect(data, source)
	if err != nil || len(cands) > 0 {
		return cands, err
	}
	in, rerr := certinput.Read(data, certinput.Options{Name: source})
	if rerr != nil {
		return nil, &RefusedError{Source: source, Reason: ReasonNoCertificate, Detail: "no certificate found: " + rerr.Error()}
	}
	for _, it := range in.Items {
		src := source
		if it.Name != "" {
			src = source + ":" + it.Name
		}
		c, err := extractDirect(it.Bytes, src)
		if err != nil {
			return nil, err
		}
		cands = append(cands, c...)
	}
	if len(cands) == 0 {
		return nil, &RefusedError{Source: source, Reason: ReasonNoCertificate, Detail: "no certificate could be read (run `tlsdoctor check` on it: it says what is damaged and --fix repairs it)"}
	}
	return cands, nil
}

// extractDirect handles clean PEM and DER; it returns nothing for other
// forms so Extract can hand them to certinput.
func extractDirect(data []byte, source string) ([]Candidate, error) {
	var out []Candidate
	rest := data
	n := 0
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		n++
		src := source
		if n > 1 || bytes.Contains(rest, []byte("-----BEGIN ")) {
			src = fmt.Sprintf("%s#%d", source, n)
		}
		if r, ok := pemRefusals()[b.Type]; ok {
			return nil, refusal(src, r)
		}
		if b.Type == "CERTIFICATE" || b.Type == "X509 CERTIFICATE" || b.Type == "TRUSTED CERTIFICATE" {
			out = append(out, Candidate{DER: b.Bytes, Source: src})
		}
	}
	if n > 0 || len(data) == 0 || data[0] != 0x30 {
		return out, nil
	}
	// DER: one SEQUENCE, possibly several back to back.
	for rest := data; len(rest) > 0; n++ {
		var raw asn1.RawValue
		r, err := asn1.Unmarshal(rest, &raw)
		if err != nil {
			return nil, nil
		}
		der := rest[:len(rest)-len(r)]
		src := source
		if n > 0 || len(r) > 0 {
			src = fmt.Sprintf("%s#%d", source, n+1)
		}
		if isPrivateKeyDER(der) {
			return nil, refusal(src, ReasonPrivateKey)
		}
		if _, err := x509.ParseCertificateRequest(der); err == nil {
			return nil, refusal(src, ReasonCSR)
		}
		out = append(out, Candidate{DER: der, Source: src})
		rest = r
	}
	return out, nil
}

func isPrivateKeyDER(der []byte) bool {
	if _, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return true
	}
	if _, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return true
	}
	_, err := x509.ParseECPrivateKey(der)
	return err == nil
}

// Options controls Select.
type Options struct {
	// Now decides expiry; the caller passes the clock.
	Now time.Time
	// AllowLeaf keeps certificates that are not CAs (pinning a server
	// certificate), with a warning.
	AllowLeaf bool
	// AllowExpired keeps expired and not-yet-valid certificates, with a
	// warning.
	AllowExpired bool
}

// Note is something Select did or noticed that the user should hear.
type Note struct {
	ID      string // "anchor.duplicate", "anchor.leaf", "anchor.expired", "anchor.intermediate"
	Source  string
	Message string
}

// Select parses the candidates and keeps the ones that are usable trust
// anchors, in input order: duplicates (same DER) are dropped and said, a
// non-CA certificate is refused unless AllowLeaf, an expired one unless
// AllowExpired.
func Select(cands []Candidate, opt Options) ([]*Anchor, []Note, error) {
	var out []*Anchor
	var notes []Note
	seen := map[[32]byte]string{}
	for _, c := range cands {
		sum := sha256.Sum256(c.DER)
		if first, ok := seen[sum]; ok {
			notes = append(notes, Note{ID: "anchor.duplicate", Source: c.Source, Message: fmt.Sprintf("duplicate of %s: left out", first)})
			continue
		}
		seen[sum] = c.Source
		a, err := Parse(c.DER, c.Source)
		if err != nil {
			return nil, notes, &RefusedError{Source: c.Source, Reason: ReasonUnreadable, Detail: err.Error()}
		}
		a.Serves = c.Serves
		if !a.IsCA {
			if !opt.AllowLeaf {
				return nil, notes, &RefusedError{Source: c.Source, Reason: ReasonLeaf, Detail: fmt.Sprintf("%q is not a CA certificate (no basicConstraints cA): a device trusts the root that issued it; give that root, or pass --allow-leaf to pin this certificate itself", a.Subject)}
			}
			notes = append(notes, Note{ID: "anchor.leaf", Source: c.Source, Message: fmt.Sprintf("%q is not a CA: pinned as a leaf; the device will fail when the server renews it (by %s at the latest)", a.Subject, a.NotAfter.Format("2006-01-02"))})
		} else if !a.SelfIssued {
			notes = append(notes, Note{ID: "anchor.intermediate", Source: c.Source, Message: fmt.Sprintf("%q is an intermediate CA: it works as an anchor, but CAs rotate intermediates more often than roots", a.Subject)})
		}
		if !opt.Now.IsZero() {
			var r Reason
			switch {
			case opt.Now.After(a.NotAfter):
				r = ReasonExpired
			case opt.Now.Before(a.NotBefore):
				r = ReasonNotYetValid
			}
			if r != 0 {
				what := "expired on " + a.NotAfter.Format("2006-01-02")
				if r == ReasonNotYetValid {
					what = "not valid before " + a.NotBefore.Format("2006-01-02")
				}
				if !opt.AllowExpired {
					return nil, notes, &RefusedError{Source: c.Source, Reason: r, Detail: fmt.Sprintf("%q %s: mbedTLS flags a chain ending in it as expired; give its successor, or pass --allow-expired to keep it", a.Subject, what)}
				}
				notes = append(notes, Note{ID: "anchor." + r.String(), Source: c.Source, Message: fmt.Sprintf("%q %s: kept because of --allow-expired", a.Subject, what)})
			}
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, notes, &RefusedError{Source: strings.Join(sources(cands), ", "), Reason: ReasonNoCertificate, Detail: "no certificate to emit"}
	}
	return out, notes, nil
}

func sources(cands []Candidate) []string {
	var s []string
	for _, c := range cands {
		s = append(s, c.Source)
	}
	return s
}
