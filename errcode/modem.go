package errcode

import (
	"sort"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Cellular-modem SSL/TCP AT error codes, and our explanations of them.
//
// Quectel numbers its TCP/IP results 550-574 (+QIOPEN, +QSSLOPEN,
// AT+QIGETERROR, +CME ERROR) and its HTTP(S) results 701-730 (+QHTTPGET,
// +QHTTPPOST). SIMCom's A76XX family uses 701-719 for HTTP(S) with other
// meanings, so a bare 701-719 needs the maker: Module tells them apart.
// SIMCom's SSL (CCH) <err> 1-19, its AT+CAOPEN <result> and u-blox's socket
// errors (+USOER) are small numbers that mean something only inside their
// own reply, so they are read from that reply (readModemReply) or under
// --stack modem, never from +CME ERROR; u-blox's AT+USECMNG errors
// 1910-1922 do come as +CME ERROR.
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

var modemCodesLazy lazy.Value[[]Code]

// modemCodes are the modem SSL/TCP/HTTP(S) result codes we found published,
// sorted by value; where makers share a number, Quectel comes first, then
// SIMCom, then u-blox (each family is written out below in its own list, and
// the lists are merged by value on first use).
func modemCodes() []Code { return modemCodesLazy.Get(buildModemCodes) }

func buildModemCodes() []Code {
	codes := modemQuectelAndHTTPCodes()
	codes = append(codes, simcomCCHCodes()...)
	codes = append(codes, simcomCAOPENCodes()...)
	codes = append(codes, simcomOtherCodes()...)
	codes = append(codes, ubloxCMECodes()...)
	codes = append(codes, ubloxSocketCodes()...)
	sort.SliceStable(codes, func(i, j int) bool { return codes[i].Value < codes[j].Value })
	return codes
}

// modemQuectelAndHTTPCodes are Quectel's TCP/IP and HTTP(S) codes and the
// A76XX HTTP(S) codes, sorted by value.
func modemQuectelAndHTTPCodes() []Code {
	return []Code{
		{Modem, "QUECTEL_QMTOPEN_-1", -1, "Quectel BG96/BG95/EC25 (MQTT)", "+QMTOPEN result -1: the modem failed to open the network connection for MQTT (with TLS: the TLS session could not be set up).",
			"Quectel MQTT Application Note, +QMTOPEN <result> (quoted in https://github.com/zimbora/esp32-BG95/pull/5); https://forums.quectel.com/t/qmtopen-0-1-error/3562"},
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
	}
}

// Sources and module names of the SIMCom and u-blox families.
const (
	modemSrcSIMComCCH = "SIMCom A76XX Series AT Command Manual V1.09, ch. 19 SSL commands (AT+CCHOPEN <err>, command result codes), " +
		"listed with the module's own words in github.com/lewisxhe/TinyGSM-fork src/TinyGsmClientA76xxSSL.h (modemConnect); " +
		"the A76XX HTTP(S) codes 701-719 (ch. 16.3) are the same list offset by 700"
	modemSrcSIMComCCHURC = "SIMCom A76XX Series AT Command Manual V1.09, ch. 19.4 SSL URCs (+CCH_PEER_CLOSED: <session_id>), " +
		"handled as a closed session in github.com/lewisxhe/TinyGSM-fork src/TinyGsmClientA76xxSSL.h and src/TinyGsmClientSIM7672.h"
	modemSrcSIMComCAOPEN = "SIMCom SIM7080 Series AT Command Manual, AT+CAOPEN <result> (the SIM7000/SIM7070 application-connection commands share it), " +
		"listed in github.com/lewisxhe/TinyGSM-fork src/TinyGsmClientSIM7080.h and src/TinyGsmClientSIM7000SSL.h (modemConnect)"
	modemSrcSIMComCASTATE = "SIMCom SIM7080 Series AT Command Manual, AT+CASTATE <state> (0 closed by remote server or internal error, 1 connected, 2 listening), " +
		"listed in github.com/lewisxhe/TinyGSM-fork src/TinyGsmClientSIM7080.h (modemGetConnected)"
	modemSrcSIM800CME = "SIMCom SIM800 Series AT Command Manual V1.01, ch. 19.1 +CME ERROR summary, " +
		"https://cdn-shop.adafruit.com/datasheets/sim800_series_at_command_manual_v1.01.pdf (transcribed in github.com/gammu/gammu libgammu/phone/at/at-error.c, simcom_cme)"
	modemSrcUbloxCME = "u-blox LENA-R8 AT commands manual UBX-22016905 R04, appendix A.1 +CME ERROR (the USECMNG rows), " +
		"https://content.u-blox.com/sites/default/files/documents/LENA-R8_ATCommands_UBX-22016905.pdf (transcribed in github.com/gammu/gammu libgammu/phone/at/at-error.c, ublox_cme)"
	modemSrcUbloxSock = "u-blox SARA-R4/N4 series AT Commands Manual UBX-17003787 R09, appendix A.5 Internal TCP/UDP/IP stack class error codes " +
		"(+USOER, +USOCTL <param_id> 1, +UUSOCO <socket_error>; ch. 18.9 points there: https://www.easymanua.ls/ublox/sara-r4-series/manual?p=188), " +
		"transcribed in github.com/twilio/breakout-massive-iot src/modem/enums.h (uso_error)"
	modemSrcUbloxUUSOCL = "u-blox SARA-R4/N4 series AT Commands Manual UBX-17003787, ch. 18 +UUSOCL: <socket> (socket closed URC); " +
		"ubxlib marks the socket closed by the remote end on it: github.com/u-blox/ubxlib cell/src/u_cell_sock.c (UUSOCL_urc)"
	modemModSIMComCCH    = "SIMCom A76XX (+CCHOPEN/+CCHSEND/+CCHCLOSE <err>)"
	modemModSIMComCAOPEN = "SIMCom SIM7000/SIM7070/SIM7080 (+CAOPEN <result>)"
	modemModUbloxCME     = "u-blox (AT+USECMNG, +CME ERROR)"
	modemModUbloxSock    = "u-blox SARA-R4/N4 (+USOER, +USOCTL: <s>,1,<err>, +UUSOCO)"
)

// simcomCCHCodes are the <err> values of SIMCom's SSL (CCH) commands.
// 0 is success.
func simcomCCHCodes() []Code {
	c := func(v int64, text string) Code {
		return Code{Modem, "SIMCOM_CCH_" + itoa(v), v, modemModSIMComCCH, text, modemSrcSIMComCCH}
	}
	return []Code{
		c(1, "CCH: alerting state (reserved)."),
		c(2, "CCH: unknown error."),
		c(3, "CCH: the SSL service is busy."),
		c(4, "CCH: the server (peer) closed the connection."),
		c(5, "CCH: the operation timed out."),
		c(6, "CCH: the transfer failed."),
		c(7, "CCH: memory error."),
		c(8, "CCH: a parameter is invalid."),
		c(9, "CCH: network error."),
		c(10, "CCH: opening the session failed."),
		c(11, "CCH: the session is in the wrong state for this command."),
		c(12, "CCH: creating the socket failed."),
		c(13, "CCH: the DNS lookup of the host failed."),
		c(14, "CCH: connecting the socket failed."),
		c(15, "CCH: the SSL handshake failed."),
		c(16, "CCH: closing the socket failed."),
		c(17, "CCH: no network."),
		c(18, "CCH: sending data timed out."),
		c(19, "CCH: no certificates are set for a session that needs them."),
	}
}

// simcomCAOPENCodes are the <result> values of SIMCom's AT+CAOPEN (SIM7000,
// SIM7070, SIM7080 application connections, TCP or SSL). 0 is success;
// 5, 8-11, 14-19 and 22 are not in the table.
func simcomCAOPENCodes() []Code {
	c := func(v int64, text string) Code {
		return Code{Modem, "SIMCOM_CAOPEN_" + itoa(v), v, modemModSIMComCAOPEN, text, modemSrcSIMComCAOPEN}
	}
	return []Code{
		c(1, "CAOPEN: socket error."),
		c(2, "CAOPEN: no memory."),
		c(3, "CAOPEN: the connection limit is reached."),
		c(4, "CAOPEN: a parameter is invalid."),
		c(6, "CAOPEN: the IP address is invalid."),
		c(7, "CAOPEN: the function is not supported."),
		c(12, "CAOPEN: the port cannot be bound."),
		c(13, "CAOPEN: the port cannot listen."),
		c(20, "CAOPEN: the host name cannot be resolved."),
		c(21, "CAOPEN: the network (PDP context) is not active."),
		c(23, "CAOPEN: the remote end refused the connection."),
		c(24, "CAOPEN: the server certificate's time check failed (expired or not yet valid by the module's clock)."),
		c(25, "CAOPEN: the server certificate's common name does not match the host."),
		c(26, "CAOPEN: the server certificate's common name does not match and its time check failed."),
		c(27, "CAOPEN: the connection failed."),
	}
}

// simcomOtherCodes are SIMCom events and +CME values outside the CCH and
// CAOPEN lists. The events carry no number of their own: they are found by
// their reply form, and Value 0 keeps them out of bare-number lookups.
func simcomOtherCodes() []Code {
	return []Code{
		{Modem, "SIMCOM_CCH_PEER_CLOSED", 0, "SIMCom A76XX (+CCH_PEER_CLOSED URC)", "+CCH_PEER_CLOSED: the server closed the SSL session; the module reports it unasked.", modemSrcSIMComCCHURC},
		{Modem, "SIMCOM_CASTATE_0", 0, "SIMCom SIM7000/SIM7070/SIM7080 (+CASTATE <state>)", "+CASTATE state 0: the connection was closed by the remote server or by an internal error.", modemSrcSIMComCASTATE},
		{Modem, "SIMCOM_CME_160", 160, "SIMCom SIM800 (+CME ERROR)", "The DNS lookup failed.", modemSrcSIM800CME},
		{Modem, "SIMCOM_CME_161", 161, "SIMCom SIM800 (+CME ERROR)", "Opening the socket failed.", modemSrcSIM800CME},
	}
}

// ubloxCMECodes are u-blox's +CME ERROR values for the security data
// manager AT+USECMNG (certificate and key import).
func ubloxCMECodes() []Code {
	c := func(v int64, text string) Code {
		return Code{Modem, "UBLOX_CME_" + itoa(v), v, modemModUbloxCME, text, modemSrcUbloxCME}
	}
	return []Code{
		c(1910, "USECMNG: the import timed out (no input for more than 20 s)."),
		c(1911, "USECMNG: the file to import is larger than the limit."),
		{Modem, "UBLOX_CME_1912", 1912, "u-blox (AT+USECMNG, +CME ERROR; seen on SARA-R422)",
			"USECMNG: no memory available. On a SARA-R422 whose file system had never been used, every import was refused with it until the file system was touched once (ubxlib #77).",
			modemSrcUbloxCME + "; report: https://github.com/u-blox/ubxlib/issues/77"},
		c(1913, "USECMNG: the certificate or key format is invalid."),
		c(1914, "USECMNG: the certificate database is full."),
		c(1915, "USECMNG: internal error of the certificate database."),
		c(1916, "USECMNG: no certificate or key has that internal name."),
		c(1917, "USECMNG: a certificate or key with that internal name is already stored."),
		c(1918, "USECMNG: the private key's format is wrong."),
		c(1919, "USECMNG: MD5 checksum error."),
		c(1920, "USECMNG: converting between PEM and DER failed."),
		c(1921, "USECMNG: certificate date error."),
		c(1922, "USECMNG: certificate common name error."),
	}
}

// ubloxSocketCodes are the u-blox internal TCP/IP stack errors: BSD errno
// numbers, plus 160-177 for the DNS resolver. The module gives them in
// +USOER, in +USOCTL: <socket>,1,<err> and in +UUSOCO; +CME ERROR does not
// carry them.
func ubloxSocketCodes() []Code {
	c := func(v int64, errno, text string) Code {
		return Code{Modem, "UBLOX_SOCK_" + errno, v, modemModUbloxSock, text, modemSrcUbloxSock}
	}
	return []Code{
		{Modem, "UBLOX_UUSOCL", 0, "u-blox SARA-R4/N4 (+UUSOCL URC)", "+UUSOCL: the socket was closed (by the server or the network); the module reports it unasked.", modemSrcUbloxUUSOCL},
		c(1, "EPERM", "Socket: operation not permitted (internal error of the module's IP stack)."),
		c(2, "ENOENT", "Socket: no such resource (internal error)."),
		c(4, "EINTR", "Socket: interrupted system call (internal error)."),
		c(5, "EIO", "Socket: input/output error (internal error)."),
		c(9, "EBADF", "Socket: bad socket descriptor (internal error)."),
		c(10, "ECHILD", "Socket: no child process (internal error)."),
		c(11, "EAGAIN", "Socket: the operation would block (EWOULDBLOCK/EAGAIN); try again."),
		c(12, "ENOMEM", "Socket: the IP stack is out of memory (internal error)."),
		c(14, "EFAULT", "Socket: bad address (internal error)."),
		c(22, "EINVAL", "Socket: invalid argument."),
		c(32, "EPIPE", "Socket: broken pipe, the connection is gone (internal error)."),
		c(38, "ENOSYS", "Socket: the function is not implemented."),
		c(64, "ENONET", "Socket: the module is not on the network (no data connection)."),
		c(65, "EEOF", "Socket: end of file."),
		c(71, "EPROTO", "Socket: protocol error."),
		c(77, "EBADFD", "Socket: descriptor in a bad state (internal error)."),
		c(78, "EREMCHG", "Socket: the remote address changed."),
		c(89, "EDESTADDRREQ", "Socket: a destination address is required."),
		c(91, "EPROTOTYPE", "Socket: wrong protocol type for the socket."),
		c(92, "ENOPROTOOPT", "Socket: protocol option not available."),
		c(93, "EPROTONOSUPPORT", "Socket: protocol not supported."),
		c(94, "ESOCKTNOSUPPORT", "Socket: socket type not supported."),
		c(95, "EOPNOTSUPP", "Socket: operation not supported on this socket."),
		c(96, "EPFNOSUPPORT", "Socket: protocol family not supported."),
		c(97, "EAFNOSUPPORT", "Socket: address family not supported by the protocol."),
		c(98, "EADDRINUSE", "Socket: the local address is already in use."),
		c(99, "EADDRNOTAVAIL", "Socket: the requested address cannot be assigned."),
		c(100, "ENETDOWN", "Socket: the network is down."),
		c(101, "ENETUNREACH", "Socket: the network is unreachable."),
		c(102, "ENETRESET", "Socket: the network dropped the connection on reset."),
		c(103, "ECONNABORTED", "Socket: the connection was aborted inside the module."),
		c(104, "ECONNRESET", "Socket: the peer reset the connection."),
		c(105, "ENOBUFS", "Socket: no buffer space available."),
		c(106, "EISCONN", "Socket: the socket is already connected."),
		c(107, "ENOTCONN", "Socket: the socket is not connected."),
		c(108, "ESHUTDOWN", "Socket: cannot send after the socket was shut down."),
		c(110, "ETIMEDOUT", "Socket: the connection timed out."),
		c(111, "ECONNREFUSED", "Socket: the server refused the connection."),
		c(112, "EHOSTDOWN", "Socket: the host is down."),
		c(113, "EHOSTUNREACH", "Socket: no route to the host."),
		c(115, "EINPROGRESS", "Socket: the operation is in progress."),
		c(160, "ENSRNODATA", "DNS: the server's answer holds no data (no address for the name)."),
		c(161, "ENSRFORMERR", "DNS: the server says the query was malformed."),
		c(162, "ENSRSERVFAIL", "DNS: the server reported a general failure."),
		c(163, "ENSRNOTFOUND", "DNS: the domain name was not found."),
		c(164, "ENSRNOTIMP", "DNS: the server does not implement the operation."),
		c(165, "ENSRREFUSED", "DNS: the server refused the query."),
		c(166, "ENSRBADQUERY", "DNS: the query was malformed."),
		c(167, "ENSRBADNAME", "DNS: the domain name is malformed."),
		c(168, "ENSRBADFAMILY", "DNS: unsupported address family."),
		c(169, "ENSRBADRESP", "DNS: the reply was malformed."),
		c(170, "ENSRCONNREFUSED", "DNS: no DNS server could be contacted."),
		c(171, "ENSRTIMEOUT", "DNS: timed out contacting the DNS servers."),
		c(172, "ENSROF", "DNS: end of file."),
		c(173, "ENSRFILE", "DNS: error reading a file."),
		c(174, "ENSRNOMEM", "DNS: out of memory."),
		c(175, "ENSRDESTRUCTION", "DNS: the application ended the lookup."),
		c(176, "ENSRQUERYDOMAINTOOLONG", "DNS: the domain name is too long."),
		c(177, "ENSRCNAMELOOP", "DNS: the answer's CNAME records loop (the transcription repeats 176's text here; the identifier says CNAME loop)."),
	}
}

// modemInReplyOnly reports whether a modem code is a number only inside its
// own reply (+CCHOPEN: <s>,<err>, +CAOPEN: <cid>,<result>, +USOER: <err>,
// URC events): such numbers are small and say nothing without the reply, so
// a bare number or a +CME ERROR reads them only under --stack modem.
func modemInReplyOnly(c *Code) bool {
	for _, p := range []string{"SIMCOM_CCH_", "SIMCOM_CAOPEN_", "SIMCOM_CASTATE_", "UBLOX_SOCK_", "UBLOX_UUSOCL"} {
		if strings.HasPrefix(c.Name, p) {
			return true
		}
	}
	return false
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

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
	modemSIM7080SNI       = "github.com/lewisxhe/TinyGSM-fork src/TinyGsmClientSIM7080.h (modemConnect sets AT+CSSLCFG=\"sni\",<ctx>,\"<host>\" and AT+CASSLCFG=<cid>,CACERT,\"<name>\")"
	modemSIM7000Clock     = "https://github.com/botletics/SIM7000-LTE-Shield/issues/156"
	modemSIM7070Drift     = "https://github.com/botletics/SIM7000-LTE-Shield/issues/320"
	modemSIM7000AWSClock  = "https://github.com/botletics/SIM7000-LTE-Shield/issues/58"
	modemUbloxNAT         = "u-blox SARA-R4/N4 series AT Commands Manual UBX-17003787 R09, ch. 18.1 (operators close idle NAT entries after a few minutes; TCP keepalive): https://manualshive.com/en/manual/ublox/sara-r4-series/sara-r4-series_command-manual_3309881-180.html"
	modemUbloxLineEnds    = "https://github.com/u-blox/ubxlib/issues/242"
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
		Names:   []string{"SIMCOM_HTTP_719", "SIMCOM_CCH_19"},
		Meaning: "The SSL context asks for server verification but has no usable CA certificate, so the module stopped before the handshake (719 from the HTTP(S) stack, 19 from the CCH commands).",
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
		Names:   []string{"UBLOX_CME_1912", "UBLOX_CME_1914"},
		Meaning: "The u-blox module refused to store a certificate with AT+USECMNG for want of room (1912 no memory, 1914 database full in u-blox's table), so no TLS profile can use it.",
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
			{
				Text:   "The store really is full: old certificates and keys imported under other names are still there.",
				Fix:    "List them with AT+USECMNG=3, delete the ones no profile uses with AT+USECMNG=2,<type>,\"name\", then import again.",
				When:   PhaseLoad,
				Source: modemSrcUbloxCME,
			},
		},
		Question: "Does AT+USECMNG=4,<type>,\"name\" return an MD5 equal to the MD5 of the file you meant to import?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_CCH_4", "SIMCOM_CCH_PEER_CLOSED", "SIMCOM_CASTATE_0", "UBLOX_UUSOCL", "UBLOX_SOCK_ECONNRESET"},
		Meaning: "The other end closed (or reset) the connection. Right after opening, that is usually the server refusing the TLS handshake; after minutes of quiet, it is usually the network dropping an idle connection.",
		Causes: []Cause{
			{
				Text:   "The server needs SNI and the module sends none, so the server (AWS IoT, cloud front ends) closes the connection during the handshake.",
				Fix:    "Turn SNI on for the SSL context: AT+CSSLCFG=\"enableSNI\",<ctx>,1 on A76XX, AT+CSSLCFG=\"sni\",<ctx>,\"HOST\" on SIM7000/SIM7080.",
				When:   PhaseHandshake,
				Source: modemSNIRequired,
			},
			{
				Text:   "The module offers a TLS version or cipher suites the server no longer accepts, so the server closes after the ClientHello; it worked for months and then stopped.",
				Fix:    "Probe what the server accepts (tlsdoctor probe HOST:PORT) and set the context's version to one of them (AT+CSSLCFG=\"sslversion\",<ctx>,<n>).",
				When:   PhaseHandshake,
				Source: modemSIMComAzure,
			},
			{
				Text:   "The server asks for a client certificate (mutual TLS, as MQTT brokers on 8883 and AWS IoT do) and the module has none configured, or one the server does not accept.",
				Fix:    "Import the device certificate and key and select them on the SSL context (AT+CSSLCFG=\"clientcert\"/\"clientkey\" on A76XX, AT+USECPRF=<prof>,5/6 on u-blox); check the certificate is active on the server side.",
				When:   PhaseHandshake,
				Source: modemQuectelAWSSetup,
			},
			{
				Text:   "The connection sat idle and the operator's NAT dropped it; the module learns it only at the next send.",
				Fix:    "Send something (MQTT keepalive, TCP keepalive) more often than the NAT timeout, a minute or two, and reconnect when the close is reported.",
				When:   PhaseNetwork,
				Source: modemUbloxNAT,
			},
		},
		Question: "Did the close come during the open (the handshake) or after the connection had been up and idle for a while?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_CAOPEN_24", "SIMCOM_CAOPEN_25", "SIMCOM_CAOPEN_26"},
		Meaning: "The SIMCom module checked the server's certificate itself and rejected it: 24 for the dates (judged by the module's clock), 25 for the name, 26 for both.",
		Causes: []Cause{
			{
				Text:   "The module's clock was never set after power-up, so it holds a default date and every certificate looks not yet valid (24).",
				Fix:    "Set the clock before AT+CAOPEN: network time (AT+CLTS=1, then restart) or AT+CNTP, or AT+CCLK=\"yy/MM/dd,hh:mm:ss+zz\"; check with AT+CCLK?.",
				When:   PhaseHandshake,
				Source: modemSIM7000Clock,
			},
			{
				Text:   "The clock was set once and has drifted or been lost over weeks of running, so connections that worked start failing (24).",
				Fix:    "Resynchronise the time regularly (AT+CNTP) rather than once at boot.",
				When:   PhaseHandshake,
				Source: modemSIM7070Drift,
			},
			{
				Text:   "No SNI is sent, so the server answers with its default certificate for another name (25).",
				Fix:    "Set the host as SNI on the SSL context: AT+CSSLCFG=\"sni\",<ctx>,\"HOST\" (lower-case \"sni\").",
				When:   PhaseHandshake,
				Source: modemSIM7080SNI,
			},
			{
				Text:   "AT+CAOPEN names the server by IP address or by a name the certificate does not list (25).",
				Fix:    "Open the connection with the host name the certificate was issued for; see which names it lists with tlsdoctor probe HOST:PORT.",
				When:   PhaseHandshake,
				Source: modemSIM7080SNI,
			},
			{
				Text:   "The server's certificate really is expired (24).",
				Fix:    "Check its dates with tlsdoctor probe HOST:PORT; the server operator must renew it.",
				When:   PhaseHandshake,
				Source: modemSIM7000AWSClock,
			},
		},
		Question: "What does AT+CCLK? return just before AT+CAOPEN?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Modem,
		Names:   []string{"UBLOX_CME_1913", "UBLOX_CME_1918", "UBLOX_CME_1920"},
		Meaning: "The u-blox module could not read the certificate or key sent with AT+USECMNG=0/1/2, so nothing was stored under that name.",
		Causes: []Cause{
			{
				Text:   "The PEM lost its line breaks on the way (joined into one line, or sent with literal \\n); newer u-blox firmware (LENA-R8) requires the line endings.",
				Fix:    "Send the PEM with a line break after every 64 characters and around the BEGIN/END lines, and give AT+USECMNG the byte count of exactly that text.",
				When:   PhaseLoad,
				Source: modemUbloxLineEnds,
			},
			{
				Text:   "The byte count given to AT+USECMNG differs from what was sent, often because line endings changed (LF vs CR LF), so the module reads a cut-short or padded file.",
				Fix:    "Count the bytes after any line-ending conversion; compare the MD5 that AT+USECMNG=4,<type>,\"name\" returns with the file's MD5.",
				When:   PhaseLoad,
				Source: modemUbloxFormat,
			},
			{
				Text:   "A private key in a form the module does not take (1918), or a file that is neither PEM nor DER of the declared type (1920).",
				Fix:    "Check the file with tlsdoctor check FILE; send keys as unencrypted PEM or DER of the type the manual lists for AT+USECMNG=2.",
				When:   PhaseLoad,
				Source: modemSrcUbloxCME,
			},
		},
		Question: "Does the file you sent have its line breaks, and is the count you gave AT+USECMNG its exact size in bytes?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   Modem,
		Names:   []string{"UBLOX_CME_1916"},
		Meaning: "No certificate or key is stored under the internal name the command gave (an MD5 query, a delete, or a name set on a security profile).",
		Causes: []Cause{
			{
				Text:   "The import never succeeded (it failed with another +CME ERROR earlier) or was done under another name; names are matched exactly.",
				Fix:    "List what is stored with AT+USECMNG=3 and import again under the name AT+USECPRF=<prof>,3,\"name\" uses.",
				When:   PhaseLoad,
				Source: modemUbloxMD5,
			},
		},
		Question: "Does AT+USECMNG=3 list the name exactly as your command spells it?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_CCH_13", "SIMCOM_CAOPEN_20", "SIMCOM_CME_160", "UBLOX_SOCK_ENSRNOTFOUND", "UBLOX_SOCK_ENSRTIMEOUT", "UBLOX_SOCK_ENSRCONNREFUSED"},
		Meaning: "The module could not turn the host name into an address, so no connection and no TLS was tried.",
		Causes: []Cause{
			{
				Text:   "The data connection is not up, so the module has no DNS server (SIM7080: AT+CNACT not done; A76XX: AT+NETOPEN or AT+CCHSTART not done).",
				Fix:    "Bring the bearer up first and check it has an address (AT+CNACT? / AT+CGPADDR) before opening.",
				When:   PhaseNetwork,
				Source: modemSrcSIMComCAOPEN,
			},
			{
				Text:   "The host string is not a bare name: a scheme (https://), a port or a path was left in it, or it has a typo.",
				Fix:    "Pass only the host name to the open command; the port goes in its own parameter.",
				When:   PhaseNetwork,
				Source: modemQuectelTCPNote,
			},
		},
		Question: "Does the module have an IP address on the bearer the connection uses?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   Modem,
		Names:   []string{"SIMCOM_CAOPEN_21", "SIMCOM_CCH_17", "UBLOX_SOCK_ENONET"},
		Meaning: "The module has no data connection (PDP context) for the socket, so nothing was sent.",
		Causes: []Cause{
			{
				Text:   "The PDP context was never activated, or the network dropped it.",
				Fix:    "Activate it (SIM7080: AT+CNACT=0,1; A76XX: AT+NETOPEN or AT+CCHSTART) and check the registration (AT+CEREG?) before opening sockets.",
				When:   PhaseNetwork,
				Source: modemSrcSIMComCAOPEN,
			},
		},
		Question: "Does the module show an IP address for the context right before the open?",
		Confirm:  "tlsdoctor log MODEM_LOG_FILE",
	},
}

