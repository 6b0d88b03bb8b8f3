package profile

import (
	"strings"
	"sync"
)

// This file models what an mbedTLS 3.6 build adds to a configuration after
// reading the config files: the macros the library derives from the options
// (PSA_WANT_*, MBEDTLS_PSA_BUILTIN_*, MBEDTLS_MD_CAN_*, MBEDTLS_ECP_HAVE_*,
// MBEDTLS_PK_HAVE_ECC_KEYS, ...) and the options it switches on or off because
// others require or exclude them. The rules are tlsdoctor's own statement of
// those facts, checked against gcc: the generator preprocesses the real
// headers for many configurations and records the resulting macro sets
// (derivedSamples36 in stock_gen.go), and TestDerive36MatchesGCC replays them.
//
// A rule reads "when these options are (not) defined, these macros are
// defined (or removed)". The rules run in order, because later ones look at
// what earlier ones derived.

// derivedRule is one fact of the derivation.
type derivedRule struct {
	when  func(has func(string) bool) bool // nil: always
	set   []string                         // "NAME" (empty value) or "NAME=VALUE"
	unset []string
	// keep, for set: leave a macro that is already defined as it is.
	keep bool
}

func all(names ...string) func(func(string) bool) bool {
	return func(has func(string) bool) bool {
		for _, n := range names {
			if !has(n) {
				return false
			}
		}
		return true
	}
}

func anyOf(names ...string) func(func(string) bool) bool {
	return func(has func(string) bool) bool {
		for _, n := range names {
			if has(n) {
				return true
			}
		}
		return false
	}
}

func not(name string) func(func(string) bool) bool {
	return func(has func(string) bool) bool { return !has(name) }
}

func both(a, b func(func(string) bool) bool) func(func(string) bool) bool {
	return func(has func(string) bool) bool { return a(has) && b(has) }
}

func either(a, b func(func(string) bool) bool) func(func(string) bool) bool {
	return func(has func(string) bool) bool { return a(has) || b(has) }
}

// one wants the PSA_WANT_ and MBEDTLS_PSA_BUILTIN_ forms of a mechanism, both "1".
func wantAndBuiltin(mechs ...string) []string {
	var out []string
	for _, m := range mechs {
		out = append(out, "PSA_WANT_"+m+"=1", "MBEDTLS_PSA_BUILTIN_"+m+"=1")
	}
	return out
}

func ones(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n + "=1"
	}
	return out
}

// hash36 ties a 3.6 hash module to its PSA algorithm name and its MD name.
type hash36 struct{ legacy, psa, md string }

var hashes36 = []hash36{
	{"MBEDTLS_MD5_C", "ALG_MD5", "MD5"},
	{"MBEDTLS_SHA1_C", "ALG_SHA_1", "SHA1"},
	{"MBEDTLS_SHA224_C", "ALG_SHA_224", "SHA224"},
	{"MBEDTLS_SHA256_C", "ALG_SHA_256", "SHA256"},
	{"MBEDTLS_SHA384_C", "ALG_SHA_384", "SHA384"},
	{"MBEDTLS_SHA512_C", "ALG_SHA_512", "SHA512"},
	{"MBEDTLS_RIPEMD160_C", "ALG_RIPEMD160", "RIPEMD160"},
	{"MBEDTLS_SHA3_C", "ALG_SHA3_224", "SHA3_224"},
	{"MBEDTLS_SHA3_C", "ALG_SHA3_256", "SHA3_256"},
	{"MBEDTLS_SHA3_C", "ALG_SHA3_384", "SHA3_384"},
	{"MBEDTLS_SHA3_C", "ALG_SHA3_512", "SHA3_512"},
}

// curve36 ties a curve's legacy option suffix to its PSA name. psaFromLegacy
// is false for secp224k1, which 3.6 does not offer through PSA.
type curve36 struct {
	legacy, psa   string
	psaFromLegacy bool
}

var curves36 = []curve36{
	{"SECP192R1", "SECP_R1_192", true}, {"SECP224R1", "SECP_R1_224", true},
	{"SECP256R1", "SECP_R1_256", true}, {"SECP384R1", "SECP_R1_384", true},
	{"SECP521R1", "SECP_R1_521", true}, {"SECP192K1", "SECP_K1_192", true},
	{"SECP224K1", "SECP_K1_224", false}, {"SECP256K1", "SECP_K1_256", true},
	{"BP256R1", "BRAINPOOL_P_R1_256", true}, {"BP384R1", "BRAINPOOL_P_R1_384", true},
	{"BP512R1", "BRAINPOOL_P_R1_512", true}, {"CURVE25519", "MONTGOMERY_255", true},
	{"CURVE448", "MONTGOMERY_448", true},
}

var dhGroups36 = []string{"DH_RFC7919_2048", "DH_RFC7919_3072", "DH_RFC7919_4096", "DH_RFC7919_6144", "DH_RFC7919_8192"}

// Rule lists, in the order the build applies them.
var (
	derivePrelude36   []derivedRule // always, first
	derivePSACommon36 []derivedRule // with PSA_CRYPTO_CONFIG, PSA_CRYPTO_C or PSA_CRYPTO_CLIENT
	derivePSAConfig36 []derivedRule // with PSA_CRYPTO_CONFIG: PSA_WANT_* decide
	derivePSALegacy36 []derivedRule // without PSA_CRYPTO_CONFIG: legacy options decide
	derivePSATail36   []derivedRule // with the PSA block, after either of the above
	deriveLegacy36    []derivedRule // always, after the PSA block
)

