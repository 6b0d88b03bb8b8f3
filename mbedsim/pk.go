package mbedsim

import "bytes"

// mpiMaxLimbs is MBEDTLS_MPI_MAX_LIMBS (bignum.h, both versions): the most
// limbs mbedtls_mpi_grow will allocate.
const mpiMaxLimbs = 10000

// mpiReadFails is whether mbedtls_mpi_read_binary of n octets fails because
// the number would need more than MBEDTLS_MPI_MAX_LIMBS limbs
// (library/bignum.c:mbedtls_mpi_read_binary@2.28.3,3.6.6 counts leading zero octets too).
func (b *Build) mpiReadFails(n int) bool {
	limb := b.MPILimbBytes
	if limb <= 0 {
		limb = 4
	}
	return (n+limb-1)/limb > mpiMaxLimbs
}

const stepSPKI = "tbsCertificate.subjectPublicKeyInfo"

// subPubKey is library/pkparse.c:mbedtls_pk_parse_subpubkey@2.28.3,3.6.6. Its codes are PK, ECP
// or MPI codes, never wrapped in an X.509 code.
func (w *walker) subPubKey(p *int, end int) int {
	d := w.d
	q, l, code := getTag(d, *p, end, tagSequence)
	if code != 0 {
		return w.fail(errPKKeyInvalidFormat+code, *p, rSubPubKey, stepSPKI, asn1Reason(code, "SubjectPublicKeyInfo SEQUENCE"))
	}
	end = q + l
	start := q

	// pk_get_pk_alg
	q, alg, code := getAlg(d, q, end)
	if code != 0 {
		return w.fail(errPKInvalidAlg+code, start, rPKAlg, stepSPKI+".algorithm", asn1Reason(code, "public key AlgorithmIdentifier"))
	}
	oid := d[alg.oid : alg.oid+alg.oidLen]
	kind := pkNone
	rfc8410 := Curve(numCurves)
	switch {
	case bytes.Equal(oid, oidRSAEncryption):
		kind = pkRSA
	case bytes.Equal(oid, oidECPublicKey):
		kind = pkECKey
	case bytes.Equal(oid, oidECDH):
		kind = pkECKeyDH
	case w.b.v36() && w.b.ECKeys && bytes.Equal(oid, oidX25519) && w.b.Curves.Has(Curve25519):
		// 3.6 also looks the OID up in oid_ecp_grp_algid (RFC 8410 keys).
		kind, rfc8410 = pkECKey, Curve25519
	case w.b.v36() && w.b.ECKeys && bytes.Equal(oid, oidX448) && w.b.Curves.Has(Curve448):
		kind, rfc8410 = pkECKey, Curve448
	}
	if kind == pkNone {
		return w.fail(errPKUnknownPKAlg, alg.oid, rPKAlg, stepSPKI+".algorithm",
			"public key algorithm "+keyAlgDescription(oid)+" is not supported (only RSA and EC keys are)")
	}
	if kind == pkRSA && !alg.nullOrAbsent() {
		return w.fail(errPKInvalidAlg, alg.oid, rPKAlg, stepSPKI+".algorithm", "rsaEncryption parameters must be absent or NULL")
	}

	// subjectPublicKey BIT STRING, which must end the SEQUENCE.
	bs := q
	q, l, code = getBitStringNull(d, q, end)
	if code != 0 {
		return w.fail(errPKInvalidPubkey+code, bs, rSubPubKey, stepSPKI+".subjectPublicKey", asn1Reason(code, "subjectPublicKey BIT STRING"))
	}
	if q+l != end {
		return w.fail(errPKInvalidPubkey+errASN1LengthMismatch, q+l, rSubPubKey, stepSPKI, "bytes after the subjectPublicKey BIT STRING")
	}
	// mbedtls_pk_info_from_type: the key module must be compiled in.
	if (kind == pkRSA && !w.b.RSA) || (kind != pkRSA && !w.b.ECKeys) {
		module := "MBEDTLS_RSA_C"
		if kind != pkRSA {
			module = map[bool]string{false: "MBEDTLS_ECP_C", true: "EC key support (MBEDTLS_ECP_C)"}[w.b.v36()]
		}
		return w.fail(errPKUnknownPKAlg, alg.oid, rSubPubKey, stepSPKI+".algorithm", "the key type needs "+module+", which this build lacks")
	}
	w.f.keyType = kind
	if kind == pkRSA {
		if w.rsaPubKey(q, end) != 0 {
			return w.ret
		}
	} else {
		var c Curve
		if rfc8410 != numCurves {
			// pk_use_ecparams_rfc8410: no parameters at all.
			if alg.ptag != 0 || alg.plen != 0 {
				return w.fail(errPKKeyInvalidFormat, alg.oid, rRFC8410, stepSPKI+".algorithm", "an X25519/X448 key must have no algorithm parameters")
			}
			c = rfc8410
		} else {
			var ok bool
			if c, ok = w.ecParams(&alg); !ok {
				return w.ret
			}
		}
		w.f.curve = c
		if w.ecPubKey(c, q, end) != 0 {
			return w.ret
		}
	}
	*p = end
	return 0
}

