package mbedsim

import "bytes"

// walker follows x509_crt_parse_der_core over one DER buffer. It records
// the first failure (mbedTLS stops at it) and, on the way, the positions of
// the fields a Cert needs, so the parse decision itself allocates nothing.
type walker struct {
	b   *Build
	v   int // index into ruleCite: 0 for 2.28, 1 for 3.6
	d   []byte
	f   facts
	ret int

	// The failure, valid when ret != 0.
	off    int
	rule   rule
	step   string
	reason string
}

// span is a byte range [s, e) of the DER.
type span struct{ s, e int }

func (s span) of(d []byte) []byte {
	if s.e <= s.s {
		return nil
	}
	return d[s.s:s.e]
}

// date is an mbedtls_x509_time.
type date struct{ year, mon, day, hour, min, sec int }

// facts are what a parsed certificate keeps, as positions into the DER.
type facts struct {
	rawEnd              int
	version             int
	serial              span
	sig                 *sigAlg
	pssHash             Hash
	issuer, subject     span // whole Name TLVs
	issuerN, subjectN   int  // attribute count (name nodes)
	notBefore, notAfter date
	keyType             pkType
	rsaN, rsaE          span
	curve               Curve
	extTypes            extType
	isCA                bool
	maxPathLen          int // as mbedTLS stores it: pathLen+1, 0 = none
	keyUsage            uint
	eku, san            span // contents of the SEQUENCE OF
	ekuN, sanN          int
	policiesN           int
	akidIssuerN         int
	skid, akid          span
	ecCheck             int // heap temporaries of the EC point check, if it ran
}

// fail records a failure and returns its code.
func (w *walker) fail(code, off int, r rule, step, reason string) int {
	w.ret, w.off, w.rule, w.step, w.reason = code, off, r, step, reason
	return code
}

func (w *walker) failure() *Failure {
	if w.ret == 0 {
		return nil
	}
	return &Failure{Ret: w.ret, Offset: w.off, Step: w.step, Cite: ruleCite[w.rule][w.v], Reason: w.reason, heap: w.heapFacts()}
}

// asn1Reason turns a low-level ASN.1 code into words.
func asn1Reason(code int, what string) string {
	switch code {
	case errASN1OutOfData:
		return what + ": the data ends, or its length runs past the end of the enclosing element"
	case errASN1UnexpectedTag:
		return what + ": the tag is not the one expected here"
	case errASN1InvalidLength:
		return what + ": the length is invalid (indefinite, more than 4 length octets, or a value out of range)"
	case errASN1LengthMismatch:
		return what + ": the element does not end where its enclosing element ends"
	case errASN1InvalidData:
		return what + ": invalid content (an empty BIT STRING or non-zero unused bits, or parameters where none are allowed)"
	case errOIDNotFound:
		return what + ": the OID is not known to this build"
	}
	return what
}

