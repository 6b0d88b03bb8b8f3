package mbedsim

import (
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Hash is a message digest mbedTLS may be built with. A hash that is not
// compiled in removes the signature-algorithm OIDs that use it from the OID
// table, so a certificate signed with it fails with -0x262E.
type Hash uint8

// The digests that appear in certificate signature algorithms or RSASSA-PSS
// parameters.
const (
	MD2 Hash = iota
	MD4
	MD5
	SHA1
	SHA224
	SHA256
	SHA384
	SHA512
	RIPEMD160
	SHA3_224
	SHA3_256
	SHA3_384
	SHA3_512
	numHashes
)

var hashNames = [numHashes]string{"MD2", "MD4", "MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "RIPEMD160", "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512"}

// String returns the digest's usual name ("SHA256").
func (h Hash) String() string {
	if h < numHashes {
		return hashNames[h]
	}
	return "Hash(" + strconv.Itoa(int(h)) + ")"
}

// HashSet is a set of digests.
type HashSet uint32

// Has reports whether h is in the set.
func (s HashSet) Has(h Hash) bool { return s&(1<<h) != 0 }

// With returns the set with h added.
func (s HashSet) With(h ...Hash) HashSet {
	for _, x := range h {
		s |= 1 << x
	}
	return s
}

// Without returns the set with h removed.
func (s HashSet) Without(h ...Hash) HashSet {
	for _, x := range h {
		s &^= 1 << x
	}
	return s
}

// Curve is an elliptic curve mbedTLS may be built with
// (MBEDTLS_ECP_DP_<curve>_ENABLED).
type Curve uint8

// The curves mbedTLS knows, in the order of its OID table.
const (
	SECP192R1 Curve = iota
	SECP224R1
	SECP256R1
	SECP384R1
	SECP521R1
	SECP192K1
	SECP224K1
	SECP256K1
	BP256R1
	BP384R1
	BP512R1
	Curve25519
	Curve448
	numCurves
)

// String returns the curve's name as certificates and OpenSSL spell it
// ("secp256r1", "brainpoolP256r1").
func (c Curve) String() string {
	tables()
	if c < numCurves {
		return curves[c].name
	}
	return "Curve(" + strconv.Itoa(int(c)) + ")"
}

// CurveSet is a set of curves.
type CurveSet uint32

// Has reports whether c is in the set.
func (s CurveSet) Has(c Curve) bool { return s&(1<<c) != 0 }

// With returns the set with c added.
func (s CurveSet) With(c ...Curve) CurveSet {
	for _, x := range c {
		s |= 1 << x
	}
	return s
}

// Without returns the set with c removed.
func (s CurveSet) Without(c ...Curve) CurveSet {
	for _, x := range c {
		s &^= 1 << x
	}
	return s
}

// Build is what one mbedTLS build can do when it parses certificates,
// derived from its configuration macros (FromMacros) or taken from the
// upstream default (Stock). The zero value is not useful.
type Build struct {
	// Version is the mbedTLS line (2.28 or 3.6).
	Version errcode.MbedVersion

	// PEMParse is MBEDTLS_PEM_PARSE_C: without it mbedtls_x509_crt_parse
	// always takes the DER path.
	PEMParse bool
	// PEMEncryption is whether pem_read_buffer understands
	// "Proc-Type: 4,ENCRYPTED" (2.28: MD5_C, CIPHER_MODE_CBC and DES_C or
	// AES_C; 3.6: the same with MD_CAN_MD5, pem.c's PEM_RFC1421). Without it
	// such a block gives -0x1400.
	PEMEncryption bool
	// PEMDES and PEMAES are MBEDTLS_DES_C and MBEDTLS_AES_C: which DEK-Info
	// algorithms an encrypted block may name.
	PEMDES, PEMAES bool

	// RSA is MBEDTLS_RSA_C: RSA keys and every RSA signature OID.
	RSA bool
	// ECDSA is whether the ecdsa-with-* signature OIDs exist
	// (2.28: MBEDTLS_ECDSA_C; 3.6: MBEDTLS_PK_CAN_ECDSA_SOME).
	ECDSA bool
	// ECKeys is whether EC public keys can be parsed (2.28: MBEDTLS_ECP_C;
	// 3.6: MBEDTLS_PK_HAVE_ECC_KEYS).
	ECKeys bool
	// ECPSAData is 3.6's MBEDTLS_PK_USE_PSA_EC_DATA (USE_PSA_CRYPTO without
	// ECP_C): EC public keys are validated by a PSA import instead of ECP.
	ECPSAData bool
	// Curves are the curves whose OIDs are known (2.28:
	// MBEDTLS_ECP_DP_*_ENABLED; 3.6: MBEDTLS_ECP_HAVE_*).
	Curves CurveSet
	// Hashes are the digests whose OIDs are known (2.28: MD2_C ... SHA512_C,
	// RIPEMD160_C; 3.6: MBEDTLS_MD_CAN_*).
	Hashes HashSet

	// MPIMaxSize is MBEDTLS_MPI_MAX_SIZE in bytes: a longer RSA modulus
	// fails with -0x3B00.
	MPIMaxSize int
	// MPILimbBytes is the size of mbedtls_mpi_uint on the target (4 on 32-bit
	// devices, 8 on 64-bit hosts). MBEDTLS_MPI_MAX_LIMBS (10000) limbs is the
	// largest integer mbedTLS will read, so it decides when an absurdly long
	// INTEGER fails early.
	MPILimbBytes int

	// RSASSAPSS is MBEDTLS_X509_RSASSA_PSS_SUPPORT.
	RSASSAPSS bool
	// AllowUnsupportedCriticalExtension is 2.28's
	// MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION (removed in 3.0).
	AllowUnsupportedCriticalExtension bool
	// AllowExtensionsNonV3 is 2.28's MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3
	// (removed in 3.0).
	AllowExtensionsNonV3 bool
	// PKParseECExtended is MBEDTLS_PK_PARSE_EC_EXTENDED: EC keys with
	// explicit (specifiedCurve) parameters.
	PKParseECExtended bool
	// PKParseECCompressed is 3.6's MBEDTLS_PK_PARSE_EC_COMPRESSED. It only
	// matters with ECPSAData: the ECP path of 3.6 always decompresses.
	PKParseECCompressed bool
	// ECPNISTOptim is MBEDTLS_ECP_NIST_OPTIM: the NIST curves get a fast
	// reduction that refuses over-long inputs, which 3.6 can meet while
	// decompressing a secp521r1 point whose x has more than 521 bits.
	ECPNISTOptim bool

	// CallocZeroReturnsNull is a property of the platform, not of mbedTLS:
	// whether calloc(1, 0) returns NULL (glibc does not; some embedded
	// allocators do). In 2.28 a PEM block whose body is only whitespace then
	// fails with -0x1180 instead of decoding to an empty buffer.
	CallocZeroReturnsNull bool
}

// v36 reports whether the build is of the 3.6 line.
func (b *Build) v36() bool { return b.Version == errcode.Mbed36 }

// macroSet is a configuration as a set of macro names.
type macroSet map[string]string

func (m macroSet) has(name string) bool { _, ok := m[name]; return ok }

func (m macroSet) any(names ...string) bool {
	for _, n := range names {
		if m.has(n) {
			return true
		}
	}
	return false
}

// FromMacros derives a Build from configuration macros (NAME -> value, ""
// for flags). It accepts both a fully preprocessed macro set (such as the
// oracle builds' config.txt, where 3.6's build_info.h has already added
// MBEDTLS_MD_CAN_*, MBEDTLS_ECP_HAVE_*, PSA_WANT_* ...) and a raw user
// configuration holding only the legacy MBEDTLS_*_C options: for the options
// that matter to certificate parsing it derives what 3.6's
// config_adjust_legacy_crypto.h and config_adjust_psa_from_legacy.h would.
// The derivations only ever add capabilities, so applying them to an
// already preprocessed set changes nothing.
func FromMacros(v errcode.MbedVersion, macros map[string]string) Build {
	tables()
	m := macroSet(macros)
	b := Build{
		Version:      v,
		PEMParse:     m.has("MBEDTLS_PEM_PARSE_C"),
		RSA:          m.has("MBEDTLS_RSA_C"),
		MPIMaxSize:   1024, // bignum.h default
		MPILimbBytes: 4,
		RSASSAPSS:    m.has("MBEDTLS_X509_RSASSA_PSS_SUPPORT"),
		PEMDES:       m.has("MBEDTLS_DES_C"),
		PEMAES:       m.has("MBEDTLS_AES_C"),
	}
	if s, ok := macros["MBEDTLS_MPI_MAX_SIZE"]; ok {
		if n, err := parseCInt(s); err == nil && n > 0 {
			b.MPIMaxSize = n
		}
	}
	// The limb is 64 bits where bignum.h finds a 64-bit multiply
	// (MBEDTLS_HAVE_INT64, or 3.6's MBEDTLS_ARCH_IS_X64 / ARM64 in a
	// preprocessed set); MBEDTLS_HAVE_INT32 forces 32 bits. Devices are
	// mostly 32-bit, hence the default.
	if m.any("MBEDTLS_HAVE_INT64", "MBEDTLS_ARCH_IS_X64", "MBEDTLS_ARCH_IS_ARM64") && !m.has("MBEDTLS_HAVE_INT32") {
		b.MPILimbBytes = 8
	}
	if v == errcode.Mbed36 {
		fromMacros36(&b, m)
	} else {
		fromMacros228(&b, m)
	}
	return b
}

var legacyCurveMacros = [numCurves]string{
	"SECP192R1", "SECP224R1", "SECP256R1", "SECP384R1", "SECP521R1",
	"SECP192K1", "SECP224K1", "SECP256K1", "BP256R1", "BP384R1", "BP512R1",
	"CURVE25519", "CURVE448",
}

// psaCurveMacros are the PSA_WANT_ECC_* names of each curve.
var psaCurveMacros = [numCurves]string{
	"PSA_WANT_ECC_SECP_R1_192", "PSA_WANT_ECC_SECP_R1_224", "PSA_WANT_ECC_SECP_R1_256",
	"PSA_WANT_ECC_SECP_R1_384", "PSA_WANT_ECC_SECP_R1_521", "PSA_WANT_ECC_SECP_K1_192",
	"PSA_WANT_ECC_SECP_K1_224", "PSA_WANT_ECC_SECP_K1_256", "PSA_WANT_ECC_BRAINPOOL_P_R1_256",
	"PSA_WANT_ECC_BRAINPOOL_P_R1_384", "PSA_WANT_ECC_BRAINPOOL_P_R1_512",
	"PSA_WANT_ECC_MONTGOMERY_255", "PSA_WANT_ECC_MONTGOMERY_448",
}

// fromMacros228 reads a 2.28 configuration. 2.28 has no derived macros:
// config.h is the whole story.
func fromMacros228(b *Build, m macroSet) {
	// oid.c (2.28.3) compiles each signature OID under the module of its
	// hash; SHA-224 lives in SHA256_C and SHA-384 in SHA512_C.
	for h, name := range map[Hash]string{MD2: "MBEDTLS_MD2_C", MD4: "MBEDTLS_MD4_C", MD5: "MBEDTLS_MD5_C",
		SHA1: "MBEDTLS_SHA1_C", RIPEMD160: "MBEDTLS_RIPEMD160_C"} {
		if m.has(name) {
			b.Hashes = b.Hashes.With(h)
		}
	}
	if m.has("MBEDTLS_SHA256_C") {
		b.Hashes = b.Hashes.With(SHA224, SHA256)
	}
	if m.has("MBEDTLS_SHA512_C") {
		b.Hashes = b.Hashes.With(SHA384, SHA512)
	}
	b.ECDSA = m.has("MBEDTLS_ECDSA_C")
	b.ECKeys = m.has("MBEDTLS_ECP_C")
	if b.ECKeys {
		for c := Curve(0); c < numCurves; c++ {
			if m.has("MBEDTLS_ECP_DP_" + legacyCurveMacros[c] + "_ENABLED") {
				b.Curves = b.Curves.With(c)
			}
		}
	}
	// pem.c (2.28.3): the encrypted-PEM code exists only with all of these.
	b.PEMEncryption = m.has("MBEDTLS_MD5_C") && m.has("MBEDTLS_CIPHER_MODE_CBC") && (b.PEMDES || b.PEMAES)
	b.AllowUnsupportedCriticalExtension = m.has("MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION")
	b.AllowExtensionsNonV3 = m.has("MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3")
	b.PKParseECExtended = m.has("MBEDTLS_PK_PARSE_EC_EXTENDED")
	b.ECPNISTOptim = m.has("MBEDTLS_ECP_NIST_OPTIM")
}

// fromMacros36 reads a 3.6 configuration, adding what build_info.h derives
// (include/mbedtls/config_adjust_legacy_crypto.h@3.6.6 and pk.h).
func fromMacros36(b *Build, m macroSet) {
	psaC := m.has("MBEDTLS_PSA_CRYPTO_C")
	psaClient := psaC || m.has("MBEDTLS_PSA_CRYPTO_CLIENT")
	usePSA := m.has("MBEDTLS_USE_PSA_CRYPTO")
	// Without MBEDTLS_PSA_CRYPTO_CONFIG the PSA_WANT_* macros are derived
	// from the legacy options (config_adjust_psa_from_legacy.h), so a raw
	// config that names none of them wants what its legacy modules provide.
	anyPSAWant := false
	for k := range m {
		if strings.HasPrefix(k, "PSA_WANT_") {
			anyPSAWant = true
			break
		}
	}
	want := func(psaName, legacy string) bool {
		if anyPSAWant {
			return m.has(psaName)
		}
		return m.has(legacy)
	}

	// MBEDTLS_MD_CAN_xxx: a built-in module, or PSA (drivers with
	// PSA_CRYPTO_C, PSA_WANT with a client-only build).
	type md struct {
		h                Hash
		can, legacy, psa string
	}
	for _, d := range []md{
		{MD5, "MBEDTLS_MD_CAN_MD5", "MBEDTLS_MD5_C", "ALG_MD5"},
		{SHA1, "MBEDTLS_MD_CAN_SHA1", "MBEDTLS_SHA1_C", "ALG_SHA_1"},
		{SHA224, "MBEDTLS_MD_CAN_SHA224", "MBEDTLS_SHA224_C", "ALG_SHA_224"},
		{SHA256, "MBEDTLS_MD_CAN_SHA256", "MBEDTLS_SHA256_C", "ALG_SHA_256"},
		{SHA384, "MBEDTLS_MD_CAN_SHA384", "MBEDTLS_SHA384_C", "ALG_SHA_384"},
		{SHA512, "MBEDTLS_MD_CAN_SHA512", "MBEDTLS_SHA512_C", "ALG_SHA_512"},
		{RIPEMD160, "MBEDTLS_MD_CAN_RIPEMD160", "MBEDTLS_RIPEMD160_C", "ALG_RIPEMD160"},
		{SHA3_224, "MBEDTLS_MD_CAN_SHA3_224", "MBEDTLS_SHA3_C", "ALG_SHA3_224"},
		{SHA3_256, "MBEDTLS_MD_CAN_SHA3_256", "MBEDTLS_SHA3_C", "ALG_SHA3_256"},
		{SHA3_384, "MBEDTLS_MD_CAN_SHA3_384", "MBEDTLS_SHA3_C", "ALG_SHA3_384"},
		{SHA3_512, "MBEDTLS_MD_CAN_SHA3_512", "MBEDTLS_SHA3_C", "ALG_SHA3_512"},
	} {
		can := m.has(d.can) || m.has(d.legacy)
		if psaC && m.has("MBEDTLS_PSA_ACCEL_"+d.psa) {
			can = true
		}
		if !psaC && psaClient && m.has("PSA_WANT_"+d.psa) {
			can = true
		}
		if can {
			b.Hashes = b.Hashes.With(d.h)
		}
	}

	wantECCPublic := want("PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY", "MBEDTLS_ECP_C")
	ecpC := m.has("MBEDTLS_ECP_C")
	b.ECKeys = m.has("MBEDTLS_PK_HAVE_ECC_KEYS") || ecpC || (usePSA && wantECCPublic)
	// pk.h@3.6.6: PSA keeps EC keys itself only when ECP_C is absent.
	b.ECPSAData = usePSA && wantECCPublic && !ecpC
	if usePSA {
		b.ECDSA = m.has("MBEDTLS_PK_CAN_ECDSA_SOME") || want("PSA_WANT_ALG_ECDSA", "MBEDTLS_ECDSA_C")
	} else {
		b.ECDSA = m.has("MBEDTLS_PK_CAN_ECDSA_SOME") || m.has("MBEDTLS_ECDSA_C")
	}
	if b.ECKeys {
		for c := Curve(0); c < numCurves; c++ {
			if m.has("MBEDTLS_ECP_HAVE_"+legacyCurveMacros[c]) ||
				m.has("MBEDTLS_ECP_DP_"+legacyCurveMacros[c]+"_ENABLED") ||
				m.has(psaCurveMacros[c]) {
				b.Curves = b.Curves.With(c)
			}
		}
	}
	b.PKParseECExtended = m.has("MBEDTLS_PK_PARSE_EC_EXTENDED")
	b.ECPNISTOptim = m.has("MBEDTLS_ECP_NIST_OPTIM")
	// config_adjust_legacy_crypto.h: kept on for compatibility whenever
	// PK_PARSE_C and ECP_C are.
	b.PKParseECCompressed = m.has("MBEDTLS_PK_PARSE_EC_COMPRESSED") || (m.has("MBEDTLS_PK_PARSE_C") && ecpC)
	// pem.c@3.6.6 PEM_RFC1421.
	b.PEMEncryption = b.Hashes.Has(MD5) && m.has("MBEDTLS_CIPHER_MODE_CBC") && (b.PEMDES || b.PEMAES)
}

// parseCInt reads a C integer constant as config headers write them
// (decimal or 0x hex, optional parentheses and U/L suffixes).
func parseCInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	s = strings.TrimRight(s, "uUlL")
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return 0, err
	}
	if n > 1<<30 {
		n = 1 << 30
	}
	return int(n), nil
}