func keyAlgDescription(oid []byte) string {
	switch dottedOID(oid) {
	case "1.3.101.112":
		return "Ed25519"
	case "1.3.101.113":
		return "Ed448"
	case "1.3.101.110":
		return "X25519"
	case "1.3.101.111":
		return "X448"
	case "1.2.840.113549.1.1.10":
		return "RSASSA-PSS (id-RSASSA-PSS keys)"
	case "1.2.840.10040.4.1":
		return "DSA"
	}
	return dottedOID(oid)
}

// rsaPubKey is 2.28's library/pkparse.c:pk_get_rsapubkey@2.28.3 and 3.6's
// library/rsa.c:mbedtls_rsa_parse_pubkey@3.6.6 (with pkparse's mapping of its codes):
// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
// Import and key checks all fail with a bare INVALID_PUBKEY.
func (w *walker) rsaPubKey(p, end int) int {
	d := w.d
	const step = stepSPKI + ".subjectPublicKey"
	q, l, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		return w.fail(errPKInvalidPubkey+code, p, rRSAPubKey, step, asn1Reason(code, "RSAPublicKey SEQUENCE"))
	}
	if q+l != end {
		// 2.28 reports the mismatch; 3.6 returns RSA_BAD_INPUT_DATA, which
		// pkparse turns into a bare INVALID_PUBKEY.
		c := errPKInvalidPubkey + errASN1LengthMismatch
		if w.b.v36() {
			c = errPKInvalidPubkey
		}
		return w.fail(c, q+l, rRSAPubKey, step, "the RSAPublicKey SEQUENCE does not fill the BIT STRING")
	}
	nStart := q
	q, l, code = getTag(d, q, end, tagInteger)
	if code != 0 {
		return w.fail(errPKInvalidPubkey+code, nStart, rRSAPubKey, step+".modulus", asn1Reason(code, "RSA modulus INTEGER"))
	}
	w.f.rsaN = span{q, q + l}
	if w.b.mpiReadFails(l) {
		return w.fail(errPKInvalidPubkey, nStart, rMPIRead, step+".modulus", "the RSA modulus is too long to be read at all")
	}
	q += l
	eStart := q
	q, l, code = getTag(d, q, end, tagInteger)
	if code != 0 {
		return w.fail(errPKInvalidPubkey+code, eStart, rRSAPubKey, step+".publicExponent", asn1Reason(code, "RSA public exponent INTEGER"))
	}
	w.f.rsaE = span{q, q + l}
	if w.b.mpiReadFails(l) {
		return w.fail(errPKInvalidPubkey, eStart, rMPIRead, step+".publicExponent", "the RSA exponent is too long to be read at all")
	}
	q += l
	if reason := w.rsaCheck(w.f.rsaN.of(d), w.f.rsaE.of(d)); reason != "" {
		return w.fail(errPKInvalidPubkey, nStart, rRSACheck, step, reason)
	}
	if q != end {
		return w.fail(errPKInvalidPubkey+errASN1LengthMismatch, q, rRSAPubKey, step, "bytes after the RSA public exponent")
	}
	return 0
}

// rsaCheck is mbedtls_rsa_complete followed by mbedtls_rsa_check_pubkey
// (rsa.c, with rsa_check_context): n and e non-zero, n odd and of at most
// MBEDTLS_MPI_MAX_SIZE octets and at least 128 bits, e odd, at least 3,
// below n. It returns "" when the key passes.
func (w *walker) rsaCheck(n, e []byte) string {
	n, e = trimZeros(n), trimZeros(e)
	switch {
	case len(n) == 0:
		return "the RSA modulus is zero"
	case len(e) == 0:
		return "the RSA public exponent is zero"
	case len(n) > w.b.MPIMaxSize:
		return "the RSA modulus has " + itoa(bitLen(n)) + " bits, more than MBEDTLS_MPI_MAX_SIZE (" + itoa(w.b.MPIMaxSize) + " bytes = " + itoa(8*w.b.MPIMaxSize) + " bits) allows"
	case n[len(n)-1]&1 == 0:
		return "the RSA modulus is even"
	case bitLen(n) < 128:
		return "the RSA modulus is shorter than 128 bits"
	case e[len(e)-1]&1 == 0:
		return "the RSA public exponent is even"
	case bitLen(e) < 2:
		return "the RSA public exponent is 1"
	case cmpNum(e, n) >= 0:
		return "the RSA public exponent is not smaller than the modulus"
	}
	return ""
}