// parseDER runs x509_crt_parse_der_core (x509_crt.c, both versions) and
// returns 0 or the error code; w.f holds the certificate's fields on
// success.
func (w *walker) parseDER() int {
	d := w.d
	// Check for valid input: the caller passes a non-NULL buffer.
	// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
	// signatureValue }. Any failure of the outer tag or length is reported
	// as a bare INVALID_FORMAT, whatever the ASN.1 reason
	// (library/x509_crt.c:x509_crt_parse_der_core@2.28.3,3.6.6).
	p, l, code := getTag(d, 0, len(d), tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidFormat, 0, rParseDERCore, "certificate",
			asn1Reason(code, "the buffer does not start with a complete DER SEQUENCE"))
	}
	crtEnd := p + l
	w.f.rawEnd = crtEnd

	// TBSCertificate ::= SEQUENCE
	q, l, code := getTag(d, p, crtEnd, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidFormat+code, p, rParseDERCore, "tbsCertificate", asn1Reason(code, "tbsCertificate SEQUENCE"))
	}
	p = q
	end := p + l

	if w.version(&p, end) != 0 || w.serial(&p, end) != 0 {
		return w.ret
	}
	sigStart := p
	np, sig1, code := getAlg(d, p, end)
	if code != 0 {
		return w.fail(errX509InvalidAlg+code, p, rGetAlg, "tbsCertificate.signature", asn1Reason(code, "signature AlgorithmIdentifier"))
	}
	p = np
	// The version is checked only after serial and algorithm were read.
	if w.f.version < 0 || w.f.version > 2 {
		return w.fail(errX509UnknownVersion, 0, rParseDERCore, "tbsCertificate.version",
			"the version is "+itoa(w.f.version)+"; mbedTLS knows only v1, v2 and v3 (0, 1, 2)")
	}
	w.f.version++
	if w.sigAlg(sigStart, &sig1) != 0 {
		return w.ret
	}

	// issuer Name
	w.f.issuer.s = p
	q, l, code = getTag(d, p, end, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidFormat+code, p, rParseDERCore, "tbsCertificate.issuer", asn1Reason(code, "issuer Name SEQUENCE"))
	}
	if q, w.f.issuerN = w.name(q, q+l, "tbsCertificate.issuer"); w.ret != 0 {
		return w.ret
	}
	p = q
	w.f.issuer.e = p

	if w.dates(&p, end) != 0 {
		return w.ret
	}

	// subject Name: may be empty (x509_crt_parse_der_core skips get_name
	// for a zero length).
	w.f.subject.s = p
	q, l, code = getTag(d, p, end, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidFormat+code, p, rParseDERCore, "tbsCertificate.subject", asn1Reason(code, "subject Name SEQUENCE"))
	}
	if l != 0 {
		if q, w.f.subjectN = w.name(q, q+l, "tbsCertificate.subject"); w.ret != 0 {
			return w.ret
		}
	}
	p = q
	w.f.subject.e = p

	if w.subPubKey(&p, end) != 0 {
		return w.ret
	}

	// issuerUniqueID [1], subjectUniqueID [2]: v2 and v3 only.
	if w.f.version == 2 || w.f.version == 3 {
		if w.uid(&p, end, 0xA1, "tbsCertificate.issuerUniqueID") != 0 ||
			w.uid(&p, end, 0xA2, "tbsCertificate.subjectUniqueID") != 0 {
			return w.ret
		}
	}
	// extensions [3]: v3 only, unless 2.28's
	// MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3.
	if w.f.version == 3 || (!w.b.v36() && w.b.AllowExtensionsNonV3) {
		if w.extensions(&p, end) != 0 {
			return w.ret
		}
	}
	if p != end {
		reason := "bytes left at the end of tbsCertificate"
		if w.f.version != 3 && p < len(d) && d[p] == 0xA3 {
			reason = "a v" + itoa(w.f.version) + " certificate carries extensions, which mbedTLS reads only in v3 certificates"
		}
		return w.fail(errX509InvalidFormat+errASN1LengthMismatch, p, rParseDERCore, "tbsCertificate", reason)
	}

	// signatureAlgorithm must repeat tbsCertificate.signature exactly: OID,
	// parameter tag, length and bytes.
	np, sig2, code := getAlg(d, p, crtEnd)
	if code != 0 {
		return w.fail(errX509InvalidAlg+code, p, rGetAlg, "signatureAlgorithm", asn1Reason(code, "signatureAlgorithm AlgorithmIdentifier"))
	}
	if !bytes.Equal(d[sig1.oid:sig1.oid+sig1.oidLen], d[sig2.oid:sig2.oid+sig2.oidLen]) ||
		sig1.ptag != sig2.ptag || sig1.plen != sig2.plen ||
		(sig1.plen != 0 && !bytes.Equal(d[sig1.pp:sig1.pp+sig1.plen], d[sig2.pp:sig2.pp+sig2.plen])) {
		return w.fail(errX509SigMismatch, p, rParseDERCore, "signatureAlgorithm",
			"signatureAlgorithm differs from the copy inside tbsCertificate")
	}
	p = np

	// signatureValue BIT STRING with no unused bits
	// (library/x509.c:mbedtls_x509_get_sig@2.28.3,3.6.6). Its content is not checked.
	if crtEnd-p < 1 {
		return w.fail(errX509InvalidSignature+errASN1OutOfData, p, rGetSig, "signatureValue", "the certificate ends before the signature")
	}
	q, l, code = getBitStringNull(d, p, crtEnd)
	if code != 0 {
		return w.fail(errX509InvalidSignature+code, p, rGetSig, "signatureValue", asn1Reason(code, "signature BIT STRING"))
	}
	p = q + l
	if p != crtEnd {
		return w.fail(errX509InvalidFormat+errASN1LengthMismatch, p, rParseDERCore, "certificate",
			"bytes left inside the certificate SEQUENCE after the signature")
	}
	return 0
}

