package profile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The clock values of a device that never set its clock. Most MCU RTCs (STM32,
// nRF, SAM, the DS3231 family) come out of reset at 2000-01-01 00:00:00;
// ESP-IDF and other newlib ports count from the Unix epoch until SNTP sets
// the time. They are functions, not variables, so that no code runs for
// them at start-up.
func RTCStart() time.Time { return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) }

// EpochStart is the Unix epoch, where newlib's clock starts (see RTCStart).
func EpochStart() time.Time { return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC) }

// TimeError is a device time tlsdoctor cannot read; it lists what it can.
type TimeError struct {
	Input string
}

func (e *TimeError) Error() string {
	return fmt.Sprintf("device time %q not understood: want a date (2024-05-01), a date and time (2024-05-01T12:00:00Z, or with an offset), a year (2000), @UNIX-SECONDS, now, now-30d / now+1y, or unset (the RTC start value 2000-01-01; 1970 for a clock counting from the Unix epoch)", e.Input)
}

var relativeLazy lazy.Value[*regexp.Regexp]

func relative() *regexp.Regexp { return relativeLazy.Get(buildRelative) }

func buildRelative() *regexp.Regexp {
	return regexp.MustCompile(`^now\s*([+-])\s*(\d{1,6})\s*([smhdwy])$`)
}

// ParseDeviceTime reads the device's clock as the user gives it and says, in
// note, what tlsdoctor takes it to mean. unset is true for the values a clock
// holds when nothing ever set it ("unset", "2000", "1970", "epoch"), which make
// every certificate "not yet valid". An empty s means the device clock is right:
// now.
func ParseDeviceTime(s string, now time.Time) (t time.Time, unset bool, note string, err error) {
	in := strings.ToLower(strings.TrimSpace(s))
	now = now.UTC()
	switch in {
	case "":
		return now, false, fmt.Sprintf("no device time given: the device clock is taken to be right (%s)", now.Format(time.RFC3339)), nil
	case "now":
		return now, false, fmt.Sprintf("the device clock is right: %s", now.Format(time.RFC3339)), nil
	case "unset", "rtc", "2000":
		return RTCStart(), true, "the device clock was never set, so it reads the RTC start value 2000-01-01 00:00:00 UTC, where most MCU real-time clocks reset to: every certificate issued later is \"not yet valid\" (use 1970 for a clock that counts from the Unix epoch, as ESP-IDF's does before SNTP)", nil
	case "1970", "epoch", "0", "@0":
		return EpochStart(), true, "the device clock was never set and counts from the Unix epoch, 1970-01-01 00:00:00 UTC (ESP-IDF and newlib before SNTP): every certificate is \"not yet valid\"", nil
	}
	if m := relative().FindStringSubmatch(in); m != nil {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "-" {
			n = -n
		}
		var t time.Time
		switch m[3] {
		case "s":
			t = now.Add(time.Duration(n) * time.Second)
		case "m":
			t = now.Add(time.Duration(n) * time.Minute)
		case "h":
			t = now.Add(time.Duration(n) * time.Hour)
		case "d":
			t = now.AddDate(0, 0, n)
		case "w":
			t = now.AddDate(0, 0, 7*n)
		case "y":
			t = now.AddDate(n, 0, 0)
		}
		return t, false, fmt.Sprintf("the device clock reads %s (%s)", t.Format(time.RFC3339), in), nil
	}
	if sec, ok := strings.CutPrefix(in, "@"); ok {
		n, err := strconv.ParseInt(sec, 10, 64)
		if err != nil || n < -62135596800 || n > 253402300799 {
			return time.Time{}, false, "", &TimeError{s}
		}
		t := time.Unix(n, 0).UTC()
		return t, false, fmt.Sprintf("the device clock reads %s (Unix time %d)", t.Format(time.RFC3339), n), nil
	}
	if len(in) == 4 {
		if y, err := strconv.Atoi(in); err == nil && y > 0 {
			t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			return t, false, fmt.Sprintf("the device clock reads %s", t.Format(time.RFC3339)), nil
		}
	}
	str := strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, str); err == nil {
			return t, false, fmt.Sprintf("the device clock reads %s", t.UTC().Format(time.RFC3339)), nil
		}
	}
	// No zone given: mbedTLS compares certificate times, which are UTC, with
	// the device's gmtime(), so a zoneless time is taken as UTC.
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, str); err == nil {
			return t, false, fmt.Sprintf("the device clock reads %s (no zone given: taken as UTC, which mbedTLS compares certificate times with)", t.Format(time.RFC3339)), nil
		}
	}
	return time.Time{}, false, "", &TimeError{s}
}
