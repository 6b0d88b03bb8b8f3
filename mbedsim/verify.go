package mbedsim

import (
	"bytes"
	"net/netip"
	"strings"
	"time"
)

// Verify flags, as include/mbedtls/x509.h@2.28.3,3.6.6 defines them
// (MBEDTLS_X509_BADCERT_*). Only those x509_crt_verify itself sets are here;
// KEY_USAGE, EXT_KEY_USAGE and NS_CERT_TYPE come from the SSL layer.
const (
	FlagExpired     uint32 = 0x01
	FlagRevoked     uint32 = 0x02
	FlagCNMismatch  uint32 = 0x04
	FlagNotTrusted  uint32 = 0x08
	FlagFuture      uint32 = 0x200
	FlagBadMD       uint32 = 0x4000
	FlagBadPK       uint32 = 0x8000
	FlagBadKey      uint32 = 0x10000
	flagAllOnFatal  uint32 = 0xFFFFFFFF
	errVerifyFailed        = -0x2700
	errX509Fatal           = -0x3000
)

// VerifyOptions describe one call of mbedtls_x509_crt_verify_with_profile.
type VerifyOptions struct {
	// Time is the device clock; the zero value stands for a build without
	// MBEDTLS_HAVE_TIME_DATE, where no EXPIRED or FUTURE flag is ever set.
	Time time.Time
	// HostName is the expected name (the cn argument); "" passes NULL and
	// skips the name check.
	HostName string
	// Profile is "default" (also ""), "next" or "suite_b"
	// (mbedtls_x509_crt_profile_default, _next, _suiteb). Any other name
	// stands for a NULL profile (-0x2800).
	Profile string
	// MaxIntermediates is MBEDTLS_X509_MAX_INTERMEDIATE_CA; 0 means the
	// default, 8.
	MaxIntermediates int
}

// VerifyResult is what the call returns and computes.
type VerifyResult struct {
	// Ret is 0, -0x2700 (CERT_VERIFY_FAILED), -0x3000 (FATAL_ERROR: chain
	// longer than MaxIntermediates) or -0x2800 (BAD_INPUT_DATA: no profile).
	Ret int
	// Flags are the verify flags as mbedTLS sets them: the OR of PerCert,
	// or 0xFFFFFFFF when Ret is fatal.
	Flags uint32
	// Path is the chain mbedTLS built, leaf first, ending at the trust
	// anchor when one was found. PerCert holds the flags of each position.
	Path    []*Cert
	PerCert []uint32
	// Notes say where the prediction rests on an assumption (a signature Go
	// cannot check, a build option taken as its default).
	Notes []string
}

// verifyProfile is an mbedtls_x509_crt_profile.
type verifyProfile struct {
	mds       HashSet
	ecdsaOnly bool // allowed_pks = ECDSA | ECKEY (Suite B); else any
	anyCurve  bool
	curves    CurveSet
	rsaMin    int
}

// profileFor returns the named profile of a version:
// library/x509_crt.c:mbedtls_x509_crt_profile_default,_next,_suiteb@2.28.3,3.6.6.
func profileFor(b *Build, name string) (verifyProfile, bool) {
	strong := CurveSet(0).With(SECP256R1, SECP384R1, SECP521R1, BP256R1, BP384R1, BP512R1)
	switch name {
	case "", "default":
		if b.v36() {
			// 3.6 default: SHA-256 and up; curves of 128-bit security
			// without secp256k1.
			return verifyProfile{mds: HashSet(0).With(SHA256, SHA384, SHA512), curves: strong, rsaMin: 2048}, true
		}
		// 2.28 default: SHA-224 and up, any curve.
		return verifyProfile{mds: HashSet(0).With(SHA224, SHA256, SHA384, SHA512), anyCurve: true, rsaMin: 2048}, true
	case "next":
		return verifyProfile{mds: HashSet(0).With(SHA256, SHA384, SHA512), curves: strong.With(SECP256K1), rsaMin: 2048}, true
	case "suite_b", "suiteb":
		// rsa_min_bitlen 0, but RSA keys fail allowed_pks anyway.
		return verifyProfile{mds: HashSet(0).With(SHA256, SHA384), ecdsaOnly: true, curves: CurveSet(0).With(SECP256R1, SECP384R1)}, true
	}
	return verifyProfile{}, false
}

