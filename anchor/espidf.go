package anchor

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// The ESP-IDF certificate bundle (components/mbedtls/esp_crt_bundle) holds,
// per certificate, only the subject name and the public key, sorted by the
// subject's DER so the device can binary-search it by issuer name:
//
//	before v5.4: count u16 BE, then per certificate
//	             name_len u16 BE, key_len u16 BE, name DER, SubjectPublicKeyInfo DER
//	from v5.4:   count u32 LE offsets from the bundle start (the first offset is
//	             therefore 4*count), then per certificate
//	             name_len u16 LE, key_len u16 LE, name DER, SubjectPublicKeyInfo DER
//
// (gen_crt_bundle.py and esp_crt_bundle.c at v5.3 and v5.4.)

// BundleEntry is one certificate as the bundle holds it.
type BundleEntry struct {
	Name []byte // subject DER
	Key  []byte // SubjectPublicKeyInfo DER
}

// BundleError says why bytes are not a bundle of the given layout.
type BundleError struct {
	Version string
	Offset  int
	Reason  string
}

func (e *BundleError) Error() string {
	return fmt.Sprintf("ESP-IDF %s bundle, byte %d: %s", e.Version, e.Offset, e.Reason)
}

// BuildIDFBundle writes the bundle in the layout of version (IDF53 or
// IDF54; "" is IDF54).
func BuildIDFBundle(anchors []*Anchor, version string) ([]byte, error) {
	if version == "" {
		version = IDF54
	}
	sorted := sortedAnchors(anchors)
	for _, a := range sorted {
		if len(a.RawSubject) > 0xffff || len(a.SPKI) > 0xffff {
			return nil, fmt.Errorf("%q: name or key longer than 65535 bytes does not fit the bundle", a.Subject)
		}
	}
	var body bytes.Buffer
	switch version {
	case IDF53:
		if len(sorted) > 0xffff {
			return nil, fmt.Errorf("more than 65535 certificates do not fit the bundle")
		}
		body.Write(binary.BigEndian.AppendUint16(nil, uint16(len(sorted))))
		for _, a := range sorted {
			body.Write(binary.BigEndian.AppendUint16(nil, uint16(len(a.RawSubject))))
			body.Write(binary.BigEndian.AppendUint16(nil, uint16(len(a.SPKI))))
			body.Write(a.RawSubject)
			body.Write(a.SPKI)
		}
		return body.Bytes(), nil
	case IDF54:
		var certs bytes.Buffer
		offsets := make([]byte, 0, 4*len(sorted))
		for _, a := range sorted {
			offsets = binary.LittleEndian.AppendUint32(offsets, uint32(4*len(sorted)+certs.Len()))
			certs.Write(binary.LittleEndian.AppendUint16(nil, uint16(len(a.RawSubject))))
			certs.Write(binary.LittleEndian.AppendUint16(nil, uint16(len(a.SPKI))))
			certs.Write(a.RawSubject)
			certs.Write(a.SPKI)
		}
		body.Write(offsets)
		body.Write(certs.Bytes())
		return body.Bytes(), nil
	}
	return nil, fmt.Errorf("unknown ESP-IDF version %q: want %s (layout of v4.x to v5.3) or %s (v5.4 and later)", version, IDF53, IDF54)
}

// ReadIDFBundle reads a bundle in the layout of version, checking what
// esp_crt_bundle.c checks (lengths inside the data; for v5.4, the offset
// table consistent with the entries) and that names are sorted, which the
// device's binary search relies on. Unlike the device it also requires the
// last entry to end exactly at the end of the data.
func ReadIDFBundle(data []byte, version string) ([]BundleEntry, error) {
	fail := func(off int, format string, args ...any) ([]BundleEntry, error) {
		return nil, &BundleError{Version: version, Offset: off, Reason: fmt.Sprintf(format, args...)}
	}
	var order binary.ByteOrder
	var count, pos int
	var offsets []int
	switch version {
	case IDF53:
		order = binary.BigEndian
		if len(data) < 2 {
			return fail(0, "shorter than the 2-byte count")
		}
		count, pos = int(order.Uint16(data)), 2
	case IDF54, "":
		version, order = IDF54, binary.LittleEndian
		if len(data) < 4 {
			return fail(0, "shorter than one offset")
		}
		first := int(order.Uint32(data))
		if first == 0 || first%4 != 0 || first > len(data) {
			return fail(0, "first offset %d is not 4 x the certificate count inside the data", first)
		}
		count, pos = first/4, first
		for i := range count {
			offsets = append(offsets, int(order.Uint32(data[4*i:])))
		}
	default:
		return fail(0, "unknown version %q", version)
	}
	var out []BundleEntry
	for i := range count {
		if offsets != nil && offsets[i] != pos {
			return fail(4*i, "offset %d of certificate %d, but it starts at %d", offsets[i], i, pos)
		}
		if pos+4 > len(data) {
			return fail(pos, "certificate %d of %d: header past the end", i, count)
		}
		nl, kl := int(order.Uint16(data[pos:])), int(order.Uint16(data[pos+2:]))
		if pos+4+nl+kl > len(data) {
			return fail(pos, "certificate %d of %d: name %d and key %d bytes run past the end", i, count, nl, kl)
		}
		e := BundleEntry{Name: data[pos+4 : pos+4+nl], Key: data[pos+4+nl : pos+4+nl+kl]}
		if len(out) > 0 && bytes.Compare(out[len(out)-1].Name, e.Name) > 0 {
			return fail(pos, "certificate %d is out of order: the device's binary search would miss names", i)
		}
		out = append(out, e)
		pos += 4 + nl + kl
	}
	if pos != len(data) {
		return fail(pos, "%d bytes after the last certificate", len(data)-pos)
	}
	return out, nil
}