// version is library/x509_crt.c:x509_get_version@2.28.3,3.6.6: an absent [0] (any other tag)
// means v1.
func (w *walker) version(p *int, end int) int {
	d := w.d
	q, l, code := getTag(d, *p, end, 0xA0)
	if code == errASN1UnexpectedTag {
		w.f.version = 0
		return 0
	}
	if code != 0 {
		return w.fail(errX509InvalidFormat+code, *p, rGetVersion, "tbsCertificate.version", asn1Reason(code, "version [0]"))
	}
	e := q + l
	q2, v, code := getInt(d, q, e)
	if code != 0 {
		return w.fail(errX509InvalidVersion+code, q, rGetVersion, "tbsCertificate.version", asn1Reason(code, "version INTEGER"))
	}
	if q2 != e {
		return w.fail(errX509InvalidVersion+errASN1LengthMismatch, q2, rGetVersion, "tbsCertificate.version", "bytes after the version INTEGER inside [0]")
	}
	w.f.version = v
	*p = e
	return 0
}

// serial is library/x509.c:mbedtls_x509_get_serial@2.28.3,3.6.6: INTEGER or [2] primitive, any
// length and value.
func (w *walker) serial(p *int, end int) int {
	d := w.d
	if end-*p < 1 {
		return w.fail(errX509InvalidSerial+errASN1OutOfData, *p, rGetSerial, "tbsCertificate.serialNumber", "tbsCertificate ends before the serial number")
	}
	if d[*p] != 0x82 && d[*p] != tagInteger {
		return w.fail(errX509InvalidSerial+errASN1UnexpectedTag, *p, rGetSerial, "tbsCertificate.serialNumber", "the serial number is not an INTEGER")
	}
	q, l, code := getLen(d, *p+1, end)
	if code != 0 {
		return w.fail(errX509InvalidSerial+code, *p, rGetSerial, "tbsCertificate.serialNumber", asn1Reason(code, "serial number length"))
	}
	w.f.serial = span{q, q + l}
	*p = q + l
	return 0
}

// sigAlg is library/x509.c:mbedtls_x509_get_sig_alg@2.28.3,3.6.6.
func (w *walker) sigAlg(at int, a *algID) int {
	d := w.d
	s, ok := w.b.lookupSigAlg(d[a.oid : a.oid+a.oidLen])
	if !ok {
		return w.fail(errX509UnknownSigAlg+errOIDNotFound, a.oid, rGetSigAlg, "tbsCertificate.signature",
			"signature algorithm "+sigAlgDescription(d[a.oid:a.oid+a.oidLen])+" is not supported by this build")
	}
	w.f.sig = s
	if s.pk == pkRSASSAPSS && w.b.RSASSAPSS {
		return w.pssParams(a)
	}
	// Non-PSS algorithms (and PSS without MBEDTLS_X509_RSASSA_PSS_SUPPORT):
	// parameters must be absent or NULL.
	if !a.nullOrAbsent() {
		reason := "the signature algorithm's parameters must be absent or NULL"
		if s.pk == pkRSASSAPSS {
			reason = "RSASSA-PSS signatures need MBEDTLS_X509_RSASSA_PSS_SUPPORT; without it their parameters are rejected"
		}
		return w.fail(errX509InvalidAlg, at, rGetSigAlg, "tbsCertificate.signature", reason)
	}
	return 0
}