// ecParams is library/pkparse.c:pk_use_ecparams@2.28.3,3.6.6: a namedCurve OID that this build
// knows, or (with MBEDTLS_PK_PARSE_EC_EXTENDED) explicit parameters that
// match a curve it knows.
func (w *walker) ecParams(a *algID) (Curve, bool) {
	d := w.d
	const step = stepSPKI + ".algorithm.parameters"
	if a.ptag == tagOID {
		oid := d[a.pp : a.pp+a.plen]
		for c := Curve(0); c < Curve25519; c++ {
			if w.b.Curves.Has(c) && bytes.Equal(curves[c].oid, oid) {
				return c, true
			}
		}
		reason := "the named curve " + dottedOID(oid) + " is unknown"
		for c := Curve(0); c < Curve25519; c++ {
			if bytes.Equal(curves[c].oid, oid) {
				reason = "the curve " + curves[c].name + " is not enabled in this build (MBEDTLS_ECP_DP_" + legacyCurveMacros[c] + "_ENABLED)"
			}
		}
		w.fail(errPKUnknownNamedCurve, a.pp, rUseECParams, step, reason)
		return 0, false
	}
	if !w.b.PKParseECExtended {
		// 2.28 rejects the format; 3.6's stub pk_ecc_group_id_from_specified
		// says the feature is unavailable.
		code := errPKKeyInvalidFormat
		if w.b.v36() {
			code = errECPFeatureUnavailable
		}
		w.fail(code, a.pp, rUseECParams, step, "the EC parameters are not a namedCurve OID (explicit parameters need MBEDTLS_PK_PARSE_EC_EXTENDED)")
		return 0, false
	}
	return w.specifiedCurve(a)
}

