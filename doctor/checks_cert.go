package doctor

import (
	"bytes"
	"fmt"
	"time"

	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// Checks on the certificates that parse: is each one a trust anchor, valid
// at the device's clock, strong enough for the default verify profile, and
// does the parse fit the device's heap.

var checkNotAnchor = &Check{
	ID: "cert.not-a-trust-anchor", Severity: diag.Warning,
	Summary:  "a leaf or intermediate certificate where a root (trust anchor) is expected",
	Citation: "library/x509_crt.c:x509_crt_verify_chain@2.28.3", Fixture: "leaf.pem",
}

var checkValidity = &Check{
	ID: "cert.validity", Severity: diag.Error,
	Summary:  "the certificate is expired or not yet valid at the device's clock",
	Citation: "library/x509_crt.c:x509_crt_verify_chain@2.28.3", Fixture: "expired.pem",
}

var checkWeakKey = &Check{
	ID: "cert.weak-key", Severity: diag.Warning,
	Summary:  "an RSA key under 2048 bits, which mbedTLS's default verify profile rejects",
	Citation: "library/x509_crt.c:x509_profile_check_key@2.28.3", Fixture: "rsa1024.pem",
}

var checkHeap = &Check{
	ID: "size.heap", Severity: diag.Error,
	Summary:  "parsing needs more heap than the device has",
	Citation: "library/x509_crt.c:mbedtls_x509_crt_parse_der_internal@2.28.3", Fixture: "good.pem",
}

// parsedCerts returns each distinct certificate any prediction parsed.
func parsedCerts(c *Context) []*mbedsim.Cert {
	var out []*mbedsim.Cert
	for _, p := range c.preds {
		if p.Result == nil {
			continue
		}
		for _, ct := range p.Result.Certs {
			dup := false
			for _, have := range out {
				dup = dup || bytes.Equal(have.Raw, ct.Raw)
			}
			if !dup {
				out = append(out, ct)
			}
		}
	}
	return out
}

// deviceTime is the clock the device reads: the profile's, or now.
func (c *Context) deviceTime() (time.Time, bool) {
	if c.profile != nil && !c.profile.DeviceTime.IsZero() {
		return c.profile.DeviceTime, c.profile.ClockUnset
	}
	return c.now, false
}

func init() {
	checkNotAnchor.Run = func(c *Context) []diag.Finding {
		var out []diag.Finding
		for _, ct := range parsedCerts(c) {
			if ct.IsCA && ct.SelfIssued {
				continue
			}
			kind, why := "an intermediate CA certificate", "It works only as long as the server keeps sending a chain through this exact intermediate; CAs rotate intermediates far more often than roots."
			if !ct.IsCA {
				kind, why = "a server (leaf) certificate", "Pinning it as the trust anchor breaks at the server's next renewal, typically within 90 days to a year."
			}
			out = append(out, checkNotAnchor.finding(
				fmt.Sprintf("%s is %s, not a self-signed root, issued by %s. mbedTLS accepts any certificate as a trust anchor, so this parses, but %s", ct.Subject, kind, ct.Issuer, why),
				fmt.Sprintf("Trust the root at the top of the chain instead (the one that issued %q, or its issuer): `tlsdoctor probe HOST` names it.", ct.Issuer),
				c.ev(firstMarker(c), 27)))
		}
		return out
	}
	checkValidity.Run = func(c *Context) []diag.Finding {
		now, unset := c.deviceTime()
		var out []diag.Finding
		for _, ct := range parsedCerts(c) {
			switch {
			case now.After(ct.NotAfter):
				out = append(out, checkValidity.finding(
					fmt.Sprintf("%s expired on %s (the device's clock reads %s). mbedTLS checks the validity of every certificate in the verified chain, including the trusted root, so every handshake that chains to it fails with -0x2700 and flag EXPIRED (0x01).", ct.Subject, ct.NotAfter.Format("2006-01-02"), now.Format("2006-01-02")),
					"Replace it with the CA's current root; check the CA event calendar (`tlsdoctor roots search NAME`).",
					c.ev(firstMarker(c), 27)))
			case now.Before(ct.NotBefore):
				msg := fmt.Sprintf("%s is not valid before %s, and the device's clock reads %s. Every handshake that chains to it fails with -0x2700 and flag FUTURE (0x200).", ct.Subject, ct.NotBefore.Format("2006-01-02"), now.Format("2006-01-02"))
				fix := "Set the device's clock before the first handshake (SNTP, a modem's network time, or an HTTP Date header fetched without TLS)."
				if unset || now.Year() < 2020 {
					msg += " The clock looks never set (the RTC's start value): this is the unset-clock trap."
					fix += " If the time itself comes over TLS, that request needs the root CA first and cannot check dates: take time from SNTP instead."
				}
				out = append(out, checkValidity.finding(msg, fix, c.ev(firstMarker(c), 27)))
			case ct.NotAfter.Sub(now) < 365*24*time.Hour:
				f := checkValidity.finding(
					fmt.Sprintf("%s expires on %s, within a year of the device's clock (%s). Devices in the field outlive that: plan the replacement root now.", ct.Subject, ct.NotAfter.Format("2006-01-02"), now.Format("2006-01-02")),
					"Ship the CA's successor root alongside this one before it expires (`tlsdoctor roots search NAME`).",
					c.ev(firstMarker(c), 27))
				f.Severity = diag.Warning
				out = append(out, f)
			}
		}
		return out
	}
	checkWeakKey.Run = func(c *Context) []diag.Finding {
		var out []diag.Finding
		for _, ct := range parsedCerts(c) {
			if ct.KeyType == "RSA" && ct.KeyBits > 0 && ct.KeyBits < 2048 {
				out = append(out, checkWeakKey.finding(
					fmt.Sprintf("%s has an RSA-%d key. mbedTLS's default verify profile requires RSA keys of at least 2048 bits, so certificates it signed fail verification with flag BAD_KEY (0x10000).", ct.Subject, ct.KeyBits),
					"Use a root with an RSA-2048+ or ECDSA key.",
					c.ev(firstMarker(c), 27)))
			}
		}
		return out
	}
	checkHeap.Run = func(c *Context) []diag.Finding {
		if c.profile == nil || c.profile.Heap <= 0 {
			return nil
		}
		for _, p := range c.preds {
			if p.Result != nil && p.Result.HeapBytes > c.profile.Heap {
				return []diag.Finding{checkHeap.finding(
					fmt.Sprintf("Parsing this needs about %d bytes of heap on a 32-bit device (mbedTLS %s), more than the %d bytes the profile gives. The parse then fails with an allocation error (-0x2880, -0x3F80 or -0x0010).", p.Result.HeapBytes, p.Version, c.profile.Heap),
					"Free heap before loading the CA (load it once, at start), trust fewer roots, or prefer an ECDSA root (smaller key material).",
					c.ev(0, 0))}
			}
		}
		return nil
	}
}

func firstMarker(c *Context) int {
	if len(c.a.markers) > 0 {
		return c.a.markers[0].start
	}
	return 0
}

// okLines says what is fine about the item, so the user stops suspecting it.
func okLines(c *Context) []string {
	var out []string
	for _, ct := range parsedCerts(c) {
		key := ct.KeyType
		switch {
		case ct.KeyType == "RSA":
			key = fmt.Sprintf("RSA-%d", ct.KeyBits)
		case ct.Curve != "":
			key = "ECDSA " + ct.Curve
		}
		role := "a root (self-signed CA)"
		switch {
		case !ct.IsCA:
			role = "a leaf certificate"
		case !ct.SelfIssued:
			role = "an intermediate CA"
		}
		out = append(out, fmt.Sprintf("the certificate %s (%s, %s) parses and is %s; valid %s to %s",
			ct.Subject, key, ct.SigAlg, role, ct.NotBefore.Format("2006-01-02"), ct.NotAfter.Format("2006-01-02")))
	}
	for _, p := range c.preds {
		if p.Result != nil && p.Result.Ret == 0 && len(p.Result.Certs) > 0 && c.profile != nil && c.profile.Heap > 0 && p.Result.HeapBytes <= c.profile.Heap {
			out = append(out, fmt.Sprintf("the parse needs about %d bytes of heap (mbedTLS %s), within the %d bytes given", p.Result.HeapBytes, p.Version, c.profile.Heap))
			break
		}
	}
	return out
}
