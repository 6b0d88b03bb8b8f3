package provision

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The built-in dialogues are written in the dialogue file format, so that
// they read like a user's file and go through the same parser. Every
// prompt, command and reply names its public source; the explanations are
// ours.

const dialogueGeneric = `dialogue generic
title "Paste the PEM, end with an empty line"
note "For firmware that prompts for the root CA, reads PEM lines until an empty line, echoes what it reads and prints the stored certificate back. Other firmware needs its own dialogue file."
source "the common console-reader shape: ST's enterPemString (X-CUBE-AWS iot_flash_config.c) and similar readers stop at an empty line after -----END"
line-ending lf
accept-endings lf crlf
error /(?i)^\s*(error|failed|failure)\b/
expect /(?i)(paste|enter|send|input)[^\r\n]*(root[ _-]?ca|ca cert|certificate|pem)/ timeout 30s
send-cert pem-blank echo
confirm between "-----BEGIN CERTIFICATE-----" "-----END CERTIFICATE-----" timeout 10s
`

// dialogueST follows X-CUBE-AWS 1.x (STM32CubeExpansion_Cloud_AWS), whose
// Projects/Common/Shared/Src files we read in a public copy,
// github.com/lanedirkes/AWS @ea8f49da: cloud.c:platform_init and
// iot_flash_config.c:updateTLSCredentials/CaptureAndFlashPem/enterPemString/
// getInputString. X-CUBE-AZURE shares these files.
const dialogueST = `dialogue st-cloud
title "ST cloud-connectivity demos (X-CUBE-AWS, X-CUBE-AZURE on B-L475E-IOT01A): root CA from the console menu"
source "X-CUBE-AWS Projects/Common/Shared/Src/cloud.c:platform_init (copy: github.com/lanedirkes/AWS@ea8f49da): the prompt to push the blue User button, then Button_WaitForPush(5000)"
source "X-CUBE-AWS Projects/Common/Shared/Src/iot_flash_config.c: updateTLSCredentials asks 'Do you want to update the root CA certificate(s)? [y/n]' when one is stored; CaptureAndFlashPem prints 'Enter your root CA:' and, after storing, msg_info 'read: --->' <the text> '<---'"
source "iot_flash_config.c:enterPemString reads lines until an empty line after -----END; getInputString ends a line at CR or LF and takes the byte after a CR to be its LF, dropping it"
note "The menu opens only during boot: start tlsdoctor, then reset the board; press the blue USER button as soon as tlsdoctor says so."
note "The read-back ('read: --->') is printed by msg_info: keep it enabled in the firmware, it is the device's confirmation."
note "After the root CA the firmware asks for the device certificate and key (AWS) or the connection string (Azure): answer those in a terminal."
line-ending crlf
accept-endings lf crlf
on /within the next 5 seconds if you want to update the device (security parameters or credentials|connection parameters)/ bench 5s "Press the blue USER button on the board now"
on "Do you want to update the root CA certificate(s)? [y/n]" send "y" none
expect "Enter your root CA:" timeout 120s
send-cert pem-blank
confirm between "read: --->" "<---" timeout 20s
`

const dialogueESPAT = `dialogue esp-at
title "Espressif ESP-AT: root CA into the manufacturing NVS (AT+SYSMFG), used by AT+CIPSSLCCONF"
source "ESP-AT AT+SYSMFG command examples, https://docs.espressif.com/projects/esp-at/en/latest/esp32/AT_Command_Examples/sysmfg_at_examples.html: namespace client_ca, keys client_ca.<n>, type 8 (binary); writing binary data answers '>' and takes exactly <length> bytes"
source "ESP-AT TCP-IP AT commands, AT+CIPSSLCCONF=<auth_mode>[,<pki_number>][,<ca_number>]: auth_mode 2 makes the client check the server's certificate against CA <ca_number>"
note "Needs ESP-AT v3.x or later (AT+SYSMFG); older firmware wrote the mfg_nvs partition with AT+SYSFLASH."
line-ending crlf
var index 0
error /^ERR CODE:0x[0-9a-fA-F]+/
error /^ERROR\s*$/
send "AT"
expect /(?m)^OK\r?$/
send "AT+SYSMFG=2,\"client_ca\",\"client_ca.{index}\",8,{len}"
expect ">" timeout 10s
send-cert raw
expect /(?m)^OK\r?$/ timeout 20s
send "AT+SYSMFG=1,\"client_ca\",\"client_ca.{index}\""
confirm /\+SYSMFG:"client_ca","client_ca\.{index}",8,(\d+),/ equals {len} timeout 20s
expect /(?m)^OK\r?$/ timeout 20s
send "AT+CIPSSLCCONF=2,0,{index}"
expect /(?m)^OK\r?$/
`