func sigAlgDescription(oid []byte) string {
	for i := range sigAlgs {
		if bytes.Equal(sigAlgs[i].oid, oid) {
			return sigAlgs[i].name
		}
	}
	switch dottedOID(oid) {
	case "1.3.101.112":
		return "Ed25519"
	case "1.3.101.113":
		return "Ed448"
	}
	return dottedOID(oid)
}

// pssParams is library/x509.c:mbedtls_x509_get_rsassa_pss_params@2.28.3,3.6.6: explicit [0]
// hash, [1] MGF1 with its hash, [2] salt length, [3] trailer field (must be
// 1), each optional and in order.
func (w *walker) pssParams(a *algID) int {
	d := w.d
	const step = "tbsCertificate.signature.parameters"
	if a.ptag != tagSequence {
		return w.fail(errX509InvalidAlg+errASN1UnexpectedTag, a.pp, rPSSParams, step, "RSASSA-PSS parameters are not a SEQUENCE")
	}
	p, end := a.pp, a.pp+a.plen
	w.f.pssHash = SHA1
	if p == end {
		return 0
	}
	// hashAlgorithm [0]
	q, l, code := getTag(d, p, end, 0xA0)
	if code == 0 {
		e2 := q + l
		q2, h, code := getAlg(d, q, e2)
		if code == 0 && !h.nullOrAbsent() {
			code = errASN1InvalidData // library/asn1parse.c:mbedtls_asn1_get_alg_null@2.28.3,3.6.6
		}
		if code != 0 {
			return w.fail(errX509InvalidAlg+code, q, rPSSParams, step+".hashAlgorithm", asn1Reason(code, "RSASSA-PSS hash AlgorithmIdentifier"))
		}
		md, ok := w.b.lookupMD(d[h.oid : h.oid+h.oidLen])
		if !ok {
			return w.fail(errX509InvalidAlg+errOIDNotFound, h.oid, rPSSParams, step+".hashAlgorithm", "the RSASSA-PSS hash is unknown to this build")
		}
		w.f.pssHash = md
		if q2 != e2 {
			return w.fail(errX509InvalidAlg+errASN1LengthMismatch, q2, rPSSParams, step+".hashAlgorithm", "bytes after the hash AlgorithmIdentifier inside [0]")
		}
		p = e2
	} else if code != errASN1UnexpectedTag {
		return w.fail(errX509InvalidAlg+code, p, rPSSParams, step+".hashAlgorithm", asn1Reason(code, "RSASSA-PSS [0]"))
	}
	if p == end {
		return 0
	}
	// maskGenAlgorithm [1]: only MGF1, whose parameter is a hash
	// AlgorithmIdentifier (library/x509.c:x509_get_hash_alg@2.28.3,3.6.6).
	q, l, code = getTag(d, p, end, 0xA1)
	if code == 0 {
		e2 := q + l
		q2, m, code := getAlg(d, q, e2)
		if code != 0 {
			return w.fail(errX509InvalidAlg+code, q, rPSSParams, step+".maskGenAlgorithm", asn1Reason(code, "RSASSA-PSS MGF AlgorithmIdentifier"))
		}
		if !bytes.Equal(d[m.oid:m.oid+m.oidLen], oidMGF1) {
			return w.fail(errX509FeatureUnavailable+errOIDNotFound, m.oid, rPSSParams, step+".maskGenAlgorithm", "the mask generation function is not MGF1")
		}
		if w.hashAlg(&m, step+".maskGenAlgorithm.parameters") != 0 {
			return w.ret
		}
		if q2 != e2 {
			return w.fail(errX509InvalidAlg+errASN1LengthMismatch, q2, rPSSParams, step+".maskGenAlgorithm", "bytes after the MGF AlgorithmIdentifier inside [1]")
		}
		p = e2
	} else if code != errASN1UnexpectedTag {
		return w.fail(errX509InvalidAlg+code, p, rPSSParams, step+".maskGenAlgorithm", asn1Reason(code, "RSASSA-PSS [1]"))
	}
	if p == end {
		return 0
	}
	// saltLength [2]
	q, l, code = getTag(d, p, end, 0xA2)
	if code == 0 {
		e2 := q + l
		q2, _, code := getInt(d, q, e2)
		if code != 0 {
			return w.fail(errX509InvalidAlg+code, q, rPSSParams, step+".saltLength", asn1Reason(code, "RSASSA-PSS salt length"))
		}
		if q2 != e2 {
			return w.fail(errX509InvalidAlg+errASN1LengthMismatch, q2, rPSSParams, step+".saltLength", "bytes after the salt length inside [2]")
		}
		p = e2
	} else if code != errASN1UnexpectedTag {
		return w.fail(errX509InvalidAlg+code, p, rPSSParams, step+".saltLength", asn1Reason(code, "RSASSA-PSS [2]"))
	}
	if p == end {
		return 0
	}
	// trailerField [3]: RFC 4055 allows only 1.
	q, l, code = getTag(d, p, end, 0xA3)
	if code == 0 {
		e2 := q + l
		q2, v, code := getInt(d, q, e2)
		if code != 0 {
			return w.fail(errX509InvalidAlg+code, q, rPSSParams, step+".trailerField", asn1Reason(code, "RSASSA-PSS trailer field"))
		}
		if q2 != e2 {
			return w.fail(errX509InvalidAlg+errASN1LengthMismatch, q2, rPSSParams, step+".trailerField", "bytes after the trailer field inside [3]")
		}
		if v != 1 {
			return w.fail(errX509InvalidAlg, q, rPSSParams, step+".trailerField", "the RSASSA-PSS trailer field is not 1")
		}
		p = e2
	} else if code != errASN1UnexpectedTag {
		return w.fail(errX509InvalidAlg+code, p, rPSSParams, step+".trailerField", asn1Reason(code, "RSASSA-PSS [3]"))
	}
	if p != end {
		return w.fail(errX509InvalidAlg+errASN1LengthMismatch, p, rPSSParams, step, "unexpected data in the RSASSA-PSS parameters")
	}
	return 0
}

