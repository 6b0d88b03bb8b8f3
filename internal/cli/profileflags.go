package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// profileFlags are the flags that describe the device, shared by every
// command that predicts what the device does.
type profileFlags struct {
	MbedTLS    string
	Config     string
	ConfigMode string
	Include    []string
	Preset     string
	DeviceTime string
	Heap       string
}

func (f *profileFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.MbedTLS, "mbedtls", "", "mbedTLS line of the device: 2.28 or 3.6 (default: both, side by side)")
	fs.StringVar(&f.Config, "config", "", "the device's mbedtls_config.h / config.h / user config, or an ESP-IDF sdkconfig")
	fs.StringVar(&f.ConfigMode, "config-mode", "auto", "how --config relates to the stock config: auto, full (a whole config) or overlay (an MBEDTLS_USER_CONFIG_FILE)")
	fs.StringArrayVarP(&f.Include, "include", "I", nil, "directory searched for #include in --config (repeatable)")
	fs.StringVar(&f.Preset, "preset", "", "a named device configuration instead of --config ("+strings.Join(profile.PresetNames(), ", ")+")")
	fs.StringVar(&f.DeviceTime, "device-time", "", "the device's clock: a date (2000-01-01), \"unset\" (the RTC start value) or \"now\" (default)")
	fs.StringVar(&f.Heap, "heap", "", "heap available to the parse, e.g. 40000 or 40k")
}

// profile builds the device profile; errors are usage errors with a hint.
func (f *profileFlags) profile(now time.Time) (*profile.Profile, error) {
	opts := profile.Options{Preset: f.Preset, DeviceTime: f.DeviceTime, Now: now}
	if f.MbedTLS != "" && f.MbedTLS != "both" {
		v, ok := errcode.ParseMbedVersion(f.MbedTLS)
		if !ok {
			return nil, usageError(fmt.Sprintf("--mbedtls %q: want 2.28 or 3.6", f.MbedTLS))
		}
		opts.Versions = []errcode.MbedVersion{v}
	}
	if f.Heap != "" {
		h, err := profile.ParseHeap(f.Heap)
		if err != nil {
			return nil, usageError(err.Error(), "give the heap in bytes, e.g. --heap 40000 or --heap 40k")
		}
		opts.Heap = h
	}
	mode, ok := profile.ParseConfigMode(f.ConfigMode)
	if !ok {
		return nil, usageError(fmt.Sprintf("--config-mode %q: want auto, full or overlay", f.ConfigMode))
	}
	opts.Header = profile.HeaderOptions{Mode: mode}
	if f.Config != "" {
		abs, err := filepath.Abs(f.Config)
		if err != nil {
			return nil, usageError(err.Error())
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, usageError(fmt.Sprintf("--config %s: %v", f.Config, errors.Unwrap(err)), "give the path of the device's mbedtls_config.h, config.h or sdkconfig")
		}
		root, rel := fsRoot(abs)
		opts.FS, opts.Config = os.DirFS(root), rel
		for _, d := range f.Include {
			ad, err := filepath.Abs(d)
			if err != nil {
				return nil, usageError(err.Error())
			}
			_, rd := fsRoot(ad)
			opts.Header.IncludeDirs = append(opts.Header.IncludeDirs, rd)
		}
	}
	p, err := profile.New(opts)
	if err != nil {
		return nil, usageError(err.Error())
	}
	return p, nil
}

// fsRoot splits an absolute path into a file system root and the slash path
// below it, as io/fs wants it.
func fsRoot(abs string) (root, rel string) {
	vol := filepath.VolumeName(abs)
	root = vol + string(filepath.Separator)
	rel = filepath.ToSlash(strings.TrimPrefix(abs[len(vol):], string(filepath.Separator)))
	return root, rel
}

// describeProfile is the one line that says what the device is assumed to be.
func describeProfile(p *profile.Profile) string {
	var vs []string
	for _, v := range p.Versions {
		vs = append(vs, "mbedTLS "+v.Release())
	}
	s := strings.Join(vs, " and ") + " (" + p.ConfigSource + ")"
	if p.ClockUnset || p.TimeNote != "" && !strings.HasPrefix(p.TimeNote, "no device time") {
		s += "; device clock " + p.DeviceTime.Format("2006-01-02")
	} else {
		s += " and a correct device clock"
	}
	return s
}
