package errcode

import "sync"

// tlsAlerts lists every TLS alert description number defined by RFC 5246,
// RFC 8446 and the extension RFCs (6066, 7301, 7507, 4279), sorted by value.
// Alerts that TLS 1.2 or 1.3 retired keep their original name; their Text
// says that no current peer should send them.
var tlsAlerts = sync.OnceValue(func() []Code {
	return []Code{
		{Stack: TLS, Name: "close_notify", Value: 0, Module: "alert", Text: "the sender is ending the connection on purpose and will send nothing more", Source: "RFC 8446 §6.1"},
		{Stack: TLS, Name: "unexpected_message", Value: 10, Module: "alert", Text: "a message arrived that the protocol does not allow at this point", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "bad_record_mac", Value: 20, Module: "alert", Text: "a record failed its integrity check or could not be decrypted", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "decryption_failed", Value: 21, Module: "alert", Text: "old TLS 1.0 decryption failure; reserved since TLS 1.1 and never sent by current peers", Source: "RFC 5246 §7.2.2"},
		{Stack: TLS, Name: "record_overflow", Value: 22, Module: "alert", Text: "a record was longer than the limit the receiver accepts", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "decompression_failure", Value: 30, Module: "alert", Text: "compressed data could not be expanded; reserved in TLS 1.3", Source: "RFC 5246 §7.2.2"},
		{Stack: TLS, Name: "handshake_failure", Value: 40, Module: "alert", Text: "the sender found no set of security parameters it could agree to", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "no_certificate", Value: 41, Module: "alert", Text: "SSL 3.0 'I have no certificate'; reserved in every TLS version", Source: "RFC 5246 §7.2.2"},
		{Stack: TLS, Name: "bad_certificate", Value: 42, Module: "alert", Text: "a certificate was corrupt, badly signed or otherwise unusable", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "unsupported_certificate", Value: 43, Module: "alert", Text: "the certificate's type or key is one the receiver cannot use", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "certificate_revoked", Value: 44, Module: "alert", Text: "the certificate was revoked by its issuer", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "certificate_expired", Value: 45, Module: "alert", Text: "the certificate is outside its validity period", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "certificate_unknown", Value: 46, Module: "alert", Text: "the certificate was refused for a reason the other alerts do not name", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "illegal_parameter", Value: 47, Module: "alert", Text: "a handshake field was well formed but had a wrong or inconsistent value", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "unknown_ca", Value: 48, Module: "alert", Text: "the certificate chain does not lead to a CA the receiver trusts", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "access_denied", Value: 49, Module: "alert", Text: "the peer is authenticated but not allowed in", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "decode_error", Value: 50, Module: "alert", Text: "a message could not be parsed: a length or field was out of range", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "decrypt_error", Value: 51, Module: "alert", Text: "a handshake signature, Finished check or key exchange did not verify", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "export_restriction", Value: 60, Module: "alert", Text: "legacy export-cipher refusal; reserved since TLS 1.1", Source: "RFC 5246 §7.2.2"},
		{Stack: TLS, Name: "protocol_version", Value: 70, Module: "alert", Text: "the peer offered a protocol version the sender will not speak", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "insufficient_security", Value: 71, Module: "alert", Text: "the offered parameters are weaker than the sender requires", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "internal_error", Value: 80, Module: "alert", Text: "the sender failed for a reason of its own, unrelated to the peer's messages", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "inappropriate_fallback", Value: 86, Module: "alert", Text: "a client retried with a lower version although the server supports a higher one", Source: "RFC 7507 §2"},
		{Stack: TLS, Name: "user_canceled", Value: 90, Module: "alert", Text: "the sender's application abandoned the handshake", Source: "RFC 8446 §6.1"},
		{Stack: TLS, Name: "no_renegotiation", Value: 100, Module: "alert", Text: "the sender refuses to renegotiate; reserved in TLS 1.3", Source: "RFC 5246 §7.2.2"},
		{Stack: TLS, Name: "missing_extension", Value: 109, Module: "alert", Text: "a handshake message lacked an extension that is mandatory here", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "unsupported_extension", Value: 110, Module: "alert", Text: "a message carried an extension that was not offered or is not allowed in it", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "certificate_unobtainable", Value: 111, Module: "alert", Text: "a certificate could not be fetched from the URL the client gave; reserved in TLS 1.3", Source: "RFC 6066 §9"},
		{Stack: TLS, Name: "unrecognized_name", Value: 112, Module: "alert", Text: "the server has no service for the name in the client's SNI", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "bad_certificate_status_response", Value: 113, Module: "alert", Text: "the server's stapled OCSP response was invalid or unacceptable", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "bad_certificate_hash_value", Value: 114, Module: "alert", Text: "a fetched certificate did not match the hash the client gave; reserved in TLS 1.3", Source: "RFC 6066 §9"},
		{Stack: TLS, Name: "unknown_psk_identity", Value: 115, Module: "alert", Text: "the server does not know the pre-shared key identity the client named", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "certificate_required", Value: 116, Module: "alert", Text: "the server wanted a client certificate and got none", Source: "RFC 8446 §6.2"},
		{Stack: TLS, Name: "no_application_protocol", Value: 120, Module: "alert", Text: "none of the client's ALPN protocols is one the server serves", Source: "RFC 7301 §3.2"},
	}
})

