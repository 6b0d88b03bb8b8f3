package testcert

import (
	"bytes"
	"crypto/elliptic"
	"encoding/asn1"
	"math/big"
	"strings"
)

// The single-field edits below are the ones of table T2 of
// shared/research/mbedtls-behaviour.md and their neighbours: each changes one
// field of a valid certificate (fixing the enclosing lengths) so that the
// certificate fails, or passes, at exactly one step of x509_crt_parse_der_core
// and its helpers. Each is named for what it does, not for what mbedTLS
// returns, since that is for the prediction and the oracle to say.

func oidDER(ids ...int) []byte {
	b, err := asn1.Marshal(asn1.ObjectIdentifier(ids))
	if err != nil {
		panic(err)
	}
	return b
}

func intDER(v *big.Int) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

var (
	nullDER      = []byte{0x05, 0x00}
	octetsDER    = []byte{0x04, 0x00}
	critTrue     = []byte{0x01, 0x01, 0xFF}
	critFalse    = []byte{0x01, 0x01, 0x00}
	rsaEncOID    = oidDER(1, 2, 840, 113549, 1, 1, 1)
	rsaPSSOID    = oidDER(1, 2, 840, 113549, 1, 1, 10)
	ecPubOID     = oidDER(1, 2, 840, 10045, 2, 1)
	ed25519OID   = oidDER(1, 3, 101, 112)
	mgf1OID      = oidDER(1, 2, 840, 113549, 1, 1, 8)
	sha256OID    = oidDER(2, 16, 840, 1, 101, 3, 4, 2, 1)
	sha1WithRSA  = oidDER(1, 2, 840, 113549, 1, 1, 5)
	sha256RSAOID = oidDER(1, 2, 840, 113549, 1, 1, 11)
	sha384RSAOID = oidDER(1, 2, 840, 113549, 1, 1, 12)
	ecdsa256OID  = oidDER(1, 2, 840, 10045, 4, 3, 2)
	ecdsa384OID  = oidDER(1, 2, 840, 10045, 4, 3, 3)
)

// Signature OIDs a certificate might carry that mbedTLS may or may not know,
// depending on version and configuration (MD2/MD4 in Debian's build only).
var (
	rsaSigOIDs = []struct {
		name string
		oid  []byte
	}{
		{"md2-rsa", oidDER(1, 2, 840, 113549, 1, 1, 2)},
		{"md4-rsa", oidDER(1, 2, 840, 113549, 1, 1, 3)},
		{"md5-rsa", oidDER(1, 2, 840, 113549, 1, 1, 4)},
		{"sha1-rsa", sha1WithRSA},
		{"sha224-rsa", oidDER(1, 2, 840, 113549, 1, 1, 14)},
		{"sha1-rsa-oiw", oidDER(1, 3, 14, 3, 2, 29)},
		{"ripemd160-rsa", oidDER(1, 3, 36, 3, 3, 1, 2)},
		{"sha3-256-rsa", oidDER(2, 16, 840, 1, 101, 3, 4, 3, 14)},
	}
	ecdsaSigOIDs = []struct {
		name string
		oid  []byte
	}{
		{"ecdsa-sha1", oidDER(1, 2, 840, 10045, 4, 1)},
		{"ecdsa-sha224", oidDER(1, 2, 840, 10045, 4, 3, 1)},
		{"ecdsa-sha3-256", oidDER(2, 16, 840, 1, 101, 3, 4, 3, 10)},
	}
	// Named curves by OID content, and others to swap in.
	curveOIDs = map[string]string{
		"2a8648ce3d030107": "p256", "2b81040022": "p384", "2b81040023": "p521",
		"2b2403030208010107": "bp256", "2b8104000a": "k256",
	}
	otherCurves = []struct {
		name string
		oid  []byte
	}{
		{"p192", oidDER(1, 2, 840, 10045, 3, 1, 1)},
		{"p224", oidDER(1, 3, 132, 0, 33)},
		{"bp384", oidDER(1, 3, 36, 3, 3, 2, 8, 1, 1, 11)},
		{"x25519", oidDER(1, 3, 101, 110)},
	}
)

// mutator collects the edits of one certificate.
type mutator struct {
	t   *derTree
	out []mutation
}

// add records an edit; one that happens to leave the certificate as it was
// (setting cA TRUE in a CA) is dropped.
func (m *mutator) add(name string, der []byte) {
	if der != nil && !bytes.Equal(der, m.t.der) {
		m.out = append(m.out, mutation{name, der})
	}
}

func (m *mutator) setContent(n *node, content []byte) []byte {
	return m.t.replace(n, tlv(n.tag, content))
}

func (m *mutator) setTag(n *node, tag byte) []byte {
	return m.t.replace(n, append([]byte{tag}, m.t.bytesOf(n)[1:]...))
}

func (m *mutator) after(n *node, extra ...[]byte) []byte {
	return m.t.replace(n, bytes.Join(append([][]byte{m.t.bytesOf(n)}, extra...), nil))
}

func (m *mutator) before(n *node, extra ...[]byte) []byte {
	return m.t.replace(n, bytes.Join(append(extra, m.t.bytesOf(n)), nil))
}

func (m *mutator) remove(n *node) []byte { return m.t.replace(n, nil) }

// lastByte changes the last content byte (of an OID: an unknown arc).
func (m *mutator) lastByte(n *node) []byte {
	c := bytes.Clone(m.t.content(n))
	if len(c) == 0 {
		return nil
	}
	if c[len(c)-1] == 0x7F {
		c[len(c)-1] = 0x7E
	} else {
		c[len(c)-1] = 0x7F
	}
	return m.setContent(n, c)
}

