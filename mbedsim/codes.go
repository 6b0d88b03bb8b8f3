package mbedsim

// The error codes the parse can return, with mbedTLS's values. A returned
// code is often the sum of a high-level code (PEM, X509, PK) and a low-level
// one (ASN1, BASE64, OID, MPI): MBEDTLS_ERROR_ADD(high, low) is plain
// addition (include/mbedtls/error.h), so -0x2180 + -0x0062 = -0x21E2.
const (
	errASN1OutOfData      = -0x0060
	errASN1UnexpectedTag  = -0x0062
	errASN1InvalidLength  = -0x0064
	errASN1LengthMismatch = -0x0066
	errASN1InvalidData    = -0x0068

	errBase64InvalidChar = -0x002C
	errOIDNotFound       = -0x002E
	errMPIAllocFailed    = -0x0010

	errPEMNoHeaderFooter   = -0x1080
	errPEMInvalidData      = -0x1100
	errPEMAllocFailed      = -0x1180
	errPEMInvalidEncIV     = -0x1200
	errPEMUnknownEncAlg    = -0x1280
	errPEMPasswordRequired = -0x1300
	errPEMFeatureUnavail   = -0x1400
	errPEMBadInputData     = -0x1480

	errX509FeatureUnavailable = -0x2080
	errX509InvalidFormat      = -0x2180
	errX509InvalidVersion     = -0x2200
	errX509InvalidSerial      = -0x2280
	errX509InvalidAlg         = -0x2300
	errX509InvalidName        = -0x2380
	errX509InvalidDate        = -0x2400
	errX509InvalidSignature   = -0x2480
	errX509InvalidExtensions  = -0x2500
	errX509UnknownVersion     = -0x2580
	errX509UnknownSigAlg      = -0x2600
	errX509SigMismatch        = -0x2680
	errX509CertUnknownFormat  = -0x2780
	errX509BadInputData       = -0x2800

	errPKBufferTooSmall    = -0x3880 // 3.6 only
	errPKFeatureUnavail    = -0x3980
	errPKUnknownNamedCurve = -0x3A00
	errPKInvalidAlg        = -0x3A80
	errPKInvalidPubkey     = -0x3B00
	errPKUnknownPKAlg      = -0x3C80
	errPKKeyInvalidFormat  = -0x3D00

	errECPInvalidKey         = -0x4C80
	errECPFeatureUnavailable = -0x4E80
	errECPBadInputData       = -0x4F80
)

// rule names the mbedTLS function a check reproduces. Each has a citation
// per version, because functions moved between files from 2.28 to 3.6.
type rule uint8

const (
	rCrtParse rule = iota
	rPEMRead
	rPEMGetIV
	rBase64
	rParseDERCore
	rGetVersion
	rGetSerial
	rGetAlg
	rGetSigAlg
	rPSSParams
	rHashAlg
	rGetName
	rAttrTypeValue
	rGetDates
	rGetTime
	rParseTime
	rDateValid
	rGetUID
	rGetCrtExt
	rGetExt
	rBasicConstraints
	rKeyUsage
	rNSCertType
	rExtKeyUsage
	rSANOuter
	rSANLoop
	rParseSAN
	rOtherName
	rPolicies
	rSubjectKeyID
	rAuthorityKeyID
	rGetSig
	rSubPubKey
	rPKAlg
	rRSAPubKey
	rRSACheck
	rUseECParams
	rGroupFromSpecified
	rGroupIDFromGroup
	rRFC8410
	rECPubKey
	rPointRead
	rDeriveY
	rECPModP
	rCheckPubkey
	rCheckPubkeyMx
	rMPIRead
	rPSAImport
	numRules
)