// buildDerive36 fills the rule lists; it runs once, on the first 3.6
// derivation (not at start-up).
func buildDerive36() {
	r := func(list *[]derivedRule, when func(func(string) bool) bool, set ...string) {
		*list = append(*list, derivedRule{when: when, set: set})
	}
	keepIfSet := func(list *[]derivedRule, when func(func(string) bool) bool, set ...string) {
		*list = append(*list, derivedRule{when: when, set: set, keep: true})
	}
	drop := func(list *[]derivedRule, when func(func(string) bool) bool, unset ...string) {
		*list = append(*list, derivedRule{when: when, unset: unset})
	}

	// Prelude.
	r(&derivePrelude36, nil, "MBEDTLS_CONFIG_FILES_READ")
	r(&derivePrelude36, all("MBEDTLS_AES_ONLY_128_BIT_KEY_LENGTH", "MBEDTLS_CTR_DRBG_C"), "MBEDTLS_CTR_DRBG_USE_128_BIT_KEY")
	r(&derivePrelude36, all("MBEDTLS_PKCS5_C"), "MBEDTLS_MD_C")

	// PSA block, common head. Umbrella key-pair macros expand to their parts.
	p := &derivePSACommon36
	for _, kind := range []string{"ECC", "RSA"} {
		parts := []string{"BASIC", "IMPORT", "EXPORT", "GENERATE"}
		if kind == "ECC" {
			parts = append(parts, "DERIVE")
		}
		for _, part := range parts {
			keepIfSet(p, all("PSA_WANT_KEY_TYPE_"+kind+"_KEY_PAIR"), "PSA_WANT_KEY_TYPE_"+kind+"_KEY_PAIR_"+part+"=1")
		}
		for _, part := range parts {
			keepIfSet(p, all("MBEDTLS_PSA_ACCEL_KEY_TYPE_"+kind+"_KEY_PAIR"), "MBEDTLS_PSA_ACCEL_KEY_TYPE_"+kind+"_KEY_PAIR_"+part)
		}
	}
	// Pairs of synonyms: either name brings the other, pointing at it.
	for _, pair := range [][2]string{{"ALG_ECDSA_ANY", "ALG_ECDSA"}, {"ALG_RSA_PKCS1V15_SIGN_RAW", "ALG_RSA_PKCS1V15_SIGN"}, {"ALG_RSA_PSS_ANY_SALT", "ALG_RSA_PSS"}} {
		a, b := "PSA_WANT_"+pair[0], "PSA_WANT_"+pair[1]
		r(p, both(all(a), not(b)), b+"="+a)
		r(p, both(not(a), all(b)), a+"="+b)
	}
	// Key derivations need HMAC unless a driver does them.
	softKDF := func(has func(string) bool) bool {
		for _, alg := range []string{"TLS12_PRF", "TLS12_PSK_TO_MS", "HKDF", "HKDF_EXTRACT", "HKDF_EXPAND", "PBKDF2_HMAC"} {
			if has("PSA_WANT_ALG_"+alg) && !has("MBEDTLS_PSA_ACCEL_ALG_"+alg) {
				return true
			}
		}
		return false
	}
	r(p, softKDF, "PSA_WANT_ALG_HMAC=1", "PSA_WANT_KEY_TYPE_HMAC=1")
	r(p, both(all("PSA_WANT_ALG_PBKDF2_AES_CMAC_PRF_128"), not("MBEDTLS_PSA_ACCEL_ALG_PBKDF2_AES_CMAC_PRF_128")), "PSA_WANT_KEY_TYPE_AES=1", "PSA_WANT_ALG_CMAC=1")
	// Every legacy hash and curve is also wanted through PSA.
	for _, h := range hashes36 {
		r(p, all(h.legacy), "PSA_WANT_"+h.psa+"=1")
	}
	for _, c := range curves36 {
		if c.psaFromLegacy {
			keepIfSet(p, all("MBEDTLS_ECP_DP_"+c.legacy+"_ENABLED"), "PSA_WANT_ECC_"+c.psa+"=1")
		}
	}

	// Key pair types, as applied when the PSA config decides (and, again, after
	// the legacy options decided).
	keyPairTypes := func(list *[]derivedRule) {
		for _, kind := range []string{"ECC", "RSA", "DH"} {
			pre := "PSA_WANT_KEY_TYPE_" + kind + "_KEY_PAIR_"
			r(list, anyOf(pre+"IMPORT", pre+"EXPORT", pre+"GENERATE", pre+"DERIVE"), pre+"BASIC=1")
		}
		for _, kind := range []string{"ECC", "RSA", "DH"} {
			r(list, all("PSA_WANT_KEY_TYPE_"+kind+"_KEY_PAIR_BASIC"), "PSA_WANT_KEY_TYPE_"+kind+"_PUBLIC_KEY=1")
		}
		for _, kind := range []string{"ECC", "RSA", "DH"} {
			pre := "PSA_WANT_KEY_TYPE_" + kind + "_KEY_PAIR_"
			r(list, all(pre+"BASIC"), pre+"IMPORT=1", pre+"EXPORT=1")
		}
	}
	keyPairTypes(&derivePSAConfig36)

	// With PSA_CRYPTO_C and the PSA config deciding, every wanted mechanism is
	// built in and brings the legacy modules that implement it. This model
	// assumes no accelerator driver (MBEDTLS_PSA_ACCEL_*): header.go notes it.
	c := &derivePSAConfig36
	withC := func(want string) func(func(string) bool) bool {
		return all("MBEDTLS_PSA_CRYPTO_C", want)
	}
	for _, h := range hashes36 {
		r(c, withC("PSA_WANT_"+h.psa), "MBEDTLS_PSA_BUILTIN_"+h.psa+"=1", h.legacy)
	}
	for _, cv := range curves36 {
		r(c, withC("PSA_WANT_ECC_"+cv.psa), "MBEDTLS_PSA_BUILTIN_ECC_"+cv.psa+"=1", "MBEDTLS_ECP_DP_"+cv.legacy+"_ENABLED")
	}
	asn1 := []string{"MBEDTLS_BIGNUM_C", "MBEDTLS_ASN1_PARSE_C", "MBEDTLS_ASN1_WRITE_C"}
	r(c, withC("PSA_WANT_ALG_DETERMINISTIC_ECDSA"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_DETERMINISTIC_ECDSA=1", "MBEDTLS_ECDSA_DETERMINISTIC", "MBEDTLS_HMAC_DRBG_C", "MBEDTLS_MD_C", "MBEDTLS_ECDSA_C", "MBEDTLS_ECP_C"}, asn1...)...)
	r(c, withC("PSA_WANT_ALG_ECDH"), "MBEDTLS_PSA_BUILTIN_ALG_ECDH=1", "MBEDTLS_ECDH_C", "MBEDTLS_ECP_C", "MBEDTLS_BIGNUM_C")
	r(c, withC("PSA_WANT_ALG_ECDSA"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_ECDSA=1", "MBEDTLS_ECDSA_C", "MBEDTLS_ECP_C"}, asn1...)...)
	rsa := []string{"MBEDTLS_RSA_C", "MBEDTLS_BIGNUM_C", "MBEDTLS_OID_C"}
	r(c, withC("PSA_WANT_ALG_RSA_OAEP"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_RSA_OAEP=1", "MBEDTLS_PKCS1_V21"}, rsa...)...)
	r(c, withC("PSA_WANT_ALG_RSA_PSS"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_RSA_PSS=1", "MBEDTLS_PKCS1_V21"}, rsa...)...)
	r(c, withC("PSA_WANT_ALG_RSA_PKCS1V15_CRYPT"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_RSA_PKCS1V15_CRYPT=1", "MBEDTLS_PKCS1_V15"}, rsa...)...)
	r(c, withC("PSA_WANT_ALG_RSA_PKCS1V15_SIGN"), append([]string{"MBEDTLS_PSA_BUILTIN_ALG_RSA_PKCS1V15_SIGN=1", "MBEDTLS_PKCS1_V15"}, rsa...)...)
	r(c, withC("PSA_WANT_KEY_TYPE_RSA_PUBLIC_KEY"), append([]string{"MBEDTLS_PSA_BUILTIN_KEY_TYPE_RSA_PUBLIC_KEY=1", "MBEDTLS_ASN1_PARSE_C", "MBEDTLS_ASN1_WRITE_C"}, rsa...)...)
	r(c, withC("PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY"), "MBEDTLS_PSA_BUILTIN_KEY_TYPE_ECC_PUBLIC_KEY=1")
	for _, kt := range []struct{ psa, legacy string }{{"AES", "MBEDTLS_AES_C"}, {"ARIA", "MBEDTLS_ARIA_C"}, {"CAMELLIA", "MBEDTLS_CAMELLIA_C"}, {"DES", "MBEDTLS_DES_C"}, {"CHACHA20", "MBEDTLS_CHACHA20_C"}} {
		r(c, withC("PSA_WANT_KEY_TYPE_"+kt.psa), "MBEDTLS_PSA_BUILTIN_KEY_TYPE_"+kt.psa+"=1", kt.legacy)
	}
	for _, m := range []struct{ psa, legacy string }{{"ALG_CBC_NO_PADDING", "MBEDTLS_CIPHER_MODE_CBC"}, {"ALG_CFB", "MBEDTLS_CIPHER_MODE_CFB"}, {"ALG_CTR", "MBEDTLS_CIPHER_MODE_CTR"}, {"ALG_OFB", "MBEDTLS_CIPHER_MODE_OFB"}, {"ALG_GCM", "MBEDTLS_GCM_C"}, {"ALG_CCM", "MBEDTLS_CCM_C"}, {"ALG_CMAC", "MBEDTLS_CMAC_C"}} {
		r(c, withC("PSA_WANT_"+m.psa), "MBEDTLS_PSA_BUILTIN_"+m.psa+"=1", m.legacy)
	}
	r(c, withC("PSA_WANT_ALG_CBC_PKCS7"), "MBEDTLS_PSA_BUILTIN_ALG_CBC_PKCS7=1", "MBEDTLS_CIPHER_MODE_CBC", "MBEDTLS_CIPHER_PADDING_PKCS7")
	for _, alg := range []string{"ALG_HMAC", "ALG_HKDF", "ALG_HKDF_EXTRACT", "ALG_HKDF_EXPAND", "ALG_TLS12_PRF", "ALG_TLS12_PSK_TO_MS", "ALG_TLS12_ECJPAKE_TO_PMS", "ALG_STREAM_CIPHER", "ALG_CCM_STAR_NO_TAG", "ALG_ECB_NO_PADDING"} {
		r(c, withC("PSA_WANT_"+alg), "MBEDTLS_PSA_BUILTIN_"+alg+"=1")
	}

	r(c, withC("PSA_WANT_ALG_CHACHA20_POLY1305"), "MBEDTLS_PSA_BUILTIN_ALG_CHACHA20_POLY1305=1")
	r(c, all("MBEDTLS_PSA_CRYPTO_C", "PSA_WANT_ALG_CHACHA20_POLY1305", "PSA_WANT_KEY_TYPE_CHACHA20"), "MBEDTLS_CHACHAPOLY_C", "MBEDTLS_CHACHA20_C", "MBEDTLS_POLY1305_C")
	r(c, withC("PSA_WANT_ALG_FFDH"), "MBEDTLS_PSA_BUILTIN_ALG_FFDH=1", "MBEDTLS_BIGNUM_C")
	r(c, withC("PSA_WANT_ALG_JPAKE"), "MBEDTLS_PSA_BUILTIN_PAKE=1", "MBEDTLS_PSA_BUILTIN_ALG_JPAKE=1", "MBEDTLS_ECP_DP_SECP256R1_ENABLED", "MBEDTLS_BIGNUM_C", "MBEDTLS_ECP_C", "MBEDTLS_ECJPAKE_C")
	for _, alg := range []string{"ALG_PBKDF2_HMAC", "ALG_PBKDF2_AES_CMAC_PRF_128"} {
		r(c, withC("PSA_WANT_"+alg), "MBEDTLS_PSA_BUILTIN_"+alg+"=1")
	}
	for _, grp := range dhGroups36 {
		r(c, withC("PSA_WANT_"+grp), "MBEDTLS_PSA_BUILTIN_"+grp+"=1")
	}
	for _, kind := range []string{"ECC", "RSA", "DH"} {
		for _, part := range []string{"BASIC", "IMPORT", "EXPORT", "GENERATE", "DERIVE"} {
			if kind != "ECC" && part == "DERIVE" {
				continue
			}
			r(c, withC("PSA_WANT_KEY_TYPE_"+kind+"_KEY_PAIR_"+part), "MBEDTLS_PSA_BUILTIN_KEY_TYPE_"+kind+"_KEY_PAIR_"+part+"=1")
		}
	}
	r(c, withC("PSA_WANT_KEY_TYPE_DH_PUBLIC_KEY"), "MBEDTLS_PSA_BUILTIN_KEY_TYPE_DH_PUBLIC_KEY=1", "MBEDTLS_BIGNUM_C")
	r(c, withC("PSA_WANT_KEY_TYPE_RSA_KEY_PAIR_GENERATE"), "MBEDTLS_GENPRIME")
	r(c, withC("PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_DERIVE"), "MBEDTLS_ECP_LIGHT", "MBEDTLS_BIGNUM_C", "MBEDTLS_ECP_C")
	// Without drivers, every wanted ECC or DH piece is "not fully accelerated":
	// the markers the library sets for that.
	wantAnyC := func(names ...string) func(func(string) bool) bool {
		return both(all("MBEDTLS_PSA_CRYPTO_C"), anyOf(names...))
	}
	var weier, mont []string
	for _, cv := range curves36 {
		if !cv.psaFromLegacy {
			continue
		}
		if strings.HasPrefix(cv.psa, "MONTGOMERY") {
			mont = append(mont, "PSA_WANT_ECC_"+cv.psa)
		} else {
			weier = append(weier, "PSA_WANT_ECC_"+cv.psa)
		}
	}
	r(c, wantAnyC(weier...), "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_CURVES", "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_WEIERSTRASS_CURVES")
	r(c, wantAnyC(mont...), "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_CURVES")
	r(c, wantAnyC("PSA_WANT_ALG_ECDH", "PSA_WANT_ALG_ECDSA", "PSA_WANT_ALG_DETERMINISTIC_ECDSA", "PSA_WANT_ALG_JPAKE"), "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_ALGS")
	r(c, wantAnyC("PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC"), "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_KEY_TYPES_BASIC")
	r(c, wantAnyC("PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_IMPORT", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_EXPORT", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_GENERATE", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_DERIVE"), "MBEDTLS_PSA_ECC_ACCEL_INCOMPLETE_KEY_TYPES")
	var groups []string
	for _, g := range dhGroups36 {
		groups = append(groups, "PSA_WANT_"+g)
	}
	r(c, wantAnyC(groups...), "MBEDTLS_PSA_DH_ACCEL_INCOMPLETE_GROUPS")
	r(c, wantAnyC("PSA_WANT_ALG_FFDH"), "MBEDTLS_PSA_DH_ACCEL_INCOMPLETE_ALGS")
	r(c, wantAnyC("PSA_WANT_KEY_TYPE_DH_PUBLIC_KEY", "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_BASIC", "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_IMPORT", "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_EXPORT", "PSA_WANT_KEY_TYPE_DH_KEY_PAIR_GENERATE"), "MBEDTLS_PSA_DH_ACCEL_INCOMPLETE_KEY_TYPES")

	// Without the PSA config, the legacy options say what PSA offers: each
	// wanted mechanism is also built in.
	l := &derivePSALegacy36
	r(l, all("MBEDTLS_CCM_C"), wantAndBuiltin("ALG_CCM")...)
	r(l, all("MBEDTLS_CCM_C", "MBEDTLS_CIPHER_C"), wantAndBuiltin("ALG_CCM_STAR_NO_TAG")...)
	r(l, all("MBEDTLS_CMAC_C"), wantAndBuiltin("ALG_CMAC")...)
	r(l, all("MBEDTLS_ECDH_C"), wantAndBuiltin("ALG_ECDH")...)
	r(l, all("MBEDTLS_ECDSA_C"), append(wantAndBuiltin("ALG_ECDSA"), "PSA_WANT_ALG_ECDSA_ANY=1")...)
	r(l, all("MBEDTLS_ECDSA_C", "MBEDTLS_ECDSA_DETERMINISTIC"), wantAndBuiltin("ALG_DETERMINISTIC_ECDSA")...)
	r(l, all("MBEDTLS_ECP_C"), wantAndBuiltin("KEY_TYPE_ECC_KEY_PAIR_BASIC", "KEY_TYPE_ECC_KEY_PAIR_IMPORT", "KEY_TYPE_ECC_KEY_PAIR_EXPORT", "KEY_TYPE_ECC_KEY_PAIR_GENERATE", "KEY_TYPE_ECC_KEY_PAIR_DERIVE", "KEY_TYPE_ECC_PUBLIC_KEY")...)
	r(l, all("MBEDTLS_DHM_C"), append(wantAndBuiltin("KEY_TYPE_DH_KEY_PAIR_BASIC", "KEY_TYPE_DH_KEY_PAIR_IMPORT", "KEY_TYPE_DH_KEY_PAIR_EXPORT", "KEY_TYPE_DH_KEY_PAIR_GENERATE", "KEY_TYPE_DH_PUBLIC_KEY", "ALG_FFDH"), wantAndBuiltin(dhGroups36...)...)...)
	r(l, all("MBEDTLS_GCM_C"), wantAndBuiltin("ALG_GCM")...)
	r(l, all("MBEDTLS_HKDF_C"), wantAndBuiltin("ALG_HMAC", "ALG_HKDF", "ALG_HKDF_EXTRACT", "ALG_HKDF_EXPAND")...)
	r(l, nil, append(wantAndBuiltin("ALG_HMAC"), "PSA_WANT_KEY_TYPE_HMAC=1")...)
	r(l, all("MBEDTLS_MD_C"), wantAndBuiltin("ALG_TLS12_PRF", "ALG_TLS12_PSK_TO_MS")...)
	r(l, all("MBEDTLS_ECJPAKE_C"), append(wantAndBuiltin("ALG_JPAKE"), "MBEDTLS_PSA_BUILTIN_PAKE=1")...)
	r(l, all("MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V15"), append(wantAndBuiltin("ALG_RSA_PKCS1V15_CRYPT", "ALG_RSA_PKCS1V15_SIGN"), "PSA_WANT_ALG_RSA_PKCS1V15_SIGN_RAW=1")...)
	r(l, all("MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V21"), wantAndBuiltin("ALG_RSA_OAEP", "ALG_RSA_PSS")...)
	r(l, all("MBEDTLS_RSA_C", "MBEDTLS_GENPRIME"), wantAndBuiltin("KEY_TYPE_RSA_KEY_PAIR_GENERATE")...)
	r(l, all("MBEDTLS_RSA_C"), wantAndBuiltin("KEY_TYPE_RSA_KEY_PAIR_BASIC", "KEY_TYPE_RSA_KEY_PAIR_IMPORT", "KEY_TYPE_RSA_KEY_PAIR_EXPORT", "KEY_TYPE_RSA_PUBLIC_KEY")...)
	for _, h := range hashes36 {
		r(l, all(h.legacy), wantAndBuiltin(h.psa)...)
	}
	for _, kt := range []struct{ legacy, psa string }{{"MBEDTLS_AES_C", "AES"}, {"MBEDTLS_ARIA_C", "ARIA"}, {"MBEDTLS_CAMELLIA_C", "CAMELLIA"}, {"MBEDTLS_DES_C", "DES"}} {
		r(l, all(kt.legacy), wantAndBuiltin("KEY_TYPE_"+kt.psa)...)
	}
	r(l, all("MBEDTLS_PSA_BUILTIN_ALG_SHA_256"), wantAndBuiltin("ALG_TLS12_ECJPAKE_TO_PMS")...)
	r(l, all("MBEDTLS_CHACHA20_C"), wantAndBuiltin("KEY_TYPE_CHACHA20")...)
	r(l, all("MBEDTLS_CHACHA20_C", "MBEDTLS_CIPHER_C"), wantAndBuiltin("ALG_STREAM_CIPHER")...)
	r(l, all("MBEDTLS_CHACHA20_C", "MBEDTLS_CHACHAPOLY_C"), wantAndBuiltin("ALG_CHACHA20_POLY1305")...)
	r(l, all("MBEDTLS_CIPHER_MODE_CBC"), wantAndBuiltin("ALG_CBC_NO_PADDING")...)
	r(l, all("MBEDTLS_CIPHER_MODE_CBC", "MBEDTLS_CIPHER_PADDING_PKCS7"), wantAndBuiltin("ALG_CBC_PKCS7")...)
	r(l, both(anyOf("MBEDTLS_AES_C", "MBEDTLS_DES_C", "MBEDTLS_ARIA_C", "MBEDTLS_CAMELLIA_C"), all("MBEDTLS_CIPHER_C")), wantAndBuiltin("ALG_ECB_NO_PADDING")...)
	r(l, all("MBEDTLS_CIPHER_MODE_CFB"), wantAndBuiltin("ALG_CFB")...)
	r(l, all("MBEDTLS_CIPHER_MODE_CTR"), wantAndBuiltin("ALG_CTR")...)
	r(l, all("MBEDTLS_CIPHER_MODE_OFB"), wantAndBuiltin("ALG_OFB")...)
	for _, cv := range curves36 {
		if cv.psaFromLegacy {
			r(l, all("MBEDTLS_ECP_DP_"+cv.legacy+"_ENABLED"), wantAndBuiltin("ECC_"+cv.psa)...)
		}
	}
	keyPairTypes(l)

	t := &derivePSATail36
	r(t, all("PSA_WANT_ALG_JPAKE"), "PSA_WANT_ALG_SOME_PAKE=1")
	r(t, nil, ones("PSA_WANT_KEY_TYPE_DERIVE", "PSA_WANT_KEY_TYPE_PASSWORD", "PSA_WANT_KEY_TYPE_PASSWORD_HASH", "PSA_WANT_KEY_TYPE_RAW_DATA")...)

	// After the PSA block: legacy crypto, X.509 and SSL adjustments.
	g := &deriveLegacy36
	r(g, not("MBEDTLS_NO_PLATFORM_ENTROPY"), "MBEDTLS_PLATFORM_ENTROPY_ENABLED=1")
	r(g, all("MBEDTLS_NO_PLATFORM_ENTROPY"), "MBEDTLS_PLATFORM_ENTROPY_ENABLED=0")
	r(g, all("MBEDTLS_ENTROPY_HARDWARE_ALT"), "MBEDTLS_ENTROPY_HARDWARE_ALT_DEFINED=1")
	r(g, not("MBEDTLS_ENTROPY_HARDWARE_ALT"), "MBEDTLS_ENTROPY_HARDWARE_ALT_DEFINED=0")
	r(g, nil, "MBEDTLS_ENTROPY_TRUE_SOURCES=( MBEDTLS_ENTROPY_HARDWARE_ALT_DEFINED + MBEDTLS_PLATFORM_ENTROPY_ENABLED + 0)")
	// The true sources are the hardware one and the platform one.
	trueSources := either(all("MBEDTLS_ENTROPY_HARDWARE_ALT"), not("MBEDTLS_NO_PLATFORM_ENTROPY"))
	r(g, all("MBEDTLS_ENTROPY_NV_SEED"), "MBEDTLS_ENTROPY_HAVE_SOURCES=(MBEDTLS_ENTROPY_TRUE_SOURCES + 1)")
	r(g, both(not("MBEDTLS_ENTROPY_NV_SEED"), trueSources), "MBEDTLS_ENTROPY_HAVE_SOURCES=MBEDTLS_ENTROPY_TRUE_SOURCES")
	drop(g, both(not("MBEDTLS_ENTROPY_NV_SEED"), func(has func(string) bool) bool { return !trueSources(has) }), "MBEDTLS_ENTROPY_HAVE_SOURCES")
	r(g, trueSources, "MBEDTLS_ENTROPY_HAVE_TRUE_SOURCES")
	drop(g, func(has func(string) bool) bool { return !trueSources(has) }, "MBEDTLS_ENTROPY_HAVE_TRUE_SOURCES")
	r(g, all("MBEDTLS_PSA_CRYPTO_C"), "MBEDTLS_PSA_CRYPTO_CLIENT")
	r(g, both(all("MBEDTLS_PSA_CRYPTO_C"), anyOf("MBEDTLS_PSA_BUILTIN_ALG_STREAM_CIPHER", "MBEDTLS_PSA_BUILTIN_ALG_CTR", "MBEDTLS_PSA_BUILTIN_ALG_CFB", "MBEDTLS_PSA_BUILTIN_ALG_OFB", "MBEDTLS_PSA_BUILTIN_ALG_ECB_NO_PADDING", "MBEDTLS_PSA_BUILTIN_ALG_CBC_NO_PADDING", "MBEDTLS_PSA_BUILTIN_ALG_CBC_PKCS7", "MBEDTLS_PSA_BUILTIN_ALG_CCM_STAR_NO_TAG", "MBEDTLS_PSA_BUILTIN_ALG_CMAC")), "MBEDTLS_CIPHER_C")
	r(g, anyOf("MBEDTLS_MD_C", "MBEDTLS_ECJPAKE_C", "MBEDTLS_PEM_PARSE_C", "MBEDTLS_ENTROPY_C", "MBEDTLS_PK_C", "MBEDTLS_PKCS12_C", "MBEDTLS_RSA_C", "MBEDTLS_SSL_TLS_C", "MBEDTLS_X509_USE_C", "MBEDTLS_X509_CREATE_C"), "MBEDTLS_MD_LIGHT")
	// Hashes MD can compute: through a PSA driver, through a PSA client, or built in.
	for _, h := range hashes36 {
		via := []string{"MBEDTLS_MD_CAN_" + h.md, "MBEDTLS_MD_" + h.md + "_VIA_PSA", "MBEDTLS_MD_SOME_PSA"}
		r(g, all("MBEDTLS_MD_LIGHT", "MBEDTLS_PSA_CRYPTO_C", "MBEDTLS_PSA_ACCEL_"+h.psa), via...)
		r(g, both(all("MBEDTLS_MD_LIGHT", "MBEDTLS_PSA_CRYPTO_CLIENT", "PSA_WANT_"+h.psa), not("MBEDTLS_PSA_CRYPTO_C")), via...)
	}
	for _, h := range hashes36 {
		r(g, all("MBEDTLS_MD_LIGHT", h.legacy), "MBEDTLS_MD_CAN_"+h.md, "MBEDTLS_MD_SOME_LEGACY")
	}
	for _, bc := range []struct{ legacy, name string }{{"MBEDTLS_AES_C", "AES"}, {"MBEDTLS_ARIA_C", "ARIA"}, {"MBEDTLS_CAMELLIA_C", "CAMELLIA"}} {
		r(g, all("MBEDTLS_PSA_CRYPTO_C", "MBEDTLS_PSA_ACCEL_KEY_TYPE_"+bc.name), "MBEDTLS_BLOCK_CIPHER_"+bc.name+"_VIA_PSA", "MBEDTLS_BLOCK_CIPHER_SOME_PSA")
	}
	for _, bc := range []struct{ legacy, name string }{{"MBEDTLS_AES_C", "AES"}, {"MBEDTLS_ARIA_C", "ARIA"}, {"MBEDTLS_CAMELLIA_C", "CAMELLIA"}} {
		r(g, all(bc.legacy), "MBEDTLS_BLOCK_CIPHER_"+bc.name+"_VIA_LEGACY")
	}
	for _, name := range []string{"AES", "ARIA", "CAMELLIA"} {
		r(g, anyOf("MBEDTLS_BLOCK_CIPHER_"+name+"_VIA_PSA", "MBEDTLS_BLOCK_CIPHER_"+name+"_VIA_LEGACY"), "MBEDTLS_BLOCK_CIPHER_CAN_"+name)
	}
	r(g, both(anyOf("MBEDTLS_GCM_C", "MBEDTLS_CCM_C"), either(not("MBEDTLS_CIPHER_C"), all("MBEDTLS_BLOCK_CIPHER_SOME_PSA"))), "MBEDTLS_BLOCK_CIPHER_C")
	for _, bc := range []struct{ legacy, name string }{{"MBEDTLS_AES_C", "AES"}, {"MBEDTLS_ARIA_C", "ARIA"}, {"MBEDTLS_CAMELLIA_C", "CAMELLIA"}} {
		r(g, either(all("MBEDTLS_CIPHER_C", bc.legacy), all("MBEDTLS_BLOCK_CIPHER_C", "MBEDTLS_BLOCK_CIPHER_CAN_"+bc.name)), "MBEDTLS_CCM_GCM_CAN_"+bc.name)
	}
	r(g, anyOf("MBEDTLS_ECP_C", "MBEDTLS_PK_PARSE_EC_EXTENDED", "MBEDTLS_PK_PARSE_EC_COMPRESSED", "MBEDTLS_PSA_BUILTIN_KEY_TYPE_ECC_KEY_PAIR_DERIVE"), "MBEDTLS_ECP_LIGHT")
	r(g, all("MBEDTLS_RSA_C"), "MBEDTLS_ASN1_PARSE_C", "MBEDTLS_ASN1_WRITE_C")
	r(g, all("MBEDTLS_PK_PARSE_C", "MBEDTLS_ECP_C"), "MBEDTLS_PK_PARSE_EC_COMPRESSED")
	r(g, either(all("MBEDTLS_USE_PSA_CRYPTO", "PSA_WANT_ALG_ECDH"), both(not("MBEDTLS_USE_PSA_CRYPTO"), all("MBEDTLS_ECDH_C"))), "MBEDTLS_CAN_ECDH")
	r(g, both(not("MBEDTLS_USE_PSA_CRYPTO"), all("MBEDTLS_ECDSA_C")), "MBEDTLS_PK_CAN_ECDSA_SIGN", "MBEDTLS_PK_CAN_ECDSA_VERIFY")
	r(g, all("MBEDTLS_USE_PSA_CRYPTO", "PSA_WANT_ALG_ECDSA", "PSA_WANT_KEY_TYPE_ECC_KEY_PAIR_BASIC"), "MBEDTLS_PK_CAN_ECDSA_SIGN")
	r(g, all("MBEDTLS_USE_PSA_CRYPTO", "PSA_WANT_ALG_ECDSA", "PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY"), "MBEDTLS_PK_CAN_ECDSA_VERIFY")
	r(g, anyOf("MBEDTLS_PK_CAN_ECDSA_VERIFY", "MBEDTLS_PK_CAN_ECDSA_SIGN"), "MBEDTLS_PK_CAN_ECDSA_SOME")
	for _, cv := range curves36 {
		r(g, anyOf("MBEDTLS_ECP_DP_"+cv.legacy+"_ENABLED", "PSA_WANT_ECC_"+cv.psa), "MBEDTLS_ECP_HAVE_"+cv.legacy)
	}
	r(g, either(all("MBEDTLS_ECP_C"), all("MBEDTLS_USE_PSA_CRYPTO", "PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY")), "MBEDTLS_PK_HAVE_ECC_KEYS")
	r(g, all("MBEDTLS_PK_PARSE_C", "MBEDTLS_PKCS5_C", "MBEDTLS_CIPHER_MODE_CBC"), "MBEDTLS_CIPHER_PADDING_PKCS7")
	keepIfSet(g, all("MBEDTLS_SHA256_USE_A64_CRYPTO_IF_PRESENT"), "MBEDTLS_SHA256_USE_ARMV8_A_CRYPTO_IF_PRESENT")
	keepIfSet(g, all("MBEDTLS_SHA256_USE_A64_CRYPTO_ONLY"), "MBEDTLS_SHA256_USE_ARMV8_A_CRYPTO_ONLY")
	r(g, both(all("MBEDTLS_PSA_CRYPTO_CLIENT"), anyOf("PSA_WANT_ALG_ECDSA", "PSA_WANT_ALG_DETERMINISTIC_ECDSA")), "MBEDTLS_PSA_UTIL_HAVE_ECDSA")
	for _, s := range []struct{ name, legacy, psa string }{
		{"AES", "MBEDTLS_AES_C", "PSA_WANT_KEY_TYPE_AES"}, {"ARIA", "MBEDTLS_ARIA_C", "PSA_WANT_KEY_TYPE_ARIA"},
		{"CAMELLIA", "MBEDTLS_CAMELLIA_C", "PSA_WANT_KEY_TYPE_CAMELLIA"}, {"CBC", "MBEDTLS_CIPHER_MODE_CBC", "PSA_WANT_ALG_CBC_NO_PADDING"},
		{"GCM", "MBEDTLS_GCM_C", "PSA_WANT_ALG_GCM"}, {"CCM", "MBEDTLS_CCM_C", "PSA_WANT_ALG_CCM"},
		{"CHACHAPOLY", "MBEDTLS_CHACHAPOLY_C", "PSA_WANT_ALG_CHACHA20_POLY1305"},
	} {
		r(g, either(both(not("MBEDTLS_USE_PSA_CRYPTO"), all(s.legacy)), all("MBEDTLS_USE_PSA_CRYPTO", s.psa)), "MBEDTLS_SSL_HAVE_"+s.name)
	}
	r(g, anyOf("MBEDTLS_SSL_HAVE_GCM", "MBEDTLS_SSL_HAVE_CCM", "MBEDTLS_SSL_HAVE_CHACHAPOLY"), "MBEDTLS_SSL_HAVE_AEAD")
	// SSL: features whose protocol or side is off are switched off.
	drop(g, not("MBEDTLS_SSL_TLS_C"), "MBEDTLS_SSL_CLI_C", "MBEDTLS_SSL_SRV_C", "MBEDTLS_SSL_PROTO_TLS1_3", "MBEDTLS_SSL_PROTO_TLS1_2", "MBEDTLS_SSL_PROTO_DTLS")
	drop(g, func(has func(string) bool) bool {
		return !(has("MBEDTLS_SSL_SRV_C") && has("MBEDTLS_SSL_SESSION_TICKETS"))
	}, "MBEDTLS_SSL_TICKET_C")
	drop(g, not("MBEDTLS_SSL_PROTO_DTLS"), "MBEDTLS_SSL_DTLS_ANTI_REPLAY", "MBEDTLS_SSL_DTLS_CONNECTION_ID", "MBEDTLS_SSL_DTLS_CONNECTION_ID_COMPAT", "MBEDTLS_SSL_DTLS_HELLO_VERIFY", "MBEDTLS_SSL_DTLS_SRTP", "MBEDTLS_SSL_DTLS_CLIENT_PORT_REUSE")
	kx := []string{"MBEDTLS_SSL_ENCRYPT_THEN_MAC", "MBEDTLS_SSL_EXTENDED_MASTER_SECRET", "MBEDTLS_SSL_RENEGOTIATION"}
	for _, k := range []string{"RSA", "DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "PSK", "DHE_PSK", "RSA_PSK", "ECDHE_PSK", "ECDH_RSA", "ECDH_ECDSA", "ECJPAKE"} {
		kx = append(kx, "MBEDTLS_KEY_EXCHANGE_"+k+"_ENABLED")
	}
	drop(g, not("MBEDTLS_SSL_PROTO_TLS1_2"), kx...)
	drop(g, not("MBEDTLS_SSL_PROTO_TLS1_3"), "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED", "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED", "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED", "MBEDTLS_SSL_EARLY_DATA", "MBEDTLS_SSL_RECORD_SIZE_LIMIT")
	r(g, both(all("MBEDTLS_SSL_PROTO_TLS1_2"), anyOf("MBEDTLS_ECDH_C", "MBEDTLS_ECDSA_C", "MBEDTLS_KEY_EXCHANGE_ECJPAKE_ENABLED")), "MBEDTLS_SSL_TLS1_2_SOME_ECC")
	r(g, nil, "MBEDTLS_CONFIG_IS_FINALIZED")
}

// derive36 applies the 3.6 derivation to the configuration p holds, as
// generated (quiet) definitions. from is shown as the origin of removals.
var deriveOnce sync.Once

func derive36(p *pp, from string) {
	deriveOnce.Do(buildDerive36)
	has := p.isDefined
	apply := func(rules []derivedRule) {
		for _, r := range rules {
			if r.when != nil && !r.when(has) {
				continue
			}
			for _, s := range r.set {
				name, value, _ := strings.Cut(s, "=")
				if r.keep && has(name) {
					continue
				}
				p.define(name, value, true)
			}
			for _, n := range r.unset {
				if has(n) {
					delete(p.defs, n)
					p.undefAt[n] = loc{from, 0}
				}
			}
		}
	}
	apply(derivePrelude36)
	if has("MBEDTLS_PSA_CRYPTO_CONFIG") || has("MBEDTLS_PSA_CRYPTO_C") || has("MBEDTLS_PSA_CRYPTO_CLIENT") {
		apply(derivePSACommon36)
		if has("MBEDTLS_PSA_CRYPTO_CONFIG") {
			apply(derivePSAConfig36)
		} else {
			apply(derivePSALegacy36)
		}
		apply(derivePSATail36)
	}
	apply(deriveLegacy36)
}

// derivedSample is one user config and how gcc's macro set for it differs from
// the stock one (generated into stock_gen.go).
type derivedSample struct {
	config  string
	changed Macros
	gone    []string
}
