package mbedsim

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// cert builds the Cert of a certificate that parsed. Only here does the
// model allocate per field, and little: all strings are cut from one
// buffer.
func (w *walker) cert() *Cert {
	d := w.d
	f := &w.f
	c := &Cert{
		Raw:         d[:f.rawEnd:f.rawEnd],
		Version:     f.version,
		SigAlg:      f.sig.name,
		SigPK:       pkNames[f.sig.pk],
		RawIssuer:   f.issuer.of(d),
		RawSubject:  f.subject.of(d),
		NotBefore:   f.notBefore.time(),
		NotAfter:    f.notAfter.time(),
		IsCA:        f.isCA,
		MaxPathLen:  f.maxPathLen - 1,
		KeyUsage:    f.keyUsage,
		HasKeyUsage: f.extTypes&extKeyUsage != 0,
	}
	if f.sig.md != hashNone {
		c.SigHash = f.sig.md.String()
	} else {
		c.SigHash = f.pssHash.String()
	}
	c.SelfIssued = bytes.Equal(c.RawIssuer, c.RawSubject)
	switch f.keyType {
	case pkRSA:
		c.KeyType = "RSA"
		c.KeyBits = bitLen(f.rsaN.of(d))
	case pkECKey, pkECKeyDH:
		c.KeyType = "EC"
		c.KeyBits = curves[f.curve].pbits
		if curves[f.curve].montgomery {
			c.KeyBits = curves[f.curve].nbits + 1
		}
		c.Curve = curves[f.curve].name
	}

	// One buffer for every string: serial, issuer, subject, DNS names.
	var sb strings.Builder
	sb.Grow(3*(f.serial.e-f.serial.s) + 2*(f.issuer.e-f.issuer.s+f.subject.e-f.subject.s) + (f.san.e - f.san.s))
	writeSerial(&sb, f.serial.of(d))
	serialEnd := sb.Len()
	writeDN(&sb, d, f.issuer)
	issuerEnd := sb.Len()
	writeDN(&sb, d, f.subject)
	subjectEnd := sb.Len()
	var dnsEnds []int
	for p := f.san.s; p < f.san.e; {
		q, l, _ := getLen(d, p+1, f.san.e)
		if d[p]&0xDF == 0x82 {
			sb.Write(d[q : q+l])
			dnsEnds = append(dnsEnds, sb.Len())
		}
		p = q + l
	}
	all := sb.String()
	c.SerialHex, c.Issuer, c.Subject = all[:serialEnd], all[serialEnd:issuerEnd], all[issuerEnd:subjectEnd]
	if len(dnsEnds) > 0 {
		c.DNSNames = make([]string, len(dnsEnds))
		prev := subjectEnd
		for i, e := range dnsEnds {
			c.DNSNames[i], prev = all[prev:e], e
		}
	}

	if f.ekuN > 0 {
		c.ExtKeyUsage = make([]string, 0, f.ekuN)
		for p := f.eku.s; p < f.eku.e; {
			q, l, _ := getLen(d, p+1, f.eku.e)
			c.ExtKeyUsage = append(c.ExtKeyUsage, ekuName(d[q:q+l]))
			p = q + l
		}
	}
	if f.skid.e > f.skid.s {
		c.SubjectKeyID = d[f.skid.s:f.skid.e:f.skid.e]
	}
	if f.akid.e > f.akid.s {
		c.AuthorityKeyID = d[f.akid.s:f.akid.e:f.akid.e]
	}
	c.heap = w.heapFacts()
	return c
}

func (t date) time() time.Time {
	return time.Date(t.year, time.Month(t.mon), t.day, t.hour, t.min, t.sec, 0, time.UTC)
}

// writeSerial prints a serial as library/x509.c:mbedtls_x509_serial_gets@2.28.3,3.6.6 does:
// uppercase hex octets joined by ':', without a leading zero octet.
func writeSerial(sb *strings.Builder, s []byte) {
	const digits = "0123456789ABCDEF"
	if len(s) > 1 && s[0] == 0 {
		s = s[1:]
	}
	for i, c := range s {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteByte(digits[c>>4])
		sb.WriteByte(digits[c&15])
	}
}

func ekuName(oid []byte) string {
	for _, e := range ekuNames {
		if bytes.Equal(e.oid, oid) {
			return e.name
		}
	}
	return dottedOID(oid)
}

// writeDN prints a Name (already validated by the walk) as
// "CN=Example Root, O=Example", joining the attributes of one RDN with
// " + ", in the order of the certificate.
func writeDN(sb *strings.Builder, d []byte, name span) {
	if name.e <= name.s {
		return
	}
	p, l, code := getTag(d, name.s, name.e, tagSequence)
	if code != 0 {
		return
	}
	end := p + l
	first := true
	for p < end {
		q, l, code := getTag(d, p, end, tagSet)
		if code != 0 {
			break
		}
		setEnd := q + l
		firstInSet := true
		for q < setEnd {
			aq, al, code := getTag(d, q, setEnd, tagSequence)
			if code != 0 {
				break
			}
			attrEnd := aq + al
			oq, ol, _ := getTag(d, aq, attrEnd, tagOID)
			vt := d[oq+ol]
			vq, vl, _ := getLen(d, oq+ol+1, attrEnd)
			if !first {
				if firstInSet {
					sb.WriteString(", ")
				} else {
					sb.WriteString(" + ")
				}
			}
			first, firstInSet = false, false
			sb.WriteString(attrName(d[oq : oq+ol]))
			sb.WriteByte('=')
			writeValue(sb, vt, d[vq:vq+vl])
			q = attrEnd
		}
		p = setEnd
	}
}

func attrName(oid []byte) string {
	for _, a := range dnNames {
		if bytes.Equal(a.oid, oid) {
			return a.name
		}
	}
	return dottedOID(oid)
}

// writeValue prints an attribute value readably: strings as text with
// non-printable characters replaced by '?', BIT STRINGs in hex.
func writeValue(sb *strings.Builder, tag byte, v []byte) {
	switch tag {
	case tagBMP:
		u := make([]uint16, 0, len(v)/2)
		for i := 0; i+1 < len(v); i += 2 {
			u = append(u, uint16(v[i])<<8|uint16(v[i+1]))
		}
		writeRunes(sb, string(utf16.Decode(u)))
	case tagUniversal:
		var rs []rune
		for i := 0; i+3 < len(v); i += 4 {
			rs = append(rs, rune(uint32(v[i])<<24|uint32(v[i+1])<<16|uint32(v[i+2])<<8|uint32(v[i+3])))
		}
		writeRunes(sb, string(rs))
	case tagBitString:
		sb.WriteByte('#')
		for _, c := range v {
			sb.WriteString(hexByte(c))
		}
	case tagUTF8:
		if utf8.Valid(v) {
			writeRunes(sb, string(v))
			return
		}
		fallthrough
	default:
		for _, c := range v {
			if c < 0x20 || c >= 0x7F {
				c = '?'
			}
			sb.WriteByte(c)
		}
	}
}

func writeRunes(sb *strings.Builder, s string) {
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r == utf8.RuneError {
			r = '?'
		}
		sb.WriteRune(r)
	}
}