func kid(n *node, i int) *node {
	if n == nil || i >= len(n.kids) {
		return nil
	}
	return n.kids[i]
}

func lastKid(n *node) *node {
	if n == nil || len(n.kids) == 0 {
		return nil
	}
	return n.kids[len(n.kids)-1]
}

// mutations returns every single-field edit that applies to the certificate.
func mutations(t *derTree) []mutation {
	m := &mutator{t: t}
	m.version()
	m.serial()
	m.sigAlg()
	m.name("issuer", true)
	m.name("subject", false)
	m.validity()
	m.spki()
	m.uniqueIDs()
	m.extensions()
	m.signature()
	return m.out
}

func (m *mutator) version() {
	t := m.t
	v := t.find("tbs.version")
	if v == nil {
		serial := t.find("tbs.serial")
		for _, ver := range []byte{0, 1, 2} {
			m.add("version-add-"+string('0'+ver), m.before(serial, tlv(0xA0, []byte{0x02, 0x01, ver})))
		}
		return
	}
	vi := kid(v, 0)
	if vi == nil {
		return
	}
	cur := t.content(vi)
	m.add("version-absent", m.remove(v))
	for _, ver := range []byte{0, 1, 2, 3} {
		if !bytes.Equal(cur, []byte{ver}) {
			m.add("version-"+string('0'+ver), m.setContent(vi, []byte{ver}))
		}
	}
	m.add("version-negative-0x80", m.setContent(vi, []byte{0x80}))
	m.add("version-minus-1", m.setContent(vi, []byte{0xFF}))
	m.add("version-leading-zeros-4-bytes", m.setContent(vi, append([]byte{0, 0, 0}, cur...)))
	m.add("version-leading-zeros-5-bytes", m.setContent(vi, append([]byte{0, 0, 0, 0}, cur...)))
	m.add("version-empty-integer", m.setContent(vi, nil))
	m.add("version-tag-octet-string", m.setTag(vi, 0x04))
	m.add("version-trailing-null", m.after(vi, nullDER))
	m.add("version-wrapper-a1", m.setTag(v, 0xA1))
	m.add("version-wrapper-primitive-80", m.setTag(v, 0x80))
}

func (m *mutator) serial() {
	s := m.t.find("tbs.serial")
	if s == nil {
		return
	}
	m.add("serial-zero", m.setContent(s, []byte{0}))
	m.add("serial-negative", m.setContent(s, []byte{0xFF}))
	m.add("serial-empty", m.setContent(s, nil))
	m.add("serial-leading-zeros", m.setContent(s, append([]byte{0, 0}, m.t.content(s)...)))
	m.add("serial-21-bytes", m.setContent(s, bytes.Repeat([]byte{0x21}, 21)))
	m.add("serial-40-bytes", m.setContent(s, bytes.Repeat([]byte{0x40}, 40)))
	m.add("serial-tag-82-implicit", m.setTag(s, 0x82))
	m.add("serial-tag-octet-string", m.setTag(s, 0x04))
}

// sigAlgFamily classifies a signature AlgorithmIdentifier by its OID.
func (m *mutator) sigAlgFamily(alg *node) string {
	o := kid(alg, 0)
	if o == nil {
		return ""
	}
	b := m.t.content(o)
	switch {
	case bytes.Equal(b, rsaPSSOID[2:]):
		return "pss"
	case bytes.HasPrefix(b, rsaEncOID[2:len(rsaEncOID)-1]):
		return "rsa"
	case bytes.HasPrefix(b, oidDER(1, 2, 840, 10045, 4)[2:]):
		return "ecdsa"
	case bytes.Equal(b, ed25519OID[2:]):
		return "ed25519"
	}
	return "other"
}

// pssParams encodes RSASSA-PSS-params with the fields given (nil: absent).
func pssParams(hash, mgf, salt, trailer []byte) []byte {
	var c []byte
	if hash != nil {
		c = append(c, tlv(0xA0, hash)...)
	}
	if mgf != nil {
		c = append(c, tlv(0xA1, mgf)...)
	}
	if salt != nil {
		c = append(c, tlv(0xA2, salt)...)
	}
	if trailer != nil {
		c = append(c, tlv(0xA3, trailer)...)
	}
	return tlv(0x30, c)
}