// checkMD is library/x509_crt.c:x509_profile_check_md_alg@2.28.3,3.6.6.
func (p *verifyProfile) checkMD(c *Cert) bool {
	h, ok := hashByName()[c.SigHash]
	return ok && p.mds.Has(h)
}

// checkPKAlg is library/x509_crt.c:x509_profile_check_pk_alg@2.28.3,3.6.6
// for a signature algorithm ("RSA", "ECDSA", "RSASSA-PSS") or a key type
// ("RSA", "ECKEY", "ECKEY_DH").
func (p *verifyProfile) checkPKAlg(pk string) bool {
	if pk == "" {
		return false
	}
	if p.ecdsaOnly {
		return pk == "ECDSA" || pk == "ECKEY"
	}
	return true
}

// checkKey is library/x509_crt.c:x509_profile_check_key@2.28.3,3.6.6: RSA by
// modulus length, EC by curve, anything else refused.
func (p *verifyProfile) checkKey(c *Cert) bool {
	switch c.KeyType {
	case "RSA":
		return c.KeyBits >= p.rsaMin
	case "EC":
		if p.anyCurve {
			return true
		}
		for cv := Curve(0); cv < numCurves; cv++ {
			if cv.String() == c.Curve {
				return p.curves.Has(cv)
			}
		}
	}
	return false
}

// vcert is a certificate with what verification reads from its DER.
type vcert struct {
	c       *Cert
	parts   *certParts
	key     publicKey
	keyOK   bool
	trusted bool
	index   int // position in its list
}

func newVcert(c *Cert, trusted bool, i int) *vcert {
	v := &vcert{c: c, trusted: trusted, index: i}
	if p, ok := splitCert(c.Raw); ok {
		v.parts = p
		v.key, v.keyOK = readPublicKey(p)
	}
	return v
}

// pkType is mbedtls_pk_get_type of the certificate's key.
func (v *vcert) pkType() string {
	switch {
	case v.c.KeyType == "RSA":
		return "RSA"
	case v.c.KeyType == "EC" && v.parts != nil && bytes.Equal(v.parts.spkiAlg, vOidECDH):
		return "ECKEY_DH"
	case v.c.KeyType == "EC":
		return "ECKEY"
	}
	return ""
}

func (v *vcert) selfIssued() bool {
	return v.parts != nil && nameEqual(v.parts.issuer, v.parts.subject)
}

// verifier holds one call's state.
type verifier struct {
	b       *Build
	prof    verifyProfile
	now     time.Time
	hasTime bool
	chain   []*vcert
	trust   []*vcert
	notes   map[string]bool
	sigMemo map[[2]*vcert]sigResult
}

func (w *verifier) note(s string) {
	if w.notes == nil {
		w.notes = map[string]bool{}
	}
	w.notes[s] = true
}

// isPast and isFuture are library/x509.c:mbedtls_x509_time_is_past,
// mbedtls_x509_time_is_future@2.28.3 (3.6.6: mbedtls_x509_time_cmp against
// one "now" per call): second granularity, equality counts as valid; without
// MBEDTLS_HAVE_TIME_DATE both are false.
func (w *verifier) isPast(t time.Time) bool   { return w.hasTime && w.now.After(t) }
func (w *verifier) isFuture(t time.Time) bool { return w.hasTime && t.After(w.now) }