// modemReadings are the modem codes with value v that keep accepts.
func modemReadings(v int64, tok, note string, score int, keep func(*Code) bool) []Reading {
	var rs []Reading
	for _, r := range byValue(Modem, v, tok, note, score) {
		if keep(r.Code) {
			rs = append(rs, r)
		}
	}
	return rs
}

// modemNotFound is the error for a well-formed modem reply whose number no
// table of its kind knows, with the nearest codes of that kind.
func modemNotFound(tok string, v int64, keep func(*Code) bool) *NotFoundError {
	var pool []Code
	for _, c := range modemCodes() {
		if c.Value != 0 && keep(&c) {
			pool = append(pool, c)
		}
	}
	sort.SliceStable(pool, func(i, j int) bool { return dist(pool[i].Value, v) < dist(pool[j].Value, v) })
	if len(pool) > 3 {
		pool = pool[:3]
	}
	return &NotFoundError{Input: tok, Guessed: Modem, Value: v, Nearest: pool}
}

// modemEvent is the reading of a report that carries no error number of its
// own (+CCH_PEER_CLOSED, +CASTATE state 0, +UUSOCL).
func modemEvent(name, tok, note string) []Reading {
	for _, c := range modemCodes() {
		if c.Name == name {
			return []Reading{{Stack: Modem, Kind: KindCode, Token: tok, Value: c.Value, Note: note, Code: &c, score: 100}}
		}
	}
	return nil
}

