package mbedsim

import (
	"bytes"
	"strings"
)

const stepExt = "tbsCertificate.extensions"

// extensions is library/x509_crt.c:x509_get_crt_ext@2.28.3,3.6.6: [3] EXPLICIT SEQUENCE OF
// Extension, each SEQUENCE { OID, BOOLEAN critical OPTIONAL, OCTET STRING }.
func (w *walker) extensions(p *int, end int) int {
	d := w.d
	if *p == end {
		return 0
	}
	// mbedtls_x509_get_ext: the [3] wrapper and the SEQUENCE must agree.
	q, l, code := getTag(d, *p, end, 0xA3)
	if code != 0 {
		reason := asn1Reason(code, "extensions [3]")
		if code == errASN1UnexpectedTag {
			reason = "tag 0x" + hexByte(d[*p]) + " where the extensions [3] (or nothing) must follow"
			if d[*p] == 0x81 || d[*p] == 0x82 {
				reason += "; an RFC 5280 unique identifier (IMPLICIT BIT STRING) is not recognised by mbedTLS, which expects 0xA1/0xA2"
			}
		}
		return w.fail(errX509InvalidExtensions+code, *p, rGetExt, stepExt, reason)
	}
	extEnd := q + l
	q2, l2, code := getTag(d, q, extEnd, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidExtensions+code, q, rGetExt, stepExt, asn1Reason(code, "Extensions SEQUENCE"))
	}
	if q2+l2 != extEnd {
		return w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q2+l2, rGetExt, stepExt, "the Extensions SEQUENCE does not fill [3]")
	}
	p2 := q2
	for p2 < extEnd {
		extStart := p2
		q, l, code := getTag(d, p2, extEnd, tagSequence)
		if code != 0 {
			return w.fail(errX509InvalidExtensions+code, p2, rGetCrtExt, stepExt, asn1Reason(code, "Extension SEQUENCE"))
		}
		endData := q + l
		q, l, code = getTag(d, q, endData, tagOID)
		if code != 0 {
			return w.fail(errX509InvalidExtensions+code, q, rGetCrtExt, stepExt, asn1Reason(code, "extnID OID"))
		}
		oid := d[q : q+l]
		q += l
		critical := false
		if q2, v, code := getBool(d, q, endData); code == 0 {
			critical, q = v, q2
		} else if code != errASN1UnexpectedTag {
			return w.fail(errX509InvalidExtensions+code, q, rGetCrtExt, stepExt, asn1Reason(code, "critical BOOLEAN"))
		}
		q, l, code = getTag(d, q, endData, tagOctetString)
		if code != 0 {
			return w.fail(errX509InvalidExtensions+code, q, rGetCrtExt, stepExt, asn1Reason(code, "extnValue OCTET STRING"))
		}
		if q+l != endData {
			return w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, rGetCrtExt, stepExt, "bytes after extnValue in an extension")
		}
		t, step, known := w.b.lookupExt(oid)
		if !known {
			w.noteUnparsedExt(oid, q, endData)
			// An unknown critical extension fails unless 2.28's
			// MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION.
			if critical && !(w.b.AllowUnsupportedCriticalExtension && !w.b.v36()) {
				return w.fail(errX509InvalidExtensions+errASN1UnexpectedTag, extStart, rGetCrtExt, stepExt,
					"the critical extension "+extDescription(oid)+" is not supported, and a critical extension that cannot be read must be rejected")
			}
			p2 = endData
			continue
		}
		if w.f.extTypes&t != 0 {
			return w.fail(errX509InvalidExtensions, extStart, rGetCrtExt, step, "the "+strings.TrimPrefix(step, stepExt+".")+" extension appears twice")
		}
		w.f.extTypes |= t
		var ok bool
		switch t {
		case extBasicConstraint:
			ok = w.basicConstraints(q, endData, step)
		case extKeyUsage:
			ok = w.keyUsage(q, endData, step)
		case extExtKeyUsage:
			ok = w.extKeyUsage(q, endData, step)
		case extSubjectAltName:
			ok = w.subjectAltName(q, endData, step)
		case extNSCertType:
			ok = w.nsCertType(q, endData, step)
		case extPolicies:
			switch code := w.policies(q, endData, step); {
			case code == 0:
				ok = true
			case code == errX509FeatureUnavailable && (!critical || (w.b.AllowUnsupportedCriticalExtension && !w.b.v36())):
				// Unsupported policies are tolerated in a non-critical
				// extension: enforcing them is left to the user.
				w.ret = 0
				ok = true
			default:
				ok = false
			}
		case extSubjectKeyID:
			ok = w.subjectKeyID(q, endData, step)
		case extAuthorityKeyID:
			ok = w.authorityKeyID(q, endData, step)
		}
		if !ok {
			return w.ret
		}
		p2 = endData
	}
	*p = extEnd
	return 0
}