func (m *mutator) sigAlg() {
	t := m.t
	in, out := t.find("tbs.sigalg"), t.find("sigalg")
	if in == nil || out == nil {
		return
	}
	fam := m.sigAlgFamily(in)
	inOID := kid(in, 0)
	// both sets the TBS and outer AlgorithmIdentifier to the same bytes.
	both := func(alg []byte) []byte { return t.edit(map[*node][]byte{in: alg, out: alg}) }
	oidOf := func(n *node) []byte { return t.bytesOf(kid(n, 0)) }

	m.add("sigalg-tbs-oid-unknown", m.lastByte(inOID))
	unknown := bytes.Clone(t.bytesOf(inOID))
	unknown[len(unknown)-1] = 0x7F
	m.add("sigalg-both-oid-unknown", both(tlv(0x30, unknown, t.content(in)[len(unknown):])))
	var other []byte
	switch fam {
	case "rsa":
		other = sha384RSAOID
		if bytes.Equal(oidOf(in), sha384RSAOID) {
			other = sha256RSAOID
		}
		other = tlv(0x30, other, nullDER)
	case "pss":
		other = tlv(0x30, sha256RSAOID, nullDER)
	case "ecdsa":
		other = ecdsa384OID
		if bytes.Equal(oidOf(in), ecdsa384OID) {
			other = ecdsa256OID
		}
		other = tlv(0x30, other)
	default:
		other = tlv(0x30, ecdsa256OID)
	}
	m.add("sigalg-outer-differs", t.replace(out, other))
	params := kid(in, 1)
	switch fam {
	case "rsa":
		m.add("sigalg-outer-params-absent", t.replace(out, tlv(0x30, oidOf(out))))
		m.add("sigalg-params-absent-both", both(tlv(0x30, oidOf(in))))
		m.add("sigalg-oid-pss-with-null-both", both(tlv(0x30, rsaPSSOID, nullDER)))
		for _, o := range rsaSigOIDs {
			if !bytes.Equal(o.oid, oidOf(in)) {
				m.add("sigalg-"+o.name+"-both", both(tlv(0x30, o.oid, nullDER)))
			}
		}
	case "ecdsa", "ed25519":
		m.add("sigalg-outer-params-null", t.replace(out, tlv(0x30, oidOf(out), nullDER)))
		m.add("sigalg-params-null-both", both(tlv(0x30, oidOf(in), nullDER)))
		if fam == "ecdsa" {
			for _, o := range ecdsaSigOIDs {
				if !bytes.Equal(o.oid, oidOf(in)) {
					m.add("sigalg-"+o.name+"-both", both(tlv(0x30, o.oid)))
				}
			}
		} else {
			m.add("sigalg-ed448-both", both(tlv(0x30, oidDER(1, 3, 101, 113))))
		}
	case "pss":
		m.add("sigalg-outer-pss-defaults", t.replace(out, tlv(0x30, rsaPSSOID, tlv(0x30))))
		h := tlv(0x30, sha256OID, nullDER)
		mgf := tlv(0x30, mgf1OID, h)
		for _, v := range []struct {
			name   string
			params []byte
		}{
			{"pss-params-absent", nil},
			{"pss-params-null", nullDER},
			{"pss-params-empty", pssParams(nil, nil, nil, nil)},
			{"pss-trailer-1", pssParams(h, mgf, []byte{2, 1, 32}, []byte{2, 1, 1})},
			{"pss-trailer-2", pssParams(h, mgf, []byte{2, 1, 32}, []byte{2, 1, 2})},
			{"pss-salt-0", pssParams(h, mgf, []byte{2, 1, 0}, nil)},
			{"pss-salt-negative", pssParams(h, mgf, []byte{2, 1, 0xE0}, nil)},
			{"pss-salt-not-integer", pssParams(h, mgf, []byte{4, 1, 32}, nil)},
			{"pss-hash-unknown", pssParams(tlv(0x30, oidDER(2, 16, 840, 1, 101, 3, 4, 2, 99), nullDER), mgf, []byte{2, 1, 32}, nil)},
			{"pss-hash-md5", pssParams(tlv(0x30, oidDER(1, 2, 840, 113549, 2, 5), nullDER), mgf, []byte{2, 1, 32}, nil)},
			{"pss-hash-no-null", pssParams(tlv(0x30, sha256OID), tlv(0x30, mgf1OID, tlv(0x30, sha256OID)), []byte{2, 1, 32}, nil)},
			{"pss-mgf-unknown", pssParams(h, tlv(0x30, oidDER(1, 2, 840, 113549, 1, 1, 99), h), []byte{2, 1, 32}, nil)},
			{"pss-mgf-hash-unknown", pssParams(h, tlv(0x30, mgf1OID, tlv(0x30, oidDER(2, 16, 840, 1, 101, 3, 4, 2, 99), nullDER)), []byte{2, 1, 32}, nil)},
			{"pss-mgf-no-params", pssParams(h, tlv(0x30, mgf1OID), []byte{2, 1, 32}, nil)},
			{"pss-fields-out-of-order", tlv(0x30, tlv(0xA2, []byte{2, 1, 32}), tlv(0xA0, h), tlv(0xA1, mgf))},
			{"pss-trailing-field", tlv(0x30, tlv(0xA0, h), tlv(0xA1, mgf), tlv(0xA2, []byte{2, 1, 32}), tlv(0xA4, nullDER))},
		} {
			alg := tlv(0x30, rsaPSSOID)
			if v.params != nil {
				alg = tlv(0x30, rsaPSSOID, v.params)
			}
			m.add("sigalg-"+v.name+"-both", both(alg))
		}
	}
	m.add("sigalg-params-octet-string-both", both(tlv(0x30, oidOf(in), octetsDER)))
	m.add("sigalg-params-null-with-content-both", both(tlv(0x30, oidOf(in), []byte{0x05, 0x01, 0x00})))
	if params != nil {
		m.add("sigalg-tbs-trailing-null", m.after(params, nullDER))
	}
}

var stringTags = []struct {
	name string
	tag  byte
}{
	{"utf8", 0x0C}, {"printable", 0x13}, {"t61", 0x14}, {"ia5", 0x16}, {"universal", 0x1C},
	{"bmp", 0x1E}, {"bitstring", 0x03}, {"numeric", 0x12}, {"visible", 0x1A}, {"octets", 0x04},
	{"integer", 0x02},
}