// ruleSource gives, per rule, "file:function" in 2.28.3 and in 3.6.6 (the
// same when the function did not move).
var ruleSource = [numRules][2]string{
	rCrtParse:           {"library/x509_crt.c:mbedtls_x509_crt_parse", ""},
	rPEMRead:            {"library/pem.c:mbedtls_pem_read_buffer", ""},
	rPEMGetIV:           {"library/pem.c:pem_get_iv", ""},
	rBase64:             {"library/base64.c:mbedtls_base64_decode", ""},
	rParseDERCore:       {"library/x509_crt.c:x509_crt_parse_der_core", ""},
	rGetVersion:         {"library/x509_crt.c:x509_get_version", ""},
	rGetSerial:          {"library/x509.c:mbedtls_x509_get_serial", ""},
	rGetAlg:             {"library/x509.c:mbedtls_x509_get_alg", ""},
	rGetSigAlg:          {"library/x509.c:mbedtls_x509_get_sig_alg", ""},
	rPSSParams:          {"library/x509.c:mbedtls_x509_get_rsassa_pss_params", ""},
	rHashAlg:            {"library/x509.c:x509_get_hash_alg", ""},
	rGetName:            {"library/x509.c:mbedtls_x509_get_name", ""},
	rAttrTypeValue:      {"library/x509.c:x509_get_attr_type_value", ""},
	rGetDates:           {"library/x509_crt.c:x509_get_dates", ""},
	rGetTime:            {"library/x509.c:mbedtls_x509_get_time", ""},
	rParseTime:          {"library/x509.c:x509_parse_time", "library/x509.c:mbedtls_x509_get_time"},
	rDateValid:          {"library/x509.c:x509_date_is_valid", ""},
	rGetUID:             {"library/x509_crt.c:x509_get_uid", ""},
	rGetCrtExt:          {"library/x509_crt.c:x509_get_crt_ext", ""},
	rGetExt:             {"library/x509.c:mbedtls_x509_get_ext", ""},
	rBasicConstraints:   {"library/x509_crt.c:x509_get_basic_constraints", ""},
	rKeyUsage:           {"library/x509_crt.c:x509_get_key_usage", "library/x509.c:mbedtls_x509_get_key_usage"},
	rNSCertType:         {"library/x509_crt.c:x509_get_ns_cert_type", "library/x509.c:mbedtls_x509_get_ns_cert_type"},
	rExtKeyUsage:        {"library/x509_crt.c:x509_get_ext_key_usage", ""},
	rSANOuter:           {"library/x509_crt.c:x509_get_subject_alt_name", "library/x509.c:mbedtls_x509_get_subject_alt_name"},
	rSANLoop:            {"library/x509_crt.c:x509_get_subject_alt_name", "library/x509.c:mbedtls_x509_get_subject_alt_name_ext"},
	rParseSAN:           {"library/x509_crt.c:mbedtls_x509_parse_subject_alt_name", "library/x509.c:mbedtls_x509_parse_subject_alt_name"},
	rOtherName:          {"library/x509_crt.c:x509_get_other_name", "library/x509.c:x509_get_other_name"},
	rPolicies:           {"library/x509_crt.c:x509_get_certificate_policies", ""},
	rSubjectKeyID:       {"", "library/x509_crt.c:x509_get_subject_key_id"},
	rAuthorityKeyID:     {"", "library/x509_crt.c:x509_get_authority_key_id"},
	rGetSig:             {"library/x509.c:mbedtls_x509_get_sig", ""},
	rSubPubKey:          {"library/pkparse.c:mbedtls_pk_parse_subpubkey", ""},
	rPKAlg:              {"library/pkparse.c:pk_get_pk_alg", ""},
	rRSAPubKey:          {"library/pkparse.c:pk_get_rsapubkey", "library/rsa.c:mbedtls_rsa_parse_pubkey"},
	rRSACheck:           {"library/rsa.c:mbedtls_rsa_check_pubkey", ""},
	rUseECParams:        {"library/pkparse.c:pk_use_ecparams", ""},
	rGroupFromSpecified: {"library/pkparse.c:pk_group_from_specified", ""},
	rGroupIDFromGroup:   {"library/pkparse.c:pk_group_id_from_group", ""},
	rRFC8410:            {"", "library/pkparse.c:pk_use_ecparams_rfc8410"},
	rECPubKey:           {"library/pkparse.c:pk_get_ecpubkey", "library/pk_ecc.c:mbedtls_pk_ecc_set_pubkey"},
	rPointRead:          {"library/ecp.c:mbedtls_ecp_point_read_binary", ""},
	rDeriveY:            {"", "library/ecp.c:mbedtls_ecp_sw_derive_y"},
	rECPModP:            {"library/ecp.c:ecp_modp", ""},
	rCheckPubkey:        {"library/ecp.c:ecp_check_pubkey_sw", ""},
	rCheckPubkeyMx:      {"", "library/ecp.c:ecp_check_bad_points_mx"},
	rMPIRead:            {"library/bignum.c:mbedtls_mpi_read_binary", ""},
	rPSAImport:          {"", "library/pk_ecc.c:mbedtls_pk_ecc_set_pubkey"},
}

// ruleCite holds the finished citations, "file:function@release", so that
// recording a failure never builds a string.
var ruleCite [numRules][2]string

func initRuleCite() {
	for r, src := range ruleSource {
		c228, c36 := src[0], src[1]
		if c36 == "" {
			c36 = c228
		}
		if c228 == "" {
			c228 = c36 // 3.6-only rules are never reached by a 2.28 build
		}
		ruleCite[r] = [2]string{c228 + "@2.28.3", c36 + "@3.6.6"}
	}
}
