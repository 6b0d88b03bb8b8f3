package profile

import (
	"fmt"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Preset is a named device configuration: a stock mbedTLS config, ESP-IDF's
// defaults, or a trimmed embedded build. The trimmed presets match the builds
// the oracle tests run against (scripts/mbedtls-oracle), so what tlsdoctor
// predicts for them is checked against the real library.
type Preset struct {
	Name    string
	Summary string
	// Versions are the mbedTLS versions the preset describes by default;
	// Config works for both versions.
	Versions []errcode.MbedVersion

	overlay   map[errcode.MbedVersion]string // applied to the stock config; nil: stock
	sdkconfig string                         // ESP-IDF options; "" when not ESP-IDF
}

var presetsLazy lazy.Value[[]Preset]

// presets are listed in the order Presets returns them.
func presets() []Preset { return presetsLazy.Get(buildPresets) }

func buildPresets() []Preset {
	return []Preset{
		{
			Name:     "mbedtls-2.28",
			Summary:  "upstream mbedTLS 2.28.3 with its default config.h",
			Versions: []errcode.MbedVersion{errcode.Mbed228},
		},
		{
			Name:     "mbedtls-3.6",
			Summary:  "upstream mbedTLS 3.6.6 with its default mbedtls_config.h",
			Versions: []errcode.MbedVersion{errcode.Mbed36},
		},
		{
			Name:      "esp-idf",
			Summary:   "ESP-IDF v5.5.5 defaults for the ESP32 (mbedTLS 3.6.6, esp_config.h): no validity-date check (CONFIG_MBEDTLS_HAVE_TIME_DATE off), 16 KiB in / 4 KiB out record buffers, certificate bundle on",
			Versions:  []errcode.MbedVersion{errcode.Mbed36},
			sdkconfig: "CONFIG_IDF_TARGET=\"esp32\"\n",
		},
		{
			Name:      "esp-idf-4.4",
			Summary:   "ESP-IDF v4.4.8 defaults for the ESP32 (mbedTLS 2.28.8, esp_config.h): as esp-idf, with TLS 1.0/1.1 and keyUsage checks as IDF 4.4 had them",
			Versions:  []errcode.MbedVersion{errcode.Mbed228},
			sdkconfig: "CONFIG_IDF_TARGET=\"esp32\"\n",
		},
		{
			Name:     "embedded-small",
			Summary:  "a trimmed embedded build: MBEDTLS_MPI_MAX_SIZE 256 (RSA up to 2048 bits), no P-384, P-521 or Brainpool curves, no SHA-384/512, MBEDTLS_SSL_IN_CONTENT_LEN 4096",
			Versions: []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36},
			overlay: map[errcode.MbedVersion]string{
				errcode.Mbed228: embeddedSmall + "#undef MBEDTLS_SHA512_C\n#define MBEDTLS_ENTROPY_FORCE_SHA256\n",
				errcode.Mbed36:  embeddedSmall + "#undef MBEDTLS_SHA384_C\n#undef MBEDTLS_SHA512_C\n",
			},
		},
		{
			Name:     "no-pem",
			Summary:  "a DER-only build: MBEDTLS_PEM_PARSE_C and MBEDTLS_PEM_WRITE_C off",
			Versions: []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36},
			overlay: map[errcode.MbedVersion]string{
				errcode.Mbed228: noPEM,
				errcode.Mbed36:  noPEM,
			},
		},
		{
			Name:     "small-buffers",
			Summary:  "the smallest record buffers a TLS 1.2 client works with: MBEDTLS_SSL_IN_CONTENT_LEN and _OUT_CONTENT_LEN 512, max_fragment_length on",
			Versions: []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36},
			overlay: map[errcode.MbedVersion]string{
				errcode.Mbed228: smallBuffers,
				errcode.Mbed36:  smallBuffers,
			},
		},
	}
}

