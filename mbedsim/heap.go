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
// Allocations happen in this order (x509_crt_parse_der_core): chain node,
// DER copy, RSASSA-PSS options, issuer and subject name nodes, the key
// (context and numbers, then the temporaries of the EC point check, freed
// again), extension nodes. The peak of one certificate is therefore either
// everything it keeps or, for EC keys, what it holds during the point check
// plus that check's temporaries (ecCheckTemp, measured). A certificate that
// fails is charged what it had allocated when it failed, then freed.
//
// Each allocation is charged as a typical 32-bit malloc (dlmalloc, newlib,
// ESP-IDF's multi_heap) sees it: rounded up to 8 bytes plus an 8-byte
// header, at least 16. HeapBytes is the peak over the whole call.
//
// Checked against 32-bit (-m32) builds of 2.28.3 and 3.6.6 whose calloc was
// replaced (mbedtls_platform_set_calloc_free) by one that charges the same
// way and records the peak: exact on every measured certificate that parses
// (RSA 2048-8192, all curves uncompressed and compressed, X25519/X448,
// RSASSA-PSS, SAN/EKU/policy lists, DER, PEM, a three-certificate bundle);
// failing certificates are approximations (the temporaries of a failing
// check are not modelled; within 128 bytes on the measured ones). The
// exact values are pinned by TestHeapModel.
type heap struct {
	live, transient, peak int
}

// heapFacts are what the model needs of one certificate, as far as its
// parse got.
type heapFacts struct {
	raw        int
	nameNodes  int
	seqNodes   int
	key        pkType // the pk context was allocated
	rsaN, rsaE int
	ecPlen     int
	montgomery bool
	pss        bool
	ecCheck    int // temporaries of the EC point check, if it ran
}

// ecCheckTemp is the peak of the temporaries of the EC public key check
// (mbedtls_ecp_point_read_binary and mbedtls_ecp_check_pubkey: the squares
// and products of ecp_check_pubkey_sw, the square root of 3.6's
// decompression), measured on the 32-bit builds with the allocation charge
// above. Index: [uncompressed or Montgomery, compressed (3.6)].
var ecCheckTemp = [numCurves][2]int{
	SECP192R1:  {144, 712},
	SECP224R1:  {208, 0}, // 3.6 cannot decompress on P-224
	SECP256R1:  {232, 952},
	SECP384R1:  {328, 1352},
	SECP521R1:  {368, 1760},
	SECP192K1:  {184, 904}, // not measured: secp256k1's values
	SECP224K1:  {184, 0},   // not measured: no decompression (p = 1 mod 4)
	SECP256K1:  {184, 904},
	BP256R1:    {512, 904},
	BP384R1:    {720, 1288},
	BP512R1:    {928, 1672},
	Curve25519: {168, 0},
	Curve448:   {240, 0},
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
	h := heapFacts{raw: f.rawEnd, key: f.keyType, pss: f.sig != nil && f.sig.pk == pkRSASSAPSS && w.b.RSASSAPSS, ecCheck: f.ecCheck}
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

// certBytes returns the heap one certificate keeps, and its own peak while
// it is parsed (both without what was live before it).
func (f *heapFacts) certBytes(b *Build, extraNode bool) (keep, peak int) {
	crt, rsa, ec := 344, 172, 172
	if b.v36() {
		crt, rsa, ec = 408, 120, 128
	}
	if f.raw > 0 {
		keep = chunk(f.raw)
	}
	keep += f.nameNodes * chunk(32)
	if extraNode {
		keep += chunk(crt)
	}
	if f.pss {
		keep += chunk(8)
	}
	switch f.key {
	case pkRSA:
		keep += chunk(rsa)
		if f.rsaN > 0 {
			keep += chunk(limbBytes(f.rsaN))
		}
		if f.rsaE > 0 {
			keep += chunk(limbBytes(f.rsaE))
		}
	case pkECKey, pkECKeyDH:
		keep += chunk(ec)
		if f.ecCheck > 0 {
			keep += chunk(limbBytes(f.ecPlen)) + chunk(4)
			if !f.montgomery {
				keep += chunk(limbBytes(f.ecPlen))
			}
		}
	}
	peak = keep + f.ecCheck
	keep += f.seqNodes * chunk(16)
	return keep, max(peak, keep)
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
	keep, peak := f.certBytes(b, extraNode)
	h.bump(h.live + h.transient + peak)
	h.live += keep
}

// failed charges what a failing certificate had allocated before it failed
// and freed again.
func (h *heap) failed(b *Build, f heapFacts, extraNode bool) {
	if f.raw == 0 {
		return // the outer SEQUENCE failed: nothing was allocated
	}
	_, peak := f.certBytes(b, extraNode)
	h.bump(h.live + h.transient + peak)
}

func (h *heap) endBlock() { h.transient = 0 }