func (m *mutator) name(field string, all bool) {
	t := m.t
	n := t.find("tbs." + field)
	if n == nil {
		return
	}
	m.add(field+"-empty", m.setContent(n, nil))
	rdn1, lastRDN := kid(n, 0), lastKid(n)
	if rdn1 == nil {
		m.add(field+"-add-cn", m.setContent(n, tlv(0x31, tlv(0x30, oidDER(2, 5, 4, 3), tlv(0x13, []byte("added"))))))
		return
	}
	atv1 := kid(rdn1, 0)
	value := kid(lastKid(lastRDN), 1)
	m.add(field+"-rdn-set-as-sequence", m.setTag(rdn1, 0x30))
	m.add(field+"-rdn-empty-set-added", m.after(rdn1, tlv(0x31)))
	m.add(field+"-atv-trailing-null", m.after(kid(atv1, 1), nullDER))
	m.add(field+"-atv-type-unknown", m.lastByte(kid(atv1, 0)))
	m.add(field+"-atv-type-not-oid", m.setTag(kid(atv1, 0), 0x04))
	m.add(field+"-value-empty", m.setContent(value, nil))
	m.add(field+"-atv-missing-value", m.remove(kid(atv1, 1)))
	for _, s := range stringTags {
		if s.tag == value.tag {
			continue
		}
		if !all && s.name != "numeric" && s.name != "visible" && s.name != "bmp" && s.name != "octets" {
			continue
		}
		m.add(field+"-value-"+s.name, m.setTag(value, s.tag))
	}
}

// timeYearLen is the number of year digits of a UTCTime (2) or
// GeneralizedTime (4); the two-digit fields month to second follow.
func timeYearLen(tag byte) int {
	if tag == 0x18 {
		return 4
	}
	return 2
}

func (m *mutator) validity() {
	t := m.t
	v := t.find("tbs.validity")
	nb, na := t.find("tbs.validity.notBefore"), t.find("tbs.validity.notAfter")
	if v == nil || nb == nil || na == nil {
		return
	}
	for _, d := range []struct {
		prefix string
		n      *node
		full   bool
	}{{"notbefore", nb, true}, {"notafter", na, false}} {
		n := d.n
		c := string(t.content(n))
		y := timeYearLen(n.tag)
		if len(c) != y+11 || c[len(c)-1] != 'Z' {
			continue // only the usual forms are edited
		}
		set := func(pos int, s string) string { return c[:pos] + s + c[pos+len(s):] }
		year := c[:y]
		rest := c[y:]
		full4 := year
		if y == 2 {
			full4 = "20" + year
			if year >= "50" {
				full4 = "19" + year
			}
		}
		// Fields: month y, day y+2, hour y+4, minute y+6, second y+8.
		edits := []struct {
			name string
			s    string
		}{
			{"month-13", set(y, "13")},
			{"month-00", set(y, "00")},
			{"day-00", set(y+2, "00")},
			{"day-32", set(y+2, "32")},
			{"hour-24", set(y+4, "24")},
			{"minute-60", set(y+6, "60")},
			{"second-60", set(y+8, "60")},
			{"no-z", c[:len(c)-1]},
			{"z-to-x", c[:len(c)-1] + "X"},
			{"lowercase-z", c[:len(c)-1] + "z"},
			{"letter-in-digits", set(y+2, "A")},
		}
		if d.full {
			edits = append(edits, []struct {
				name string
				s    string
			}{
				{"feb-30", set(y, "0230")},
				{"apr-31", set(y, "0431")},
				{"feb-29-2023", leap(y, "2023", set(y, "0229"))},
				{"feb-29-2024", leap(y, "2024", set(y, "0229"))},
				{"no-seconds", c[:y+8] + "Z"},
				{"offset-plus-0100", c[:len(c)-1] + "+0100"},
				{"space-before", " " + c[1:]},
				{"fraction", c[:len(c)-1] + ".5Z"},
			}...)
		}
		for _, e := range edits {
			m.add(d.prefix+"-"+e.name, m.setContent(n, []byte(e.s)))
		}
		other := byte(0x18)
		var converted string
		if n.tag == 0x18 {
			other = 0x17
			if year >= "1950" && year <= "2049" {
				converted = year[2:] + rest
			}
		} else {
			converted = full4 + rest
		}
		if converted != "" {
			m.add(d.prefix+"-as-"+tagName(other), m.t.replace(n, tlv(other, []byte(converted))))
		}
		m.add(d.prefix+"-tag-"+tagName(other)+"-content-unchanged", m.setTag(n, other))
		m.add(d.prefix+"-tag-octet-string", m.setTag(n, 0x04))
		if d.full {
			m.add(d.prefix+"-tag-printable", m.setTag(n, 0x13))
			m.add(d.prefix+"-gentime-1900-feb-29", m.t.replace(n, tlv(0x18, []byte("19000229000000Z"))))
			m.add(d.prefix+"-gentime-2000-feb-29", m.t.replace(n, tlv(0x18, []byte("20000229000000Z"))))
			m.add(d.prefix+"-utctime-year-00-feb-29", m.t.replace(n, tlv(0x17, []byte("000229000000Z"))))
		} else {
			m.add(d.prefix+"-utctime-year-49", m.t.replace(n, tlv(0x17, []byte("491231235959Z"))))
			m.add(d.prefix+"-utctime-year-50", m.t.replace(n, tlv(0x17, []byte("500101000000Z"))))
			m.add(d.prefix+"-gentime-9999", m.t.replace(n, tlv(0x18, []byte("99991231235959Z"))))
		}
	}
	m.add("validity-swapped", t.edit(map[*node][]byte{nb: t.bytesOf(na), na: t.bytesOf(nb)}))
	m.add("validity-third-time", m.after(na, t.bytesOf(na)))
	m.add("validity-notafter-missing", m.remove(na))
	m.add("validity-empty", m.setContent(v, nil))
	m.add("validity-tag-set", m.setTag(v, 0x31))
}