// The overlays below are the oracle builds' user configs (scripts/mbedtls-oracle,
// config_header), so each preset has a real library to be checked against.
const (
	embeddedSmall = `/* RSA keys up to 2048 bits: MBEDTLS_MPI_MAX_SIZE is in bytes. */
#undef MBEDTLS_MPI_MAX_SIZE
#define MBEDTLS_MPI_MAX_SIZE 256
/* P-256 and X25519 stay; no P-384, P-521 or Brainpool. */
#undef MBEDTLS_ECP_DP_SECP384R1_ENABLED
#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED
#undef MBEDTLS_ECP_DP_BP256R1_ENABLED
#undef MBEDTLS_ECP_DP_BP384R1_ENABLED
#undef MBEDTLS_ECP_DP_BP512R1_ENABLED
/* A 4 KiB incoming record buffer. */
#undef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 4096
/* No SHA-384/512: */
`
	noPEM = `/* DER-only device: no PEM module at all. */
#undef MBEDTLS_PEM_PARSE_C
#undef MBEDTLS_PEM_WRITE_C
`
	smallBuffers = `/* 512 is the smallest maximum_fragment_length of RFC 6066. */
#undef MBEDTLS_SSL_IN_CONTENT_LEN
#define MBEDTLS_SSL_IN_CONTENT_LEN 512
#undef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 512
#undef MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
`
)

// Presets returns every preset, stock configs first.
func Presets() []Preset {
	out := make([]Preset, len(presets()))
	copy(out, presets())
	return out
}

var presetAliasesLazy lazy.Value[map[string]string]

// presetAliases are other names users write for the presets.
func presetAliases() map[string]string { return presetAliasesLazy.Get(buildPresetAliases) }

func buildPresetAliases() map[string]string {
	return map[string]string{
		"stock-2.28": "mbedtls-2.28", "2.28": "mbedtls-2.28", "mbedtls-2.28.3": "mbedtls-2.28",
		"stock-3.6": "mbedtls-3.6", "3.6": "mbedtls-3.6", "mbedtls-3.6.6": "mbedtls-3.6",
		"esp-idf-5.5": "esp-idf", "esp-idf-5": "esp-idf", "esp32": "esp-idf", "idf": "esp-idf",
		"esp-idf-4": "esp-idf-4.4",
		"embedded":  "embedded-small", "small": "embedded-small",
		"nopem": "no-pem", "der-only": "no-pem",
		"smallbuf": "small-buffers",
	}
}

// PresetByName finds a preset by its name or a common alias, ignoring case.
func PresetByName(name string) (Preset, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := presetAliases()[n]; ok {
		n = a
	}
	for _, p := range presets() {
		if p.Name == n {
			return p, true
		}
	}
	return Preset{}, false
}

// PresetNames lists the preset names, for usage text and errors.
func PresetNames() []string {
	names := make([]string, len(presets()))
	for i, p := range presets() {
		names[i] = p.Name
	}
	return names
}

// Config returns the preset's configuration for version v, with notes on how it
// was made. The ESP-IDF presets map ESP-IDF's defaults with the release that
// ships v (v5.5.5 for 3.6, v4.4.8 for 2.28).
func (p Preset) Config(v errcode.MbedVersion) (Macros, []Note, error) {
	if err := checkVersion(v); err != nil {
		return nil, nil, err
	}
	switch {
	case p.sdkconfig != "":
		m, notes, err := ReadSdkconfig([]byte(p.sdkconfig), v)
		if err != nil {
			return nil, nil, err
		}
		// The ESP-IDF defaults come from no file: drop "not in the file" wording.
		out := []Note{{Kind: NoteSource, Text: fmt.Sprintf("preset %s: ESP-IDF %s's default options (Kconfig defaults, ESP32), as esp_config.h maps them", p.Name, idfFor(v).tag)}}
		for _, n := range notes {
			if n.Kind != NoteDefault {
				out = append(out, n)
			}
		}
		return m, out, nil
	case p.overlay != nil:
		text, ok := p.overlay[v]
		if !ok {
			return nil, nil, fmt.Errorf("preset %s has no config for mbedTLS %s", p.Name, v)
		}
		name := "preset:" + p.Name
		r, err := readHeader(textFS{name, text}, name, v, HeaderOptions{Mode: ModeOverlay})
		if err != nil {
			return nil, nil, err
		}
		return r.macros, r.notes, nil
	}
	return Stock(v), []Note{{Kind: NoteSource, Text: fmt.Sprintf("preset %s: the upstream default config of mbedTLS %s", p.Name, v.Release())}}, nil
}