// hashAlg is library/x509.c:x509_get_hash_alg@2.28.3,3.6.6: the MGF1 parameter, a SEQUENCE { OID
// [, NULL] }.
func (w *walker) hashAlg(m *algID, step string) int {
	d := w.d
	if m.ptag != tagSequence {
		return w.fail(errX509InvalidAlg+errASN1UnexpectedTag, m.pp, rHashAlg, step, "the MGF1 hash is not an AlgorithmIdentifier SEQUENCE")
	}
	p, end := m.pp, m.pp+m.plen
	if p >= end {
		return w.fail(errX509InvalidAlg+errASN1OutOfData, p, rHashAlg, step, "the MGF1 hash AlgorithmIdentifier is empty")
	}
	q, l, code := getTag(d, p, end, tagOID)
	if code != 0 {
		return w.fail(errX509InvalidAlg+code, p, rHashAlg, step, asn1Reason(code, "MGF1 hash OID"))
	}
	if _, ok := w.b.lookupMD(d[q : q+l]); !ok {
		return w.fail(errX509InvalidAlg+errOIDNotFound, q, rHashAlg, step, "the MGF1 hash is unknown to this build")
	}
	p = q + l
	if p == end {
		return 0
	}
	q, l, code = getTag(d, p, end, tagNull)
	if code != 0 || l != 0 {
		// A NULL with content returns the bare code: ret is 0 there.
		return w.fail(errX509InvalidAlg+code, p, rHashAlg, step, "the MGF1 hash parameters are not NULL")
	}
	if q != end {
		return w.fail(errX509InvalidAlg+errASN1LengthMismatch, q, rHashAlg, step, "bytes after the MGF1 hash parameters")
	}
	return 0
}