// leap rewrites the year of a time content to y4 (or its last two digits).
func leap(yearLen int, y4, c string) string {
	return y4[4-yearLen:] + c[yearLen:]
}

func (m *mutator) spki() {
	t := m.t
	spki := t.find("tbs.spki")
	alg, key := t.find("tbs.spki.alg"), t.find("tbs.spki.key")
	if spki == nil || alg == nil || key == nil {
		return
	}
	algOID, params := kid(alg, 0), kid(alg, 1)
	kc := t.content(key)
	m.add("spki-alg-oid-unknown", m.lastByte(algOID))
	m.add("spki-key-unused-bits-1", m.setContent(key, append([]byte{1}, kc[1:]...)))
	m.add("spki-key-empty", m.setContent(key, nil))
	m.add("spki-key-only-unused-bits-byte", m.setContent(key, []byte{0}))
	m.add("spki-trailing-null", m.after(key, nullDER))
	m.add("spki-key-tag-octet-string", m.setTag(key, 0x04))
	m.add("spki-tag-set", m.setTag(spki, 0x31))
	if params != nil {
		m.add("spki-alg-params-octet-string", t.replace(params, octetsDER))
	} else {
		m.add("spki-alg-params-octet-string", m.after(algOID, octetsDER))
	}
	oid := t.bytesOf(algOID)
	switch {
	case bytes.Equal(oid, rsaEncOID):
		m.rsaKey(alg, algOID, params, key)
	case bytes.Equal(oid, ecPubOID):
		m.ecKey(params, key)
	case bytes.Equal(oid, ed25519OID):
		m.add("ed25519-oid-x25519", t.replace(algOID, oidDER(1, 3, 101, 110)))
		m.add("ed25519-oid-ed448", t.replace(algOID, oidDER(1, 3, 101, 113)))
		m.add("ed25519-oid-ecpublickey-p256", t.replace(alg, tlv(0x30, ecPubOID, oidDER(1, 2, 840, 10045, 3, 1, 7))))
	}
}

func (m *mutator) rsaKey(alg, algOID, params, key *node) {
	t := m.t
	if params != nil {
		m.add("rsa-params-absent", m.remove(params))
		m.add("rsa-params-null-with-content", t.replace(params, []byte{0x05, 0x01, 0x00}))
	}
	m.add("rsa-oid-rsassa-pss", t.replace(algOID, rsaPSSOID))
	m.add("rsa-oid-rsaes-oaep", t.replace(algOID, oidDER(1, 2, 840, 113549, 1, 1, 7)))
	rk := t.find("tbs.spki.key.rsakey")
	n, e := t.find("tbs.spki.key.rsakey.n"), t.find("tbs.spki.key.rsakey.e")
	if rk == nil || n == nil || e == nil {
		return
	}
	nc, ec := t.content(n), t.content(e)
	even := func(c []byte) []byte { c = bytes.Clone(c); c[len(c)-1] &^= 1; return c }
	m.add("rsa-e-even", m.setContent(e, even(ec)))
	m.add("rsa-e-1", m.setContent(e, []byte{1}))
	m.add("rsa-e-3", m.setContent(e, []byte{3}))
	m.add("rsa-e-leading-zero", m.setContent(e, append([]byte{0}, ec...)))
	m.add("rsa-e-negative", m.setContent(e, []byte{0x81}))
	m.add("rsa-e-empty", m.setContent(e, nil))
	m.add("rsa-e-equals-n", m.setContent(e, nc))
	m.add("rsa-n-even", m.setContent(n, even(nc)))
	m.add("rsa-n-zero", m.setContent(n, []byte{0}))
	m.add("rsa-n-leading-zeros", m.setContent(n, append([]byte{0, 0}, nc...)))
	if nc[0] == 0 {
		m.add("rsa-n-negative", m.setContent(n, nc[1:]))
	}
	// A modulus one byte longer than the original: for the RSA-8192 root this
	// crosses the default MBEDTLS_MPI_MAX_SIZE of 1024 bytes.
	m.add("rsa-n-one-byte-longer", m.setContent(n, append([]byte{0x01}, nc...)))
	// mbedtls_rsa_check_pubkey wants at least 128 bits.
	for _, bits := range []uint{64, 127, 128} {
		v := new(big.Int).Lsh(big.NewInt(1), bits-1)
		v.Add(v, big.NewInt(0x1F)) // odd, and prime-free structure does not matter here
		m.add("rsa-n-"+itoa(int(bits))+"-bits", t.replace(n, intDER(v)))
	}
	m.add("rsa-key-extra-integer", m.after(e, []byte{0x02, 0x01, 0x00}))
	m.add("rsa-key-missing-e", m.remove(e))
	m.add("rsa-key-set", m.setTag(rk, 0x31))
	m.add("rsa-key-trailing-byte-in-bit-string", m.setContent(key, append(bytes.Clone(t.content(key)), 0)))
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for ; v > 0; v /= 10 {
		b = append([]byte{byte('0' + v%10)}, b...)
	}
	return string(b)
}

