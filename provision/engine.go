package provision

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// Transport is the device's serial line. Read may return (0, nil) when a
// read timeout passes (go.bug.st/serial does); it must return an error
// once the transport is closed. The engine reads from one goroutine until
// Run returns; close the transport after Run to end that goroutine.
type Transport interface {
	io.Reader
	io.Writer
}

// ClearToSender is a transport with RTS/CTS lines: WaitClearToSend blocks
// until the device asserts CTS, or ctx ends.
type ClearToSender interface {
	WaitClearToSend(ctx context.Context) error
}

// Clock is the engine's time source, injectable for tests.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// EventKind is what an Event reports.
type EventKind uint8

// The event kinds.
const (
	EventStep      EventKind = iota // a step starts
	EventBench                      // the person at the bench must act now, before Deadline
	EventBenchDone                  // the device moved on after a bench prompt
	EventProgress                   // a certificate line was sent (Line of Lines)
)

// Event tells the caller what the engine is doing, so that a CLI can show
// a countdown or progress. The engine calls Options.Events from Run's
// goroutine; the callback must not block.
type Event struct {
	Kind        EventKind
	Step        int
	Src         string
	Instruction string
	Deadline    time.Time
	Line, Lines int
}

// Options steer a run.
type Options struct {
	// Ending overrides the dialogue's line ending (EndingDefault keeps it).
	Ending LineEnding
	// Pace overrides the dialogue's pace when not zero.
	Pace *Pace
	// RTSCTS waits for CTS before each chunk; the transport must
	// implement ClearToSender.
	RTSCTS bool
	// AnyEnding lets Ending be one the dialogue says the device does not
	// read as a line end (to reproduce a fault).
	AnyEnding bool
	// Vars override the dialogue's variables.
	Vars map[string]string
	// Events, if set, receives progress and bench prompts.
	Events func(Event)
	// Clock defaults to the real clock.
	Clock Clock
}

// Result is what a run did. Run returns it on every outcome, with the
// transcript.
type Result struct {
	Dialogue string
	// Confirmed is true only when every confirm step saw the device's
	// confirmation; Confirmations holds what the device said.
	Confirmed     bool
	Confirmations []string
	// BytesSent counts every byte written.
	BytesSent  int
	Transcript *Transcript
}

// ConfigError is a run that cannot start: the options do not fit the
// dialogue or the transport.
type ConfigError struct{ Msg string }

func (e *ConfigError) Error() string { return e.Msg }

type chunk struct {
	at  time.Time
	b   []byte
	err error
}

type session struct {
	ctx   context.Context
	t     Transport
	d     *Dialogue
	p     *Payload
	opt   Options
	clock Clock
	pace  Pace
	end   LineEnding
	vars  map[string]string
	res   *Result
	tr    *Transcript

	in      chan chunk
	done    chan struct{}
	readErr error

	buf     []byte // received, not yet consumed
	total   int    // bytes received
	garbage int    // received bytes that are not text

	step     int
	cur      *Step
	lastSent StepKind
	sentAny  bool
	bench    *benchState
}

type benchState struct {
	src      string
	deadline time.Time
	within   time.Duration
}

