package testcert

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// pemVariant is one way a PEM certificate reaches a device as text. f returns
// nil when the variant does not apply to the certificate (no padding to
// remove, no '+' to turn into '-').
type pemVariant struct {
	name string
	f    func(der []byte) []byte
}

func text(f func(der []byte) string) func([]byte) []byte {
	return func(der []byte) []byte { return []byte(f(der)) }
}

func eolVariant(eol string) func([]byte) []byte {
	return text(func(der []byte) string { return armour(b64Lines(der, 64), eol) })
}

func widthVariant(width int, eol string) func([]byte) []byte {
	return text(func(der []byte) string { return armour(b64Lines(der, width), eol) })
}

// bodyEdit edits the LF PEM's body lines (not header or footer).
func bodyEdit(f func(lines []string) []string) func([]byte) []byte {
	return func(der []byte) []byte {
		lines := f(b64Lines(der, 64))
		if lines == nil {
			return nil
		}
		return []byte(armour(lines, "\n"))
	}
}

// lineEnds gives header, body lines and footer each their own line end.
func lineEnds(header, body, footer string) func([]byte) []byte {
	return text(func(der []byte) string {
		return pemHeader + header + strings.Join(b64Lines(der, 64), body) + body + pemFooter + footer
	})
}

// replaceArmour swaps the header and footer lines for others.
func replaceArmour(header, footer string) func([]byte) []byte {
	return text(func(der []byte) string {
		s := pemLF(der)
		s = strings.Replace(s, pemHeader, header, 1)
		return strings.Replace(s, pemFooter, footer, 1)
	})
}

func prefixed(prefix string) func([]byte) []byte {
	return text(func(der []byte) string { return prefix + pemLF(der) })
}

func suffixed(suffix string) func([]byte) []byte {
	return text(func(der []byte) string { return pemLF(der) + suffix })
}

// sector fills out with pad up to the end of its 4 KiB flash sector (at
// least one byte), as a certificate written into an erased or zeroed slot
// reads back.
func sector(out []byte, pad byte) []byte {
	size := (len(out)/4096 + 1) * 4096
	for len(out) < size {
		out = append(out, pad)
	}
	return out
}

// encrypted puts RFC 1421 encryption headers between header and body.
func encrypted(headers string) func([]byte) []byte {
	return text(func(der []byte) string {
		return pemHeader + "\n" + headers + strings.Join(b64Lines(der, 64), "\n") + "\n" + pemFooter + "\n"
	})
}

// midLine returns the index of a body line in the middle.
func midLine(lines []string) int { return len(lines) / 2 }

// openssl x509 -text prints this kind of text before the PEM block.
const opensslText = `Certificate:
    Data:
        Version: 3 (0x2)
        Serial Number:
            10:2a:3b:4c:5d:6e:7f:80:91:a2:b3:c4:d5:e6:f7:08
        Signature Algorithm: sha256WithRSAEncryption
        Issuer: C = US, O = tlsdoctor test PKI, CN = tlsdoctor test root
        Validity
            Not Before: Jan  1 00:00:00 2025 GMT
            Not After : Jan  1 00:00:00 2045 GMT
`