// noteUnparsedExt keeps the key identifiers that 2.28 does not parse, for
// information only; it never changes the outcome.
func (w *walker) noteUnparsedExt(oid []byte, p, end int) {
	d := w.d
	switch {
	case bytes.Equal(oid, extOIDs[6].oid): // subjectKeyIdentifier
		if q, l, code := getTag(d, p, end, tagOctetString); code == 0 && w.f.skid.e == 0 {
			w.f.skid = span{q, q + l}
		}
	case bytes.Equal(oid, extOIDs[7].oid): // authorityKeyIdentifier
		if q, _, code := getTag(d, p, end, tagSequence); code == 0 && w.f.akid.e == 0 {
			if q2, l2, code := getTag(d, q, end, 0x80); code == 0 {
				w.f.akid = span{q2, q2 + l2}
			}
		}
	}
}

func extDescription(oid []byte) string {
	switch dottedOID(oid) {
	case "2.5.29.14":
		return "subjectKeyIdentifier (2.5.29.14)"
	case "2.5.29.35":
		return "authorityKeyIdentifier (2.5.29.35)"
	case "2.5.29.30":
		return "nameConstraints (2.5.29.30)"
	case "2.5.29.36":
		return "policyConstraints (2.5.29.36)"
	case "2.5.29.54":
		return "inhibitAnyPolicy (2.5.29.54)"
	case "2.5.29.31":
		return "cRLDistributionPoints (2.5.29.31)"
	case "1.3.6.1.5.5.7.1.1":
		return "authorityInfoAccess (1.3.6.1.5.5.7.1.1)"
	}
	return dottedOID(oid)
}

// basicConstraints is library/x509_crt.c:x509_get_basic_constraints@2.28.3,3.6.6. The
// SEQUENCE's own length is read but not used: its contents are read up to
// the end of the extension.
func (w *walker) basicConstraints(p, end int, step string) bool {
	d := w.d
	q, _, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rBasicConstraints, step, asn1Reason(code, "BasicConstraints SEQUENCE"))
		return false
	}
	p = q
	if p == end {
		return true
	}
	if q, v, code := getBool(d, p, end); code == 0 {
		w.f.isCA, p = v, q
	} else {
		if code == errASN1UnexpectedTag {
			// An INTEGER cA is accepted too.
			var iv int
			q, iv, code = getInt(d, p, end)
			if code == 0 {
				w.f.isCA, p = iv != 0, q
			}
		}
		if code != 0 {
			w.fail(errX509InvalidExtensions+code, p, rBasicConstraints, step, asn1Reason(code, "cA BOOLEAN"))
			return false
		}
	}
	if p == end {
		return true
	}
	q, v, code := getInt(d, p, end)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rBasicConstraints, step, asn1Reason(code, "pathLenConstraint INTEGER"))
		return false
	}
	if q != end {
		w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q, rBasicConstraints, step, "bytes after pathLenConstraint")
		return false
	}
	if v == 1<<31-1 {
		w.fail(errX509InvalidExtensions+errASN1InvalidLength, p, rBasicConstraints, step, "pathLenConstraint is INT_MAX")
		return false
	}
	w.f.maxPathLen = v + 1
	return true
}