func (w *verifier) sig(child, parent *vcert) bool {
	k := [2]*vcert{child, parent}
	r, ok := w.sigMemo[k]
	if !ok {
		r = checkSignature(child, parent)
		w.sigMemo[k] = r
	}
	if r == sigUnchecked {
		w.note("a signature uses a digest or curve Go cannot check (" + child.c.SigHash + ", " + parent.c.Curve +
			"); it was counted as bad, mbedTLS would check it")
	}
	return r == sigGood
}

// checkParent is library/x509_crt.c:x509_crt_check_parent@2.28.3,3.6.6:
// subject == child's issuer by x509_name_cmp; CA:TRUE unless a locally
// trusted v1/v2 certificate; keyCertSign when keyUsage is present
// (mbedtls_x509_crt_check_key_usage, where encipherOnly/decipherOnly also
// fail). 2.28 checks key usage only with MBEDTLS_X509_CHECK_KEY_USAGE, which
// both the stock and the Debian configuration enable; 3.6 always does.
func checkParent(child, parent *vcert, top bool) bool {
	if child.parts == nil || parent.parts == nil || !nameEqual(child.parts.issuer, parent.parts.subject) {
		return false
	}
	needCA := !(top && parent.c.Version < 3)
	if needCA && !parent.c.IsCA {
		return false
	}
	if needCA && parent.parts.hasKU {
		const keyCertSign, mayMask = 0x04, 0x01 | 0x8000
		ku := parent.c.KeyUsage
		if ku&^mayMask&keyCertSign != keyCertSign || ku&mayMask != 0 {
			return false
		}
	}
	return true
}

// findParentIn is library/x509_crt.c:x509_crt_find_parent_in@2.28.3,3.6.6:
// the first suitable candidate that is time-valid, else the first suitable
// one. Suitable: checkParent, pathLenConstraint (stored as pathLen+1 and
// compared with 1 + path_cnt - self_cnt), and for trusted candidates a good
// signature.
func (w *verifier) findParentIn(child *vcert, cands []*vcert, top bool, pathCnt, selfCnt int) (*vcert, bool) {
	var fallback *vcert
	fallbackSig := false
	for _, p := range cands {
		if !checkParent(child, p, top) {
			continue
		}
		if stored := p.c.MaxPathLen + 1; stored > 0 && stored < 1+pathCnt-selfCnt {
			continue
		}
		good := w.sig(child, p)
		if top && !good {
			continue
		}
		if w.isPast(p.c.NotAfter) || w.isFuture(p.c.NotBefore) {
			if fallback == nil {
				fallback, fallbackSig = p, good
			}
			continue
		}
		return p, good
	}
	return fallback, fallbackSig
}

// findParent is library/x509_crt.c:x509_crt_find_parent@2.28.3,3.6.6: the
// trusted list first, then the certificates after the child in the
// presented chain.
func (w *verifier) findParent(child *vcert, pathCnt, selfCnt int) (parent *vcert, trusted, sigGood bool) {
	if p, good := w.findParentIn(child, w.trust, true, pathCnt, selfCnt); p != nil {
		return p, true, good
	}
	var rest []*vcert
	if !child.trusted && child.index+1 < len(w.chain) {
		rest = w.chain[child.index+1:]
	}
	p, good := w.findParentIn(child, rest, false, pathCnt, selfCnt)
	return p, false, good && p != nil
}

// eeLocallyTrusted is library/x509_crt.c:x509_crt_check_ee_locally_trusted@2.28.3,3.6.6:
// a self-issued leaf byte-identical to a trusted certificate.
func (w *verifier) eeLocallyTrusted(v *vcert) bool {
	if !v.selfIssued() {
		return false
	}
	for _, t := range w.trust {
		if bytes.Equal(t.c.Raw, v.c.Raw) {
			return true
		}
	}
	return false
}

