// Package profile describes the device whose TLS stack tlsdoctor predicts:
// which mbedTLS versions, the configuration each is built with, the device's
// clock and its heap.
//
// The configuration is what the C preprocessor of the device's build sees:
// read from the user's mbedtls_config.h / config.h (a full config or an
// MBEDTLS_USER_CONFIG_FILE overlay, with its #include files and #if blocks),
// from an ESP-IDF sdkconfig (mapped as ESP-IDF's esp_config.h maps it), or
// taken from a named preset; without any, the upstream default config, said so
// in a note. The stock configs are generated from the upstream headers
// (internal/gen/profilestock), so a profile compares with them macro for macro.
//
// Everything that was read, assumed or could not be evaluated is a Note with
// its file and line. The package never prints, and takes the file system and
// the clock as parameters.
package profile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Profile is one device as tlsdoctor models it. Its JSON form (MarshalJSON)
// names versions as users write them ("2.28").
type Profile struct {
	// Versions are the mbedTLS versions predicted, oldest first.
	Versions []errcode.MbedVersion
	// Config is the effective configuration per version.
	Config map[errcode.MbedVersion]Macros
	// ConfigSource says where the configuration came from: "stock (no --config
	// given)", "mbedtls_config.h (full config)", "sdkconfig (ESP-IDF)", or a
	// preset name.
	ConfigSource string
	// ConfigNotes record how the configuration was read: each #define and
	// #undef with its file and line, includes followed, directives not
	// understood, and the options that differ from stock.
	ConfigNotes []Note
	// DeviceTime is what the device's clock reads; ClockUnset is true when it
	// was never set (the RTC start value). TimeNote says how it was read.
	DeviceTime time.Time
	ClockUnset bool
	TimeNote   string
	// Heap is the number of bytes the device has for parsing, 0 when unknown.
	Heap int
}

// Int returns the integer value version v's library code sees for an option:
// the configuration's value, or the module header's default when the
// configuration leaves it unset (MBEDTLS_MPI_MAX_SIZE 1024). ok is false when
// the profile does not cover v or the value is not an integer.
func (p *Profile) Int(v errcode.MbedVersion, name string) (int, bool) {
	m, ok := p.Config[v]
	if !ok {
		return 0, false
	}
	return EffectiveInt(v, m, name)
}

// Defined reports whether version v's configuration defines name.
func (p *Profile) Defined(v errcode.MbedVersion, name string) bool {
	return p.Config[v].Defined(name)
}

// Options say how to build a Profile.
type Options struct {
	// Versions to predict; empty means the preset's, or both.
	Versions []errcode.MbedVersion
	// Preset names a preset (see Presets); "" for none.
	Preset string
	// FS and Config name a config file: an mbedTLS config header or an
	// ESP-IDF sdkconfig / sdkconfig.h, told apart by name and content.
	FS     fs.FS
	Config string
	// Header tunes the reading of a config header (full or overlay, include
	// directories, -D macros).
	Header HeaderOptions
	// DeviceTime is the device clock as the user gives it (see
	// ParseDeviceTime); Now is the current time.
	DeviceTime string
	Now        time.Time
	// Heap is the heap available to the parse in bytes, 0 when unknown.
	Heap int
}

// ErrPresetAndConfig says a preset and a config file were both given.
var ErrPresetAndConfig = errors.New("a preset and a config file were both given: a profile takes one configuration")

// PresetError is a preset name that is not known; it lists the known ones.
type PresetError struct{ Name string }

func (e *PresetError) Error() string {
	return fmt.Sprintf("no preset %q: the presets are %s", e.Name, strings.Join(PresetNames(), ", "))
}