// Run runs dialogue d over t with payload p. It returns the result (always,
// with the transcript) and a *StepError when the device did not confirm,
// or a *ConfigError when the run could not start.
func Run(ctx context.Context, t Transport, d *Dialogue, p *Payload, opt Options) (*Result, error) {
	clock := opt.Clock
	if clock == nil {
		clock = realClock{}
	}
	tr := &Transcript{Start: clock.Now()}
	res := &Result{Dialogue: d.Name, Transcript: tr}
	s := &session{ctx: ctx, t: t, d: d, p: p, opt: opt, clock: clock, pace: d.Pace, end: d.Ending, res: res, tr: tr,
		in: make(chan chunk, 256), done: make(chan struct{})}
	if opt.Ending != EndingDefault {
		s.end = opt.Ending
	}
	if opt.Pace != nil && !opt.Pace.IsZero() {
		s.pace = *opt.Pace
	}
	s.vars = map[string]string{}
	for k, v := range d.Vars {
		s.vars[k] = v
	}
	for k, v := range opt.Vars {
		s.vars[k] = v
	}
	if !d.AcceptsEnding(s.end) && !opt.AnyEnding {
		return res, &ConfigError{fmt.Sprintf("the %s dialogue's device ends lines at %s; with %s it would never see the end of a line: use --line-ending %s",
			d.Name, endingList(d.Accepts), s.end, d.Accepts[0])}
	}
	if opt.RTSCTS {
		if _, ok := t.(ClearToSender); !ok {
			return res, &ConfigError{"RTS/CTS flow control asked for, but this port has no modem control lines"}
		}
	}
	tr.note(clock.Now(), "dialogue %s; line ending %s; pace %s", d.Name, s.end, s.pace)
	go s.readLoop()
	defer close(s.done)
	for i := range d.Steps {
		st := &d.Steps[i]
		s.step, s.cur = i+1, st
		s.emit(Event{Kind: EventStep, Step: i + 1, Src: st.Src})
		tr.note(clock.Now(), "step %d: %s", i+1, st.Src)
		if err := s.run(st); err != nil {
			var se *StepError
			if errors.As(err, &se) {
				tr.note(clock.Now(), "failed: %s", se.Detail)
			}
			return res, err
		}
	}
	res.Confirmed = len(res.Confirmations) > 0
	if !res.Confirmed {
		return res, s.fail(ReasonMismatch, "the dialogue ended without the device's confirmation", "")
	}
	tr.note(clock.Now(), "confirmed by the device")
	return res, nil
}

func (s *session) emit(e Event) {
	if s.opt.Events != nil {
		s.opt.Events(e)
	}
}

func (s *session) readLoop() {
	b := make([]byte, 4096)
	for {
		n, err := s.t.Read(b)
		if n > 0 {
			c := chunk{at: s.clock.Now(), b: append([]byte(nil), b[:n]...)}
			select {
			case s.in <- c:
			case <-s.done:
				return
			}
		}
		if err != nil {
			select {
			case s.in <- chunk{at: s.clock.Now(), err: err}:
			case <-s.done:
			}
			return
		}
		select {
		case <-s.done:
			return
		default:
		}
	}
}

func (s *session) fail(r Reason, detail, hint string) *StepError {
	e := &StepError{Reason: r, Step: s.step, Detail: detail, Hint: hint}
	if s.cur != nil {
		e.Src, e.DialogueLine = s.cur.Src, s.cur.Line
	}
	return e
}

// receive takes one chunk from the reader.
func (s *session) receive(c chunk) error {
	if c.err != nil {
		s.readErr = c.err
		return s.transportErr(c.err)
	}
	s.tr.add(c.at, Received, c.b)
	s.buf = append(s.buf, c.b...)
	s.total += len(c.b)
	for _, b := range c.b {
		if !isText(b) {
			s.garbage++
		}
	}
	return nil
}

func isText(b byte) bool { return b == '\r' || b == '\n' || b == '\t' || b >= 0x20 && b < 0x7f }

func (s *session) transportErr(err error) *StepError {
	e := s.fail(ReasonTransport, "the port failed: "+err.Error(), "check the cable and that no other program uses the port")
	if errors.Is(err, io.EOF) {
		e.Detail = "the port closed (the device was unplugged or reset)"
	}
	e.Err = err
	return e
}

// pump waits for one chunk, the timer, or the context. It returns
// timedOut when the timer fired first.
func (s *session) pump(timer <-chan time.Time) (timedOut bool, err error) {
	if s.readErr != nil {
		select {
		case <-timer:
			return true, nil
		case <-s.ctx.Done():
			return false, s.canceled()
		}
	}
	select {
	case c := <-s.in:
		return false, s.receive(c)
	case <-timer:
		return true, nil
	case <-s.ctx.Done():
		return false, s.canceled()
	}
}

func (s *session) canceled() *StepError {
	e := s.fail(ReasonCanceled, "interrupted", "")
	e.Err = s.ctx.Err()
	return e
}

