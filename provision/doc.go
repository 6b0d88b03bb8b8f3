// Package provision puts a root CA on a device over its serial console:
// a dialogue engine that waits for the device's prompts, sends the
// certificate the way that firmware reads it (line ending, pacing, RTS/CTS),
// checks the device's echo byte for byte, recognises its error replies, and
// reports success only when the device confirms what it stored. The
// transcript of both directions, with timestamps, is kept on every outcome.
//
// The engine never prints and never opens a port: it runs over a
// Transport (an io.ReadWriter; go.bug.st/serial in the CLI, a pty in tests),
// with an injectable Clock, and reports progress and bench prompts ("press
// the user button within 5 s") through Options.Events. It builds for
// js/wasm.
//
// # Dialogue files
//
// A dialogue is a small line-based text file. Blank lines and text after
// "#" are ignored. Text is "double-quoted" (escapes \" \\ \n \r \t \xHH);
// a pattern is "literal text", found anywhere in the device's output, or a
// /regular expression/ (Go RE2 syntax, \/ for a slash). Durations are
// written as Go durations: 500ms, 5s, 2m. Templates {name} in text and
// patterns are filled in from `var` lines (overridable with --var) and
// from the certificate: {pem} (the PEM text, LF line ends, no final LF),
// {len} (bytes of the PEM text with its final LF, as raw uploads send it),
// {der-len}, {sha256}, {md5} (of the PEM text), {sha256-der}, {md5-der},
// {sha1-der}.
//
// Settings:
//
//	dialogue NAME                    required: the dialogue's name
//	title "TEXT"                     one line shown by --list-dialogues
//	source "TEXT"                    where the prompts come from (repeatable)
//	note "TEXT"                      what the user should know (repeatable)
//	line-ending lf|crlf|cr|none      line ending of send and send-cert (default lf)
//	accept-endings lf crlf           line ends the device reads; others are refused
//	pace 960/s | none                cap on bytes per second
//	line-delay 20ms                  wait after each line sent
//	echo-timeout 2s                  wait for the echo of one line
//	var NAME VALUE                   a template variable
//	error PATTERN [code N] [means "TEXT"]
//	                                 a reply that means failure, on a complete line;
//	                                 code N matches the first (group) of a regexp
//	on PATTERN send "TEXT" [ENDING]  answer an optional prompt whenever it appears
//	on PATTERN bench 5s "TEXT"       when it appears, ask the person at the bench
//	                                 to act within 5s (the CLI shows a countdown)
//
// Steps, run in order:
//
//	expect PATTERN [timeout 10s]     wait for a prompt
//	send "TEXT" [ENDING] [echo]      send text (with the line ending); echo checks it
//	send-cert pem|pem-blank|raw|der [ENDING] [echo]
//	                                 send the certificate: PEM lines, PEM lines and
//	                                 an empty line, the PEM text byte for byte
//	                                 ({len} bytes, for AT uploads), or DER
//	bench PATTERN within 5s "TEXT" [timeout 60s]
//	                                 wait for a prompt, then ask the person to act;
//	                                 the next expect waits for the device to move on
//	confirm PATTERN [equals VALUE...] [timeout 10s]
//	                                 wait for the device's confirmation; with equals,
//	                                 the pattern's first (group) must equal a value
//	confirm between PATTERN PATTERN [timeout 10s]
//	                                 capture the device's read-back between two
//	                                 markers; it must hold the certificate sent
//	sleep 500ms                      wait
//
// A dialogue must send the certificate (send-cert, or send with {pem}) and
// confirm it afterwards: tlsdoctor never reports success without the
// device's confirmation.
//
// Example, for firmware that prints "Paste CA:", reads PEM lines until an
// empty line and answers "CA stored, sha256=<hex of the DER>":
//
//	dialogue my-board
//	title "my-board console: paste the root CA"
//	line-ending crlf
//	accept-endings lf crlf
//	line-delay 10ms
//	error /^ERR (\d+)/
//	on "Overwrite existing CA? (y/n)" send "y"
//	expect "Paste CA:" timeout 30s
//	send-cert pem-blank echo
//	confirm /CA stored, sha256=([0-9a-f]{64})/ equals {sha256-der}
//
// The built-in dialogues (BuiltinNames; BuiltinSource gives their text) are
// written in this format and cite the manuals and sources of each prompt.
package provision
