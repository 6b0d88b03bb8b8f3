package doctor

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// Checks on what the predicted parse says: how the buffer is passed, which
// blocks fail and where inside the DER, and what the build cannot do.

var pemHeader = []byte("-----BEGIN CERTIFICATE-----")

var checkLength = &Check{
	ID: "length.nul-not-counted", Severity: diag.Error,
	Summary:  "the length passed leaves out the NUL, so mbedTLS reads the PEM text as DER",
	Citation: citeCrtPars, Fixture: "strlen.h",
	Run: runLength,
}

var checkBundle = &Check{
	ID: "bundle.partial", Severity: diag.Error,
	Summary:  "some certificates of the bundle fail or are never read",
	Citation: citeCrtPars, Fixture: "bundle-bad-second.pem",
	Run: runBundle,
}

var checkDER = &Check{
	ID: "der.invalid", Severity: diag.Error,
	Summary:  "the certificate's DER structure is broken",
	Citation: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3", Fixture: "der-flip.der",
	Run: runDER,
}

var checkDERTrailing = &Check{
	ID: "der.trailing-bytes", Severity: diag.Warning,
	Summary:  "bytes after the DER certificate",
	Citation: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3", Fixture: "der-trailing.der",
	Run: runDERTrailing,
}

var checkConfig = &Check{
	ID: "config.unsupported", Severity: diag.Error,
	Summary:  "the device's build cannot use this certificate",
	Citation: "library/pkparse.c:mbedtls_pk_parse_subpubkey@2.28.3", Fixture: "rsa4096-embedded.pem",
	Run: runConfig,
}

// nulOnlyDifference reports whether a failing prediction fails only because
// its buffer does not end in NUL: PEM text, the DER path taken, and another
// mode of the same version taking the PEM path.
func nulOnlyDifference(c *Context, p *Prediction) bool {
	if p.Result == nil || p.Result.PEM || p.Result.Ret == 0 || !p.Build.PEMParse {
		return false
	}
	buf, err := c.buffer(p.Mode)
	if err != nil || len(buf) == 0 || buf[len(buf)-1] == 0 {
		return false
	}
	// The header must come before the first NUL for the PEM path to be taken
	// once the NUL is counted (x509_crt.c:mbedtls_x509_crt_parse uses strstr).
	text := buf
	if i := bytes.IndexByte(buf, 0); i >= 0 {
		text = buf[:i]
	}
	return bytes.Contains(text, pemHeader)
}

func runLength(chk *Check, c *Context) []diag.Finding {
	var bad, good []certinput.LengthMode
	var sample *Prediction
	for i := range c.preds {
		p := &c.preds[i]
		switch {
		case nulOnlyDifference(c, p):
			bad = appendUniqueM(bad, p.Mode)
			if sample == nil {
				sample = p
			}
		case p.Result != nil && p.Result.PEM && p.Result.Ret == 0:
			good = appendUniqueM(good, p.Mode)
		}
	}
	it := c.item
	if it.Length.Call != "" && it.Length.Mode != 0 && !containsMode(bad, it.Length.Mode) {
		return nil // the source shows the call, and its length is right
	}
	shown := it.Length.Call != "" && containsMode(bad, it.Length.Mode)
	if len(bad) == 0 || len(good) == 0 && !shown && !c.forced {
		// Nothing works yet: the other findings come first; the
		// length matters again once they are fixed.
		return nil
	}
	msg := fmt.Sprintf("With %s the buffer does not end in the NUL terminator, so mbedTLS parses the PEM text as DER and returns %s. mbedTLS takes the PEM path only when the last byte it is given is NUL.",
		modesText(it, bad), codeName(sample.Version, sample.Result.Ret))
	if len(good) > 0 {
		msg += fmt.Sprintf(" With %s it works.", modesText(it, good))
	}
	fix := "Pass the length including the NUL: " + fixLength(it)
	ev := c.ev(0, min(len(c.Bytes), len(pemHeader)))
	sev := diag.Warning
	if c.forced && !shown {
		sev = diag.Error // the user said this is how the firmware passes it
	}
	if shown {
		// The source shows the firmware doing exactly this.
		sev = diag.Error
		msg = fmt.Sprintf("%s passes %s: ", it.Length.Call, it.Length.Expr) + msg
		ev = diag.Evidence{Source: c.Source, Item: c.Item, Pos: it.Length.Pos, Shown: it.Length.Expr}
	}
	f := chk.finding(msg, fix, ev)
	f.Severity = sev
	return []diag.Finding{f}
}