// specifiedCurve is library/pkparse.c:pk_group_from_specified@2.28.3,3.6.6 and
// pk_group_id_from_group: the parameters' content is read as a
// SpecifiedECDomain whatever their tag.
func (w *walker) specifiedCurve(a *algID) (Curve, bool) {
	d := w.d
	const step = stepSPKI + ".algorithm.parameters"
	p, end := a.pp, a.pp+a.plen
	fail := func(code, at int, r rule, reason string) (Curve, bool) {
		w.fail(code, at, r, step, reason)
		return 0, false
	}
	q, ver, code := getInt(d, p, end)
	if code != 0 {
		return fail(errPKKeyInvalidFormat+code, p, rGroupFromSpecified, asn1Reason(code, "SpecifiedECDomain version"))
	}
	if ver < 1 || ver > 3 {
		return fail(errPKKeyInvalidFormat, p, rGroupFromSpecified, "SpecifiedECDomain version is not 1, 2 or 3")
	}
	p = q
	// FieldID: raw ASN.1 codes, not wrapped.
	q, l, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		return fail(code, p, rGroupFromSpecified, asn1Reason(code, "FieldID SEQUENCE"))
	}
	endField := q + l
	p = q
	q, l, code = getTag(d, p, endField, tagOID)
	if code != 0 {
		return fail(code, p, rGroupFromSpecified, asn1Reason(code, "field type OID"))
	}
	if !bytes.Equal(d[q:q+l], oidPrimeField) {
		return fail(errPKFeatureUnavail, q, rGroupFromSpecified, "only prime fields are supported")
	}
	p = q + l
	var P, A, B, N, GX []byte
	readMPI := func(tag byte, end int, what string) bool {
		q, l, code := getTag(d, p, end, tag)
		if code == 0 && w.b.mpiReadFails(l) {
			code = errMPIAllocFailed
		}
		if code != 0 {
			w.fail(errPKKeyInvalidFormat+code, p, rGroupFromSpecified, step, asn1Reason(code, what))
			return false
		}
		switch what {
		case "prime p":
			P = d[q : q+l]
		case "curve a":
			A = d[q : q+l]
		case "curve b":
			B = d[q : q+l]
		case "order n":
			N = d[q : q+l]
		}
		p = q + l
		return true
	}
	if !readMPI(tagInteger, endField, "prime p") {
		return 0, false
	}
	if p != endField {
		return fail(errPKKeyInvalidFormat+errASN1LengthMismatch, p, rGroupFromSpecified, "bytes after the prime in FieldID")
	}
	q, l, code = getTag(d, p, end, tagSequence)
	if code != 0 {
		return fail(code, p, rGroupFromSpecified, asn1Reason(code, "Curve SEQUENCE"))
	}
	endCurve := q + l
	p = q
	if !readMPI(tagOctetString, endCurve, "curve a") || !readMPI(tagOctetString, endCurve, "curve b") {
		return 0, false
	}
	if q, l, code := getTag(d, p, endCurve, tagBitString); code == 0 {
		p = q + l // the optional seed is skipped
	}
	if p != endCurve {
		return fail(errPKKeyInvalidFormat+errASN1LengthMismatch, p, rGroupFromSpecified, "bytes after the curve coefficients")
	}
	q, l, code = getTag(d, p, end, tagOctetString)
	if code != 0 {
		return fail(errPKKeyInvalidFormat+code, p, rGroupFromSpecified, asn1Reason(code, "base point OCTET STRING"))
	}
	// The base point is read into a group that has no generator yet, so
	// mbedtls_ecp_point_read_binary cannot tell the curve type and answers
	// FEATURE_UNAVAILABLE; pk_group_from_specified then accepts only a
	// compressed point of the prime's length.
	g := d[q : q+l]
	if l == 0 || (g[0] != 2 && g[0] != 3) || l != len(trimZeros(P))+1 || w.b.mpiReadFails(l-1) {
		return fail(errPKKeyInvalidFormat, q, rGroupFromSpecified, "the base point must be given compressed (02/03 and the x coordinate)")
	}
	GX = g[1:]
	parity := g[0] - 2
	p = q + l
	if !readMPI(tagInteger, end, "order n") {
		return 0, false
	}
	// Cofactor and hash, if any, are ignored.

	// pk_group_id_from_group: compare with every curve the build has,
	// through what mbedtls_ecp_group_load puts in the group.
	for c := Curve(0); c < Curve25519; c++ {
		ci := &curves[c]
		if !w.b.Curves.Has(c) {
			continue
		}
		if bitLen(P) == ci.pbits && bitLen(N) == ci.nbits && cmpNum(P, ci.p) == 0 &&
			cmpNum(A, ci.mbedA) == 0 && cmpNum(B, ci.b) == 0 && cmpNum(N, ci.n) == 0 &&
			cmpNum(GX, ci.gx) == 0 && parity == ci.gy[len(ci.gy)-1]&1 {
			return c, true
		}
	}
	return fail(errECPFeatureUnavailable, a.pp, rGroupIDFromGroup, "the explicit EC parameters match no curve this build has (and never match a NIST curve, whose a = -3 mbedTLS does not store)")
}