// keyUsage is 2.28's library/x509_crt.c:x509_get_key_usage@2.28.3 and 3.6's
// library/x509.c:mbedtls_x509_get_key_usage@3.6.6: a BIT STRING filling the extension;
// 2.28 also wants at least one octet of bits.
func (w *walker) keyUsage(p, end int, step string) bool {
	d := w.d
	_, bits, l, code := getBitString(d, p, end)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rKeyUsage, step, asn1Reason(code, "keyUsage BIT STRING"))
		return false
	}
	if l == 0 && !w.b.v36() {
		w.fail(errX509InvalidExtensions+errASN1InvalidLength, p, rKeyUsage, step, "keyUsage has no bits")
		return false
	}
	var ku uint
	for i := 0; i < l && i < 4; i++ {
		ku |= uint(d[bits+i]) << (8 * i)
	}
	w.f.keyUsage = ku
	return true
}

// nsCertType is x509_get_ns_cert_type: one octet of bits (3.6 also allows
// none).
func (w *walker) nsCertType(p, end int, step string) bool {
	_, _, l, code := getBitString(w.d, p, end)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rNSCertType, step, asn1Reason(code, "nsCertType BIT STRING"))
		return false
	}
	if l != 1 && !(l == 0 && w.b.v36()) {
		w.fail(errX509InvalidExtensions+errASN1InvalidLength, p, rNSCertType, step, "nsCertType must be one octet of bits")
		return false
	}
	return true
}

// extKeyUsage is library/x509_crt.c:x509_get_ext_key_usage@2.28.3,3.6.6 over
// library/asn1parse.c:mbedtls_asn1_get_sequence_of@2.28.3,3.6.6: a non-empty SEQUENCE OF OID
// filling the extension.
func (w *walker) extKeyUsage(p, end int, step string) bool {
	d := w.d
	q, l, code := getTag(d, p, end, tagSequence)
	if code == 0 && q+l != end {
		code = errASN1LengthMismatch
	}
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rExtKeyUsage, step, asn1Reason(code, "ExtKeyUsageSyntax SEQUENCE"))
		return false
	}
	w.f.eku = span{q, end}
	n := 0
	for q < end {
		if d[q] != tagOID {
			w.fail(errX509InvalidExtensions+errASN1UnexpectedTag, q, rExtKeyUsage, step, "an extended key usage that is not an OID")
			return false
		}
		q2, l2, code := getLen(d, q+1, end)
		if code != 0 {
			w.fail(errX509InvalidExtensions+code, q, rExtKeyUsage, step, asn1Reason(code, "KeyPurposeId"))
			return false
		}
		q = q2 + l2
		n++
	}
	if n == 0 {
		w.fail(errX509InvalidExtensions+errASN1InvalidLength, p, rExtKeyUsage, step, "extKeyUsage lists no purpose")
		return false
	}
	w.f.ekuN = n
	return true
}

// subjectAltName is 2.28's library/x509_crt.c:x509_get_subject_alt_name@2.28.3 and 3.6's
// library/x509.c:mbedtls_x509_get_subject_alt_name@3.6.6: GeneralNames ::= SEQUENCE OF
// GeneralName filling the extension.
func (w *walker) subjectAltName(p, end int, step string) bool {
	q, l, code := getTag(w.d, p, end, tagSequence)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rSANOuter, step, asn1Reason(code, "GeneralNames SEQUENCE"))
		return false
	}
	if q+l != end {
		w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, rSANOuter, step, "GeneralNames does not fill the extension")
		return false
	}
	w.f.san = span{q, end}
	n, ok := w.generalNames(q, end, step)
	w.f.sanN = n
	return ok
}