const dialogueNRF91 = `dialogue nrf91
title "Nordic nRF91 modem: root CA into a security tag (AT%CMNG)"
source "nRF91 AT Commands, Credential storage management %CMNG, https://docs.nordicsemi.com/ (nRF9160 AT Commands): %CMNG=<opcode>[,<sec_tag>[,<type>[,<content>]]]; opcode 0 write, 1 list; type 0 root CA certificate; list answers %CMNG: <sec_tag>,<type>[,<sha>]; writes only when the modem is not in normal mode (+CFUN 1, 2, 21)"
note "Set the security tag your firmware uses with --var sec_tag=N (default 42). A tag that already holds a root CA answers +CME ERROR: 519: delete it first with AT%CMNG=3,<sec_tag>,0."
line-ending crlf
var sec_tag 42
error /\+CME ERROR: (\d+)/ code 513 means "not found"
error /\+CME ERROR: (\d+)/ code 514 means "no access to this security tag (tags above 2147483647 belong to the modem)"
error /\+CME ERROR: (\d+)/ code 515 means "the modem's credential storage is full: delete unused tags with AT%CMNG=3"
error /\+CME ERROR: (\d+)/ code 518 means "not allowed while the modem is active: it must be offline (AT+CFUN=4) to write credentials"
error /\+CME ERROR: (\d+)/ code 519 means "this security tag already holds a root CA: delete it with AT%CMNG=3,<sec_tag>,0 or pick another tag"
error /\+CME ERROR: (\d+)/ code 528 means "not allowed while a power-off warning is active"
error /\+CME ERROR: \d+/
error /^ERROR\s*$/
send "AT+CFUN=4"
expect /(?m)^OK\r?$/
send "AT%CMNG=0,{sec_tag},0,\"{pem}\""
expect /(?m)^OK\r?$/ timeout 20s
send "AT%CMNG=1,{sec_tag},0"
confirm /%CMNG: (\d+),0,"?[0-9A-Fa-f]{64}"?/ equals {sec_tag}
expect /(?m)^OK\r?$/
`

const dialogueQuectel = `dialogue quectel
title "Quectel (BG95, BG96, BG77, EG91, EC2x): root CA to UFS (AT+QFUPL), used by AT+QSSLCFG"
source "Quectel BG95&BG77&BG600L Series FILE Application Note, AT+QFUPL=<filename>[,<file_size>[,<timeout>]]: answers CONNECT, takes exactly <file_size> bytes, then +QFUPL: <upload_size>,<checksum> and OK; file errors 4xx (407: the file already exists)"
source "Quectel BG95&BG77&BG600L Series SSL Application Note, AT+QSSLCFG=\"cacert\",<SSL_ctxID>,<cacertpath>"
note "Set the SSL context your firmware uses with --var ctx=N (default 1) and the file name with --var file=NAME."
line-ending crlf
var file cacert.pem
var ctx 1
error /\+CME ERROR: (\d+)/ code 407 means "the file already exists in UFS: delete it with AT+QFDEL=\"UFS:<file>\" or pick another name (--var file=NAME)"
error /\+CME ERROR: (\d+)/ code 403 means "the UFS drive is full"
error /\+CME ERROR: \d+/
error /^ERROR\s*$/
send "AT+QFUPL=\"UFS:{file}\",{len},100"
expect "CONNECT" timeout 10s
send-cert raw
confirm /\+QFUPL: (\d+),[0-9a-fA-F]+/ equals {len} timeout 20s
expect /(?m)^OK\r?$/
send "AT+QSSLCFG=\"cacert\",{ctx},\"UFS:{file}\""
expect /(?m)^OK\r?$/
`