// ecPubKey reads and checks the EC point (2.28 library/pkparse.c:pk_get_ecpubkey@2.28.3,
// 3.6 library/pk_ecc.c:mbedtls_pk_ecc_set_pubkey@3.6.6), returning raw ECP codes.
func (w *walker) ecPubKey(c Curve, p, end int) int {
	d := w.d
	ci := &curves[c]
	pt := d[p:end]
	const step = stepSPKI + ".subjectPublicKey"
	if w.b.ECPSAData {
		return w.ecPubKeyPSA(ci, p, pt)
	}
	if ci.montgomery {
		// mbedtls_ecp_point_read_binary, Montgomery branch: exactly plen
		// octets, little-endian.
		if len(pt) != ci.plen {
			return w.fail(errECPBadInputData, p, rPointRead, step, "the "+ci.name+" key must be "+itoa(ci.plen)+" bytes")
		}
		w.f.ecCheck = ecCheckTemp[c][0]
		if code := ci.checkMontgomery(pt); code != 0 {
			return w.fail(code, p, rCheckPubkeyMx, step, "the "+ci.name+" key is a low-order point")
		}
		return 0
	}
	if len(pt) < 1 {
		return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point is empty")
	}
	if pt[0] == 0 {
		if len(pt) == 1 {
			// The point at infinity reads fine and then fails the check.
			return w.fail(errECPInvalidKey, p, rCheckPubkey, step, "the EC point is the point at infinity")
		}
		return w.fail(errECPBadInputData, p, rPointRead, step, "an EC point starting with 00 must be one byte long")
	}
	if !w.b.v36() {
		// 2.28 reads only uncompressed points.
		if pt[0] != 4 {
			return w.fail(errECPFeatureUnavailable, p, rPointRead, step, "the EC point is not uncompressed (04); 2.28 cannot read compressed points")
		}
		if len(pt) != 2*ci.plen+1 {
			return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point has the wrong length for "+ci.name)
		}
		w.f.ecCheck = ecCheckTemp[c][0]
		if !ci.checkUncompressed(pt) {
			return w.fail(errECPInvalidKey, p, rCheckPubkey, step, "the EC point is not on "+ci.name)
		}
		return 0
	}
	// 3.6 reads X first, then Y (04) or derives it (02/03).
	if len(pt) < 1+ci.plen {
		return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point is too short for "+ci.name)
	}
	switch pt[0] {
	case 4:
		if len(pt) != 1+2*ci.plen {
			return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point has the wrong length for "+ci.name)
		}
		w.f.ecCheck = ecCheckTemp[c][0]
		if !ci.checkUncompressed(pt) {
			return w.fail(errECPInvalidKey, p, rCheckPubkey, step, "the EC point is not on "+ci.name)
		}
		return 0
	case 2, 3:
		if len(pt) != 1+ci.plen {
			return w.fail(errECPBadInputData, p, rPointRead, step, "the compressed EC point has the wrong length for "+ci.name)
		}
		w.f.ecCheck = ecCheckTemp[c][1]
		switch code := ci.decompress(pt[1:], uint(pt[0]&1), w.b.ECPNISTOptim); code {
		case 0:
			return 0
		case errECPFeatureUnavailable:
			return w.fail(code, p, rDeriveY, step, "compressed points cannot be decompressed on "+ci.name+" (p is not 3 mod 4)")
		case errECPBadInputData:
			return w.fail(code, p, rECPModP, step, "the compressed point's x coordinate is too large to reduce")
		default:
			return w.fail(code, p, rCheckPubkey, step, "the compressed EC point is not on "+ci.name)
		}
	}
	return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point format byte is not 02, 03 or 04")
}

// ecPubKeyPSA approximates 3.6's MBEDTLS_PK_USE_PSA_EC_DATA path, where the
// key is validated by psa_import_key: the raw point must fit
// MBEDTLS_PK_MAX_EC_PUBKEY_RAW_LEN, compressed points go through ECP only
// with MBEDTLS_PK_PARSE_EC_COMPRESSED, and any import failure is a bare
// INVALID_PUBKEY. This path is not covered by the oracle builds.
func (w *walker) ecPubKeyPSA(ci *curveInfo, p int, pt []byte) int {
	const step = stepSPKI + ".subjectPublicKey"
	maxRaw := 0
	for c := Curve(0); c < numCurves; c++ {
		if w.b.Curves.Has(c) {
			n := 1 + 2*curves[c].plen
			if curves[c].montgomery {
				n = curves[c].plen
			}
			if n > maxRaw {
				maxRaw = n
			}
		}
	}
	if ci.montgomery || (len(pt) > 0 && pt[0] == 4) {
		if len(pt) > maxRaw {
			return w.fail(errPKBufferTooSmall, p, rPSAImport, step, "the EC point is longer than any key this build can hold")
		}
		ok := false
		if ci.montgomery {
			ok = len(pt) == ci.plen
		} else {
			ok = len(pt) == 1+2*ci.plen && ci.checkUncompressed(pt)
		}
		if !ok {
			return w.fail(errPKInvalidPubkey, p, rPSAImport, step, "PSA refuses the EC public key")
		}
		return 0
	}
	if !w.b.PKParseECCompressed {
		return w.fail(errECPFeatureUnavailable, p, rPSAImport, step, "compressed EC points need MBEDTLS_PK_PARSE_EC_COMPRESSED")
	}
	if len(pt) < 1 || len(pt) < 1+ci.plen || (pt[0] != 2 && pt[0] != 3) || len(pt) != 1+ci.plen {
		return w.fail(errECPBadInputData, p, rPointRead, step, "the EC point has the wrong format or length for "+ci.name)
	}
	if code := ci.decompress(pt[1:], uint(pt[0]&1), w.b.ECPNISTOptim); code != 0 {
		if code == errECPInvalidKey {
			code = errPKInvalidPubkey
		}
		return w.fail(code, p, rPSAImport, step, "the compressed EC point is not on "+ci.name)
	}
	return 0
}
