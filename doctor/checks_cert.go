package doctor

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strings"
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
	Run: runNotAnchor,
}

var checkValidity = &Check{
	ID: "cert.validity", Severity: diag.Error,
	Summary:  "the certificate is expired or not yet valid at the device's clock",
	Citation: "library/x509_crt.c:x509_crt_verify_chain@2.28.3", Fixture: "expired.pem",
	Run: runValidity,
}

var checkWeakKey = &Check{
	ID: "cert.weak-key", Severity: diag.Warning,
	Summary:  "an RSA key under 2048 bits, which mbedTLS's default verify profile rejects",
	Citation: "library/x509_crt.c:x509_profile_check_key@2.28.3", Fixture: "rsa1024.pem",
	Run: runWeakKey,
}

var checkSize = &Check{
	ID: "size.in-content-len", Severity: diag.Warning,
	Summary:  "the certificate alone is larger than the device's TLS input buffer",
	Citation: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3", Fixture: "big-leaf.pem",
	Run: runSize,
}

var checkHeap = &Check{
	ID: "size.heap", Severity: diag.Error,
	Summary:  "parsing needs more heap than the device has",
	Citation: "library/x509_crt.c:mbedtls_x509_crt_parse_der_internal@2.28.3", Fixture: "good.pem",
	Run: runHeap,
}

// parsedCerts returns each distinct certificate any prediction parsed,
// computed once per item.
func parsedCerts(c *Context) []*mbedsim.Cert {
	if c.certsDone {
		return c.certs
	}
	c.certsDone = true
	// Keyed by a hash of the DER, compared in full on a hash match: a bundle
	// of 100,000 certificates must not copy each one.
	seed := maphash.MakeSeed()
	seen := map[uint64][]*mbedsim.Cert{}
	for _, p := range c.preds {
		if p.Result == nil {
			continue
		}
	next:
		for _, ct := range p.Result.Certs {
			h := maphash.Bytes(seed, ct.Raw)
			for _, have := range seen[h] {
				if bytes.Equal(have.Raw, ct.Raw) {
					continue next
				}
			}
			seen[h] = append(seen[h], ct)
			c.certs = append(c.certs, ct)
		}
	}
	return c.certs
}

// deviceTime is the clock the device reads: the profile's, or now.
func (c *Context) deviceTime() (time.Time, bool) {
	if c.profile != nil && !c.profile.DeviceTime.IsZero() {
		return c.profile.DeviceTime, c.profile.ClockUnset
	}
	return c.now, false
}

func runNotAnchor(chk *Check, c *Context) []diag.Finding {
	var out []diag.Finding
	var notRoots []*mbedsim.Cert
	for _, ct := range parsedCerts(c) {
		if !(ct.IsCA && ct.SelfIssued) {
			notRoots = append(notRoots, ct)
		}
	}
	if len(notRoots) > 3 {
		// A bundle of many: one finding, not one per certificate.
		names := make([]string, 0, 3)
		for _, ct := range notRoots[:3] {
			names = append(names, ct.Subject)
		}
		return []diag.Finding{chk.finding(
			fmt.Sprintf("%d of the %d certificates are not self-signed roots (among them: %s). As trust anchors they break when the server renews its certificate or changes intermediates.", len(notRoots), len(parsedCerts(c)), strings.Join(names, "; ")),
			"Keep only the roots at the top of the chains the device must verify: `tlsdoctor probe HOST` names them.",
			c.ev(firstMarker(c), 27))}
	}
	for _, ct := range notRoots {
		kind, why := "an intermediate CA certificate", "It works only as long as the server keeps sending a chain through this exact intermediate; CAs rotate intermediates far more often than roots."
		if !ct.IsCA {
			kind, why = "a server (leaf) certificate", "Pinning it as the trust anchor breaks at the server's next renewal, typically within 90 days to a year."
		}
		out = append(out, chk.finding(
			fmt.Sprintf("%s is %s, not a self-signed root, issued by %s. mbedTLS accepts any certificate as a trust anchor, so this parses, but %s", ct.Subject, kind, ct.Issuer, why),
			fmt.Sprintf("Trust the root at the top of the chain instead (the one that issued %q, or its issuer): `tlsdoctor probe HOST` names it.", ct.Issuer),
			c.ev(firstMarker(c), 27)))
	}
	return out
}