func (m *mutator) ecKey(params, key *node) {
	t := m.t
	if params == nil {
		return
	}
	kc := t.content(key)
	if len(kc) < 3 || kc[0] != 0 || kc[1] != 4 {
		return
	}
	point := kc[1:]
	size := (len(point) - 1) / 2
	setPoint := func(p []byte) []byte { return m.setContent(key, append([]byte{0}, p...)) }
	for _, prefix := range []byte{0x00, 0x02, 0x03, 0x05, 0x06} {
		p := bytes.Clone(point)
		p[0] = prefix
		m.add("ec-point-prefix-"+hex2(prefix), setPoint(p))
	}
	offCurve := bytes.Clone(point)
	offCurve[size] ^= 1 // the last byte of X
	m.add("ec-point-off-curve", setPoint(offCurve))
	m.add("ec-point-infinity", setPoint([]byte{0}))
	m.add("ec-point-short", setPoint(point[:len(point)-1]))
	m.add("ec-point-long", setPoint(append(bytes.Clone(point), 0)))
	m.add("ec-point-x-only", setPoint(point[:1+size]))
	compressed := append([]byte{2 | point[len(point)-1]&1}, point[1:1+size]...)
	m.add("ec-point-compressed", setPoint(compressed))
	m.add("ec-curve-oid-unknown", m.lastByte(params))
	m.add("ec-params-absent", m.remove(params))
	m.add("ec-params-null", t.replace(params, nullDER))
	cur := curveOIDs[hexString(t.content(params))]
	swap := oidDER(1, 3, 132, 0, 34) // P-384
	if cur == "p384" {
		swap = oidDER(1, 2, 840, 10045, 3, 1, 7)
	}
	m.add("ec-curve-swapped", t.replace(params, swap))
	for _, c := range otherCurves {
		m.add("ec-curve-"+c.name, t.replace(params, c.oid))
	}
	if explicit := specifiedCurve(cur); explicit != nil {
		m.add("ec-params-specified", t.replace(params, explicit))
	}
}

func hex2(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func hexString(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		s.WriteString(hex2(c))
	}
	return s.String()
}

// specifiedCurve is the explicit ECParameters (RFC 3279 §2.3.5) of a NIST
// curve, which mbedTLS accepts only with MBEDTLS_PK_PARSE_EC_EXTENDED.
func specifiedCurve(name string) []byte {
	var c elliptic.Curve
	switch name {
	case "p256":
		c = elliptic.P256()
	case "p384":
		c = elliptic.P384()
	case "p521":
		c = elliptic.P521()
	default:
		return nil
	}
	p := c.Params()
	size := (p.BitSize + 7) / 8
	fe := func(v *big.Int) []byte { return v.FillBytes(make([]byte, size)) }
	a := new(big.Int).Sub(p.P, big.NewInt(3))
	base := append(append([]byte{4}, fe(p.Gx)...), fe(p.Gy)...)
	return tlv(0x30,
		[]byte{0x02, 0x01, 0x01},
		tlv(0x30, oidDER(1, 2, 840, 10045, 1, 1), intDER(p.P)),
		tlv(0x30, tlv(0x04, fe(a)), tlv(0x04, fe(p.B))),
		tlv(0x04, base),
		intDER(p.N),
		[]byte{0x02, 0x01, 0x01},
	)
}

func (m *mutator) uniqueIDs() {
	t := m.t
	v := t.find("tbs.version")
	if v == nil {
		return
	}
	uid := []byte{0x03, 0x03, 0x00, 0xAB, 0xCD}
	prim := func(tag byte) []byte { return append([]byte{tag}, uid[1:]...) }
	// The IDs go after the subjectPublicKeyInfo, before any extensions.
	spki := t.find("tbs.spki")
	if spki == nil {
		return
	}
	for _, u := range []struct {
		name string
		b    [][]byte
	}{
		{"uid-add-issuer-81", [][]byte{prim(0x81)}},
		{"uid-add-issuer-a1", [][]byte{tlv(0xA1, uid)}},
		{"uid-add-subject-82", [][]byte{prim(0x82)}},
		{"uid-add-subject-a2", [][]byte{tlv(0xA2, uid)}},
		{"uid-add-both-a1-a2", [][]byte{tlv(0xA1, uid), tlv(0xA2, uid)}},
		{"uid-add-both-81-82", [][]byte{prim(0x81), prim(0x82)}},
		{"uid-add-a2-before-a1", [][]byte{tlv(0xA2, uid), tlv(0xA1, uid)}},
	} {
		m.add(u.name, m.after(spki, u.b...))
	}
}