// Verify predicts mbedtls_x509_crt_verify_with_profile(chain, trust, NULL,
// profile, host, &flags, NULL, NULL) for the build's version. chain[0] is
// the peer certificate, chain[1:] the untrusted certificates in the order
// the chain holds them; trust is the trusted list in order. Nil entries
// (certificates that failed to parse) are left out, as
// mbedtls_x509_crt_parse leaves them out of a chain.
func Verify(b Build, chain []*Cert, trust []*Cert, opt VerifyOptions) VerifyResult {
	tables()
	prof, ok := profileFor(&b, opt.Profile)
	if !ok {
		// library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3,3.6.6: NULL profile.
		return VerifyResult{Ret: errX509BadInputData, Flags: flagAllOnFatal, Notes: []string{"unknown profile " + opt.Profile}}
	}
	maxInt := opt.MaxIntermediates
	if maxInt <= 0 {
		maxInt = 8
	}
	w := &verifier{b: &b, prof: prof, hasTime: !opt.Time.IsZero(), now: opt.Time.UTC().Truncate(time.Second),
		sigMemo: map[[2]*vcert]sigResult{}}
	for _, c := range chain {
		if c != nil {
			w.chain = append(w.chain, newVcert(c, false, len(w.chain)))
		}
	}
	for _, c := range trust {
		if c != nil {
			w.trust = append(w.trust, newVcert(c, true, len(w.trust)))
		}
	}
	var res VerifyResult
	if len(w.chain) == 0 {
		res = w.emptyChain(opt, len(w.trust) == 0)
	} else {
		res = w.run(opt, maxInt)
	}
	for n := range w.notes {
		res.Notes = append(res.Notes, n)
	}
	return res
}

// emptyChain is a verify call on a chain whose head never received a
// certificate (all failed to parse): a zeroed mbedtls_x509_crt has no key,
// no signature algorithm, empty names and a year-0 notAfter. With an empty
// trusted list too, the empty leaf is "locally trusted" (both raw buffers
// are empty); otherwise it finds no parent. Observed as 0x1C00D with a host
// name (mbedtls-behaviour.md §5.3).
func (w *verifier) emptyChain(opt VerifyOptions, noTrust bool) VerifyResult {
	f := FlagBadMD | FlagBadPK | FlagBadKey
	if w.hasTime {
		f |= FlagExpired
	}
	if opt.HostName != "" {
		f |= FlagCNMismatch
	}
	if !noTrust {
		f |= FlagNotTrusted
	}
	return VerifyResult{Ret: errVerifyFailed, Flags: f, PerCert: []uint32{f}}
}

// run is library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3,3.6.6
// with x509_crt_verify_chain inlined.
func (w *verifier) run(opt VerifyOptions, maxInt int) VerifyResult {
	ee := w.chain[0]
	var eeFlags uint32
	if opt.HostName != "" && !w.nameMatches(ee, opt.HostName) {
		eeFlags |= FlagCNMismatch
	}
	if !w.prof.checkPKAlg(ee.pkType()) {
		eeFlags |= FlagBadPK
	}
	if !w.prof.checkKey(ee.c) {
		eeFlags |= FlagBadKey
	}

	var res VerifyResult
	child := ee
	childTrusted := false
	selfCnt := 0
	for {
		res.Path = append(res.Path, child.c)
		res.PerCert = append(res.PerCert, 0)
		flags := &res.PerCert[len(res.PerCert)-1]
		// x509_crt_verify_chain: time validity of every certificate,
		// the trusted anchor included.
		if w.isPast(child.c.NotAfter) {
			*flags |= FlagExpired
		}
		if w.isFuture(child.c.NotBefore) {
			*flags |= FlagFuture
		}
		if childTrusted {
			break
		}
		if !w.prof.checkMD(child.c) {
			*flags |= FlagBadMD
		}
		if !w.prof.checkPKAlg(child.c.SigPK) {
			*flags |= FlagBadPK
		}
		if len(res.Path) == 1 && w.eeLocallyTrusted(child) {
			break
		}
		parent, parentTrusted, sigGood := w.findParent(child, len(res.Path)-1, selfCnt)
		if parent == nil {
			*flags |= FlagNotTrusted
			break
		}
		// Self-issued intermediates do not count against pathLen.
		if len(res.Path) != 1 && child.selfIssued() {
			selfCnt++
		}
		if !parentTrusted && len(res.Path) > maxInt {
			return VerifyResult{Ret: errX509Fatal, Flags: flagAllOnFatal, Path: res.Path, PerCert: res.PerCert,
				Notes: []string{"more than MBEDTLS_X509_MAX_INTERMEDIATE_CA untrusted intermediates"}}
		}
		if !sigGood {
			*flags |= FlagNotTrusted
		}
		if !w.prof.checkKey(parent.c) {
			*flags |= FlagBadKey
		}
		child, childTrusted = parent, parentTrusted
	}
	res.PerCert[0] |= eeFlags
	for _, f := range res.PerCert {
		res.Flags |= f
	}
	if res.Flags != 0 {
		res.Ret = errVerifyFailed
	}
	return res
}