func runValidity(chk *Check, c *Context) []diag.Finding {
	now, unset := c.deviceTime()
	var out []diag.Finding
	for _, ct := range parsedCerts(c) {
		switch {
		case now.After(ct.NotAfter):
			out = append(out, chk.finding(
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
			out = append(out, chk.finding(msg, fix, c.ev(firstMarker(c), 27)))
		case ct.NotAfter.Sub(now) < 365*24*time.Hour:
			f := chk.finding(
				fmt.Sprintf("%s expires on %s, within a year of the device's clock (%s). Devices in the field outlive that: plan the replacement root now.", ct.Subject, ct.NotAfter.Format("2006-01-02"), now.Format("2006-01-02")),
				"Ship the CA's successor root alongside this one before it expires (`tlsdoctor roots search NAME`).",
				c.ev(firstMarker(c), 27))
			f.Severity = diag.Warning
			out = append(out, f)
		}
	}
	return out
}

func runWeakKey(chk *Check, c *Context) []diag.Finding {
	var out []diag.Finding
	for _, ct := range parsedCerts(c) {
		if ct.KeyType == "RSA" && ct.KeyBits > 0 && ct.KeyBits < 2048 {
			out = append(out, chk.finding(
				fmt.Sprintf("%s has an RSA-%d key. mbedTLS's default verify profile requires RSA keys of at least 2048 bits, so certificates it signed fail verification with flag BAD_KEY (0x10000).", ct.Subject, ct.KeyBits),
				"Use a root with an RSA-2048+ or ECDSA key.",
				c.ev(firstMarker(c), 27)))
		}
	}
	return out
}

func runSize(chk *Check, c *Context) []diag.Finding {
	if c.profile == nil {
		return nil
	}
	for _, v := range c.profile.Versions {
		in, ok := c.profile.Int(v, "MBEDTLS_SSL_IN_CONTENT_LEN")
		if !ok {
			continue
		}
		for _, ct := range parsedCerts(c) {
			// A server sends its chain in one Certificate message: this
			// certificate plus a 7-byte header and 3 bytes per entry.
			if need := len(ct.Raw) + 10; need > in {
				return []diag.Finding{chk.finding(
					fmt.Sprintf("%s is %d bytes of DER, and the device's MBEDTLS_SSL_IN_CONTENT_LEN is %d (mbedTLS %s). A server that sends this certificate in its chain needs a Certificate message larger than the input buffer: the handshake fails at state 3 with -0x7200 or -0x7100. As a trust anchor kept on the device it is fine.", ct.Subject, len(ct.Raw), in, v),
					"If a server sends it, raise MBEDTLS_SSL_IN_CONTENT_LEN above the server's whole Certificate message (`tlsdoctor probe HOST` measures it); mbedTLS 2.28 cannot take a Certificate message split across records.",
					c.ev(firstMarker(c), 27))}
			}
		}
	}
	return nil
}

func runHeap(chk *Check, c *Context) []diag.Finding {
	if c.profile == nil || c.profile.Heap <= 0 {
		return nil
	}
	for _, p := range c.preds {
		if p.Result != nil && p.Result.HeapBytes > c.profile.Heap {
			return []diag.Finding{chk.finding(
				fmt.Sprintf("Parsing this needs about %d bytes of heap on a 32-bit device (mbedTLS %s), more than the %d bytes the profile gives. The parse then fails with an allocation error (-0x2880, -0x3F80 or -0x0010).", p.Result.HeapBytes, p.Version, c.profile.Heap),
				"Free heap before loading the CA (load it once, at start), trust fewer roots, or prefer an ECDSA root (smaller key material).",
				c.ev(0, 0))}
		}
	}
	return nil
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
