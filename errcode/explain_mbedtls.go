package errcode

// mbedtlsExplanations is our account of the mbedTLS (2.28 and 3.6) error codes,
// X.509 verify flags and client handshake states that embedded devices print:
// what each means on a device, its likely causes ranked by how often they are
// the real reason, the one check that tells them apart, the fix, and the
// tlsdoctor command that confirms it. Names are the identifiers in the 2.28
// and 3.6 headers; one entry lists both versions' names when a code was
// renamed without changing its meaning.
var mbedtlsExplanations = []Explanation{
	// ---- X.509 (x509.h) ----
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE"},
		Meaning: "The certificate uses something this mbedTLS build knows about but will not accept. " +
			"On devices it is nearly always a critical certificatePolicies extension naming a policy other than anyPolicy, or an RSASSA-PSS signature with an unusual mask function (seen as -0x20AE).",
		Causes: []Cause{
			{
				Text:   "A root or intermediate marks certificatePolicies as critical and lists specific policy OIDs (seen with some GSMA / eSIM and government PKIs).",
				Fix:    "Ask the CA for a chain without a critical certificatePolicies extension, or trust a different root; on 2.28 MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION also accepts it.",
				When:   PhaseAny,
				Source: "https://github.com/espressif/arduino-esp32/issues/10026",
			},
			{
				Text:   "An RSASSA-PSS signed certificate whose mask generation function is not MGF1 (-0x20AE = FEATURE_UNAVAILABLE + OID_NOT_FOUND).",
				Fix:    "Re-issue the certificate with a PKCS#1 v1.5 or ECDSA signature, or with standard PSS parameters (MGF1).",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_sig_alg@2.28.3",
			},
		},
		Question: "Does the certificate carry a critical certificatePolicies extension (openssl x509 -text shows 'critical' next to it)?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_UNKNOWN_OID"},
		Meaning: "An OID that mbedTLS had to understand was not in its tables. The certificate parser itself rarely returns it; it comes from helper functions that look up an OID (for example when printing or writing certificates).",
		Causes: []Cause{
			{
				Text:   "Application code calls an X.509 helper (mbedtls_x509_crt_info, a name-to-OID lookup, the certificate writer) with an attribute or algorithm this build does not know.",
				Fix:    "Enable the module behind the algorithm (hash, RSA or ECDSA) in mbedtls_config.h, or stop asking for that attribute.",
				When:   PhaseAny,
				Source: "library/oid.c:mbedtls_oid_get_sig_alg@2.28.3",
			},
		},
		Question: "Which mbedTLS call returned it: a parse of bytes, or a helper that looks something up or writes a certificate?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_INVALID_FORMAT"},
		Meaning: "mbedTLS could not read a certificate structure from the bytes it was given. A plain -0x2180 (no low-level part) means the very first bytes are not a DER SEQUENCE: usually PEM text went down the DER path. " +
			"A combined code such as -0x21E2 or -0x21E6 means the DER was recognised but a field inside is broken.",
		Causes: []Cause{
			{
				Text:   "The PEM buffer length does not count the terminating NUL: strlen(pem) instead of strlen(pem)+1, or a file length without the terminator. mbedTLS only takes the PEM path when the last byte counted is NUL, so the text is parsed as DER and fails at byte 0.",
				Fix:    "Pass strlen(pem)+1, or sizeof(pem) for a char array initialised from a string literal; in ESP-IDF embed with EMBED_TXTFILES (which appends the NUL) and pass end-start.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/630",
			},
			{
				Text:   "The root CA was read from a flash slot that was never written (all 0xFF), or the PEM is followed by 0xFF padding up to the end of the sector, so the last byte is not NUL and the PEM path is not taken.",
				Fix:    "Provision the slot; store the PEM length (or write a NUL right after the PEM) and pass exactly that length plus the NUL; check that the first byte is '-' (0x2D) or 0x30 before parsing.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "The certificate was damaged or cut short on its way to the device: line breaks dropped or replaced by spaces while making a C string or form field, quotes and backslashes from the C source left in, a paste cut by the console's line buffer, '==' padding removed (2.28 then silently drops bytes), or a short DER file. Shows as plain -0x2180 or -0x21xx.",
				Fix:    "Generate the C literal with a tool instead of by hand (every line ends in \\n inside the string, the string ends with the END line), and compare the byte count and SHA-256 on the device with the original.",
				When:   PhaseLoad,
				Source: "https://github.com/espressif/esp-idf/issues/5177",
			},
			{
				Text:   "The PEM path is never taken although the input is PEM text: the exact header -----BEGIN CERTIFICATE----- is missing ('BEGIN TRUSTED CERTIFICATE' from openssl -trustout, 'BEGIN X509 CERTIFICATE', lower case, a UTF-16 file from a Windows editor, a NUL before the header), or MBEDTLS_PEM_PARSE_C is off in a trimmed config.",
				Fix:    "Re-export with 'openssl x509 -in ca.crt -out ca.pem' to get a plain BEGIN CERTIFICATE block in ASCII/UTF-8; enable MBEDTLS_PEM_PARSE_C and MBEDTLS_BASE64_C, or embed DER instead.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "Wrong object or wrong pointer: a CSR, private key or public key handed to the certificate parser, &array instead of array, or the length of another buffer.",
				Fix:    "Pass the certificate itself (the block that starts with BEGIN CERTIFICATE) and the pointer and length of that same buffer.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2016",
			},
			{
				Text:   "Returned by mbedtls_ssl_handshake: one certificate in the server's chain has a broken structure (home-made certificates, an appliance or proxy that generates its own).",
				Fix:    "Fetch the chain the server sends and fix or re-issue the broken certificate on the server side.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
		},
		Question: "Does the length you pass count a terminating NUL, and do the bytes start with -----BEGIN CERTIFICATE----- (or 0x30 for DER)?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --length strlen",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_INVALID_VERSION"},
		Meaning: "The version field at the start of the certificate body is malformed (bad tag, negative or oversized integer, or trailing bytes inside it). Seen as -0x22xx.",
		Causes: []Cause{
			{
				Text:   "The DER is corrupt near its start: bytes flipped or shifted in flash, or a wrong offset used when the certificate was cut out of a larger blob.",
				Fix:    "Re-extract the certificate from the original PEM or DER and compare its hash with the copy on the device.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:x509_get_version@2.28.3",
			},
			{
				Text:   "A home-made certificate generator wrote the [0] version wrapper wrongly.",
				Fix:    "Generate the certificate with openssl or mbedtls_x509write_crt and check it with openssl x509 -text.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_get_version@2.28.3",
			},
		},
		Question: "Does openssl x509 -inform DER -text read the same bytes without error?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_INVALID_SERIAL"},
		Meaning: "The serial number field is missing or has a bad tag or length. mbedTLS accepts any serial value, so this is a structural defect. Seen as -0x22xx.",
		Causes: []Cause{
			{
				Text:   "Corrupt or truncated DER (bad transfer, wrong offset in a firmware blob).",
				Fix:    "Re-transfer the certificate and compare its SHA-256 with the original.",
				When:   PhaseLoad,
				Source: "library/x509.c:mbedtls_x509_get_serial@2.28.3",
			},
			{
				Text:   "A custom certificate writer produced a serial with an unexpected tag.",
				Fix:    "Re-issue the certificate with a standard tool and a positive INTEGER serial.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_serial@2.28.3",
			},
		},
		Question: "Does another parser (openssl x509 -text) accept the same bytes?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_INVALID_ALG"},
		Meaning: "An AlgorithmIdentifier is malformed: bad tag or length, parameters where none are allowed, or RSASSA-PSS parameters this build cannot read. Bare -0x2300 on an RSA-PSS certificate usually means PSS support is compiled out.",
		Causes: []Cause{
			{
				Text:   "The certificate is signed with RSASSA-PSS and MBEDTLS_X509_RSASSA_PSS_SUPPORT is off, so the PSS parameters are rejected as unexpected.",
				Fix:    "Enable MBEDTLS_X509_RSASSA_PSS_SUPPORT (and MBEDTLS_PKCS1_V21), or use a certificate signed with PKCS#1 v1.5 or ECDSA.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_sig_alg@2.28.3",
			},
			{
				Text:   "Corrupt DER or a generator that writes non-NULL parameters for a plain RSA or ECDSA algorithm.",
				Fix:    "Re-issue the certificate with a standard tool.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_alg@2.28.3",
			},
		},
		Question: "What signature algorithm does openssl x509 -text print for this certificate (rsassaPss or something else)?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_INVALID_NAME"},
		Meaning: "The issuer or subject name could not be parsed. -0x23E2 means an attribute value uses a string type mbedTLS does not accept (VisibleString, NumericString); -0x23E0 an empty issuer.",
		Causes: []Cause{
			{
				Text:   "A name attribute is encoded as VisibleString or NumericString (some device-provisioning tools and older CAs do this); mbedTLS accepts only UTF8, Printable, IA5, T61, BMP, Universal strings and BIT STRING.",
				Fix:    "Re-issue the certificate with PrintableString or UTF8String attributes.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_name@2.28.3",
			},
			{
				Text:   "Corrupt DER inside the name, or an empty issuer name.",
				Fix:    "Re-transfer the certificate and compare its hash; re-issue it if the issuer is empty.",
				When:   PhaseLoad,
				Source: "library/x509.c:mbedtls_x509_get_name@2.28.3",
			},
		},
		Question: "Does openssl asn1parse show a VISIBLESTRING or NUMERICSTRING in the subject or issuer?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_INVALID_DATE"},
		Meaning: "The notBefore or notAfter field of the certificate is malformed. This is not a clock problem: parsing never looks at the device's clock. " +
			"An expired or not-yet-valid certificate parses fine and fails later, at verification, as -0x2700 with flag EXPIRED or FUTURE.",
		Causes: []Cause{
			{
				Text:   "The time is not in the strict form mbedTLS reads: UTCTime YYMMDDhhmmss[Z] or GeneralizedTime YYYYMMDDhhmmss[Z]. Fractional seconds (.000Z), a time-zone offset (+0100), or a time without seconds all fail.",
				Fix:    "Re-issue the certificate with a generator that writes whole seconds in UTC with 'Z' (openssl does).",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_time@2.28.3",
			},
			{
				Text:   "An impossible calendar value: month 13, 30 February, hour 24, usually from a home-made certificate writer or a device that builds its own self-signed certificate from an unset clock.",
				Fix:    "Fix the generator (validate the date before writing) and re-issue the certificate.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/pull/626",
			},
			{
				Text:   "A certificate written with mbedtls_x509write_crt_set_validity from a badly formed string (the setter only checks the length) cannot be read back.",
				Fix:    "Pass exactly 14 digits YYYYMMDDhhmmss of a real date to mbedtls_x509write_crt_set_validity.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/pull/10959",
			},
			{
				Text:   "Corrupt bytes in the validity field (flash bit flips, truncated transfer), seen as -0x24xx with an ASN.1 low part.",
				Fix:    "Re-transfer the certificate and compare its SHA-256 with the original.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:x509_get_dates@2.28.3",
			},
			{
				Text:   "Returned by mbedtls_ssl_handshake: the server (often a gateway or device with a self-generated certificate) sends a certificate with such a date.",
				Fix:    "Re-generate the server certificate with a standard tool.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
		},
		Question: "What exact bytes are in the Validity field (openssl asn1parse): UTCTime or GeneralizedTime, with seconds and 'Z'?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_INVALID_SIGNATURE"},
		Meaning: "The signature BIT STRING at the end of the certificate is missing or malformed (-0x24E0 no data, -0x24E2 wrong tag, -0x24E8 unused bits). The signature value itself is not checked here.",
		Causes: []Cause{
			{
				Text:   "The certificate was cut short at the end: the last base64 line or the last bytes of the DER are missing.",
				Fix:    "Re-transfer the complete certificate; check that the PEM ends with its full last line before the END line.",
				When:   PhaseLoad,
				Source: "library/x509.c:mbedtls_x509_get_sig@2.28.3",
			},
			{
				Text:   "A home-made generator wrote the signature with a wrong tag or non-zero unused bits.",
				Fix:    "Re-issue the certificate with a standard tool.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_get_sig@2.28.3",
			},
		},
		Question: "Is the certificate on the device byte-for-byte the same length as the original?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_INVALID_EXTENSIONS"},
		Meaning: "The certificate's extensions block could not be accepted. -0x2562 (with ASN1_UNEXPECTED_TAG) almost always means a critical extension mbedTLS does not implement; " +
			"bare -0x2500 a duplicated extension; -0x2566 bad lengths.",
		Causes: []Cause{
			{
				Text:   "The certificate has an extension marked critical that mbedTLS does not know (Name Constraints, Policy Constraints, a private OID such as TCG DICE). mbedTLS refuses such certificates at parse time.",
				Fix:    "Re-issue without the critical flag; on 2.28 define MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION; on 3.x parse with mbedtls_x509_crt_parse_der_with_ext_cb and accept the OID yourself.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/4060",
			},
			{
				Text:   "A custom critical extension added to your own device or CA certificates (for example with mbedtls_x509write_crt_set_extension) is rejected when the same certificate is read back.",
				Fix:    "Mark private extensions non-critical, or register an extension callback when parsing.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/9417",
			},
			{
				Text:   "Returned by mbedtls_ssl_handshake in state 3: a certificate in the server's chain (often a private or enterprise CA) carries such a critical extension.",
				Fix:    "Trust a chain without it, or on 2.28 enable MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_get_crt_ext@2.28.3",
			},
			{
				Text:   "An RFC-correct issuerUniqueID or subjectUniqueID (primitive tag 0x81/0x82) is not recognised and is taken for the extensions block, which then fails with -0x2562.",
				Fix:    "Re-issue the certificate without unique IDs (they are obsolete).",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_get_uid@2.28.3",
			},
			{
				Text:   "The same extension appears twice, or a subjectAltName entry has a malformed tag.",
				Fix:    "Re-issue the certificate; check the generator's extension list.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_get_crt_ext@2.28.3",
			},
		},
		Question: "Which extensions does openssl x509 -text list as 'critical', and does mbedTLS implement each of them?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_UNKNOWN_VERSION"},
		Meaning: "The certificate declares a version other than v1, v2 or v3.",
		Causes: []Cause{
			{
				Text:   "A generator wrote the version number instead of version-1 (for example 3 instead of 2 for a v3 certificate).",
				Fix:    "Re-issue the certificate; openssl x509 -text must show 'Version: 3 (0x2)'.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3",
			},
			{
				Text:   "Corrupt DER near the start of the certificate.",
				Fix:    "Re-transfer the certificate and compare its hash.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3",
			},
		},
		Question: "What version does openssl x509 -text print?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG"},
		Meaning: "The certificate is signed with an algorithm this build does not support, usually because the hash or the signature module is compiled out. Seen as -0x262E (with OID_NOT_FOUND). " +
			"mbedTLS needs the signature algorithm even for a self-signed root whose signature it never checks.",
		Causes: []Cause{
			{
				Text:   "The signature hash is not compiled in: SHA-384 signatures (ecdsa-with-SHA384 roots such as ISRG Root X2, GTS Root R4, DigiCert Global Root G3) without MBEDTLS_SHA512_C, or SHA-1 self-signed legacy roots without MBEDTLS_SHA1_C.",
				Fix:    "Enable MBEDTLS_SHA512_C (it also provides SHA-384) or MBEDTLS_SHA1_C, or choose a root signed with SHA-256.",
				When:   PhaseLoad,
				Source: "https://github.com/ARMmbed/mbed-os-example-tls/issues/84",
			},
			{
				Text:   "The signature module is off: an ECDSA-signed certificate with MBEDTLS_ECDSA_C disabled, or an RSA-signed one with MBEDTLS_RSA_C disabled.",
				Fix:    "Enable MBEDTLS_ECDSA_C (with MBEDTLS_ECP_C) or MBEDTLS_RSA_C to match the certificate's signature.",
				When:   PhaseLoad,
				Source: "https://github.com/golioth/pouch/pull/66",
			},
			{
				Text:   "The device's own client certificate uses an algorithm the build lacks (for example an ECDSA certificate on an RSA-only build).",
				Fix:    "Issue the device certificate with an algorithm the build has, or enable the missing module.",
				When:   PhaseLoad,
				Source: "https://github.com/espressif/esp-idf/issues/15336",
			},
			{
				Text:   "The certificate is Ed25519 (or Ed448) signed; mbedTLS 2.28 and 3.6 do not support EdDSA in X.509.",
				Fix:    "Use ECDSA P-256 or RSA certificates on the device side.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10653",
			},
			{
				Text:   "In the server's chain a certificate with an unknown signature algorithm is silently dropped instead of failing; the handshake then fails as -0x2700 NOT_TRUSTED rather than with this code.",
				Fix:    "Enable the hash or module the dropped certificate needs; check the chain with tlsdoctor probe.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/pull/643",
			},
		},
		Question: "Which signature algorithm does the certificate use (openssl x509 -text), and is its hash and signature module enabled in your mbedtls_config.h?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_SIG_MISMATCH"},
		Meaning: "The signature algorithm written inside the certificate body differs from the one next to the signature at the end. A well-formed certificate has the same bytes in both places.",
		Causes: []Cause{
			{
				Text:   "A home-made signer filled the two algorithm fields differently (for example NULL parameters in one and none in the other).",
				Fix:    "Fix the signing tool so both AlgorithmIdentifiers are byte-identical, and re-issue.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3",
			},
			{
				Text:   "The certificate was edited or spliced from two certificates.",
				Fix:    "Use the original certificate from the CA.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3",
			},
		},
		Question: "Do both signature algorithm fields in openssl asn1parse show identical bytes?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_CERT_VERIFY_FAILED"},
		Meaning: "The server's chain was parsed, but verifying it against your trust store failed. The number alone does not say why: the verify flags from mbedtls_ssl_get_verify_result() do. " +
			"It is returned while the client is in state 3 (MBEDTLS_SSL_SERVER_CERTIFICATE).",
		Causes: []Cause{
			{
				Text:   "The chain does not reach the embedded root (flag NOT_TRUSTED 0x08): the wrong root, because endpoints change CAs (Azure IoT moved from Baltimore CyberTrust Root to DigiCert Global Root G2 in 2023, AWS IoT from VeriSign/Symantec to Amazon Root CA 1 on ATS endpoints, Let's Encrypt from DST Root CA X3 to ISRG Root X1), or a server that omits its intermediate certificate.",
				Fix:    "Find the root the server's chain actually ends at and embed it plus the endpoint's announced backup root; make the server send its full chain.",
				When:   PhaseHandshake,
				Source: "https://forums.mbed.com/t/mbedtls-ssl-handshake-return-error-0x2700/5354",
			},
			{
				Text:   "The device clock is not set (flag FUTURE 0x200, sometimes EXPIRED 0x01): no RTC, clock at 1970-01-01 or 2000-01-01, or the handshake starts before SNTP has synchronised.",
				Fix:    "Wait for SNTP (or another time source) before the first handshake and refuse to connect while the year is before the firmware's build year.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1565",
			},
			{
				Text:   "Hostname mismatch (flag CN_MISMATCH 0x04): connecting by IP address, or the name given to mbedtls_ssl_set_hostname is not in the certificate.",
				Fix:    "Connect by the DNS name in the certificate and pass that bare name (no scheme, no port) to mbedtls_ssl_set_hostname.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/219",
			},
			{
				Text:   "Your root CA failed to parse earlier (P-384 root without the curve, RSA-4096 with a small MBEDTLS_MPI_MAX_SIZE, a PEM with a bad length) and the return value was not checked, so the trust list is empty and every chain is NOT_TRUSTED.",
				Fix:    "Check the return value of mbedtls_x509_crt_parse for the root (0 means all parsed) and fix the cause it reports.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_chain@2.28.3",
			},
			{
				Text:   "The heap ran out during signature verification; the failure is reported as a bad signature (NOT_TRUSTED or BAD_MD) instead of a memory error.",
				Fix:    "Measure the free heap before the handshake and give mbedTLS more (smaller IN/OUT buffers elsewhere, PSRAM, fewer parallel connections).",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1971",
			},
			{
				Text:   "The default profile rejects a certificate in the chain: RSA key under 2048 bits (BAD_KEY) or a SHA-1 signature (BAD_MD).",
				Fix:    "Have the server send a chain with SHA-256 and RSA-2048+ or ECDSA certificates; only as a last resort set a custom profile with mbedtls_ssl_conf_cert_profile.",
				When:   PhaseHandshake,
				Source: "https://forums.mbed.com/t/bad-key-received-from-ssl-server/10516",
			},
		},
		Question: "What does mbedtls_ssl_get_verify_result() return (0x08 not trusted, 0x200 future, 0x01 expired, 0x04 name)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT"},
		Meaning: "mbedTLS found '-----BEGIN CERTIFICATE-----' and took the PEM path, but could not pull a single PEM block out of the text, so no certificate was loaded. " +
			"The bytes right after the BEGIN line, or the END line, are not what the PEM reader needs.",
		Causes: []Cause{
			{
				Text:   "CR-only line endings: the text was pasted through a serial terminal (PuTTY, Tera Term, a 'send CR' setting) or comes from a classic-Mac file, so the BEGIN line ends in 0x0D without 0x0A.",
				Fix:    "Convert line endings to LF or CR LF before storing (translate CR to LF in the console input routine), or paste with a terminal that sends CR LF.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
			{
				Text:   "Literal backslash-n: the PEM is on one line with the two characters backslash and n where newlines should be (copied from JSON, a C string in a log, an AT command or a web form).",
				Fix:    "Unescape the text so each backslash-n becomes a real newline byte (0x0A) before storing it.",
				When:   PhaseLoad,
				Source: "https://github.com/JiriBilek/ESP_ATMod/pull/4",
			},
			{
				Text:   "The END line is missing: the paste was cut by a console or UART receive buffer (often 256, 512 or 1024 bytes), or the file was truncated.",
				Fix:    "Enlarge the input buffer or send the certificate in chunks with flow control, and check the stored length against the original.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "Something sits between the BEGIN line and its newline: two or more spaces, a tab, or the base64 body joined onto the header line.",
				Fix:    "Strip trailing whitespace from every line and put the header on its own line.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
			{
				Text:   "The END line is misspelt or has the wrong label (END X509 CERTIFICATE, missing dashes), or a stray END line comes before the BEGIN line.",
				Fix:    "Make the footer exactly -----END CERTIFICATE----- after the body.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Which bytes follow -----BEGIN CERTIFICATE----- in the stored buffer: 0A, 0D 0A, 0D alone, or something else?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_BAD_INPUT_DATA"},
		Meaning: "An X.509 function was called with invalid arguments: a NULL certificate or buffer pointer, or a NULL verify profile.",
		Causes: []Cause{
			{
				Text:   "The certificate buffer pointer is NULL: the embedded-file symbol is missing, a read from flash or a file returned NULL, or the variable holding the PEM was never set.",
				Fix:    "Check the pointer before calling mbedtls_x509_crt_parse and log the length you pass.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "mbedtls_x509_crt_verify_with_profile was called with a NULL profile.",
				Fix:    "Pass &mbedtls_x509_crt_profile_default or your own profile.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3",
			},
		},
		Question: "Is the buffer pointer you pass non-NULL and the length non-zero?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_ALLOC_FAILED"},
		Meaning: "mbedTLS could not allocate memory while parsing or verifying a certificate. On a device this means the heap (or the mbedTLS memory pool) is too small or too fragmented at that moment. " +
			"While loading several PEM blocks it aborts the whole call.",
		Causes: []Cause{
			{
				Text:   "The server's chain is large (long chains, big RSA certificates, many SAN entries) and the parsed copy does not fit the heap; an STM32F429 failed on a 5,021-byte Certificate message.",
				Fix:    "Measure free heap before the handshake and raise it (less static RAM, smaller buffers elsewhere, PSRAM on ESP32), or pick an endpoint with a smaller chain.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2590",
			},
			{
				Text:   "Heap fragmentation: the first connection after boot works, later ones fail after Wi-Fi, MQTT and other tasks have carved up the heap.",
				Fix:    "Allocate TLS contexts once at start-up and reuse them, and log the largest free block, not only the total.",
				When:   PhaseAny,
				Source: "https://github.com/espressif/esp-aws-iot/issues/7",
			},
			{
				Text:   "A whole CA bundle (more than a hundred roots) is parsed into RAM on the device.",
				Fix:    "Embed only the roots this endpoint needs, or use a bundle that keeps only subject and key (ESP-IDF esp_crt_bundle).",
				When:   PhaseLoad,
				Source: "https://docs.espressif.com/projects/esp-idf/en/v5.1.3/api-reference/protocols/esp_crt_bundle.html",
			},
			{
				Text:   "mbedtls_calloc is wired to a small static pool (mbedtls_memory_buffer_alloc_init) or an RTOS heap that is smaller than the TLS session needs.",
				Fix:    "Size the pool for the handshake (typically 30-50 KB for RSA-2048 chains with 16 KB IN buffers), or point mbedtls_platform_set_calloc_free at the main heap.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/8982",
			},
			{
				Text:   "The root CA is parsed again on every reconnect without mbedtls_x509_crt_free, leaking memory until parsing fails.",
				Fix:    "Parse the trust store once, or call mbedtls_x509_crt_free before parsing again.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
		},
		Question: "How much free heap, and what largest free block, does the device have just before the failing call?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_FILE_IO_ERROR"},
		Meaning: "mbedtls_x509_crt_parse_file or _parse_path could not open or read the certificate file.",
		Causes: []Cause{
			{
				Text:   "Wrong path or the filesystem is not mounted yet (SPIFFS, LittleFS, FAT on SD) when the file is read; on some ports the mount point prefix (/spiffs/...) is missing.",
				Fix:    "Mount the filesystem before loading, use the full path including the mount point, and log fopen's errno.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse_file@2.28.3",
			},
			{
				Text:   "The file is empty or unreadable (zero-length upload, permissions on embedded Linux).",
				Fix:    "Check the file size on the device and re-upload it.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:mbedtls_pk_load_file@2.28.3",
			},
		},
		Question: "Does fopen on that exact path succeed on the device at that moment?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_X509_BUFFER_TOO_SMALL"},
		Meaning: "An output buffer given to an X.509 function was too small: writing a certificate or CSR, or printing certificate information or a name into a string.",
		Causes: []Cause{
			{
				Text:   "The buffer passed to mbedtls_x509write_crt_pem / _csr_pem, or to mbedtls_x509_crt_info / mbedtls_x509_dn_gets, is smaller than the output.",
				Fix:    "Use a larger buffer (4 KB is enough for most PEM certificates) or print less.",
				When:   PhaseAny,
				Source: "library/x509.c:mbedtls_x509_dn_gets@2.28.3",
			},
		},
		Question: "Which function returned it, and how large is the output buffer you passed?",
		Confirm:  "tlsdoctor explain -0x2980",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_X509_FATAL_ERROR"},
		Meaning: "Certificate verification could not run to a result at all: the chain is too long, a verify or CA callback failed, or (most often on ESP32) ESP-IDF's certificate-bundle callback found no root for the chain. " +
			"The verify flags are then all ones (0xFFFFFFFF).",
		Causes: []Cause{
			{
				Text:   "ESP-IDF certificate bundle: no matching root in the bundle ('No matching trusted root certificate found'), for example because IDF 6.0 removed GlobalSign Root CA, which cross-signs GTS Root R4, or the bundle in the firmware is old.",
				Fix:    "Add the endpoint's root as a custom certificate to the bundle (or embed it directly) and rebuild with a current bundle.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/18674",
			},
			{
				Text:   "The chain is cross-signed and the bundle holds only the self-signed twin of the root the server's chain points at (Let's Encrypt style chains).",
				Fix:    "Include both the self-signed root and the cross-signing root, or configure the server to send the chain that ends at the root you have.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/arduino-esp32/issues/8626",
			},
			{
				Text:   "The heap ran out inside the bundle's signature check ('PK verify failed with error FFFFBD70' = -0x4290, RSA public operation + MPI alloc failed).",
				Fix:    "Free heap before the handshake; see MBEDTLS_ERR_MPI_ALLOC_FAILED.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/15245",
			},
			{
				Text:   "The server sends more than MBEDTLS_X509_MAX_INTERMEDIATE_CA (default 8) intermediates, for example a misconfigured server repeating certificates.",
				Fix:    "Fix the server's chain; raise MBEDTLS_X509_MAX_INTERMEDIATE_CA only if the chain is really that long.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3",
			},
			{
				Text:   "Your own verify callback (mbedtls_ssl_conf_verify) returned non-zero; a callback returning -0x2700 is turned into -0x3000.",
				Fix:    "Return 0 from the callback and report problems through the flags it receives.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3",
			},
		},
		Question: "Is a verify callback or ESP-IDF's esp_crt_bundle_attach in use, and what did it log just before the error?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},

	// ---- PEM (pem.h) ----
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT"},
		Meaning: "The PEM reader could not find a usable BEGIN line followed by a newline and a matching END line. mbedtls_x509_crt_parse turns this into -0x2780 for the first block (and silently stops at it for later blocks); " +
			"mbedtls_pk_parse_key falls back to DER and reports a key-format error instead.",
		Causes: []Cause{
			{
				Text:   "CR-only line endings from a serial-terminal paste: the BEGIN line ends in 0x0D without 0x0A.",
				Fix:    "Translate CR to LF (or CR LF) before storing the text, or use tlsdoctor provision to send it.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
			{
				Text:   "The whole PEM is on one line with literal backslash-n pairs instead of newlines.",
				Fix:    "Unescape the text into real newline bytes before storing it.",
				When:   PhaseLoad,
				Source: "https://github.com/JiriBilek/ESP_ATMod/pull/4",
			},
			{
				Text:   "The END line is missing (paste cut by the console's buffer, file truncated) or misspelt.",
				Fix:    "Re-send the whole block with flow control and check its length on the device.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
			{
				Text:   "More than one space, a tab or base64 text follows the BEGIN line on the same line.",
				Fix:    "Put the header alone on its line and strip trailing whitespace.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Which bytes follow the BEGIN line, and is there an END line with the same label?",
		Confirm:  "tlsdoctor check PEM_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_PEM_INVALID_DATA"},
		Meaning: "The PEM header and footer were found, but the text between them is not clean base64. -0x112C (with BASE64_INVALID_CHARACTER) means a forbidden byte in the body; " +
			"bare -0x1100 an empty body or a bad line after an encryption header.",
		Causes: []Cause{
			{
				Text:   "Mixed line endings: a proper newline after the BEGIN line but CR-only breaks inside the body (partly converted paste, a terminal that translated only some lines). A lone CR is an invalid character.",
				Fix:    "Normalise all line endings to LF or CR LF before storing.",
				When:   PhaseLoad,
				Source: "https://github.com/SmartThingsCommunity/st-device-sdk-c-ref/issues/150",
			},
			{
				Text:   "Literal backslash-n pairs between the base64 lines (a real newline after the header, then text copied from a JSON or C string).",
				Fix:    "Replace every backslash-n pair with a real newline.",
				When:   PhaseLoad,
				Source: "https://github.com/JiriBilek/ESP_ATMod/pull/4",
			},
			{
				Text:   "Bytes base64 does not allow: indented body lines (YAML block, pretty-printed JSON, leading spaces inside a C string), tabs, spaces in mid-line, smart quotes or non-breaking spaces from a word processor or chat app, or 0xFF bytes from flash. Spaces are accepted only at the end of a line.",
				Fix:    "Remove leading whitespace from every body line and copy the certificate from the original file, not from a document or chat window.",
				When:   PhaseLoad,
				Source: "library/base64.c:mbedtls_base64_decode@2.28.3",
			},
			{
				Text:   "Two certificates where the first lacks its END line: its BEGIN pairs with the second END and the body then contains '-----BEGIN', so the whole load fails with -0x112C.",
				Fix:    "Restore the missing END line of the first certificate.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "An '=' in the middle of the body (two certificates' bodies glued together), extra '=' at the end, or, in 3.6 only, missing '=' padding.",
				Fix:    "Re-copy each certificate as its own complete block.",
				When:   PhaseLoad,
				Source: "library/base64.c:mbedtls_base64_decode@3.6.6",
			},
			{
				Text:   "Bare -0x1100: the body is empty (a placeholder PEM in sample code never filled in) or the line after Proc-Type / DEK-Info is malformed.",
				Fix:    "Paste the real certificate or key body between the BEGIN and END lines.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Which byte, on which line of the body, is not A-Z, a-z, 0-9, '+', '/', '=' or a line break?",
		Confirm:  "tlsdoctor check PEM_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_ALLOC_FAILED"},
		Meaning: "The PEM reader could not allocate the buffer for the decoded bytes, the first allocation made while loading a PEM certificate or key.",
		Causes: []Cause{
			{
				Text:   "The heap is exhausted or fragmented when the root CA or key is loaded (often late, after the network stack started).",
				Fix:    "Load certificates early, once, and check free heap at that point.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
			{
				Text:   "On 2.28, a body that is only whitespace asks for 0 bytes and the platform's calloc returns NULL for size 0.",
				Fix:    "Put the real base64 body into the PEM.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "How much free heap is there when the certificate is loaded, and is the PEM body empty?",
		Confirm:  "tlsdoctor check PEM_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_INVALID_ENC_IV"},
		Meaning: "The PEM block is encrypted (Proc-Type: 4,ENCRYPTED) and the IV in the DEK-Info line is not valid hex of the right length.",
		Causes: []Cause{
			{
				Text:   "The DEK-Info line was damaged while copying (truncated or line-wrapped), or was typed by hand.",
				Fix:    "Copy the key file unchanged, or better decrypt it on the PC (openssl pkey -in k.pem -out k_plain.pem) and provision the plain key.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Is the DEK-Info line intact, with 16 or 32 hex digits after the comma?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_UNKNOWN_ENC_ALG"},
		Meaning: "The PEM block is encrypted with an algorithm the legacy PEM decryption does not support (it knows only DES, 3DES and AES-CBC).",
		Causes: []Cause{
			{
				Text:   "The key was encrypted with a cipher such as Camellia or with a DEK-Info name mbedTLS does not parse.",
				Fix:    "Decrypt the key on the PC and store it unencrypted in protected storage, or re-encrypt it with AES-256-CBC.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "What cipher name is on the DEK-Info line?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_PASSWORD_REQUIRED"},
		Meaning: "The PEM block is encrypted but no password was given. For certificates this means the text is not a certificate block at all, since certificates are never encrypted.",
		Causes: []Cause{
			{
				Text:   "An encrypted private key (Proc-Type: 4,ENCRYPTED) is loaded with mbedtls_pk_parse_key(..., NULL, 0).",
				Fix:    "Pass the password, or decrypt the key on the PC and provision the plain key.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Does the PEM contain a Proc-Type: 4,ENCRYPTED line?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_PASSWORD_MISMATCH"},
		Meaning: "The encrypted PEM was decrypted with the given password, but the result does not look like a key, so the password is probably wrong.",
		Causes: []Cause{
			{
				Text:   "Wrong password, or a password with a trailing newline or NUL counted in its length.",
				Fix:    "Pass the password bytes without terminator and the matching length (strlen, not sizeof).",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Does 'openssl pkey -in KEY -passin pass:...' accept the same password?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_FEATURE_UNAVAILABLE"},
		Meaning: "The PEM block is encrypted and this build lacks what legacy PEM decryption needs (MBEDTLS_MD5_C, MBEDTLS_CIPHER_MODE_CBC and MBEDTLS_AES_C or MBEDTLS_DES_C).",
		Causes: []Cause{
			{
				Text:   "An encrypted key is loaded on a trimmed build without MD5 or CBC.",
				Fix:    "Provision the key unencrypted (in protected storage), or enable MBEDTLS_MD5_C, MBEDTLS_CIPHER_MODE_CBC and MBEDTLS_AES_C.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Is the PEM encrypted (Proc-Type: 4,ENCRYPTED), and are MD5 and CBC enabled in the build?",
		Confirm:  "tlsdoctor check KEY_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PEM_BAD_INPUT_DATA"},
		Meaning: "The PEM reader was called with invalid input. In 3.6 it is also what a block whose body is only whitespace decodes to, and mbedtls_x509_crt_parse then stops the whole load at once.",
		Causes: []Cause{
			{
				Text:   "3.6: a certificate block has an empty or whitespace-only body (placeholder left in a bundle, a block emptied by an editor).",
				Fix:    "Remove the empty block or fill in the real certificate.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@3.6.6",
			},
			{
				Text:   "A NULL context or buffer was passed to the PEM functions.",
				Fix:    "Check pointers before the call.",
				When:   PhaseAny,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Is there a BEGIN/END pair with nothing but whitespace between them?",
		Confirm:  "tlsdoctor check PEM_FILE",
	},

	// ---- BASE64 (base64.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL"},
		Meaning: "The output buffer given to mbedtls_base64_decode or _encode is too small. The PEM reader handles this itself, so on a device it comes from application code that decodes base64 directly.",
		Causes: []Cause{
			{
				Text:   "The firmware decodes a base64 certificate or key (from NVS, JSON or an AT command) into a buffer sized for the text, or a fixed buffer smaller than the result.",
				Fix:    "Call mbedtls_base64_decode(NULL, 0, &olen, src, slen) first to learn the size, then allocate olen bytes.",
				When:   PhaseLoad,
				Source: "library/base64.c:mbedtls_base64_decode@2.28.3",
			},
		},
		Question: "How large is the destination buffer compared with 3/4 of the base64 length?",
		Confirm:  "tlsdoctor explain -0x002A",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_BASE64_INVALID_CHARACTER"},
		Meaning: "A byte in base64 text is not allowed. Inside PEM it appears as -0x112C (PEM_INVALID_DATA + this). Allowed are A-Z a-z 0-9 + / =, newline, CR LF, and spaces only at the end of a line.",
		Causes: []Cause{
			{
				Text:   "A lone CR inside the body (CR-only or mixed line endings from a terminal paste).",
				Fix:    "Normalise line endings to LF or CR LF.",
				When:   PhaseLoad,
				Source: "library/base64.c:mbedtls_base64_decode@2.28.3",
			},
			{
				Text:   "Literal backslash-n, quotes or commas left from C or JSON source inside the body.",
				Fix:    "Unescape the text before storing it.",
				When:   PhaseLoad,
				Source: "https://github.com/JiriBilek/ESP_ATMod/pull/4",
			},
			{
				Text:   "Indentation or tabs in front of body lines, or spaces in the middle of a line.",
				Fix:    "Strip leading whitespace from every body line.",
				When:   PhaseLoad,
				Source: "library/base64.c:mbedtls_base64_decode@2.28.3",
			},
			{
				Text:   "Non-ASCII bytes (smart quotes, UTF-8 non-breaking space, 0xFF from flash) or an '=' in the middle.",
				Fix:    "Re-copy from the original file.",
				When:   PhaseLoad,
				Source: "https://github.com/SmartThingsCommunity/st-device-sdk-c-ref/issues/150",
			},
		},
		Question: "At which offset is the first byte that is not base64, newline or trailing space?",
		Confirm:  "tlsdoctor check PEM_FILE",
	},

	// ---- ASN.1 (asn1.h): these appear as the low part of a combined code ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_OUT_OF_DATA"},
		Meaning: "The DER ended before a field was complete. It is the low part of codes such as -0x21E0 or -0x3B60: the structure named by the high part was cut short.",
		Causes: []Cause{
			{
				Text:   "Truncated certificate or key: a length that stops early (sizeof of a pointer, strlen on binary DER that contains 0x00), a short read from flash, or a transfer cut off.",
				Fix:    "Pass the real DER length (keep it next to the array, e.g. from xxd -i's _len variable) and compare it with the original file size.",
				When:   PhaseLoad,
				Source: "library/asn1parse.c:mbedtls_asn1_get_len@2.28.3",
			},
			{
				Text:   "strlen() was used on a DER array; DER contains 0x00 bytes, so the length stops at the first one.",
				Fix:    "Use the array size, never strlen, for DER.",
				When:   PhaseLoad,
				Source: "https://github.com/aws/amazon-freertos/issues/2322",
			},
		},
		Question: "Is the length you pass equal to the DER file's size in bytes?",
		Confirm:  "tlsdoctor check CERT_FILE --length sizeof",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_UNEXPECTED_TAG"},
		Meaning: "A DER element has a different type than expected at that place. As part of -0x21E2 it means the certificate body is not laid out as a certificate; as part of -0x2562 it means an unsupported critical extension.",
		Causes: []Cause{
			{
				Text:   "The bytes are not the object the function expects (a key passed as a certificate, a CSR, a PKCS#7 or PKCS#12 container, a PEM of another type decoded as certificate).",
				Fix:    "Pass the right object: a single X.509 certificate in PEM or DER.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2016",
			},
			{
				Text:   "Corruption inside otherwise well-formed DER (bit flips, a byte inserted or lost).",
				Fix:    "Compare the SHA-256 of the device's copy with the original.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/9748",
			},
			{
				Text:   "Combined with INVALID_EXTENSIONS (-0x2562): a critical extension mbedTLS does not support.",
				Fix:    "See MBEDTLS_ERR_X509_INVALID_EXTENSIONS.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/4060",
			},
		},
		Question: "What is the high part of the code (-0x2180 format, -0x2500 extensions, -0x3D00 key), and is the input really that object?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_INVALID_LENGTH"},
		Meaning: "A DER length field is invalid: indefinite length (BER 0x80), more than 4 length bytes, or an INTEGER that is empty, negative or too big for an int.",
		Causes: []Cause{
			{
				Text:   "The data is BER rather than DER (indefinite lengths from some Java or Windows exports) or is corrupt.",
				Fix:    "Convert to DER with 'openssl x509 -in in.crt -outform DER -out out.der' and use that.",
				When:   PhaseLoad,
				Source: "library/asn1parse.c:mbedtls_asn1_get_len@2.28.3",
			},
		},
		Question: "Does openssl asn1parse show an indefinite length (0x80) in the input?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_LENGTH_MISMATCH"},
		Meaning: "A DER element's content does not fill its declared length exactly (leftover or missing bytes). As -0x21E6 it often means a v1 certificate that carries extensions, or trailing junk inside the certificate.",
		Causes: []Cause{
			{
				Text:   "A version-1 certificate with an extensions block (some old test CAs); 2.28 accepts it only with MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3.",
				Fix:    "Re-issue as a v3 certificate.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_crt_parse_der_core@2.28.3",
			},
			{
				Text:   "Corrupt DER or a key whose inner structure was edited.",
				Fix:    "Re-transfer or re-generate the object.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/8580",
			},
		},
		Question: "What version does the certificate declare, and does it have extensions?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_INVALID_DATA"},
		Meaning: "A DER value is not acceptable for its type, typically a BIT STRING that is empty or has non-zero unused bits where none are allowed.",
		Causes: []Cause{
			{
				Text:   "A malformed public key or signature BIT STRING from a home-made generator, or corruption.",
				Fix:    "Re-generate the certificate or key with a standard tool.",
				When:   PhaseAny,
				Source: "library/asn1parse.c:mbedtls_asn1_get_bitstring@2.28.3",
			},
		},
		Question: "Does openssl accept the same bytes?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_ALLOC_FAILED"},
		Meaning: "Memory allocation failed while parsing a DER list, for example the entries of a subjectAltName (seen as -0x256A).",
		Causes: []Cause{
			{
				Text:   "The heap is exhausted while parsing a certificate with many SAN entries or policies (large server certificates during the handshake).",
				Fix:    "Free heap before the handshake, or connect to an endpoint whose certificate lists fewer names.",
				When:   PhaseHandshake,
				Source: "library/asn1parse.c:mbedtls_asn1_get_sequence_of@2.28.3",
			},
		},
		Question: "How much free heap is there when the failing parse runs?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ASN1_BUF_TOO_SMALL"},
		Meaning: "A DER writer ran out of output buffer. It comes from writing certificates, CSRs, keys or signatures, not from parsing.",
		Causes: []Cause{
			{
				Text:   "The buffer for mbedtls_x509write_csr_der / _crt_der / mbedtls_pk_write_key_der is smaller than the result (for example 512 bytes for an RSA-2048 CSR).",
				Fix:    "Use a buffer of at least 4 KB for RSA objects (1 KB for P-256), then use the returned length.",
				When:   PhaseAny,
				Source: "library/asn1write.c:mbedtls_asn1_write_len@2.28.3",
			},
		},
		Question: "Which write function returned it, and how big is its buffer?",
		Confirm:  "tlsdoctor explain -0x006C",
	},

	// ---- OID (oid.h) and generic ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_OID_NOT_FOUND"},
		Meaning: "An object identifier (algorithm, curve, extension or attribute) is not in this build's tables. It is the low part of -0x262E (unknown signature algorithm) and -0x20AE (unsupported PSS mask function).",
		Causes: []Cause{
			{
				Text:   "The algorithm behind the OID is compiled out: a hash (SHA-1, SHA-384/512), RSA, ECDSA, or RSASSA-PSS support.",
				Fix:    "Enable the module matching the certificate's signature algorithm in mbedtls_config.h.",
				When:   PhaseAny,
				Source: "library/oid.c:mbedtls_oid_get_sig_alg@2.28.3",
			},
			{
				Text:   "The algorithm is not supported by mbedTLS at all (Ed25519, Ed448, DSA).",
				Fix:    "Use ECDSA or RSA certificates.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10653",
			},
		},
		Question: "What is the high part of the combined code, and which OID does openssl show at that place?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_OID_BUF_TOO_SMALL"},
		Meaning: "The buffer given to print an OID as dotted text is too small.",
		Causes: []Cause{
			{
				Text:   "Application code calls mbedtls_oid_get_numeric_string with a short buffer.",
				Fix:    "Use a buffer of at least 64 bytes.",
				When:   PhaseAny,
				Source: "library/oid.c:mbedtls_oid_get_numeric_string@2.28.3",
			},
		},
		Question: "How large is the buffer passed to mbedtls_oid_get_numeric_string?",
		Confirm:  "tlsdoctor explain -0x000B",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_ERROR_GENERIC_ERROR"},
		Meaning: "Value -0x0001 is a catch-all failure. But when mbedtls_x509_crt_parse returns a positive 1 (printed as 'Generic error' by mbedtls_strerror) it is not an error: at least one certificate loaded and the number is how many PEM blocks failed. " +
			"Code that treats any non-zero return as failure throws away a usable trust store.",
		Causes: []Cause{
			{
				Text:   "A positive return from mbedtls_x509_crt_parse or _parse_file: a bundle where some certificates use an algorithm or curve the build lacks, or an OpenSSL 'BEGIN TRUSTED CERTIFICATE' block that is skipped.",
				Fix:    "Treat ret >= 0 as success for bundles (ret is the count of skipped blocks) and find out which blocks failed; treat only negative values as errors.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/734",
			},
			{
				Text:   "A system or vendor bundle loaded with mbedtls_x509_crt_parse_path or _file reports how many files or blocks could not be used.",
				Fix:    "Log the positive count and check that the roots you need did load.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2409",
			},
			{
				Text:   "A real -0x0001 from a platform or alternative (_ALT) implementation that reports failure without a specific code.",
				Fix:    "Look at the function that returned it and its port layer.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
		},
		Question: "Was the value a positive 1 returned by mbedtls_x509_crt_parse, or a negative -0x0001 from another function?",
		Confirm:  "tlsdoctor check ROOT_CA_BUNDLE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED"},
		Meaning: "mbedTLS detected an internal inconsistency that should never happen: memory corruption, a fault, or a bug.",
		Causes: []Cause{
			{
				Text:   "Memory corruption around the TLS context: stack overflow in the task running the handshake, use after free, or two tasks sharing one mbedtls_ssl_context.",
				Fix:    "Enlarge the task stack (8-12 KB for a TLS handshake is common), use one context per task, and enable stack overflow checking.",
				When:   PhaseAny,
				Source: "library/ssl_tls.c:mbedtls_ssl_handshake@2.28.3",
			},
		},
		Question: "Does the error go away with a larger stack for the task doing the handshake?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},

	// ---- PK (pk.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_ALLOC_FAILED"},
		Meaning: "Memory allocation failed while setting up a public or private key context, for example while parsing a certificate's key.",
		Causes: []Cause{
			{
				Text:   "The heap is exhausted when the root CA, the device key or the server's certificate is parsed.",
				Fix:    "Check free heap at that point and free or shrink other buffers; load certificates and keys once at start-up.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3688",
			},
		},
		Question: "How much free heap is there when the key or certificate is parsed?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_TYPE_MISMATCH"},
		Meaning: "A key of one type was used for an operation of another type, for example an EC key where an RSA key is needed.",
		Causes: []Cause{
			{
				Text:   "The device's private key does not belong to its certificate (an RSA key loaded with an ECDSA certificate, or keys swapped between devices); mbedTLS does not check the pair when you configure them.",
				Fix:    "Check the pair with mbedtls_pk_check_pair before mbedtls_ssl_conf_own_cert and provision the matching key.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/507",
			},
			{
				Text:   "Application code calls an RSA-only function (mbedtls_pk_rsa, encryption) on an EC key.",
				Fix:    "Check mbedtls_pk_get_type before using type-specific functions.",
				When:   PhaseAny,
				Source: "library/pk.c:mbedtls_pk_verify@2.28.3",
			},
		},
		Question: "Does mbedtls_pk_check_pair(&cert.pk, &key) return 0 for your certificate and key?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_PK_BAD_INPUT_DATA"},
		Meaning: "A PK function got invalid input. With mbedtls_pk_parse_key or _parse_public_key it usually means the key text or length is wrong; " +
			"with mbedtls_pk_verify (-16000) a signature or hash argument that does not fit the key.",
		Causes: []Cause{
			{
				Text:   "The key buffer contains stray spaces or was pasted with damaged line breaks, or the length is wrong.",
				Fix:    "Store the key exactly as the PEM file has it and pass strlen(key)+1.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3327",
			},
			{
				Text:   "mbedtls_pk_verify is called with a hash length that does not match the hash type, or a signature of the wrong size.",
				Fix:    "Pass the digest length of the md_type you name (32 for SHA-256) and the full signature.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10211",
			},
			{
				Text:   "An encrypted PKCS#8 key larger than an internal buffer in old versions (4096-bit RSA).",
				Fix:    "Decrypt the key on the PC and provision it unencrypted, or update mbedTLS.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/878",
			},
		},
		Question: "Which function returned it: a key parse or a signature verify?",
		Confirm:  "tlsdoctor check KEY_FILE --length strlen",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_FILE_IO_ERROR"},
		Meaning: "mbedtls_pk_parse_keyfile or _parse_public_keyfile could not read the key file.",
		Causes: []Cause{
			{
				Text:   "Wrong path, file missing, or the filesystem is not mounted yet.",
				Fix:    "Mount the filesystem first and use the full path including the mount point.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:mbedtls_pk_load_file@2.28.3",
			},
		},
		Question: "Does fopen on that path succeed on the device?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_KEY_INVALID_VERSION"},
		Meaning: "The private key structure declares a version mbedTLS does not accept (for example a PKCS#8 v2 / OneAsymmetricKey with public key attached, or a corrupted version field).",
		Causes: []Cause{
			{
				Text:   "The key was exported in a newer PKCS#8 form (version 1 with an attached public key), as some tools do for EC and EdDSA keys.",
				Fix:    "Convert with 'openssl pkey -in key.pem -out key_trad.pem' (or 'openssl ec -in key.pem' for EC keys) and provision that.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:mbedtls_pk_parse_key@2.28.3",
			},
		},
		Question: "What does openssl asn1parse show as the first INTEGER of the key?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_PK_KEY_INVALID_FORMAT"},
		Meaning: "mbedTLS could not read the private or public key in any format it knows. For PEM keys the most common reason is the same as for certificates: the length passed does not count the NUL, so the PEM text is tried as DER. " +
			"In certificates -0x3Dxx means the SubjectPublicKeyInfo is malformed.",
		Causes: []Cause{
			{
				Text:   "The PEM key is passed with strlen(key) instead of strlen(key)+1, so mbedtls_pk_parse_key skips PEM and fails on the text as DER.",
				Fix:    "Pass strlen(key)+1 (or sizeof of the string array).",
				When:   PhaseLoad,
				Source: "https://github.com/espressif/esp-idf/issues/4831",
			},
			{
				Text:   "The key was damaged when turned into a C string (missing newlines, indentation, truncated).",
				Fix:    "Generate the C literal with a tool and keep one newline per PEM line.",
				When:   PhaseLoad,
				Source: "https://github.com/espressif/esp-idf/issues/765",
			},
			{
				Text:   "The key type or form is not supported by this build: an EC key with MBEDTLS_ECP_C off, an encrypted PKCS#8 key without MBEDTLS_PKCS5_C, or a key generated in a format the parser does not accept.",
				Fix:    "Convert the key on the PC to a plain PKCS#8 or traditional form ('openssl pkey') and enable the matching modules.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/7786",
			},
			{
				Text:   "A public key or certificate was passed to mbedtls_pk_parse_key, which needs a private key.",
				Fix:    "Use mbedtls_pk_parse_public_key for public keys and mbedtls_x509_crt_parse for certificates.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/994",
			},
			{
				Text:   "In a certificate: a corrupt SubjectPublicKeyInfo, or EC parameters given as an explicit curve instead of a named curve (needs MBEDTLS_PK_PARSE_EC_EXTENDED).",
				Fix:    "Re-issue the certificate with a named curve.",
				When:   PhaseAny,
				Source: "library/pkparse.c:mbedtls_pk_parse_subpubkey@2.28.3",
			},
		},
		Question: "Does the length you pass to mbedtls_pk_parse_key include the terminating NUL, and what is the key's BEGIN line?",
		Confirm:  "tlsdoctor check KEY_FILE --length strlen",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_UNKNOWN_PK_ALG"},
		Meaning: "The key algorithm in a certificate or key file is not one this build supports. mbedTLS handles only RSA and EC keys, and each only if its module is compiled in.",
		Causes: []Cause{
			{
				Text:   "The key type is compiled out: an RSA key with MBEDTLS_RSA_C off, or an EC key with MBEDTLS_ECP_C off (common in ECC-only or RSA-only trimmed configs).",
				Fix:    "Enable MBEDTLS_RSA_C or MBEDTLS_ECP_C (with MBEDTLS_ECDSA_C) to match the certificate, or pick a root with the key type your build has.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3688",
			},
			{
				Text:   "The key type is not supported at all: Ed25519/X25519, DSA, or an RSASSA-PSS-only key (id-RSASSA-PSS public key OID).",
				Fix:    "Use an RSA (rsaEncryption) or EC P-256 key.",
				When:   PhaseAny,
				Source: "library/pkparse.c:mbedtls_pk_parse_subpubkey@2.28.3",
			},
			{
				Text:   "In the server's chain during the handshake: the server's certificate has a key type your build lacks (an RSA server cert on an ECC-only build).",
				Fix:    "Enable the key type the endpoint uses, or use an endpoint with the other certificate type.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
		},
		Question: "Which public key algorithm does openssl x509 -text show, and is that module enabled in the build?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_PASSWORD_REQUIRED"},
		Meaning: "The private key is encrypted and no password was passed to mbedtls_pk_parse_key.",
		Causes: []Cause{
			{
				Text:   "An encrypted key ('BEGIN ENCRYPTED PRIVATE KEY' or Proc-Type: 4,ENCRYPTED) was provisioned, and the firmware passes NULL, 0 as password.",
				Fix:    "Decrypt it on the PC (openssl pkey -in enc.pem -out plain.pem) and provision the plain key in protected storage, or pass the password.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/5304",
			},
		},
		Question: "Does the key's BEGIN line say ENCRYPTED, or is there a Proc-Type line?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_PASSWORD_MISMATCH"},
		Meaning: "The encrypted private key could not be decrypted with the given password.",
		Causes: []Cause{
			{
				Text:   "Wrong password, or its length counts a NUL or newline.",
				Fix:    "Pass the password bytes with strlen(password) as length.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:mbedtls_pk_parse_key@2.28.3",
			},
			{
				Text:   "The key was encrypted with a PBES2 cipher this build cannot use (AES-based PKCS#8 on builds or versions that only handle DES), which looks like a wrong password.",
				Fix:    "Re-encrypt with a supported cipher or provision the key unencrypted.",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/8056",
			},
		},
		Question: "Does openssl accept the same password for this key file?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_PK_INVALID_PUBKEY"},
		Meaning: "The public key inside a certificate was read but rejected. For RSA keys any import or sanity-check failure is reported this way, including a modulus longer than MBEDTLS_MPI_MAX_SIZE and running out of memory. " +
			"From mbedtls_ssl_handshake (state 3) it concerns a certificate the server sent.",
		Causes: []Cause{
			{
				Text:   "An RSA-4096 root or certificate with MBEDTLS_MPI_MAX_SIZE set to 256 (RSA-2048 maximum), a common embedded setting. RSA-4096 roots include ISRG Root X1, GTS Root R1 and Amazon Root CA 2.",
				Fix:    "Set MBEDTLS_MPI_MAX_SIZE to 512 (or the default 1024), or trust an EC or RSA-2048 root for this endpoint (for example ISRG Root X2 or Amazon Root CA 1).",
				When:   PhaseLoad,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2515",
			},
			{
				Text:   "The heap ran out while the key's numbers were imported; the memory failure is hidden behind this code.",
				Fix:    "Check free heap when the certificate is parsed and enlarge the heap or mbedTLS pool.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3688",
			},
			{
				Text:   "The key type or curve is missing from a trimmed configuration (for example a modified Suite B config, or ESP-IDF with P-384 support turned off).",
				Fix:    "Enable the key type and curve the certificate uses (MBEDTLS_RSA_C, MBEDTLS_ECP_DP_SECP384R1_ENABLED, ...).",
				When:   PhaseLoad,
				Source: "https://forums.mbed.com/t/mbedtls-x509-crt-parse-crt-returns-0x3b00-mbedtls-err-pk-invalid-pubkey/5508",
			},
			{
				Text:   "Returned by mbedtls_ssl_handshake: the server's leaf or intermediate has an RSA-4096 key and the build's MBEDTLS_MPI_MAX_SIZE is 256.",
				Fix:    "Raise MBEDTLS_MPI_MAX_SIZE to 512, or use an endpoint with an RSA-2048 or ECDSA certificate.",
				When:   PhaseHandshake,
				Source: "library/pkparse.c:pk_get_rsapubkey@2.28.3",
			},
			{
				Text:   "A malformed key: even exponent, modulus below 128 bits, point not encoded properly, or corrupted bits (-0x3Bxx with an ASN.1 low part).",
				Fix:    "Re-issue the certificate; check the device's copy against the original.",
				When:   PhaseAny,
				Source: "https://techoverflow.net/2023/01/14/what-does-mbed-tls-error-code-0x3b00-mean/",
			},
		},
		Question: "What key type and size is in the certificate, and what MBEDTLS_MPI_MAX_SIZE does your build use?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_INVALID_ALG"},
		Meaning: "The algorithm identifier of a public or private key is malformed, for example rsaEncryption with parameters other than NULL.",
		Causes: []Cause{
			{
				Text:   "A home-made generator wrote non-standard AlgorithmIdentifier parameters, or the key bytes are corrupt.",
				Fix:    "Re-generate the key or certificate with a standard tool.",
				When:   PhaseAny,
				Source: "library/pkparse.c:mbedtls_pk_parse_subpubkey@2.28.3",
			},
		},
		Question: "Does openssl accept the key, and what algorithm and parameters does asn1parse show?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE"},
		Meaning: "The certificate's EC key is on a curve that is not enabled in this build (or not supported at all). When a curve is disabled its OID disappears from mbedTLS's tables, so the curve looks unknown.",
		Causes: []Cause{
			{
				Text:   "A P-384 root without MBEDTLS_ECP_DP_SECP384R1_ENABLED: ISRG Root X2, GTS Root R4, Amazon Root CA 4 and DigiCert Global Root G3 are P-384.",
				Fix:    "Enable MBEDTLS_ECP_DP_SECP384R1_ENABLED (and MBEDTLS_SHA512_C for their SHA-384 signatures), or embed an RSA-2048 or P-256 root instead.",
				When:   PhaseLoad,
				Source: "https://github.com/arcus-smart-home/arcusplatform/pull/314",
			},
			{
				Text:   "Returned by mbedtls_ssl_handshake in state 3: a certificate in the server's chain has a P-384 key (for example Let's Encrypt's ECDSA intermediates or a chain ending at GTS Root R4) and the build has only P-256.",
				Fix:    "Enable MBEDTLS_ECP_DP_SECP384R1_ENABLED in the device build.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/18674",
			},
			{
				Text:   "A P-521, brainpool or secp256k1 key from an industrial, smart-meter or private PKI without the matching MBEDTLS_ECP_DP_*_ENABLED option.",
				Fix:    "Enable that curve, or have the PKI issue P-256 certificates.",
				When:   PhaseAny,
				Source: "library/pkparse.c:pk_use_ecparams@2.28.3",
			},
		},
		Question: "Which curve does openssl x509 -text show (ASN1 OID: secp384r1, prime256v1, ...), and is it enabled in mbedtls_config.h?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE"},
		Meaning: "The requested key operation is not available for this key or build (for example RSA disabled for an RSA key, or an operation the key's backend does not implement).",
		Causes: []Cause{
			{
				Text:   "The operation needs a module that is compiled out (RSA, ECDSA, PKCS#1 v2.1 for PSS).",
				Fix:    "Enable the module for the key and signature type in use.",
				When:   PhaseAny,
				Source: "library/pk.c:mbedtls_pk_verify_ext@2.28.3",
			},
			{
				Text:   "mbedtls_pk_check_pair could not compare the keys (opaque or hardware key), so it neither confirms nor denies a match.",
				Fix:    "Check the pair another way (sign and verify a test message).",
				When:   PhaseLoad,
				Source: "library/pk.c:mbedtls_pk_check_pair@2.28.3",
			},
		},
		Question: "Which PK call returned it, and for which key type?",
		Confirm:  "tlsdoctor check KEY_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_SIG_LEN_MISMATCH"},
		Meaning: "The signature was valid but followed by extra bytes, so the signature buffer length was wrong.",
		Causes: []Cause{
			{
				Text:   "Application code passes the size of the whole buffer instead of the signature's real length to mbedtls_pk_verify.",
				Fix:    "Pass the exact signature length returned by the signer.",
				When:   PhaseAny,
				Source: "library/pk.c:mbedtls_pk_verify@2.28.3",
			},
		},
		Question: "Is the signature length passed equal to the length the signer returned?",
		Confirm:  "tlsdoctor explain -0x3900",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_HW_ACCEL_FAILED"},
		Meaning: "2.28 only (-0x3880): a hardware-accelerated PK operation failed. In 3.6 the same number means MBEDTLS_ERR_PK_BUFFER_TOO_SMALL.",
		Causes: []Cause{
			{
				Text:   "The vendor's _ALT implementation or secure element returned an error (peripheral not clocked, busy, or key slot empty).",
				Fix:    "Check the vendor driver's own error and its initialisation; test with the software implementation.",
				When:   PhaseAny,
				Source: "library/pk.c:mbedtls_pk_sign@2.28.3",
			},
		},
		Question: "Does the error disappear with the hardware acceleration (_ALT) turned off?",
		Confirm:  "tlsdoctor explain -0x3880",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_PK_BUFFER_TOO_SMALL"},
		Meaning: "3.6 only (-0x3880): an output buffer for a PK operation (signature, key export) is too small. In 2.28 the same number means MBEDTLS_ERR_PK_HW_ACCEL_FAILED.",
		Causes: []Cause{
			{
				Text:   "The signature buffer passed to mbedtls_pk_sign is smaller than the key needs (MBEDTLS_PK_SIGNATURE_MAX_SIZE is safe).",
				Fix:    "Size signature buffers with MBEDTLS_PK_SIGNATURE_MAX_SIZE.",
				When:   PhaseAny,
				Source: "library/pk.c:mbedtls_pk_sign@3.6.6",
			},
		},
		Question: "How big is the output buffer compared with the key size?",
		Confirm:  "tlsdoctor explain -0x3880",
	},

	// ---- BIGNUM (bignum.h) ----
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_MPI_ALLOC_FAILED"},
		Meaning: "A big-number allocation failed: the heap ran out during RSA or ECC arithmetic. It often appears inside a combined code (-0x4290 = RSA_PUBLIC_FAILED + this) or raw from EC key parsing, " +
			"and sometimes only as a misleading verify failure.",
		Causes: []Cause{
			{
				Text:   "Heap exhaustion during the handshake's signature checks or key exchange, especially with RSA-4096 chains and 16 KB IN/OUT buffers on small MCUs.",
				Fix:    "Measure free heap before the handshake; shrink MBEDTLS_SSL_OUT_CONTENT_LEN, use PSRAM or a bigger mbedTLS pool.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/15245",
			},
			{
				Text:   "Heap exhaustion while parsing an EC key in a certificate (the raw -0x0010 is returned from the EC path).",
				Fix:    "Load certificates while the heap is still large, once.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:pk_get_ecpubkey@2.28.3",
			},
			{
				Text:   "A number larger than MBEDTLS_MPI_MAX_LIMBS was requested (corrupt or absurdly large key).",
				Fix:    "Check the key size of the certificate involved.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_grow@2.28.3",
			},
		},
		Question: "What is the free heap (and largest block) right before the handshake?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL"},
		Meaning: "A big number did not fit the output buffer it was written to: a key or signature component larger than expected.",
		Causes: []Cause{
			{
				Text:   "A fixed buffer sized for RSA-2048 (256 bytes) or P-256 (32 bytes) receives a bigger number from a larger key.",
				Fix:    "Size buffers from the key's actual length (mbedtls_pk_get_len) or for the largest key you accept.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_write_binary@2.28.3",
			},
		},
		Question: "Which key size is in use, and how big is the destination buffer?",
		Confirm:  "tlsdoctor explain -0x0008",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_BAD_INPUT_DATA"},
		Meaning: "A big-number function got an invalid argument (for example an even or negative modulus, or a number too big for the configured limits).",
		Causes: []Cause{
			{
				Text:   "An RSA operation with a key larger than MBEDTLS_MPI_MAX_SIZE allows, or a malformed key.",
				Fix:    "Raise MBEDTLS_MPI_MAX_SIZE to cover the largest RSA key you meet (512 for RSA-4096).",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_exp_mod@2.28.3",
			},
			{
				Text:   "The server picked a DHE cipher suite and sent a Diffie-Hellman group (3072 or 4096 bits) larger than MBEDTLS_MPI_MAX_SIZE allows, or an even modulus.",
				Fix:    "Raise MBEDTLS_MPI_MAX_SIZE, or drop DHE suites from the client's list and use ECDHE.",
				When:   PhaseHandshake,
				Source: "library/bignum.c:mbedtls_mpi_exp_mod@2.28.3",
			},
		},
		Question: "Which key or DH group size was involved, and what is MBEDTLS_MPI_MAX_SIZE?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_NOT_ACCEPTABLE"},
		Meaning: "The big-number operation got arguments it cannot work with. On ESP32 it shows up as -0x428E (RSA_PUBLIC_FAILED + this) when the hardware RSA unit cannot handle the key size.",
		Causes: []Cause{
			{
				Text:   "The ESP32 hardware MPI cannot do the public operation for a 4096-bit RSA server key in some IDF versions.",
				Fix:    "Update ESP-IDF, or disable hardware MPI (CONFIG_MBEDTLS_HARDWARE_MPI) to use the software path, or use an endpoint with an RSA-2048/ECDSA certificate.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/139",
			},
			{
				Text:   "A modular inverse or prime test on bad data (corrupt key, failed key generation).",
				Fix:    "Re-generate the key and check it with mbedtls_pk_check_pair / mbedtls_rsa_check_privkey.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_exp_mod@2.28.3",
			},
		},
		Question: "Does it happen only with RSA-4096 server keys and with hardware MPI on?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_FILE_IO_ERROR"},
		Meaning: "As a real error (-0x0002): reading or writing a big number from a file failed. Watch out: a positive 2 from mbedtls_x509_crt_parse means two PEM blocks failed, and mbedtls_strerror prints this code's text for it.",
		Causes: []Cause{
			{
				Text:   "mbedtls_x509_crt_parse returned 2 (two certificates in the bundle were skipped) and the firmware printed it with mbedtls_strerror.",
				Fix:    "Treat a positive return from mbedtls_x509_crt_parse as a count of skipped certificates, not an error code.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:mbedtls_x509_crt_parse@2.28.3",
			},
			{
				Text:   "mbedtls_mpi_read_file / _write_file hit a file error.",
				Fix:    "Check the file path and filesystem.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_read_file@2.28.3",
			},
		},
		Question: "Was the value a positive 2 from mbedtls_x509_crt_parse?",
		Confirm:  "tlsdoctor check ROOT_CA_BUNDLE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_INVALID_CHARACTER"},
		Meaning: "A number given as a text string (hex or decimal) contains a character that is not a digit of that base.",
		Causes: []Cause{
			{
				Text:   "Application code loads a key component or DH parameter from a string with spaces, colons or a 0x prefix.",
				Fix:    "Strip separators and prefixes before mbedtls_mpi_read_string.",
				When:   PhaseLoad,
				Source: "library/bignum.c:mbedtls_mpi_read_string@2.28.3",
			},
		},
		Question: "What string is passed to mbedtls_mpi_read_string?",
		Confirm:  "tlsdoctor explain -0x0006",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_NEGATIVE_VALUE"},
		Meaning: "A big-number operation produced or received a negative value where only non-negative ones are allowed.",
		Causes: []Cause{
			{
				Text:   "Corrupt key material or a bug in an _ALT arithmetic driver.",
				Fix:    "Test with the software implementation and re-generate the key.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_write_binary@2.28.3",
			},
		},
		Question: "Does it persist with hardware acceleration off?",
		Confirm:  "tlsdoctor explain -0x000A",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MPI_DIVISION_BY_ZERO"},
		Meaning: "A big-number division or modulus by zero was attempted: a key with a zero component.",
		Causes: []Cause{
			{
				Text:   "A zeroed or uninitialised key structure (key never loaded, storage erased).",
				Fix:    "Check the return values of key loading before use.",
				When:   PhaseAny,
				Source: "library/bignum.c:mbedtls_mpi_div_mpi@2.28.3",
			},
		},
		Question: "Was the key loaded successfully before this call?",
		Confirm:  "tlsdoctor explain -0x000C",
	},

	// ---- ECP (ecp.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_ALLOC_FAILED"},
		Meaning: "Memory allocation failed inside elliptic-curve code (precomputed tables, restartable contexts). Big-number allocations inside ECC report MPI_ALLOC_FAILED instead.",
		Causes: []Cause{
			{
				Text:   "The heap is too small for ECC tables during ECDHE or ECDSA verification, especially with MBEDTLS_ECP_WINDOW_SIZE and MBEDTLS_ECP_FIXED_POINT_OPTIM at their memory-hungry defaults.",
				Fix:    "Set MBEDTLS_ECP_WINDOW_SIZE to 2 or 3 and MBEDTLS_ECP_FIXED_POINT_OPTIM to 0 to cut RAM use, or free heap before the handshake.",
				When:   PhaseHandshake,
				Source: "library/ecp.c:ecp_mul_comb@2.28.3",
			},
		},
		Question: "How much free heap is there during the key exchange (client state 4 or 8)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL"},
		Meaning: "An EC point or key did not fit the output buffer it was written to.",
		Causes: []Cause{
			{
				Text:   "A buffer sized for P-256 (65 bytes uncompressed) is used with a P-384 or P-521 key, or application code exports a point into a short buffer.",
				Fix:    "Size point buffers with MBEDTLS_ECP_MAX_PT_LEN.",
				When:   PhaseAny,
				Source: "library/ecp.c:mbedtls_ecp_point_write_binary@2.28.3",
			},
		},
		Question: "Which curve is in use, and how large is the output buffer?",
		Confirm:  "tlsdoctor explain -0x4F00",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE"},
		Meaning: "The elliptic-curve operation needs something this build does not have: the curve itself, or a point format. " +
			"From certificate parsing on 2.28 it means a compressed EC point; during the handshake usually a curve the server chose that is not compiled in.",
		Causes: []Cause{
			{
				Text:   "During the key exchange the server picks a curve the build does not have (a server that ignores the client's curve list, or a custom curve list that names curves compiled out).",
				Fix:    "Make the curves offered (mbedtls_ssl_conf_curves / groups) match the MBEDTLS_ECP_DP_*_ENABLED options, and enable P-256 at least.",
				When:   PhaseHandshake,
				Source: "library/ecp_curves.c:mbedtls_ecp_group_load@2.28.3",
			},
			{
				Text:   "2.28: a certificate's EC public key is stored as a compressed point (first byte 0x02/0x03), which 2.28 cannot decode.",
				Fix:    "Re-issue the certificate with an uncompressed public key (openssl's default).",
				When:   PhaseLoad,
				Source: "library/ecp.c:mbedtls_ecp_point_read_binary@2.28.3",
			},
		},
		Question: "Was it returned while parsing a certificate (compressed point) or during the key exchange (curve)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_INVALID_KEY"},
		Meaning: "An EC public key is not a valid point on its curve, or a private key is out of range.",
		Causes: []Cause{
			{
				Text:   "A certificate's EC public key is corrupt (bit flips, truncated), so the point is not on the curve.",
				Fix:    "Compare the device's copy with the original certificate and re-transfer it.",
				When:   PhaseLoad,
				Source: "library/ecp.c:mbedtls_ecp_check_pubkey@2.28.3",
			},
			{
				Text:   "The server's ECDHE public value is invalid, or the device's own EC private key was stored wrongly (wrong curve, zero, truncated).",
				Fix:    "Re-provision the private key and check it with mbedtls_pk_check_pair; capture the handshake to inspect the server's value.",
				When:   PhaseHandshake,
				Source: "library/ecp.c:mbedtls_ecp_check_pubkey@2.28.3",
			},
		},
		Question: "Was it returned while loading a certificate or key, or during the handshake?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_VERIFY_FAILED"},
		Meaning: "An ECDSA signature did not verify. During the handshake this is the server's signature over the key exchange, or a certificate signature checked by a verify callback.",
		Causes: []Cause{
			{
				Text:   "The ServerKeyExchange signature fails because data was corrupted in transit (a buggy recv callback or modem driver that drops or duplicates bytes).",
				Fix:    "Check the transport: compare bytes received with a packet capture; fix the recv callback.",
				When:   PhaseHandshake,
				Source: "library/ecdsa.c:mbedtls_ecdsa_read_signature@2.28.3",
			},
			{
				Text:   "A faulty hardware ECC or SHA accelerator (_ALT) computes a wrong result.",
				Fix:    "Disable the _ALT implementations one by one and retest.",
				When:   PhaseAny,
				Source: "library/ecdsa.c:ecdsa_verify_restartable@2.28.3",
			},
			{
				Text:   "A certificate really was not signed by the key it is checked against (wrong CA given to mbedtls_x509_crt_verify, or a mismatched device key/cert pair on the server side).",
				Fix:    "Check the pair with mbedtls_pk_check_pair and the chain with tlsdoctor verify.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/507",
			},
		},
		Question: "Is the failure in client state 4 (server key exchange) or while verifying a certificate?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_BAD_INPUT_DATA"},
		Meaning: "An elliptic-curve function got invalid input: a point of the wrong length or format, or an unknown group.",
		Causes: []Cause{
			{
				Text:   "A certificate's EC point has the wrong length for its curve or an invalid first byte (3.6 reports -0x4F80 where 2.28 reports FEATURE_UNAVAILABLE for some of these).",
				Fix:    "Re-issue the certificate with a standard tool; compare with the original bytes.",
				When:   PhaseLoad,
				Source: "library/ecp.c:mbedtls_ecp_point_read_binary@3.6.6",
			},
			{
				Text:   "The server's ECDHE point has the wrong length, often because the transport corrupted the record.",
				Fix:    "Check the recv path and capture the handshake.",
				When:   PhaseHandshake,
				Source: "library/ecp.c:mbedtls_ecp_point_read_binary@2.28.3",
			},
		},
		Question: "Does openssl read the same certificate's public key without complaint?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH"},
		Meaning: "An ECDSA signature was valid but had extra bytes after it.",
		Causes: []Cause{
			{
				Text:   "Application code passes a buffer length larger than the DER signature (for example a fixed 72-byte buffer).",
				Fix:    "Pass the exact signature length.",
				When:   PhaseAny,
				Source: "library/ecdsa.c:mbedtls_ecdsa_read_signature@2.28.3",
			},
		},
		Question: "Is the length passed equal to the signature's DER length?",
		Confirm:  "tlsdoctor explain -0x4C00",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_RANDOM_FAILED"},
		Meaning: "Generating a random value for an EC operation (ephemeral key, blinding) failed.",
		Causes: []Cause{
			{
				Text:   "The RNG passed to mbedtls_ssl_conf_rng fails: the entropy source is not set up (no hardware RNG hooked to mbedtls_hardware_poll, or the CTR-DRBG was never seeded).",
				Fix:    "Seed the CTR-DRBG with a working entropy source and check mbedtls_ctr_drbg_seed's return value.",
				When:   PhaseAny,
				Source: "library/ecp.c:mbedtls_ecp_mul_restartable@2.28.3",
			},
		},
		Question: "Did mbedtls_ctr_drbg_seed return 0, and is an entropy source registered?",
		Confirm:  "tlsdoctor explain -0x4D00",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_ECP_HW_ACCEL_FAILED"},
		Meaning: "2.28 only: a hardware-accelerated EC operation failed.",
		Causes: []Cause{
			{
				Text:   "The vendor's ECC accelerator (_ALT) driver returned an error.",
				Fix:    "Check the accelerator driver and retest with the software ECP implementation.",
				When:   PhaseAny,
				Source: "library/ecp.c:mbedtls_ecp_mul_restartable@2.28.3",
			},
		},
		Question: "Does the error vanish with the ECP _ALT implementation disabled?",
		Confirm:  "tlsdoctor explain -0x4B80",
	},

	// ---- RSA (rsa.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_RSA_BAD_INPUT_DATA"},
		Meaning: "An RSA function got invalid input, most often a key or signature whose size does not match, or a key larger than the build allows.",
		Causes: []Cause{
			{
				Text:   "An RSA key larger than MBEDTLS_MPI_MAX_SIZE, or a hash/signature length that does not match the key (for example a signature buffer sized for 2048 bits with a 4096-bit key).",
				Fix:    "Raise MBEDTLS_MPI_MAX_SIZE to cover the key, and size buffers from mbedtls_pk_get_len.",
				When:   PhaseAny,
				Source: "library/rsa.c:mbedtls_rsa_pkcs1_verify@2.28.3",
			},
			{
				Text:   "A too-small RSA key for the requested operation: a 512-bit test key cannot sign a SHA-384 digest with PKCS#1 v1.5 (seen with a 512-bit server key and an ECDHE-RSA-SHA384 suite).",
				Fix:    "Use RSA-2048 or larger keys.",
				When:   PhaseHandshake,
				Source: "https://github.com/micropython/micropython/pull/9506",
			},
		},
		Question: "What is the RSA key size, and what MBEDTLS_MPI_MAX_SIZE does the build use?",
		Confirm:  "tlsdoctor check CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_RSA_INVALID_PADDING"},
		Meaning: "Decrypting or verifying with RSA produced data whose padding is wrong: wrong key, corrupted data, or a key/certificate mismatch.",
		Causes: []Cause{
			{
				Text:   "The peer signed with a private key that does not belong to the certificate it sent (server or device key/cert mismatch).",
				Fix:    "Check each key/certificate pair with mbedtls_pk_check_pair before use.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/507",
			},
		},
		Question: "Does the peer's private key match its certificate?",
		Confirm:  "tlsdoctor check CERT_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_RSA_KEY_CHECK_FAILED"},
		Meaning: "An RSA key failed mbedTLS's consistency checks (for example during key parsing or mbedtls_pk_check_pair).",
		Causes: []Cause{
			{
				Text:   "The private key file is corrupt or truncated, or its CRT parameters are inconsistent.",
				Fix:    "Re-provision the key from the original file and compare hashes.",
				When:   PhaseLoad,
				Source: "library/pkparse.c:mbedtls_pk_parse_key@2.28.3",
			},
			{
				Text:   "mbedtls_pk_check_pair found that the private key does not match the certificate's public key.",
				Fix:    "Provision the key that belongs to the device's certificate.",
				When:   PhaseLoad,
				Source: "library/pk.c:mbedtls_pk_check_pair@2.28.3",
			},
		},
		Question: "Did it come from parsing the key or from checking the key against the certificate?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_RSA_PUBLIC_FAILED"},
		Meaning: "The RSA public-key operation (used to verify signatures) failed. It nearly always comes combined with a big-number code: -0x4290 (+ MPI_ALLOC_FAILED) means out of memory, " +
			"-0x428E (+ MPI_NOT_ACCEPTABLE) and -0x4284 (+ MPI_BAD_INPUT_DATA) mean the key size or values cannot be handled.",
		Causes: []Cause{
			{
				Text:   "-0x4290: the heap ran out during signature verification, for example in ESP-IDF's certificate-bundle check ('PK verify failed with error FFFFBD70').",
				Fix:    "Free heap before the handshake, shrink TLS buffers, or move mbedTLS allocations to PSRAM.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/15245",
			},
			{
				Text:   "-0x428E: the ESP32 hardware RSA unit cannot handle a 4096-bit server key in that IDF version.",
				Fix:    "Update ESP-IDF or turn off CONFIG_MBEDTLS_HARDWARE_MPI.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/139",
			},
			{
				Text:   "-0x4284: an RSA key above MBEDTLS_MPI_MAX_SIZE reached the public operation.",
				Fix:    "Raise MBEDTLS_MPI_MAX_SIZE to 512 for RSA-4096.",
				When:   PhaseAny,
				Source: "library/rsa.c:mbedtls_rsa_public@2.28.3",
			},
		},
		Question: "What is the low part of the combined code (0x10 memory, 0x0E not acceptable, 0x04 bad input)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_RSA_PRIVATE_FAILED"},
		Meaning: "The RSA private-key operation (signing with the device's own key, mutual TLS) failed; a combined low part tells why.",
		Causes: []Cause{
			{
				Text:   "The device's RSA private key is invalid or does not match its certificate (the private operation's self-check fails), or memory ran out (-0x4310).",
				Fix:    "Check the pair with mbedtls_pk_check_pair and free heap before the handshake.",
				When:   PhaseHandshake,
				Source: "library/rsa.c:mbedtls_rsa_private@2.28.3",
			},
		},
		Question: "What is the low part of the combined code, and does mbedtls_pk_check_pair pass for the device's key and certificate?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_RSA_VERIFY_FAILED"},
		Meaning: "An RSA signature did not verify: the signed data, the signature or the key do not belong together.",
		Causes: []Cause{
			{
				Text:   "Returned while the device signs with its own RSA key (client certificate in mutual TLS, or the device acting as server): mbedTLS re-checks every signature it makes, and a fault in the private operation (heap exhaustion, hardware RSA, key corrupted in RAM) shows up as this code.",
				Fix:    "Watch free heap over time, retest with CONFIG_MBEDTLS_HARDWARE_MPI or other _ALT code off, and re-load the key.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/7833",
			},
			{
				Text:   "The server's signature over its key exchange fails because the record was corrupted on the way (a recv callback or modem driver that drops or repeats bytes).",
				Fix:    "Compare the bytes received with a packet capture and fix the transport.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
			{
				Text:   "A certificate checked against the wrong issuer key (wrong CA in a manual mbedtls_x509_crt_verify or a verify callback).",
				Fix:    "Verify the chain with the right issuer; let mbedTLS build the chain.",
				When:   PhaseAny,
				Source: "library/x509_crt.c:x509_crt_check_signature@2.28.3",
			},
			{
				Text:   "The peer's key and certificate do not match, so its signature cannot verify with the certificate's key.",
				Fix:    "Fix the key/certificate pairing on the side that signs.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/507",
			},
		},
		Question: "Was the device signing (its own key) or verifying (the server's signature or a certificate) when it failed?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},

	// ---- CIPHER (cipher.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_CIPHER_ALLOC_FAILED"},
		Meaning: "Allocation of a cipher context failed, typically when the TLS session keys are being set up after the key exchange.",
		Causes: []Cause{
			{
				Text:   "The heap is exhausted late in the handshake (client states 8-12), when the record-protection contexts are created.",
				Fix:    "Free heap before the handshake; reduce IN/OUT buffer sizes or other allocations.",
				When:   PhaseHandshake,
				Source: "library/cipher.c:mbedtls_cipher_setup@2.28.3",
			},
		},
		Question: "How much heap is free at the key-exchange step?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_CIPHER_FEATURE_UNAVAILABLE"},
		Meaning: "The cipher or mode requested is not compiled in (for example AES-GCM, ChaCha20-Poly1305 or CBC off), or a hardware driver does not support it.",
		Causes: []Cause{
			{
				Text:   "The negotiated cipher suite needs a cipher/mode the build lacks because the suite list and the cipher modules are out of sync in a custom config.",
				Fix:    "Offer only suites whose cipher is enabled (MBEDTLS_GCM_C, MBEDTLS_CCM_C, MBEDTLS_CHACHAPOLY_C, MBEDTLS_CIPHER_MODE_CBC).",
				When:   PhaseHandshake,
				Source: "library/cipher.c:mbedtls_cipher_setup@2.28.3",
			},
			{
				Text:   "Decrypting an encrypted PEM key with a cipher mode that is compiled out.",
				Fix:    "Provision the key unencrypted, or enable the cipher.",
				When:   PhaseLoad,
				Source: "library/pem.c:mbedtls_pem_read_buffer@2.28.3",
			},
		},
		Question: "Which cipher suite was negotiated (debug log 'server hello, chosen ciphersuite'), and is its cipher enabled?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_CIPHER_BAD_INPUT_DATA"},
		Meaning: "A cipher function got invalid parameters (key length, IV length, NULL context).",
		Causes: []Cause{
			{
				Text:   "An _ALT AES or GCM implementation rejects parameters the software one accepts, or application code misuses the cipher API.",
				Fix:    "Retest with the software cipher; check key and IV lengths.",
				When:   PhaseAny,
				Source: "library/cipher.c:mbedtls_cipher_update@2.28.3",
			},
		},
		Question: "Does it go away with hardware AES off?",
		Confirm:  "tlsdoctor explain -0x6100",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_CIPHER_AUTH_FAILED"},
		Meaning: "Authenticated decryption (GCM, CCM, ChaCha20-Poly1305) found that a record was altered or was encrypted with different keys. In TLS it usually shows up as INVALID_MAC.",
		Causes: []Cause{
			{
				Text:   "The two sides derived different keys, often because a hardware AES/GCM (_ALT) driver or a wrong random/PRF result breaks the key derivation.",
				Fix:    "Disable _ALT implementations and retest; check the RNG.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1202",
			},
		},
		Question: "Does the handshake succeed with all hardware crypto acceleration disabled?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},

	// ---- MD (md.h) ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MD_ALLOC_FAILED"},
		Meaning: "Allocation of a hash (message digest) context failed: the heap is exhausted, usually during the handshake.",
		Causes: []Cause{
			{
				Text:   "The heap runs out during the handshake (ESP32 reports it as 'mbedtls_ssl_handshake returned -0x5180').",
				Fix:    "Check free heap before the handshake and reduce other allocations or TLS buffer sizes.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/4594",
			},
		},
		Question: "How much heap is free right before mbedtls_ssl_handshake?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MD_BAD_INPUT_DATA"},
		Meaning: "A hash function got invalid input: a NULL or unset context, or an unknown hash type.",
		Causes: []Cause{
			{
				Text:   "mbedtls_md_setup was not called (or failed) before mbedtls_md_starts, or the md_info is NULL because the hash is compiled out.",
				Fix:    "Check mbedtls_md_info_from_type's result for NULL and mbedtls_md_setup's return value.",
				When:   PhaseAny,
				Source: "library/md.c:mbedtls_md_setup@2.28.3",
			},
		},
		Question: "Is mbedtls_md_info_from_type returning NULL for the hash you use?",
		Confirm:  "tlsdoctor explain -0x5100",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE"},
		Meaning: "The requested hash algorithm is not compiled into this build.",
		Causes: []Cause{
			{
				Text:   "The handshake needs SHA-384 (a SHA384 cipher suite, or a SHA-384 signature from the server) but MBEDTLS_SHA512_C is off; or SHA-1 is needed and MBEDTLS_SHA1_C is off.",
				Fix:    "Enable MBEDTLS_SHA512_C (covers SHA-384) or MBEDTLS_SHA1_C, or restrict the offered suites and signature algorithms to SHA-256.",
				When:   PhaseHandshake,
				Source: "library/md.c:mbedtls_md_setup@2.28.3",
			},
		},
		Question: "Which hash does the negotiated suite or signature use, and is it enabled?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},

	// ---- NET (net_sockets.h): the socket layer under TLS ----
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_SOCKET_FAILED"},
		Meaning: "mbedtls_net_connect or _bind could not create a socket.",
		Causes: []Cause{
			{
				Text:   "The TCP/IP stack has no free sockets (lwIP MEMP_NUM_NETCONN / CONFIG_LWIP_MAX_SOCKETS reached, sockets leaked by connections that were never closed).",
				Fix:    "Call mbedtls_net_free on every failed or finished connection, and raise the socket limit if needed.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_connect@2.28.3",
			},
			{
				Text:   "The network stack is not initialised yet (socket() called before the interface is up).",
				Fix:    "Wait for the network-up event before connecting.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_connect@2.28.3",
			},
		},
		Question: "How many sockets are open when it fails, and does it happen only after many reconnects?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_CONNECT_FAILED"},
		Meaning: "The TCP connection to the server could not be opened: the name resolved, but connect() failed for every address.",
		Causes: []Cause{
			{
				Text:   "Wrong port or the service is not listening there (8883 vs 443 vs 1883 for MQTT), or a firewall drops the SYN.",
				Fix:    "Check host and port from a PC on the same network ('openssl s_client -connect HOST:PORT').",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_connect@2.28.3",
			},
			{
				Text:   "No route to the internet: Wi-Fi associated but without a gateway, cellular data (PDP context) not active, or the device connected in AP+STA mode uses the wrong interface.",
				Fix:    "Wait for an IP address and a default route before connecting; on cellular modems check the data context.",
				When:   PhaseNetwork,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/276",
			},
			{
				Text:   "The resolved address is IPv6 only while the device has only IPv4 (or the other way round).",
				Fix:    "Resolve with AF_INET explicitly or enable the matching IP version.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_connect@2.28.3",
			},
		},
		Question: "Can a PC on the same network open a TCP connection to the same host and port?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_BIND_FAILED"},
		Meaning: "mbedtls_net_bind could not bind the listening socket (device acting as a TLS server).",
		Causes: []Cause{
			{
				Text:   "The port is already in use or the address is not on this device.",
				Fix:    "Pick a free port and bind to the device's address or to all interfaces.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_bind@2.28.3",
			},
		},
		Question: "Is another service or an earlier socket still bound to that port?",
		Confirm:  "tlsdoctor explain -0x0046",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_LISTEN_FAILED"},
		Meaning: "listen() failed on the server socket.",
		Causes: []Cause{
			{
				Text:   "The stack ran out of resources or the socket is in a wrong state.",
				Fix:    "Check the stack's socket limits and create the socket afresh.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_bind@2.28.3",
			},
		},
		Question: "Does a plain TCP listener on the same port work?",
		Confirm:  "tlsdoctor explain -0x0048",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_ACCEPT_FAILED"},
		Meaning: "accept() failed on the server socket.",
		Causes: []Cause{
			{
				Text:   "The stack has no free socket for the new connection, or the listening socket was closed.",
				Fix:    "Close finished connections and raise the socket limit.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_accept@2.28.3",
			},
		},
		Question: "How many client connections are open when accept fails?",
		Confirm:  "tlsdoctor explain -0x004A",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_NET_RECV_FAILED"},
		Meaning: "Reading from the socket failed with an error other than 'would block' or 'connection reset'. mbedTLS passes it up unchanged from the receive callback, " +
			"so it says 'the transport broke', not 'TLS broke'.",
		Causes: []Cause{
			{
				Text:   "A custom receive callback (lwIP raw API, modem AT socket, RTOS wrapper) returns RECV_FAILED for timeouts or 'no data yet' instead of MBEDTLS_ERR_SSL_WANT_READ or MBEDTLS_ERR_SSL_TIMEOUT, and for closed sockets instead of 0.",
				Fix:    "Map would-block to MBEDTLS_ERR_SSL_WANT_READ, timeouts to MBEDTLS_ERR_SSL_TIMEOUT, orderly close to 0 and reset to MBEDTLS_ERR_NET_CONN_RESET in the callback.",
				When:   PhaseNetwork,
				Source: "https://github.com/cesanta/mongoose/pull/1507",
			},
			{
				Text:   "The non-blocking check lost errno (another call in between, or errno not thread-local), so EAGAIN was reported as a failure.",
				Fix:    "Read errno (or SO_ERROR) immediately after recv, and use a thread-safe errno.",
				When:   PhaseNetwork,
				Source: "https://github.com/espressif/esp-idf/issues/424",
			},
			{
				Text:   "The socket really failed: link lost (Wi-Fi drop, cellular detach), receive timeout set with SO_RCVTIMEO expired, or the socket was closed by another task.",
				Fix:    "Log errno; handle link loss by reconnecting; do not share one socket between tasks.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_recv@2.28.3",
			},
			{
				Text:   "MBEDTLS_NET_C is not built, so the error text is missing and the code shows as 'UNKNOWN ERROR CODE (004C)' on ports that bring their own networking.",
				Fix:    "Decode the number with tlsdoctor; check the port's own recv function.",
				When:   PhaseNetwork,
				Source: "https://github.com/curl/curl/issues/1327",
			},
		},
		Question: "What errno (or modem error) did the receive function see, and in which client state?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_SEND_FAILED"},
		Meaning: "Writing to the socket failed with an error other than 'would block' or 'connection reset'.",
		Causes: []Cause{
			{
				Text:   "The link went down or the socket was closed while sending (Wi-Fi drop, cellular modem closed the socket, peer gone).",
				Fix:    "Log errno, close the context with mbedtls_ssl_free / mbedtls_net_free and reconnect.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_send@2.28.3",
			},
			{
				Text:   "The TCP/IP stack or heap ran out of buffers, so send() fails; on ESP32 it has been seen together with SSL_ALLOC_FAILED (-0x7F00) when RAM was short.",
				Fix:    "Free RAM (smaller TLS buffers, fewer parallel connections) and check the stack's send-buffer settings.",
				When:   PhaseNetwork,
				Source: "https://github.com/espressif/esp-adf/issues/410",
			},
			{
				Text:   "A custom send callback returns SEND_FAILED when the send buffer is full instead of MBEDTLS_ERR_SSL_WANT_WRITE.",
				Fix:    "Return MBEDTLS_ERR_SSL_WANT_WRITE for a full buffer and call the mbedTLS function again later.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_send@2.28.3",
			},
		},
		Question: "What errno did send() report, and was the link still up?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_NET_CONN_RESET"},
		Meaning: "The peer (or something in between) reset the TCP connection. During the handshake it usually means the server decided to drop the device instead of answering: " +
			"look at the client state in which it happened.",
		Causes: []Cause{
			{
				Text:   "Right after the ClientHello (state 2): the server does not like the hello. Cloud endpoints such as AWS IoT reset when SNI is missing, the endpoint name is wrong, or no offered cipher suite or TLS version is acceptable.",
				Fix:    "Call mbedtls_ssl_set_hostname with the endpoint name (and enable MBEDTLS_SSL_SERVER_NAME_INDICATION); offer TLS 1.2 with ECDHE-GCM suites.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3416",
			},
			{
				Text:   "After the client certificate is sent (state 9-11): mutual TLS rejected (AWS IoT closes the TCP connection when the device certificate is inactive, not registered, or has no policy).",
				Fix:    "Check the device certificate's status and policy in the cloud console and that the right certificate/key pair is loaded.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/166",
			},
			{
				Text:   "The wrong root or endpoint for AWS (legacy VeriSign root with an ATS endpoint, or the reverse) ends with a reset after the handshake attempt.",
				Fix:    "Use Amazon Root CA 1 with the '-ats' endpoint.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/981",
			},
			{
				Text:   "The handshake is too slow (RSA operations on a small MCU, debug logging over UART) and the server or a NAT/firewall drops the connection.",
				Fix:    "Turn off verbose debug output, use ECDSA/ECDHE, enable hardware acceleration.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_recv@2.28.3",
			},
			{
				Text:   "A custom transport callback returns CONN_RESET for any error, hiding the real one.",
				Fix:    "Return CONN_RESET only for ECONNRESET/EPIPE and pass other errors through.",
				When:   PhaseNetwork,
				Source: "https://github.com/cesanta/mongoose/pull/1507",
			},
		},
		Question: "In which client state did the reset arrive: right after the ClientHello (state 2), or after the client certificate (state 9-11)?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_UNKNOWN_HOST"},
		Meaning: "The host name could not be resolved to an IP address (getaddrinfo failed) in mbedtls_net_connect. TLS has not started yet.",
		Causes: []Cause{
			{
				Text:   "The network is not up yet or has no DNS server (connect called before Wi-Fi got an IP address, or DHCP gave no DNS).",
				Fix:    "Wait for the got-IP event and check the DNS server address; set a fallback DNS if needed.",
				When:   PhaseNetwork,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/116",
			},
			{
				Text:   "The host string is wrong: contains a scheme (mqtts://), a port, a trailing space or newline from a config file, or a typo.",
				Fix:    "Pass only the bare host name and the port separately; trim the string.",
				When:   PhaseNetwork,
				Source: "https://github.com/RT-Thread-packages/mbedtls/issues/28",
			},
			{
				Text:   "In AP+STA mode or with several interfaces, the resolver uses an interface without internet access.",
				Fix:    "Set the default interface / DNS for the station interface.",
				When:   PhaseNetwork,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/276",
			},
		},
		Question: "Does the same host name resolve from a PC on the same network, and does the device have a DNS server address?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_BUFFER_TOO_SMALL"},
		Meaning: "The buffer given for the client's address in mbedtls_net_accept is too small.",
		Causes: []Cause{
			{
				Text:   "The client-IP buffer is smaller than the address (16 bytes needed for IPv6).",
				Fix:    "Pass a 16-byte buffer for the client IP.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_accept@2.28.3",
			},
		},
		Question: "How large is the client IP buffer passed to mbedtls_net_accept?",
		Confirm:  "tlsdoctor explain -0x0043",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_INVALID_CONTEXT"},
		Meaning: "The network context has no valid socket (fd < 0): it was never connected, or was already freed.",
		Causes: []Cause{
			{
				Text:   "mbedtls_ssl_handshake or _read/_write runs after mbedtls_net_free (or before mbedtls_net_connect succeeded), for example in a reconnect loop that ignores connect's error.",
				Fix:    "Check mbedtls_net_connect's return value and do not use the context after freeing it.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_recv@2.28.3",
			},
		},
		Question: "Did mbedtls_net_connect succeed for this context, and was it freed before?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_POLL_FAILED"},
		Meaning: "select() on the socket failed in mbedtls_net_poll or mbedtls_net_recv_timeout, or the socket number is too high for select().",
		Causes: []Cause{
			{
				Text:   "The socket's file descriptor is at or above FD_SETSIZE (small on RTOS stacks, e.g. lwIP's socket count), typically after sockets leaked.",
				Fix:    "Close leaked sockets; raise the socket limit consistently with FD_SETSIZE.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_poll@2.28.3",
			},
		},
		Question: "What is the socket number, and what is FD_SETSIZE on this platform?",
		Confirm:  "tlsdoctor explain -0x0047",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_NET_BAD_INPUT_DATA"},
		Meaning: "mbedtls_net_poll was called with an invalid request (flags other than read/write).",
		Causes: []Cause{
			{
				Text:   "Application code passes a wrong rw mask to mbedtls_net_poll.",
				Fix:    "Use only MBEDTLS_NET_POLL_READ and MBEDTLS_NET_POLL_WRITE.",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_poll@2.28.3",
			},
		},
		Question: "Which flags are passed to mbedtls_net_poll?",
		Confirm:  "tlsdoctor explain -0x0049",
	},

	// ---- SSL/TLS (ssl.h): codes a TLS client sees ----
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE"},
		Meaning: "The handshake needs something this mbedTLS cannot do. With a client stuck in state 3 it is almost always a server Certificate message split over several TLS records, " +
			"which 2.28 and 3.6.0-3.6.2 cannot reassemble ('TLS handshake fragmentation not supported' in the debug log).",
		Causes: []Cause{
			{
				Text:   "The server fragments its Certificate message across records: chains larger than 16 KB, or servers and load balancers that use small records. 2.28 and 3.6.0-3.6.2 then fail in state 3.",
				Fix:    "Upgrade to mbedTLS 3.6.3 or later (it reassembles fragments in the input buffer), or use an endpoint or server setting that sends the chain in one record.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/9269",
			},
			{
				Text:   "The client negotiated Max Fragment Length (MBEDTLS_SSL_MAX_FRAGMENT_LENGTH with mbedtls_ssl_conf_max_frag_len) and the server honoured it, so its chain now arrives in fragments that 2.28 cannot put back together.",
				Fix:    "On 2.28 do not request MFL; size MBEDTLS_SSL_IN_CONTENT_LEN for the whole Certificate message instead, or move to 3.6.3+.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1840",
			},
			{
				Text:   "The server chose parameters the build lacks for the key exchange (a curve or signature hash that is compiled out), seen in client state 4.",
				Fix:    "Enable the curve and hash (or offer only what is enabled, so the server cannot pick it).",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
			{
				Text:   "An API was used that is compiled out (renegotiation, session tickets, a protocol version not enabled).",
				Fix:    "Enable the matching MBEDTLS_SSL_* option or stop calling that API.",
				When:   PhaseAny,
				Source: "library/ssl_msg.c:mbedtls_ssl_prepare_handshake_record@2.28.3",
			},
		},
		Question: "Does the debug log show 'TLS handshake fragmentation not supported' in state 3, with hslen larger than msglen?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_BAD_INPUT_DATA"},
		Meaning: "An SSL function got input it cannot use. During a handshake on a small device the common case is an incoming record bigger than the whole input buffer " +
			"('requesting more data than fits' in the debug log); otherwise it is an API-usage problem.",
		Causes: []Cause{
			{
				Text:   "A record from the server (usually the Certificate message, 4-6 KB for RSA chains) is larger than the input buffer built from MBEDTLS_SSL_IN_CONTENT_LEN (for example 2048 or 4096).",
				Fix:    "Raise MBEDTLS_SSL_IN_CONTENT_LEN to at least the size of the server's largest record (16384 is always safe; ESP-IDF: CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN).",
				When:   PhaseHandshake,
				Source: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3",
			},
			{
				Text:   "3.6.3+: a handshake message is reassembled from fragments but the complete message is still bigger than the input buffer (for example a 20 KB chain with a 16 KB buffer).",
				Fix:    "Raise MBEDTLS_SSL_IN_CONTENT_LEN or use an endpoint with a shorter chain.",
				When:   PhaseHandshake,
				Source: "library/ssl_msg.c:mbedtls_ssl_prepare_handshake_record@3.6.6",
			},
			{
				Text:   "mbedtls_ssl_set_bio was not called, or was called with NULL send/receive functions ('Bad usage of mbedtls_ssl_set_bio').",
				Fix:    "Call mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL) (or your callbacks) before the handshake.",
				When:   PhaseAny,
				Source: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3",
			},
			{
				Text:   "The hostname passed to mbedtls_ssl_set_hostname is longer than 255 characters (often an unterminated string).",
				Fix:    "Pass a NUL-terminated host name.",
				When:   PhaseAny,
				Source: "library/ssl_tls.c:mbedtls_ssl_set_hostname@2.28.3",
			},
			{
				Text:   "The handshake runs on a context that was never set up, already freed, or overwritten (stack overflow), so its state is invalid.",
				Fix:    "Call mbedtls_ssl_setup once per context, do not reuse freed contexts, and give the task enough stack.",
				When:   PhaseAny,
				Source: "library/ssl_cli.c:mbedtls_ssl_handshake_client_step@2.28.3",
			},
		},
		Question: "Does the debug log show 'requesting more data than fits', and what msglen does the last 'input record' header announce?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_INVALID_MAC"},
		Meaning: "A received encrypted record failed its integrity check: it was altered on the way, or the two sides are not using the same keys.",
		Causes: []Cause{
			{
				Text:   "Two tasks use the same SSL context at once (one reading, one writing without a lock), corrupting its state; seen during OTA downloads in multi-threaded firmware.",
				Fix:    "Serialise all calls on one mbedtls_ssl_context with a mutex, or use one context per task.",
				When:   PhaseAny,
				Source: "https://github.com/espressif/esp-idf/issues/17678",
			},
			{
				Text:   "A hardware AES/GCM or hash accelerator (_ALT implementation) computes wrong results, so keys or MACs differ between the sides.",
				Fix:    "Disable the _ALT implementations and retest; fix or update the driver.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1202",
			},
			{
				Text:   "The transport corrupts data (a modem or UART driver that drops, duplicates or injects bytes).",
				Fix:    "Compare the received bytes with a capture of the same connection and fix the driver.",
				When:   PhaseNetwork,
				Source: "library/ssl_msg.c:mbedtls_ssl_decrypt_buf@2.28.3",
			},
			{
				Text:   "Key derivation differs between client and server (interoperability bug, encrypt-then-MAC or extended-master-secret mismatch in a peer).",
				Fix:    "Capture the handshake; try with the peer's extensions disabled to isolate it.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3902",
			},
		},
		Question: "Does the error disappear with hardware crypto acceleration off and with only one task touching the TLS context?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_INVALID_RECORD"},
		Meaning: "A received TLS record was rejected before its content was read: bad header, wrong version bytes, or bigger than this build accepts. " +
			"On devices the usual reason is a record from the server bigger than MBEDTLS_SSL_IN_CONTENT_LEN ('bad message length' in the debug log), or a peer that is not speaking TLS at all.",
		Causes: []Cause{
			{
				Text:   "The server's record (usually the Certificate message) is larger than MBEDTLS_SSL_IN_CONTENT_LEN. Servers ignore Max Fragment Length: AWS IoT always sends records up to 16 KB.",
				Fix:    "Set MBEDTLS_SSL_IN_CONTENT_LEN to 16384 (ESP-IDF: 'TLS maximum INPUT message content length'), or at least above the server's largest record.",
				When:   PhaseHandshake,
				Source: "https://www.byte-lab.com/tls-extension-cloud-providers-keep-ignoring-and-embedded-iot-pays-the-price",
			},
			{
				Text:   "The same limit hit after the handshake: a small IN_CONTENT_LEN (512 B to 4 KB) and the server sends bigger application records.",
				Fix:    "Raise MBEDTLS_SSL_IN_CONTENT_LEN; shrinking it only works when the server is known to send small records.",
				When:   PhaseAny,
				Source: "https://github.com/SuperHouse/esp-open-rtos/issues/729",
			},
			{
				Text:   "The peer is not speaking TLS: a plain port (1883 instead of 8883, 80 instead of 443), ws:// instead of wss://, or a proxy or captive portal answering in plain text.",
				Fix:    "Use the TLS port and scheme of the service; check it with openssl s_client from the same network.",
				When:   PhaseHandshake,
				Source: "https://github.com/78/xiaozhi-esp32/issues/7",
			},
			{
				Text:   "Protocol-version configuration mismatch between client and server (record version bytes not accepted).",
				Fix:    "Allow TLS 1.2 on both sides (mbedtls_ssl_conf_min_version / max_version).",
				When:   PhaseHandshake,
				Source: "https://tls.mbed.org/discussions/bug-report-issues/handshake-error-an-invalid-ssl-record-was-received-error-7200",
			},
			{
				Text:   "The application asks mbedtls_ssl_read for more bytes than MBEDTLS_SSL_IN_CONTENT_LEN in one call (seen on some versions).",
				Fix:    "Read in chunks no larger than the input buffer.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2818",
			},
		},
		Question: "What msglen does the failing 'input record' header show, compared with your MBEDTLS_SSL_IN_CONTENT_LEN, and does the first byte of the server's reply look like TLS (0x16)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_CONN_EOF"},
		Meaning: "The transport reported end-of-file: the receive function returned 0 because the other side closed the TCP connection without a TLS alert. " +
			"During the handshake the server usually hung up because it did not like something the device sent.",
		Causes: []Cause{
			{
				Text:   "The server silently rejected the client: it does not accept the device's client certificate (not signed by a CA it trusts), or requires one that was not sent.",
				Fix:    "Check that the server trusts the CA of the device certificate and that mbedtls_ssl_conf_own_cert is set with the right certificate and key.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/2907",
			},
			{
				Text:   "A weak or flaky link (cellular/GPRS, PPPoS) closes the socket mid-handshake.",
				Fix:    "Check signal quality and modem logs; retry with back-off.",
				When:   PhaseNetwork,
				Source: "https://github.com/loboris/ESP32-PPPOS-EXAMPLE/issues/2",
			},
			{
				Text:   "A custom receive callback returns 0 when no data is available yet; mbedTLS treats 0 as end-of-file.",
				Fix:    "Return MBEDTLS_ERR_SSL_WANT_READ (or block) when there is no data; return 0 only when the peer closed.",
				When:   PhaseNetwork,
				Source: "https://github.com/Mbed-TLS/mbedtls/pull/4807",
			},
			{
				Text:   "The server closes right after the ClientHello because it dislikes the hello (no SNI, no shared cipher suite or version) and does not bother to send an alert.",
				Fix:    "Set the hostname (SNI) and offer TLS 1.2 with ECDHE-GCM suites; compare with openssl s_client -servername.",
				When:   PhaseHandshake,
				Source: "library/ssl_msg.c:mbedtls_ssl_fetch_input@2.28.3",
			},
		},
		Question: "In which client state did the EOF arrive, and does the server's log show why it closed?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_UNKNOWN_CIPHER"},
		Meaning: "2.28 only (-0x7300). The 2.28 library never returns this code itself; if a device prints it, it comes from a wrapper or port layer. In 3.6 the same number means MBEDTLS_ERR_SSL_DECODE_ERROR.",
		Causes: []Cause{
			{
				Text:   "A port or wrapper maps its own 'unknown cipher' condition to this code, or the firmware actually runs 3.x and the code is DECODE_ERROR.",
				Fix:    "Check which mbedTLS version the firmware links (MBEDTLS_VERSION_STRING) and decode the number for that version.",
				When:   PhaseAny,
				Source: "library/ssl_cli.c:ssl_parse_server_hello@2.28.3",
			},
		},
		Question: "Which mbedTLS version does the firmware really use?",
		Confirm:  "tlsdoctor explain -0x7300",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_DECODE_ERROR"},
		Meaning: "3.6 only (-0x7300): a handshake message from the peer could not be parsed (wrong lengths, truncated fields). In 3.6 this replaces many of 2.28's BAD_HS_* codes, " +
			"including a malformed server Certificate message.",
		Causes: []Cause{
			{
				Text:   "The server's Certificate message is malformed: an entry shorter than a certificate can be, lengths that do not add up, or an empty list (server without a certificate configured).",
				Fix:    "Check the server's certificate configuration; capture the handshake.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@3.6.6",
			},
			{
				Text:   "The transport corrupted or truncated a handshake record.",
				Fix:    "Verify the receive path delivers bytes unchanged.",
				When:   PhaseNetwork,
				Source: "library/ssl_tls12_client.c:ssl_parse_server_hello@3.6.6",
			},
		},
		Question: "In which client state did it fail, and does a PC client accept the same server?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN"},
		Meaning: "2.28 only (-0x7380): the peer offered no cipher suite this side accepts. The 2.28 library returns it only on the server side; a device that prints it is acting as TLS server (a client sees a handshake_failure alert, -0x7780, instead).",
		Causes: []Cause{
			{
				Text:   "The device runs a TLS server (local HTTPS, provisioning) and the connecting browser or app offers no suite the trimmed build has (for example only RSA key exchange compiled in, or no AES-GCM).",
				Fix:    "Enable ECDHE-ECDSA or ECDHE-RSA suites with AES-GCM (MBEDTLS_KEY_EXCHANGE_ECDHE_*_ENABLED, MBEDTLS_GCM_C).",
				When:   PhaseHandshake,
				Source: "library/ssl_srv.c:ssl_parse_client_hello@2.28.3",
			},
		},
		Question: "Is the device the TLS server in this connection?",
		Confirm:  "tlsdoctor explain -0x7380",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_NO_RNG"},
		Meaning: "No random number generator was configured on the SSL config.",
		Causes: []Cause{
			{
				Text:   "mbedtls_ssl_conf_rng was not called (or was given NULL) before the handshake.",
				Fix:    "Seed a CTR-DRBG with an entropy source and pass it with mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &ctr_drbg).",
				When:   PhaseAny,
				Source: "library/ssl_cli.c:ssl_write_client_hello@2.28.3",
			},
		},
		Question: "Is mbedtls_ssl_conf_rng called on the config passed to mbedtls_ssl_setup?",
		Confirm:  "tlsdoctor explain -0x7400",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE"},
		Meaning: "2.28 only (-0x7500): the device's own certificate chain does not fit into one outgoing record (MBEDTLS_SSL_OUT_CONTENT_LEN). In 3.6 the number means UNSUPPORTED_EXTENSION.",
		Causes: []Cause{
			{
				Text:   "Mutual TLS with a small MBEDTLS_SSL_OUT_CONTENT_LEN (for example 2048) and a client chain (device certificate plus intermediates) bigger than that.",
				Fix:    "Raise MBEDTLS_SSL_OUT_CONTENT_LEN above the size of your Certificate message, or send only the device certificate.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_write_certificate@2.28.3",
			},
		},
		Question: "How large is the device's certificate chain in DER, and what is MBEDTLS_SSL_OUT_CONTENT_LEN?",
		Confirm:  "tlsdoctor check CLIENT_CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION"},
		Meaning: "3.6 only (-0x7500): the server's hello contained an extension the client did not offer or does not support. In 2.28 the number means CERTIFICATE_TOO_LARGE.",
		Causes: []Cause{
			{
				Text:   "A middlebox or non-conforming server echoes an extension the client never sent (seen with TLS 1.3 extensions).",
				Fix:    "Capture the handshake; try limiting the client to TLS 1.2 to see whether the TLS 1.3 path is involved.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls12_client.c:ssl_parse_server_hello@3.6.6",
			},
		},
		Question: "Does the handshake work with the client limited to TLS 1.2?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED"},
		Meaning: "2.28 only (-0x7580): this side has no own certificate but needs one. In 2.28 this is returned when a TLS server has no certificate configured. In 3.6 the number means NO_APPLICATION_PROTOCOL.",
		Causes: []Cause{
			{
				Text:   "The device acts as TLS server and mbedtls_ssl_conf_own_cert was not called or failed.",
				Fix:    "Load the server certificate and key and call mbedtls_ssl_conf_own_cert, checking every return value.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_write_certificate@2.28.3",
			},
		},
		Question: "Is the device the server here, and did mbedtls_ssl_conf_own_cert return 0?",
		Confirm:  "tlsdoctor explain -0x7580",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL"},
		Meaning: "3.6 only (-0x7580): ALPN negotiation failed: none of the protocols the client advertised is supported by the other side. In 2.28 the number means CERTIFICATE_REQUIRED.",
		Causes: []Cause{
			{
				Text:   "The ALPN list set with mbedtls_ssl_conf_alpn_protocols does not match what the peer expects (for example MQTT over 443 to AWS IoT needs 'x-amzn-mqtt-ca').",
				Fix:    "Advertise the protocol name the service documents, or none if it needs none.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_alpn_ext@3.6.6",
			},
		},
		Question: "Which ALPN names does the device advertise, and which does the service require?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED"},
		Meaning: "The own private key (or pre-shared key) is not set but is needed, for example to sign CertificateVerify in mutual TLS.",
		Causes: []Cause{
			{
				Text:   "The server requested a client certificate and the device has a certificate configured without a usable private key (key parse failed and was ignored).",
				Fix:    "Check mbedtls_pk_parse_key's return value and pass the key to mbedtls_ssl_conf_own_cert together with the certificate.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_certificate_verify@2.28.3",
			},
		},
		Question: "Did mbedtls_pk_parse_key for the device key return 0, and is it passed to mbedtls_ssl_conf_own_cert?",
		Confirm:  "tlsdoctor check KEY_FILE",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED"},
		Meaning: "The config demands server verification (authmode REQUIRED, the default for clients) but has no trusted CA chain at all.",
		Causes: []Cause{
			{
				Text:   "mbedtls_ssl_conf_ca_chain was never called (for example the port sets authmode but not the CA), or it was given a chain that stayed empty because parsing the root failed and the error was ignored.",
				Fix:    "Parse the root CA, check that mbedtls_x509_crt_parse returned 0, and pass it with mbedtls_ssl_conf_ca_chain before mbedtls_ssl_setup.",
				When:   PhaseHandshake,
				Source: "https://github.com/Azure/azure-c-shared-utility/issues/67",
			},
			{
				Text:   "3.6 with TLS 1.3: some paths require a CA chain where 2.28 and TLS 1.2 did not (for example optional verification with no CA configured).",
				Fix:    "Configure the CA chain, or limit the connection to TLS 1.2 if verification is deliberately off.",
				When:   PhaseHandshake,
				Source: "https://github.com/obgm/libcoap/pull/1458",
			},
		},
		Question: "Is mbedtls_ssl_conf_ca_chain called with a chain that holds at least one parsed certificate?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE"},
		Meaning: "A message arrived that does not fit the current handshake step (wrong record type or wrong handshake message). mbedTLS answers with an unexpected_message alert.",
		Causes: []Cause{
			{
				Text:   "The server skipped a message the negotiated suite requires or sent one out of order (a non-conforming server or a middlebox rewriting traffic), for example no ServerKeyExchange for an ECDHE suite (client state 4).",
				Fix:    "Capture the handshake and compare it with a PC client; try another cipher suite.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
			{
				Text:   "A non-handshake record (for example application data or a stray record injected by a modem driver or proxy) arrives where the server's Certificate or Finished is expected.",
				Fix:    "Check that the transport passes only the server's bytes (no modem URCs or status strings in the data stream).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
			{
				Text:   "Session resumption confusion: the client offers a stored session or ticket and the server's answer does not match what the client state machine expects.",
				Fix:    "Clear the saved session and retry without resumption.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello@2.28.3",
			},
		},
		Question: "In which client state did it fail, and what record type and handshake type does the debug log show just before?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE"},
		Meaning: "The server sent a fatal TLS alert and ended the handshake: the server rejected something. The alert number in the debug log ('is a fatal alert message (msg N)') " +
			"and the client state tell what: 40 handshake_failure, 42/46/48 certificate problems, 70 protocol_version, 112 unrecognized_name, 20 bad_record_mac.",
		Causes: []Cause{
			{
				Text:   "No SNI: the device does not send the server name, and the endpoint (AWS IoT, API gateways, CDNs, shared hosting) refuses. Ports forget mbedtls_ssl_set_hostname, or MBEDTLS_SSL_SERVER_NAME_INDICATION is off (as in some Zephyr configs). Alert in state 2.",
				Fix:    "Call mbedtls_ssl_set_hostname(&ssl, \"endpoint.example.com\") before the handshake and enable MBEDTLS_SSL_SERVER_NAME_INDICATION.",
				When:   PhaseHandshake,
				Source: "https://github.com/zephyrproject-rtos/zephyr/issues/27783",
			},
			{
				Text:   "Mutual TLS: the server rejects the device certificate (not registered or inactive, wrong CA registered, certificate and key mismatch). The alert arrives after the client sent its certificate (state 10 or later).",
				Fix:    "Check the device certificate's registration and status on the server and that the matching key is loaded.",
				When:   PhaseHandshake,
				Source: "https://github.com/MicrochipTech/mbedtls-examples/issues/5",
			},
			{
				Text:   "No common cipher suite, curve or signature algorithm: a trimmed build offers only suites or curves the server dropped (for example only RSA key exchange or CBC, or P-256 missing while the server certificate is P-384). Alert 40 in state 2.",
				Fix:    "Offer TLS 1.2 ECDHE-ECDSA/ECDHE-RSA with AES-GCM and enable the curves and hashes the server uses.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2772",
			},
			{
				Text:   "Protocol version mismatch: the device offers only TLS 1.0/1.1, or the server now requires TLS 1.3 and the device runs 2.28 (alert 70).",
				Fix:    "Enable TLS 1.2 (and TLS 1.3 on 3.6) and set the minimum version accordingly.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1898",
			},
			{
				Text:   "Alert 20 bad_record_mac after the client's Finished: the device's encryption is wrong, for example a faulty hardware AES (_ALT) driver.",
				Fix:    "Retest with hardware AES disabled and fix the driver.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/6590",
			},
			{
				Text:   "Alert 40 at the key exchange with an old or minimal cipher list that the server accepted in principle but cannot complete (seen on nRF52 with only TLS_RSA_WITH_AES_128_CBC_SHA).",
				Fix:    "Use the default cipher suite list of mbedTLS, or at least include ECDHE suites.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1235",
			},
		},
		Question: "What alert number does the debug log show, and in which client state did it arrive (2 = hello rejected, 10 or later = client certificate or keys rejected)?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED"},
		Meaning: "2.28 only (-0x7800). The 2.28 library never returns this code itself; it comes from a port or application that uses it for 'server verification failed'. In 3.6 the number means UNRECOGNIZED_NAME.",
		Causes: []Cause{
			{
				Text:   "A wrapper (or your own code after mbedtls_ssl_get_verify_result) reports a failed server verification with this code.",
				Fix:    "Print the verify flags from mbedtls_ssl_get_verify_result() and decode them; treat it like -0x2700.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3",
			},
		},
		Question: "Which code path in the firmware returns -0x7800, and what are the verify flags at that point?",
		Confirm:  "tlsdoctor explain -0x2700 --flags VERIFY_FLAGS",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME"},
		Meaning: "3.6 only (-0x7800): a TLS server found no certificate for the name the client sent in SNI. mbedTLS returns it on the server side; in 2.28 the number means PEER_VERIFY_FAILED.",
		Causes: []Cause{
			{
				Text:   "The device acts as TLS server with an SNI callback, and a client asked for a host name the callback does not serve.",
				Fix:    "Make the SNI callback accept the names clients use, or fall back to a default certificate.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_server_name_ext@3.6.6",
			},
		},
		Question: "Is the device the server here, and which host name did the client send?",
		Confirm:  "tlsdoctor explain -0x7800",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY"},
		Meaning: "The server closed the TLS session politely with a close_notify alert. After a finished exchange this is normal; during the handshake or right after it, the server decided to end the session.",
		Causes: []Cause{
			{
				Text:   "Normal end of a response (HTTP with Connection: close or HTTP/1.0): the server is done.",
				Fix:    "Treat it as end of data: call mbedtls_ssl_close_notify and close the socket.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/421",
			},
			{
				Text:   "The application protocol rejected the device after TLS succeeded (MQTT broker refusing the CONNECT: bad client ID, policy, credentials; idle timeout).",
				Fix:    "Look at the broker or server logs; check keep-alive and client ID.",
				When:   PhaseAny,
				Source: "library/ssl_msg.c:mbedtls_ssl_handle_message_type@2.28.3",
			},
			{
				Text:   "Firmware treats it as a fatal error and does not reconnect cleanly.",
				Fix:    "Handle it like WANT_READ/WANT_WRITE-style control results: close, free and reconnect.",
				When:   PhaseAny,
				Source: "https://github.com/HaxeFoundation/hxcpp/pull/732",
			},
		},
		Question: "Did it come after the server had sent a complete response, or before any application data?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO"},
		Meaning: "2.28 only (-0x7980): the server's ServerHello could not be parsed or contradicts what the client offered (client state 2).",
		Causes: []Cause{
			{
				Text:   "The server picked a cipher suite, compression or extension the client did not offer (non-conforming server, or a middlebox modifying the hello).",
				Fix:    "Capture the handshake and compare the offered and chosen suites; update the server or middlebox.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello@2.28.3",
			},
			{
				Text:   "The reply is not a proper ServerHello (truncated by the transport, or the port speaks another protocol).",
				Fix:    "Check host, port and transport with a PC client.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello@2.28.3",
			},
		},
		Question: "What ciphersuite and extensions does the ServerHello carry compared with the ClientHello?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE", "MBEDTLS_ERR_SSL_BAD_CERTIFICATE"},
		Meaning: "The server's Certificate message could not be used (client state 3): either the message itself is malformed, or the chain verified but the server certificate fails the extra checks for this connection " +
			"(key usage, extended key usage, or an EC key on a curve the client does not allow). Named BAD_HS_CERTIFICATE in 2.28 and BAD_CERTIFICATE in 3.6.",
		Causes: []Cause{
			{
				Text:   "The server certificate's keyUsage or extendedKeyUsage does not allow this use: a CA certificate (keyCertSign only) installed as server certificate, a certificate without serverAuth, or an RSA key-exchange suite with a certificate lacking keyEncipherment. Verify flags show 0x800 or 0x1000.",
				Fix:    "Install a proper server certificate (digitalSignature, serverAuth) on the server.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@2.28.3",
			},
			{
				Text:   "The server's EC key is on a curve not in the client's allowed list (mbedtls_ssl_conf_curves / groups), so BAD_KEY is set and the handshake stops.",
				Fix:    "Add the server's curve to the allowed list (and enable it in the build).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3",
			},
			{
				Text:   "The Certificate message is malformed: empty list, lengths that do not add up, an entry shorter than 128 bytes (2.28; 3.6 reports most of these as DECODE_ERROR).",
				Fix:    "Check the server's certificate configuration; capture the handshake.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
		},
		Question: "What does mbedtls_ssl_get_verify_result() return (0x800 key usage, 0x1000 extended key usage, 0x10000 bad key)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_REQUEST"},
		Meaning: "2.28 only (-0x7A80): the server's CertificateRequest (asking the device for a client certificate, client state 5) could not be parsed.",
		Causes: []Cause{
			{
				Text:   "The request lists signature algorithms or CA names in a malformed way, or is truncated by the transport.",
				Fix:    "Capture the handshake; compare with a PC client using a client certificate.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_certificate_request@2.28.3",
			},
		},
		Question: "Does a PC client with the same client certificate complete the handshake?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE"},
		Meaning: "2.28 only (-0x7B00): the server's ServerKeyExchange (its ephemeral key and signature, client state 4) could not be parsed or its signature did not verify. " +
			"In 3.6 the number means RECEIVED_NEW_SESSION_TICKET, which is not an error.",
		Causes: []Cause{
			{
				Text:   "The server's signature over the key exchange did not verify with the key in its certificate (key/certificate mismatch on the server, or data corrupted in transit).",
				Fix:    "Check the server's key/certificate pairing; verify the transport.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
			{
				Text:   "The server used a curve, DH group or signature hash the client does not support or did not offer.",
				Fix:    "Enable the curve/hash or restrict the offered groups so the server chooses a supported one.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
		},
		Question: "Does the debug log in state 4 complain about the signature or about the parameters?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET"},
		Meaning: "3.6 only (-0x7B00): not an error. With TLS 1.3 the server sends a NewSessionTicket after the handshake and mbedtls_ssl_read (or _write, _handshake) returns this code to say so. " +
			"In 2.28 the number means BAD_HS_SERVER_KEY_EXCHANGE.",
		Causes: []Cause{
			{
				Text:   "Firmware written for 2.28 treats every negative return other than WANT_READ/WANT_WRITE as fatal, so the first ticket from a TLS 1.3 server (mbedTLS 3.6 enables TLS 1.3 by default) kills the connection.",
				Fix:    "Treat MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET like WANT_READ and call the function again; or disable ticket signalling / TLS 1.3 if not needed.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/9134",
			},
			{
				Text:   "ESP-IDF 5.x apps (SMTP, HTTP, MQTT clients) upgraded to mbedTLS 3.6 with TLS 1.3 on see mbedtls_ssl_read fail with -0x7b00.",
				Fix:    "Handle the code as 'read again', or set CONFIG_MBEDTLS_SSL_PROTO_TLS1_3 off until the code is updated.",
				When:   PhaseAny,
				Source: "https://github.com/espressif/esp-idf/issues/13494",
			},
		},
		Question: "Was it returned by mbedtls_ssl_read/write after a successful TLS 1.3 handshake?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO_DONE"},
		Meaning: "2.28 only (-0x7B80): the server's ServerHelloDone (client state 6) was malformed or not what arrived.",
		Causes: []Cause{
			{
				Text:   "The server sent extra or unexpected data where ServerHelloDone belongs (non-conforming server, truncated record).",
				Fix:    "Capture the handshake and check the server.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello_done@2.28.3",
			},
		},
		Question: "Does a PC client complete the handshake with the same server?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_FINISHED"},
		Meaning: "2.28 only (-0x7E80): the server's Finished message did not match (client state 13). The two sides disagree about the handshake transcript or keys.",
		Causes: []Cause{
			{
				Text:   "A hash or cipher accelerator (_ALT) or the RNG misbehaves, so the keys or transcript hash differ.",
				Fix:    "Disable hardware acceleration and retest.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_finished@2.28.3",
			},
			{
				Text:   "A middlebox altered handshake messages.",
				Fix:    "Test on another network path.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_finished@2.28.3",
			},
		},
		Question: "Does it still fail with hardware crypto acceleration off?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_CHANGE_CIPHER_SPEC"},
		Meaning: "2.28 only (-0x7E00): a ChangeCipherSpec message was malformed. The 2.28 client code reports bad CCS records through other codes, so this is rare.",
		Causes: []Cause{
			{
				Text:   "A port or older mbedTLS version reports a malformed CCS from the server (client state 12).",
				Fix:    "Capture the handshake and check the server.",
				When:   PhaseHandshake,
				Source: "library/ssl_msg.c:mbedtls_ssl_parse_change_cipher_spec@2.28.3",
			},
		},
		Question: "Which mbedTLS version is the firmware using?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_ALLOC_FAILED"},
		Meaning: "The SSL layer could not allocate memory. From mbedtls_ssl_setup it means the input and output record buffers (about 16.7 KB each by default) do not fit the heap; " +
			"during the handshake, a later allocation failed.",
		Causes: []Cause{
			{
				Text:   "mbedtls_ssl_setup cannot allocate the IN and OUT buffers (MBEDTLS_SSL_IN_CONTENT_LEN + MBEDTLS_SSL_OUT_CONTENT_LEN plus overhead, over 33 KB with defaults).",
				Fix:    "Reduce MBEDTLS_SSL_OUT_CONTENT_LEN (4096 is usually enough for a client), enable variable/dynamic buffers (MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH, ESP-IDF CONFIG_MBEDTLS_DYNAMIC_BUFFER), or allocate from PSRAM.",
				When:   PhaseAny,
				Source: "https://github.com/espressif/esp-idf/issues/13424",
			},
			{
				Text:   "Several TLS sessions at once (HTTPS + MQTT + OTA), each with its own buffers.",
				Fix:    "Serialise connections or shrink buffers per connection.",
				When:   PhaseAny,
				Source: "https://github.com/CyberSaiyanIT/why2025-badge/pull/10",
			},
			{
				Text:   "Contexts leaked by reconnect loops that do not call mbedtls_ssl_free.",
				Fix:    "Call mbedtls_ssl_free and mbedtls_net_free on every failed or closed connection.",
				When:   PhaseAny,
				Source: "library/ssl_tls.c:mbedtls_ssl_setup@2.28.3",
			},
		},
		Question: "Was it returned by mbedtls_ssl_setup or by mbedtls_ssl_handshake, and how much heap is free at that moment?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION", "MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION"},
		Meaning: "The server chose a TLS version outside the client's configured minimum and maximum (client state 2). Named BAD_HS_PROTOCOL_VERSION in 2.28 and BAD_PROTOCOL_VERSION in 3.6.",
		Causes: []Cause{
			{
				Text:   "The server still answers with TLS 1.0/1.1 while the device requires TLS 1.2 (old appliances, legacy industrial gateways).",
				Fix:    "Upgrade the server to TLS 1.2; lower the client minimum only if the risk is accepted.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello@2.28.3",
			},
			{
				Text:   "The client's version range is set wrongly (mbedtls_ssl_conf_min_version / max_version, or TLS 1.2 compiled out), so it offers a version the server will not pick.",
				Fix:    "Enable MBEDTLS_SSL_PROTO_TLS1_2 and set min/max to include it.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2565",
			},
		},
		Question: "Which version does the ServerHello carry, and what range does the client allow?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_HS_NEW_SESSION_TICKET"},
		Meaning: "2.28 only (-0x6E00): the server's NewSessionTicket message (client state 17) could not be parsed. In 3.6 the number means HANDSHAKE_FAILURE.",
		Causes: []Cause{
			{
				Text:   "The server's session ticket is malformed or bigger than expected.",
				Fix:    "Disable session tickets on the client (mbedtls_ssl_conf_session_tickets(&conf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED)) and retest.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_new_session_ticket@2.28.3",
			},
		},
		Question: "Does the handshake succeed with session tickets disabled?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE"},
		Meaning: "3.6 only (-0x6E00): the negotiation failed on this side: the peer's choices are not acceptable (no common parameters, a required extension missing or contradictory). " +
			"In 2.28 the number means BAD_HS_NEW_SESSION_TICKET.",
		Causes: []Cause{
			{
				Text:   "The server chose parameters the client did not offer or cannot use (cipher suite, group, point format, renegotiation info), for example because the client's lists and build options are out of sync.",
				Fix:    "Keep the offered suites and groups consistent with what is compiled in; capture the handshake to see what the server chose.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls12_client.c:ssl_parse_server_hello@3.6.6",
			},
			{
				Text:   "TLS 1.3: no common key-exchange group or the server's HelloRetryRequest asks for a group the client lacks.",
				Fix:    "Enable X25519 and P-256 groups on the client.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10892",
			},
			{
				Text:   "The device acts as server and a client offered no usable suite (for example no EC extensions with an ECDHE-only server).",
				Fix:    "Enable the suites the clients use.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/7458",
			},
		},
		Question: "Is the device client or server, and what does the debug log say just before the failure?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH"},
		Meaning: "The key type does not fit the negotiated cipher suite: for example an ECDHE-ECDSA suite with an RSA server certificate.",
		Causes: []Cause{
			{
				Text:   "The server's certificate key type does not match the suite it chose (server misconfiguration), or the device's own key type does not match what the server requests for client authentication.",
				Fix:    "Use a device key type listed in the server's CertificateRequest; report the server misconfiguration.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
		},
		Question: "What key type is in the server certificate and in the device certificate, and which suite was chosen?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_INTERNAL_ERROR"},
		Meaning: "Something inside mbedTLS failed in a way it did not expect: a lower-level function (crypto, PSA, memory) returned an error the SSL layer does not pass on. " +
			"On 3.6 the classic cause is PSA crypto not being initialised.",
		Causes: []Cause{
			{
				Text:   "mbedTLS 3.6 with TLS 1.3 (on by default) or MBEDTLS_USE_PSA_CRYPTO, and psa_crypto_init() was never called, so the key exchange fails inside PSA.",
				Fix:    "Call psa_crypto_init() once at start-up before mbedtls_ssl_setup (or disable TLS 1.3 if not needed).",
				When:   PhaseHandshake,
				Source: "https://github.com/paullouisageneau/libdatachannel/issues/1147",
			},
			{
				Text:   "A PSA call such as psa_generate_key for the ephemeral key failed and its error was translated to this code.",
				Fix:    "Enable debug output to see the underlying PSA status; check that the key type and size are enabled in the PSA config.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/9046",
			},
			{
				Text:   "A memory allocation failed in a place that reports it as internal error (custom calloc/free hooks on an RTOS returning NULL).",
				Fix:    "Check that mbedtls_platform_set_calloc_free points at a heap large enough for TLS.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/8982",
			},
			{
				Text:   "The configured protocol versions leave nothing to negotiate (for example TLS 1.0/1.1 disabled and a peer that only offers them), which older versions reported as internal error.",
				Fix:    "Make the enabled versions overlap with the peer's.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1357",
			},
		},
		Question: "Is this mbedTLS 3.x, and is psa_crypto_init() called before the first handshake?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL"},
		Meaning: "A message to send does not fit the output buffer, or a buffer given by the application is too small.",
		Causes: []Cause{
			{
				Text:   "An SSL context is reused for a new connection without mbedtls_ssl_session_reset (or free and setup), so leftover state makes the next write fail.",
				Fix:    "Call mbedtls_ssl_session_reset (or free and set up again) between connections.",
				When:   PhaseAny,
				Source: "https://github.com/govorox/SSLClient/issues/111",
			},
			{
				Text:   "MBEDTLS_SSL_OUT_CONTENT_LEN is too small for a handshake message the client must send (a large client certificate chain, or the RSA-encrypted key exchange for a 4096-bit server key).",
				Fix:    "Raise MBEDTLS_SSL_OUT_CONTENT_LEN (4096 covers most client handshakes).",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_client_key_exchange@2.28.3",
			},
			{
				Text:   "The output buffer is too small for a record plus its encryption overhead.",
				Fix:    "Increase MBEDTLS_SSL_OUT_CONTENT_LEN or write smaller chunks.",
				When:   PhaseAny,
				Source: "library/ssl_msg.c:mbedtls_ssl_encrypt_buf@2.28.3",
			},
		},
		Question: "Does it happen on the first connection after boot or only on reconnects with a reused context?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE"},
		Meaning: "2.28 only (-0x6980): there were cipher suites in common, but none is usable (for example no suitable certificate for them). The 2.28 library returns it only on the server side.",
		Causes: []Cause{
			{
				Text:   "The device runs a TLS server whose certificate or key does not fit any shared suite (an RSA certificate when only ECDSA suites are shared, or a curve the client did not list).",
				Fix:    "Provide a server certificate matching the suites clients use, or enable matching suites.",
				When:   PhaseHandshake,
				Source: "library/ssl_srv.c:ssl_parse_client_hello@2.28.3",
			},
		},
		Question: "Is the device the server, and what key type is in its certificate?",
		Confirm:  "tlsdoctor explain -0x6980",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_WANT_READ"},
		Meaning: "Not an error: the operation needs more data from the network before it can continue. With non-blocking sockets (or a receive callback that returns would-block) " +
			"you call the same function again when data is available.",
		Causes: []Cause{
			{
				Text:   "A non-blocking socket or event-driven transport: normal progress, the function must be called again.",
				Fix:    "Loop: while ret is WANT_READ or WANT_WRITE, wait for the socket and call the same mbedTLS function again.",
				When:   PhaseAny,
				Source: "https://github.com/ARMmbed/mbed-os-example-tls/pull/46",
			},
			{
				Text:   "The firmware treats WANT_READ as a failure and aborts the handshake.",
				Fix:    "Exclude WANT_READ/WANT_WRITE from error handling around mbedtls_ssl_handshake, _read and _write.",
				When:   PhaseAny,
				Source: "https://github.com/ARMmbed/mbed-os-example-tls/pull/53",
			},
			{
				Text:   "WANT_READ forever: the server never answers (wrong port, protocol, or a silently dropped connection), and without a timeout the device waits for ever.",
				Fix:    "Set a read timeout (mbedtls_ssl_conf_read_timeout with mbedtls_net_recv_timeout) or an overall handshake deadline.",
				When:   PhaseNetwork,
				Source: "https://github.com/FreeRTOS/FreeRTOS/pull/1405",
			},
			{
				Text:   "mbedtls_ssl_read returns WANT_READ after it consumed a non-application record (handshake or ticket message) even on blocking sockets.",
				Fix:    "Call mbedtls_ssl_read again.",
				When:   PhaseAny,
				Source: "library/ssl_msg.c:mbedtls_ssl_read@2.28.3",
			},
		},
		Question: "Is the socket non-blocking, and does the loop call the same function again on WANT_READ?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_WANT_WRITE"},
		Meaning: "Not an error: the operation could not send all its data yet (the send function would block). Call the same function again later; mbedtls_ssl_read can return it too.",
		Causes: []Cause{
			{
				Text:   "Non-blocking socket with a full send buffer: normal progress.",
				Fix:    "Wait until the socket is writable and call the same function again; for mbedtls_ssl_write pass the same buffer and length as before.",
				When:   PhaseAny,
				Source: "https://github.com/curl/curl/pull/18682",
			},
			{
				Text:   "Firmware treats WANT_WRITE (especially from mbedtls_ssl_read) as fatal.",
				Fix:    "Handle WANT_WRITE like WANT_READ in all read and write loops.",
				When:   PhaseAny,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3280",
			},
		},
		Question: "Does the loop retry on WANT_WRITE with the same arguments?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_TIMEOUT"},
		Meaning: "A receive with a timeout ran out: nothing arrived within mbedtls_ssl_conf_read_timeout (TLS with mbedtls_net_recv_timeout) or within the DTLS handshake timers. " +
			"The server did not answer in time.",
		Causes: []Cause{
			{
				Text:   "The server never answers the ClientHello: wrong port or protocol, a firewall silently dropping, or an endpoint that waits for something else (for example a proxy CONNECT).",
				Fix:    "Test host and port with a PC client from the same network.",
				When:   PhaseNetwork,
				Source: "https://github.com/espressif/esp-aws-iot/issues/110",
			},
			{
				Text:   "The read timeout is too short for the link or the server (cellular, satellite, slow servers).",
				Fix:    "Raise the timeout given to mbedtls_ssl_conf_read_timeout (several seconds for cellular).",
				When:   PhaseNetwork,
				Source: "library/net_sockets.c:mbedtls_net_recv_timeout@2.28.3",
			},
			{
				Text:   "DTLS: the handshake retransmission timer expired because packets were lost or the server does not listen on that UDP port (CoAP/LwM2M on 5684).",
				Fix:    "Check the UDP port and network loss; set sensible mbedtls_ssl_conf_handshake_timeout values.",
				When:   PhaseNetwork,
				Source: "https://github.com/AVSystem/Anjay/issues/27",
			},
		},
		Question: "Does the server answer at all from a PC on the same network, and how long is the configured timeout?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_INVALID_VERIFY_HASH"},
		Meaning: "2.28 only (-0x6600): mbedTLS could not set the hash for the CertificateVerify it must send, because the hash the server asked for is not available.",
		Causes: []Cause{
			{
				Text:   "Mutual TLS: the server's CertificateRequest allows only hashes this build does not have (for example SHA-384 without MBEDTLS_SHA512_C).",
				Fix:    "Enable the hash the server requests (MBEDTLS_SHA512_C for SHA-384).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_set_calc_verify_md@2.28.3",
			},
		},
		Question: "Which signature algorithms does the server's CertificateRequest list?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER"},
		Meaning: "3.6 only (-0x6600): a field in a handshake message from the peer has an illegal or inconsistent value (wrong version, bad extension contents, an unexpected group).",
		Causes: []Cause{
			{
				Text:   "TLS 1.3: the server's hello or extensions contain a version, group or key share that contradicts what the client sent (non-conforming server or middlebox).",
				Fix:    "Test with the client limited to TLS 1.2; report the server behaviour.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_parse_supported_versions_ext@3.6.6",
			},
			{
				Text:   "TLS 1.2: a ServerKeyExchange or extension with illegal values (unsupported point format, bad renegotiation info).",
				Fix:    "Capture the handshake and compare with a PC client.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls12_client.c:ssl_parse_server_hello@3.6.6",
			},
		},
		Question: "Does the handshake succeed with the device limited to TLS 1.2?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_ERR_SSL_BAD_CONFIG"},
		Meaning: "The SSL configuration is inconsistent (for example a version range that includes nothing enabled, or options that contradict each other).",
		Causes: []Cause{
			{
				Text:   "The list of signature algorithms or curves to advertise is empty: a custom mbedtls_ssl_conf_sig_hashes / mbedtls_ssl_conf_curves list names only hashes or curves that are compiled out.",
				Fix:    "Make the custom lists name only enabled hashes and curves (at least SHA-256 and P-256), or use the defaults.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_signature_algorithms_ext@2.28.3",
			},
			{
				Text:   "min/max TLS version set to versions not compiled in, or no cipher suite left for the enabled versions.",
				Fix:    "Set versions that are enabled (MBEDTLS_SSL_PROTO_TLS1_2 / TLS1_3) and keep a suite list that covers them.",
				When:   PhaseAny,
				Source: "library/ssl_cli.c:ssl_write_client_hello@2.28.3",
			},
		},
		Question: "Do the custom hash, curve, version and suite lists name only things compiled into the build?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"},
		Meaning: "mbedTLS 3.6.3+ and 2.28.10 refuse to verify the server's certificate when no host name was set, because the name check would silently be skipped (CVE-2025-27809). " +
			"Firmware that worked on older versions fails in state 3 after the library update.",
		Causes: []Cause{
			{
				Text:   "The firmware never calls mbedtls_ssl_set_hostname (older versions then skipped the name check without a word).",
				Fix:    "Call mbedtls_ssl_set_hostname(&ssl, \"server.name\") with the server's DNS name before the handshake.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/466",
			},
			{
				Text:   "SNI is deliberately disabled in the port (for example a 'disable SNI' option) and therefore set_hostname is skipped.",
				Fix:    "If no name check is wanted (closed private PKI), call mbedtls_ssl_set_hostname(&ssl, NULL) explicitly; otherwise set the name.",
				When:   PhaseHandshake,
				Source: "https://github.com/FreeRTOS/FreeRTOS/pull/1340",
			},
			{
				Text:   "A distribution updated the library to 2.28.10 under the application (Linux gateways, OpenWrt packages).",
				Fix:    "Fix the application to set the host name, or pin the old behaviour with MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME only if you accept the risk.",
				When:   PhaseHandshake,
				Source: "https://github.com/getsolus/packages/pull/5288",
			},
		},
		Question: "Is mbedtls_ssl_set_hostname called on this context before mbedtls_ssl_handshake?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},

	// ---- Verify flags (x509.h): decode mbedtls_ssl_get_verify_result() for -0x2700 ----
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_X509_BADCERT_EXPIRED"},
		Meaning: "Verify flag 0x01: a certificate in the chain, including the trusted root itself, is past its notAfter date according to the device's clock. " +
			"If 0x200 (FUTURE) is set too, the clock is broken rather than the certificate.",
		Causes: []Cause{
			{
				Text:   "The root CA embedded in the firmware has expired (DST Root CA X3 on 2021-09-30 is the famous case); mbedTLS checks the root's own dates too.",
				Fix:    "Embed the current root for the endpoint (ISRG Root X1 for Let's Encrypt) and ship a firmware update path for trust anchors.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/7621",
			},
			{
				Text:   "An old CA bundle in a module's firmware (Wi-Fi module, modem) still holds expired roots.",
				Fix:    "Update the module's certificate store or provide the root yourself.",
				When:   PhaseHandshake,
				Source: "https://github.com/arduino/nina-fw/pull/54",
			},
			{
				Text:   "The server's certificate really expired (renewal forgotten, or the device talks to a stale test server).",
				Fix:    "Renew the server certificate; check it with tlsdoctor probe.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_chain@2.28.3",
			},
			{
				Text:   "The clock is wrong in the other direction: an RTC that came up with garbage far in the future, or a time conversion failure (then both 0x01 and 0x200 are set, flags 0x201).",
				Fix:    "Validate the clock (reject years far beyond the build date) and resync from SNTP before connecting.",
				When:   PhaseHandshake,
				Source: "library/x509.c:mbedtls_x509_time_is_past@2.28.3",
			},
		},
		Question: "What date does the device think it is, and which certificate's notAfter is before it?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_REVOKED"},
		Meaning: "Verify flag 0x02: the certificate's serial number is listed in a CRL you passed to verification.",
		Causes: []Cause{
			{
				Text:   "The server or device certificate was revoked by its CA and the CRL given to mbedtls_ssl_conf_ca_chain lists it.",
				Fix:    "Get a new certificate for the server or device; make sure the CRL is current.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "Which CRL is configured, and does it list this serial?",
		Confirm:  "tlsdoctor verify --chain CHAIN_FILE --trust ROOT_CA_FILE --host HOSTNAME",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_CN_MISMATCH"},
		Meaning: "Verify flag 0x04: the host name given to mbedtls_ssl_set_hostname matches neither the server certificate's subjectAltName DNS entries nor (when there is no SAN) its CN.",
		Causes: []Cause{
			{
				Text:   "The device connects by IP address while the certificate names DNS names (2.28 does not match IP addresses against SAN IP entries; 3.6 does).",
				Fix:    "Connect by the DNS name in the certificate, or issue the server certificate with the IP in SAN and use 3.6.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/219",
			},
			{
				Text:   "The string passed to mbedtls_ssl_set_hostname is not the bare name: it includes a scheme (mqtts://), a port (:8883), a path, a trailing dot or newline, or it is a different endpoint than the certificate covers.",
				Fix:    "Pass only the host name, exactly as in the certificate's SAN.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_name@2.28.3",
			},
			{
				Text:   "A wildcard covers only one label: *.example.com matches a.example.com but not a.b.example.com or example.com.",
				Fix:    "Use a name the wildcard covers, or get a certificate listing the exact name.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_check_cn@2.28.3",
			},
			{
				Text:   "SNI is not sent (MBEDTLS_SSL_SERVER_NAME_INDICATION off), so a multi-site server returns its default certificate for another name.",
				Fix:    "Enable MBEDTLS_SSL_SERVER_NAME_INDICATION so the server picks the right certificate.",
				When:   PhaseHandshake,
				Source: "https://github.com/zephyrproject-rtos/zephyr/issues/27783",
			},
			{
				Text:   "The certificate has a SAN extension without the name, and the name appears only in the CN (CN is ignored when SAN exists).",
				Fix:    "Re-issue the server certificate with the name in subjectAltName.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_name@2.28.3",
			},
		},
		Question: "What exact string is passed to mbedtls_ssl_set_hostname, and which names does the server certificate list in its SAN?",
		Confirm:  "tlsdoctor verify --chain CHAIN_FILE --trust ROOT_CA_FILE --host HOSTNAME",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_X509_BADCERT_NOT_TRUSTED"},
		Meaning: "Verify flag 0x08: the chain does not lead to any certificate in your trust store, or a signature along the way did not verify. " +
			"It is the most common flag: usually the wrong root is embedded.",
		Causes: []Cause{
			{
				Text:   "The embedded root is not the one this endpoint's chain ends at. Endpoints change CAs: Azure IoT Hub moved from Baltimore CyberTrust Root to DigiCert Global Root G2 (2023), AWS IoT uses Amazon Root CA 1 on ATS endpoints (not VeriSign), Let's Encrypt chains end at ISRG Root X1 (not DST Root CA X3). A cross-signed chain can also lead to an older root than the one you hold.",
				Fix:    "Embed the root the chain actually ends at plus the endpoint's announced backup root (for cross-signed chains, both roots); look it up with tlsdoctor probe.",
				When:   PhaseHandshake,
				Source: "https://github.com/Azure/azure-sdk-for-c/issues/2531",
			},
			{
				Text:   "An intermediate or the server's own certificate is stored as 'CA' (copied from the browser's or openssl's last certificate); it works until the server changes intermediate or certificate.",
				Fix:    "Store the self-signed root, not the intermediate or leaf.",
				When:   PhaseHandshake,
				Source: "https://github.com/OPEnSLab-OSU/SSLClient/issues/35",
			},
			{
				Text:   "The server does not send its intermediate certificate, so the chain stops short of your root.",
				Fix:    "Configure the full chain on the server (fullchain.pem); as a stopgap also trust the intermediate.",
				When:   PhaseHandshake,
				Source: "https://tls.mbed.org/discussions/bug-report-issues/x509_verify_cert-return-0x2700",
			},
			{
				Text:   "Your root failed to parse (curve or key size not in the build, bad PEM length) and the error was ignored, leaving an empty trust store.",
				Fix:    "Check mbedtls_x509_crt_parse's return for the root; fix the config (P-384, MBEDTLS_MPI_MAX_SIZE) or the buffer length.",
				When:   PhaseLoad,
				Source: "library/x509_crt.c:x509_crt_verify_chain@2.28.3",
			},
			{
				Text:   "A certificate in the server's chain uses a signature algorithm the build lacks; mbedTLS drops it silently and the chain breaks.",
				Fix:    "Enable the hash or signature module that certificate needs (for example MBEDTLS_SHA512_C for SHA-384).",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/pull/643",
			},
			{
				Text:   "The heap ran out during signature verification, which is reported as an untrusted signature.",
				Fix:    "Measure and raise free heap before the handshake.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1971",
			},
		},
		Question: "Which root does the server's chain end at, and is exactly that certificate (same subject and key) in the device's trust store and parsed without error?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_NOT_TRUSTED"},
		Meaning: "Verify flag 0x10: a CRL given to verification is not correctly signed by a trusted CA.",
		Causes: []Cause{
			{
				Text:   "The CRL comes from another CA or was signed with a key the trust store does not hold.",
				Fix:    "Load the CRL issued by the CA that issued the certificates, or drop the CRL.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "Which CA issued the CRL, and is it in the trust store?",
		Confirm:  "tlsdoctor verify --chain CHAIN_FILE --trust ROOT_CA_FILE --host HOSTNAME",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_EXPIRED"},
		Meaning: "Verify flag 0x20: a configured CRL is past its nextUpdate date by the device's clock.",
		Causes: []Cause{
			{
				Text:   "The CRL in the firmware or filesystem is stale, or the device clock is ahead.",
				Fix:    "Refresh the CRL regularly, or do not configure CRLs on devices that cannot update them.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "What is the CRL's nextUpdate and the device's current time?",
		Confirm:  "tlsdoctor verify --chain CHAIN_FILE --trust ROOT_CA_FILE --host HOSTNAME",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_MISSING"},
		Meaning: "Verify flag 0x40: the peer sent no certificate. A TLS server sets it when the client sent none.",
		Causes: []Cause{
			{
				Text:   "The device is the server and a client connected without a client certificate while client authentication is on.",
				Fix:    "Configure the client with a certificate, or make client authentication optional.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_certificate@2.28.3",
			},
		},
		Question: "Is the device acting as server with client authentication?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x40",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_SKIP_VERIFY"},
		Meaning: "Verify flag 0x80: certificate verification was skipped because authmode is NONE.",
		Causes: []Cause{
			{
				Text:   "mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE) was set (often left from a test), so nothing is verified.",
				Fix:    "Use MBEDTLS_SSL_VERIFY_REQUIRED with the right root CA in production.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_certificate@2.28.3",
			},
		},
		Question: "Which authmode does the firmware set?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x80",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_OTHER"},
		Meaning: "Verify flag 0x100: set only by a verify callback (mbedtls_ssl_conf_verify) for a reason of its own, such as certificate pinning.",
		Causes: []Cause{
			{
				Text:   "Your own or the platform's verify callback rejected the certificate (pinning mismatch after a server certificate rotation, custom policy).",
				Fix:    "Check the callback's logic and update pinned fingerprints when servers rotate certificates.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_restartable_ca_cb@2.28.3",
			},
		},
		Question: "Which verify callback is installed, and why did it set the flag?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x100",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_X509_BADCERT_FUTURE"},
		Meaning: "Verify flag 0x200: a certificate in the chain is not valid yet according to the device's clock. On devices this almost always means the clock was never set: " +
			"a clock at 1970 or 2000 makes every certificate look like it is from the future.",
		Causes: []Cause{
			{
				Text:   "No time source yet: the RTC starts at 1970-01-01 (time() == 0) or 2000-01-01 after reset, and the handshake runs before SNTP or cellular network time has set the clock.",
				Fix:    "Wait for SNTP sync (ESP-IDF: esp_sntp / sntp_get_sync_status) before the first TLS connection, and refuse to connect while the year is before the firmware build year.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1565",
			},
			{
				Text:   "The clock is set from the build date or a stale saved time, but the server's certificate was issued later (Let's Encrypt certificates are re-issued every 60-90 days).",
				Fix:    "Sync time from the network before connecting; use a saved time only as a lower bound.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-at/issues/432",
			},
			{
				Text:   "Date checks became active after an update or config change (MBEDTLS_HAVE_TIME_DATE turned on, as mbed-os did by default) on a device that never had a real clock.",
				Fix:    "Provide a correct time source; turning MBEDTLS_HAVE_TIME_DATE off removes expiry protection and should be a last resort.",
				When:   PhaseHandshake,
				Source: "https://github.com/ARMmbed/mbed-os/issues/7665",
			},
			{
				Text:   "The clock runs in local time or a time-zone offset is applied twice, so it is hours behind UTC and a freshly issued certificate is not valid yet.",
				Fix:    "Keep the system clock in UTC; mbedTLS compares in UTC.",
				When:   PhaseHandshake,
				Source: "library/x509.c:mbedtls_x509_time_is_future@2.28.3",
			},
		},
		Question: "What does time() return on the device just before the handshake?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --device-time unset",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_FUTURE"},
		Meaning: "Verify flag 0x400: a configured CRL's thisUpdate is in the future by the device's clock.",
		Causes: []Cause{
			{
				Text:   "The device clock is unset or behind (1970/2000).",
				Fix:    "Sync the clock before verifying.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "What does time() return on the device?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x400",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_KEY_USAGE"},
		Meaning: "Verify flag 0x800: the server certificate's keyUsage does not allow what the negotiated cipher suite needs (set by the SSL layer; the handshake returns -0x7A00).",
		Causes: []Cause{
			{
				Text:   "A CA certificate (keyCertSign only) is installed as the server certificate, or an RSA key-exchange suite is used with a certificate lacking keyEncipherment, or an ECDHE suite with one lacking digitalSignature.",
				Fix:    "Install a proper server certificate with digitalSignature (and keyEncipherment for RSA key exchange).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@2.28.3",
			},
		},
		Question: "What keyUsage does the server certificate list, and which suite was negotiated?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_EXT_KEY_USAGE"},
		Meaning: "Verify flag 0x1000: the server certificate's extendedKeyUsage does not include serverAuth (set by the SSL layer; the handshake returns -0x7A00).",
		Causes: []Cause{
			{
				Text:   "The server presents a client-authentication or code-signing certificate, or a device certificate reused as server certificate.",
				Fix:    "Use a certificate issued for TLS server authentication.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@2.28.3",
			},
		},
		Question: "Does the server certificate's extendedKeyUsage list 'TLS Web Server Authentication'?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_NS_CERT_TYPE"},
		Meaning: "Verify flag 0x2000: the legacy Netscape certificate-type extension does not allow SSL server use.",
		Causes: []Cause{
			{
				Text:   "An old certificate carries nsCertType without 'SSL Server'.",
				Fix:    "Re-issue the server certificate without the obsolete nsCertType extension.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_check_cert_usage@2.28.3",
			},
		},
		Question: "Does the server certificate carry a Netscape Cert Type extension?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_X509_BADCERT_BAD_MD"},
		Meaning: "Verify flag 0x4000: a certificate in the chain (other than the trusted root) is signed with a hash the verification profile does not allow. " +
			"The default profile allows only SHA-2 (2.28: SHA-224/256/384/512; 3.6: SHA-256/384/512), so SHA-1 and MD5 fail.",
		Causes: []Cause{
			{
				Text:   "The server still sends a SHA-1 signed certificate (an old intermediate or an extra cross-certificate) in its chain.",
				Fix:    "Remove the SHA-1 certificate from the server's chain or have it re-issued with SHA-256.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/pull/6117",
			},
			{
				Text:   "A private PKI (factory, test CA) issues SHA-1 or MD5 signed device or server certificates.",
				Fix:    "Re-issue with SHA-256; only as a stopgap allow SHA-1 in a custom profile via mbedtls_ssl_conf_cert_profile.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verify_chain@2.28.3",
			},
			{
				Text:   "The heap ran out during verification; the failure is misreported as an unacceptable hash.",
				Fix:    "Measure free heap before the handshake and raise it.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1971",
			},
			{
				Text:   "After moving from 2.28 to 3.6: SHA-224 signatures are no longer in the default profile.",
				Fix:    "Use SHA-256 or stronger, or a custom profile.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_profile_check_md_alg@3.6.6",
			},
		},
		Question: "Which certificate in the chain has which signature hash (openssl s_client -showcerts | openssl x509 -text)?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCERT_BAD_PK"},
		Meaning: "Verify flag 0x8000: a certificate's public-key algorithm or signature type is not allowed by the verification profile (for example RSA in a Suite B profile).",
		Causes: []Cause{
			{
				Text:   "The firmware uses a restrictive profile (mbedtls_x509_crt_profile_suiteb allows only ECDSA) and the server's chain has RSA certificates.",
				Fix:    "Use the default profile, or an endpoint with an all-ECDSA chain.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_profile_check_pk_alg@2.28.3",
			},
		},
		Question: "Which profile is set with mbedtls_ssl_conf_cert_profile, and what key types are in the chain?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_X509_BADCERT_BAD_KEY"},
		Meaning: "Verify flag 0x10000: a key in the chain is too weak or on a curve the profile does not allow (RSA below rsa_min_bitlen, 2048 by default; in 3.6 curves outside P-256/384/521 and brainpool), " +
			"or the server's EC key is on a curve the SSL configuration does not allow.",
		Causes: []Cause{
			{
				Text:   "An RSA-1024 key in the server certificate or an intermediate (old appliances, embedded web servers, legacy private CAs).",
				Fix:    "Re-key the server with RSA-2048+ or ECDSA P-256; a custom profile with rsa_min_bitlen 1024 is only a stopgap.",
				When:   PhaseHandshake,
				Source: "https://forums.mbed.com/t/bad-key-received-from-ssl-server/10516",
			},
			{
				Text:   "The server's EC key is on a curve missing from the client's allowed list (mbedtls_ssl_conf_curves), so the SSL layer sets BAD_KEY and fails with -0x7A00.",
				Fix:    "Allow the server's curve in the client's list (and enable it in the build).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28.3",
			},
			{
				Text:   "3.6 default profile: a key on secp256k1 or P-224 is not allowed.",
				Fix:    "Use P-256/P-384 keys, or a custom profile that allows the curve.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_profile_check_key@3.6.6",
			},
			{
				Text:   "A custom profile demands more than the server has (rsa_min_bitlen 3072 while the server uses RSA-2048).",
				Fix:    "Align the profile with the endpoint's keys.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_profile_check_key@2.28.3",
			},
		},
		Question: "What key type and size does each certificate in the chain have, and which profile and curve list does the device use?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_BAD_MD"},
		Meaning: "Verify flag 0x20000: a configured CRL is signed with a hash the profile does not allow.",
		Causes: []Cause{
			{
				Text:   "The CRL is SHA-1 signed.",
				Fix:    "Use a CRL signed with SHA-256, or do not configure it.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "What signature algorithm does the CRL use?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x20000",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_BAD_PK"},
		Meaning: "Verify flag 0x40000: a configured CRL's signature key type is not allowed by the profile.",
		Causes: []Cause{
			{
				Text:   "The CRL signer's key type is excluded by a restrictive profile (Suite B).",
				Fix:    "Use the default profile or a CRL signed with an allowed key type.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "Which profile is in use, and what key signed the CRL?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x40000",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_X509_BADCRL_BAD_KEY"},
		Meaning: "Verify flag 0x80000: a configured CRL is signed with a key the profile considers too weak.",
		Causes: []Cause{
			{
				Text:   "The CRL signer uses RSA-1024 or a disallowed curve.",
				Fix:    "Use a CRL from a CA with a strong key, or drop the CRL.",
				When:   PhaseHandshake,
				Source: "library/x509_crt.c:x509_crt_verifycrl@2.28.3",
			},
		},
		Question: "What key size signed the CRL?",
		Confirm:  "tlsdoctor explain -0x2700 --flags 0x80000",
	},

	// ---- Client handshake states (enum mbedtls_ssl_states in ssl.h) ----
	// "client state N" in a 2.28 debug log is the number; 3.6 logs print the name.
	// States 0-15 have the same numbers in 2.28 and 3.6; from 16 on they differ.
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_HELLO_REQUEST"},
		Meaning: "Client state 0 (both versions): the handshake has not sent anything yet. The client moves straight on to state 1; a failure reported here means the context could not even start (setup or transport problems).",
		Causes: []Cause{
			{
				Text:   "The transport is not configured (mbedtls_ssl_set_bio missing) or the context was not set up with mbedtls_ssl_setup.",
				Fix:    "Call mbedtls_ssl_setup and mbedtls_ssl_set_bio before mbedtls_ssl_handshake.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:mbedtls_ssl_handshake_client_step@2.28.3",
			},
		},
		Question: "Did mbedtls_ssl_setup return 0, and is the bio set?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_HELLO"},
		Meaning: "Client state 1 (both versions): building and sending the ClientHello. A failure here is on the device's side: configuration, RNG, memory, or the socket refusing to send.",
		Causes: []Cause{
			{
				Text:   "The socket cannot send (connection not established, reset immediately by a firewall), seen as -0x004E or -0x0050.",
				Fix:    "Check that mbedtls_net_connect succeeded and the port is right.",
				When:   PhaseNetwork,
				Source: "library/ssl_cli.c:ssl_write_client_hello@2.28.3",
			},
			{
				Text:   "No RNG or an unseeded RNG (NO_RNG, ECP_RANDOM_FAILED), or an empty curve / signature-algorithm list (BAD_CONFIG).",
				Fix:    "Seed a CTR-DRBG and pass it with mbedtls_ssl_conf_rng; keep custom lists consistent with the build.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_client_hello@2.28.3",
			},
			{
				Text:   "3.6 with TLS 1.3: the key share is generated while writing the hello, and psa_crypto_init() was never called (INTERNAL_ERROR).",
				Fix:    "Call psa_crypto_init() at start-up.",
				When:   PhaseHandshake,
				Source: "https://github.com/paullouisageneau/libdatachannel/issues/1147",
			},
		},
		Question: "What code was returned in state 1: a network code (-0x00xx) or an SSL/crypto code?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_SSL_SERVER_HELLO"},
		Meaning: "Client state 2 (both versions): the ClientHello was sent and the client is waiting for and parsing the ServerHello. A failure here means the server did not accept the hello: " +
			"it answered with an alert, closed or reset the connection, or did not speak TLS.",
		Causes: []Cause{
			{
				Text:   "No SNI (mbedtls_ssl_set_hostname not called or SNI compiled out); cloud endpoints answer with an alert (-0x7780) or a reset (-0x0050).",
				Fix:    "Set the host name before the handshake and enable MBEDTLS_SSL_SERVER_NAME_INDICATION.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1400",
			},
			{
				Text:   "No common cipher suite, curve or TLS version (alert 40 or 70), typical for trimmed builds or old servers.",
				Fix:    "Offer TLS 1.2 with ECDHE-GCM suites and the P-256 curve at least; check the server's list with tlsdoctor probe.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/1235",
			},
			{
				Text:   "The server's reply is not TLS (plain port, proxy, captive portal): -0x7200 INVALID_RECORD.",
				Fix:    "Use the TLS port of the service.",
				When:   PhaseHandshake,
				Source: "https://github.com/78/xiaozhi-esp32/issues/7",
			},
			{
				Text:   "The server closed or reset the connection after the hello (-0x0050, -0x7280), for example AWS IoT with a wrong endpoint or root.",
				Fix:    "Check endpoint name, port and SNI.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/3416",
			},
		},
		Question: "What did the server send back: an alert (which number), nothing (timeout), a reset, or non-TLS bytes?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_SSL_SERVER_CERTIFICATE"},
		Meaning: "Client state 3 (both versions; in TLS 1.3 it comes after EncryptedExtensions and CertificateRequest): the server's certificate chain is being received, parsed and verified. " +
			"'client state 3' in a failing log means the trust decision failed: wrong or unusable root, clock, host name, or a chain too big for the buffers. Every certificate-related error is reported while still in state 3.",
		Causes: []Cause{
			{
				Text:   "Verification failed (-0x2700): wrong root CA, clock not set, host-name mismatch or missing intermediate. The verify flags say which.",
				Fix:    "Print mbedtls_ssl_get_verify_result() and decode the flags; embed the right root; set the clock first.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/ESP8266_RTOS_SDK/issues/886",
			},
			{
				Text:   "The Certificate message does not fit: larger than MBEDTLS_SSL_IN_CONTENT_LEN (-0x7200 or -0x7100) or split over records that 2.28 cannot reassemble (-0x7080).",
				Fix:    "Raise MBEDTLS_SSL_IN_CONTENT_LEN to 16384, or upgrade to 3.6.3+ for fragmented chains.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/ESP8266_RTOS_SDK/issues/461",
			},
			{
				Text:   "A certificate in the chain cannot be parsed by this build: RSA-4096 with a small MBEDTLS_MPI_MAX_SIZE (-0x3B00), a P-384 key without the curve (-0x3A00), or an unknown critical extension (-0x2562).",
				Fix:    "Enable the curve, raise MBEDTLS_MPI_MAX_SIZE, or use an endpoint whose chain fits the build.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@2.28.3",
			},
			{
				Text:   "The heap ran out while parsing or verifying the chain (-0x2880, or a misleading -0x2700).",
				Fix:    "Measure free heap before the handshake and raise it.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2590",
			},
			{
				Text:   "2.28.10 / 3.6.3+: no host name was set, so verification is refused (-0x5D80).",
				Fix:    "Call mbedtls_ssl_set_hostname before the handshake.",
				When:   PhaseHandshake,
				Source: "https://github.com/FreeRTOS/FreeRTOS/pull/1340",
			},
		},
		Question: "What error code came with state 3, and if it is -0x2700, what does mbedtls_ssl_get_verify_result() return?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_SERVER_KEY_EXCHANGE"},
		Meaning: "Client state 4 (TLS 1.2): the server's ephemeral key (ECDHE/DHE) and its signature are being checked. Failures are about curves and hashes the build lacks, memory for the signature check, or a signature that does not verify.",
		Causes: []Cause{
			{
				Text:   "The server's curve or DH group or its signature hash is not available in the build (FEATURE_UNAVAILABLE, BAD_HS_SERVER_KEY_EXCHANGE).",
				Fix:    "Enable the curve (P-256 at least, often X25519 too) and SHA-384 if the server signs with it.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_key_exchange@2.28.3",
			},
			{
				Text:   "Memory or hardware acceleration trouble during the signature check (MPI/ECP alloc failures, RSA public failed).",
				Fix:    "Free heap before the handshake; retest with hardware acceleration off.",
				When:   PhaseHandshake,
				Source: "https://github.com/espressif/esp-idf/issues/15245",
			},
		},
		Question: "Which code came with state 4, and which curve and signature hash did the server use?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CERTIFICATE_REQUEST"},
		Meaning: "Client state 5 (both versions): the client checks whether the server asks for a client certificate (mutual TLS) and parses the request.",
		Causes: []Cause{
			{
				Text:   "The CertificateRequest is malformed or asks only for hashes the client lacks (BAD_HS_CERTIFICATE_REQUEST, INVALID_VERIFY_HASH).",
				Fix:    "Enable the hashes the server lists (SHA-384 needs MBEDTLS_SHA512_C).",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_certificate_request@2.28.3",
			},
		},
		Question: "Does this server require client certificates, and which signature algorithms does it ask for?",
		Confirm:  "tlsdoctor probe HOST:PORT --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_SERVER_HELLO_DONE"},
		Meaning: "Client state 6 (TLS 1.2): waiting for the server's ServerHelloDone, the end of the server's first flight.",
		Causes: []Cause{
			{
				Text:   "The message is malformed or something else arrives (BAD_HS_SERVER_HELLO_DONE, UNEXPECTED_MESSAGE), or the connection drops.",
				Fix:    "Capture the handshake; compare with a PC client.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_server_hello_done@2.28.3",
			},
		},
		Question: "What arrived instead of ServerHelloDone?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_CERTIFICATE"},
		Meaning: "Client state 7 (both versions): the client sends its own certificate (empty if it has none and the server asked). Failures concern the device certificate and the output buffer.",
		Causes: []Cause{
			{
				Text:   "The device's certificate chain does not fit MBEDTLS_SSL_OUT_CONTENT_LEN (2.28: CERTIFICATE_TOO_LARGE).",
				Fix:    "Raise MBEDTLS_SSL_OUT_CONTENT_LEN above the size of the client chain.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_write_certificate@2.28.3",
			},
			{
				Text:   "With Max Fragment Length negotiated, the outgoing Certificate message is not split to the agreed size, so the server answers record_overflow.",
				Fix:    "Negotiate a larger fragment length (4096) or none.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10787",
			},
		},
		Question: "How large is the device's certificate chain compared with MBEDTLS_SSL_OUT_CONTENT_LEN and the negotiated fragment length?",
		Confirm:  "tlsdoctor check CLIENT_CERT_FILE --config mbedtls_config.h",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_KEY_EXCHANGE"},
		Meaning: "Client state 8 (TLS 1.2): the client computes and sends its key-exchange value (ECDHE share or RSA-encrypted secret). This is heavy arithmetic: failures are memory, RNG or accelerator problems.",
		Causes: []Cause{
			{
				Text:   "The heap runs out during the ECDH or RSA computation (MPI/ECP alloc failures).",
				Fix:    "Free heap before the handshake; lower MBEDTLS_ECP_WINDOW_SIZE.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_client_key_exchange@2.28.3",
			},
			{
				Text:   "The output buffer is too small for an RSA-encrypted secret of a 4096-bit server key (BUFFER_TOO_SMALL).",
				Fix:    "Raise MBEDTLS_SSL_OUT_CONTENT_LEN.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_client_key_exchange@2.28.3",
			},
		},
		Question: "Which code came with state 8, and how much heap is free?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CERTIFICATE_VERIFY"},
		Meaning: "Client state 9. In TLS 1.2 the client signs the handshake with its private key (only in mutual TLS). In 3.6 with TLS 1.3 the same state means checking the server's CertificateVerify signature.",
		Causes: []Cause{
			{
				Text:   "TLS 1.2 mutual TLS: the device's private key is missing, does not match the certificate, or the secure element/hardware signer fails (PRIVATE_KEY_REQUIRED, RSA_PRIVATE_FAILED).",
				Fix:    "Check the key with mbedtls_pk_check_pair and that mbedtls_ssl_conf_own_cert got both certificate and key.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_write_certificate_verify@2.28.3",
			},
			{
				Text:   "TLS 1.3: the server's signature uses an algorithm or hash the client lacks, or does not verify.",
				Fix:    "Enable the signature algorithms the server uses (ECDSA with SHA-256/384, RSA-PSS).",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_process_certificate_verify@3.6.6",
			},
		},
		Question: "Is the connection TLS 1.2 with a client certificate, or TLS 1.3?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC"},
		Meaning: "Client state 10 (TLS 1.2): the client switches to encryption. An error here is usually the server's verdict on what the client sent in states 7-9 (its certificate and signature), arriving as an alert or a reset.",
		Causes: []Cause{
			{
				Text:   "The server rejects the client certificate (unknown CA, inactive or unregistered device certificate), answering with an alert (-0x7780) or closing the connection.",
				Fix:    "Check the device certificate's registration and the CA the server trusts for clients.",
				When:   PhaseHandshake,
				Source: "https://github.com/MicrochipTech/mbedtls-examples/issues/5",
			},
		},
		Question: "Does the server's log show why the client certificate was refused?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_FINISHED"},
		Meaning: "Client state 11 (both versions): the client sends its Finished message, the first encrypted one. Problems with the derived keys or the encryption show up right after this.",
		Causes: []Cause{
			{
				Text:   "Faulty hardware encryption (_ALT AES/GCM) produces records the server cannot decrypt; the server answers bad_record_mac (alert 20).",
				Fix:    "Retest with hardware AES off.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/6590",
			},
		},
		Question: "What does the server answer after the client's Finished?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC"},
		Meaning: "Client state 12 (TLS 1.2): waiting for the server's ChangeCipherSpec. A failure here means the server rejected the client's last flight (certificate, signature or Finished).",
		Causes: []Cause{
			{
				Text:   "The server rejects the client certificate or its signature and resets or alerts (AWS IoT resets with -0x0050 for an inactive or unknown device certificate).",
				Fix:    "Check the device certificate and key pairing and their registration on the server.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/166",
			},
			{
				Text:   "The server could not decrypt the client's Finished (alert 20 or 51): key derivation or encryption differs.",
				Fix:    "Retest with hardware crypto acceleration off.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/6590",
			},
		},
		Question: "Which alert or network code arrives in state 12?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_SERVER_FINISHED"},
		Meaning: "Client state 13 (both versions): the server's Finished message is checked. In TLS 1.3 this comes before the client's certificate and Finished. A failure means both sides computed different keys or transcripts.",
		Causes: []Cause{
			{
				Text:   "Different keys on the two sides: hardware hash/cipher acceleration fault, or data altered in transit (BAD_HS_FINISHED, INVALID_MAC).",
				Fix:    "Retest with hardware acceleration off and check the transport.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_parse_finished@2.28.3",
			},
		},
		Question: "Does it still fail with hardware acceleration off?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_FLUSH_BUFFERS"},
		Meaning: "Client state 14 (both versions): pending output is flushed at the end of the handshake. Failures here are network errors while sending.",
		Causes: []Cause{
			{
				Text:   "The socket fails while sending the last handshake bytes (link lost, peer closed).",
				Fix:    "Check the link and retry.",
				When:   PhaseNetwork,
				Source: "library/ssl_msg.c:mbedtls_ssl_flush_output@2.28.3",
			},
		},
		Question: "Which network code came with state 14?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_HANDSHAKE_WRAPUP"},
		Meaning: "Client state 15 (both versions): the handshake is complete and its temporary data is freed (in 2.28 this step cannot fail). A log that ends here means the next call failed, not the handshake.",
		Causes: []Cause{
			{
				Text:   "The first mbedtls_ssl_read/write after the handshake failed (server closed, TLS 1.3 ticket code -0x7B00 treated as an error, record too large).",
				Fix:    "Look at the code returned by the first read or write after the handshake.",
				When:   PhaseAny,
				Source: "library/ssl_tls.c:mbedtls_ssl_handshake_wrapup@2.28.3",
			},
		},
		Question: "Which call returned the error: mbedtls_ssl_handshake or the first read/write after it?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_HANDSHAKE_OVER"},
		Meaning: "The handshake succeeded: state 16 in 2.28, state 27 in 3.6 (in 3.6, state 16 is NEW_SESSION_TICKET). Errors after this come from mbedtls_ssl_read/write and the application protocol, not from certificate trust.",
		Causes: []Cause{
			{
				Text:   "A later error is an application or transport problem (server closes after the request, broker rejects the MQTT CONNECT, records too large for IN_CONTENT_LEN).",
				Fix:    "Look at the code returned by mbedtls_ssl_read/write and the server's logs.",
				When:   PhaseAny,
				Source: "library/ssl_cli.c:mbedtls_ssl_handshake_client_step@2.28.3",
			},
		},
		Question: "Which code do mbedtls_ssl_read or mbedtls_ssl_write return afterwards?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_SSL_SERVER_NEW_SESSION_TICKET", "MBEDTLS_SSL_NEW_SESSION_TICKET"},
		Meaning: "TLS 1.2 session-ticket state, visited between states 11 and 12 when the client offered tickets: state 17 in 2.28 (SERVER_NEW_SESSION_TICKET), state 16 in 3.6 (NEW_SESSION_TICKET). " +
			"The client has sent its Finished and waits for the server's ticket; an alert here is the server rejecting the client's flight.",
		Causes: []Cause{
			{
				Text:   "The server sends a fatal alert (for example 40 handshake_failure) after the client's Finished: it rejected the client certificate, signature or keys.",
				Fix:    "Decode the alert and check the client certificate and key; compare with a PC client using the same credentials.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/2941",
			},
			{
				Text:   "The ticket message is malformed (BAD_HS_NEW_SESSION_TICKET in 2.28).",
				Fix:    "Disable session tickets on the client and retest.",
				When:   PhaseHandshake,
				Source: "library/ssl_cli.c:ssl_parse_new_session_ticket@2.28.3",
			},
		},
		Question: "Which alert number arrived in this state?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_SERVER_HELLO_VERIFY_REQUEST_SENT"},
		Meaning: "DTLS server state (18 in 2.28, 17 in 3.6): a server has sent a HelloVerifyRequest cookie. A TLS client never stops here; a device logging it is the DTLS server.",
		Causes: []Cause{
			{
				Text:   "The device acts as DTLS server and the client did not return the cookie (lost packets, client without cookie support).",
				Fix:    "Check the client's DTLS cookie handling and the network path.",
				When:   PhaseHandshake,
				Source: "library/ssl_srv.c:mbedtls_ssl_handshake_server_step@2.28.3",
			},
		},
		Question: "Is the device the DTLS server here?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_ENCRYPTED_EXTENSIONS"},
		Meaning: "3.6 TLS 1.3 client state 19: the first encrypted message from the server (EncryptedExtensions) is read. A failure here means the handshake keys do not work or the server's extensions are not acceptable.",
		Causes: []Cause{
			{
				Text:   "The record cannot be decrypted (INVALID_MAC): key derivation failed, often PSA or hardware crypto trouble.",
				Fix:    "Call psa_crypto_init() at start-up and retest with hardware acceleration off.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_process_encrypted_extensions@3.6.6",
			},
			{
				Text:   "The server returns an extension the client did not offer, or an ALPN value the client does not accept (UNSUPPORTED_EXTENSION, ILLEGAL_PARAMETER).",
				Fix:    "Check the ALPN list; test with TLS 1.2 only to isolate TLS 1.3 issues.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_process_encrypted_extensions@3.6.6",
			},
		},
		Question: "Which code came with state 19, and does the connection work with TLS 1.2 only?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_END_OF_EARLY_DATA"},
		Meaning: "3.6 TLS 1.3 client state 20: the client ends 0-RTT early data. Only reached when early data (MBEDTLS_SSL_EARLY_DATA) is used.",
		Causes: []Cause{
			{
				Text:   "Sending EndOfEarlyData fails (network error) or the server rejected early data unexpectedly.",
				Fix:    "Disable early data unless it is needed.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_write_end_of_early_data@3.6.6",
			},
		},
		Question: "Is early data enabled in the client?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_CLIENT_CERTIFICATE_VERIFY"},
		Meaning: "3.6 TLS 1.3 client state 21: the client signs the handshake with its private key (mutual TLS).",
		Causes: []Cause{
			{
				Text:   "The device key is missing, does not match its certificate, or its type is not allowed by the server's signature_algorithms (for example RSA PKCS#1 v1.5 is not allowed in TLS 1.3; RSA keys need PSS).",
				Fix:    "Use an ECDSA P-256 device key, or enable MBEDTLS_PKCS1_V21 for RSA-PSS; check the key/cert pair.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_client.c:ssl_tls13_write_client_certificate_verify@3.6.6",
			},
		},
		Question: "What key type is the device key, and is RSA-PSS enabled if it is RSA?",
		Confirm:  "tlsdoctor check KEY_FILE --config mbedtls_config.h",
	},
	{
		Stack: MbedTLS,
		Names: []string{"MBEDTLS_SSL_CLIENT_CCS_AFTER_SERVER_FINISHED", "MBEDTLS_SSL_CLIENT_CCS_BEFORE_2ND_CLIENT_HELLO", "MBEDTLS_SSL_CLIENT_CCS_AFTER_CLIENT_HELLO"},
		Meaning: "3.6 TLS 1.3 client states 22, 23 and 25: the client sends a dummy ChangeCipherSpec for middlebox compatibility (after the server's Finished, before a second ClientHello after a HelloRetryRequest, " +
			"or after the ClientHello with early data). Only the network can fail here.",
		Causes: []Cause{
			{
				Text:   "The socket fails while sending the dummy record (link lost, peer closed); state 23 also tells that the server asked for a different key-share group (HelloRetryRequest).",
				Fix:    "Check the link; for state 23 make sure the client supports the group the server asks for.",
				When:   PhaseNetwork,
				Source: "library/ssl_tls13_generic.c:mbedtls_ssl_tls13_write_change_cipher_spec@3.6.6",
			},
		},
		Question: "Which network code came with the state?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET"},
		Meaning: "3.6 TLS 1.3 client state 28: after the handshake, the client processes a NewSessionTicket from the server; mbedtls_ssl_read then returns RECEIVED_NEW_SESSION_TICKET (-0x7B00), which is not an error.",
		Causes: []Cause{
			{
				Text:   "The application treats -0x7B00 from mbedtls_ssl_read as fatal.",
				Fix:    "Treat it like WANT_READ and read again.",
				When:   PhaseAny,
				Source: "library/ssl_tls13_client.c:ssl_tls13_process_new_session_ticket@3.6.6",
			},
		},
		Question: "Does the application retry mbedtls_ssl_read on -0x7B00?",
		Confirm:  "tlsdoctor explain -0x7B00",
	},
	{
		Stack:   MbedTLS,
		Names:   []string{"MBEDTLS_SSL_HELLO_RETRY_REQUEST", "MBEDTLS_SSL_SERVER_CCS_AFTER_SERVER_HELLO", "MBEDTLS_SSL_SERVER_CCS_AFTER_HELLO_RETRY_REQUEST", "MBEDTLS_SSL_TLS1_3_NEW_SESSION_TICKET_FLUSH"},
		Meaning: "3.6 TLS 1.3 server-side states (18, 24, 26, 29). A client never stops in them (a client handles a HelloRetryRequest in SERVER_HELLO); if a device logs them, it is acting as TLS server.",
		Causes: []Cause{
			{
				Text:   "The device runs a TLS 1.3 server and the handshake with a client failed at that step (no common group for the retry, network error while sending).",
				Fix:    "Check the groups the server enables against the clients' key shares.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls13_server.c:mbedtls_ssl_tls13_handshake_server_step@3.6.6",
			},
		},
		Question: "Is the device the server in this connection?",
		Confirm:  "tlsdoctor log DEVICE_LOG",
	},
}