func (m *mutator) extensions() {
	t := m.t
	ext, list := t.find("tbs.ext"), t.find("tbs.ext.list")
	if ext == nil || list == nil {
		return
	}
	m.add("ext-wrapper-a2", m.setTag(ext, 0xA2))
	m.add("ext-wrapper-a1", m.setTag(ext, 0xA1))
	m.add("ext-wrapper-a4", m.setTag(ext, 0xA4))
	m.add("ext-wrapper-empty", m.setContent(ext, nil))
	m.add("ext-list-empty", m.setContent(list, nil))
	m.add("ext-removed", m.remove(ext))
	m.add("ext-wrapper-trailing-null", m.after(list, nullDER))
	m.add("ext-list-set", m.setTag(list, 0x31))
	m.add("ext-then-trailing-null", m.after(ext, nullDER))
	for _, e := range list.kids {
		p := e.path[strings.LastIndexByte(e.path, '.')+1:]
		oid := kid(e, 0)
		crit := kid(e, 1)
		value := lastKid(e)
		if oid == nil || value == nil || value.tag != 0x04 {
			continue
		}
		if crit != nil && crit.tag == 0x01 {
			m.add("ext-"+p+"-not-critical", m.remove(crit))
			m.add("ext-"+p+"-critical-length-2", t.replace(crit, []byte{0x01, 0x02, 0x00, 0xFF}))
			m.add("ext-"+p+"-critical-integer", t.replace(crit, []byte{0x02, 0x01, 0x01}))
		} else {
			m.add("ext-"+p+"-critical", m.after(oid, critTrue))
			m.add("ext-"+p+"-critical-false-explicit", m.after(oid, critFalse))
			m.add("ext-"+p+"-critical-length-2", m.after(oid, []byte{0x01, 0x02, 0x00, 0xFF}))
		}
		m.add("ext-"+p+"-oid-unknown", m.lastByte(oid))
		m.add("ext-"+p+"-duplicated", m.after(lastKid(list), t.bytesOf(e)))
		m.add("ext-"+p+"-value-empty", m.setContent(value, nil))
		m.add("ext-"+p+"-value-trailing-null", m.setContent(value, append(bytes.Clone(t.content(value)), nullDER...)))
		m.add("ext-"+p+"-value-not-octet-string", m.setTag(value, 0x03))
		m.specificExtension(p, e, crit, value)
	}
}

// specificExtension edits the contents of the extensions mbedTLS parses.
func (m *mutator) specificExtension(p string, e, crit, value *node) {
	t := m.t
	inner := kid(value, 0)
	if inner == nil {
		return
	}
	setValue := func(name string, v []byte) { m.add("ext-"+name, t.replace(inner, v)) }
	critical := func(name string, v []byte) {
		if crit != nil {
			m.add("ext-"+name, t.edit(map[*node][]byte{inner: v, crit: critTrue}))
		} else {
			m.add("ext-"+name, t.edit(map[*node][]byte{inner: v, kid(e, 0): append(bytes.Clone(t.bytesOf(kid(e, 0))), critTrue...)}))
		}
	}
	switch p {
	case "bc":
		setValue("bc-empty", tlv(0x30))
		setValue("bc-ca-true", tlv(0x30, critTrue))
		setValue("bc-ca-false-explicit", tlv(0x30, critFalse))
		setValue("bc-ca-as-integer", tlv(0x30, []byte{0x02, 0x01, 0x01}))
		setValue("bc-ca-pathlen-0", tlv(0x30, critTrue, []byte{0x02, 0x01, 0x00}))
		setValue("bc-ca-pathlen-intmax", tlv(0x30, critTrue, []byte{0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF}))
		setValue("bc-ca-pathlen-intmax-minus-1", tlv(0x30, critTrue, []byte{0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFE}))
		setValue("bc-ca-pathlen-negative", tlv(0x30, critTrue, []byte{0x02, 0x01, 0xFF}))
		setValue("bc-ca-pathlen-5-bytes", tlv(0x30, critTrue, []byte{0x02, 0x05, 0x01, 0, 0, 0, 0}))
		setValue("bc-pathlen-without-ca", tlv(0x30, []byte{0x02, 0x01, 0x00}))
		setValue("bc-ca-true-trailing-null", tlv(0x30, critTrue, nullDER))
		setValue("bc-not-sequence", critTrue)
	case "ku", "nsct":
		setValue(p+"-empty-bit-string", []byte{0x03, 0x00})
		setValue(p+"-only-unused-bits-byte", []byte{0x03, 0x01, 0x00})
		setValue(p+"-unused-bits-7", []byte{0x03, 0x02, 0x07, 0x80})
		setValue(p+"-unused-bits-8", []byte{0x03, 0x02, 0x08, 0x80})
		setValue(p+"-two-bytes", []byte{0x03, 0x03, 0x07, 0x86, 0x80})
		setValue(p+"-three-bytes", []byte{0x03, 0x04, 0x00, 0x86, 0x80, 0x00})
		setValue(p+"-not-bit-string", []byte{0x04, 0x01, 0x86})
	case "eku":
		setValue("eku-empty", tlv(0x30))
		setValue("eku-any", tlv(0x30, oidDER(2, 5, 29, 37, 0)))
		setValue("eku-unknown-purpose", tlv(0x30, oidDER(1, 3, 6, 1, 4, 1, 32473, 9, 9)))
		setValue("eku-not-oid", tlv(0x30, []byte{0x02, 0x01, 0x01}))
	case "san":
		first := kid(inner, 0)
		if first == nil {
			return
		}
		setValue("san-empty", tlv(0x30))
		m.add("ext-san-first-universal-tag", m.setTag(first, 0x16))
		m.add("ext-san-first-constructed", m.setTag(first, first.tag|0x20))
		m.add("ext-san-first-empty", m.setContent(first, nil))
		for _, a := range []struct {
			name string
			v    []byte
		}{
			{"ip-5-bytes", tlv(0x87, []byte{192, 0, 2, 1, 9})},
			{"ip-empty", tlv(0x87)},
			{"uri-empty", tlv(0x86)},
			{"uri-no-scheme", tlv(0x86, []byte("device.example.com"))},
			{"email-no-at", tlv(0x81, []byte("ops.example.com"))},
			{"dns-empty", tlv(0x82)},
			{"dns-trailing-dot", tlv(0x82, []byte("www.example.com."))},
			{"othername-bad", tlv(0xA0, []byte{0x02, 0x01, 0x00})},
			{"othername-hwmodule-not-sequence", tlv(0xA0, oidDER(1, 3, 6, 1, 5, 5, 7, 8, 4), tlv(0xA0, tlv(0x04, []byte("x"))))},
			{"othername-unknown-type", tlv(0xA0, oidDER(1, 3, 6, 1, 4, 1, 32473, 8, 1), tlv(0xA0, tlv(0x0C, []byte("x"))))},
			{"dirname-empty", tlv(0xA4)},
			{"dirname-not-name", tlv(0xA4, []byte{0x02, 0x01, 0x00})},
			{"x400-address", tlv(0xA3, tlv(0x30))},
			{"registered-id", tlv(0x88, oidDER(1, 3, 6, 1, 4, 1, 32473, 3, 1)[2:])},
		} {
			m.add("ext-san-add-"+a.name, m.after(lastKid(inner), a.v))
		}
	case "cp":
		critical("cp-anypolicy-critical", tlv(0x30, tlv(0x30, oidDER(2, 5, 29, 32, 0))))
		critical("cp-anypolicy-and-specific-critical", tlv(0x30, tlv(0x30, oidDER(2, 5, 29, 32, 0)), tlv(0x30, oidDER(2, 23, 140, 1, 2, 1))))
		critical("cp-empty-critical", tlv(0x30))
		critical("cp-anypolicy-qualifier-critical", tlv(0x30, tlv(0x30, oidDER(2, 5, 29, 32, 0),
			tlv(0x30, tlv(0x30, oidDER(1, 3, 6, 1, 5, 5, 7, 2, 1), tlv(0x16, []byte("http://cps.example.net")))))))
		setValue("cp-empty", tlv(0x30))
		setValue("cp-policy-not-oid", tlv(0x30, tlv(0x30, []byte{0x02, 0x01, 0x01})))
	case "ski":
		setValue("ski-empty", tlv(0x04))
		setValue("ski-not-octet-string", tlv(0x03, []byte{0, 1, 2, 3}))
	case "aki":
		setValue("aki-empty", tlv(0x30))
		setValue("aki-keyid-constructed", tlv(0x30, tlv(0xA0, tlv(0x04, []byte{1, 2, 3, 4}))))
		setValue("aki-serial-only", tlv(0x30, tlv(0x82, []byte{1})))
		setValue("aki-issuer-without-serial", tlv(0x30, tlv(0xA1, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER(2, 5, 4, 3), tlv(0x13, []byte("x")))))))))
		setValue("aki-not-sequence", tlv(0x04, []byte{1, 2, 3, 4}))
	}
}

