package mbedsim

import (
	"bytes"
	"strconv"
	"strings"
)

// The OID tables of library/oid.c. An OID is looked up by exact length and
// bytes (FN_OID_TYPED_FROM_ASN1), so a non-minimal or truncated encoding is
// simply unknown. Which entries exist depends on the build: every signature
// algorithm needs its hash and its key module, every curve its
// MBEDTLS_ECP_DP_*_ENABLED (3.6: MBEDTLS_ECP_HAVE_*).

// oidBytes encodes a dotted OID as DER content octets.
func oidBytes(dotted string) []byte {
	parts := strings.Split(dotted, ".")
	arcs := make([]uint64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			panic("mbedsim: bad OID " + dotted)
		}
		arcs[i] = v
	}
	out := []byte(nil)
	enc := func(v uint64) {
		var tmp [10]byte
		i := len(tmp) - 1
		tmp[i] = byte(v & 0x7F)
		for v >>= 7; v > 0; v >>= 7 {
			i--
			tmp[i] = byte(v&0x7F) | 0x80
		}
		out = append(out, tmp[i:]...)
	}
	enc(arcs[0]*40 + arcs[1])
	for _, a := range arcs[2:] {
		enc(a)
	}
	return out
}

// pkType is mbedtls_pk_type_t, as far as parsing distinguishes it.
type pkType uint8

const (
	pkNone pkType = iota
	pkRSA
	pkECKey
	pkECKeyDH
	pkECDSA
	pkRSASSAPSS
)

var pkNames = [...]string{"", "RSA", "EC", "EC", "ECDSA", "RSASSA-PSS"}

// sigAlg is one entry of oid.c's oid_sig_alg table.
type sigAlg struct {
	oid  []byte
	name string
	md   Hash
	pk   pkType
}

// hashNone marks RSASSA-PSS, whose hash comes from its parameters.
const hashNone Hash = numHashes

var sigAlgs []sigAlg