// generalNames checks each GeneralName (the loop of 2.28's
// x509_get_subject_alt_name, 3.6's mbedtls_x509_get_subject_alt_name_ext):
// context-specific tags only, each checked by
// mbedtls_x509_parse_subject_alt_name, whose FEATURE_UNAVAILABLE (a type
// it does not read) is ignored.
func (w *walker) generalNames(p, end int, step string) (int, bool) {
	d := w.d
	n := 0
	for p < end {
		tag := d[p]
		q, l, code := getLen(d, p+1, end)
		if code != 0 {
			w.fail(errX509InvalidExtensions+code, p, rSANLoop, step, asn1Reason(code, "GeneralName"))
			return n, false
		}
		if tag&0xC0 != 0x80 {
			w.fail(errX509InvalidExtensions+errASN1UnexpectedTag, p, rSANLoop, step, "a GeneralName whose tag is not context-specific")
			return n, false
		}
		if !w.generalName(tag, q, l, step) {
			return n, false
		}
		n++
		p = q + l
	}
	return n, true
}

// generalName is mbedtls_x509_parse_subject_alt_name on one entry. The
// switch is on class and tag number only (constructed or not). 2.28 checks
// otherName; 3.6 also rfc822Name, dNSName, URI (all unchecked), iPAddress
// (4 or 16 octets) and directoryName.
func (w *walker) generalName(tag byte, p, l int, step string) bool {
	d := w.d
	switch tag & 0xDF {
	case 0x80: // otherName
		return w.otherName(p, p+l, step)
	case 0x87: // iPAddress
		if w.b.v36() && l != 4 && l != 16 {
			w.fail(errX509BadInputData, p, rParseSAN, step, "an iPAddress SAN must be 4 or 16 bytes")
			return false
		}
	case 0x84: // directoryName
		if !w.b.v36() {
			return true
		}
		// The Name's tag errors come back as raw ASN.1 codes.
		q, nl, code := getTag(d, p, p+l, tagSequence)
		if code != 0 {
			w.fail(code, p, rParseSAN, step, asn1Reason(code, "directoryName Name"))
			return false
		}
		if w.name(q, q+nl, step+".directoryName"); w.ret != 0 {
			return false
		}
	}
	return true
}

// otherName is x509_get_other_name: only a well-formed
// hardwareModuleName (RFC 4108) is checked; any other type-id is
// FEATURE_UNAVAILABLE, which the SAN loop ignores.
func (w *walker) otherName(p, end int, step string) bool {
	d := w.d
	fail := func(code, at int, reason string) bool {
		w.fail(code, at, rOtherName, step, reason)
		return false
	}
	q, l, code := getTag(d, p, end, tagOID)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "otherName type-id"))
	}
	if !bytes.Equal(d[q:q+l], oidHWModuleName) {
		return true
	}
	p = q + l
	q, l, code = getTag(d, p, end, 0xA0)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "otherName value [0]"))
	}
	if q+l != end {
		return fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, "otherName value does not fill the name")
	}
	p = q
	q, l, code = getTag(d, p, end, tagSequence)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "HardwareModuleName SEQUENCE"))
	}
	if q+l != end {
		return fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, "HardwareModuleName does not fill the name")
	}
	p = q
	q, l, code = getTag(d, p, end, tagOID)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "hwType OID"))
	}
	p = q + l
	q, l, code = getTag(d, p, end, tagOctetString)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "hwSerialNum OCTET STRING"))
	}
	if q+l != end {
		return fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, "bytes after hwSerialNum")
	}
	return true
}