func (m *mutator) signature() {
	t := m.t
	sig, outer, tbs := t.find("sig"), t.find("sigalg"), t.find("tbs")
	if sig == nil || outer == nil || tbs == nil {
		return
	}
	c := t.content(sig)
	m.add("sig-unused-bits-1", m.setContent(sig, append([]byte{1}, c[1:]...)))
	m.add("sig-empty", m.setContent(sig, nil))
	m.add("sig-only-unused-bits-byte", m.setContent(sig, []byte{0}))
	m.add("sig-value-one-byte-short", m.setContent(sig, c[:len(c)-1]))
	m.add("sig-tag-octet-string", m.setTag(sig, 0x04))
	m.add("sig-missing", m.remove(sig))
	m.add("sig-trailing-null", m.after(sig, nullDER))
	m.add("sigalg-outer-missing", m.remove(outer))
	m.add("tbs-trailing-null", m.after(lastKid(tbs), nullDER))
	m.add("tbs-tag-set", m.setTag(tbs, 0x31))
}

// compactMutation selects the subset of mutations applied to every base
// certificate: the edits whose outcome depends on the certificate's own key,
// signature algorithm and extensions. The full set runs on fullCerts.
func compactMutation(name string) bool {
	switch name {
	case "version-3", "version-absent", "version-add-2", "serial-negative", "serial-40-bytes",
		"sigalg-tbs-oid-unknown", "sigalg-outer-differs", "sigalg-outer-params-absent", "sigalg-outer-params-null",
		"sigalg-params-octet-string-both", "issuer-empty", "issuer-value-visible", "subject-value-numeric",
		"subject-empty", "notbefore-month-13", "notbefore-feb-29-2023", "notafter-as-gentime", "notafter-as-utctime",
		"spki-alg-oid-unknown", "spki-key-unused-bits-1", "rsa-e-even", "rsa-n-even", "rsa-n-one-byte-longer",
		"rsa-params-absent", "ec-point-prefix-02", "ec-point-off-curve", "ec-curve-oid-unknown",
		"ec-params-specified", "ec-point-compressed", "ext-wrapper-a2", "ext-removed", "uid-add-issuer-81",
		"uid-add-issuer-a1", "sig-unused-bits-1", "sig-trailing-null", "tbs-trailing-null":
		return true
	}
	return strings.HasPrefix(name, "ext-") && (strings.HasSuffix(name, "-critical") || strings.HasSuffix(name, "-not-critical") ||
		strings.HasSuffix(name, "-duplicated"))
}

// addMutations adds the single-field edits of one certificate as DER (mode
// der) and as NUL-terminated PEM (mode crt: the same failure seen through
// the PEM loop).
func (b *builder) addMutations(cert string, t *derTree, full bool) {
	for _, mu := range mutations(t) {
		if !full && !compactMutation(mu.name) {
			continue
		}
		b.add(cert+"/der/mut/"+mu.name, "der", mu.der)
		b.add(cert+"/pem-nul/mut/"+mu.name, "crt", append([]byte(pemLF(mu.der)), 0))
	}
}
