package mbedsim

import "bytes"

// This file reads, from Cert.Raw, what verification needs and the parse model
// does not keep: the TBS bytes and signature value (for the signature check),
// the names as mbedTLS stores them (for x509_name_cmp), the subjectAltName
// entries with their tags, whether keyUsage is present, the signature
// parameters of RSASSA-PSS and the public key. Raw comes from a certificate
// that parsed, but the reader is defensive anyway: any surprise yields ok ==
// false and the certificate is treated as one that cannot be checked.

// derTLV is one element: its tag, its content and the whole encoding.
type derTLV struct {
	tag     byte
	content []byte
	full    []byte
}

// derNext reads one element from the front of d; rest is what follows it.
// Lengths may be long-form with up to four octets, as mbedtls_asn1_get_len
// accepts them.
func derNext(d []byte) (e derTLV, rest []byte, ok bool) {
	if len(d) < 2 {
		return e, nil, false
	}
	tag := d[0]
	l, p := int(d[1]), 2
	if l&0x80 != 0 {
		n := l & 0x7F
		if n == 0 || n > 4 || len(d) < 2+n {
			return e, nil, false
		}
		l = 0
		for _, c := range d[2 : 2+n] {
			l = l<<8 | int(c)
		}
		p = 2 + n
		if l < 0 {
			return e, nil, false
		}
	}
	if len(d)-p < l {
		return e, nil, false
	}
	return derTLV{tag: tag, content: d[p : p+l], full: d[:p+l]}, d[p+l:], true
}

// nameAttr is one AttributeTypeAndValue of a Name as library/x509.c:x509_get_name@2.28.3,3.6.6
// stores it: the OID, the value's tag and bytes, and whether the next
// attribute is in the same RDN (next_merged).
type nameAttr struct {
	oid    []byte
	tag    byte
	val    []byte
	merged bool
}

// parseName splits a Name's DER into its attributes.
func parseName(raw []byte) ([]nameAttr, bool) {
	seq, _, ok := derNext(raw)
	if !ok || seq.tag != 0x30 {
		return nil, false
	}
	var out []nameAttr
	for sets := seq.content; len(sets) > 0; {
		set, rest, ok := derNext(sets)
		if !ok || set.tag != 0x31 {
			return nil, false
		}
		sets = rest
		for atvs := set.content; len(atvs) > 0; {
			atv, rest, ok := derNext(atvs)
			if !ok || atv.tag != 0x30 {
				return nil, false
			}
			atvs = rest
			oid, r2, ok := derNext(atv.content)
			if !ok || oid.tag != 0x06 {
				return nil, false
			}
			val, _, ok := derNext(r2)
			if !ok {
				return nil, false
			}
			out = append(out, nameAttr{oid: oid.content, tag: val.tag, val: val.content, merged: len(atvs) > 0})
		}
	}
	return out, true
}

// memCaseEqual is library/x509_crt.c:x509_memcasecmp@2.28.3,3.6.6 on equal
// lengths: bytes equal, or ASCII letters differing only in case.
func memCaseEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		d := a[i] ^ b[i]
		if d == 0 {
			continue
		}
		c := a[i]
		if d == 32 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			continue
		}
		return false
	}
	return true
}

// nameEqual is library/x509_crt.c:x509_name_cmp@2.28.3,3.6.6: attribute by
// attribute, same OID, same RDN structure, and values equal by
// x509_string_cmp (same tag and bytes, or both UTF8String/PrintableString and
// equal ignoring ASCII case).
func nameEqual(a, b []nameAttr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if !bytes.Equal(x.oid, y.oid) || x.merged != y.merged {
			return false
		}
		if x.tag == y.tag && bytes.Equal(x.val, y.val) {
			continue
		}
		str := func(t byte) bool { return t == tagUTF8String || t == tagPrintableString }
		if str(x.tag) && str(y.tag) && memCaseEqual(x.val, y.val) {
			continue
		}
		return false
	}
	return true
}

const (
	tagUTF8String      = 0x0C
	tagPrintableString = 0x13
)