// name is library/x509.c:mbedtls_x509_get_name@2.28.3,3.6.6 over the contents of a Name
// SEQUENCE: one or more SET OF AttributeTypeAndValue. It returns the end
// position and the number of attributes (mbedtls_x509_name nodes).
func (w *walker) name(p, end int, step string) (int, int) {
	d := w.d
	n := 0
	for {
		q, l, code := getTag(d, p, end, tagSet)
		if code != 0 {
			w.fail(errX509InvalidName+code, p, rGetName, step, asn1Reason(code, "RelativeDistinguishedName SET"))
			return p, n
		}
		p = q
		endSet := p + l
		for {
			// x509_get_attr_type_value
			q, l, code := getTag(d, p, endSet, tagSequence)
			if code != 0 {
				w.fail(errX509InvalidName+code, p, rAttrTypeValue, step, asn1Reason(code, "AttributeTypeAndValue SEQUENCE"))
				return p, n
			}
			e := q + l
			if e-q < 1 {
				w.fail(errX509InvalidName+errASN1OutOfData, q, rAttrTypeValue, step, "an empty AttributeTypeAndValue")
				return p, n
			}
			q, l, code = getTag(d, q, e, tagOID)
			if code != 0 {
				w.fail(errX509InvalidName+code, q, rAttrTypeValue, step, asn1Reason(code, "attribute type OID"))
				return p, n
			}
			q += l
			if e-q < 1 {
				w.fail(errX509InvalidName+errASN1OutOfData, q, rAttrTypeValue, step, "an attribute without a value")
				return p, n
			}
			switch d[q] {
			case tagBMP, tagUTF8, tagT61, tagPrintable, tagIA5, tagUniversal, tagBitString:
			default:
				w.fail(errX509InvalidName+errASN1UnexpectedTag, q, rAttrTypeValue, step,
					"attribute value of type "+tagName(d[q])+"; mbedTLS accepts only UTF8String, PrintableString, IA5String, T61String, BMPString, UniversalString and BIT STRING")
				return p, n
			}
			q, l, code = getLen(d, q+1, e)
			if code != 0 {
				w.fail(errX509InvalidName+code, q, rAttrTypeValue, step, asn1Reason(code, "attribute value"))
				return p, n
			}
			q += l
			if q != e {
				w.fail(errX509InvalidName+errASN1LengthMismatch, q, rAttrTypeValue, step, "bytes after the attribute value")
				return p, n
			}
			n++
			p = q
			if p == endSet {
				break
			}
		}
		if p == end {
			return p, n
		}
	}
}

func tagName(t byte) string {
	switch t {
	case 0x12:
		return "NumericString"
	case 0x1A:
		return "VisibleString"
	case 0x15:
		return "VideotexString"
	case 0x19:
		return "GraphicString"
	case 0x1B:
		return "GeneralString"
	}
	return "tag 0x" + hexByte(t)
}

func hexByte(b byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[b>>4], digits[b&15]})
}

// dates is library/x509_crt.c:x509_get_dates@2.28.3,3.6.6.
func (w *walker) dates(p *int, end int) int {
	d := w.d
	q, l, code := getTag(d, *p, end, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidDate+code, *p, rGetDates, "tbsCertificate.validity", asn1Reason(code, "Validity SEQUENCE"))
	}
	e := q + l
	if q, w.f.notBefore = w.time(q, e, "tbsCertificate.validity.notBefore"); w.ret != 0 {
		return w.ret
	}
	if q, w.f.notAfter = w.time(q, e, "tbsCertificate.validity.notAfter"); w.ret != 0 {
		return w.ret
	}
	if q != e {
		return w.fail(errX509InvalidDate+errASN1LengthMismatch, q, rGetDates, "tbsCertificate.validity", "bytes after notAfter inside Validity")
	}
	*p = e
	return 0
}