const dialogueSIMCom = `dialogue simcom
title "SIMCom (SIM7600, A76XX): root CA download (AT+CCERTDOWN), used by AT+CSSLCFG"
source "SIMCom SIM7500_SIM7600 Series SSL Application Note / A76XX Series AT Command Manual: AT+CCERTDOWN=<filename>,<len> answers '>', takes exactly <len> bytes, then OK; AT+CCERTLIST answers +CCERTLIST: <file_name> per stored file; AT+CSSLCFG=\"cacert\",<ssl_ctx_index>,<ca_file>"
note "Set the SSL context your firmware uses with --var ctx=N (default 0) and the file name with --var file=NAME (it must end in .pem or .der)."
line-ending crlf
var file ca.pem
var ctx 0
error /\+CME ERROR: \d+/
error /^ERROR\s*$/
send "AT+CCERTDOWN=\"{file}\",{len}"
expect ">" timeout 10s
send-cert raw
expect /(?m)^OK\r?$/ timeout 20s
send "AT+CCERTLIST"
confirm "+CCERTLIST: \"{file}\"" timeout 10s
expect /(?m)^OK\r?$/
send "AT+CSSLCFG=\"cacert\",{ctx},\"{file}\""
expect /(?m)^OK\r?$/
`

const dialogueUBlox = `dialogue ublox
title "u-blox cellular (SARA-R4/R5, LARA-R6): root CA import (AT+USECMNG), used by AT+USECPRF"
source "u-blox SARA-R4 / SARA-R5 AT commands manuals, +USECMNG: AT+USECMNG=0,<type>,<internal_name>,<data_size> answers '>', takes exactly <data_size> bytes, then +USECMNG: 0,<type>,<internal_name>,<md5_string> and OK; type 0 is a trusted root CA"
source "u-blox AT commands manuals, +USECPRF=<profile_id>,3,<internal_name>: the security profile's trusted root CA"
note "Set the security profile your firmware uses with --var profile=N (default 0) and the name with --var name=NAME."
line-ending crlf
var name tlsdoctor_ca
var profile 0
error /\+CME ERROR: [^\r\n]+/
error /^ERROR\s*$/
send "AT+USECMNG=0,0,\"{name}\",{len}"
expect ">" timeout 10s
send-cert raw
confirm /\+USECMNG: 0,0,"([^"]+)","[0-9A-Fa-f]{32}"/ equals {name} timeout 20s
expect /(?m)^OK\r?$/
send "AT+USECPRF={profile},3,\"{name}\""
expect /(?m)^OK\r?$/
`

var builtinsLazy lazy.Value[map[string]*Dialogue]

// builtins parses the built-in dialogues once, on first use.
func builtins() map[string]*Dialogue { return builtinsLazy.Get(buildBuiltins) }

func buildBuiltins() map[string]*Dialogue {
	m := map[string]*Dialogue{}
	for _, src := range []string{dialogueGeneric, dialogueST, dialogueESPAT, dialogueNRF91, dialogueQuectel, dialogueSIMCom, dialogueUBlox} {
		d, err := Parse("built-in", []byte(src))
		if err != nil {
			panic(fmt.Sprintf("provision: built-in dialogue: %v", err)) // a bug, caught by the tests
		}
		m[d.Name] = d
	}
	return m
}

// Builtin returns a built-in dialogue by name.
func Builtin(name string) (*Dialogue, bool) {
	d, ok := builtins()[strings.ToLower(name)]
	return d, ok
}

// BuiltinNames lists the built-in dialogues, sorted.
func BuiltinNames() []string {
	var names []string
	for n := range builtins() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// BuiltinSource returns the dialogue file text of a built-in dialogue,
// as a starting point for a user's own file.
func BuiltinSource(name string) (string, bool) {
	for _, src := range []string{dialogueGeneric, dialogueST, dialogueESPAT, dialogueNRF91, dialogueQuectel, dialogueSIMCom, dialogueUBlox} {
		if strings.HasPrefix(src, "dialogue "+name+"\n") {
			return src, true
		}
	}
	return "", false
}