func runBundle(chk *Check, c *Context) []diag.Finding {
	p := firstPEM(c)
	if p == nil || len(c.a.markers) < 3 {
		return nil
	}
	var out []diag.Finding
	res := p.Result
	total := countBegins(c.a)
	for i, b := range res.Blocks {
		switch {
		case b.StoppedScan && len(res.Certs) > 0:
			left := countBeginsAfter(c.a, b.Start)
			if left == 0 {
				continue
			}
			out = append(out, chk.finding(
				fmt.Sprintf("mbedTLS stops reading at block %d: it finds no complete BEGIN/END pair there (a damaged or missing armour line), so the %s after it are never loaded, and the call still returns %d. %d of %d certificates reach the chain.", i+1, plural(left, "block"), res.Ret, len(res.Certs), total),
				"Repair or remove the damaged block so that every block after it is read (`tlsdoctor check --fix`).",
				c.ev(b.Start, min(16, len(c.Bytes)-b.Start))))
		case b.Failure != nil && res.Ret > 0:
			out = append(out, chk.finding(
				fmt.Sprintf("Certificate %d of the bundle fails with %s (%s) while others parse: mbedtls_x509_crt_parse returns %d, the count of failed certificates, which a `ret != 0` check treats as a total failure.", i+1, codeName(p.Version, b.Failure.Ret), b.Failure.Reason, res.Ret),
				"Remove the failing certificate (or fix it), or accept a positive return when at least the roots you need parsed.",
				c.ev(max(0, b.HeaderOffset), 27)))
		}
	}
	return out
}

func runDER(chk *Check, c *Context) []diag.Finding {
	var g grouper
	// The byte-level checks run before this one (Registry order).
	hasByteError := false
	for _, k := range byteChecks {
		hasByteError = hasByteError || c.found[k.ID] && k.Severity == diag.Error
	}
	for i := range c.preds {
		p := &c.preds[i]
		if p.Result == nil || nulOnlyDifference(c, p) {
			continue
		}
		for bi, b := range p.Result.Blocks {
			f := b.Failure
			if f == nil || b.StoppedScan || configCaused(c, p, bi) {
				continue
			}
			pemErr := f.Ret > -0x2000 && f.Ret < -0x1000
			if (pemErr || f.Ret == -0x2180 && !p.Result.PEM) && hasByteError {
				continue // the byte-level findings already say why
			}
			where := derOffset(c, p, &b, f.Offset)
			what := "certificate"
			if len(p.Result.Blocks) > 1 {
				what = fmt.Sprintf("certificate %d", bi+1)
			}
			msg := fmt.Sprintf("mbedTLS %s rejects %s with %s", p.Version, what, codeName(p.Version, f.Ret))
			if f.Step != "" {
				msg += fmt.Sprintf(" while reading %s (byte %d of the DER)", f.Step, f.Offset)
			}
			msg += ": " + f.Reason + "."
			k := *chk
			k.Citation = strings.Replace(f.Cite, "@"+p.Version.Release(), "@"+c.profileReleases(), 1)
			g.add(p.Version.String(), k.finding(msg, derFix(f), c.ev(where, 1)))
		}
	}
	return g.findings()
}

func runDERTrailing(chk *Check, c *Context) []diag.Finding {
	for i := range c.preds {
		p := &c.preds[i]
		if p.Result == nil || p.Result.PEM || len(p.Result.Certs) == 0 {
			continue
		}
		buf, err := c.buffer(p.Mode)
		if err != nil {
			continue
		}
		n := len(p.Result.Certs[0].Raw)
		rest := buf[n:]
		if len(bytes.Trim(rest, "\x00")) == 0 {
			return nil
		}
		return []diag.Finding{chk.finding(
			fmt.Sprintf("%d bytes follow the certificate's DER. mbedTLS parses the first certificate and ignores the rest, so this works, but the length passed is not the certificate's (%d bytes): a second certificate there would be lost silently.", len(rest), n),
			fmt.Sprintf("Pass exactly the certificate's %d bytes; for several certificates call mbedtls_x509_crt_parse_der once per certificate.", n),
			c.ev(n, min(len(rest), 16)))}
	}
	return nil
}

