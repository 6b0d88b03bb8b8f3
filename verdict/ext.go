package verdict

// extPresent reports whether the extensions block of a certificate that
// mbedsim already accepted holds an extension with the given OID (content
// octets of the OBJECT IDENTIFIER). mbedtls_x509_crt_check_key_usage and
// _check_extended_key_usage treat an absent extension as "no restriction"
// (crt->ext_types, library/x509_crt.c@2.28.3,3.6.6), and mbedsim.Cert gives
// KeyUsage 0 for both "absent" and "present with no bits", so the presence is
// read here.
//
// The walk follows mbedTLS's own reading: BER-lenient long-form lengths, the
// extensions are the TBSCertificate element tagged [3] constructed (0xA3).
// ok is false when the bytes do not have that shape.
func extPresent(der []byte, oid []byte) (present, ok bool) {
	cert, _, ok := tlv(der, 0, len(der), 0x30)
	if !ok {
		return false, false
	}
	tbs, _, ok := tlv(der, cert.s, cert.e, 0x30)
	if !ok {
		return false, false
	}
	for p := tbs.s; p < tbs.e; {
		tag := der[p]
		el, next, ok := tlv(der, p, tbs.e, tag)
		if !ok {
			return false, false
		}
		p = next
		if tag != 0xA3 {
			continue
		}
		exts, _, ok := tlv(der, el.s, el.e, 0x30)
		if !ok {
			return false, false
		}
		for q := exts.s; q < exts.e; {
			ext, nq, ok := tlv(der, q, exts.e, 0x30)
			if !ok {
				return false, false
			}
			q = nq
			id, _, ok := tlv(der, ext.s, ext.e, 0x06)
			if !ok {
				return false, false
			}
			if string(der[id.s:id.e]) == string(oid) {
				return true, true
			}
		}
		return false, true
	}
	return false, true
}

// span is the content of one TLV: der[s:e].
type span struct{ s, e int }

// tlv reads one element with the wanted tag at d[p:end]: its content span
// and the offset after it. Long-form lengths of up to four octets are read
// without a minimality check, as mbedtls_asn1_get_len does.
func tlv(d []byte, p, end int, tag byte) (span, int, bool) {
	if end > len(d) || p+2 > end || d[p] != tag {
		return span{}, 0, false
	}
	p++
	l := int(d[p])
	p++
	if l&0x80 != 0 {
		n := l & 0x7F
		if n == 0 || n > 4 || p+n > end {
			return span{}, 0, false
		}
		l = 0
		for i := 0; i < n; i++ {
			l = l<<8 | int(d[p+i])
		}
		p += n
	}
	if l < 0 || l > end-p {
		return span{}, 0, false
	}
	return span{p, p + l}, p + l, true
}