// time is library/x509.c:mbedtls_x509_get_time@2.28.3,3.6.6: UTCTime or GeneralizedTime whose
// content must be exactly YYMMDDhhmmss or YYYYMMDDhhmmss with an optional
// trailing Z, all digits, and a real date. Any content problem is a bare
// INVALID_DATE (2.28: x509_parse_time; 3.6: the length check in get_time,
// then x509_parse2_int and x509_date_is_valid; the accepted set is the same).
func (w *walker) time(p, end int, step string) (int, date) {
	d := w.d
	var t date
	if end-p < 1 {
		w.fail(errX509InvalidDate+errASN1OutOfData, p, rGetTime, step, "Validity ends before this date")
		return p, t
	}
	yl := 0
	switch d[p] {
	case tagUTCTime:
		yl = 2
	case tagGenTime:
		yl = 4
	default:
		w.fail(errX509InvalidDate+errASN1UnexpectedTag, p, rGetTime, step, "the date is neither UTCTime nor GeneralizedTime")
		return p, t
	}
	q, l, code := getLen(d, p+1, end)
	if code != 0 {
		w.fail(errX509InvalidDate+code, p, rGetTime, step, asn1Reason(code, "date length"))
		return p, t
	}
	c := d[q : q+l]
	if l != yl+10 && !(l == yl+11 && c[l-1] == 'Z') {
		w.fail(errX509InvalidDate, q, rParseTime, step,
			"the date must be "+map[bool]string{true: "YYMMDDhhmmss", false: "YYYYMMDDhhmmss"}[yl == 2]+" with an optional Z (seconds required, no fractions or offsets)")
		return p, t
	}
	for i := 0; i < yl+10; i++ {
		if c[i] < '0' || c[i] > '9' {
			w.fail(errX509InvalidDate, q+i, rParseTime, step, "a non-digit in the date")
			return p, t
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, ch := range c[i : i+n] {
			v = v*10 + int(ch-'0')
		}
		return v
	}
	t.year = num(0, yl)
	if yl == 2 {
		if t.year < 50 {
			t.year += 2000
		} else {
			t.year += 1900
		}
	}
	t.mon, t.day, t.hour, t.min, t.sec = num(yl, 2), num(yl+2, 2), num(yl+4, 2), num(yl+6, 2), num(yl+8, 2)
	if !validDate(t) {
		w.fail(errX509InvalidDate, q, rDateValid, step, "not a real date or time (month, day, hour, minute or second out of range)")
		return p, t
	}
	return q + l, t
}

// validDate is library/x509.c:x509_date_is_valid@2.28.3,3.6.6.
func validDate(t date) bool {
	if t.year < 0 || t.year > 9999 || t.hour > 23 || t.min > 59 || t.sec > 59 {
		return false
	}
	var days int
	switch t.mon {
	case 1, 3, 5, 7, 8, 10, 12:
		days = 31
	case 4, 6, 9, 11:
		days = 30
	case 2:
		if (t.year%4 == 0 && t.year%100 != 0) || t.year%400 == 0 {
			days = 29
		} else {
			days = 28
		}
	default:
		return false
	}
	return t.day >= 1 && t.day <= days
}

// uid is library/x509_crt.c:x509_get_uid@2.28.3,3.6.6. mbedTLS looks for the constructed tags
// 0xA1/0xA2, although RFC 5280 encodes the unique IDs as IMPLICIT BIT
// STRING (0x81/0x82): a real issuerUniqueID is then taken for the
// extensions and fails there.
func (w *walker) uid(p *int, end int, tag byte, step string) int {
	if *p == end {
		return 0
	}
	q, l, code := getTag(w.d, *p, end, tag)
	if code == errASN1UnexpectedTag {
		return 0
	}
	if code != 0 {
		return w.fail(errX509InvalidFormat+code, *p, rGetUID, step, asn1Reason(code, "unique identifier"))
	}
	*p = q + l
	return 0
}

func itoa(v int) string {
	if v < 0 {
		return "-" + itoa(-v)
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return string(b[i:])
}