// nameMatches is library/x509_crt.c:x509_crt_verify_name@2.28.3,3.6.6: with
// a subjectAltName extension only its entries count (2.28: dNSName; 3.6:
// dNSName, then iPAddress, then URI), otherwise every CN of the subject.
func (w *verifier) nameMatches(v *vcert, host string) bool {
	if i := strings.IndexByte(host, 0); i >= 0 {
		host = host[:i] // the C string ends there
	}
	cn := []byte(host)
	if v.parts == nil {
		return false
	}
	if v.parts.hasSAN {
		sawIP, sawURI := false, false
		for _, e := range v.parts.san {
			switch e.tag & 0x1F {
			case 2:
				if checkCN(e.val, cn) {
					return true
				}
			case 7:
				sawIP = true
			case 6:
				sawURI = true
			}
		}
		if !w.b.v36() {
			return false
		}
		// library/x509_crt.c:x509_crt_check_san_ip@3.6.6: the name as an
		// address (IPv4 unless it has a ':'), compared with iPAddress bytes.
		if sawIP {
			if ip, ok := parseIPName(host); ok {
				for _, e := range v.parts.san {
					if e.tag&0x1F == 7 && bytes.Equal(e.val, ip) {
						return true
					}
				}
			}
		}
		// library/x509_crt.c:x509_crt_check_san_uri@3.6.6: exact bytes.
		if sawURI {
			for _, e := range v.parts.san {
				if e.tag&0x1F == 6 && bytes.Equal(e.val, cn) {
					return true
				}
			}
		}
		return false
	}
	for _, a := range v.parts.subject {
		if bytes.Equal(a.oid, vOidCN) && checkCN(a.val, cn) {
			return true
		}
	}
	return false
}

// parseIPName is library/x509_crt.c:mbedtls_x509_crt_parse_cn_inet_pton@3.6.6
// with the system inet_pton of Linux: no zones, no leading zeros in IPv4.
func parseIPName(s string) ([]byte, bool) {
	if strings.ContainsRune(s, '%') {
		return nil, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return nil, false
	}
	if strings.ContainsRune(s, ':') {
		b := a.As16()
		return b[:], a.Is6()
	}
	if !a.Is4() {
		return nil, false
	}
	b := a.As4()
	return b[:], true
}

// checkCN is library/x509_crt.c:x509_crt_check_cn@2.28.3,3.6.6: equal
// ignoring ASCII case, or a "*." name whose rest equals the host after its
// first dot (x509_check_wildcard; a host starting with '.' or without one
// never matches a wildcard).
func checkCN(name, cn []byte) bool {
	if memCaseEqual(name, cn) {
		return true
	}
	if len(name) < 3 || name[0] != '*' || name[1] != '.' {
		return false
	}
	dot := bytes.IndexByte(cn, '.')
	if dot <= 0 {
		return false
	}
	return memCaseEqual(name[1:], cn[dot:])
}