// policies is library/x509_crt.c:x509_get_certificate_policies@2.28.3,3.6.6. It returns 0,
// FEATURE_UNAVAILABLE when a policy other than anyPolicy is listed (after
// reading everything), or another error.
func (w *walker) policies(p, end int, step string) int {
	d := w.d
	q, l, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		return w.fail(errX509InvalidExtensions+code, p, rPolicies, step, asn1Reason(code, "certificatePolicies SEQUENCE"))
	}
	if q+l != end {
		return w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, rPolicies, step, "certificatePolicies does not fill the extension")
	}
	if l == 0 {
		return w.fail(errX509InvalidExtensions+errASN1LengthMismatch, p, rPolicies, step, "certificatePolicies is empty")
	}
	p = q
	unsupported := -1
	n := 0
	for p < end {
		q, l, code := getTag(d, p, end, tagSequence)
		if code != 0 {
			return w.fail(errX509InvalidExtensions+code, p, rPolicies, step, asn1Reason(code, "PolicyInformation SEQUENCE"))
		}
		policyEnd := q + l
		q2, l2, code := getTag(d, q, policyEnd, tagOID)
		if code != 0 {
			return w.fail(errX509InvalidExtensions+code, q, rPolicies, step, asn1Reason(code, "policyIdentifier OID"))
		}
		if unsupported < 0 && !bytes.Equal(d[q2:q2+l2], oidAnyPolicy) {
			unsupported = q2
		}
		n++
		p = q2 + l2
		if p < policyEnd {
			q3, l3, code := getTag(d, p, policyEnd, tagSequence)
			if code != 0 {
				return w.fail(errX509InvalidExtensions+code, p, rPolicies, step, asn1Reason(code, "policyQualifiers SEQUENCE"))
			}
			p = q3 + l3
		}
		if p != policyEnd {
			return w.fail(errX509InvalidExtensions+errASN1LengthMismatch, p, rPolicies, step, "bytes after policyQualifiers")
		}
	}
	w.f.policiesN = n
	if unsupported >= 0 {
		return w.fail(errX509FeatureUnavailable, unsupported, rPolicies, step,
			"a critical certificatePolicies lists a policy other than anyPolicy, which mbedTLS cannot enforce")
	}
	return 0
}

// subjectKeyID is 3.6's library/x509_crt.c:x509_get_subject_key_id@3.6.6: an OCTET
// STRING filling the extension.
func (w *walker) subjectKeyID(p, end int, step string) bool {
	q, l, code := getTag(w.d, p, end, tagOctetString)
	if code != 0 {
		w.fail(errX509InvalidExtensions+code, p, rSubjectKeyID, step, asn1Reason(code, "KeyIdentifier OCTET STRING"))
		return false
	}
	if q+l != end {
		w.fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, rSubjectKeyID, step, "bytes after the key identifier")
		return false
	}
	w.f.skid = span{q, q + l}
	return true
}

// authorityKeyID is 3.6's library/x509_crt.c:x509_get_authority_key_id@3.6.6:
// SEQUENCE { [0] keyIdentifier OPTIONAL, then [1] authorityCertIssuer and
// [2] serial, both or neither }.
func (w *walker) authorityKeyID(p, end int, step string) bool {
	d := w.d
	fail := func(code, at int, reason string) bool {
		w.fail(code, at, rAuthorityKeyID, step, reason)
		return false
	}
	q, l, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "AuthorityKeyIdentifier SEQUENCE"))
	}
	if q+l != end {
		return fail(errX509InvalidExtensions+errASN1LengthMismatch, q+l, "AuthorityKeyIdentifier does not fill the extension")
	}
	p = q
	q, l, code = getTag(d, p, end, 0x80)
	if code == 0 {
		w.f.akid = span{q, q + l}
		p = q + l
	} else if code != errASN1UnexpectedTag {
		return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "keyIdentifier [0]"))
	}
	if p < end {
		q, l, code = getTag(d, p, end, 0xA1)
		if code != 0 {
			return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "authorityCertIssuer [1]"))
		}
		n, ok := w.generalNames(q, q+l, step+".authorityCertIssuer")
		if !ok {
			return false
		}
		w.f.akidIssuerN = n
		p = q + l
		q, l, code = getTag(d, p, end, 0x82)
		if code != 0 {
			return fail(errX509InvalidExtensions+code, p, asn1Reason(code, "authorityCertSerialNumber [2]"))
		}
		p = q + l
	}
	if p != end {
		return fail(errX509InvalidExtensions+errASN1LengthMismatch, p, "bytes after the AuthorityKeyIdentifier fields")
	}
	return true
}
