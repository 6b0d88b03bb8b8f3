// Package term decides how output looks on the user's terminal: whether
// colour is wanted, and how wide lines may be.
//
// The rules: colour only when stdout is a terminal, never when NO_COLOR is set
// (https://no-color.org) or TERM is "dumb"; results go to stdout, hints and
// warnings to stderr.
package term

import "strconv"

// Style holds what the renderer may use.
type Style struct {
	Color bool
	Width int // columns; 0 means unknown (do not wrap)
}

// Detect returns the style for an output stream given the environment.
// isTTY is passed in so that tests can decide it.
func Detect(isTTY bool, getenv func(string) string) Style {
	s := Style{}
	if isTTY && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb" {
		s.Color = true
	}
	if w, err := strconv.Atoi(getenv("COLUMNS")); err == nil && w > 20 {
		s.Width = w
	}
	return s
}

// ANSI styles.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	green  = "\x1b[32m"
	dim    = "\x1b[2m"
	cyan   = "\x1b[36m"
)

func (s Style) wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return code + text + reset
}

// Bold marks headings and the verdict.
func (s Style) Bold(t string) string { return s.wrap(bold, t) }

// Error marks errors.
func (s Style) Error(t string) string { return s.wrap(red, t) }

// Warn marks warnings.
func (s Style) Warn(t string) string { return s.wrap(yellow, t) }

// OK marks what is fine.
func (s Style) OK(t string) string { return s.wrap(green, t) }

// Dim marks sources and other secondary text.
func (s Style) Dim(t string) string { return s.wrap(dim, t) }

// Code marks code names and commands.
func (s Style) Code(t string) string { return s.wrap(cyan, t) }