// New builds a profile. Without a preset or config file the configuration is
// the upstream default, and a note says so.
func New(opts Options) (*Profile, error) {
	if opts.Preset != "" && opts.Config != "" {
		return nil, ErrPresetAndConfig
	}
	if opts.Heap < 0 {
		return nil, fmt.Errorf("heap %d bytes: want a positive size, or 0 for unknown", opts.Heap)
	}
	p := &Profile{Config: map[errcode.MbedVersion]Macros{}, Heap: opts.Heap}
	var preset Preset
	if opts.Preset != "" {
		var ok bool
		if preset, ok = PresetByName(opts.Preset); !ok {
			return nil, &PresetError{opts.Preset}
		}
	}
	p.Versions = versionsOf(opts.Versions, preset)
	for _, v := range p.Versions {
		if err := checkVersion(v); err != nil {
			return nil, err
		}
	}

	per := map[errcode.MbedVersion][]Note{}
	switch {
	case opts.Preset != "":
		p.ConfigSource = preset.Name
		for _, v := range p.Versions {
			m, notes, err := preset.Config(v)
			if err != nil {
				return nil, err
			}
			p.Config[v], per[v] = m, notes
		}
	case opts.Config != "":
		if opts.FS == nil {
			return nil, &ConfigError{File: opts.Config, Err: errNoFS}
		}
		name := strings.TrimPrefix(path.Clean(opts.Config), "./")
		data, err := readLimited(opts.FS, name)
		if err != nil {
			var ce *ConfigError
			if errors.As(err, &ce) {
				return nil, ce
			}
			return nil, &ConfigError{File: name, Err: err}
		}
		if isSdkconfig(name, data) {
			p.ConfigSource = path.Base(name) + " (ESP-IDF)"
			for _, v := range p.Versions {
				m, notes, err := ReadSdkconfig([]byte(data), v)
				if err != nil {
					return nil, err
				}
				for i := range notes {
					if notes[i].File == sdkconfigName {
						notes[i].File = name
					}
				}
				p.Config[v], per[v] = m, notes
			}
			break
		}
		modes := map[ConfigMode]bool{}
		for _, v := range p.Versions {
			r, err := readHeader(opts.FS, name, v, opts.Header)
			if err != nil {
				return nil, err
			}
			p.Config[v], per[v] = r.macros, r.notes
			modes[r.mode] = true
		}
		switch {
		case len(modes) > 1:
			p.ConfigSource = path.Base(name) + " (full config for some versions, overlay for others)"
		case modes[ModeFull]:
			p.ConfigSource = path.Base(name) + " (full config)"
		default:
			p.ConfigSource = path.Base(name) + " (overlay on the stock config)"
		}
	default:
		p.ConfigSource = "stock (no --config given)"
		for _, v := range p.Versions {
			p.Config[v] = Stock(v)
			per[v] = []Note{{Kind: NoteSource, Text: fmt.Sprintf("no config given: the upstream default config of mbedTLS %s is assumed", v.Release())}}
		}
	}
	p.ConfigNotes = mergeNotes(per, p.Versions)

	t, unset, note, err := ParseDeviceTime(opts.DeviceTime, opts.Now)
	if err != nil {
		return nil, err
	}
	p.DeviceTime, p.ClockUnset, p.TimeNote = t, unset, note
	return p, nil
}

func versionsOf(asked []errcode.MbedVersion, preset Preset) []errcode.MbedVersion {
	var vs []errcode.MbedVersion
	switch {
	case len(asked) > 0:
		vs = asked
	case len(preset.Versions) > 0:
		vs = preset.Versions
	default:
		vs = errcode.MbedVersions
	}
	// Oldest first, each once.
	var out []errcode.MbedVersion
	for _, v := range errcode.MbedVersions {
		for _, a := range vs {
			if a == v {
				out = append(out, v)
				break
			}
		}
	}
	for _, a := range vs {
		if a != errcode.Mbed228 && a != errcode.Mbed36 {
			out = append(out, a) // checkVersion rejects it with a message
		}
	}
	return out
}

// isSdkconfig tells an ESP-IDF sdkconfig (or sdkconfig.h) from a config header.
func isSdkconfig(name, data string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, "sdkconfig") {
		return true
	}
	if bytes.Contains([]byte(data), []byte("#define MBEDTLS_")) {
		return false
	}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "# CONFIG_") && !strings.HasPrefix(line, "#define CONFIG_") {
			continue
		}
		return strings.HasPrefix(line, "CONFIG_") || strings.HasPrefix(line, "# CONFIG_") || strings.HasPrefix(line, "#define CONFIG_")
	}
	return false
}
