package mbedsim

// The heap model estimates what one mbedtls_x509_crt_parse call asks of the
// device's allocator, for a 32-bit target (4-byte pointers, size_t and
// mbedtls_mpi_uint).
//
// Struct sizes were measured with gcc -m32 (i386 ABI, which matches
// arm-none-eabi for these structs) against the oracle's stock builds:
//
//	                         2.28.3  3.6.6
//	mbedtls_x509_crt            344    408   one per chain node after the first
//	mbedtls_x509_name            32     32   one per name attribute after the first, per name
//	mbedtls_asn1_sequence        16     16   one per SAN, EKU, policy entry after the first
//	mbedtls_rsa_context         172    120   pk context of an RSA key
//	mbedtls_ecp_keypair         172    128   pk context of an EC key
//	mbedtls_pk_rsassa_pss_options  8      8   RSASSA-PSS signatures
//
// plus the copy of the DER (make_copy), the limbs of the key's numbers
// (RSA n and e as read, leading zero octets included; EC X, Y and Z), and,
// on the PEM path, the decoded block, which lives only while its
// certificate is parsed. Curve constants are static in both versions
// (ecp_curves.c ecp_mpi_load points at const tables), and the chain head is
// the caller's own mbedtls_x509_crt, so neither is counted.
//
// Each allocation is charged as a typical 32-bit malloc (dlmalloc, newlib,
// ESP-IDF's multi_heap) sees it: rounded up to 8 bytes plus an 8-byte
// header, at least 16. HeapBytes is the peak: everything kept so far plus
// the block being parsed. Temporaries of a few dozen bytes (the EC point
// check's numbers, name nodes built and freed while 3.6 checks a
// directoryName) are below the model's resolution and left out.
type heap struct {
	live, transient, peak int
}

// heapFacts are what the model needs of one parsed certificate.
type heapFacts struct {
	raw        int
	nameNodes  int
	seqNodes   int
	key        pkType
	rsaN, rsaE int
	ecPlen     int
	montgomery bool
	pss        bool
}

func chunk(n int) int {
	c := (n+7)&^7 + 8
	if c < 16 {
		c = 16
	}
	return c
}

func limbBytes(octets int) int { return (octets + 3) / 4 * 4 }

func (w *walker) heapFacts() heapFacts {
	f := &w.f
	h := heapFacts{raw: f.rawEnd, key: f.keyType, pss: f.sig != nil && f.sig.pk == pkRSASSAPSS && w.b.RSASSAPSS}
	if f.issuerN > 1 {
		h.nameNodes += f.issuerN - 1
	}
	if f.subjectN > 1 {
		h.nameNodes += f.subjectN - 1
	}
	for _, n := range [...]int{f.sanN, f.ekuN, f.policiesN, f.akidIssuerN} {
		if n > 1 {
			h.seqNodes += n - 1
		}
	}
	h.rsaN, h.rsaE = f.rsaN.e-f.rsaN.s, f.rsaE.e-f.rsaE.s
	if f.keyType == pkECKey || f.keyType == pkECKeyDH {
		h.ecPlen = curves[f.curve].plen
		h.montgomery = curves[f.curve].montgomery
	}
	return h
}

// certBytes is the heap one parsed certificate keeps.
func (f *heapFacts) certBytes(b *Build, extraNode bool) int {
	crt, rsa, ec := 344, 172, 172
	if b.v36() {
		crt, rsa, ec = 408, 120, 128
	}
	n := chunk(f.raw) + f.nameNodes*chunk(32) + f.seqNodes*chunk(16)
	if extraNode {
		n += chunk(crt)
	}
	switch f.key {
	case pkRSA:
		n += chunk(rsa) + chunk(limbBytes(f.rsaN)) + chunk(limbBytes(f.rsaE))
	case pkECKey, pkECKeyDH:
		n += chunk(ec) + chunk(limbBytes(f.ecPlen)) + chunk(4)
		if !f.montgomery {
			n += chunk(limbBytes(f.ecPlen))
		}
	}
	if f.pss {
		n += chunk(8)
	}
	return n
}

func (h *heap) bump(n int) {
	if n > h.peak {
		h.peak = n
	}
}

// pemBlock charges the decoded buffer of a PEM block.
func (h *heap) pemBlock(derLen int) {
	h.transient = chunk(derLen)
	h.bump(h.live + h.transient)
}

// cert adds a parsed certificate to what is kept.
func (h *heap) cert(b *Build, f heapFacts, extraNode bool) {
	h.live += f.certBytes(b, extraNode)
	h.bump(h.live + h.transient)
}

// failedCopy charges the DER copy a failing certificate makes before it
// fails and frees it (from the outer SEQUENCE on).
func (h *heap) failedCopy(raw int) {
	if raw > 0 {
		h.bump(h.live + h.transient + chunk(raw))
	}
}

func (h *heap) endBlock() { h.transient = 0 }