func runConfig(chk *Check, c *Context) []diag.Finding {
	var g grouper
	for i := range c.preds {
		p := &c.preds[i]
		if p.Result == nil {
			continue
		}
		for bi, b := range p.Result.Blocks {
			if b.Failure == nil || !configCaused(c, p, bi) {
				continue
			}
			stock := stockCert(c, p, bi)
			msg, fix := configMessage(p, b.Failure, stock)
			k := *chk
			k.Citation = strings.Replace(b.Failure.Cite, "@"+p.Version.Release(), "@"+c.profileReleases(), 1)
			g.add(p.Version.String(), k.finding(msg, fix, c.ev(max(0, b.HeaderOffset), min(27, len(c.Bytes)))))
		}
	}
	return g.findings()
}

// grouper merges findings that differ only in the mbedTLS version they are
// about ("mbedTLS 2.28: ..." and "mbedTLS 3.6: ...") into one finding that
// names both versions.
type grouper struct {
	keys []string
	by   map[string]*diag.Finding
}

func (g *grouper) add(version string, f diag.Finding) {
	key := strings.ReplaceAll(f.ID+f.Message+f.Fix, "mbedTLS "+version, "mbedTLS *")
	if g.by == nil {
		g.by = map[string]*diag.Finding{}
	}
	if have, ok := g.by[key]; ok {
		for _, v := range have.Versions {
			if v == version {
				return
			}
		}
		old := "mbedTLS " + strings.Join(have.Versions, " and ")
		have.Versions = append(have.Versions, version)
		have.Message = strings.Replace(have.Message, old, "mbedTLS "+strings.Join(have.Versions, " and "), 1)
		return
	}
	f.Versions = []string{version}
	g.keys = append(g.keys, key)
	g.by[key] = &f
}

func (g *grouper) findings() []diag.Finding {
	var out []diag.Finding
	for _, k := range g.keys {
		out = append(out, *g.by[k])
	}
	return out
}

func containsMode(ms []certinput.LengthMode, m certinput.LengthMode) bool {
	for _, have := range ms {
		if have == m {
			return true
		}
	}
	return false
}

// fixLength says how to pass the item with its NUL.
func fixLength(it *certinput.Item) string {
	name := it.Name
	if name == "" {
		name = "buf"
	}
	switch {
	case it.CString && !it.Pointer:
		return fmt.Sprintf("mbedtls_x509_crt_parse(&ca, (const unsigned char *)%s, sizeof(%s)), or strlen(%s) + 1.", name, name, name)
	case it.CString:
		return fmt.Sprintf("mbedtls_x509_crt_parse(&ca, (const unsigned char *)%s, strlen(%s) + 1).", name, name)
	}
	return "the PEM text's length plus 1, with a NUL written after the text (ESP-IDF: embed with EMBED_TXTFILES, which appends the NUL, and pass end - start)."
}

func firstPEM(c *Context) *Prediction {
	for i := range c.preds {
		if p := &c.preds[i]; p.Result != nil && p.Result.PEM {
			return p
		}
	}
	return nil
}

func countBegins(a *anatomy) int { return countBeginsAfter(a, -1) }

func countBeginsAfter(a *anatomy, off int) int {
	n := 0
	for _, m := range a.markers {
		if m.begin && m.start > off {
			n++
		}
	}
	return n
}

// byteChecks are the checks on the text itself; when one of them reports an
// error, the parse failure it causes needs no second finding.
var byteChecks = []*Check{checkCROnly, checkMixedEOL, checkLiteralN, checkLookalike, checkJoined, checkCSyntax,
	checkBase64Bytes, checkTruncated, checkLabel, checkPrivateKey, checkArmourCase, checkErased, checkNULBeforeHeader}

