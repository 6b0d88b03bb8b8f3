package errcode

import "sync"

// Cellular-modem SSL/TCP AT error codes, and our explanations of them.
//
// Quectel numbers its TCP/IP results 550-574 (+QIOPEN, +QSSLOPEN,
// AT+QIGETERROR, +CME ERROR) and its HTTP(S) results 701-730 (+QHTTPGET,
// +QHTTPPOST). SIMCom's A76XX family uses 701-719 for HTTP(S) with other
// meanings, so a bare 701-719 needs the maker: Module tells them apart.
// Only values whose meaning we found in a published table or a public report
// are here; the sources are named per entry.

const (
	modemSrcQuectelTCP = "Quectel EC200U&EG915U Series TCP/IP Application Note V1.1, ch. 4 Table 2 " +
		"(text copy: github.com/MISTERNEGATIVE21/QuectelEC200U src/tcp.txt); the BG95&BG77&BG600L Series TCP/IP Application Note V1.1 " +
		"has the same result-code chapter, https://www.manualslib.com/manual/2303532/Quectel-Bg95-Series.html"
	modemSrcQuectelHTTP = "Quectel BC660K-GL&BC950K-GL HTTP(S) Application Note V1.1, ch. 5 Table 2 (same 7xx table in Quectel's BG95/BG96 HTTP(S) " +
		"notes; BG96 report: https://forums.quectel.com/t/bg96-qhttpget-701-error/3542)"
	modemSrcSIMComHTTP = "SIMCom A76XX Series AT Command Manual V1.12, ch. 16.3 Command result codes (AT+HTTPACTION)"
	modemModQuectel    = "Quectel BG96/BG95/BG77/EG91/EC200U"
	modemModSIMCom     = "SIMCom A76XX (A7670/A7672/SIM7670)"
)