var (
	vOidCN          = []byte{0x55, 0x04, 0x03}
	vOidSAN         = []byte{0x55, 0x1D, 0x11}
	vOidKeyUsage    = []byte{0x55, 0x1D, 0x0F}
	vOidECDH        = []byte{0x2B, 0x81, 0x04, 0x01, 0x0C}
	vOidRSA         = []byte{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01}
	vOidECPublicKey = []byte{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01}
	vOidMGF1        = []byte{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08}
)

// sanEntry is one GeneralName of subjectAltName: its tag and content.
type sanEntry struct {
	tag byte
	val []byte
}

// certParts is what verification reads from one certificate's DER.
type certParts struct {
	tbs     []byte // the whole tbsCertificate element, as hashed
	sig     []byte // signature BIT STRING without its unused-bits octet
	sigAlg  []byte // outer signatureAlgorithm content (OID and parameters)
	issuer  []nameAttr
	subject []nameAttr
	spkiAlg []byte // subjectPublicKeyInfo algorithm OID
	spkiPar derTLV // its parameters (curve OID), tag 0 if absent
	spkiKey []byte // subjectPublicKey without its unused-bits octet
	hasSAN  bool
	san     []sanEntry
	hasKU   bool
}

// splitCert reads the parts of a certificate's DER.
func splitCert(raw []byte) (*certParts, bool) {
	outer, _, ok := derNext(raw)
	if !ok || outer.tag != 0x30 {
		return nil, false
	}
	tbs, rest, ok := derNext(outer.content)
	if !ok || tbs.tag != 0x30 {
		return nil, false
	}
	alg, rest, ok := derNext(rest)
	if !ok || alg.tag != 0x30 {
		return nil, false
	}
	sig, _, ok := derNext(rest)
	if !ok || sig.tag != 0x03 || len(sig.content) < 1 {
		return nil, false
	}
	p := &certParts{tbs: tbs.full, sig: sig.content[1:], sigAlg: alg.content}
	f := tbs.content
	var e derTLV
	if len(f) > 0 && f[0] == 0xA0 {
		if _, f, ok = derNext(f); !ok {
			return nil, false
		}
	}
	var fields [6]derTLV // serial, sigAlg, issuer, validity, subject, spki
	for i := range fields {
		if fields[i], f, ok = derNext(f); !ok {
			return nil, false
		}
	}
	if p.issuer, ok = parseName(fields[2].full); !ok {
		return nil, false
	}
	if p.subject, ok = parseName(fields[4].full); !ok {
		return nil, false
	}
	spkiAlg, r, ok := derNext(fields[5].content)
	if !ok {
		return nil, false
	}
	key, _, ok := derNext(r)
	if !ok || key.tag != 0x03 || len(key.content) < 1 {
		return nil, false
	}
	p.spkiKey = key.content[1:]
	oid, r, ok := derNext(spkiAlg.content)
	if !ok {
		return nil, false
	}
	p.spkiAlg = oid.content
	if len(r) > 0 {
		if p.spkiPar, _, ok = derNext(r); !ok {
			return nil, false
		}
	}
	for len(f) > 0 {
		if e, f, ok = derNext(f); !ok {
			return nil, false
		}
		if e.tag != 0xA3 {
			continue
		}
		exts, _, ok := derNext(e.content)
		if !ok {
			return nil, false
		}
		for l := exts.content; len(l) > 0; {
			var ext derTLV
			if ext, l, ok = derNext(l); !ok {
				return nil, false
			}
			id, r, ok := derNext(ext.content)
			if !ok {
				return nil, false
			}
			var v derTLV
			for len(r) > 0 {
				if v, r, ok = derNext(r); !ok {
					return nil, false
				}
			}
			switch {
			case bytes.Equal(id.content, vOidKeyUsage):
				p.hasKU = true
			case bytes.Equal(id.content, vOidSAN):
				p.hasSAN = true
				names, _, ok := derNext(v.content)
				if !ok {
					return nil, false
				}
				for n := names.content; len(n) > 0; {
					var gn derTLV
					if gn, n, ok = derNext(n); !ok {
						return nil, false
					}
					p.san = append(p.san, sanEntry{tag: gn.tag, val: gn.content})
				}
			}
		}
	}
	return p, true
}