// configCaused reports whether block bi fails only because of the build:
// the stock build of the same version parses the same buffer's block.
func configCaused(c *Context, p *Prediction, bi int) bool {
	stock := stockResult(c, p)
	if stock == nil || bi >= len(stock.Blocks) || stock.PEM != p.Result.PEM && p.Build.PEMParse {
		return false
	}
	if !p.Build.PEMParse && stock.PEM {
		return true // PEM parsing compiled out
	}
	return stock.Blocks[bi].Failure == nil
}

// stockResult is the stock build's parse of the same buffer, computed once
// per prediction.
func stockResult(c *Context, p *Prediction) *mbedsim.Result {
	if r, ok := c.stock[p]; ok {
		return r
	}
	if c.stock == nil {
		c.stock = map[*Prediction]*mbedsim.Result{}
	}
	var r *mbedsim.Result
	if buf, err := c.buffer(p.Mode); err == nil {
		r = mbedsim.ParseCRT(mbedsim.Stock(p.Version), buf)
	}
	c.stock[p] = r
	return r
}

// stockCert returns the certificate of block bi as the stock build sees it.
func stockCert(c *Context, p *Prediction, bi int) *mbedsim.Cert {
	res := stockResult(c, p)
	if res == nil || bi >= len(res.Blocks) || res.Blocks[bi].Failure != nil {
		return nil
	}
	n := 0
	for i := 0; i < bi; i++ {
		if res.Blocks[i].Failure == nil && !res.Blocks[i].StoppedScan {
			n++
		}
	}
	if n < len(res.Certs) {
		return res.Certs[n]
	}
	return nil
}

// configMessage names the build option that makes a certificate fail.
func configMessage(p *Prediction, f *mbedsim.Failure, cert *mbedsim.Cert) (string, string) {
	v := p.Version
	code := codeName(v, f.Ret)
	desc := ""
	if cert != nil {
		desc = certShort(cert)
	}
	switch {
	case !p.Build.PEMParse:
		return fmt.Sprintf("mbedTLS %s: this build has MBEDTLS_PEM_PARSE_C off, so PEM text is parsed as DER and fails with %s.", v, code),
			"Enable MBEDTLS_PEM_PARSE_C (and MBEDTLS_BASE64_C), or embed the certificate as DER (`tlsdoctor emit --format c-der`)."
	case f.Ret == -0x3B00 && cert != nil && cert.KeyType == "RSA":
		return fmt.Sprintf("mbedTLS %s: the certificate has an RSA-%d key (%d bytes of modulus) but this build's MBEDTLS_MPI_MAX_SIZE is %d bytes, so the key is rejected with %s. %s", v, cert.KeyBits, (cert.KeyBits+7)/8, p.Build.MPIMaxSize, code, desc),
			fmt.Sprintf("Raise MBEDTLS_MPI_MAX_SIZE to at least %d (RSA-%d), or trust a root with a smaller key: many CAs offer an ECDSA P-256 or RSA-2048 root for the same endpoint (`tlsdoctor probe HOST`).", (cert.KeyBits+7)/8, cert.KeyBits)
	case f.Ret == -0x3A00 && cert != nil:
		return fmt.Sprintf("mbedTLS %s: the certificate's key is on curve %s, which this build does not enable, so it fails with %s. %s", v, cert.Curve, code, desc),
			fmt.Sprintf("Enable %s in the config (ESP-IDF: CONFIG_MBEDTLS_ECP_DP_%s_ENABLED), or trust a root on a curve the build has.", curveMacro(cert.Curve), strings.ToUpper(curveMacroShort(cert.Curve)))
	case f.Ret == -0x262E && cert != nil:
		return fmt.Sprintf("mbedTLS %s: the certificate is signed with %s, and this build lacks the %s support it needs, so the signature algorithm is unknown (%s). %s", v, cert.SigAlg, cert.SigHash, code, desc),
			fmt.Sprintf("Enable the hash (%s) in the config; or trust a root signed with SHA-256.", hashMacro(v.String(), cert.SigHash))
	case f.Ret == -0x3C80 && cert != nil:
		return fmt.Sprintf("mbedTLS %s: the certificate's key type (%s) is not compiled into this build (%s). %s", v, cert.KeyType, code, desc),
			"Enable MBEDTLS_RSA_C or MBEDTLS_ECP_C / MBEDTLS_ECDSA_C as the key needs."
	case f.Ret == -0x2300 && cert != nil && strings.Contains(cert.SigAlg, "PSS"):
		return fmt.Sprintf("mbedTLS %s: the certificate uses an RSASSA-PSS signature and this build has MBEDTLS_X509_RSASSA_PSS_SUPPORT off (%s). %s", v, code, desc),
			"Enable MBEDTLS_X509_RSASSA_PSS_SUPPORT, or trust a root signed with PKCS#1 v1.5."
	}
	return fmt.Sprintf("mbedTLS %s: this build rejects the certificate with %s (%s), although the stock configuration accepts it. %s", v, code, f.Reason, desc),
		"Compare your config with the stock one (`tlsdoctor profile show --config FILE`) for the option this needs."
}