// modemCodes are the modem SSL/TCP/HTTP(S) result codes we found published,
// sorted by value; Quectel before SIMCom where both use a number.
var modemCodes = sync.OnceValue(func() []Code {
	return []Code{
		{Modem, "QUECTEL_QMTOPEN_-1", -1, "Quectel BG96/BG95/EC25 (MQTT)", "+QMTOPEN result -1: the modem failed to open the network connection for MQTT (with TLS: the TLS session could not be set up).",
			"Quectel MQTT Application Note, +QMTOPEN <result> (quoted in https://github.com/zimbora/esp32-BG95/pull/5); https://forums.quectel.com/t/qmtopen-0-1-error/3562"},
		{Modem, "SIMCOM_CCH_15", 15, "SIMCom A76XX (AT+CCHOPEN)", "+CCHOPEN error 15: the SSL handshake failed.",
			"user report quoting the module's result, https://github.com/Xinyuan-LilyGO/LilyGo-Modem-Series/issues/530"},
		{Modem, "QUECTEL_550", 550, modemModQuectel, "Unspecified failure in the modem's TCP/IP stack.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_551", 551, modemModQuectel, "The operation was blocked.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_552", 552, modemModQuectel, "A command parameter is wrong or out of range.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_553", 553, modemModQuectel, "The modem ran out of memory.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_554", 554, modemModQuectel, "The modem could not create a socket.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_555", 555, modemModQuectel, "The operation is not supported.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_556", 556, modemModQuectel, "Binding the socket to a local port failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_557", 557, modemModQuectel, "Putting the socket into listen mode failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_558", 558, modemModQuectel, "Writing to the socket failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_559", 559, modemModQuectel, "Reading from the socket failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_560", 560, modemModQuectel, "Accepting an incoming connection failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_561", 561, modemModQuectel, "Activating the PDP context (the data bearer) failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_562", 562, modemModQuectel, "Deactivating the PDP context failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_563", 563, modemModQuectel, "The socket/client ID is already in use.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_564", 564, modemModQuectel, "The DNS resolver is busy.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_565", 565, modemModQuectel, "The host name could not be resolved.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_566", 566, modemModQuectel, "Connecting to the server failed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_567", 567, modemModQuectel, "The socket has already been closed.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_568", 568, modemModQuectel, "Another operation is still in progress.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_569", 569, modemModQuectel, "The operation timed out.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_570", 570, modemModQuectel, "The PDP context was lost (the network dropped the data bearer).", modemSrcQuectelTCP},
		{Modem, "QUECTEL_571", 571, modemModQuectel, "Sending was cancelled.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_572", 572, modemModQuectel, "The operation is not allowed in the current state.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_573", 573, modemModQuectel, "No APN is configured.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_574", 574, modemModQuectel, "The port is busy.", modemSrcQuectelTCP},
		{Modem, "QUECTEL_HTTP_701", 701, modemModQuectel, "HTTP(S): unspecified error.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_701", 701, modemModSIMCom, "HTTP(S): alert state.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_702", 702, modemModQuectel, "HTTP(S): timeout.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_702", 702, modemModSIMCom, "HTTP(S): unknown error.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_703", 703, modemModQuectel, "HTTP(S): the HTTP(S) service is busy.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_703", 703, modemModSIMCom, "HTTP(S): busy.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_704", 704, modemModQuectel, "HTTP(S): the UART is busy (another port is in data mode).", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_704", 704, modemModSIMCom, "HTTP(S): the connection was closed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_705", 705, modemModQuectel, "HTTP(S): no GET/POST request was sent before reading.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_705", 705, modemModSIMCom, "HTTP(S): timeout.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_706", 706, modemModQuectel, "HTTP(S): the network is busy.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_706", 706, modemModSIMCom, "HTTP(S): sending or receiving socket data failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_707", 707, modemModQuectel, "HTTP(S): opening the network failed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_707", 707, modemModSIMCom, "HTTP(S): a file does not exist, or another memory error.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_708", 708, modemModQuectel, "HTTP(S): the network is not configured.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_708", 708, modemModSIMCom, "HTTP(S): invalid parameter.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_709", 709, modemModQuectel, "HTTP(S): the network (PDP context) is deactivated.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_709", 709, modemModSIMCom, "HTTP(S): network error.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_710", 710, modemModQuectel, "HTTP(S): network error.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_710", 710, modemModSIMCom, "HTTP(S): starting a new SSL session failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_711", 711, modemModQuectel, "HTTP(S): the URL is malformed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_711", 711, modemModSIMCom, "HTTP(S): wrong state.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_712", 712, modemModQuectel, "HTTP(S): the URL is empty.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_712", 712, modemModSIMCom, "HTTP(S): creating the socket failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_713", 713, modemModQuectel, "HTTP(S): the IP address is wrong.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_713", 713, modemModSIMCom, "HTTP(S): DNS lookup failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_714", 714, modemModQuectel, "HTTP(S): DNS error.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_714", 714, modemModSIMCom, "HTTP(S): connecting the socket failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_715", 715, modemModQuectel, "HTTP(S): creating the socket failed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_715", 715, modemModSIMCom, "HTTP(S): the TLS handshake failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_716", 716, modemModQuectel, "HTTP(S): connecting the socket failed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_716", 716, modemModSIMCom, "HTTP(S): closing the socket failed.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_717", 717, modemModQuectel, "HTTP(S): reading from the socket failed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_717", 717, modemModSIMCom, "HTTP(S): no network.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_718", 718, modemModQuectel, "HTTP(S): writing to the socket failed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_718", 718, modemModSIMCom, "HTTP(S): sending data timed out.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_719", 719, modemModQuectel, "HTTP(S): the socket was closed.", modemSrcQuectelHTTP},
		{Modem, "SIMCOM_HTTP_719", 719, modemModSIMCom, "HTTP(S): a CA certificate is required but missing.", modemSrcSIMComHTTP},
		{Modem, "QUECTEL_HTTP_720", 720, modemModQuectel, "HTTP(S): encoding the data failed.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_721", 721, modemModQuectel, "HTTP(S): decoding the data failed.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_722", 722, modemModQuectel, "HTTP(S): reading timed out.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_723", 723, modemModQuectel, "HTTP(S): the server's response could not be handled.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_726", 726, modemModQuectel, "HTTP(S): timed out waiting for input.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_727", 727, modemModQuectel, "HTTP(S): timed out waiting for data.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_728", 728, modemModQuectel, "HTTP(S): timed out waiting for the server's response.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_729", 729, modemModQuectel, "HTTP(S): memory allocation failed.", modemSrcQuectelHTTP},
		{Modem, "QUECTEL_HTTP_730", 730, modemModQuectel, "HTTP(S): invalid parameter.", modemSrcQuectelHTTP},
		{Modem, "UBLOX_CME_1912", 1912, "u-blox SARA-R422", "+CME ERROR: 1912 to AT+USECMNG: the certificate import was refused (reported on a module whose file system had never been used; u-blox's meaning not found).",
			"https://github.com/u-blox/ubxlib/issues/77"},
	}
})

// Sources the modem causes cite: forum threads, issues and pull requests
// seen in search results.
const (
	modemQuectelForumMQTT = "https://forums.quectel.com/t/qmtopen-0-1-error/3562"
	modemQuectelForumHTTP = "https://forums.quectel.com/t/bg96-qhttpget-701-error/3542"
	modemQuectelAWSSetup  = "https://github.com/johncobb/catm1_bg96/issues/9"
	modemQuectelTCPNote   = "https://www.manualslib.com/manual/2303532/Quectel-Bg95-Series.html"
	modemSNIRequired      = "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1400"
	modemSIMComFirmware   = "https://github.com/Xinyuan-LilyGO/LilyGo-Modem-Series/issues/186"
	modemSIMComAllHosts   = "https://github.com/Xinyuan-LilyGO/LilyGo-Modem-Series/issues/530"
	modemSIMComAzure      = "https://github.com/Xinyuan-LilyGO/LilyGo-Modem-Series/issues/243"
	modemSIMComSNI        = "https://github.com/Xinyuan-LilyGO/LilyGo-Modem-Series/issues/503"
	modemSIMComSSLCmds    = "https://momoiot.co.kr/lte-at/cmd/ssl"
	modemSIM7000Convert   = "https://github.com/botletics/SIM7000-LTE-Shield/issues/117"
	modemUbloxFormat      = "https://github.com/u-blox/ubxlib/issues/242"
	modemUbloxMD5         = "https://github.com/u-blox/ubxlib/issues/246"
	modemUbloxFresh       = "https://github.com/u-blox/ubxlib/issues/77"
)

// modemExplanations are our accounts of the modem codes users hit when TLS
// runs inside the modem. The modem does the handshake, so its own settings
// (uploaded CA file, security level, clock, SNI, TLS version) are the causes.
var modemExplanations = []Explanation{
	{
		Stack: Modem,
		Names: []string{"QUECTEL_QMTOPEN_-1"},
		Meaning: "The Quectel MQTT client could not open its connection. With AT+QMTCFG=\"SSL\" on, this is where a failed TLS handshake shows up: " +
			"the modem gives no finer code, so the TLS settings of the SSL context are the suspects.",
		Causes: []Cause{
			{
				Text: "The CA (or client certificate/key) file on the modem is not what you meant to upload: the byte count given to AT+QFUPL did not match what was sent, " +
					"often because line endings changed (LF vs CR LF) on the way, so the file is cut short or has extra bytes.",
				Fix: "Upload the exact bytes: count them after line-ending conversion, pass that count to AT+QFUPL=\"cacert.pem\",<size>, and compare the size AT+QFLST reports; " +
					"or let tlsdoctor provision --dialogue quectel do it.",
				When:   PhaseLoad,
				Source: modemQuectelForumMQTT,
			},
			{
				Text:   "The SSL context used by MQTT is not the one configured: AT+QMTCFG=\"SSL\",<client>,1,<ctx> names a context whose AT+QSSLCFG settings (cacert, clientcert, clientkey) were set on another index.",
				Fix:    "Use one index everywhere: AT+QMTCFG=\"SSL\",0,1,2 with AT+QSSLCFG=\"cacert\",2,... and the other QSSLCFG lines on context 2.",
				When:   PhaseLoad,
				Source: modemQuectelAWSSetup,
			},
			{
				Text:   "The CA is wrong for the endpoint (e.g. an old VeriSign/Starfield root for an AWS \"-ats\" endpoint that needs Amazon Root CA 1), with AT+QSSLCFG=\"seclevel\",<ctx>,1 or 2 making the modem verify it.",
				Fix:    "Upload the root the endpoint's chain ends in (check with tlsdoctor probe HOST:8883) and point AT+QSSLCFG=\"cacert\" at it.",
				When:   PhaseHandshake,
				Source: modemQuectelAWSSetup,
			},
			{
				Text:   "The modem's clock is not set, so certificate dates fail when seclevel verifies the server.",
				Fix:    "Set the clock first (network time, AT+QNTP, or AT+CCLK) and check it with AT+CCLK?; AT+QSSLCFG=\"ignorelocaltime\" skips the date check if you accept that.",
				When:   PhaseHandshake,
				Source: modemQuectelAWSSetup,
			},
			{
				Text:   "The server needs SNI (AWS IoT and many cloud endpoints) and the SSL context does not send it.",
				Fix:    "Enable SNI on the context where the firmware supports it (AT+QSSLCFG=\"sni\",<ctx>,1); otherwise update the module firmware.",
				When:   PhaseHandshake,
				Source: modemSNIRequired,
			},
			{
				Text:   "The module firmware itself fails the handshake; Quectel support answers such reports with a firmware update.",
				Fix:    "Read the firmware with AT+QGMR and ask Quectel support for the current release for your module.",
				When:   PhaseHandshake,
				Source: modemQuectelForumMQTT,
			},
		},
		Question: "Does AT+QFLST report exactly the byte size of the CA file you meant to upload, and does the same context open with AT+QSSLOPEN?",
		Confirm:  "tlsdoctor provision --dialogue quectel ROOT_CA_FILE",
	},
	{
		Stack: Modem,
		Names: []string{"QUECTEL_566"},
		Meaning: "The modem could not connect to the server. +QIOPEN and +QSSLOPEN report it in their result URC (+QSSLOPEN: <id>,566). " +
			"Quectel's result-code table has no separate code for a failed TLS handshake, so once plain TCP works, look at the SSL context too.",
		Causes: []Cause{
			{
				Text:   "The host and port cannot be reached from this APN: wrong port, the server is down, or a private APN blocks it.",
				Fix:    "Try plain TCP to the same place: AT+QIOPEN=1,0,\"TCP\",\"HOST\",PORT,0,0, and check the APN with AT+QICSGP=1.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "The PDP context is not active or was dropped.",
				Fix:    "Check AT+QIACT?; activate with AT+QIACT=1, and after +QIURC: \"pdpdeact\" run AT+QIDEACT=1 before activating again.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "Plain TCP works but AT+QSSLOPEN fails: the SSL context's CA file, seclevel, clock or SNI are wrong for this server.",
				Fix:    "Check AT+QSSLCFG=\"cacert\",<ctx> names a file AT+QFLST lists with the right size, the clock (AT+CCLK?), and SNI; see QUECTEL_QMTOPEN_-1.",
				When:   PhaseHandshake,
				Source: modemQuectelAWSSetup,
			},
		},
		Question: "Does a plain AT+QIOPEN TCP connection to the same host and port succeed?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Modem,
		Names:   []string{"QUECTEL_565", "QUECTEL_HTTP_714"},
		Meaning: "The modem could not resolve the server's host name, so no connection (and no TLS) was tried.",
		Causes: []Cause{
			{
				Text:   "The PDP context is not active, so the modem has no DNS server.",
				Fix:    "Activate it (AT+QIACT=1) and check AT+QIACT? shows an IP address.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "The DNS server the network gave is empty or unusable.",
				Fix:    "Set one with AT+QIDNSCFG=1,\"8.8.8.8\" and test with AT+QIDNSGIP=1,\"HOST\".",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "The host string is not a bare name (a scheme, port or path left in it) or has a typo.",
				Fix:    "Pass only the host name to AT+QIOPEN / AT+QSSLOPEN / AT+QMTOPEN.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
		},
		Question: "Does AT+QIDNSGIP=1,\"HOST\" return an address?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Modem,
		Names:   []string{"QUECTEL_561", "QUECTEL_570", "QUECTEL_573"},
		Meaning: "The data bearer (PDP context) is missing: it could not be activated, the network dropped it, or no APN is set. Nothing reached the server.",
		Causes: []Cause{
			{
				Text:   "The APN is wrong or not set for the context.",
				Fix:    "Set it with AT+QICSGP=1,1,\"APN\",\"\",\"\",1 and activate with AT+QIACT=1.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "The module is not registered or attached (no coverage, SIM not provisioned for data).",
				Fix:    "Check AT+CEREG? / AT+CGREG? and AT+CGATT? before activating.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
			{
				Text:   "The network deactivated the context (+QIURC: \"pdpdeact\").",
				Fix:    "Run AT+QIDEACT=<ctx>, then AT+QIACT=<ctx>, and reopen the sockets.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
		},
		Question: "Does AT+QIACT? show the context active with an IP address?",
		Confirm:  "tlsdoctor log MODEM_LOG_FILE",
	},
	{
		Stack:   Modem,
		Names:   []string{"QUECTEL_HTTP_701"},
		Meaning: "The Quectel HTTP(S) client failed without a specific reason. On BG96 an HTTPS request that cannot set up TLS is commonly reported this way.",
		Causes: []Cause{
			{
				Text:   "The HTTP client is not tied to the SSL context you configured, so it uses defaults (or no CA).",
				Fix:    "Bind it: AT+QHTTPCFG=\"sslctxid\",<ctx> (\"ssl\" on BC660K), and set AT+QSSLCFG=\"cacert\",<ctx>,\"FILE\" and \"seclevel\" on that context.",
				When:   PhaseLoad,
				Source: modemQuectelForumHTTP,
			},
			{
				Text:   "The uploaded CA is not the root the server's chain ends in, or its file is damaged (size differs from what AT+QFLST shows).",
				Fix:    "Upload the right root (tlsdoctor probe HOST) with an exact byte count and check AT+QFLST.",
				When:   PhaseHandshake,
				Source: modemQuectelForumHTTP,
			},
			{
				Text:   "The modem's clock is unset, so dates fail when the server is verified.",
				Fix:    "Set the time (AT+QNTP or AT+CCLK) before the request, or use AT+QSSLCFG=\"ignorelocaltime\" knowingly.",
				When:   PhaseHandshake,
				Source: modemQuectelAWSSetup,
			},
		},
		Question: "Does the same URL work with AT+QSSLCFG=\"seclevel\",<ctx>,0 (no verification) as a test?",
		Confirm:  "tlsdoctor probe HOST:443",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_HTTP_715", "SIMCOM_CCH_15"},
		Meaning: "The SIMCom module's TLS handshake with the server failed (715 from the HTTP(S) stack, 15 from AT+CCHOPEN). The module does not say which step failed.",
		Causes: []Cause{
			{
				Text:   "The module firmware cannot complete handshakes with some or all servers; updating the firmware fixed it in reports.",
				Fix:    "Read the firmware with AT+SIMCOMATI and update it to the current release for your module.",
				When:   PhaseHandshake,
				Source: modemSIMComFirmware,
			},
			{
				Text:   "Every host fails, on every interface, while plain HTTP works: a module-level TLS problem, not your CA.",
				Fix:    "Test one well-known HTTPS host; if it fails too, update firmware before touching certificates.",
				When:   PhaseHandshake,
				Source: modemSIMComAllHosts,
			},
			{
				Text:   "SNI is off, and the server (e.g. a cloud app service) needs it.",
				Fix:    "Enable it on the SSL context: AT+CSSLCFG=\"enableSNI\",0,1.",
				When:   PhaseHandshake,
				Source: modemSIMComSNI,
			},
			{
				Text:   "The server changed its TLS setup (certificate chain, versions or suites) and the module no longer matches it; it worked for months and then stopped.",
				Fix:    "Probe the server's current versions and chain (tlsdoctor probe HOST) and set AT+CSSLCFG=\"sslversion\",0,<version> to one it offers.",
				When:   PhaseHandshake,
				Source: modemSIMComAzure,
			},
			{
				Text:   "With server verification on, the CA downloaded to the module is wrong for the server, or the module clock is unset.",
				Fix:    "Download the right root with AT+CCERTDOWN, select it with AT+CSSLCFG=\"cacert\",0,\"FILE\", and set the clock (AT+CCLK) first.",
				When:   PhaseHandshake,
				Source: modemSIMComSSLCmds,
			},
		},
		Question: "Does a well-known HTTPS host work from the same module and firmware?",
		Confirm:  "tlsdoctor probe HOST:443",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_HTTP_719"},
		Meaning: "The SSL context asks for server verification but has no usable CA certificate, so the module stopped before the handshake.",
		Causes: []Cause{
			{
				Text:   "No CA file is selected for the context, or the name given does not match a downloaded certificate.",
				Fix:    "Download it with AT+CCERTDOWN=\"ca.pem\",<size>, check AT+CCERTLIST, then AT+CSSLCFG=\"cacert\",0,\"ca.pem\".",
				When:   PhaseLoad,
				Source: modemSIMComSSLCmds,
			},
			{
				Text:   "On SIM7000/SIM7080 (AT+CASSLCFG / AT+SMSSL) the same mistake shows as ERROR at AT+SMSSL or AT+SMCONN: the PEM was put on the file system but not converted.",
				Fix:    "Convert it first with AT+CSSLCFG=\"convert\",2,\"ca.pem\" and then select it.",
				When:   PhaseLoad,
				Source: modemSIM7000Convert,
			},
		},
		Question: "Does AT+CCERTLIST list the file name the SSL context points to?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   Modem,
		Names:   []string{"UBLOX_CME_1912"},
		Meaning: "The u-blox module refused to store a certificate with AT+USECMNG, so no TLS profile can use it.",
		Causes: []Cause{
			{
				Text:   "Module firmware quirk: on a SARA-R422 whose file system had never been used, imports failed until the file system was touched once.",
				Fix:    "Send AT+ULSTFILE once before the first AT+USECMNG import, then retry.",
				When:   PhaseLoad,
				Source: modemUbloxFresh,
			},
			{
				Text:   "The data sent does not match what was declared: AT+USECMNG=0,<type>,\"name\",<size> takes exactly <size> bytes of PEM or DER, and a PEM whose lines were joined, or whose byte count changed with its line endings, is refused as an invalid format.",
				Fix:    "Send the exact byte count; check the result with AT+USECMNG=4,<type>,\"name\" (it returns the MD5 of what was stored).",
				When:   PhaseLoad,
				Source: modemUbloxFormat,
			},
			{
				Text:   "Host code that decides whether to re-import by comparing MD5s (ubxlib does) holds a stale expected hash, so it re-writes the certificate on every boot or keeps an old one.",
				Fix:    "Set the expected MD5 to what AT+USECMNG=4,<type>,\"name\" reports for the right file, then point the profile at it with AT+USECPRF=<prof>,3,\"name\".",
				When:   PhaseLoad,
				Source: modemUbloxMD5,
			},
		},
		Question: "Does AT+USECMNG=4,<type>,\"name\" return an MD5 equal to the MD5 of the file you meant to import?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
}