// alertExplanations explains the TLS alerts that embedded clients actually
// receive from servers (logged as "received fatal alert" or as the stack's
// fatal-alert code) or send themselves when they reject the server.
var alertExplanations = []Explanation{
	{
		Stack:   TLS,
		Names:   []string{"close_notify"},
		Meaning: "The other side closed the TLS session on purpose. It is a normal goodbye, not a failure in itself; it only matters when it arrives before you expected the session to end.",
		Causes: []Cause{
			{
				Text:   "Received from the server right after the handshake or after your MQTT CONNECT: the server accepted TLS but its application layer rejected the device (AWS IoT checks the certificate's registration, activation and policy after TLS, then drops the connection).",
				Fix:    "Check the broker side: the device certificate is registered and ACTIVE, a policy allowing iot:Connect for this client ID is attached, and the client ID is not used by another device.",
				When:   PhaseNetwork,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1920",
			},
			{
				Text:   "Received after a normal exchange: the server finished (HTTP 'Connection: close', idle timeout) and ended the session cleanly.",
				Fix:    "Treat it as end-of-stream: read what was received, then reconnect when you need to talk again; do not report it as a TLS error.",
				When:   PhaseNetwork,
				Source: "https://github.com/curl/curl/pull/4748",
			},
			{
				Text:   "Sent or awaited by the device on shutdown: some stacks wait for the server's close_notify and hang or report an error because many servers just drop the socket instead.",
				Fix:    "On the device, send close_notify and then close the socket without waiting for the peer's reply.",
				When:   PhaseNetwork,
				Source: "https://github.com/arduino-libraries/ArduinoBearSSL/pull/95",
			},
		},
		Question: "Did the close come right after the handshake or MQTT CONNECT (server rejected the device) or after data was exchanged (normal end)?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"unexpected_message"},
		Meaning: "One side received a handshake or record type that is not allowed at that point of the protocol, so it gave up.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device's TLS stack and the server disagree about the handshake flow, usually because the device offers something (old version, renegotiation, a suite) it then handles differently from the server; common with old stacks such as axTLS on ESP8266.",
				Fix:    "Move to a maintained stack and version (BearSSL or mbedTLS 2.28/3.6) and capture the handshake with the stack's debug log to see which message came out of order.",
				When:   PhaseHandshake,
				Source: "https://github.com/esp8266/Arduino/issues/4826",
			},
			{
				Text:   "Sent by the device: the server sent a message the device's state machine did not expect, e.g. a CertificateRequest the device has no client certificate for, or data before the handshake finished.",
				Fix:    "Read the device's debug log at the failing state; if the server asks for a client certificate, load one (or switch the endpoint to one that does not require it).",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Which side sent the alert, and at which handshake message did the device's debug log stop?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"bad_record_mac"},
		Meaning: "A record arrived whose integrity check failed: the two sides computed different keys or the bytes were changed on the way.",
		Causes: []Cause{
			{
				Text:   "A crypto bug on the device side: broken hardware AES/SHA acceleration or a miscompiled cipher (ESP32 builds hit this with a faulty toolchain), so the device encrypts or decrypts wrongly.",
				Fix:    "Disable the hardware crypto acceleration option and retest; update the SDK and toolchain to a release with the fix.",
				When:   PhaseHandshake,
				Source: "https://github.com/PerMalmberg/Smooth/issues/33",
			},
			{
				Text:   "Corrupted or reordered bytes between the TLS stack and the socket: a custom send/receive callback that drops, duplicates or reorders data, or two tasks writing the same connection.",
				Fix:    "Make the I/O callbacks return exactly the byte counts they moved, handle partial writes, and serialise all access to one TLS context.",
				When:   PhaseNetwork,
				Source: "https://github.com/wolfSSL/wolfssl/issues/367",
			},
		},
		Question: "Does the failure stop when hardware crypto acceleration is disabled?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"record_overflow"},
		Meaning: "A record was longer than the receiver allows. On embedded devices this is almost always the Max Fragment Length limit the device asked for.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device negotiated a small Max Fragment Length (512, 1024, 2048 or 4096) but then sent a record larger than that, typically its own client Certificate message in mutual TLS.",
				Fix:    "Raise the negotiated fragment length to one that fits the device's Certificate message (4096 works for most single-certificate chains), or shorten the client chain.",
				When:   PhaseHandshake,
				Source: "https://github.com/Mbed-TLS/mbedtls/issues/10787",
			},
			{
				Text:   "Sent by the device: a server record was larger than the device's receive buffer or than the fragment length it negotiated.",
				Fix:    "Enlarge the device's input buffer to 16 KB plus overhead, or use a server that honours Max Fragment Length.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446#section-5.1",
			},
		},
		Question: "Is the device using a Max Fragment Length smaller than its own Certificate message?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"handshake_failure"},
		Meaning: "The server could not agree on security parameters with what the device offered. It is the server's generic 'no', so the reason is always something the device did or did not offer.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device sent no SNI. AWS IoT, API Gateway and many cloud front ends pick the certificate by SNI and refuse a ClientHello without it.",
				Fix:    "Set the host name before the handshake (mbedtls_ssl_set_hostname, wolfSSL_UseSNI, br_ssl_client_reset with a name), and make sure SNI is compiled in (MBEDTLS_SSL_SERVER_NAME_INDICATION, HAVE_SNI).",
				When:   PhaseHandshake,
				Source: "https://github.com/zephyrproject-rtos/zephyr/issues/27783",
			},
			{
				Text:   "Received from the server: no cipher suite, curve or signature algorithm in common. Trimmed device builds offer few suites (e.g. only RSA key exchange, or no P-384/X25519) while the server accepts only ECDHE with GCM or ChaCha20.",
				Fix:    "Enable ECDHE-ECDSA/ECDHE-RSA with AES-GCM, the P-256 (and P-384) curves and SHA-256/384 in the device build, or add a matching suite on the server.",
				When:   PhaseHandshake,
				Source: "https://github.com/wolfSSL/wolfMQTT/issues/425",
			},
			{
				Text:   "Received from the server in mutual TLS: the server required a client certificate and the device sent none or one it cannot use (TLS 1.2 servers use this alert where TLS 1.3 uses certificate_required).",
				Fix:    "Load the device certificate and private key into the TLS context before connecting and check that they belong together.",
				When:   PhaseHandshake,
				Source: "https://github.com/openssl/openssl/issues/6804",
			},
			{
				Text:   "Sent by the device: its stack could not go on with what the server sent, e.g. a wolfSSL client whose server sent an empty certificate list (TLS 1.2) answers with this alert.",
				Fix:    "Read the device's own error code before the alert; it names the real reason, then check the server's certificate for the SNI name used.",
				When:   PhaseHandshake,
				Source: "src/internal.c:DoCertFatalAlert@5.5.4",
			},
		},
		Question: "Does the endpoint accept the same ClientHello when SNI is sent, and does it share a cipher suite with the device's list?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"bad_certificate"},
		Meaning: "A certificate was refused as unusable. Received from the server it concerns the device's client certificate; sent by the device it concerns the server's chain.",
		Causes: []Cause{
			{
				Text:   "Received from the server in mutual TLS: the device's client certificate is not the one registered (a new one was generated but not uploaded), does not match the private key, or lacks the clientAuth usage.",
				Fix:    "Register or activate the exact certificate the device presents, and check that the key pair matches (compare the public key of the certificate with the device key).",
				When:   PhaseHandshake,
				Source: "https://github.com/MicrochipTech/mbedtls-examples/issues/5",
			},
			{
				Text:   "Sent by the device (mbedTLS): the server's certificate does not carry the host name the device connected to, so the device refused it with this alert.",
				Fix:    "Connect with the name in the certificate's SAN, not an IP address or an alias, and set that name with mbedtls_ssl_set_hostname.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28",
			},
			{
				Text:   "Sent by the device (mbedTLS): a server certificate could not be parsed by the device's build, e.g. its key uses a curve (P-384) or algorithm that is not compiled in, so parsing the chain failed before verification.",
				Fix:    "Enable the server chain's key types and curves in the device configuration (MBEDTLS_ECP_DP_SECP384R1_ENABLED, MBEDTLS_RSA_C ...) and check the device's own error code.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@3.6.6",
			},
			{
				Text:   "Sent by the device (wolfSSL): any certificate failure other than an unknown CA or a date problem is reported to the server with this alert.",
				Fix:    "Read the device's wolfSSL error code (wolfSSL_get_error) before the alert to see the real reason.",
				When:   PhaseHandshake,
				Source: "src/internal.c:DoCertFatalAlert@5.5.4",
			},
		},
		Question: "Was the alert received from the server (client certificate problem) or sent by the device (server chain problem)?",
		Confirm:  "tlsdoctor verify --chain FILE --trust FILE --host NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"unsupported_certificate"},
		Meaning: "A certificate is of a type or key the receiver will not use for this purpose.",
		Causes: []Cause{
			{
				Text:   "Sent by the device (mbedTLS): the server certificate's key usage or extended key usage does not allow TLS server authentication, or its key type/size is refused by the device's verification profile.",
				Fix:    "Use a server certificate with serverAuth in its extended key usage and an RSA-2048+ or P-256/P-384 key.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28",
			},
			{
				Text:   "Received from the server in mutual TLS: the device certificate's key type (e.g. an EC key the server does not accept) or usage does not fit the server's rules.",
				Fix:    "Issue the device certificate with clientAuth in its extended key usage and a key type the service documents as supported.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Which certificate is refused: the server's (alert sent by the device) or the device's (alert received)?",
		Confirm:  "tlsdoctor check FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"certificate_revoked"},
		Meaning: "A certificate in the chain was revoked by its CA.",
		Causes: []Cause{
			{
				Text:   "Received from the server in mutual TLS: the device certificate was revoked or marked REVOKED in the IoT registry.",
				Fix:    "Provision the device with a new certificate and register it.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "Sent by the device: a device that checks revocation (CRL loaded, or OCSP) found the server's certificate revoked.",
				Fix:    "Ask the server operator to replace the certificate; the device is doing its job.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28",
			},
		},
		Question: "Did the alert come from the server (device certificate revoked) or from the device?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"certificate_expired"},
		Meaning: "A certificate is outside its validity dates as the sender's clock sees them. A device sends it both for expired and, with some stacks, for not-yet-valid certificates, so a wrong device clock produces it too.",
		Causes: []Cause{
			{
				Text:   "Sent by the device: its clock is not set (1970 or the build date), so the server's certificates look not yet valid; wolfSSL reports both date errors with this alert.",
				Fix:    "Get the time (SNTP, cellular network time or an RTC) before the first handshake and wait until it is set.",
				When:   PhaseHandshake,
				Source: "src/internal.c:DoCertFatalAlert@5.5.4",
			},
			{
				Text:   "Received from the server in mutual TLS: the device's own certificate expired (short-lived device certificates, or test certificates issued for one year).",
				Fix:    "Renew the device certificate and add a renewal path before expiry.",
				When:   PhaseHandshake,
				Source: "https://github.com/vernemq/vernemq/issues/1684",
			},
			{
				Text:   "Sent by the device: the server (or the root embedded in the device) really is expired.",
				Fix:    "Replace the server certificate, or update the embedded root to the one the endpoint now chains to.",
				When:   PhaseHandshake,
				Source: "https://github.com/wolfSSL/wolfTPM/issues/138",
			},
		},
		Question: "What time does the device think it is at the moment of the handshake?",
		Confirm:  "tlsdoctor verify --chain FILE --trust FILE --host NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"certificate_unknown"},
		Meaning: "A certificate was refused for an unspecific reason.",
		Causes: []Cause{
			{
				Text:   "Received from the server in mutual TLS: the device certificate is not registered, was deactivated, or its issuing CA is not accepted by the service (AWS IoT answers a deactivated certificate with this alert).",
				Fix:    "Check in the IoT console that this exact certificate is registered and ACTIVE, and that its CA is registered if you use your own CA.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-python/issues/76",
			},
			{
				Text:   "Sent by the device (mbedTLS 3.6): a verification failure without a more specific alert, e.g. a server certificate that is not yet valid because the device clock is behind.",
				Fix:    "Set the device clock before connecting and read mbedtls_ssl_get_verify_result() for the exact flags.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:mbedtls_ssl_verify_certificate@3.6.6",
			},
		},
		Question: "Was the alert received from the server (device certificate refused) or sent by the device?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"illegal_parameter"},
		Meaning: "A handshake field had a value that is well formed but not acceptable, such as a curve or version the other side did not offer.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device's ClientHello is inconsistent, e.g. a TLS 1.3 key_share for a group not listed in supported_groups, or a fragment length value the server does not accept.",
				Fix:    "Update the device TLS stack; if you build the ClientHello options yourself, list the same groups in supported_groups and key_share.",
				When:   PhaseHandshake,
				Source: "https://datatracker.ietf.org/doc/html/rfc8446#section-4.2.8",
			},
			{
				Text:   "Sent by the device: the server chose something the device never offered (a curve, a cipher suite, a bad EC point) and the device aborted.",
				Fix:    "Capture the ServerHello/ServerKeyExchange with the device's debug log; fix the server configuration or enable the curve it insists on.",
				When:   PhaseHandshake,
				Source: "https://github.com/openssl/openssl/issues/18769",
			},
		},
		Question: "Which side sent the alert, and what did the server choose in its ServerHello?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"unknown_ca"},
		Meaning: "The sender could not link a certificate chain to any CA it trusts. Received from the server it means the device's client certificate; sent by the device it means the server's chain.",
		Causes: []Cause{
			{
				Text:   "Received from the server in mutual TLS: the device's certificate is signed by a CA the server does not trust (your own CA not registered with AWS IoT/Azure DPS, or a new signer CA after a rotation).",
				Fix:    "Register the signer CA with the service (or issue the device certificate from a CA it already trusts) and send the intermediate with the device certificate if there is one.",
				When:   PhaseHandshake,
				Source: "https://github.com/openssl/openssl/issues/17519",
			},
			{
				Text:   "Sent by the device: the root CA embedded in the device is not the one the server chains to (wrong root, a leaf or intermediate used as the CA, or the endpoint moved CAs).",
				Fix:    "Embed the root the endpoint actually chains to (for AWS IoT: Amazon Root CA 1 plus Starfield as backup) and re-flash.",
				When:   PhaseHandshake,
				Source: "https://github.com/wolfSSL/wolfssl/pull/3017",
			},
			{
				Text:   "Received from the server in mutual TLS: the device sent only its leaf certificate while the server needs the intermediate CA too.",
				Fix:    "Load the device certificate followed by its intermediate into the device's own chain.",
				When:   PhaseHandshake,
				Source: "https://github.com/emqx/emqx/issues/1830",
			},
		},
		Question: "Was the alert received from the server (it distrusts the device certificate) or sent by the device (it distrusts the server)?",
		Confirm:  "tlsdoctor verify --chain FILE --trust FILE --host NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"access_denied"},
		Meaning: "The sender authenticated the peer but refuses it access.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device certificate is valid but not authorised (policy, allow-list, wrong tenant).",
				Fix:    "Attach the right policy or add the device identity on the server side.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "Sent by the device (mbedTLS): a custom verify callback set the 'other' flag on the server certificate (e.g. a certificate pin that did not match).",
				Fix:    "Update the pinned key or fingerprint on the device, or move to pinning the CA instead of the leaf.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_verify@2.28",
			},
		},
		Question: "Does the device run a custom verify callback or pin, and who sent the alert?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"decode_error"},
		Meaning: "A message could not be parsed: a length or field was out of range.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device's ClientHello is malformed, usually from a bug in an old or patched TLS stack or a hand-built extension.",
				Fix:    "Update the device TLS stack and remove custom extension code; compare the ClientHello in a capture with a desktop client's.",
				When:   PhaseHandshake,
				Source: "https://github.com/ssllabs/ssllabs-scan/issues/814",
			},
			{
				Text:   "Sent by the device: bytes from the server were corrupted or were not the message the device expected (e.g. a proxy or captive portal answering instead of the server).",
				Fix:    "Check the network path: no HTTP proxy or captive portal on the way, and the port really serves TLS.",
				When:   PhaseNetwork,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Does a desktop client handshake with the same endpoint from the same network?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"decrypt_error"},
		Meaning: "A handshake-level cryptographic check failed: a signature, the Finished message or a key exchange value did not verify.",
		Causes: []Cause{
			{
				Text:   "Received from the server in mutual TLS: the device's CertificateVerify signature did not verify, because the private key on the device is not the key of the certificate it sent.",
				Fix:    "Pair the certificate with its own key: regenerate or re-provision both together, and compare the public keys.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "Either side: the pre-shared key differs between device and server (PSK cipher suites), so the Finished check fails.",
				Fix:    "Provision the same PSK and identity on both sides.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "A crypto fault on the device (hardware acceleration bug, memory corruption) producing a wrong signature or key.",
				Fix:    "Disable hardware crypto acceleration and retest; check stack and heap sizes of the TLS task.",
				When:   PhaseHandshake,
				Source: "https://github.com/PerMalmberg/Smooth/issues/33",
			},
		},
		Question: "Does the device's private key match the public key in the certificate it sends?",
		Confirm:  "tlsdoctor check FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"protocol_version"},
		Meaning: "The sender will not speak the TLS version the other side offered.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device offers only TLS 1.0/1.1 (old axTLS, old SDKs, modems) and the server requires TLS 1.2 or newer.",
				Fix:    "Enable TLS 1.2 on the device (e.g. MBEDTLS_SSL_PROTO_TLS1_2, the modem's TLS 1.2 setting) or update its firmware.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1898",
			},
			{
				Text:   "Received from the server: the server accepts only TLS 1.3 and the device stack stops at TLS 1.2 (BearSSL never does TLS 1.3).",
				Fix:    "Enable TLS 1.3 in the device stack (mbedTLS 3.x with MBEDTLS_SSL_PROTO_TLS1_3, wolfSSL with WOLFSSL_TLS13) or ask for TLS 1.2 on the server.",
				When:   PhaseHandshake,
				Source: "https://github.com/repology/repology-rs/issues/540",
			},
			{
				Text:   "Sent by the device: the server answered with a version outside the device's configured minimum/maximum.",
				Fix:    "Widen the device's allowed version range to include what the server supports (normally TLS 1.2).",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#appendix-D.1",
			},
		},
		Question: "Which TLS versions does the endpoint accept, and which does the device offer?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"insufficient_security"},
		Meaning: "The sender requires stronger parameters than the other side offered.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the device offers only suites the server considers too weak (RSA key exchange, CBC with SHA-1, small DH groups) and the server insists on stronger ones.",
				Fix:    "Enable ECDHE suites with AES-GCM or ChaCha20-Poly1305 in the device build.",
				When:   PhaseHandshake,
				Source: "https://github.com/bcgit/bc-java/issues/1401",
			},
			{
				Text:   "Sent by the device: the server proposed a Diffie-Hellman group or key smaller than the device accepts.",
				Fix:    "Prefer ECDHE on the server, or use a standard DH group of at least 2048 bits.",
				When:   PhaseHandshake,
				Source: "https://github.com/bcgit/bc-java/issues/1401",
			},
		},
		Question: "Which cipher suites does the device offer, and which does the server accept?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"internal_error"},
		Meaning: "The sender failed for a reason of its own that has nothing to do with the peer's messages.",
		Causes: []Cause{
			{
				Text:   "Sent by the device: its TLS stack ran out of memory in the middle of the handshake, typically while parsing the server's certificate chain (mbedTLS answers an allocation failure there with this alert).",
				Fix:    "Check free heap and the TLS task's stack just before the handshake; free memory, reduce buffer sizes or shorten the chain the server sends.",
				When:   PhaseHandshake,
				Source: "library/ssl_tls.c:ssl_parse_certificate_chain@3.6.6",
			},
			{
				Text:   "Received from the server: a problem on the server (its key store, HSM or backend) unrelated to the device.",
				Fix:    "Retry later and report it to the server operator; nothing to change on the device.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Was the alert sent by the device, and what was its free heap at that moment?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"user_canceled"},
		Meaning: "The sender's application abandoned the handshake on purpose, usually followed by close_notify.",
		Causes: []Cause{
			{
				Text:   "Sent by the device: the application timed out or its verify callback decided to stop the connection.",
				Fix:    "Lengthen the handshake timeout on slow links (cellular, RSA on small MCUs) and check the verify callback's logic.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "Received from the server: the server's application gave up, e.g. a load balancer draining connections.",
				Fix:    "Retry with back-off; nothing is wrong with the device.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Did the device's own code decide to cancel (timeout or callback)?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"missing_extension"},
		Meaning: "A handshake message lacked an extension that the protocol requires there.",
		Causes: []Cause{
			{
				Text:   "Received from a TLS 1.3 server: the device's ClientHello announced TLS 1.3 but left out supported_groups, key_share or signature_algorithms (a trimmed or half-configured TLS 1.3 build).",
				Fix:    "Enable the groups and signature algorithms for TLS 1.3 in the device build, or limit the device to TLS 1.2.",
				When:   PhaseHandshake,
				Source: "https://github.com/wolfSSL/wolfssl/pull/9528",
			},
			{
				Text:   "Sent by the device: the server's ServerHello or HelloRetryRequest omitted a mandatory TLS 1.3 extension.",
				Fix:    "Report it to the server operator, or restrict the device to TLS 1.2 for this endpoint.",
				When:   PhaseHandshake,
				Source: "https://github.com/openssl/openssl/pull/30851",
			},
		},
		Question: "Does the handshake succeed when the device is limited to TLS 1.2?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"unsupported_extension"},
		Meaning: "A message carried an extension that the receiver did not ask for or that is not allowed in that message.",
		Causes: []Cause{
			{
				Text:   "Sent by the device: the server answered with an extension the device never offered (e.g. a fragment-length or ALPN reply to a request it did not make), which strict stacks refuse.",
				Fix:    "Update the device stack; if it persists, capture the ServerHello and report the server's behaviour.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
			{
				Text:   "Received from the server: the device sent an extension in a message where it is not allowed, from a stack bug.",
				Fix:    "Update the device TLS stack.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-6.2",
			},
		},
		Question: "Which side sent the alert, and which extension did the last ServerHello contain?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"unrecognized_name"},
		Meaning: "The server has nothing configured for the host name the device put in SNI.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the name in SNI is not one the server (or shared host) serves: a typo, the wrong endpoint, or a name set from an old configuration.",
				Fix:    "Put the exact host name of the endpoint in SNI (the same one you resolve and that appears in the certificate).",
				When:   PhaseHandshake,
				Source: "https://github.com/esp8266/Arduino/issues/4469",
			},
			{
				Text:   "Received from the server: the device put an IP address in SNI; SNI may only carry a DNS name and strict servers reject it.",
				Fix:    "Connect by host name, or send no SNI when you must connect by IP and verify the certificate's IP SAN instead.",
				When:   PhaseHandshake,
				Source: "https://github.com/hakasenyang/openssl-patch/issues/12",
			},
		},
		Question: "What exact name did the device put in SNI, and does the server's certificate list it?",
		Confirm:  "tlsdoctor probe HOST:PORT --sni NAME",
	},
	{
		Stack:   TLS,
		Names:   []string{"certificate_required"},
		Meaning: "A TLS 1.3 server required a client certificate and the device sent none.",
		Causes: []Cause{
			{
				Text:   "Received from the server: the endpoint needs a device certificate (mutual TLS, e.g. AWS IoT on 8883) and none was loaded into the TLS context.",
				Fix:    "Load the device certificate and its private key into the TLS context before the handshake.",
				When:   PhaseHandshake,
				Source: "https://github.com/tlswg/tls13-spec/pull/640",
			},
			{
				Text:   "Received from the server: a certificate was loaded but the device chose not to send it, because its issuer is not in the server's list of acceptable CAs or its key type does not match the signature algorithms the server asked for.",
				Fix:    "Issue the device certificate from a CA the server lists and with a key type it accepts; check the device stack's debug log for the client-certificate selection.",
				When:   PhaseHandshake,
				Source: "https://www.rfc-editor.org/rfc/rfc8446.html#section-4.4.2.4",
			},
			{
				Text:   "Sent by the device (wolfSSL as a TLS 1.3 server): a client connected to the device without a certificate while the device requires one.",
				Fix:    "Give the connecting client a certificate, or relax the device's peer-verification mode.",
				When:   PhaseHandshake,
				Source: "src/internal.c:DoCertFatalAlert@5.5.4",
			},
		},
		Question: "Did the device load a client certificate, and did its debug log show it being sent?",
		Confirm:  "tlsdoctor log FILE",
	},
	{
		Stack:   TLS,
		Names:   []string{"no_application_protocol"},
		Meaning: "The server serves none of the ALPN protocols the device offered, or requires ALPN and got none.",
		Causes: []Cause{
			{
				Text:   "Received from AWS IoT on port 443: MQTT with a client certificate on 443 needs the ALPN protocol x-amzn-mqtt-ca; without it the port expects HTTPS.",
				Fix:    "Add ALPN 'x-amzn-mqtt-ca' to the TLS configuration (mbedtls_ssl_conf_alpn_protocols, wolfSSL_UseALPN), or use port 8883 which needs no ALPN.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/140",
			},
			{
				Text:   "Received from the server: the device offered an ALPN name the server does not serve (e.g. 'mqtt' where the endpoint expects a custom-authorizer or HTTP protocol).",
				Fix:    "Use the exact ALPN string the service documents for the port and authentication method.",
				When:   PhaseHandshake,
				Source: "https://github.com/aws/aws-iot-device-sdk-python-v2/issues/95",
			},
		},
		Question: "Which port is the device using, and which ALPN string (if any) does it send?",
		Confirm:  "tlsdoctor probe HOST:443 --sni NAME --alpn x-amzn-mqtt-ca",
	},
}