// isReplyName reports whether a one-word input is a modem report name such
// as +CCH_PEER_CLOSED, to be read as a phrase rather than as a number.
func isReplyName(s string) bool {
	return len(s) > 2 && s[0] == '+' && ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z'))
}

// readModemReply reads one modem reply or URC matched by the reply pattern:
// name is the report (CCHOPEN), args its numbers ("0,15"). Each report keeps
// its error in its own field and its own numbering, so only the codes of
// that family are looked up. A success value or a report that carries no
// error gives no reading; a number the family does not define gives a
// *NotFoundError.
func readModemReply(name, args, tok string) ([]Reading, *NotFoundError) {
	var f []int64
	if args != "" {
		for _, a := range strings.Split(args, ",") {
			v, err := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
			if err != nil {
				return nil, nil
			}
			f = append(f, v)
		}
	}
	field := func(i int) (int64, bool) {
		if i < len(f) {
			return f[i], true
		}
		return 0, false
	}
	var (
		v      int64
		ok     bool
		family string
		note   string
	)
	switch strings.ToUpper(name) {
	case "QSSLOPEN", "QIOPEN", "QMTOPEN", "QMTCONN":
		// +QSSLOPEN: <id>,<err>; a lone number is the error.
		if v, ok = field(1); !ok {
			v, ok = field(0)
		}
		family = "QUECTEL_"
	case "QHTTPGET", "QHTTPPOST":
		// +QHTTPGET: <err>[,<httprspcode>[,<content_length>]]
		v, ok = field(0)
		family = "QUECTEL_"
	case "CCHOPEN", "CCHCLOSE", "CCHSEND", "CCH_RECV_CLOSED":
		// +CCHOPEN: <session_id>,<err>
		v, ok = field(1)
		family = "SIMCOM_CCH_"
	case "CCHSTART", "CCHSTOP":
		// +CCHSTART: <err>
		v, ok = field(0)
		family = "SIMCOM_CCH_"
	case "CCH_PEER_CLOSED":
		return modemEvent("SIMCOM_CCH_PEER_CLOSED", tok, "an unsolicited report; it carries no error number"), nil
	case "CAOPEN":
		// +CAOPEN: <cid>,<result>
		v, ok = field(1)
		family = "SIMCOM_CAOPEN_"
	case "CASTATE":
		// +CASTATE: <cid>,<state>: 1 connected and 2 listening are not errors.
		if s, has := field(1); has && s == 0 {
			return modemEvent("SIMCOM_CASTATE_0", tok, "connection state 0, not an error number"), nil
		}
		return nil, nil
	case "USOER":
		v, ok = field(0)
		family = "UBLOX_SOCK_"
	case "USOCTL":
		// +USOCTL: <socket>,<param_id>,<param_val>; param_id 1 is the last error.
		if id, has := field(1); !has || id != 1 {
			return nil, nil
		}
		v, ok = field(2)
		family = "UBLOX_SOCK_"
		note = "the last error of socket " + itoa(f[0])
	case "UUSOCO":
		// +UUSOCO: <socket>,<socket_error>
		v, ok = field(1)
		family = "UBLOX_SOCK_"
	case "UUSOCL":
		return modemEvent("UBLOX_UUSOCL", tok, "an unsolicited report; it carries no error number"), nil
	default:
		// +QSSLURC: "closed",<id> and +UUHTTPCR: <profile>,<op>,<result> hold
		// no error number (u-blox gives the HTTP error with AT+UHTTPER).
		return nil, nil
	}
	if !ok || v == 0 {
		return nil, nil
	}
	inFamily := func(c *Code) bool { return strings.HasPrefix(c.Name, family) }
	if rs := modemReadings(v, tok, note, 100, inFamily); len(rs) > 0 {
		return rs, nil
	}
	return nil, modemNotFound(tok, v, inFamily)
}