func certShort(c *mbedsim.Cert) string {
	key := c.KeyType
	if c.KeyType == "RSA" {
		key = fmt.Sprintf("RSA-%d", c.KeyBits)
	} else if c.Curve != "" {
		key = "EC " + c.Curve
	}
	return fmt.Sprintf("(%s: %s, %s, valid until %s)", c.Subject, key, c.SigAlg, c.NotAfter.Format("2006-01-02"))
}

func curveMacroShort(curve string) string {
	switch curve {
	case "secp256r1", "secp384r1", "secp521r1", "secp192r1", "secp224r1", "secp256k1", "secp192k1", "secp224k1":
		return curve
	case "brainpoolP256r1":
		return "bp256r1"
	case "brainpoolP384r1":
		return "bp384r1"
	case "brainpoolP512r1":
		return "bp512r1"
	}
	return curve
}

func curveMacro(curve string) string {
	return "MBEDTLS_ECP_DP_" + strings.ToUpper(curveMacroShort(curve)) + "_ENABLED"
}

func hashMacro(version, hash string) string {
	h := strings.ToUpper(strings.ReplaceAll(hash, "-", ""))
	switch h {
	case "SHA384":
		if version == "3.6" {
			return "MBEDTLS_SHA384_C"
		}
		return "MBEDTLS_SHA512_C (it also provides SHA-384)"
	case "SHA224":
		if version == "3.6" {
			return "MBEDTLS_SHA224_C"
		}
		return "MBEDTLS_SHA256_C (it also provides SHA-224)"
	case "":
		return "the hash module"
	}
	return "MBEDTLS_" + h + "_C"
}

// derOffset maps a DER offset of block b to an offset in the item's bytes:
// the DER path is the item itself; on the PEM path it is the base64
// character that encodes that byte.
func derOffset(c *Context, p *Prediction, b *mbedsim.Block, off int) int {
	if !p.Result.PEM || b.BodyStart < 0 {
		return min(max(0, off), len(c.Bytes))
	}
	want := off / 3 * 4 // the first character of the group holding the byte
	n := 0
	for i := b.BodyStart; i < b.BodyEnd && i < len(c.Bytes); i++ {
		ch := c.Bytes[i]
		if ch == '\n' || ch == '\r' || ch == ' ' {
			continue
		}
		if n == want {
			return i
		}
		n++
	}
	return max(0, b.BodyStart)
}

func derFix(f *mbedsim.Failure) string {
	switch {
	case f.Ret == -0x2180 && f.Offset == 0:
		return "These bytes are not a certificate: check that the right file or flash region is read, and its length."
	case f.Ret == -0x262E:
		return "Use a root signed with an algorithm mbedTLS supports (RSA PKCS#1 v1.5, RSASSA-PSS or ECDSA with SHA-1/SHA-2); Ed25519 certificates are not supported by mbedTLS 2.28 or 3.6."
	case f.Ret == -0x2562:
		return "The certificate has a critical extension mbedTLS does not know; use another root, or (2.28 only) enable MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION."
	}
	return "Get the certificate again from its source: it was damaged in transit or truncated. `tlsdoctor check --fix` recovers it only when the damage is in the text around the base64, never by guessing bytes."
}