func pemVariants() []pemVariant {
	return []pemVariant{
		// Line endings.
		{"lf", text(pemLF)},
		{"crlf", eolVariant("\r\n")},
		{"cr", eolVariant("\r")},
		{"lfcr", eolVariant("\n\r")},
		{"crcrlf", eolVariant("\r\r\n")},
		{"mixed-lf-header-cr-body", lineEnds("\n", "\r", "\r")},
		{"mixed-crlf-header-lf-body", lineEnds("\r\n", "\n", "\n")},
		{"mixed-cr-header-lf-body", lineEnds("\r", "\n", "\n")},
		{"mixed-crlf-lf-alternating", text(func(der []byte) string {
			return mapLines(der, func(i int, l string) string {
				if i%2 == 0 {
					return l + "\r"
				}
				return l
			}, "\n", "\n")
		})},
		{"mixed-cr-on-last-body-line", text(func(der []byte) string {
			lines := b64Lines(der, 64)
			return pemHeader + "\n" + strings.Join(lines, "\n") + "\r" + pemFooter + "\n"
		})},
		{"no-final-eol", text(func(der []byte) string { return strings.TrimSuffix(pemLF(der), "\n") })},
		{"no-eol-before-footer", text(func(der []byte) string {
			return pemHeader + "\n" + strings.Join(b64Lines(der, 64), "\n") + pemFooter + "\n"
		})},
		{"space-crlf-after-header", lineEnds(" \r\n", "\r\n", "\r\n")},

		// Literal escapes: the text of a C, JSON or Python string.
		{"literal-bn-all", text(func(der []byte) string { return mapLines(der, id, `\n`, `\n`) })},
		{"literal-bn-body", text(func(der []byte) string {
			return pemHeader + "\n" + strings.Join(b64Lines(der, 64), `\n`) + `\n` + pemFooter + "\n"
		})},
		{"literal-bn-then-newline", text(func(der []byte) string { return mapLines(der, id, "\\n\n", "\\n\n") })},
		{"literal-crlf-all", text(func(der []byte) string { return mapLines(der, id, `\r\n`, `\r\n`) })},
		{"literal-bn-after-footer", text(func(der []byte) string { return mapLines(der, id, "\n", `\n`) })},
		{"double-escaped-bn", text(func(der []byte) string { return mapLines(der, id, `\\n`, `\\n`) })},
		{"json-string", text(func(der []byte) string { return `"` + mapLines(der, id, `\n`, `\n`) + `"` })},
		{"json-field", text(func(der []byte) string {
			return `{"certificatePem": "` + mapLines(der, id, `\n`, `\n`) + `"}` + "\n"
		})},
		{"json-slash-escaped", text(func(der []byte) string {
			return `{"ca": "` + strings.ReplaceAll(mapLines(der, id, `\n`, `\n`), "/", `\/`) + `"}` + "\n"
		})},
		{"python-bytes-repr", text(func(der []byte) string { return `b'` + mapLines(der, id, `\n`, `\n`) + `'` })},
		{"yaml-block", text(func(der []byte) string { return "ca: |\n" + mapLines(der, indent("  "), "\n", "\n") })},

		// Joined and re-wrapped lines.
		{"joined", text(func(der []byte) string { return mapLines(der, id, "", "") })},
		{"joined-spaces", text(func(der []byte) string { return mapLines(der, id, " ", "") })},
		{"header-joined-to-body", text(func(der []byte) string {
			return pemHeader + strings.Join(b64Lines(der, 64), "\n") + "\n" + pemFooter + "\n"
		})},
		{"width-0", widthVariant(0, "\n")},
		{"width-4", widthVariant(4, "\n")},
		{"width-5", widthVariant(5, "\n")},
		{"width-63", widthVariant(63, "\n")},
		{"width-65", widthVariant(65, "\n")},
		{"width-76", widthVariant(76, "\n")},
		{"width-76-crlf", widthVariant(76, "\r\n")},
		{"width-128", widthVariant(128, "\n")},

		// Spaces and tabs.
		{"trailing-space-body", text(func(der []byte) string { return mapLines(der, bodyOnly(suffix(" ")), "\n", "\n") })},
		{"trailing-spaces-body", text(func(der []byte) string { return mapLines(der, bodyOnly(suffix("   ")), "\n", "\n") })},
		{"trailing-tab-body", text(func(der []byte) string { return mapLines(der, bodyOnly(suffix("\t")), "\n", "\n") })},
		{"trailing-space-header", lineEnds(" \n", "\n", "\n")},
		{"trailing-spaces-header", lineEnds("  \n", "\n", "\n")},
		{"trailing-tab-header", lineEnds("\t\n", "\n", "\n")},
		{"trailing-space-footer", lineEnds("\n", "\n", " \n")},
		{"trailing-spaces-footer", lineEnds("\n", "\n", "   \n")},
		{"trailing-space-all", text(func(der []byte) string { return mapLines(der, suffix(" "), "\n", "\n") })},
		{"crlf-trailing-space-body", text(func(der []byte) string { return mapLines(der, bodyOnly(suffix(" ")), "\r\n", "\r\n") })},
		{"leading-space-body", text(func(der []byte) string { return mapLines(der, bodyOnly(indent(" ")), "\n", "\n") })},
		{"indent2-body", text(func(der []byte) string { return mapLines(der, bodyOnly(indent("  ")), "\n", "\n") })},
		{"indent4-all", text(func(der []byte) string { return mapLines(der, indent("    "), "\n", "\n") })},
		{"indent-tab-all", text(func(der []byte) string { return mapLines(der, indent("\t"), "\n", "\n") })},
		{"indent-header-only", text(func(der []byte) string { return "  " + pemLF(der) })},
		{"space-mid-line", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:32] + " " + ls[1][32:]; return ls })},
		{"tab-mid-line", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:32] + "\t" + ls[1][32:]; return ls })},
		{"spaces-only-line-in-body", bodyEdit(func(ls []string) []string { return insertAt(ls, 2, "    ") })},
		{"nbsp-trailing", text(func(der []byte) string { return mapLines(der, bodyOnly(suffix("\u00a0")), "\n", "\n") })},
		{"nbsp-after-header", lineEnds("\u00a0\n", "\n", "\n")},
		{"zwsp-in-body", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:10] + "\u200b" + ls[1][10:]; return ls })},

		// Padding.
		{"no-padding", func(der []byte) []byte {
			if len(der)%3 == 0 {
				return nil
			}
			return []byte(strings.Replace(pemLF(der), "=", "", 2))
		}},
		{"extra-padding", bodyEdit(func(ls []string) []string { ls[len(ls)-1] += "="; return ls })},
		{"padding-mid", bodyEdit(func(ls []string) []string { ls[0] += "="; return ls })},
		{"padding-own-line", bodyEdit(func(ls []string) []string {
			last := ls[len(ls)-1]
			t := strings.TrimRight(last, "=")
			if t == last {
				return nil
			}
			ls[len(ls)-1] = t
			return append(ls, last[len(t):])
		})},
		{"data-after-padding", bodyEdit(func(ls []string) []string {
			if !strings.HasSuffix(ls[len(ls)-1], "=") {
				return nil
			}
			return append(ls, "AAAA")
		})},

		// Blank lines.
		{"blank-after-each-line", text(func(der []byte) string { return mapLines(der, id, "\n\n", "\n") })},
		{"blank-after-header", lineEnds("\n\n", "\n", "\n")},
		{"blank-before-footer", text(func(der []byte) string {
			return pemHeader + "\n" + strings.Join(b64Lines(der, 64), "\n") + "\n\n" + pemFooter + "\n"
		})},
		{"blank-lines-crlf", text(func(der []byte) string { return mapLines(der, id, "\r\n\r\n", "\r\n") })},
		{"blank-lines-around", text(func(der []byte) string { return "\n\n" + pemLF(der) + "\n\n" })},

		// Character encodings.
		{"bom", prefixed("\ufeff")},
		{"bom-crlf", text(func(der []byte) string { return "\ufeff" + armour(b64Lines(der, 64), "\r\n") })},
		{"double-bom", prefixed("\ufeff\ufeff")},
		{"bom-as-latin1", prefixed("ï»¿")},
		{"utf16le-bom", func(der []byte) []byte { return utf16Bytes(pemLF(der), false, true) }},
		{"utf16le", func(der []byte) []byte { return utf16Bytes(pemLF(der), false, false) }},
		{"utf16be-bom", func(der []byte) []byte { return utf16Bytes(pemLF(der), true, true) }},
		{"utf16be", func(der []byte) []byte { return utf16Bytes(pemLF(der), true, false) }},

		// Labels and armour lines.
		{"label-lowercase", replaceArmour("-----begin certificate-----", "-----end certificate-----")},
		{"label-lowercase-footer", replaceArmour(pemHeader, "-----end certificate-----")},
		{"label-trusted", replaceArmour("-----BEGIN TRUSTED CERTIFICATE-----", "-----END TRUSTED CERTIFICATE-----")},
		{"label-x509", replaceArmour("-----BEGIN X509 CERTIFICATE-----", "-----END X509 CERTIFICATE-----")},
		{"label-x509-crl", replaceArmour("-----BEGIN X509 CRL-----", "-----END X509 CRL-----")},
		{"label-cert-request", replaceArmour("-----BEGIN CERTIFICATE REQUEST-----", "-----END CERTIFICATE REQUEST-----")},
		{"label-pkcs7", replaceArmour("-----BEGIN PKCS7-----", "-----END PKCS7-----")},
		{"label-private-key", replaceArmour("-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----")},
		{"footer-misspelt", replaceArmour(pemHeader, "-----END CERTIFICAT-----")},
		{"footer-trusted", replaceArmour(pemHeader, "-----END TRUSTED CERTIFICATE-----")},
		{"header-double-space", replaceArmour("-----BEGIN  CERTIFICATE-----", pemFooter)},
		{"header-4-dashes", replaceArmour("----BEGIN CERTIFICATE-----", pemFooter)},
		{"header-6-dashes", replaceArmour("------BEGIN CERTIFICATE-----", pemFooter)},
		{"footer-4-dashes", replaceArmour(pemHeader, "----END CERTIFICATE-----")},
		{"footer-6-dashes", replaceArmour(pemHeader, "------END CERTIFICATE-----")},
		{"header-no-closing-dashes", replaceArmour("-----BEGIN CERTIFICATE", pemFooter)},
		{"footer-no-closing-dashes", replaceArmour(pemHeader, "-----END CERTIFICATE")},

		// Missing and misplaced parts.
		{"missing-footer", text(func(der []byte) string { return pemHeader + "\n" + strings.Join(b64Lines(der, 64), "\n") + "\n" })},
		{"header-only", text(func([]byte) string { return pemHeader + "\n" })},
		{"footer-only", text(func([]byte) string { return pemFooter + "\n" })},
		{"empty-body", text(func([]byte) string { return pemHeader + "\n" + pemFooter + "\n" })},
		{"blank-body", text(func([]byte) string { return pemHeader + "\n\n" + pemFooter + "\n" })},
		{"spaces-body", text(func([]byte) string { return pemHeader + "\n   \n" + pemFooter + "\n" })},
		{"body-only", text(func(der []byte) string { return strings.Join(b64Lines(der, 64), "\n") + "\n" })},
		{"footer-before-header", prefixed(pemFooter + "\n")},
		{"double-header", prefixed(pemHeader + "\n")},
		{"double-footer", suffixed(pemFooter + "\n")},
		{"header-footer-swapped", replaceArmour(pemFooter, pemHeader)},

		// Text around the block.
		{"text-before", prefixed(opensslText)},
		{"text-after", suffixed("\nThis is the root CA for the MQTT broker.\n")},
		{"subject-issuer-before", prefixed("subject=C = US, O = tlsdoctor test PKI, CN = tlsdoctor test root\nissuer=C = US, O = tlsdoctor test PKI, CN = tlsdoctor test root\n")},
		{"text-before-on-header-line", prefixed("root_ca: ")},
		{"garbage-after-footer", text(func(der []byte) string { return strings.TrimSuffix(pemLF(der), "\n") + "garbage" })},
		{"markdown-fence", text(func(der []byte) string { return "```\n" + pemLF(der) + "```\n" })},
		{"html-br", text(func(der []byte) string { return mapLines(der, id, "<br>\n", "<br>\n") })},
		{"html-pre", text(func(der []byte) string { return "<pre>" + pemLF(der) + "</pre>\n" })},
		{"email-quoted", text(func(der []byte) string { return mapLines(der, indent("> "), "\n", "\n") })},

		// C source pasted as it is in the file.
		{"c-literal-lines", text(func(der []byte) string { return mapLines(der, cString(`"`, `\n"`), "\n", "\n") })},
		{"c-literal-continuation", text(func(der []byte) string { return mapLines(der, cString(`"`, `\n" \`), "\n", "\n") })},
		{"c-literal-decl", text(func(der []byte) string {
			return "const char root_ca[] =\n" + mapLines(der, cString(`    "`, `\n"`), "\n", ";\n")
		})},
		{"c-literal-decl-arduino", text(func(der []byte) string {
			return "const char* root_ca = \\\n" + mapLines(der, cString(`"`, `\n" \`), "\n", "\n") + ";\n"
		})},
		{"c-define", text(func(der []byte) string {
			return "#define ROOT_CA \\\n" + mapLines(der, cString(`    "`, `\n" \`), "\n", "\n")
		})},
		{"c-array-of-strings", text(func(der []byte) string { return mapLines(der, cString(`"`, `\n",`), "\n", "\n") })},
		{"c-bn-quote-end", text(func(der []byte) string { return mapLines(der, cString("", `\n"`), "\n", "\n") })},
		{"c-quotes-only", text(func(der []byte) string { return mapLines(der, cString(`"`, `"`), "\n", "\n") })},
		{"c-commas", text(func(der []byte) string { return mapLines(der, suffix(","), "\n", "\n") })},
		{"c-backslash-continuation", text(func(der []byte) string { return mapLines(der, suffix(` \`), "\n", "\n") })},
		{"c-rawstring", text(func(der []byte) string { return `R"EOF(` + pemLF(der) + `)EOF"` })},

		// Look-alike characters from word processors and chat clients.
		{"endash-header-first", replaceArmour("\u2013"+pemHeader[1:], pemFooter)},
		{"endash-all-dashes", replaceArmour(strings.ReplaceAll(pemHeader, "-", "\u2013"), strings.ReplaceAll(pemFooter, "-", "\u2013"))},
		{"emdash-footer", replaceArmour(pemHeader, strings.Replace(pemFooter, "--", "\u2014", 1))},
		{"minus-sign-footer", replaceArmour(pemHeader, "\u2212"+pemFooter[1:])},
		{"smart-quotes-c-literal", text(func(der []byte) string { return mapLines(der, cString("\u201c", `\n`+"\u201d"), "\n", "\n") })},

		// NUL bytes and flash contents.
		{"nul-before-header", prefixed("\x00")},
		{"nul-after-header", lineEnds("\x00\n", "\n", "\n")},
		{"nul-in-body", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:20] + "\x00" + ls[1][20:]; return ls })},
		{"nul-then-text", suffixed("\x00junk after the string")},
		{"nul-terminated", suffixed("\x00")},
		{"ff-before-header", func(der []byte) []byte { return append(bytes.Repeat([]byte{0xFF}, 16), pemLF(der)...) }},
		{"ff-fill-sector", func(der []byte) []byte { return sector([]byte(pemLF(der)), 0xFF) }},
		{"nul-ff-fill-sector", func(der []byte) []byte { return sector(append([]byte(pemLF(der)), 0), 0xFF) }},
		{"zero-fill-sector", func(der []byte) []byte { return sector([]byte(pemLF(der)), 0) }},
		{"zero16-then-ff-fill-sector", func(der []byte) []byte {
			return sector(append([]byte(pemLF(der)), make([]byte, 16)...), 0xFF)
		}},
		{"ff64-then-nul", func(der []byte) []byte {
			return append(append([]byte(pemLF(der)), bytes.Repeat([]byte{0xFF}, 64)...), 0)
		}},

		// RFC 1421 encryption headers (mbedtls_pem_read_buffer parses them).
		{"proc-type-aes128", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")},
		{"proc-type-aes192", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-192-CBC,00112233445566778899AABBCCDDEEFF\n\n")},
		{"proc-type-aes256", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n")},
		{"proc-type-des-ede3", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0011223344556677\n\n")},
		{"proc-type-des", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0011223344556677\n\n")},
		{"proc-type-camellia", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")},
		{"proc-type-bad-iv", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ZZ112233445566778899AABBCCDDEEFF\n\n")},
		{"proc-type-short-iv", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEE\n\n")},
		{"proc-type-des-short-iv", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,00112233445566\n\n")},
		{"proc-type-no-dek-info", encrypted("Proc-Type: 4,ENCRYPTED\n\n")},
		{"proc-type-no-blank-line", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n")},
		{"proc-type-crlf", encrypted("Proc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\r\n\r\n")},
		{"proc-type-cr-only", encrypted("Proc-Type: 4,ENCRYPTED\rDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\r\n")},
		{"proc-type-mic-only", encrypted("Proc-Type: 4,MIC-ONLY\n\n")},
		{"proc-type-lowercase", encrypted("proc-type: 4,ENCRYPTED\ndek-info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")},
		{"dek-info-lowercase-alg", encrypted("Proc-Type: 4,ENCRYPTED\nDEK-Info: aes-128-cbc,00112233445566778899AABBCCDDEEFF\n\n")},

		// Damaged body.
		{"bad-char-star", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:7] + "*" + ls[1][8:]; return ls })},
		{"bad-char-8bit", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:7] + "\xc3" + ls[1][8:]; return ls })},
		{"bad-char-dash", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:7] + "-" + ls[1][8:]; return ls })},
		{"bad-char-dot", bodyEdit(func(ls []string) []string { ls[1] = ls[1][:7] + "." + ls[1][8:]; return ls })},
		{"base64url", func(der []byte) []byte {
			s := pemLF(der)
			body := s[len(pemHeader) : len(s)-len(pemFooter)-1]
			if !strings.ContainsAny(body, "+/") {
				return nil
			}
			r := strings.NewReplacer("+", "-", "/", "_")
			return []byte(pemHeader + r.Replace(body) + pemFooter + "\n")
		}},
		{"missing-middle-line", bodyEdit(func(ls []string) []string {
			if len(ls) < 3 {
				return nil
			}
			m := midLine(ls)
			return append(append([]string(nil), ls[:m]...), ls[m+1:]...)
		})},
		{"missing-last-line", bodyEdit(func(ls []string) []string {
			if len(ls) < 2 {
				return nil
			}
			return ls[:len(ls)-1]
		})},
		{"duplicated-line", bodyEdit(func(ls []string) []string { return insertAt(ls, midLine(ls), ls[midLine(ls)]) })},
		{"swapped-lines", bodyEdit(func(ls []string) []string {
			if len(ls) < 3 {
				return nil
			}
			ls[0], ls[1] = ls[1], ls[0]
			return ls
		})},
		{"char-dropped", bodyEdit(func(ls []string) []string {
			m := midLine(ls)
			ls[m] = ls[m][:5] + ls[m][6:]
			return ls
		})},
		{"char-added", bodyEdit(func(ls []string) []string { m := midLine(ls); ls[m] = ls[m][:5] + "A" + ls[m][5:]; return ls })},
		{"char-changed", bodyEdit(func(ls []string) []string {
			m := midLine(ls)
			c := byte('A')
			if ls[m][5] == 'A' {
				c = 'B'
			}
			ls[m] = ls[m][:5] + string(c) + ls[m][6:]
			return ls
		})},
		{"case-flipped-line", bodyEdit(func(ls []string) []string {
			ls[1] = strings.Map(func(r rune) rune {
				switch {
				case r >= 'a' && r <= 'z':
					return r - 32
				case r >= 'A' && r <= 'Z':
					return r + 32
				}
				return r
			}, ls[1])
			return ls
		})},
	}
}

func id(_ int, l string) string { return l }

func suffix(s string) func(int, string) string { return func(_ int, l string) string { return l + s } }

func indent(s string) func(int, string) string { return func(_ int, l string) string { return s + l } }

// bodyOnly applies f to the body lines, leaving header and footer as they are.
func bodyOnly(f func(int, string) string) func(int, string) string {
	return func(i int, l string) string {
		if strings.HasPrefix(l, "-----") {
			return l
		}
		return f(i, l)
	}
}

func cString(open, close string) func(int, string) string {
	return func(_ int, l string) string { return open + l + close }
}

func insertAt(ls []string, i int, s string) []string {
	out := append([]string(nil), ls[:i]...)
	out = append(out, s)
	return append(out, ls[i:]...)
}

// basicPEMVariants is the subset applied to every base certificate; the
// others run on the certificates in fullPEMCerts.
var basicPEMVariants = map[string]bool{
	"lf": true, "crlf": true, "cr": true, "mixed-lf-header-cr-body": true, "literal-bn-all": true,
	"literal-bn-body": true, "c-literal-lines": true, "joined": true, "width-0": true, "width-76": true,
	"trailing-spaces-body": true, "indent2-body": true, "no-padding": true, "bom": true, "utf16le-bom": true,
	"label-trusted": true, "missing-footer": true, "text-before": true, "ff-fill-sector": true,
	"zero-fill-sector": true, "nul-before-header": true, "proc-type-aes128": true, "bad-char-star": true,
	"missing-middle-line": true, "blank-body": true,
}

// addPEM adds every applicable variant of one certificate twice: with a NUL
// appended (mode crt then takes the PEM path, as with sizeof or strlen+1)
// and as the bare text (as with strlen, the DER path).
func (b *builder) addPEM(cert string, der []byte, full bool) {
	for _, v := range pemVariants() {
		if !full && !basicPEMVariants[v.name] {
			continue
		}
		in := v.f(der)
		if in == nil {
			continue
		}
		b.add(cert+"/pem-nul/"+v.name, "crt", append(bytes.Clone(in), 0))
		b.add(cert+"/pem-strlen/"+v.name, "crt", in)
	}
	b.add(cert+"/pem-as-der/lf", "der", []byte(pemLF(der)))
	b.add(cert+"/pem-as-der/lf-nul", "der", append([]byte(pemLF(der)), 0))
	if full {
		// The base64 body without armour: what a provisioning tool might
		// store, and what mbedtls_x509_crt_parse_der then sees.
		b64 := []byte(base64.StdEncoding.EncodeToString(der))
		b.add(cert+"/base64-as-der/unwrapped", "der", b64)
		b.add(cert+"/base64-nul/unwrapped", "crt", append(bytes.Clone(b64), 0))
	}
}

// addPEMCuts adds the PEM text cut short: after each line (as a console
// input buffer or a truncated paste leaves it), after each line with the
// footer line still appended (a body line lost in the middle of a paste),
// and, when every7 is set, at every 7th byte. All with a NUL appended, since
// without one every cut takes the DER path.
func (b *builder) addPEMCuts(cert string, der []byte, every7 bool) {
	lines := allLines(der, 64)
	s := pemLF(der)
	off := 0
	for i, l := range lines[:len(lines)-1] {
		off += len(l) + 1
		b.add(fmt.Sprintf("%s/pem-nul/cut-after-line-%d", cert, i+1), "crt", append([]byte(s[:off]), 0))
		if i > 0 {
			b.add(fmt.Sprintf("%s/pem-nul/cut-after-line-%d+footer", cert, i+1), "crt", []byte(s[:off]+pemFooter+"\n\x00"))
		}
	}
	if !every7 {
		return
	}
	bodyEnd := len(s) - len(pemFooter) - 1
	for n := 7; n < len(s); n += 7 {
		b.add(fmt.Sprintf("%s/pem-nul/cut-at-%d", cert, n), "crt", append([]byte(s[:n]), 0))
		// Cut inside the body with the footer line still there: the base64
		// loses 1 to 3 digits of its last group, which 2.28 decodes short
		// and 3.6 rejects.
		if n > len(pemHeader)+1 && n < bodyEnd && smallCutCerts[cert] {
			b.add(fmt.Sprintf("%s/pem-nul/cut-at-%d+footer", cert, n), "crt", []byte(s[:n]+"\n"+pemFooter+"\n\x00"))
		}
	}
	if !smallCutCerts[cert] {
		return
	}
	crlf := armour(b64Lines(der, 64), "\r\n")
	for n := 7; n < len(crlf); n += 7 {
		b.add(fmt.Sprintf("%s/pem-crlf-nul/cut-at-%d", cert, n), "crt", append([]byte(crlf[:n]), 0))
	}
}

// smallCutCerts also get the cuts with the footer re-appended and their CRLF
// PEM cut at every 7th byte (two small certificates: the outcomes repeat
// with period 4 along the body, so more certificates add little).
var smallCutCerts = map[string]bool{"ed25519-root": true, "p256-sha256-leaf": true}