func initSigAlgs() {
	sigAlgs = []sigAlg{
		{oidBytes("1.2.840.113549.1.1.2"), "md2WithRSAEncryption", MD2, pkRSA},
		{oidBytes("1.2.840.113549.1.1.3"), "md4WithRSAEncryption", MD4, pkRSA},
		{oidBytes("1.2.840.113549.1.1.4"), "md5WithRSAEncryption", MD5, pkRSA},
		{oidBytes("1.2.840.113549.1.1.5"), "sha1WithRSAEncryption", SHA1, pkRSA},
		{oidBytes("1.2.840.113549.1.1.14"), "sha224WithRSAEncryption", SHA224, pkRSA},
		{oidBytes("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption", SHA256, pkRSA},
		{oidBytes("1.2.840.113549.1.1.12"), "sha384WithRSAEncryption", SHA384, pkRSA},
		{oidBytes("1.2.840.113549.1.1.13"), "sha512WithRSAEncryption", SHA512, pkRSA},
		{oidBytes("1.3.14.3.2.29"), "sha1WithRSASignature", SHA1, pkRSA}, // MBEDTLS_OID_RSA_SHA_OBS
		{oidBytes("1.2.840.10045.4.1"), "ecdsa-with-SHA1", SHA1, pkECDSA},
		{oidBytes("1.2.840.10045.4.3.1"), "ecdsa-with-SHA224", SHA224, pkECDSA},
		{oidBytes("1.2.840.10045.4.3.2"), "ecdsa-with-SHA256", SHA256, pkECDSA},
		{oidBytes("1.2.840.10045.4.3.3"), "ecdsa-with-SHA384", SHA384, pkECDSA},
		{oidBytes("1.2.840.10045.4.3.4"), "ecdsa-with-SHA512", SHA512, pkECDSA},
		{oidBytes("1.2.840.113549.1.1.10"), "RSASSA-PSS", hashNone, pkRSASSAPSS},
	}
}

// lookupSigAlg is mbedtls_oid_get_sig_alg for this build. RSA OIDs need
// RSA_C, ECDSA OIDs ECDSA_C (3.6: PK_CAN_ECDSA_SOME), and each its hash;
// RSASSA-PSS needs only RSA_C (oid.c, both versions). MD2 and MD4 exist only
// in 2.28.
func (b *Build) lookupSigAlg(oid []byte) (*sigAlg, bool) {
	for i := range sigAlgs {
		s := &sigAlgs[i]
		if !bytes.Equal(s.oid, oid) {
			continue
		}
		switch s.pk {
		case pkRSA, pkRSASSAPSS:
			if !b.RSA {
				return nil, false
			}
		case pkECDSA:
			if !b.ECDSA {
				return nil, false
			}
		}
		if s.md != hashNone {
			if (s.md == MD2 || s.md == MD4) && b.v36() {
				return nil, false
			}
			if !b.Hashes.Has(s.md) {
				return nil, false
			}
		}
		return s, true
	}
	return nil, false
}

// mdOIDs is oid.c's oid_md_alg table (SHA-3 only in 3.6).
// mdOID is one row of mdOIDs.
type mdOID struct {
	oid []byte
	md  Hash
}

var mdOIDs []mdOID

func initMdOIDs() {
	mdOIDs = []mdOID{
		{oidBytes("1.2.840.113549.2.2"), MD2},
		{oidBytes("1.2.840.113549.2.4"), MD4},
		{oidBytes("1.2.840.113549.2.5"), MD5},
		{oidBytes("1.3.14.3.2.26"), SHA1},
		{oidBytes("2.16.840.1.101.3.4.2.4"), SHA224},
		{oidBytes("2.16.840.1.101.3.4.2.1"), SHA256},
		{oidBytes("2.16.840.1.101.3.4.2.2"), SHA384},
		{oidBytes("2.16.840.1.101.3.4.2.3"), SHA512},
		{oidBytes("1.3.36.3.2.1"), RIPEMD160},
		{oidBytes("2.16.840.1.101.3.4.2.7"), SHA3_224},
		{oidBytes("2.16.840.1.101.3.4.2.8"), SHA3_256},
		{oidBytes("2.16.840.1.101.3.4.2.9"), SHA3_384},
		{oidBytes("2.16.840.1.101.3.4.2.10"), SHA3_512},
	}
}

// lookupMD is mbedtls_oid_get_md_alg, used for the RSASSA-PSS hashes.
func (b *Build) lookupMD(oid []byte) (Hash, bool) {
	for _, e := range mdOIDs {
		if bytes.Equal(e.oid, oid) {
			if (e.md == MD2 || e.md == MD4) && b.v36() {
				return 0, false
			}
			if (e.md >= SHA3_224) && !b.v36() {
				return 0, false
			}
			if !b.Hashes.Has(e.md) {
				return 0, false
			}
			return e.md, true
		}
	}
	return 0, false
}

var (
	oidRSAEncryption []byte
	oidECPublicKey   []byte
	oidECDH          []byte
	oidX25519        []byte
	oidX448          []byte
	oidMGF1          []byte
	oidPrimeField    []byte
	oidAnyPolicy     []byte
	oidHWModuleName  []byte
)

func initOIDVars() {
	oidRSAEncryption = oidBytes("1.2.840.113549.1.1.1")
	oidECPublicKey = oidBytes("1.2.840.10045.2.1")
	oidECDH = oidBytes("1.3.132.1.12")
	oidX25519 = oidBytes("1.3.101.110")
	oidX448 = oidBytes("1.3.101.111")
	oidMGF1 = oidBytes("1.2.840.113549.1.1.8")
	oidPrimeField = oidBytes("1.2.840.10045.1.1")
	oidAnyPolicy = oidBytes("2.5.29.32.0")
	oidHWModuleName = oidBytes("1.3.6.1.5.5.7.8.4")
}

// extType is the extension bit mbedTLS records in crt->ext_types
// (include/mbedtls/x509.h MBEDTLS_X509_EXT_*); a second extension with the
// same bit is an error.
type extType uint32

const (
	extAuthorityKeyID  extType = 1 << 0
	extSubjectKeyID    extType = 1 << 1
	extKeyUsage        extType = 1 << 2
	extPolicies        extType = 1 << 3
	extSubjectAltName  extType = 1 << 5
	extBasicConstraint extType = 1 << 8
	extExtKeyUsage     extType = 1 << 11
	extNSCertType      extType = 1 << 16
)

// extOID is one extension mbedTLS knows.
type extOID struct {
	oid    []byte
	t      extType
	only36 bool
	name   string
	step   string // the Failure.Step of its errors, filled in by initTables
}

var extOIDs []extOID

func initExtOIDs() {
	extOIDs = []extOID{
		{oidBytes("2.5.29.19"), extBasicConstraint, false, "basicConstraints", ""},
		{oidBytes("2.5.29.15"), extKeyUsage, false, "keyUsage", ""},
		{oidBytes("2.5.29.37"), extExtKeyUsage, false, "extKeyUsage", ""},
		{oidBytes("2.5.29.17"), extSubjectAltName, false, "subjectAltName", ""},
		{oidBytes("2.16.840.1.113730.1.1"), extNSCertType, false, "nsCertType", ""},
		{oidBytes("2.5.29.32"), extPolicies, false, "certificatePolicies", ""},
		{oidBytes("2.5.29.14"), extSubjectKeyID, true, "subjectKeyIdentifier", ""},
		{oidBytes("2.5.29.35"), extAuthorityKeyID, true, "authorityKeyIdentifier", ""},
	}
}

func initExtSteps() {
	for i := range extOIDs {
		extOIDs[i].step = stepExt + "." + extOIDs[i].name
	}
}

// lookupExt is mbedtls_oid_get_x509_ext_type: 3.6 added SKID and AKID. It
// returns the extension's bit and the step name of its errors.
func (b *Build) lookupExt(oid []byte) (extType, string, bool) {
	for i := range extOIDs {
		e := &extOIDs[i]
		if bytes.Equal(e.oid, oid) {
			if e.only36 && !b.v36() {
				return 0, "", false
			}
			return e.t, e.step, true
		}
	}
	return 0, "", false
}

// ekuNames names the extended key usages mbedTLS describes; others are
// shown as dotted OIDs.
// ekuRow is one row of ekuNames.
type ekuRow struct {
	oid  []byte
	name string
}

var ekuNames []ekuRow

func initEkuNames() {
	ekuNames = []ekuRow{
		{oidBytes("1.3.6.1.5.5.7.3.1"), "serverAuth"},
		{oidBytes("1.3.6.1.5.5.7.3.2"), "clientAuth"},
		{oidBytes("1.3.6.1.5.5.7.3.3"), "codeSigning"},
		{oidBytes("1.3.6.1.5.5.7.3.4"), "emailProtection"},
		{oidBytes("1.3.6.1.5.5.7.3.8"), "timeStamping"},
		{oidBytes("1.3.6.1.5.5.7.3.9"), "OCSPSigning"},
		{oidBytes("1.3.6.1.4.1.45605.1"), "wisun-fan-device"}, // MBEDTLS_OID_WISUN_FAN
		{oidBytes("2.5.29.37.0"), "anyExtendedKeyUsage"},
	}
}

// dnNames are oid.c's oid_x520_attr_type short names, used to print names.
// dnName is one row of dnNames.
type dnName struct {
	oid  []byte
	name string
}

var dnNames []dnName

func initDnNames() {
	dnNames = []dnName{
		{oidBytes("2.5.4.3"), "CN"},
		{oidBytes("2.5.4.6"), "C"},
		{oidBytes("2.5.4.7"), "L"},
		{oidBytes("2.5.4.8"), "ST"},
		{oidBytes("2.5.4.10"), "O"},
		{oidBytes("2.5.4.11"), "OU"},
		{oidBytes("1.2.840.113549.1.9.1"), "emailAddress"},
		{oidBytes("2.5.4.5"), "serialNumber"},
		{oidBytes("2.5.4.16"), "postalAddress"},
		{oidBytes("2.5.4.17"), "postalCode"},
		{oidBytes("2.5.4.4"), "SN"},
		{oidBytes("2.5.4.42"), "GN"},
		{oidBytes("2.5.4.43"), "initials"},
		{oidBytes("2.5.4.44"), "generationQualifier"},
		{oidBytes("2.5.4.12"), "title"},
		{oidBytes("2.5.4.46"), "dnQualifier"},
		{oidBytes("2.5.4.65"), "pseudonym"},
		{oidBytes("0.9.2342.19200300.100.1.25"), "DC"},
		{oidBytes("2.5.4.45"), "uniqueIdentifier"},
	}
}

// dottedOID prints OID content octets in dotted form (best effort for
// malformed encodings).
func dottedOID(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	var sb strings.Builder
	var v uint64
	first := true
	for _, c := range b {
		v = v<<7 | uint64(c&0x7F)
		if c&0x80 != 0 {
			continue
		}
		if first {
			x, y := v/40, v%40
			if x > 2 {
				x, y = 2, v-80
			}
			sb.WriteString(strconv.FormatUint(x, 10))
			sb.WriteByte('.')
			sb.WriteString(strconv.FormatUint(y, 10))
			first = false
		} else {
			sb.WriteByte('.')
			sb.WriteString(strconv.FormatUint(v, 10))
		}
		v = 0
	}
	return sb.String()
}