// stockMacros228 is the part of the upstream 2.28.3 default config.h that
// certificate parsing looks at.
var stockMacros228 = []string{
	"MBEDTLS_PEM_PARSE_C", "MBEDTLS_BASE64_C", "MBEDTLS_RSA_C", "MBEDTLS_ECDSA_C", "MBEDTLS_ECP_C",
	"MBEDTLS_MD5_C", "MBEDTLS_SHA1_C", "MBEDTLS_SHA256_C", "MBEDTLS_SHA512_C", "MBEDTLS_RIPEMD160_C",
	"MBEDTLS_CIPHER_MODE_CBC", "MBEDTLS_DES_C", "MBEDTLS_AES_C", "MBEDTLS_X509_RSASSA_PSS_SUPPORT",
	"MBEDTLS_PK_PARSE_C", "MBEDTLS_PK_PARSE_EC_EXTENDED", "MBEDTLS_ECP_NIST_OPTIM",
	"MBEDTLS_ECP_DP_SECP192R1_ENABLED", "MBEDTLS_ECP_DP_SECP224R1_ENABLED", "MBEDTLS_ECP_DP_SECP256R1_ENABLED",
	"MBEDTLS_ECP_DP_SECP384R1_ENABLED", "MBEDTLS_ECP_DP_SECP521R1_ENABLED", "MBEDTLS_ECP_DP_SECP192K1_ENABLED",
	"MBEDTLS_ECP_DP_SECP224K1_ENABLED", "MBEDTLS_ECP_DP_SECP256K1_ENABLED", "MBEDTLS_ECP_DP_BP256R1_ENABLED",
	"MBEDTLS_ECP_DP_BP384R1_ENABLED", "MBEDTLS_ECP_DP_BP512R1_ENABLED", "MBEDTLS_ECP_DP_CURVE25519_ENABLED",
	"MBEDTLS_ECP_DP_CURVE448_ENABLED",
}

// stockMacros36 is what the upstream 3.6.6 default mbedtls_config.h
// adds to 2.28's for certificate parsing (legacy options only; FromMacros
// adds the derived ones).
var stockMacros36 = []string{
	"MBEDTLS_SHA224_C", "MBEDTLS_SHA384_C", "MBEDTLS_SHA3_C", "MBEDTLS_PSA_CRYPTO_C",
}

// Stock returns the upstream default configuration of a line (2.28.3's
// config.h, 3.6.6's mbedtls_config.h), on a 32-bit target.
func Stock(v errcode.MbedVersion) Build {
	tables()
	names := stockMacros228
	if v == errcode.Mbed36 {
		names = append(names[:len(names):len(names)], stockMacros36...)
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = ""
	}
	return FromMacros(v, m)
}