// drain takes what has already arrived without waiting.
func (s *session) drain() error {
	for {
		select {
		case c := <-s.in:
			if err := s.receive(c); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// sleep waits d while still taking the device's output.
func (s *session) sleep(d time.Duration) error {
	if d <= 0 {
		return s.drain()
	}
	timer := s.clock.After(d)
	for {
		timedOut, err := s.pump(timer)
		if err != nil {
			return err
		}
		if timedOut {
			return nil
		}
	}
}

// write sends b at the session's pace, waiting for CTS when asked.
func (s *session) write(b []byte) error {
	s.sentAny = true
	chunkSize := len(b)
	if s.pace.BytesPerSecond > 0 {
		chunkSize = max(1, s.pace.BytesPerSecond/50)
	}
	if s.opt.RTSCTS {
		chunkSize = min(chunkSize, 16)
	}
	sent := 0
	for sent < len(b) {
		chunkStart := s.clock.Now()
		n := min(chunkSize, len(b)-sent)
		if s.opt.RTSCTS {
			cts := s.t.(ClearToSender)
			ctx, cancel := context.WithTimeout(s.ctx, s.d.EchoTimeout*5)
			err := cts.WaitClearToSend(ctx)
			cancel()
			if err != nil {
				if s.ctx.Err() != nil {
					return s.canceled()
				}
				return s.fail(ReasonFlow, fmt.Sprintf("the device held CTS low for %s after %d bytes: it is not ready to receive", s.d.EchoTimeout*5, s.res.BytesSent),
					"check the RTS/CTS wiring, or run without --rtscts")
			}
		}
		w, err := s.t.Write(b[sent : sent+n])
		s.tr.add(s.clock.Now(), Sent, b[sent:sent+w])
		s.res.BytesSent += w
		sent += w
		if err != nil {
			return s.transportErr(err)
		}
		if s.pace.BytesPerSecond > 0 {
			// Each chunk takes its own share of time: never catch up with
			// a burst after a late wake-up, which is what overflows a small
			// receive buffer.
			due := chunkStart.Add(time.Duration(w) * time.Second / time.Duration(s.pace.BytesPerSecond))
			if err := s.sleep(due.Sub(s.clock.Now())); err != nil {
				return err
			}
		} else if err := s.drain(); err != nil {
			return err
		}
	}
	return nil
}

func (s *session) run(st *Step) error {
	switch st.Kind {
	case StepExpect:
		_, _, err := s.expect(st.Pattern, st.Timeout)
		return err
	case StepBench:
		if _, _, err := s.expect(st.Pattern, st.Timeout); err != nil {
			return err
		}
		s.startBench(st.Src, st.Instruction, st.Within)
		return nil
	case StepSleep:
		return s.sleep(st.Timeout)
	case StepSend:
		end := st.Ending
		if end == EndingDefault {
			end = s.end
		}
		text := expand(st.Text, s.vars, s.p)
		s.lastSent = StepSend
		if st.sendsCert() {
			s.lastSent = StepSendCert
		}
		if st.Echo {
			return s.sendLines([]string{text}, end, false)
		}
		if err := s.write([]byte(text + end.Bytes())); err != nil {
			return err
		}
		return s.sleep(s.pace.LineDelay)
	case StepSendCert:
		s.lastSent = StepSendCert
		switch st.Form {
		case CertRaw, CertDER:
			return s.write(s.p.Bytes(st.Form, EndingNone))
		}
		end := st.Ending
		if end == EndingDefault {
			end = s.end
		}
		lines := s.p.Lines()
		if st.Form == CertPEMBlank {
			lines = append(lines, "")
		}
		if st.Echo {
			return s.sendLines(lines, end, true)
		}
		for i, l := range lines {
			if err := s.write([]byte(l + end.Bytes())); err != nil {
				return s.atLine(err, i+1, len(lines))
			}
			s.emit(Event{Kind: EventProgress, Step: s.step, Src: st.Src, Line: i + 1, Lines: len(lines)})
			if err := s.sleep(s.pace.LineDelay); err != nil {
				return s.atLine(err, i+1, len(lines))
			}
		}
		return nil
	case StepConfirm:
		return s.confirm(st)
	}
	return fmt.Errorf("provision: unknown step kind %d", st.Kind)
}

func (s *session) atLine(err error, line, lines int) error {
	var se *StepError
	if errors.As(err, &se) && se.CertLine == 0 {
		se.CertLine, se.CertLines = line, lines
	}
	return err
}

func (s *session) startBench(src, instruction string, within time.Duration) {
	deadline := s.clock.Now().Add(within)
	s.bench = &benchState{src: src, deadline: deadline, within: within}
	s.tr.note(s.clock.Now(), "bench: %s (within %s)", instruction, within)
	s.emit(Event{Kind: EventBench, Step: s.step, Src: src, Instruction: instruction, Deadline: deadline})
}

// resolve fills the {variables} of a template pattern.
func (s *session) resolve(p *Pattern) *Pattern {
	if p == nil || !p.Template {
		return p
	}
	if p.Re == nil {
		return &Pattern{Literal: expand(p.Literal, s.vars, s.p)}
	}
	quoted := map[string]string{}
	for k, v := range s.vars {
		quoted[k] = regexp.QuoteMeta(v)
	}
	src := templateRe().ReplaceAllStringFunc(p.Re.String(), func(m string) string {
		name := m[1 : len(m)-1]
		if v, ok := quoted[name]; ok {
			return v
		}
		if v, ok := s.p.Var(name); ok {
			return regexp.QuoteMeta(v)
		}
		return m
	})
	re, err := regexp.Compile(src)
	if err != nil {
		return p
	}
	return &Pattern{Re: re}
}

// match kinds found by scan.
const (
	hitTarget = iota
	hitError
	hitResponder
)

type hit struct {
	kind       int
	start, end int
	subs       []string
	errReply   *ErrorReply
	responder  *Responder
	line       string
}

// scan finds the earliest of: the target pattern, an error reply (on a
// complete line), a responder's prompt.
func (s *session) scan(target *Pattern) *hit {
	var best *hit
	better := func(h *hit) {
		if best == nil || h.start < best.start || h.start == best.start && h.kind < best.kind {
			best = h
		}
	}
	if target != nil {
		if a, b, subs := s.resolve(target).find(s.buf); a >= 0 {
			better(&hit{kind: hitTarget, start: a, end: b, subs: subs})
		}
	}
	// Error replies are matched on complete lines, so that a code is read
	// whole ("+CME ERROR: 51" is not yet "+CME ERROR: 515").
	lineStart := 0
	for i, c := range s.buf {
		if c != '\n' && c != '\r' {
			continue
		}
		line := s.buf[lineStart:i]
		for k := range s.d.Errors {
			er := &s.d.Errors[k]
			a, _, subs := s.resolve(er.Pattern).find(line)
			if a < 0 || er.Code != "" && (len(subs) == 0 || subs[0] != er.Code) {
				continue
			}
			better(&hit{kind: hitError, start: lineStart + a, end: i, errReply: er, line: strings.TrimSpace(string(line)), subs: subs})
			break
		}
		if best != nil && best.kind == hitError {
			break
		}
		lineStart = i + 1
	}
	for k := range s.d.Responders {
		r := &s.d.Responders[k]
		if a, b, _ := s.resolve(r.Pattern).find(s.buf); a >= 0 {
			better(&hit{kind: hitResponder, start: a, end: b, responder: r})
		}
	}
	return best
}

// consume drops the received bytes up to n.
func (s *session) consume(n int) { s.buf = append(s.buf[:0], s.buf[n:]...) }

// expect waits for pattern, answering responders and watching for error
// replies, and consumes the output up to the match.
func (s *session) expect(pat *Pattern, timeout time.Duration) (string, []string, error) {
	timer := s.clock.After(timeout)
	started := s.clock.Now()
	for {
		if h := s.scan(pat); h != nil {
			switch h.kind {
			case hitTarget:
				matched := string(s.buf[h.start:h.end])
				s.consume(h.end)
				if s.bench != nil {
					s.tr.note(s.clock.Now(), "bench: the device moved on")
					s.emit(Event{Kind: EventBenchDone, Step: s.step, Src: s.bench.src})
					s.bench = nil
				}
				return matched, h.subs, nil
			case hitError:
				s.consume(h.end)
				return "", nil, s.deviceError(h)
			case hitResponder:
				s.consume(h.end)
				r := h.responder
				if r.Instruction != "" {
					s.startBench(r.Src, r.Instruction, r.Within)
					continue
				}
				end := r.Ending
				if end == EndingDefault {
					end = s.end
				}
				s.tr.note(s.clock.Now(), "answering %s", r.Pattern)
				if err := s.write([]byte(expand(r.Send, s.vars, s.p) + end.Bytes())); err != nil {
					return "", nil, err
				}
				continue
			}
		}
		timedOut, err := s.pump(timer)
		if err != nil {
			return "", nil, err
		}
		if timedOut {
			return "", nil, s.timeout(pat, s.clock.Now().Sub(started))
		}
	}
}

func (s *session) deviceError(h *hit) *StepError {
	means := h.errReply.Means
	if means == "" {
		if r, err := errcode.Explain(h.line, errcode.Options{Stack: errcode.Modem}); err == nil && len(r.Readings) > 0 && r.Readings[0].Code != nil {
			c := r.Readings[0].Code
			means = fmt.Sprintf("%s (%s, per errcode: %s)", c.Text, c.Name, c.Module)
		}
	}
	detail := fmt.Sprintf("the device replied %q", h.line)
	if means != "" {
		detail += ": " + means
	}
	e := s.fail(ReasonDeviceError, detail, "")
	e.Reply = h.line
	return e
}

// lastLine is the device's last non-empty line of output, for messages.
func (s *session) lastLine() string {
	all := s.tr.Bytes(Received)
	lines := strings.FieldsFunc(string(all), func(r rune) bool { return r == '\n' || r == '\r' })
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			if len(l) > 80 {
				l = l[:80] + "..."
			}
			return l
		}
	}
	return ""
}

func (s *session) isGarbage() bool { return s.total >= 8 && s.garbage*4 >= s.total }

func (s *session) timeout(pat *Pattern, waited time.Duration) *StepError {
	w := waited.Round(100 * time.Millisecond)
	switch {
	case s.total == 0:
		return s.fail(ReasonSilent, fmt.Sprintf("the device sent nothing in %s", w),
			"check the port name, the baud rate and the cable; reset the board so that it prints its prompt")
	case s.isGarbage():
		return s.fail(ReasonGarbage, fmt.Sprintf("the device's output is not text (%d of %d bytes are not printable): the baud rate is wrong", s.garbage, s.total),
			"try the board's console speed, e.g. --baud 115200 (most boards) or --baud 9600")
	case s.bench != nil:
		return s.fail(ReasonBenchMissed, fmt.Sprintf("waited %s for %s after the bench prompt; the device went on without it (last line %q)", w, pat, s.lastLine()),
			"reset the board and act as soon as the countdown starts (the board gives "+s.bench.within.String()+")")
	case s.lastSent == StepSendCert && s.sentAny:
		e := s.fail(ReasonStopped, fmt.Sprintf("no %s within %s after the certificate was sent (%d bytes): the device stopped mid-transfer or is still waiting for bytes", pat, w, s.res.BytesSent), "")
		if !s.d.AcceptsEnding(s.end) {
			e.Hint = fmt.Sprintf("the device reads lines ended by %s, and %s was sent: use --line-ending %s", endingList(s.d.Accepts), s.end, s.d.Accepts[0])
		} else {
			e.Hint = "reset the board and try again with a slower pace (--pace 1000 or --line-delay 20ms)"
		}
		return e
	}
	return s.fail(ReasonTimeout, fmt.Sprintf("waited %s for %s; the device's last line was %q", w, pat, s.lastLine()),
		"check that the board runs the firmware this dialogue is for, and reset it so it prints the prompt again")
}

func endingList(es []LineEnding) string {
	var ss []string
	for _, e := range es {
		ss = append(ss, e.String())
	}
	return strings.Join(ss, " or ")
}

// sendLines sends lines one at a time and checks each echo before the next
// (so the device's own echo paces the transfer).
func (s *session) sendLines(lines []string, end LineEnding, cert bool) error {
	// What arrived before is not echo: it is in the transcript already.
	if err := s.drain(); err != nil {
		return err
	}
	s.buf = s.buf[:0]
	n := len(lines)
	for i, l := range lines {
		if err := s.write([]byte(l + end.Bytes())); err != nil {
			return s.lineErr(err, cert, i+1, n)
		}
		perLine := s.d.EchoTimeout
		if s.pace.BytesPerSecond > 0 {
			perLine += time.Duration(len(l)+2) * time.Second / time.Duration(s.pace.BytesPerSecond)
		}
		got, complete, err := s.readEcho(len(l), perLine)
		if err != nil {
			return s.lineErr(err, cert, i+1, n)
		}
		if err := s.compareEcho(l, got, complete, end, i, n, cert); err != nil {
			return err
		}
		if cert {
			s.emit(Event{Kind: EventProgress, Step: s.step, Src: s.cur.Src, Line: i + 1, Lines: n})
		}
		if err := s.sleep(s.pace.LineDelay); err != nil {
			return s.lineErr(err, cert, i+1, n)
		}
	}
	return nil
}

func (s *session) lineErr(err error, cert bool, line, lines int) error {
	if cert {
		return s.atLine(err, line, lines)
	}
	return err
}

// readEcho collects the echo of one line: leading line-end bytes (the echo
// of the previous line's end) are skipped; the line's echo ends at the next
// CR or LF. complete is false when the time ran out first.
func (s *session) readEcho(want int, timeout time.Duration) (got []byte, complete bool, err error) {
	timer := s.clock.After(timeout)
	for {
		i := 0
		for ; i < len(s.buf); i++ {
			c := s.buf[i]
			if c == '\r' || c == '\n' {
				if len(got) == 0 && want > 0 {
					continue
				}
				s.consume(i + 1)
				return got, true, nil
			}
			if c == 0x08 && len(got) > 0 { // a backspace edits the echo
				got = got[:len(got)-1]
				continue
			}
			got = append(got, c)
			if len(got) > want+64 {
				s.consume(i + 1)
				return got, true, nil
			}
		}
		s.consume(i)
		timedOut, err := s.pump(timer)
		if err != nil {
			return got, false, err
		}
		if timedOut {
			return got, false, nil
		}
	}
}

func (s *session) compareEcho(sent string, got []byte, complete bool, end LineEnding, idx, n int, cert bool) error {
	line := idx + 1
	mk := func(r Reason, col int, detail, hint string) error {
		e := s.fail(r, detail, hint)
		if cert {
			e.CertLine, e.CertLines = line, n
		}
		e.Column = col
		return e
	}
	if string(got) == sent && complete {
		return nil
	}
	if !complete && len(got) == 0 {
		switch {
		case s.total == 0:
			return mk(ReasonSilent, 0, fmt.Sprintf("the device sent nothing, not even the echo, in %s", s.d.EchoTimeout), "check the port, the baud rate and the cable")
		case idx == 0 && s.res.BytesSent <= len(sent)+2:
			return mk(ReasonNoEcho, 0, fmt.Sprintf("no echo of line %d within %s: the device does not echo, or it is not reading", line, s.d.EchoTimeout),
				"if the device never echoes, use a dialogue without `echo` (a user dialogue file)")
		}
		return mk(ReasonStopped, 0, fmt.Sprintf("the device stopped echoing (nothing for %s after %d bytes sent): it stopped mid-transfer", s.d.EchoTimeout, s.res.BytesSent),
			"reset the board; if it stops at the same place each time its buffer is full or it crashed: try --line-delay 50ms")
	}
	if s.isGarbage() || bytes.IndexFunc(got, func(r rune) bool { return r < 0x20 || r >= 0x7f }) >= 0 && !isTextish(got) {
		return mk(ReasonGarbage, 0, fmt.Sprintf("the echo of line %d is not text (%q): the baud rate is wrong", line, Escape(got)),
			"use the board's console speed, e.g. --baud 115200")
	}
	col := firstDiff(sent, string(got))
	switch {
	case !complete && strings.HasPrefix(sent, string(got)) && !s.alive(end):
		return mk(ReasonStopped, col+1, fmt.Sprintf("the device stopped echoing in the middle of line %d (%d of %d bytes echoed) and answers nothing since", line, len(got), len(sent)),
			"reset the board and try again with --line-delay 50ms")
	case !complete && strings.HasPrefix(sent, string(got)):
		return mk(ReasonEcho, col+1, fmt.Sprintf("the device echoed %d of the %d bytes of line %d and waits for the rest: the bytes from column %d on were dropped, its receive buffer overflowed",
			len(got), len(sent), line, col+1),
			"slow down: --pace 1000 (bytes per second) or --line-delay 20ms, or --rtscts if the board has flow control")
	case end == EndingCR && idx > 0 && len(sent) > 0 && string(got) == sent[1:]:
		return mk(ReasonEcho, 1, fmt.Sprintf("the device lost the first byte of line %d (%q) after a CR line end: it takes the byte after CR as the LF of a CR LF pair", line, sent[:1]),
			"send CR LF or LF: --line-ending crlf")
	case len(got) < len(sent) && isSubsequence(got, sent):
		return mk(ReasonEcho, col+1, fmt.Sprintf("the device echoed %d of the %d bytes of line %d; %d were dropped, the first at column %d (%q): its receive buffer overflowed",
			len(got), len(sent), line, len(sent)-len(got), col+1, sent[col:col+1]),
			"slow down: --pace 1000 (bytes per second) or --line-delay 20ms, or --rtscts if the board has flow control")
	case !complete:
		return mk(ReasonStopped, col+1, fmt.Sprintf("the device stopped echoing in the middle of line %d (%d of %d bytes echoed)", line, len(got), len(sent)),
			"reset the board and try again with --line-delay 50ms")
	}
	var sentB, gotB string
	if col < len(sent) {
		sentB = fmt.Sprintf("%q", sent[col:col+1])
	} else {
		sentB = "the line end"
	}
	if col < len(got) {
		gotB = fmt.Sprintf("%q", Escape(got[col:col+1]))
	} else {
		gotB = "the line end"
	}
	return mk(ReasonEcho, col+1, fmt.Sprintf("the echo of line %d differs at column %d: sent %s, the device echoed %s", line, col+1, sentB, gotB),
		"the line is noisy or the baud rates differ slightly: check the cable and --baud")
}

// alive probes a device whose echo stalled: it sends one line end and
// reports whether anything at all comes back. A device that dropped the
// end of a line echoes the probe; one that hung does not.
func (s *session) alive(end LineEnding) bool {
	probe := end.Bytes()
	if probe == "" {
		probe = "\r\n"
	}
	s.tr.note(s.clock.Now(), "echo stalled: probing with a line end")
	before := s.total
	if err := s.write([]byte(probe)); err != nil {
		return false
	}
	_ = s.sleep(s.d.EchoTimeout)
	return s.total > before
}

func isTextish(b []byte) bool {
	bad := 0
	for _, c := range b {
		if !isText(c) {
			bad++
		}
	}
	return bad*4 < len(b)
}

func firstDiff(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// isSubsequence reports whether sub is sent with some bytes left out.
func isSubsequence(sub []byte, sent string) bool {
	j := 0
	for i := 0; i < len(sent) && j < len(sub); i++ {
		if sent[i] == sub[j] {
			j++
		}
	}
	return j == len(sub)
}

func (s *session) confirm(st *Step) error {
	if st.Confirm == ConfirmBetween {
		startText, _, err := s.expect(st.Pattern, st.Timeout)
		if err != nil {
			return err
		}
		// Capture up to and with the end marker.
		timer := s.clock.After(st.Timeout)
		for {
			if a, b, _ := s.resolve(st.End).find(s.buf); a >= 0 {
				captured := append([]byte(startText), s.buf[:b]...)
				s.consume(b)
				return s.compareReadBack(captured)
			}
			timedOut, err := s.pump(timer)
			if err != nil {
				return err
			}
			if timedOut {
				return s.fail(ReasonTimeout, fmt.Sprintf("the device began its read-back but did not end it with %s within %s (%d bytes so far)", st.End, st.Timeout, len(s.buf)),
					"the device may have stored less than was sent: reset it and run again")
			}
		}
	}
	matched, subs, err := s.expect(st.Pattern, st.Timeout)
	if err != nil {
		if se, ok := err.(*StepError); ok && (se.Reason == ReasonTimeout || se.Reason == ReasonStopped) {
			se.Detail = "no confirmation: " + se.Detail
		}
		return err
	}
	if len(st.Equals) > 0 {
		got := strings.TrimSpace(subs[0])
		var want []string
		for _, t := range st.Equals {
			v := expand(t, s.vars, s.p)
			want = append(want, v)
			if strings.EqualFold(got, v) {
				s.res.Confirmations = append(s.res.Confirmations, strings.TrimSpace(matched))
				s.tr.note(s.clock.Now(), "confirmation %q equals %s", got, t)
				return nil
			}
		}
		return s.fail(ReasonMismatch, fmt.Sprintf("the device confirmed %q, but what was sent gives %s", got, strings.Join(want, " or ")),
			"the device stored other bytes than were sent: lower the pace and run again")
	}
	s.res.Confirmations = append(s.res.Confirmations, strings.TrimSpace(matched))
	return nil
}

// compareReadBack compares the certificate the device printed back with
// the one sent: equal DER is a confirmation; otherwise the first differing
// line and column are named.
func (s *session) compareReadBack(captured []byte) error {
	blocks, text := pemBlocks(captured)
	var ders [][]byte
	for _, b := range blocks {
		ders = append(ders, b.Bytes)
	}
	if len(ders) == len(s.p.DER) {
		same := true
		for i := range ders {
			same = same && bytes.Equal(ders[i], s.p.DER[i])
		}
		if same {
			s.res.Confirmations = append(s.res.Confirmations, fmt.Sprintf("the device read back the %d certificate(s) sent, byte for byte", len(ders)))
			return nil
		}
	}
	// Find the first line that differs.
	var got []string
	for _, l := range strings.Split(string(text), "\n") {
		if l = strings.TrimRight(l, " \t"); l != "" {
			got = append(got, l)
		}
	}
	want := s.p.Lines()
	for i := 0; i < max(len(want), len(got)); i++ {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w == g {
			continue
		}
		e := s.fail(ReasonMismatch, "", "")
		e.CertLine, e.CertLines = i+1, len(want)
		col := firstDiff(w, g)
		e.Column = col + 1
		switch {
		case g == "":
			e.Detail = fmt.Sprintf("the device's read-back ends after %d of %d lines: it stored a cut-off certificate", len(got), len(want))
			e.Hint = "the device's buffer is too small for this certificate, or the transfer stopped: check its size limit"
		case len(w) > 0 && g == w[1:]:
			e.Detail = fmt.Sprintf("the device stored line %d without its first byte %q: the byte after each CR was taken as the LF of a CR LF pair", i+1, w[:1])
			e.Hint = "send CR LF or LF line ends: --line-ending crlf"
		case len(g) < len(w) && isSubsequence([]byte(g), w):
			e.Detail = fmt.Sprintf("the device stored %d of the %d bytes of line %d; the first missing byte is at column %d: bytes were dropped", len(g), len(w), i+1, col+1)
			e.Hint = "slow down: --pace 1000 or --line-delay 20ms"
		default:
			e.Detail = fmt.Sprintf("the device's read-back differs from what was sent at line %d, column %d", i+1, col+1)
			e.Hint = "check the baud rate and the cable, and run again"
		}
		return e
	}
	return s.fail(ReasonMismatch, "the device's read-back holds the same lines but not the same certificate", "")
}
