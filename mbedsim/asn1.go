package mbedsim

// ASN.1 primitives as library/asn1parse.c implements them. Positions are
// indexes into the DER; end is exclusive. On failure the returned position is
// the one the caller had: mbedTLS only ever continues after a failed read
// when the tag did not match, and a tag mismatch consumes nothing.

// ASN.1 tags mbedTLS compares against (include/mbedtls/asn1.h).
const (
	tagBoolean     = 0x01
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagUTF8        = 0x0C
	tagSequence    = 0x30
	tagSet         = 0x31
	tagPrintable   = 0x13
	tagT61         = 0x14
	tagIA5         = 0x16
	tagUTCTime     = 0x17
	tagGenTime     = 0x18
	tagUniversal   = 0x1C
	tagBMP         = 0x1E
)

// getLen reads a definite length: short form, or long form with one to four
// length octets. Non-minimal encodings are accepted; 0x80 (indefinite) and
// more than four octets are INVALID_LENGTH; a length beyond end is
// OUT_OF_DATA (library/asn1parse.c:mbedtls_asn1_get_len@2.28.3,3.6.6).
func getLen(d []byte, p, end int) (np, l, code int) {
	if end-p < 1 {
		return p, 0, errASN1OutOfData
	}
	c := d[p]
	var n uint64
	if c&0x80 == 0 {
		n = uint64(c)
		p++
	} else {
		k := int(c & 0x7F)
		if k == 0 || k > 4 {
			return p, 0, errASN1InvalidLength
		}
		if end-p <= k {
			return p, 0, errASN1OutOfData
		}
		for i := 1; i <= k; i++ {
			n = n<<8 | uint64(d[p+i])
		}
		p += 1 + k
	}
	if n > uint64(end-p) {
		return p, 0, errASN1OutOfData
	}
	return p, int(n), 0
}

// getTag checks one single-byte tag and reads the length after it
// (library/asn1parse.c:mbedtls_asn1_get_tag@2.28.3,3.6.6).
func getTag(d []byte, p, end int, tag byte) (np, l, code int) {
	if end-p < 1 {
		return p, 0, errASN1OutOfData
	}
	if d[p] != tag {
		return p, 0, errASN1UnexpectedTag
	}
	np, l, code = getLen(d, p+1, end)
	if code != 0 {
		return p, 0, code
	}
	return np, l, 0
}

// getBool reads a BOOLEAN of exactly one octet (library/asn1parse.c:mbedtls_asn1_get_bool@2.28.3,3.6.6).
func getBool(d []byte, p, end int) (np int, v bool, code int) {
	q, l, code := getTag(d, p, end, tagBoolean)
	if code != 0 {
		return p, false, code
	}
	if l != 1 {
		return p, false, errASN1InvalidLength
	}
	return q + 1, d[q] != 0, 0
}

// getInt reads an INTEGER that must fit a non-negative C int
// (library/asn1parse.c:asn1_get_tagged_int@2.28.3,3.6.6): empty, negative or longer than four
// significant octets is INVALID_LENGTH.
func getInt(d []byte, p, end int) (np, v, code int) {
	q, l, code := getTag(d, p, end, tagInteger)
	if code != 0 {
		return p, 0, code
	}
	if l == 0 || d[q]&0x80 != 0 {
		return p, 0, errASN1InvalidLength
	}
	for l > 0 && d[q] == 0 {
		q++
		l--
	}
	if l > 4 || (l == 4 && d[q]&0x80 != 0) {
		return p, 0, errASN1InvalidLength
	}
	for ; l > 0; l-- {
		v = v<<8 | int(d[q])
		q++
	}
	return q, v, 0
}

// getBitStringNull reads a BIT STRING whose unused-bits octet must be zero
// (library/asn1parse.c:mbedtls_asn1_get_bitstring_null@2.28.3,3.6.6). It returns the position and
// length of the bits after that octet.
func getBitStringNull(d []byte, p, end int) (np, l, code int) {
	q, l, code := getTag(d, p, end, tagBitString)
	if code != 0 {
		return p, 0, code
	}
	if l == 0 || d[q] != 0 {
		return p, 0, errASN1InvalidData
	}
	return q + 1, l - 1, 0
}

// getBitString reads a BIT STRING that must end exactly at end
// (library/asn1parse.c:mbedtls_asn1_get_bitstring@2.28.3,3.6.6): at least the unused-bits octet,
// which must be at most 7.
func getBitString(d []byte, p, end int) (np, bits, l, code int) {
	q, l, code := getTag(d, p, end, tagBitString)
	if code != 0 {
		return p, 0, 0, code
	}
	if l < 1 {
		return p, 0, 0, errASN1OutOfData
	}
	if d[q] > 7 {
		return p, 0, 0, errASN1InvalidLength
	}
	bits = q + 1
	q += l
	if q != end {
		return p, 0, 0, errASN1LengthMismatch
	}
	return q, bits, l - 1, 0
}

// algID is an AlgorithmIdentifier as mbedtls_asn1_get_alg leaves it: the OID
// and, if present, the parameters' tag, position and length. Absent
// parameters have tag 0 and length 0.
type algID struct {
	oid, oidLen int
	ptag        byte
	pp, plen    int
}

// getAlg reads an AlgorithmIdentifier (library/asn1parse.c:mbedtls_asn1_get_alg@2.28.3,3.6.6):
// SEQUENCE { OID, optional single element that must end the SEQUENCE }. The
// parameters' tag is not checked, and may even be a multi-byte tag's first
// octet.
func getAlg(d []byte, p, end int) (np int, a algID, code int) {
	q, l, code := getTag(d, p, end, tagSequence)
	if code != 0 {
		return p, a, code
	}
	// The C code checks for one more byte against the outer end before
	// narrowing end to the SEQUENCE; both failures are OUT_OF_DATA.
	if end-q < 1 {
		return p, a, errASN1OutOfData
	}
	e := q + l
	q, ol, code := getTag(d, q, e, tagOID)
	if code != 0 {
		return p, a, code
	}
	a.oid, a.oidLen = q, ol
	q += ol
	if q == e {
		a.pp = q
		return q, a, 0
	}
	a.ptag = d[q]
	q, pl, code := getLen(d, q+1, e)
	if code != 0 {
		return p, a, code
	}
	a.pp, a.plen = q, pl
	q += pl
	if q != e {
		return p, a, errASN1LengthMismatch
	}
	return q, a, 0
}

// nullOrAbsent is the parameters rule of mbedtls_x509_get_sig_alg and
// pk_get_pk_alg: no parameters, or a NULL, or (a quirk) any element with tag
// 0; in every case of length zero.
func (a *algID) nullOrAbsent() bool {
	return (a.ptag == tagNull || a.ptag == 0) && a.plen == 0
}

// trimZeros drops leading zero octets, as mbedtls_mpi_size sees a number.
func trimZeros(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

// bitLen is mbedtls_mpi_bitlen of a big-endian unsigned number.
func bitLen(b []byte) int {
	b = trimZeros(b)
	if len(b) == 0 {
		return 0
	}
	n := (len(b) - 1) * 8
	for c := b[0]; c != 0; c >>= 1 {
		n++
	}
	return n
}

// cmpNum compares two big-endian unsigned numbers.
func cmpNum(a, b []byte) int {
	a, b = trimZeros(a), trimZeros(b)
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
